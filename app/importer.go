package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"eventmap/assets"
	"eventmap/data/ingest"
	"eventmap/data/model"
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
	st := mw.explorer.c.Store()
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
	// Two lines of one line each, so that the dialog's height never
	// changes and no line is cut under the bar.
	status, pace := widget.NewLabel("Reading…"), widget.NewLabel(" ")
	status.Truncation, pace.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	var prog *dialog.CustomDialog
	cancelBtn := widget.NewButton("Cancel", func() {
		status.SetText("Cancelling: what is already stored is kept…")
		cancel()
	})
	body := container.NewVBox(status, pace, bar, container.NewCenter(cancelBtn))
	prog = dialog.NewCustomWithoutButtons("Importing", fixedWidth(460, body), mw.Window)
	prog.Show()
	cfg := ingest.Config{
		Store:     st,
		Geoparser: im.geoparser(),
		Stdin:     stdin,
		Progress: func(p ingest.Progress) {
			fyne.Do(func() {
				bar.SetValue(p.Fraction())
				line1, line2 := progressText(p)
				status.SetText(line1)
				pace.SetText(line2)
			})
		},
	}
	go func() {
		sum, err := ingest.Run(ctx, cfg, paths)
		cancel()
		fyne.Do(func() {
			im.running = false
			prog.Hide()
			mw.explorer.Reload()
			if done != nil {
				done(sum, err)
			} else {
				im.showSummary(sum, err)
			}
		})
	}()
}

// progressText is the two lines above the progress bar: the articles
// done out of the total, and the pace. While files are still being read
// the total is an estimate from the bytes read: it is written "about N",
// rounded to two significant digits, so that it reads as one and does not
// flicker as the estimate is refined.
func progressText(p ingest.Progress) (string, string) {
	total := max(p.Total, p.Done)
	of := groupDigits(total)
	if p.Reading && total > p.Done {
		of = "about " + groupDigits(max(roundSignificant(total, 2), p.Done))
	}
	line1 := fmt.Sprintf("%s of %s articles geoparsed · %s", groupDigits(p.Done), of, plural(p.Events, "event"))
	var pace []string
	if p.Reading {
		pace = append(pace, "reading files")
	}
	if p.Rate > 0 {
		pace = append(pace, fmt.Sprintf("%.0f articles/s", p.Rate))
	}
	if p.ETA > 0 {
		pace = append(pace, "about "+p.ETA.Round(time.Second).String()+" left")
	}
	line2 := strings.Join(pace, " · ")
	if line2 == "" {
		line2 = " "
	}
	return line1, line2
}

// roundSignificant rounds n to d significant digits.
func roundSignificant(n, d int) int {
	if n <= 0 {
		return n
	}
	unit := 1
	for k := n; k >= 10*pow10(d-1); k /= 10 {
		unit *= 10
	}
	return (n + unit/2) / unit * unit
}

func pow10(d int) int {
	p := 1
	for range d {
		p *= 10
	}
	return p
}

// SummaryText describes an import's outcome, failures included (all of
// them: it is what the summary's Copy button copies).
func SummaryText(s ingest.Summary, err error) string {
	var b strings.Builder
	b.WriteString(summaryHeadline(s))
	if f := formatCounts(s); f != "" {
		b.WriteString("\nStored by format: " + f)
	}
	if e := summaryStop(err); e != "" {
		b.WriteString("\n" + e)
	}
	if k := skippedLine(s); k != "" {
		b.WriteString("\n" + k)
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(&b, "\n%s could not be read:", plural(len(s.Failures), "input"))
		for _, f := range s.Failures {
			fmt.Fprintf(&b, "\n• %s", f.Error())
		}
	}
	return b.String()
}

// skippedLine names the files of folders that are in no article format,
// up to three of them by name, or is "".
func skippedLine(s ingest.Summary) string {
	n := len(s.Skipped)
	if n == 0 {
		return ""
	}
	names := make([]string, 0, 3)
	for _, f := range s.Skipped[:min(n, 3)] {
		names = append(names, filepath.Base(f))
	}
	more := ""
	if n > 3 {
		more = fmt.Sprintf(" and %d more", n-3)
	}
	return fmt.Sprintf("Skipped, not in an article format: %s%s", strings.Join(names, ", "), more)
}

