package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"eventmap/data/ingest"
	"eventmap/data/model"
)

func TestSummaryText(t *testing.T) {
	s := ingest.Summary{Articles: 5, Events: 6, Duplicates: 1,
		Formats:  map[model.Format]int{model.FormatText: 3, model.FormatMarkdown: 1, model.FormatJSONL: 1},
		Failures: []ingest.Failure{{Input: "bad.txt", Err: errors.New("article: bad.txt: binary data")}},
		Skipped:  []string{"/in/a.jpg", "/in/b.png", "/in/c.xlsx", "/in/d.zip"}}
	got := SummaryText(s, context.Canceled)
	want := "5 articles stored · 6 events · 1 duplicate skipped\n" +
		"Stored by format: text 3 · JSON Lines 1 · Markdown 1\n" +
		"The import was cancelled; everything stored before that is kept.\n" +
		"Skipped, not in an article format: a.jpg, b.png, c.xlsx and 1 more\n" +
		"1 input could not be read:\n• article: bad.txt: binary data"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestImportSummarySizedToContent: a clean import's summary is a few lines
// high; a long list of failures scrolls inside a bounded list, every
// failure with its reason, and Copy copies them all.
func TestImportSummarySizedToContent(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(ThemeFor(ThemeLight))
	clean := newSummaryView(ingest.Summary{Articles: 3, Events: 9, Formats: map[model.Format]int{model.FormatHTML: 3}}, nil, nil)
	if h := clean.box.MinSize().Height; h > 100 {
		t.Errorf("a clean import's summary is %.0f high", h)
	}
	if clean.failures != nil || clean.copyBtn != nil {
		t.Error("a failure list without failures")
	}
	var fails []ingest.Failure
	for i := range 40 {
		fails = append(fails, ingest.Failure{Input: fmt.Sprintf("/data/in/file%02d.html", i), Err: fmt.Errorf("article: /data/in/file%02d.html: no text found", i)})
	}
	var copied string
	v := newSummaryView(ingest.Summary{Articles: 2, Events: 4, Failures: fails, Formats: map[model.Format]int{model.FormatHTML: 2}}, nil,
		func(s string) { copied = s })
	if v.failures == nil || v.copyBtn == nil {
		t.Fatal("no failure list")
	}
	if h := v.box.MinSize().Height; h > 500 {
		t.Errorf("the summary with 40 failures is %.0f high: the list does not scroll", h)
	}
	if rows := v.failures.Content.MinSize().Height; rows <= v.failures.MinSize().Height {
		t.Errorf("the list (%.0f) is not taller than its window (%.0f)", rows, v.failures.MinSize().Height)
	}
	test.Tap(v.copyBtn)
	for _, f := range fails {
		if !strings.Contains(copied, f.Err.Error()) {
			t.Fatalf("the copied list lacks %q", f.Err)
		}
	}
	// Golden: the summary of an import with a few failures.
	few := newSummaryView(ingest.Summary{Articles: 12, Events: 57, Duplicates: 2, Failures: fails[:3],
		Formats: map[model.Format]int{model.FormatHTML: 7, model.FormatFeed: 4, model.FormatText: 1}}, nil, nil)
	win := test.NewTempWindow(t, few.box)
	win.Resize(few.box.MinSize().Add(fyne.NewSize(8, 8)))
	assertGolden(t, "importer/summary.png", win.Canvas().Capture())
}
