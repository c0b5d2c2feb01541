package plotting

import (
	"fmt"
	"math"
)

// finite returns an error naming what and the index of the first NaN or
// ±Inf in v, and an error if v is empty.
func finite(what string, v []float64) error {
	if len(v) == 0 {
		return fmt.Errorf("plotting: %s is empty", what)
	}
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("plotting: %s[%d] is %v", what, i, x)
		}
	}
	return nil
}

// positive returns an error if some element of v is not > 0, which a
// logarithmic axis cannot show.
func positive(what string, v []float64) error {
	for i, x := range v {
		if !(x > 0) {
			return fmt.Errorf("plotting: %s[%d] = %v, but a log scale needs values > 0", what, i, x)
		}
	}
	return nil
}

// interval returns an error unless min < max and both are finite.
func interval(what string, min, max float64) error {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return fmt.Errorf("plotting: %s [%v, %v] is not finite", what, min, max)
	}
	if !(min < max) {
		return fmt.Errorf("plotting: %s [%v, %v] is empty: need min < max", what, min, max)
	}
	return nil
}

// sameLen panics if the slices do not have the same length: that is a bug
// in the calling code, not bad data.
func sameLen(fn, a, b string, na, nb int) {
	if na != nb {
		panic(fmt.Sprintf("plotting: %s: len(%s) = %d, len(%s) = %d", fn, a, na, b, nb))
	}
}
