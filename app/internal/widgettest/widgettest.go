// Package widgettest holds what the tests of the app and of its map
// widgets share: golden images, the embedded basemap, admin-1 outlines and
// labels loaded once per test binary, and synthetic event indexes. Only
// tests import it.
package widgettest

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"

	_ "eventmap/app/internal/locale" // Fyne reads the locale at start-up
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/basemap"
	"eventmap/geo/gazetteer"
	"eventmap/geo/labels"
)

var update = flag.Bool("update", false, "rewrite the golden images under testdata/")

// AssertGolden compares an image with testdata/<name> of the package under
// test, rewriting it first when -update is given.
func AssertGolden(t *testing.T, name string, img image.Image) {
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

var (
	atlasOnce    = sync.OnceValues(basemap.Load)
	admin1Once   = sync.OnceValues(basemap.LoadAdmin1)
	labelSetOnce = sync.OnceValues(func() (*labels.Set, error) {
		return labels.FromGazetteer(gazetteer.Embedded(gazetteer.Options{}))
	})
)

// Atlas returns the embedded basemap, decoded once.
func Atlas(t testing.TB) *basemap.Atlas {
	t.Helper()
	a, err := atlasOnce()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Admin1 returns the embedded admin-1 outlines, decoded once.
func Admin1(t testing.TB) *basemap.Admin1 {
	t.Helper()
	a, err := admin1Once()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// LabelLayer returns a layer of the map's labels read from the embedded
// gazetteer (once), drawn with Fyne's default fonts; the caller sets its
// InCountry.
func LabelLayer(t testing.TB) *labels.Layer {
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
	return ly
}

// LabelSet returns the map's labels read from the embedded gazetteer, once.
func LabelSet(t testing.TB) *labels.Set {
	t.Helper()
	set, err := labelSetOnce()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Day is midnight UTC of a date.
func Day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// Index spreads events over [first, last): n per day, more in the middle
// so the histogram has a shape.
func Index(first, last time.Time) *eventindex.Index {
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

// MillionEvents spreads 1,000,000 events like news, most around a few
// hundred cities, over 2000–2024; built once per test binary.
var MillionEvents = sync.OnceValue(func() *eventindex.Index {
	rng := rand.New(rand.NewPCG(3, 4))
	cities := make([]orb.Point, 400)
	for i := range cities {
		cities[i] = orb.Point{rng.Float64()*340 - 170, rng.Float64()*120 - 55}
	}
	start := Day(2000, 1, 1).Unix()
	span := Day(2025, 1, 1).Unix() - start
	pts := make([]store.EventPoint, 1_000_000)
	for i := range pts {
		c := cities[rng.IntN(len(cities))]
		p := orb.Point{c[0] + rng.NormFloat64()*0.5, c[1] + rng.NormFloat64()*0.5}
		pts[i] = store.EventPoint{ID: fmt.Sprint(i), Point: p, Unix: start + rng.Int64N(span), Precision: model.Day}
	}
	return eventindex.New(pts)
})
