package explore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// event is one event of a test database.
type event struct {
	place string
	at    orb.Point
	when  time.Time // zero for undated
	kind  model.PlaceKind
	conf  float64 // the geoparser's confidence in the place; 0 for 0.9
}

// writeDB writes a database with one article per event and returns its
// path.
func writeDB(t *testing.T, evs []event) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.Record
	for i, e := range evs {
		text := fmt.Sprintf("Something happened in %s (%d).", e.place, i)
		a := model.Article{ID: model.ContentID(text), Title: "About " + e.place, Source: "example.org", Text: text, Published: day(2023, 9, 13)}
		prec := model.Day
		if e.when.IsZero() {
			prec = model.Undated
		}
		kind := e.kind
		if kind == "" {
			kind = model.KindCity
		}
		sp := model.Span{Start: 22, End: 22 + len(e.place)}
		ev := model.Event{ID: fmt.Sprintf("%s-0", a.ID), ArticleID: a.ID, Span: sp, PlaceID: e.place, PlaceName: e.place, Point: e.at, Time: e.when, Precision: prec, Snippet: text}
		p := model.Place{ID: e.place, Name: e.place, Kind: kind, Point: e.at}
		conf := e.conf
		if conf == 0 {
			conf = 0.9
		}
		recs = append(recs, store.Record{Article: a, Events: []model.Event{ev},
			Mentions: []model.Mention{{Name: e.place, Place: p, Span: sp, Confidence: conf}}})
	}
	if _, err := st.PutBatch(context.Background(), recs, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// queue runs background work when the test says so, in any order, all on
// the test's goroutine (Do runs at once).
type queue struct{ works []func() }

func (q *queue) Go(work func()) { q.works = append(q.works, work) }

// run runs the k-th pending work and removes it.
func (q *queue) run(k int) {
	w := q.works[k]
	q.works = append(q.works[:k], q.works[k+1:]...)
	w()
}

func (q *queue) drain() {
	for len(q.works) > 0 {
		q.run(0)
	}
}

// newController returns a controller whose background work waits in q,
// and records every change and error.
func newController(t *testing.T) (*Controller, *queue, *[]Change, *[]error) {
	t.Helper()
	q := &queue{}
	var changes []Change
	var errs []error
	c := New(context.Background(), Config{Go: q.Go, OnError: func(err error) { errs = append(errs, err) }})
	c.Subscribe(func(ch Change) { changes = append(changes, ch) })
	t.Cleanup(c.Close)
	return c, q, &changes, &errs
}

// spread is a hundred events a day apart in 2020, one in 1848, one in
// 2091, and one undated.
func spread() []event {
	var evs []event
	for i := range 100 {
		evs = append(evs, event{place: fmt.Sprintf("P%d", i), at: orb.Point{float64(i % 50), 10}, when: day(2020, 1, 1).AddDate(0, 0, i)})
	}
	return append(evs,
		event{place: "Old", at: orb.Point{1, 1}, when: day(1848, 3, 1)},
		event{place: "Far", at: orb.Point{2, 2}, when: day(2091, 1, 1)},
		event{place: "Sea", at: orb.Point{3, 3}, kind: model.KindWater})
}

func TestOpenChoosesTheBulkOfTheDates(t *testing.T) {
	c, q, changes, _ := newController(t)
	var got [3]int
	c.Open(writeDB(t, spread()), func(events, articles int, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = [3]int{events, articles, 1}
	})
	if c.Index() != nil {
		t.Fatal("loaded before the background work ran")
	}
	q.drain()
	if got != [3]int{103, 103, 1} {
		t.Fatalf("done got %v", got)
	}
	if len(*changes) == 0 || !(*changes)[0].Has(Loaded|RangeChanged) {
		t.Errorf("changes %v", *changes)
	}
	r := c.Range()
	// 2020-01-01 … 2020-04-09 padded by a twentieth: the outliers of 1848
	// and 2091 stay out, reachable with all time.
	if r.All || !r.From.Equal(day(2019, 12, 27)) || !r.To.Equal(day(2020, 4, 14)) {
		t.Errorf("range %+v", r)
	}
	if n := c.Count(); n != 100 {
		t.Errorf("count %d in the range, want 100", n)
	}
	c.SetAllTime()
	from, to, ok := c.Bounds()
	if !ok || !from.Equal(day(1848, 3, 1)) || !to.Equal(day(2091, 1, 2)) {
		t.Errorf("all time bounds %v – %v", from, to)
	}
	if n := c.Count(); n != 103 {
		t.Errorf("count %d for all time, want 103 (undated too)", n)
	}
}

// TestOneRangeForEveryView checks that the count, the list's events and
// the export query agree, whatever range is chosen.
func TestOneRangeForEveryView(t *testing.T) {
	c, q, _, _ := newController(t)
	c.Open(writeDB(t, spread()), nil)
	q.drain()
	for _, r := range []Range{{From: day(2020, 2, 1), To: day(2020, 3, 1)}, {From: day(1800, 1, 1), To: day(2100, 1, 1)}, {All: true}} {
		if r.All {
			c.SetAllTime()
		} else if err := c.SetRange(r.From, r.To); err != nil {
			t.Fatal(err)
		}
		var listed int
		c.Each(func(int) { listed++ })
		hits, err := c.Store().Events(context.Background(), c.Query())
		if err != nil {
			t.Fatal(err)
		}
		if listed != c.Count() || len(hits) != listed {
			t.Errorf("%+v: listed %d, counted %d, exported %d", r, listed, c.Count(), len(hits))
		}
	}
}

func TestDefaultRange(t *testing.T) {
	days := func(start time.Time, n, step int) []time.Time {
		var ts []time.Time
		for i := range n {
			ts = append(ts, start.AddDate(0, 0, i*step))
		}
		return ts
	}
	tests := []struct {
		name     string
		times    []time.Time
		from, to time.Time // zero for all time
	}{
		{"few events: all time", append(days(day(2020, 1, 1), 10, 1), day(1848, 1, 1)), time.Time{}, time.Time{}},
		{"one old date among 60", append(days(day(2020, 1, 1), 60, 1), day(1961, 5, 1)), day(2019, 12, 29), day(2020, 3, 2)},
		{"old dates on one side only", append(days(day(2015, 1, 1), 100, 30), day(1961, 1, 1), day(1997, 1, 1)), day(2014, 8, 5), day(2023, 7, 17)},
		{"even spread: all time", days(day(2000, 1, 1), 100, 30), time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pts []store.EventPoint
			for i, tm := range tt.times {
				pts = append(pts, store.EventPoint{ID: fmt.Sprint(i), Unix: tm.Unix(), Precision: model.Day})
			}
			r := DefaultRange(eventindex.New(pts))
			if tt.from.IsZero() {
				if !r.All {
					t.Errorf("DefaultRange = %+v, want all time", r)
				}
				return
			}
			if r.All || !r.From.Equal(tt.from) || !r.To.Equal(tt.to) {
				t.Errorf("DefaultRange = %s … %s (all %v), want %s … %s", r.From.Format(time.DateOnly), r.To.Format(time.DateOnly), r.All,
					tt.from.Format(time.DateOnly), tt.to.Format(time.DateOnly))
			}
		})
	}
}

