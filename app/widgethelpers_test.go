package app

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"eventmap/app/mapwidget"
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/basemap"
	"eventmap/geo/gazetteer"
	"eventmap/geo/labels"
)

// The app's tests of the map widgets in its window (the widgets' own
// tests are in package mapwidget).

var update = flag.Bool("update", false, "rewrite the golden images under testdata/")

// assertGolden compares an image with testdata/<name>, rewriting it first
// when -update is given.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	test.AssertImageMatches(t, name, img)
}

var atlasOnce = sync.OnceValues(basemap.Load)

func testAtlas(t testing.TB) *basemap.Atlas {
	t.Helper()
	a, err := atlasOnce()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

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

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// testIndex spreads events over [first, last): n per day, more in the
// middle so the histogram has a shape.
func testIndex(first, last time.Time) *eventindex.Index {
	var pts []store.EventPoint
	k := 0
	for t := first; t.Before(last); t = t.Add(24 * time.Hour) {
		n := 1 + int(10*float64(t.Sub(first))/float64(last.Sub(first)))%7
		for range n {
			pts = append(pts, store.EventPoint{ID: fmt.Sprint(k), Point: [2]float64{float64(k%360 - 180), float64(k%140 - 70)}, Unix: t.Unix(), Precision: model.Day})
			k++
		}
	}
	return eventindex.New(pts)
}

var admin1Once = sync.OnceValues(basemap.LoadAdmin1)

var labelSetOnce = sync.OnceValues(func() (*labels.Set, error) {
	return labels.FromGazetteer(gazetteer.Embedded(gazetteer.Options{}))
})

// withLabels gives an event layer the basemap's outlines and the map's
// labels, as LoadMapLabels does.
func withLabels(t testing.TB, l *mapwidget.EventLayer) *labels.Layer {
	t.Helper()
	set, err := labelSetOnce()
	if err != nil {
		t.Fatal(err)
	}
	ly, err := labels.NewLayer(set, labels.Fonts{Regular: theme.DefaultTextFont().Content(),
		Bold: theme.DefaultTextBoldFont().Content(), Italic: theme.DefaultTextItalicFont().Content()})
	if err != nil {
		t.Fatal(err)
	}
	ly.InCountry = mapwidget.InCountry(testAtlas(t))
	l.SetAtlas(testAtlas(t))
	l.SetLabels(ly)
	adm, err := admin1Once()
	if err != nil {
		t.Fatal(err)
	}
	l.SetAdmin1(adm)
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
