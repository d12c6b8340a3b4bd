package mapwidget

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"eventmap/app/internal/widgettest"
	"eventmap/geo/basemap"
	"eventmap/geo/viewport"
)

// Shared with the app's tests (see widgettest).
var (
	assertGolden = widgettest.AssertGolden
	testAtlas    = widgettest.Atlas
	day          = widgettest.Day
	testIndex    = widgettest.Index
)

// newTestMap puts a map of the given size in a test window.
func newTestMap(t *testing.T, mode themeMode, w, h float32) (*MapView, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(themeFor(mode))
	m := NewMapView(basemap.NewRenderer(testAtlas(t), 0))
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return m, win
}

func TestMapViewGolden(t *testing.T) {
	cases := []struct {
		name   string
		mode   themeMode
		center orb.Point
		zoom   float64
	}{
		{"world_light", themeLight, orb.Point{15, 25}, 1.5},
		{"world_dark", themeDark, orb.Point{15, 25}, 1.5},
		{"far_east_light", themeLight, orb.Point{131.9, 43.1}, 5},
		{"far_east_dark", themeDark, orb.Point{131.9, 43.1}, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, win := newTestMap(t, c.mode, 480, 320)
			m.SetView(c.center, c.zoom)
			assertGolden(t, "mapview/"+c.name+".png", win.Canvas().Capture())
		})
	}
}

func TestDragPans(t *testing.T) {
	cases := []struct {
		name           string
		dx, dy         float32
		lonDir, latDir int
	}{
		{"drag right shows the west", 100, 0, -1, 0},
		{"drag left shows the east", -100, 0, 1, 0},
		{"drag down shows the north", 0, 80, 0, 1},
		{"drag up shows the south", 0, -80, 0, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, win := newTestMap(t, themeLight, 400, 300)
			m.SetView(orb.Point{10, 20}, 4)
			before := m.View().CenterLonLat()
			var changed int
			m.OnViewChanged = func(viewport.View) { changed++ }
			test.Drag(win.Canvas(), fyne.NewPos(200, 150), c.dx, c.dy)
			after := m.View().CenterLonLat()
			if changed == 0 {
				t.Errorf("OnViewChanged not called")
			}
			checkDir(t, "longitude", after[0]-before[0], c.lonDir)
			checkDir(t, "latitude", after[1]-before[1], c.latDir)
			// The place that was under the pointer follows it.
			if c.latDir == 0 {
				want := 100.0 / viewport.New(orb.Point{}, 4, 1, 1, 1).WorldSize() * 360
				if got := math.Abs(after[0] - before[0]); math.Abs(got-want) > 1e-6 {
					t.Errorf("moved %.4f°, want %.4f°", got, want)
				}
			}
		})
	}
}

func checkDir(t *testing.T, what string, d float64, dir int) {
	t.Helper()
	switch {
	case dir > 0 && d <= 0, dir < 0 && d >= 0, dir == 0 && math.Abs(d) > 1e-9:
		t.Errorf("%s changed by %v, want direction %d", what, d, dir)
	}
}

func TestScrollZoomsAroundThePointer(t *testing.T) {
	m, win := newTestMap(t, themeLight, 400, 300)
	m.SetView(orb.Point{0, 0}, 3)
	pos := fyne.NewPos(300, 100)
	before, _ := m.View().LonLatAt(300, 100)
	scroll := func(dy float32) {
		// test.Scroll leaves the event's position empty; the map needs it.
		m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos, AbsolutePosition: pos}, Scrolled: fyne.Delta{DY: dy}})
	}
	scroll(25) // a wheel notch up
	v := m.View()
	if v.Zoom != 3.5 {
		t.Fatalf("zoom %v after scrolling up, want 3.5", v.Zoom)
	}
	after, _ := v.LonLatAt(300, 100)
	tol := 2 * 360 / v.WorldSize()
	if math.Abs(after[0]-before[0]) > tol || math.Abs(after[1]-before[1]) > tol {
		t.Errorf("point under the pointer moved from %v to %v", before, after)
	}
	scroll(-50)
	if z := m.View().Zoom; z != 2.5 {
		t.Errorf("zoom %v after scrolling down, want 2.5", z)
	}
	// Small trackpad scrolls add up to a step.
	for range 5 {
		scroll(1.25)
	}
	if z := m.View().Zoom; z != 2.625 {
		t.Errorf("zoom %v after five small scrolls, want 2.625", z)
	}
	// Scroll events over the window reach the map.
	test.Scroll(win.Canvas(), pos, 0, 25)
	if z := m.View().Zoom; z != 3.125 {
		t.Errorf("zoom %v after a notch over the window, want 3.125", z)
	}
}

