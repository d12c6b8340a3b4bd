package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"eventmap/app/internal/widgettest"
	"eventmap/app/mapwidget"
	"eventmap/data/eventindex"
	"eventmap/geo/basemap"
	"eventmap/geo/labels"
)

// Shared with the map widgets' tests (see widgettest).
var (
	assertGolden = widgettest.AssertGolden
	testAtlas    = widgettest.Atlas
	day          = widgettest.Day
	testIndex    = widgettest.Index
)

// The app's tests of the map widgets in its window (the widgets' own
// tests are in package mapwidget).

// newTestMap puts a map of the given size in a test window, in the app's
// theme.
func newTestMap(t *testing.T, mode ThemeMode, w, h float32) (*mapwidget.MapView, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ThemeFor(mode))
	m := mapwidget.NewMapView(basemap.NewRenderer(testAtlas(t), 0))
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return m, win
}

func darkStyleForTest() basemap.Style { return basemap.DarkStyle() }

// withLabels gives an event layer the basemap's outlines and the map's
// labels, as LoadMapLabels does.
func withLabels(t testing.TB, l *mapwidget.EventLayer) *labels.Layer {
	t.Helper()
	ly := widgettest.LabelLayer(t)
	ly.InCountry = mapwidget.InCountry(testAtlas(t))
	l.SetAtlas(testAtlas(t))
	l.SetLabels(ly)
	l.SetAdmin1(widgettest.Admin1(t))
	return ly
}

// newTestTimeline puts a timeline of 600×74 over [first, last) in a
// window, in the app's theme.
func newTestTimeline(t *testing.T, mode ThemeMode, first, last time.Time) (*mapwidget.Timeline, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ThemeFor(mode))
	tl := mapwidget.NewTimeline()
	win := test.NewTempWindow(t, tl)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(600, 74))
	ix := testIndex(first, last)
	tl.SetData(first, last, first, last, func(from, to time.Time, s eventindex.Step) []eventindex.Bucket {
		return ix.Histogram(from, to, s, nil)
	})
	return tl, win
}