func TestSetRangeRefusesFromAfterTo(t *testing.T) {
	c, q, changes, _ := newController(t)
	c.Open(writeDB(t, spread()), nil)
	q.drain()
	before, n := c.Range(), len(*changes)
	err := c.SetRange(day(2020, 3, 1), day(2020, 2, 1))
	if !errors.Is(err, ErrFromAfterTo) {
		t.Fatalf("SetRange from > to: %v", err)
	}
	if c.Range() != before || len(*changes) != n {
		t.Errorf("a refused range changed the state: %+v", c.Range())
	}
	// Dates outside the events are kept as typed, not clamped.
	if err := c.SetRange(day(2009, 1, 1), day(2030, 1, 1)); err != nil {
		t.Fatal(err)
	}
	if r := c.Range(); !r.From.Equal(day(2009, 1, 1)) || !r.To.Equal(day(2030, 1, 1)) {
		t.Errorf("range %+v", r)
	}
}

// TestStaleLoadIsDropped opens two databases and finishes the first load
// last: the second stays open, the first is closed (its file unlocked).
func TestStaleLoadIsDropped(t *testing.T) {
	c, q, _, _ := newController(t)
	a := writeDB(t, spread()[:10])
	b := writeDB(t, spread()[:20])
	c.Open(a, nil)
	c.Open(b, nil)
	q.run(1) // b first
	q.run(0) // then the stale a
	if c.DBPath() != b || c.Index().Len() != 20 {
		t.Fatalf("open %s with %d events, want %s with 20", c.DBPath(), c.Index().Len(), b)
	}
	// a was closed: it opens again (BuntDB files are locked while open).
	st, err := store.Open(a, store.Options{})
	if err != nil {
		t.Fatalf("the stale load left %s open: %v", a, err)
	}
	st.Close()
}