// summaryHeadline is "5 articles stored · 6 events · 1 duplicate skipped".
func summaryHeadline(s ingest.Summary) string {
	return fmt.Sprintf("%s stored · %s · %s skipped", plural(s.Articles, "article"), plural(s.Events, "event"), plural(s.Duplicates, "duplicate"))
}

// formatName is a format's name as the summary writes it.
func formatName(f model.Format) string {
	switch f {
	case model.FormatText:
		return "text"
	case model.FormatMarkdown:
		return "Markdown"
	case model.FormatHTML:
		return "HTML"
	case model.FormatFeed:
		return "RSS/Atom"
	case model.FormatJSONL:
		return "JSON Lines"
	case model.FormatCSV:
		return "CSV"
	case model.FormatLGL:
		return "LGL/TR-News XML"
	case model.FormatGeoVirus:
		return "GeoVirus XML"
	}
	return orDefault(string(f), "other")
}

// formatCounts is "text 3 · Markdown 1 · JSON Lines 1", the most
// frequent format first, or "" when nothing was stored.
func formatCounts(s ingest.Summary) string {
	type fc struct {
		name string
		n    int
	}
	var fs []fc
	for f, n := range s.Formats {
		fs = append(fs, fc{formatName(f), n})
	}
	slices.SortFunc(fs, func(a, b fc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.name, b.name)
	})
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.name + " " + groupDigits(f.n)
	}
	return strings.Join(parts, " · ")
}

// summaryStop explains an error that stopped the import, or is "".
func summaryStop(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "The import was cancelled; everything stored before that is kept."
	}
	return fmt.Sprintf("The import stopped: %v", err)
}

// summaryWidth is the import summary's width; its height follows what it
// says.
const summaryWidth = 520

// summaryView is the import summary's content.
type summaryView struct {
	box      fyne.CanvasObject
	failures *container.Scroll // nil when nothing failed
	copyBtn  *widget.Button    // nil when nothing failed
	text     string            // what Copy copies
}

// maxFailureRows is how many failure lines show before the list scrolls.
const maxFailureRows = 8

// newSummaryView lays out an import's outcome: the counts, the counts by
// format, why it stopped, and the failures in a list that scrolls beyond
// a few lines, with a button that copies everything.
func newSummaryView(s ingest.Summary, err error, clip func(string)) *summaryView {
	v := &summaryView{text: SummaryText(s, err)}
	head := widget.NewLabelWithStyle(summaryHeadline(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{head}
	if f := formatCounts(s); f != "" {
		l := newSecondaryText(true)
		setSecondaryText(l, "Stored by format: "+f)
		parts = append(parts, l)
	}
	if e := summaryStop(err); e != "" {
		l := widget.NewLabel(e)
		l.Wrapping = fyne.TextWrapWord
		parts = append(parts, l)
	}
	if k := skippedLine(s); k != "" {
		l := newSecondaryText(true)
		setSecondaryText(l, k)
		parts = append(parts, l)
	}
	if len(s.Failures) > 0 {
		rows := container.NewVBox()
		for _, f := range s.Failures {
			l := widget.NewLabel(f.Error())
			l.Wrapping = fyne.TextWrapWord
			rows.Add(l)
		}
		v.failures = container.NewVScroll(rows)
		// As tall as the rows, up to maxFailureRows of them.
		row := widget.NewLabel("x").MinSize().Height + theme.Padding()
		rows.Resize(fyne.NewSize(summaryWidth, rows.MinSize().Height)) // wrapped rows measure at the list's width
		v.failures.SetMinSize(fyne.NewSize(summaryWidth, min(rows.MinSize().Height, row*maxFailureRows)))
		v.copyBtn = widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() { clip(v.text) })
		title := widget.NewLabelWithStyle(plural(len(s.Failures), "input")+" could not be read:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		parts = append(parts, container.NewBorder(nil, nil, nil, v.copyBtn, title), v.failures)
	}
	v.box = fixedWidth(summaryWidth, container.NewVBox(parts...))
	return v
}

func (im *importer) showSummary(s ingest.Summary, err error) {
	v := newSummaryView(s, err, func(text string) { im.mw.app.Clipboard().SetContent(text) })
	title := "Import finished"
	if len(s.Failures) > 0 || err != nil {
		title = "Import finished with problems"
	}
	dialog.ShowCustom(title, "Close", v.box, im.mw.Window)
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
