package dl

import "testing"

// TestValleyMatchesFastai compares valley with the indices that fastai's
// valley function (fastai/callback/schedule.py, transcribed to Python and run
// on these curves) returns.
func TestValleyMatchesFastai(t *testing.T) {
	tests := []struct {
		name   string
		losses []float64
		want   int
	}{
		{"decreasing then up", []float64{5, 4, 3, 2, 1, 2, 3}, 0},
		{"bumpy", []float64{3, 3.1, 2.9, 3.0, 2.5, 2.6, 2.0, 1.5, 1.7, 1.2, 1.0, 1.1, 0.9, 2.0, 5.0}, 7},
		{"flat then valley", []float64{1, 1, 1, 1, 1, 0.9, 0.8, 0.85, 0.7, 0.5, 0.3, 0.2, 0.25, 0.4, 0.9, 3}, 7},
	}
	for _, tt := range tests {
		if got := valley(tt.losses); got != tt.want {
			t.Errorf("%s: valley = %d, fastai gives %d", tt.name, got, tt.want)
		}
	}
}
