package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"eventmap/data/ingest"
)

// placed is an object found in a tree of objects, with its position on
// the canvas.
type placed struct {
	obj fyne.CanvasObject
	pos fyne.Position
}

func (p placed) bottom() float32 { return p.pos.Y + p.obj.Size().Height }

// findAll walks the visible objects under root (containers and widget
// renderers) and returns those match accepts, with their positions
// relative to root's parent.
func findAll(root fyne.CanvasObject, match func(fyne.CanvasObject) bool) []placed {
	var out []placed
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		if match(o) {
			out = append(out, placed{o, pos})
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, k := range c.Objects {
				walk(k, pos)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(c).Objects() {
				walk(k, pos)
			}
		}
	}
	walk(root, fyne.Position{})
	return out
}

func buttonTexts(root fyne.CanvasObject, text string) []placed {
	return findAll(root, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == text
	})
}

// TestSettingsButtonsBelowTheForm: the dialog's Close and Apply buttons
// are below the last field (Attribution), not over it.
func TestSettingsButtonsBelowTheForm(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{DBPath: ""})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	mw.dbPath = "/home/someone/.local/share/eventmap/a rather long folder name/events.db"
	mw.Window.Resize(fyne.NewSize(1280, 800))
	mw.showSettings()
	top := mw.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no settings dialog")
	}
	attr := findAll(top, func(o fyne.CanvasObject) bool {
		e, ok := o.(*widget.Entry)
		return ok && e.PlaceHolder == "© the source's contributors"
	})
	apply, closeB := buttonTexts(top, "Apply"), buttonTexts(top, "Close")
	if len(attr) != 1 || len(apply) != 1 || len(closeB) != 1 {
		t.Fatalf("found %d attribution fields, %d Apply and %d Close buttons", len(attr), len(apply), len(closeB))
	}
	for _, b := range []placed{apply[0], closeB[0]} {
		if b.pos.Y < attr[0].bottom() {
			t.Errorf("button %q at y=%.0f covers the Attribution field (bottom %.0f)", b.obj.(*widget.Button).Text, b.pos.Y, attr[0].bottom())
		}
	}
}

// TestCorrectionPanelPushesTheTextDown: opening the correction panel moves
// the article text below it instead of drawing over it.
func TestCorrectionPanelPushesTheTextDown(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	for i := range x.c.Index().Len() {
		if x.c.Index().Point(i) == (orb.Point{131.882, 43.116}) {
			x.selectEvent(i, true)
		}
	}
	a := x.article
	win := test.NewTempWindow(t, a.box)
	win.Resize(fyne.NewSize(360, 520))
	win.Canvas().Capture()
	a.pick(1) // Vladivostok: a runner-up, the search and the map pick
	win.Canvas().Capture()
	if a.fix.Size().Height == 0 || len(a.fix.Objects) < 3 {
		t.Fatalf("correction panel %v with %d parts", a.fix.Size(), len(a.fix.Objects))
	}
	if end, body := a.fix.Position().Y+a.fix.Size().Height, a.body.Position().Y; body < end {
		t.Errorf("the article text starts at y=%.0f, inside the correction panel (which ends at %.0f)", body, end)
	}
	// Search results grow the panel too.
	a.searchPlaces("Lagos", a.fix.Objects[len(a.fix.Objects)-2].(*fyne.Container))
	win.Canvas().Capture()
	if end, body := a.fix.Position().Y+a.fix.Size().Height, a.body.Position().Y; body < end {
		t.Errorf("after a search the article text starts at y=%.0f, inside the panel (ends at %.0f)", body, end)
	}
}

// TestProgressText: two lines that each fit one line; while files are
// still read the total is an estimate, rounded and marked as one.
func TestProgressText(t *testing.T) {
	cases := []struct {
		p            ingest.Progress
		line1, line2 string
	}{
		{ingest.Progress{Done: 120, Total: 679, Events: 800, Reading: true, Rate: 40, ETA: 14e9},
			"120 of about 680 articles geoparsed · 800 events", "reading files · 40 articles/s · about 14s left"},
		{ingest.Progress{Done: 120, Total: 578, Events: 800, Rate: 40, ETA: 11e9},
			"120 of 578 articles geoparsed · 800 events", "40 articles/s · about 11s left"},
		{ingest.Progress{Done: 1, Total: 1, Events: 1},
			"1 of 1 articles geoparsed · 1 event", " "},
		{ingest.Progress{Done: 12345, Total: 12346, Events: 2, Reading: true},
			"12,345 of about 12,345 articles geoparsed · 2 events", "reading files"},
	}
	for _, c := range cases {
		l1, l2 := progressText(c.p)
		if l1 != c.line1 || l2 != c.line2 {
			t.Errorf("%+v:\n got %q / %q\nwant %q / %q", c.p, l1, l2, c.line1, c.line2)
		}
		if strings.Contains(l1+l2, "\n") {
			t.Errorf("a line break in %q / %q", l1, l2)
		}
	}
	for n, want := range map[int]int{0: 0, 7: 7, 99: 99, 679: 680, 578: 580, 12346: 12000} {
		if got := roundSignificant(n, 2); got != want {
			t.Errorf("roundSignificant(%d, 2) = %d, want %d", n, got, want)
		}
	}
}

// TestNoDateFieldsWithoutDates: with no events (an empty database) the
// date fields are not shown (they drew grey blocks where their ✓ goes);
// once events are loaded they show the range.
func TestNoDateFieldsWithoutDates(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	mw.Window.Resize(fyne.NewSize(1280, 800))
	dateFields := func(mw *MainWindow) []placed {
		return findAll(mw.Window.Content(), func(o fyne.CanvasObject) bool {
			e, ok := o.(*widget.Entry)
			return ok && e.PlaceHolder == "YYYY-MM-DD"
		})
	}
	if n := len(dateFields(mw)); n != 0 {
		t.Errorf("%d date fields shown without any events", n)
	}
	loaded := openExplorer(t, sampleDB(t))
	fields := dateFields(loaded)
	if len(fields) != 2 || fields[0].obj.(*widget.Entry).Text == "" {
		t.Errorf("date fields with events: %d", len(fields))
	}
}