// TestReplacedStoreIsClosed opens one database then another: the first is
// closed once the second is there.
func TestReplacedStoreIsClosed(t *testing.T) {
	c, q, _, _ := newController(t)
	a, b := writeDB(t, spread()[:5]), writeDB(t, spread()[:6])
	c.Open(a, nil)
	q.drain()
	c.Open(b, nil)
	q.drain()
	st, err := store.Open(a, store.Options{})
	if err != nil {
		t.Fatalf("the replaced database %s is still open: %v", a, err)
	}
	st.Close()
}

func TestOpenReportsTheFile(t *testing.T) {
	c, q, _, errs := newController(t)
	path := filepath.Join(t.TempDir(), "missing", "dir", "events.db")
	var got error
	c.Open(path, func(_, _ int, err error) { got = err })
	q.drain()
	if got == nil || len(*errs) != 1 {
		t.Fatalf("opening %s: %v, errors %v", path, got, *errs)
	}
	if msg := got.Error(); !strings.Contains(msg, path) || !strings.HasPrefix(msg, "explore:") {
		t.Errorf("error %q does not name the file", msg)
	}
}

// TestReloadKeepsTheRange: an import keeps the user's range, unless it was
// all time.
func TestReloadKeepsTheRange(t *testing.T) {
	c, q, _, _ := newController(t)
	path := writeDB(t, spread())
	c.Open(path, nil)
	q.drain()
	if err := c.SetRange(day(2020, 2, 1), day(2020, 2, 10)); err != nil {
		t.Fatal(err)
	}
	c.Reload(nil)
	q.drain()
	if r := c.Range(); !r.From.Equal(day(2020, 2, 1)) || !r.To.Equal(day(2020, 2, 10)) {
		t.Errorf("range after a reload %+v", r)
	}
	c.SetAllTime()
	c.Reload(nil)
	q.drain()
	if !c.Range().All {
		t.Errorf("all time became %+v after a reload", c.Range())
	}
}

