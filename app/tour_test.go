package app

import (
	"image"
	"image/color"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestBlank(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 20, 10))
	if !blank(img) {
		t.Error("an empty image is not blank")
	}
	img.Set(19, 9, color.White)
	if blank(img) {
		t.Error("an image with a white pixel is blank")
	}
	if err := writeCapture(filepath.Join(t.TempDir(), "x.png"), image.NewRGBA(image.Rect(0, 0, 4, 4))); err == nil {
		t.Error("a blank capture was written")
	}
}

// TestTour runs the smoke tour in the test driver: every step gets ready
// and its capture is written and not blank. The import step is left out:
// the test driver runs fyne.Do on the caller's goroutine, so an import's
// callbacks would race with the tour's here (the real driver runs both
// on its one UI goroutine); the summary has its own tests.
func TestTour(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	mw.Window.Resize(fyne.NewSize(1280, 800))
	out := t.TempDir()
	type result struct {
		written []string
		err     error
	}
	res := make(chan result, 1)
	var steps []TourStep
	for _, s := range mw.TourSteps(nil) {
		if s.Name != "import-summary" {
			steps = append(steps, s)
		}
	}
	mw.Tour(out, steps, 0, mw.CanvasCapture(), func(w []string, err error) { res <- result{w, err} })
	select {
	case r := <-res:
		if r.err != nil {
			t.Fatal(r.err)
		}
		if len(r.written) != len(steps) {
			t.Fatalf("%d captures for %d steps", len(r.written), len(steps))
		}
	case <-time.After(3 * time.Minute):
		t.Fatal("the tour did not finish")
	}
	if mw.app.Preferences().String(prefTheme) != string(ThemeDark) {
		t.Error("the tour did not end in the dark theme")
	}
}
