package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"eventmap/app/explore"
	"eventmap/app/internal/widgettest"
	"eventmap/app/mapwidget"
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/basemap"
)

var millionEvents = widgettest.MillionEvents

// The numbers these reach are in the README's performance table.

// benchMap is a 1280×800 map with the million events on it.
func benchMap(b *testing.B, zoom float64) (*mapwidget.MapView, *mapwidget.EventLayer) {
	b.Helper()
	test.NewTempApp(b)
	m := mapwidget.NewMapView(basemap.NewRenderer(testAtlas(b), 0))
	w := test.NewTempWindow(b, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1280, 800))
	l := mapwidget.NewEventLayer()
	l.SetIndex(millionEvents())
	withLabels(b, l) // the map's labels on, as in the app
	m.AddOverlay(l)
	m.SetView(orb.Point{10, 30}, zoom)
	m.Frame(1280, 800) // warm the tiles of the first view
	return m, l
}

// From a timeline drag to the updated map: the range moves by a month and
// the frame is drawn with the new range.
func BenchmarkTimelineDragToMap1M(b *testing.B) {
	m, l := benchMap(b, 2)
	from := day(2010, 1, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f := from.AddDate(0, i%24, 0)
		l.SetFilter(eventindex.Range{From: f, To: f.AddDate(1, 0, 0)}, nil)
		m.Frame(1280, 800)
		i++
	}
}

// The list of events in view after a drag, over the million.
func BenchmarkListInView1M(b *testing.B) {
	ix := millionEvents()
	m, _ := benchMap(b, 4)
	b.ReportAllocs()
	for b.Loop() {
		ix.InView(m.View(), eventindex.Range{From: day(2010, 1, 1), To: day(2011, 1, 1)}, nil)
	}
}

// From opening a database of 100,000 events to the first map frame with
// them: open the store, read the events' positions, index them, draw.
func BenchmarkStartToFirstEventFrame100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "events.db")
	st, err := store.Open(path, store.Options{Sync: store.SyncNever})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var recs []store.Record
	for a := range 10_000 {
		text := fmt.Sprintf("article %d", a)
		art := model.Article{ID: model.ContentID(text), Title: text, Text: text, Source: "bench"}
		var evs []model.Event
		for k := range 10 {
			evs = append(evs, model.Event{
				ID: fmt.Sprintf("%s-%d", art.ID, k), ArticleID: art.ID, PlaceID: "p", PlaceName: "Place",
				Point: orb.Point{rng.Float64()*360 - 180, rng.Float64()*140 - 70},
				Time:  time.Unix(day(2000, 1, 1).Unix()+rng.Int64N(25*365*86400), 0).UTC(), Precision: model.Day,
				Snippet: "Something happened at Place on that day, as the article tells.",
			})
		}
		recs = append(recs, store.Record{Article: art, Events: evs})
	}
	if _, err := st.PutBatch(context.Background(), recs, store.PutOptions{}); err != nil {
		b.Fatal(err)
	}
	st.Close()
	// The map of benchMap, with an event layer of its own.
	test.NewTempApp(b)
	m := mapwidget.NewMapView(basemap.NewRenderer(testAtlas(b), 0))
	w := test.NewTempWindow(b, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1280, 800))
	layer := mapwidget.NewEventLayer()
	m.AddOverlay(layer)
	m.SetView(orb.Point{10, 30}, 2)
	m.Frame(1280, 800) // warm the tiles of the first view
	b.ReportAllocs()
	for b.Loop() {
		c := explore.New(context.Background(), explore.Config{
			Open: func(p string) (explore.Store, error) { return store.Open(p, store.Options{ReadOnly: true}) },
			Go:   func(work func()) { work() },
		})
		c.Open(path, func(_, _ int, err error) {
			if err != nil {
				b.Fatal(err)
			}
		})
		layer.SetIndex(c.Index())
		m.Frame(1280, 800)
		c.Close()
	}
}