func TestDoubleTapZoomsIn(t *testing.T) {
	m, _ := newTestMap(t, themeLight, 400, 300)
	m.SetView(orb.Point{0, 0}, 3)
	test.DoubleTap(m)
	if z := m.View().Zoom; z != 4 {
		t.Errorf("zoom %v after a double tap, want 4", z)
	}
}

func TestKeysPanAndZoom(t *testing.T) {
	m, win := newTestMap(t, themeLight, 400, 300)
	m.SetView(orb.Point{0, 0}, 3)
	win.Canvas().Focus(m)
	test.Type(m, "+")
	if z := m.View().Zoom; z != 4 {
		t.Errorf("zoom %v after +, want 4", z)
	}
	test.Type(m, "--")
	if z := m.View().Zoom; z != 2 {
		t.Errorf("zoom %v after --, want 2", z)
	}
	before := m.View().CenterLonLat()
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	checkDir(t, "longitude after →", m.View().CenterLonLat()[0]-before[0], 1)
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	checkDir(t, "latitude after ↑", m.View().CenterLonLat()[1]-before[1], 1)
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if v := m.View(); v.Zoom != homeZoom {
		t.Errorf("Home gave zoom %v", v.Zoom)
	}
}

func TestPointerReportsPosition(t *testing.T) {
	m, win := newTestMap(t, themeLight, 400, 300)
	m.SetView(orb.Point{128.334, 51.884}, 6)
	var got orb.Point
	var on bool
	m.OnPointer = func(ll orb.Point, ok bool) { got, on = ll, ok }
	test.MoveMouse(win.Canvas(), fyne.NewPos(200, 150))
	if !on || math.Abs(got[0]-128.334) > 0.05 || math.Abs(got[1]-51.884) > 0.05 {
		t.Errorf("pointer at the centre reported %v (%v)", got, on)
	}
}

func TestZoomButtons(t *testing.T) {
	m, win := newTestMap(t, themeLight, 400, 300)
	m.SetView(orb.Point{0, 0}, 3)
	// The buttons sit at the top right; find them by tapping there.
	r := test.TempWidgetRenderer(t, m).(*mapRenderer)
	in := r.buttons.Objects[0].(fyne.Tappable)
	out := r.buttons.Objects[1].(fyne.Tappable)
	home := r.buttons.Objects[2].(fyne.Tappable)
	test.Tap(in)
	if z := m.View().Zoom; z != 4 {
		t.Errorf("zoom %v after the + button", z)
	}
	test.Tap(out)
	test.Tap(out)
	if z := m.View().Zoom; z != 2 {
		t.Errorf("zoom %v after the − button twice", z)
	}
	test.Tap(home)
	if c := m.View().CenterLonLat(); math.Abs(c[0]-homeCenter[0]) > 0.5 {
		t.Errorf("home button centred on %v", c)
	}
	_ = win
}

func TestScaleBarLength(t *testing.T) {
	cases := []struct {
		mpp, maxPx float64
		meters     float64
		label      string
	}{
		{1000, 120, 100000, "100 km"},
		{156543, 120, 10000000, "10,000 km"},
		{30, 120, 2000, "2 km"},
		{4.2, 120, 500, "500 m"},
		{0.5, 120, 50, "50 m"},
	}
	for _, c := range cases {
		m, px := ScaleBarLength(c.mpp, c.maxPx)
		if m != c.meters || px > c.maxPx || px < c.maxPx/5 {
			t.Errorf("ScaleBarLength(%v) = %v m, %v px; want %v m", c.mpp, m, px, c.meters)
		}
		if got := FormatDistance(m); got != c.label {
			t.Errorf("FormatDistance(%v) = %q, want %q", m, got, c.label)
		}
	}
}
