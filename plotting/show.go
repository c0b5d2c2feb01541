package plotting

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrNotNotebook is returned by Show when the program does not run inside a
// GoNB notebook cell, where there is nowhere to show a figure. Save the
// figure to a file instead.
var ErrNotNotebook = errors.New("plotting: not running in a GoNB notebook: use Save to write the figure to a file")

// pngDPI is the resolution of PNG files: 96 dots per inch is what browsers
// assume, so a Width × Height PNG shows at the same size as the SVG.
const pngDPI = 96

// Show renders p at Width × Height as SVG and displays it in the GoNB
// notebook as a static image/svg+xml output, which Jupyter, nbviewer and
// GitHub render and which stays in the saved notebook. It waits until GoNB
// has received the figure (gonbui.Sync), so figures and printed text keep
// their order and none is lost when the cell's program exits.
//
// Outside a notebook Show draws nothing and returns ErrNotNotebook.
func Show(p *plot.Plot) error { return show(p, Width, Height) }

// Save renders p at Width × Height and writes it to path, as SVG if path
// ends in ".svg" and as PNG (at 96 dpi) if it ends in ".png".
func Save(p *plot.Plot, path string) error { return save(p, Width, Height, path) }

// drawer is what can be rendered: *plot.Plot and *Grid.
type drawer interface{ Draw(draw.Canvas) }

func show(d drawer, w, h vg.Length) error {
	if !gonbui.IsNotebook {
		return ErrNotNotebook
	}
	svg, err := render(d, w, h, "svg")
	if err != nil {
		return err
	}
	return publishSVG(svg)
}

// publishSVG sends svg to the notebook as an image/svg+xml output.
// gonbui.DisplaySvg is not used on purpose: it wraps the SVG in a text/html
// output, which GitHub does not render.
func publishSVG(svg []byte) error {
	// GoNB reads a cell's stdout and its displays on separate pipes, so
	// text printed just before a figure can reach the notebook after it.
	// A Sync first lets the kernel take in the earlier output, and the
	// Sync after makes sure the figure arrives before the program exits.
	gonbui.Sync()
	gonbui.SendData(&protocol.DisplayData{
		Data: map[protocol.MIMEType]any{protocol.MIMEImageSVG: string(svg)},
	})
	gonbui.Sync()
	if err := gonbui.Error(); err != nil {
		return fmt.Errorf("plotting: sending figure to GoNB: %w", err)
	}
	return nil
}

func save(d drawer, w, h vg.Length, path string) error {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if format != "svg" && format != "png" {
		return fmt.Errorf("plotting: cannot save %q: the name must end in .svg or .png", path)
	}
	b, err := render(d, w, h, format)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("plotting: %w", err)
	}
	return nil
}

// render draws d on a w × h canvas and returns the encoded "svg" or "png".
func render(d drawer, w, h vg.Length, format string) ([]byte, error) {
	var buf bytes.Buffer
	switch format {
	case "svg":
		c := vgsvg.New(w, h)
		d.Draw(draw.New(c))
		if _, err := c.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("plotting: rendering SVG: %w", err)
		}
		return fixImageType(stretchImages(fixFonts(buf.Bytes()))), nil
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(pngDPI))
		d.Draw(draw.New(c))
		// Fast compression: at the default level a figure with a smooth
		// heat map spends two thirds of its time compressing, to end
		// up only a fifth smaller (loss surface: 160 kB against 200 kB).
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, c.Image()); err != nil {
			return nil, fmt.Errorf("plotting: rendering PNG: %w", err)
		}
		return buf.Bytes(), nil
	}
	panic("plotting: unknown format " + format)
}

// fixFonts adds fallback families to the font names in svg. The SVG names
// Liberation Sans, which few computers have; without a fallback a browser
// would use its default serif font, whose wider letters spill out of the
// space gonum measured. Arial and Helvetica have the same metrics.
func fixFonts(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
}

// fixImageType gives every embedded bitmap its true MIME type. gonum's
// SVG backend (vgsvg.Canvas.DrawImage, gonum/plot v0.17.0) encodes images
// as PNG but labels them "data:image/jpg". Browsers sniff the bytes and
// show them anyway; librsvg (rsvg-convert, GNOME's viewers, nbconvert's
// PDF route) trusts the label, fails to decode a JPEG and drops the image,
// so every tint, heat map and digit would vanish there.
func fixImageType(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte(`xlink:href="data:image/jpg;base64,`), []byte(`xlink:href="data:image/png;base64,`))
}

// stretchImages lets every embedded bitmap (the coloured field behind a
// decision boundary or a loss surface) fill the rectangle gonum gave it.
// gonum's SVG backend writes <image width=W height=H> without
// preserveAspectRatio, and browsers default to "xMidYMid meet": a square
// 100×100 field inside a wide data area would be letterboxed into a centred
// square, so the coloured regions would sit in the wrong place relative to
// the points and axes. PNG output draws the bitmap stretched already.
func stretchImages(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("<image "), []byte(`<image preserveAspectRatio="none" `))
}
