package app

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"eventmap/data/export"
	"eventmap/data/store"
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

// exportFormats are the formats of File ▸ Export, with their menu labels.
var exportFormats = []struct {
	f     export.Format
	label string
}{
	{export.GeoJSON, "GeoJSON…"},
	{export.CSV, "CSV…"},
	{export.KML, "KML (Google Earth)…"},
}
