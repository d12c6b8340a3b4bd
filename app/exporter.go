package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"eventmap/data/export"
	"eventmap/data/store"
	"eventmap/geo/basemap"
	"eventmap/geo/viewport"
)

// saveAs asks where to save a file (suggesting name, with its extension
// as the filter) and hands the chosen file to write, off the UI goroutine;
// errors are shown naming the file.
func (mw *MainWindow) saveAs(name, what string, write func(io.Writer) (string, error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			mw.showError(err)
			return
		}
		if w == nil {
			return
		}
		go func() {
			msg, err := write(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					mw.showError(fmt.Errorf("saving %s to %s: %w", what, w.URI().Path(), err))
					return
				}
				if msg != "" {
					dialog.ShowInformation("Saved", msg+" "+w.URI().Path()+".", mw.Window)
				}
			})
		}()
	}, mw.Window)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{filepath.Ext(name)}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// showExport asks where to save the events of the current filter in a
// format, and writes them in the background.
func (mw *MainWindow) showExport(f export.Format) {
	st := mw.explorer.c.Store()
	if st == nil {
		mw.showError(fmt.Errorf("no database is open yet"))
		return
	}
	q := mw.explorer.c.Query()
	keep := mw.explorer.c.ShownIDs()
	mw.saveAs("events"+f.Extension(), "the events", func(w io.Writer) (string, error) {
		n, err := exportShown(mw.ctx, w, f, st, q, keep)
		return fmt.Sprintf("Wrote %s to", plural(n, "event")), err
	})
}

// exportShown writes the events q selects, keeping only those in keep when
// it is not nil (the filters of kind and date precision, which the store
// cannot search by).
func exportShown(ctx context.Context, out io.Writer, f export.Format, st Store, q store.Query, keep map[string]bool) (int, error) {
	if keep == nil {
		return export.Events(ctx, out, f, st, q)
	}
	w, err := export.NewWriter(out, f)
	if err != nil {
		return 0, err
	}
	n := 0
	var werr error
	err = st.Search(ctx, q, func(h store.Hit) bool {
		if keep[h.ID] {
			if werr = w.Write(h); werr != nil {
				return false
			}
			n++
		}
		return true
	})
	if err == nil {
		err = werr
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// showExportPNG saves the map as it is drawn now, with its scale bar and
// attribution, and says where it was written.
func (mw *MainWindow) showExportPNG() {
	img := mw.Map.Snapshot()
	mw.saveAs("map.png", "the map", func(w io.Writer) (string, error) {
		return fmt.Sprintf("Saved the map (%d × %d pixels) to", img.Bounds().Dx(), img.Bounds().Dy()), writePNG(w, img)
	})
}

func writePNG(w io.Writer, img image.Image) error { return png.Encode(w, img) }

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
	meters, px := ScaleBarLength(v.MetersPerPixel(v.CenterLonLat()[1])/scale, scaleBarMax*scale)
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

// exportFormats are the formats of File ▸ Export, with their menu labels.
var exportFormats = []struct {
	f     export.Format
	label string
}{
	{export.GeoJSON, "GeoJSON…"},
	{export.CSV, "CSV…"},
	{export.KML, "KML (Google Earth)…"},
}
