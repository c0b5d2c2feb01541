package plotting

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/palette/moreland"
)

// colorMap maps a number t in [0, 1] to one of 256 colours. Figures that
// colour a grid store the index into it (an 8-bit paletted image), which
// keeps their embedded PNGs small.
type colorMap [256]color.NRGBA

// index returns the entry for t, clamping t to [0, 1].
func (m *colorMap) index(t float64) uint8 {
	switch {
	case t <= 0 || math.IsNaN(t):
		return 0
	case t >= 1:
		return 255
	}
	return uint8(t*255 + 0.5)
}

// at returns the colour for t in [0, 1].
func (m *colorMap) at(t float64) color.NRGBA { return m[m.index(t)] }

// palette returns the map as a color.Palette for image.Paletted.
func (m *colorMap) palette() color.Palette {
	p := make(color.Palette, len(m))
	for i, c := range m {
		p[i] = c
	}
	return p
}

// viridisStops are nine evenly spaced samples of viridis (van der Walt and
// Smith 2015), the sequential map of Matplotlib: its lightness grows
// linearly from dark purple to yellow, so equal steps in value look like
// equal steps in colour, also to colour-blind readers and in grey print.
// The 256 colours of the map are interpolated linearly between them.
var viridisStops = [...]color.NRGBA{
	{0x44, 0x01, 0x54, 0xFF},
	{0x47, 0x2D, 0x7B, 0xFF},
	{0x3B, 0x52, 0x8B, 0xFF},
	{0x2C, 0x72, 0x8E, 0xFF},
	{0x21, 0x90, 0x8C, 0xFF},
	{0x27, 0xAD, 0x81, 0xFF},
	{0x5D, 0xC8, 0x63, 0xFF},
	{0xAA, 0xDC, 0x32, 0xFF},
	{0xFD, 0xE7, 0x25, 0xFF},
}

// viridis returns the viridis colour map.
func viridis() *colorMap {
	var m colorMap
	n := len(viridisStops) - 1
	for i := range m {
		t := float64(i) / 255 * float64(n)
		k := min(int(t), n-1)
		m[i] = mix(viridisStops[k], viridisStops[k+1], t-float64(k))
	}
	return &m
}

// blueRed returns Moreland's (2009) smooth diverging map from blue (t = 0)
// through light grey (t = ½) to red (t = 1), mixed with white by the
// fraction fade so that points drawn on top stay visible. Diverging maps
// suit probabilities: the eye finds the middle, p = ½, at once.
func blueRed(fade float64) *colorMap {
	var m colorMap
	cm := moreland.SmoothBlueRed()
	cm.SetMin(0)
	cm.SetMax(1)
	for i := range m {
		c, err := cm.At(float64(i) / 255)
		if err != nil {
			panic(err) // cannot happen: i/255 lies in [0, 1]
		}
		m[i] = mix(color.NRGBAModel.Convert(c).(color.NRGBA), white, fade)
	}
	return &m
}

var white = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}

// mix returns (1-t)·a + t·b, channel by channel.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round((1-t)*float64(x) + t*float64(y))) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xFF}
}

// faded returns Color(i) mixed with white by the fraction t.
func faded(i int, t float64) color.NRGBA {
	return mix(okabeIto[((i%len(okabeIto))+len(okabeIto))%len(okabeIto)], white, t)
}

// luminance returns the relative luminance of c in [0, 1] (ITU-R BT.709
// weights on sRGB values, without linearisation: good enough to choose
// black or white text on a coloured cell).
func luminance(c color.NRGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}
