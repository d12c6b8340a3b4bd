package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"eventmap/assets"
	"eventmap/data/ingest"
	"eventmap/geo/geoparse"
)

// prefSampleOffered records that the sample collection was loaded (or
// offered) once, so that it is not loaded again into an emptied database.
const prefSampleOffered = "sample.offered"

// importer runs imports in the background, one at a time, with a progress
// dialog that can cancel them and a summary at the end.
type importer struct {
	mw *MainWindow

	parserOnce sync.Once
	parser     ingest.Geoparser

	running bool
}

// geoparser returns the geoparser, built on first use (loading the
// gazetteer takes a moment, so it is not done at start).
func (im *importer) geoparser() ingest.Geoparser {
	im.parserOnce.Do(func() {
		im.parser = ingest.Geoparse(geoparse.New(im.mw.gazetteer(), geoparse.Options{}))
	})
	return im.parser
}

// Import reads files, folders or feeds (paths), or the text of stdin when
// paths is ["-"], into the open database.
func (im *importer) Import(paths []string, stdin io.Reader, done func(ingest.Summary, error)) {
	mw := im.mw
	st := mw.explorer.store
	if st == nil {
		mw.showError(errors.New("no database is open yet; wait for it to load, or check the error shown when it was opened"))
		return
	}
	if st.ReadOnly() {
		mw.showError(readOnlyError(st, "cannot import"))
		return
	}
	if im.running {
		mw.showError(errors.New("an import is already running; wait for it or cancel it"))
		return
	}
	im.running = true
	ctx, cancel := context.WithCancel(mw.ctx)
	bar := widget.NewProgressBar()
	status := widget.NewLabel("Reading…")
	status.Wrapping = fyne.TextWrapWord
	var prog *dialog.CustomDialog
	cancelBtn := widget.NewButton("Cancel", func() {
		status.SetText("Cancelling: what is already stored is kept…")
		cancel()
	})
	body := container.NewVBox(status, bar, container.NewCenter(cancelBtn))
	prog = dialog.NewCustomWithoutButtons("Importing", container.NewGridWrap(fyne.NewSize(420, body.MinSize().Height), body), mw.Window)
	prog.Show()
	cfg := ingest.Config{
		Store:     st,
		Geoparser: im.geoparser(),
		Stdin:     stdin,
		Progress: func(p ingest.Progress) {
			fyne.Do(func() {
				bar.SetValue(p.Fraction())
				status.SetText(progressText(p))
			})
		},
	}
	go func() {
		sum, err := ingest.Run(ctx, cfg, paths)
		cancel()
		fyne.Do(func() {
			im.running = false
			prog.Hide()
			mw.explorer.Reload(mw.ctx)
			if done != nil {
				done(sum, err)
			} else {
				im.showSummary(sum, err)
			}
		})
	}()
}

// progressText is the line under the progress bar.
func progressText(p ingest.Progress) string {
	s := fmt.Sprintf("%d of %d articles geoparsed, %d events", p.Done, max(p.Total, p.Done), p.Events)
	if p.Rate > 0 {
		s += fmt.Sprintf(", %.0f articles/s", p.Rate)
	}
	if p.ETA > 0 {
		s += fmt.Sprintf(", about %s left", p.ETA.Round(1e9))
	}
	return s
}

// SummaryText describes an import's outcome, failures included.
func SummaryText(s ingest.Summary, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s stored with %s; %s already there.", plural(s.Articles, "article"), plural(s.Events, "event"), plural(s.Duplicates, "duplicate"))
	if errors.Is(err, context.Canceled) {
		b.WriteString("\n\nThe import was cancelled; everything stored before that is kept.")
	} else if err != nil {
		fmt.Fprintf(&b, "\n\nThe import stopped: %v", err)
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(&b, "\n\n%s could not be read:", plural(len(s.Failures), "input"))
		for i, f := range s.Failures {
			if i == 20 {
				fmt.Fprintf(&b, "\n… and %d more", len(s.Failures)-20)
				break
			}
			fmt.Fprintf(&b, "\n• %s", f.Error())
		}
	}
	return b.String()
}

func (im *importer) showSummary(s ingest.Summary, err error) {
	text := widget.NewLabel(SummaryText(s, err))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(460, 160))
	title := "Import finished"
	if len(s.Failures) > 0 || err != nil {
		title = "Import finished with problems"
	}
	dialog.ShowCustom(title, "Close", scroll, im.mw.Window)
}

// loadSample imports the built-in sample collection.
func (im *importer) loadSample(done func(ingest.Summary, error)) {
	dir, err := writeSample()
	if err != nil {
		im.mw.showError(fmt.Errorf("preparing the sample collection: %w", err))
		return
	}
	im.Import([]string{dir}, nil, func(s ingest.Summary, err error) {
		os.RemoveAll(dir)
		if done != nil {
			done(s, err)
		}
	})
}

// writeSample copies the embedded sample notes to a temporary folder.
func writeSample() (string, error) {
	dir, err := os.MkdirTemp("", "eventmap-sample-")
	if err != nil {
		return "", err
	}
	err = fs.WalkDir(assets.Sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.Sample, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// pickFile asks for an existing file (with the given extensions) and
// hands over its path; the file is only opened by the caller.
func (mw *MainWindow) pickFile(exts []string, use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			mw.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		use(path)
	}, mw.Window)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// pickFolder asks for a folder and hands over its path.
func (mw *MainWindow) pickFolder(use func(path string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			mw.showError(err)
			return
		}
		if u != nil {
			use(u.Path())
		}
	}, mw.Window)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// showImportFiles opens the file chooser for one file (text, HTML, feed,
// CSV, JSON Lines or corpus XML).
func (mw *MainWindow) showImportFiles() {
	mw.pickFile([]string{".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom", ".json", ".jsonl", ".ndjson", ".csv", ".tsv"},
		func(path string) { mw.imports.Import([]string{path}, nil, nil) })
}

// showImportFolder opens the folder chooser: every readable file in the
// folder and below it is imported.
func (mw *MainWindow) showImportFolder() {
	mw.pickFolder(func(path string) { mw.imports.Import([]string{path}, nil, nil) })
}

// showPasteText lets the user paste an article's text.
func (mw *MainWindow) showPasteText() {
	entry := widget.NewMultiLineEntry()
	entry.SetPlaceHolder("Paste an article here. An optional first line \"date YYYY-MM-DD Title\" gives its date and title.")
	entry.Wrapping = fyne.TextWrapWord
	entry.SetMinRowsVisible(14)
	box := container.NewGridWrap(fyne.NewSize(620, entry.MinSize().Height), entry)
	dialog.ShowCustomConfirm("Paste Article Text", "Import", "Cancel", box, func(ok bool) {
		if !ok || strings.TrimSpace(entry.Text) == "" {
			return
		}
		mw.imports.Import([]string{"-"}, strings.NewReader(entry.Text), nil)
	}, mw.Window)
}

// dropped imports files dropped onto the window.
func (mw *MainWindow) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		mw.imports.Import(paths, nil, nil)
	}
}
