package app

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"eventmap/data/ingest"
)

// TourStep is one state of the window that Tour captures.
type TourStep struct {
	// Name names the capture: NN-Name.png.
	Name string
	// Do puts the window in the state (on the UI goroutine); Ready, when
	// set, reports when it is there (polled on the UI goroutine).
	Do    func()
	Ready func() bool
}

// tourTimeout is how long a tour step waits to be ready.
const tourTimeout = 90 * time.Second

// TourSteps are the main states of the window, as `make ui-smoke` shows
// them: first start, an import of inputs and its summary, an event
// selected, its article, the correction panel, the settings, the dark
// theme. The theme choice is left at dark afterwards.
func (mw *MainWindow) TourSteps(inputs []string) []TourStep {
	x := mw.explorer
	loaded := func() bool { return x.c.Index() != nil && x.c.Index().Len() > 0 && !mw.imports.running }
	dialogShown := func() bool { return mw.Window.Canvas().Overlays().Top() != nil }
	closeDialog := func() {
		for o := mw.Window.Canvas().Overlays().Top(); o != nil; o = mw.Window.Canvas().Overlays().Top() {
			mw.Window.Canvas().Overlays().Remove(o)
		}
	}
	imported := false
	return []TourStep{
		// In the light theme, whatever the system's, so that the last step
		// shows the change to dark.
		{Name: "first-start", Do: func() { mw.SetTheme(ThemeLight) }, Ready: loaded},
		{Name: "import-summary", Do: func() {
			mw.imports.Import(inputs, nil, func(s ingest.Summary, err error) {
				imported = true
				mw.imports.showSummary(s, err)
			})
		}, Ready: func() bool { return imported && loaded() && dialogShown() }},
		{Name: "event-selected", Do: func() {
			closeDialog()
			mw.Map.ResetView()
			if len(x.listItems) > 0 {
				x.list.Select(0)
			}
		}, Ready: func() bool { return x.layer.Selected() >= 0 }},
		{Name: "article", Do: func() { x.readArticle() }, Ready: func() bool { return x.article.articleID != "" }},
		{Name: "correction", Do: func() {
			a := x.article
			k := 0
			for i, m := range a.mentions {
				if len(m.RunnersUp) > 0 {
					k = i
					break
				}
			}
			a.pick(k)
		}},
		{Name: "settings", Do: func() { mw.showSettings() }, Ready: dialogShown},
		{Name: "dark-theme", Do: func() {
			closeDialog()
			mw.side.SelectIndex(0)
			mw.SetTheme(ThemeDark)
		}},
	}
}

// Tour steps the window through steps and has capture save each state as
// dir/NN-name.png, settle after each step is ready (the time a real window
// needs to draw it), then calls done (on the UI goroutine) with the paths
// written and the first error: a step that does not get ready or a capture
// that fails. It returns at once. CanvasCapture and ScreenCapture are the
// captures.
func (mw *MainWindow) Tour(dir string, steps []TourStep, settle time.Duration, capture func(path string) error, done func(written []string, err error)) {
	go func() {
		var written []string
		err := os.MkdirAll(dir, 0o755)
		for i, s := range steps {
			if err != nil {
				break
			}
			fyne.DoAndWait(s.Do)
			if s.Ready != nil {
				err = waitFor(s.Ready, tourTimeout)
				if err != nil {
					err = fmt.Errorf("app: tour step %q: %w", s.Name, err)
					break
				}
			}
			time.Sleep(settle) // let the window draw it
			path := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", i+1, s.Name))
			if err = capture(path); err == nil {
				written = append(written, path)
			}
		}
		fyne.Do(func() { done(written, err) })
	}()
}

// CanvasCapture returns a capture that saves the window's canvas (with
// the test driver, or any driver whose canvas can read back its frame).
func (mw *MainWindow) CanvasCapture() func(path string) error {
	return func(path string) error {
		var img image.Image
		fyne.DoAndWait(func() { img = mw.Window.Canvas().Capture() })
		return writeCapture(path, img)
	}
}

// ScreenCapture returns a capture that asks another program for a shot of
// the real screen: it writes path+".ready", and waits (up to timeout) for
// that program to write the PNG at path and remove the marker, as
// .ci/ui-smoke does with ImageMagick's import. The PNG must not be blank.
func ScreenCapture(timeout time.Duration) func(path string) error {
	return func(path string) error {
		marker := path + ".ready"
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return fmt.Errorf("app: capture: %w", err)
		}
		deadline := time.Now().Add(timeout)
		for {
			if _, err := os.Stat(marker); errors.Is(err, fs.ErrNotExist) {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("app: capture %s: no screenshot after %s", path, timeout)
			}
			time.Sleep(100 * time.Millisecond)
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("app: capture: %w", err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			return fmt.Errorf("app: capture %s: %w", path, err)
		}
		if blank(img) {
			return fmt.Errorf("app: capture %s: %w", path, errBlank)
		}
		return nil
	}
}

// waitFor polls ready on the UI goroutine until it is true or timeout
// passes.
func waitFor(ready func() bool, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok := false
		fyne.DoAndWait(func() { ok = ready() })
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not ready after %s", timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// errBlank is the error of a capture that holds a single colour.
var errBlank = errors.New("the capture is blank (a single colour)")

// writeCapture saves a capture as PNG, failing when it is missing or
// blank.
func writeCapture(path string, img image.Image) error {
	if img == nil || img.Bounds().Empty() {
		return fmt.Errorf("app: capture %s: the window gave no image", path)
	}
	if blank(img) {
		return fmt.Errorf("app: capture %s: %w", path, errBlank)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("app: capture: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("app: capture %s: %w", path, err)
	}
	return f.Close()
}

// blank reports whether every pixel of img has the same colour.
func blank(img image.Image) bool {
	b := img.Bounds()
	r0, g0, b0, a0 := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bb, a := img.At(x, y).RGBA(); r != r0 || g != g0 || bb != b0 || a != a0 {
				return false
			}
		}
	}
	return true
}
