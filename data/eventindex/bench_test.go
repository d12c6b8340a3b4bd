package eventindex

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

// million returns 1,000,000 events spread like news: most around a few
// hundred cities, the rest anywhere, over 2000–2024.
func million() []store.EventPoint {
	rng := rand.New(rand.NewPCG(1, 2))
	cities := make([]orb.Point, 400)
	for i := range cities {
		cities[i] = orb.Point{rng.Float64()*340 - 170, rng.Float64()*120 - 55}
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - start
	pts := make([]store.EventPoint, 1_000_000)
	for i := range pts {
		var p orb.Point
		if rng.IntN(10) < 8 {
			c := cities[rng.IntN(len(cities))]
			p = orb.Point{c[0] + rng.NormFloat64()*0.3, c[1] + rng.NormFloat64()*0.3}
		} else {
			p = orb.Point{rng.Float64()*360 - 180, rng.Float64()*140 - 70}
		}
		pts[i] = store.EventPoint{ID: fmt.Sprintf("a%07d-%d", i/10, i%10), Point: p, Unix: start + rng.Int64N(span), Precision: model.Day}
	}
	return pts
}

var millionIndex = sync.OnceValue(func() *Index { return New(million()) })

func BenchmarkNew1M(b *testing.B) {
	pts := million()
	b.ReportAllocs()
	for b.Loop() {
		New(append([]store.EventPoint(nil), pts...))
	}
}

func benchClusters(b *testing.B, zoom float64, r Range) {
	ix := millionIndex()
	v := viewport.New(orb.Point{10, 30}, zoom, 1280, 800, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		// A pan step per frame.
		ix.Clusters(v.Pan(float64(i%16)*8, 0), r, nil, 60)
		i++
	}
}

// The map's frame: clusters of the events in a 1280×800 view.
func BenchmarkClusters1MWorldAllTime(b *testing.B) { benchClusters(b, 2, Range{}) }
func BenchmarkClusters1MZoom6AllTime(b *testing.B) { benchClusters(b, 6, Range{}) }
func BenchmarkClusters1MWorldOneYear(b *testing.B) {
	benchClusters(b, 2, Range{From: day(2010, 1, 1), To: day(2011, 1, 1)})
}

// The timeline's histogram over the whole range by month, with and
// without a selection.
func BenchmarkHistogram1MByMonth(b *testing.B) {
	ix := millionIndex()
	b.ReportAllocs()
	for b.Loop() {
		ix.Histogram(day(2000, 1, 1), day(2025, 1, 1), Month, nil)
	}
}

func BenchmarkHistogram1MByMonthSelection(b *testing.B) {
	ix := millionIndex()
	sel := NewSet(ix.Len())
	for i := 0; i < ix.Len(); i += 3 {
		sel.Add(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix.Histogram(day(2000, 1, 1), day(2025, 1, 1), Month, sel)
	}
}

// The heat map's counts: a 1280×800 view at zoom 6 with its margin, in
// cells of 6 px.
func BenchmarkDensityGrid1MZoom6(b *testing.B) {
	ix := millionIndex()
	v := viewport.New(orb.Point{10, 30}, 6, 1280, 800, 1)
	ox, oy := v.Origin()
	g := Grid{World: v.WorldSize(), Cell: 6, Col: ox/6 - 60, Row: oy/6 - 40, Cols: 1280/6 + 120, Rows: 800/6 + 80}
	b.ReportAllocs()
	for b.Loop() {
		ix.DensityGrid(g, Range{}, nil)
	}
}