// TestEmptyDatabaseThenImport: an empty database shows all time; once
// events arrive the bulk of their dates is chosen.
func TestEmptyDatabaseThenImport(t *testing.T) {
	c, q, _, _ := newController(t)
	path := writeDB(t, nil)
	c.Open(path, nil)
	q.drain()
	if !c.Range().All {
		t.Fatalf("empty database range %+v", c.Range())
	}
	recs := []store.Record{}
	for i, e := range spread() {
		text := fmt.Sprintf("Event %d at %s.", i, e.place)
		a := model.Article{ID: model.ContentID(text), Title: text, Text: text}
		prec := model.Day
		if e.when.IsZero() {
			prec = model.Undated
		}
		recs = append(recs, store.Record{Article: a, Events: []model.Event{{ID: a.ID + "-0", ArticleID: a.ID, PlaceID: e.place, Point: e.at, Time: e.when, Precision: prec}}})
	}
	if _, err := c.Store().PutBatch(context.Background(), recs, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	c.Reload(nil)
	q.drain()
	if r := c.Range(); r.All || !r.From.Equal(day(2019, 12, 27)) {
		t.Errorf("range after the first import %+v", r)
	}
}

// TestFilterHidesSelection: the selected event that a filter or the range
// hides is unselected; a stale filter result is dropped.
func TestFilterHidesSelection(t *testing.T) {
	c, q, changes, _ := newController(t)
	c.Open(writeDB(t, spread()), nil)
	q.drain()
	c.SetAllTime()
	sea, ok := c.Index().Find(idOf(t, c, "Sea"))
	if !ok {
		t.Fatal("no sea event")
	}
	c.Select(sea)
	c.SetFilter(Filter{Kind: model.KindCity, Precision: AnyPrecision})
	c.SetFilter(Filter{Kind: model.KindWater, Precision: AnyPrecision})
	q.run(1) // the newer filter first: the sea stays
	q.run(0) // the stale one is dropped
	if c.Selected() != sea || c.Count() != 1 {
		t.Fatalf("selected %d, count %d after the water filter", c.Selected(), c.Count())
	}
	n := len(*changes)
	c.SetFilter(Filter{Kind: model.KindCity, Precision: AnyPrecision})
	q.drain()
	if c.Selected() != -1 || c.SelectedID() != "" {
		t.Errorf("the hidden event is still selected")
	}
	var sawSel bool
	for _, ch := range (*changes)[n:] {
		sawSel = sawSel || ch.Has(SelectionChanged)
	}
	if !sawSel {
		t.Errorf("no SelectionChanged when the filter hid the selection")
	}
	// The range hides a dated selection too.
	c.SetFilter(NoFilter)
	q.drain()
	old, _ := c.Index().Find(idOf(t, c, "Old"))
	c.Select(old)
	if err := c.SetRange(day(2020, 1, 1), day(2021, 1, 1)); err != nil {
		t.Fatal(err)
	}
	if c.Selected() != -1 {
		t.Errorf("the event of 1848 stays selected in a 2020 range")
	}
}

func idOf(t *testing.T, c *Controller, place string) string {
	t.Helper()
	ix := c.Index()
	for i := range ix.Len() {
		if ix.PlaceID(i) == place {
			return ix.ID(i)
		}
	}
	t.Fatalf("no event at %s", place)
	return ""
}

func TestResultsBoundAcrossTheAntimeridian(t *testing.T) {
	tests := []struct {
		name       string
		lons       []float64
		west, east float64
	}{
		{"Korea and South Dakota", []float64{125.7, 127.0, -103.2, -100.3}, 125.7, 259.7},
		{"Europe", []float64{2.3, 13.4, -3.7}, -3.7, 13.4},
		{"one", []float64{40}, 40, 40},
		{"Fiji and Samoa", []float64{178.4, -171.8}, 178.4, 188.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, e := LonSpan(tt.lons)
			if fmt.Sprintf("%.1f %.1f", w, e) != fmt.Sprintf("%.1f %.1f", tt.west, tt.east) {
				t.Errorf("LonSpan = %.1f, %.1f; want %.1f, %.1f", w, e, tt.west, tt.east)
			}
		})
	}
	c, q, _, _ := newController(t)
	c.Open(writeDB(t, []event{
		{place: "Pyongyang", at: orb.Point{125.75, 39.02}, when: day(2023, 1, 1)},
		{place: "Pierre", at: orb.Point{-100.35, 44.37}, when: day(2023, 1, 2)},
	}), nil)
	q.drain()
	b, ok := c.ResultsBound()
	if !ok || b.Min[0] != 125.75 || b.Max[0] != 259.65 || b.Min[1] != 39.02 || b.Max[1] != 44.37 {
		t.Errorf("ResultsBound = %v", b)
	}
}

func TestHitDroppedAfterTheStoreChanged(t *testing.T) {
	c, q, _, _ := newController(t)
	c.Open(writeDB(t, spread()[:3]), nil)
	q.drain()
	called := false
	c.Hit(0, func(store.Hit, error) { called = true })
	c.CloseStore()
	q.drain()
	if called {
		t.Errorf("a hit of a closed database reached the view")
	}
	c.Open(writeDB(t, spread()[:3]), nil)
	q.drain()
	var got store.Hit
	c.Hit(0, func(h store.Hit, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = h
	})
	q.drain()
	if got.ID != c.Index().ID(0) || got.Title == "" {
		t.Errorf("hit %+v", got)
	}
}

func TestSelectGroup(t *testing.T) {
	c, q, _, _ := newController(t)
	c.Open(writeDB(t, spread()[:10]), nil)
	q.drain()
	c.SetAllTime()
	c.SelectGroup([]int{3, 5, 7})
	if got := c.SelectedGroup(); fmt.Sprint(got) != "[3 5 7]" || c.Selected() != 3 {
		t.Errorf("group %v, selected %d", got, c.Selected())
	}
	c.Select(4)
	if got := c.SelectedGroup(); fmt.Sprint(got) != "[4]" {
		t.Errorf("after selecting one event the group is %v", got)
	}
	if a := c.ArticleOf(4); a == "" || !strings.HasPrefix(c.Index().ID(4), a+"-") {
		t.Errorf("ArticleOf(4) = %q for event %q", a, c.Index().ID(4))
	}
}
