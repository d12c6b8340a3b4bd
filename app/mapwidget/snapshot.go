package mapwidget

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"eventmap/geo/basemap"
	"eventmap/geo/viewport"
)

// Snapshot draws the map as it is now (basemap and overlays) into a new
// image at the view's size.
func (m *MapView) Snapshot() *image.RGBA {
	v := m.view
	img := image.NewRGBA(image.Rect(0, 0, max(1, v.Width), max(1, v.Height)))
	dark := m.dark()
	st := basemap.LightStyle()
	if dark {
		st = basemap.DarkStyle()
	}
	m.renderer.Render(img, v, st)
	if m.tileLayer != nil {
		m.tileLayer.Draw(img, v, dark)
	}
	for _, o := range m.overlays {
		o.Draw(img, v, dark)
	}
	attribution := "Natural Earth"
	if m.attribution != "" {
		attribution += " · " + m.attribution
	}
	annotateSnapshot(img, v, dark, attribution)
	return img
}

// annotateSnapshot draws on a snapshot of the map what the window shows
// over it and a saved map must carry: the scale bar (bottom left) and the
// attribution of the map data (bottom right), each on a plate of the
// background colour.
func annotateSnapshot(img *image.RGBA, v viewport.View, dark bool, attribution string) {
	scale := max(v.Scale, 1)
	fg, bg := color.NRGBA{0x20, 0x20, 0x20, 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xd0}
	if dark {
		fg, bg = color.NRGBA{0xf3, 0xf3, 0xf3, 0xff}, color.NRGBA{0x17, 0x17, 0x18, 0xd0}
	}
	f, _ := opentype.Parse(gobold.TTF) // the font the markers use: no second font in the binary
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 11 * scale, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return
	}
	defer face.Close()
	ascent := face.Metrics().Ascent.Ceil()
	lineH := face.Metrics().Height.Ceil()
	pad := int(math.Round(4 * scale))
	b := img.Bounds()
	text := func(s string, x, y int) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.P(x, y+ascent)}
		d.DrawString(s)
	}
	plate := func(r image.Rectangle) {
		draw.Draw(img, r, image.NewUniform(bg), image.Point{}, draw.Over)
	}

	// The attribution, bottom right.
	tw := font.MeasureString(face, attribution).Ceil()
	ar := image.Rect(b.Max.X-tw-3*pad, b.Max.Y-lineH-2*pad, b.Max.X-pad, b.Max.Y-pad)
	plate(ar)
	text(attribution, ar.Min.X+pad, ar.Min.Y+pad)

	// The scale bar, bottom left, as the window draws it.
	meters, px := ScaleBarLength(v.MetersPerPixel(v.CenterLonLat()[1])/scale, ScaleBarMax*scale)
	if meters <= 0 {
		return
	}
	label := FormatDistance(meters)
	w := max(int(px), font.MeasureString(face, label).Ceil())
	tick := int(math.Round(6 * scale))
	sr := image.Rect(b.Min.X+2*pad, b.Max.Y-2*pad-lineH-tick-2*pad, b.Min.X+2*pad+w+2*pad, b.Max.Y-2*pad)
	plate(sr)
	text(label, sr.Min.X+pad, sr.Min.Y+pad)
	x0, x1, y := sr.Min.X+pad, sr.Min.X+pad+int(px), sr.Min.Y+pad+lineH+tick/2
	stroke := max(1, int(math.Round(1.5*scale)))
	fill := image.NewUniform(fg)
	draw.Draw(img, image.Rect(x0, y-stroke/2, x1, y-stroke/2+stroke), fill, image.Point{}, draw.Src)
	for _, x := range []int{x0, x1 - stroke} {
		draw.Draw(img, image.Rect(x, y-tick/2, x+stroke, y+tick/2), fill, image.Point{}, draw.Src)
	}
}
