// Package storetest is the contract test suite of eventmap's stores: every
// implementation (the BuntDB file of data/store, the PostGIS database of
// data/pgstore) runs Run from its tests and must behave as it describes.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/export"
	"eventmap/data/model"
	"eventmap/data/store"
)

// Store is everything the app, ingest, export and query ask of a store.
type Store interface {
	PutBatch(ctx context.Context, recs []store.Record, opts store.PutOptions) (store.PutResult, error)
	HasArticle(id string) bool
	PreferredSenses(ctx context.Context, source string) (map[string]model.Place, error)
	SourceHistory(ctx context.Context, source string) (map[string]map[string]int, error)
	Search(ctx context.Context, q store.Query, fn func(store.Hit) bool) error
	Events(ctx context.Context, q store.Query) ([]store.Hit, error)
	Count(ctx context.Context, q store.Query) (int, error)
	Histogram(ctx context.Context, q store.Query, iv store.Interval) ([]store.Bucket, error)
	ScanPoints(ctx context.Context, fn func(store.EventPoint) bool) error
	Event(ctx context.Context, id string) (store.Hit, error)
	Article(ctx context.Context, id string) (store.ArticleInfo, []model.Mention, error)
	Articles(ctx context.Context, fn func(store.ArticleInfo) bool) error
	Place(ctx context.Context, id string) (model.Place, error)
	CorrectMention(ctx context.Context, articleID string, span model.Span, place model.Place) error
	Corrections(ctx context.Context, articleID string) ([]store.Correction, error)
	RejectMention(ctx context.Context, articleID string, span model.Span) error
	UndoCorrection(ctx context.Context, articleID string, span model.Span) error
	ScanSureness(ctx context.Context, fn func(store.Sureness) bool) error
	DeleteArticle(ctx context.Context, id string) error
	Stats() store.Stats
	ReadOnly() bool
	Path() string
	Close() error
}

// Backend makes the stores a run of the suite tests.
type Backend struct {
	// New returns a new, empty, writable store; the suite closes it.
	New func(t *testing.T) Store
	// Reopen closes s and opens what it stored again.
	Reopen func(t *testing.T, s Store) Store
	// OpenReadOnly closes s and opens what it stored again, read-only.
	OpenReadOnly func(t *testing.T, s Store) Store
}

// The places the suite's articles mention.
var (
	Paris   = model.Place{ID: "gn:2988507", Name: "Paris", Kind: model.KindCity, Country: "FR", Point: orb.Point{2.3488, 48.85341}}
	ParisTX = model.Place{ID: "gn:4717560", Name: "Paris", Kind: model.KindCity, Country: "US", Point: orb.Point{-95.55551, 33.66094}}
	Berlin  = model.Place{ID: "gn:2950159", Name: "Berlin", Kind: model.KindCity, Country: "DE", Point: orb.Point{13.41053, 52.52437}}
	Lagos   = model.Place{ID: "gn:2332459", Name: "Lagos", Kind: model.KindCity, Country: "NG", Point: orb.Point{3.39467, 6.45407}}
)

// Day parses "2006-01-02" as a UTC day.
func Day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Rec makes an article with the given text and source that mentions each
// place once, with one event per mention at the given time (zero: undated).
func Rec(text, source string, when time.Time, places ...model.Place) store.Record {
	r := store.Record{Article: model.Article{Title: "T " + text, Source: source, URL: "https://" + source + "/" + strings.ReplaceAll(text, " ", "-"), Text: text, Format: model.FormatText, Published: when}}
	for i, p := range places {
		sp := model.Span{Start: i, End: i + 1}
		r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: p.Name, Place: p, Confidence: 0.9})
		e := model.Event{Span: sp, PlaceID: p.ID, PlaceName: p.Name, Point: p.Point, Time: when, Precision: model.Day, Snippet: "In " + p.Name + ", " + text}
		if when.IsZero() {
			e.Precision = model.Undated
		}
		r.Events = append(r.Events, e)
	}
	return r
}

func put(t *testing.T, s Store, opts store.PutOptions, recs ...store.Record) store.PutResult {
	t.Helper()
	res, err := s.PutBatch(context.Background(), recs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func names(hits []store.Hit) string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.PlaceName + "@" + h.Time.Format("2006-01-02")
		if h.Precision == model.Undated {
			out[i] = h.PlaceName + "@undated"
		}
	}
	return fmt.Sprint(out)
}

// Run runs the contract suite against the stores b makes.
func Run(t *testing.T, b Backend) {
	open := func(t *testing.T) Store {
		s := b.New(t)
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
	reopen := func(t *testing.T, s Store, ro bool) Store {
		var s2 Store
		if ro {
			s2 = b.OpenReadOnly(t, s)
		} else {
			s2 = b.Reopen(t, s)
		}
		t.Cleanup(func() { _ = s2.Close() })
		return s2
	}
	t.Run("Query", func(t *testing.T) { testQuery(t, open(t)) })
	t.Run("Histogram", func(t *testing.T) { testHistogram(t, open(t)) })
	t.Run("DuplicatesReplaceDelete", func(t *testing.T) {
		testDuplicates(t, open(t), func(s Store) Store { return reopen(t, s, false) })
	})
	t.Run("BadRecords", func(t *testing.T) { testBadRecords(t, open(t)) })
	t.Run("Corrections", func(t *testing.T) {
		testCorrections(t, open(t), func(s Store) Store { return reopen(t, s, false) })
	})
	t.Run("NotAPlace", func(t *testing.T) {
		testNotAPlace(t, open(t), func(s Store) Store { return reopen(t, s, false) })
	})
	t.Run("SourceHistory", func(t *testing.T) {
		testSourceHistory(t, open(t), func(s Store) Store { return reopen(t, s, false) })
	})
	t.Run("Lookups", func(t *testing.T) { testLookups(t, open(t)) })
	t.Run("ScanPoints", func(t *testing.T) { testScan(t, open(t)) })
	t.Run("Export", func(t *testing.T) { testExport(t, open(t)) })
	t.Run("ConcurrentOverlappingPuts", func(t *testing.T) { testConcurrent(t, open(t)) })
	t.Run("ReadOnly", func(t *testing.T) {
		testReadOnly(t, open(t), func(s Store) Store { return reopen(t, s, true) })
	})
}

func testQuery(t *testing.T, s Store) {
	ctx := context.Background()
	if s.ReadOnly() {
		t.Fatal("a new store is read-only")
	}
	put(t, s, store.PutOptions{},
		Rec("one", "a.com", Day("2023-09-13"), Paris, Berlin),
		Rec("two", "b.com", Day("2023-10-01"), ParisTX),
		Rec("three", "a.com", time.Time{}, Berlin),
		Rec("four", "b.com", Day("1999-01-01"), Paris),
	)
	europe := orb.Bound{Min: orb.Point{-10, 35}, Max: orb.Point{30, 60}}
	tests := []struct {
		name string
		q    store.Query
		want string
	}{
		{"all dated", store.Query{}, "[Paris@1999-01-01 Paris@2023-09-13 Berlin@2023-09-13 Paris@2023-10-01]"},
		{"world box", store.Query{Bound: &store.World}, "[Paris@1999-01-01 Paris@2023-09-13 Berlin@2023-09-13 Paris@2023-10-01]"},
		{"bbox", store.Query{Bound: &europe}, "[Paris@1999-01-01 Paris@2023-09-13 Berlin@2023-09-13]"},
		{"bbox and time", store.Query{Bound: &europe, From: Day("2023-01-01"), To: Day("2024-01-01")}, "[Paris@2023-09-13 Berlin@2023-09-13]"},
		{"to is exclusive", store.Query{To: Day("2023-09-13")}, "[Paris@1999-01-01]"},
		{"from is inclusive", store.Query{From: Day("2023-10-01")}, "[Paris@2023-10-01]"},
		{"undated too", store.Query{Bound: &europe, From: Day("2023-01-01"), Undated: true}, "[Paris@2023-09-13 Berlin@2023-09-13 Berlin@undated]"},
		{"everything", store.Query{Undated: true}, "[Paris@1999-01-01 Paris@2023-09-13 Berlin@2023-09-13 Paris@2023-10-01 Berlin@undated]"},
		{"text in snippet", store.Query{Text: "TWO"}, "[Paris@2023-10-01]"},
		{"text in title", store.Query{Text: "t four"}, "[Paris@1999-01-01]"},
		{"text in place", store.Query{Text: "berl", Undated: true}, "[Berlin@2023-09-13 Berlin@undated]"},
		{"place", store.Query{PlaceID: Paris.ID}, "[Paris@1999-01-01 Paris@2023-09-13]"},
		{"source ignores case", store.Query{Source: "B.com"}, "[Paris@1999-01-01 Paris@2023-10-01]"},
		{"article", store.Query{ArticleID: model.ContentID("one")}, "[Paris@2023-09-13 Berlin@2023-09-13]"},
		{"limit keeps the earliest", store.Query{Limit: 1}, "[Paris@1999-01-01]"},
		{"limit reaches undated", store.Query{Limit: 5, Undated: true, Source: "a.com"}, "[Paris@2023-09-13 Berlin@2023-09-13 Berlin@undated]"},
		{"empty range", store.Query{From: Day("2030-01-01")}, "[]"},
		{"from after to", store.Query{From: Day("2024-01-01"), To: Day("2023-01-01")}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Events(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(hits); got != tt.want {
				t.Errorf("Events: got %s, want %s", got, tt.want)
			}
			var seen []store.Hit
			if err := s.Search(ctx, tt.q, func(h store.Hit) bool { seen = append(seen, h); return true }); err != nil {
				t.Fatal(err)
			}
			if got := names(seen); got != tt.want {
				t.Errorf("Search: got %s, want %s", got, tt.want)
			}
			cq := tt.q
			cq.Limit = 0
			n, err := s.Count(ctx, cq)
			if err != nil {
				t.Fatal(err)
			}
			if tt.q.Limit == 0 && n != len(hits) {
				t.Errorf("Count = %d, Events gave %d", n, len(hits))
			}
		})
	}
	h, err := s.Events(ctx, store.Query{ArticleID: model.ContentID("two")})
	if err != nil || len(h) != 1 {
		t.Fatalf("events of article two: %v, %v", h, err)
	}
	want := store.RoundPoint(ParisTX.Point)
	if h[0].Title != "T two" || h[0].Source != "b.com" || h[0].URL != "https://b.com/two" || !h[0].Published.Equal(Day("2023-10-01")) ||
		h[0].ArticleID != model.ContentID("two") || h[0].ID != model.ContentID("two")+"-0000" || h[0].Point != want || h[0].Snippet != "In Paris, two" {
		t.Errorf("hit carries %+v", h[0])
	}
	stop := 0
	_ = s.Search(ctx, store.Query{}, func(store.Hit) bool { stop++; return false })
	if stop != 1 {
		t.Errorf("Search went on after fn returned false: %d calls", stop)
	}
	if st := s.Stats(); st != (store.Stats{Articles: 4, Events: 5, Undated: 1}) {
		t.Errorf("Stats = %+v", st)
	}
}

func testHistogram(t *testing.T, s Store) {
	ctx := context.Background()
	put(t, s, store.PutOptions{},
		Rec("a", "x", Day("2023-09-13"), Paris, Berlin),
		Rec("b", "x", Day("2023-09-14"), Paris),
		Rec("c", "x", Day("2023-11-02"), Berlin),
		Rec("d", "x", time.Time{}, Berlin),
		Rec("e", "y", time.Date(2023, 9, 13, 23, 59, 59, 0, time.UTC), Lagos),
	)
	east := orb.Bound{Min: orb.Point{10, 35}, Max: orb.Point{30, 60}} // Berlin only
	tests := []struct {
		name string
		q    store.Query
		iv   store.Interval
		want string
	}{
		{"months", store.Query{}, store.ByMonth, "[2023-09-01:4 2023-10-01:0 2023-11-01:1]"},
		{"years", store.Query{}, store.ByYear, "[2023-01-01:5]"},
		{"weeks start on Monday", store.Query{To: Day("2023-10-01")}, store.ByWeek, "[2023-09-11:4]"},
		{"days in range", store.Query{From: Day("2023-09-14"), To: Day("2023-09-16")}, store.ByDay, "[2023-09-14:1]"},
		{"bbox", store.Query{Bound: &east}, store.ByMonth, "[2023-09-01:1 2023-10-01:0 2023-11-01:1]"},
		{"source", store.Query{Source: "y"}, store.ByDay, "[2023-09-13:1]"},
		{"nothing", store.Query{From: Day("2030-01-01")}, store.ByDay, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs, err := s.Histogram(ctx, tt.q, tt.iv)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, b := range bs {
				got = append(got, fmt.Sprintf("%s:%d", b.Start.Format("2006-01-02"), b.Count))
				if !b.End.After(b.Start) {
					t.Errorf("bucket %v ends before it starts", b)
				}
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
	bs, err := s.Histogram(ctx, store.Query{From: Day("2023-09-14"), To: Day("2023-12-01")}, store.ByDay)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, b := range bs {
		total += b.Count
	}
	// 2023-09-14 .. 2023-11-02: 50 days, empty ones included.
	if len(bs) != 50 || total != 2 || bs[0].Count != 1 || bs[49].Count != 1 {
		t.Errorf("day buckets: %d of them, %d events", len(bs), total)
	}
}

func testDuplicates(t *testing.T, s Store, reopen func(Store) Store) {
	ctx := context.Background()
	r := Rec("same text", "x", Day("2023-01-01"), Paris)
	if res := put(t, s, store.PutOptions{}, r, r); len(res.Stored) != 1 || len(res.Duplicates) != 1 || res.Events != 1 {
		t.Fatalf("first put: %+v", res)
	}
	if res := put(t, s, store.PutOptions{}, r); len(res.Stored) != 0 || len(res.Duplicates) != 1 {
		t.Fatalf("second put: %+v", res)
	}
	// The same text with other white space around it is the same article.
	if res := put(t, s, store.PutOptions{}, Rec("  same text\r\n", "x", Day("2023-01-01"), Paris)); len(res.Duplicates) != 1 {
		t.Fatalf("third put: %+v", res)
	}
	id := model.ContentID("same text")
	if !s.HasArticle(id) || s.HasArticle(model.ContentID("other")) {
		t.Error("HasArticle is wrong")
	}
	// Replace swaps the events.
	res := put(t, s, store.PutOptions{Replace: true}, Rec("same text", "x", Day("2024-02-02"), Berlin, Berlin))
	if len(res.Stored) != 1 || res.Events != 2 {
		t.Errorf("replace: %+v", res)
	}
	hits, _ := s.Events(ctx, store.Query{Undated: true})
	if got := names(hits); got != "[Berlin@2024-02-02 Berlin@2024-02-02]" {
		t.Errorf("after replace: %s", got)
	}
	if st := s.Stats(); st != (store.Stats{Articles: 1, Events: 2}) {
		t.Errorf("Stats = %+v", st)
	}
	if bs, _ := s.Histogram(ctx, store.Query{}, store.ByYear); len(bs) != 1 || bs[0].Count != 2 {
		t.Errorf("histogram after replace: %+v", bs)
	}
	// What is stored survives a reopen.
	s = reopen(s)
	if st := s.Stats(); st != (store.Stats{Articles: 1, Events: 2}) {
		t.Errorf("Stats after reopen = %+v", st)
	}
	if err := s.DeleteArticle(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	if st := s.Stats(); st != (store.Stats{}) {
		t.Errorf("Stats after delete = %+v", st)
	}
	if hits, _ := s.Events(ctx, store.Query{Undated: true}); len(hits) != 0 {
		t.Errorf("events after delete: %s", names(hits))
	}
	if bs, _ := s.Histogram(ctx, store.Query{}, store.ByYear); len(bs) != 0 {
		t.Errorf("histogram after delete: %+v", bs)
	}
	if _, _, err := s.Article(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article after delete: %v", err)
	}
}

func testBadRecords(t *testing.T, s Store) {
	good := Rec("good", "x", Day("2023-01-01"), Paris)
	tests := []struct {
		name string
		r    store.Record
	}{
		{"no text", store.Record{Article: model.Article{Title: "empty", Text: " \n"}}},
		{"wrong id", store.Record{Article: model.Article{ID: "0000000000000000", Text: "x"}}},
		{"bad point", func() store.Record {
			r := Rec("bad point", "x", Day("2023-01-01"), Paris)
			r.Events[0].Point = orb.Point{200, 0}
			return r
		}()},
		{"bad place id", func() store.Record {
			r := Rec("bad place", "x", Day("2023-01-01"), Paris)
			r.Mentions[0].Place.ID = ""
			return r
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.PutBatch(context.Background(), []store.Record{good, tt.r}, store.PutOptions{})
			if !errors.Is(err, store.ErrBadRecord) {
				t.Fatalf("err = %v, want ErrBadRecord", err)
			}
			if st := s.Stats(); st.Articles != 0 {
				t.Errorf("store changed: %+v", st)
			}
		})
	}
	// A date far out of range is kept, undated.
	put(t, s, store.PutOptions{}, Rec("far future", "x", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), Paris))
	if st := s.Stats(); st.Undated != 1 || st.Events != 1 {
		t.Errorf("far-future event: %+v", st)
	}
}

func testCorrections(t *testing.T, s Store, reopen func(Store) Store) {
	ctx := context.Background()
	first := Rec("first article", "local.com", Day("2023-01-01"), Paris)
	put(t, s, store.PutOptions{}, first)
	id := model.ContentID(first.Article.Text)
	sp := first.Mentions[0].Span
	if err := s.CorrectMention(ctx, id, sp, ParisTX); err != nil {
		t.Fatal(err)
	}
	if err := s.CorrectMention(ctx, id, model.Span{Start: 40, End: 45}, ParisTX); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("correcting a missing mention: %v", err)
	}
	if err := s.CorrectMention(ctx, "0123456789abcdef", sp, ParisTX); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("correcting a missing article: %v", err)
	}
	if err := s.CorrectMention(ctx, id, sp, model.Place{ID: "", Point: orb.Point{0, 0}}); !errors.Is(err, store.ErrBadRecord) {
		t.Errorf("correcting to a bad place: %v", err)
	}
	check := func(s Store, id, wantPlace string) {
		t.Helper()
		hits, err := s.Events(ctx, store.Query{ArticleID: id})
		if err != nil || len(hits) != 1 || hits[0].PlaceID != wantPlace {
			t.Errorf("events of %s: %+v %v, want place %s", id, hits, err, wantPlace)
		} else if wantPlace == ParisTX.ID && hits[0].Point != store.RoundPoint(ParisTX.Point) {
			t.Errorf("event of %s at %v, want %v", id, hits[0].Point, ParisTX.Point)
		}
		_, ms, err := s.Article(ctx, id)
		if err != nil || len(ms) != 1 || ms[0].Place.ID != wantPlace {
			t.Errorf("mentions of %s: %+v %v", id, ms, err)
		}
	}
	check(s, id, ParisTX.ID)
	if hits, _ := s.Events(ctx, store.Query{PlaceID: Paris.ID}); len(hits) != 0 {
		t.Errorf("the old place still has events: %s", names(hits))
	}
	usa := orb.Bound{Min: orb.Point{-125, 25}, Max: orb.Point{-65, 50}}
	if hits, _ := s.Events(ctx, store.Query{Bound: &usa}); len(hits) != 1 {
		t.Errorf("the box search does not find the moved event: %s", names(hits))
	}
	if p, err := s.Place(ctx, ParisTX.ID); err != nil || p.Country != "US" {
		t.Errorf("the corrected place is not stored: %+v, %v", p, err)
	}

	// Kept across a reopen; applied again when the article is stored again.
	s = reopen(s)
	check(s, id, ParisTX.ID)
	if err := s.DeleteArticle(ctx, id); err != nil {
		t.Fatal(err)
	}
	put(t, s, store.PutOptions{}, first)
	check(s, id, ParisTX.ID)
	_, ms, _ := s.Article(ctx, id)
	if !ms[0].Corrected || len(ms[0].RunnersUp) == 0 || ms[0].RunnersUp[0].Place.ID != Paris.ID {
		t.Errorf("corrected mention: %+v", ms[0])
	}
	put(t, s, store.PutOptions{Replace: true}, first)
	check(s, id, ParisTX.ID)

	// The preferred sense for later articles from the same source only.
	senses, err := s.PreferredSenses(ctx, "local.com")
	if err != nil || senses["paris"].ID != ParisTX.ID {
		t.Errorf("PreferredSenses = %v, %v", senses, err)
	}
	later := Rec("a later article", "local.com", Day("2023-02-01"), Paris)
	other := Rec("another source", "world.com", Day("2023-02-01"), Paris)
	put(t, s, store.PutOptions{}, later, other)
	check(s, model.ContentID(later.Article.Text), ParisTX.ID)
	check(s, model.ContentID(other.Article.Text), Paris.ID)
	cs, err := s.Corrections(ctx, id)
	if err != nil || len(cs) != 1 || cs[0].Name != "Paris" || cs[0].Source != "local.com" || cs[0].Place.ID != ParisTX.ID || cs[0].Span != sp {
		t.Errorf("Corrections = %+v, %v", cs, err)
	}
}

// testNotAPlace: a name the user says is not a place loses its mention and
// events, stays out when the article is stored again and out of later
// articles from the same source, and comes back once undone and geoparsed
// again; ScanSureness reports the mentions' confidence.
func testNotAPlace(t *testing.T, s Store, reopen func(Store) Store) {
	ctx := context.Background()
	// PutBatch applies corrections to the records it is given: each put
	// gets a record of its own.
	fresh := func() store.Record { return Rec("first article", "local.com", Day("2023-01-01"), Paris) }
	first := fresh()
	put(t, s, store.PutOptions{}, first)
	id := model.ContentID(first.Article.Text)
	sp := first.Mentions[0].Span
	sure := map[string]float64{}
	if err := s.ScanSureness(ctx, func(r store.Sureness) bool { sure[r.EventID] = r.Confidence; return true }); err != nil {
		t.Fatal(err)
	}
	hits, _ := s.Events(ctx, store.Query{ArticleID: id})
	if len(hits) != 1 || len(sure) != 1 || sure[hits[0].ID] != first.Mentions[0].Confidence {
		t.Errorf("ScanSureness = %v for events %s, want the mention's confidence %v", sure, names(hits), first.Mentions[0].Confidence)
	}
	if err := s.RejectMention(ctx, id, model.Span{Start: 40, End: 45}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rejecting a missing mention: %v", err)
	}
	if err := s.RejectMention(ctx, id, sp); err != nil {
		t.Fatal(err)
	}
	gone := func(s Store, id string) {
		t.Helper()
		if hits, err := s.Events(ctx, store.Query{ArticleID: id}); err != nil || len(hits) != 0 {
			t.Errorf("events of %s after not a place: %s %v", id, names(hits), err)
		}
		if _, ms, err := s.Article(ctx, id); err != nil || len(ms) != 0 {
			t.Errorf("mentions of %s after not a place: %+v %v", id, ms, err)
		}
	}
	gone(s, id)
	if n, err := s.Count(ctx, store.Query{}); err != nil || n != 0 {
		t.Errorf("Count = %d, %v after the only event was removed", n, err)
	}
	s = reopen(s)
	gone(s, id)
	put(t, s, store.PutOptions{Replace: true}, fresh())
	gone(s, id)
	later := Rec("a later article", "local.com", Day("2023-02-01"), Paris)
	other := Rec("another source", "world.com", Day("2023-02-01"), Paris)
	put(t, s, store.PutOptions{}, later, other)
	gone(s, model.ContentID(later.Article.Text))
	if hits, _ := s.Events(ctx, store.Query{ArticleID: model.ContentID(other.Article.Text)}); len(hits) != 1 {
		t.Errorf("another source lost its Paris: %s", names(hits))
	}
	cs, err := s.Corrections(ctx, id)
	if err != nil || len(cs) != 1 || !store.IsNotAPlace(cs[0].Place) {
		t.Fatalf("Corrections = %+v, %v", cs, err)
	}
	// Undone, the name is a place again once the article is stored anew.
	if err := s.UndoCorrection(ctx, id, sp); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoCorrection(ctx, id, sp); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("undoing twice: %v", err)
	}
	if senses, err := s.PreferredSenses(ctx, "local.com"); err != nil || len(senses) != 0 {
		t.Errorf("PreferredSenses after undo = %v, %v", senses, err)
	}
	put(t, s, store.PutOptions{Replace: true}, fresh())
	if hits, _ := s.Events(ctx, store.Query{ArticleID: id}); len(hits) != 1 || hits[0].PlaceID != Paris.ID {
		t.Errorf("events after undo and a new put: %s", names(hits))
	}
}

// named makes an article of a source whose mentions have the given names
// and places (one event each, undated).
func named(text, source string, mentions ...any) store.Record {
	r := store.Record{Article: model.Article{Title: "T " + text, Source: source, Text: text, Format: model.FormatText}}
	for i := 0; i+1 < len(mentions); i += 2 {
		name, p := mentions[i].(string), mentions[i+1].(model.Place)
		sp := model.Span{Start: i, End: i + 1}
		r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: name, Place: p, Confidence: 0.7})
		r.Events = append(r.Events, model.Event{Span: sp, PlaceID: p.ID, PlaceName: p.Name, Point: p.Point, Precision: model.Undated})
	}
	return r
}

// testSourceHistory: SourceHistory counts, per lower-cased name and place,
// the articles of one source (and of no other) that name it there, once
// per article; corrected mentions count at their new place, rejected ones
// and deleted articles not at all.
func testSourceHistory(t *testing.T, s Store, reopen func(Store) Store) {
	ctx := context.Background()
	history := func(s Store, source string) string {
		t.Helper()
		h, err := s.SourceHistory(ctx, source)
		if err != nil {
			t.Fatalf("SourceHistory(%q): %v", source, err)
		}
		return fmt.Sprint(h) // fmt sorts map keys
	}
	want := func(s Store, source, w string) {
		t.Helper()
		if got := history(s, source); got != w {
			t.Errorf("SourceHistory(%q) =\n %s\nwant\n %s", source, got, w)
		}
	}
	want(s, "local.com", "map[]")
	a1 := named("one", "local.com", "Paris", Paris, "Paris", Paris, "Berlin", Berlin)
	a2 := named("two", "local.com", "PARIS", Paris, "Lagos", Lagos)
	a3 := named("three", "local.com", "Paris", ParisTX)
	o1 := named("other one", "world.com", "Paris", ParisTX, "Berlin", Berlin)
	o2 := named("other two", "Local.com", "Paris", ParisTX)
	o3 := named("no source", "", "Berlin", Berlin)
	put(t, s, store.PutOptions{}, a1, a2, a3, o1, o2, o3)
	want(s, "local.com", "map[berlin:map[gn:2950159:1] lagos:map[gn:2332459:1] paris:map[gn:2988507:2 gn:4717560:1]]")
	want(s, " local.com\n", "map[berlin:map[gn:2950159:1] lagos:map[gn:2332459:1] paris:map[gn:2988507:2 gn:4717560:1]]")
	want(s, "world.com", "map[berlin:map[gn:2950159:1] paris:map[gn:4717560:1]]")
	want(s, "Local.com", "map[paris:map[gn:4717560:1]]")
	want(s, "", "map[berlin:map[gn:2950159:1]]")
	want(s, "nowhere.org", "map[]")

	// A correction moves the count; "not a place" takes the name out, in
	// that article and in the source's later ones.
	if err := s.CorrectMention(ctx, model.ContentID("three"), a3.Mentions[0].Span, Paris); err != nil {
		t.Fatal(err)
	}
	if err := s.RejectMention(ctx, model.ContentID("two"), a2.Mentions[1].Span); err != nil {
		t.Fatal(err)
	}
	put(t, s, store.PutOptions{}, named("four", "local.com", "Lagos", Lagos, "Berlin", Berlin))
	want(s, "local.com", "map[berlin:map[gn:2950159:2] paris:map[gn:2988507:3]]")

	// Deleted, an article counts no more; reopened, the store counts alike.
	if err := s.DeleteArticle(ctx, model.ContentID("one")); err != nil {
		t.Fatal(err)
	}
	want(s, "local.com", "map[berlin:map[gn:2950159:1] paris:map[gn:2988507:2]]")
	s = reopen(s)
	want(s, "local.com", "map[berlin:map[gn:2950159:1] paris:map[gn:2988507:2]]")
	want(s, "world.com", "map[berlin:map[gn:2950159:1] paris:map[gn:4717560:1]]")
	// A later article gets the sense the correction set, and counts there.
	put(t, s, store.PutOptions{}, named("five", "local.com", "paris", ParisTX))
	want(s, "local.com", "map[berlin:map[gn:2950159:1] paris:map[gn:2988507:3]]")
}

func testLookups(t *testing.T, s Store) {
	ctx := context.Background()
	r := Rec("lookups", "news.example", Day("2022-05-06"), Lagos, Berlin)
	r.Article.Origin = "feed.xml#3"
	put(t, s, store.PutOptions{}, r, Rec("undated one", "news.example", time.Time{}, Lagos))
	id := model.ContentID("lookups")
	info, ms, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if info.Text != "lookups" || info.Title != "T lookups" || info.Source != "news.example" || info.Origin != "feed.xml#3" ||
		info.Format != model.FormatText || !info.Published.Equal(Day("2022-05-06")) || info.Events != 2 || info.Mentions != 2 {
		t.Errorf("Article = %+v", info)
	}
	if len(ms) != 2 || ms[0].Place.ID != Lagos.ID || ms[1].Span != (model.Span{Start: 1, End: 2}) || ms[0].Confidence != 0.9 {
		t.Errorf("mentions = %+v", ms)
	}
	if _, _, err := s.Article(ctx, "ffffffffffffffff"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	h, err := s.Event(ctx, id+"-0001")
	if err != nil || h.PlaceID != Berlin.ID || h.Title != "T lookups" || h.Span != (model.Span{Start: 1, End: 2}) || h.Precision != model.Day {
		t.Errorf("Event = %+v, %v", h, err)
	}
	u, err := s.Event(ctx, model.ContentID("undated one")+"-0000")
	if err != nil || u.Precision != model.Undated || !u.Time.IsZero() || u.PlaceID != Lagos.ID {
		t.Errorf("undated Event = %+v, %v", u, err)
	}
	if _, err := s.Event(ctx, id+"-0009"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
	p, err := s.Place(ctx, Lagos.ID)
	if err != nil || p.Name != "Lagos" || p.Country != "NG" || p.Kind != model.KindCity || p.Point != Lagos.Point {
		t.Errorf("Place = %+v, %v", p, err)
	}
	if _, err := s.Place(ctx, "gn:0"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing place: %v", err)
	}
	var got []string
	if err := s.Articles(ctx, func(a store.ArticleInfo) bool { got = append(got, a.ID); return true }); err != nil {
		t.Fatal(err)
	}
	want := []string{id, model.ContentID("undated one")}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Articles = %v, want %v (in ID order)", got, want)
	}
	if s.Path() == "" {
		t.Error("Path is empty")
	}
}

func testScan(t *testing.T, s Store) {
	ctx := context.Background()
	put(t, s, store.PutOptions{}, Rec("scan a", "x", Day("2021-03-04"), Paris, Lagos), Rec("scan b", "x", time.Time{}, Berlin))
	var pts []store.EventPoint
	if err := s.ScanPoints(ctx, func(p store.EventPoint) bool { pts = append(pts, p); return true }); err != nil {
		t.Fatal(err)
	}
	if len(pts) != 3 {
		t.Fatalf("ScanPoints gave %d points", len(pts))
	}
	if pts[2].PlaceID != Berlin.ID || pts[2].Unix != 0 || pts[2].Precision != model.Undated {
		t.Errorf("the undated event is not last: %+v", pts)
	}
	byID := map[string]store.EventPoint{}
	for _, p := range pts {
		byID[p.ID] = p
	}
	a := byID[model.ContentID("scan a")+"-0001"]
	if a.PlaceID != Lagos.ID || a.Unix != Day("2021-03-04").Unix() || a.Precision != model.Day || a.Point != store.RoundPoint(Lagos.Point) {
		t.Errorf("point = %+v", a)
	}
	n := 0
	_ = s.ScanPoints(ctx, func(store.EventPoint) bool { n++; return false })
	if n != 1 {
		t.Errorf("ScanPoints went on after fn returned false: %d calls", n)
	}
}

func testExport(t *testing.T, s Store) {
	ctx := context.Background()
	put(t, s, store.PutOptions{}, Rec("export me", "x.org", Day("2020-02-02"), Paris, Berlin))
	var sb strings.Builder
	n, err := export.Events(ctx, &sb, export.GeoJSON, s, store.Query{})
	if err != nil || n != 2 {
		t.Fatalf("export: %d events, %v", n, err)
	}
	if out := sb.String(); !strings.Contains(out, `"FeatureCollection"`) || !strings.Contains(out, "Berlin") || !strings.Contains(out, "x.org") {
		t.Errorf("GeoJSON lacks the events: %.300s", out)
	}
}

// testConcurrent has writers put overlapping batches at once: every article
// must be stored once, with all its events.
func testConcurrent(t *testing.T, s Store) {
	ctx := context.Background()
	const writers, articles = 4, 60
	all := make([]store.Record, articles)
	for i := range all {
		all[i] = Rec(fmt.Sprintf("concurrent article %d", i), "c.com", Day("2020-01-01").AddDate(0, 0, i), Paris, Lagos, Berlin)
	}
	var wg sync.WaitGroup
	stored := make([]int, writers)
	errs := make([]error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each writer puts every article, in its own order and batches.
			for i := 0; i < articles; i += 10 {
				var batch []store.Record
				for j := range 10 {
					r := all[(i+j+w*17)%articles]
					r.Mentions, r.Events = slices.Clone(r.Mentions), slices.Clone(r.Events)
					batch = append(batch, r)
				}
				res, err := s.PutBatch(ctx, batch, store.PutOptions{})
				if err != nil {
					errs[w] = err
					return
				}
				stored[w] += len(res.Stored)
			}
		}()
	}
	wg.Wait()
	total := 0
	for w := range writers {
		if errs[w] != nil {
			t.Fatalf("writer %d: %v", w, errs[w])
		}
		total += stored[w]
	}
	if total != articles {
		t.Errorf("the writers stored %d articles between them, want %d", total, articles)
	}
	if st := s.Stats(); st != (store.Stats{Articles: articles, Events: 3 * articles}) {
		t.Errorf("Stats = %+v", st)
	}
	n, err := s.Count(ctx, store.Query{Source: "c.com"})
	if err != nil || n != 3*articles {
		t.Errorf("Count = %d, %v", n, err)
	}
}

func testReadOnly(t *testing.T, s Store, readOnly func(Store) Store) {
	ctx := context.Background()
	r := Rec("read only", "x", Day("2023-01-01"), Paris)
	put(t, s, store.PutOptions{}, r)
	ro := readOnly(s)
	if !ro.ReadOnly() {
		t.Fatal("ReadOnly() is false")
	}
	if _, err := ro.PutBatch(ctx, []store.Record{Rec("new", "x", Day("2023-01-01"), Paris)}, store.PutOptions{}); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("PutBatch: %v, want ErrReadOnly", err)
	}
	id := model.ContentID("read only")
	if err := ro.CorrectMention(ctx, id, r.Mentions[0].Span, ParisTX); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("CorrectMention: %v, want ErrReadOnly", err)
	}
	if err := ro.DeleteArticle(ctx, id); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("DeleteArticle: %v, want ErrReadOnly", err)
	}
	if hits, err := ro.Events(ctx, store.Query{}); err != nil || len(hits) != 1 || hits[0].PlaceID != Paris.ID {
		t.Errorf("reading: %v, %v", hits, err)
	}
	if h, err := ro.SourceHistory(ctx, "x"); err != nil || fmt.Sprint(h) != "map[paris:map[gn:2988507:1]]" {
		t.Errorf("SourceHistory read-only: %v, %v", h, err)
	}
}

// SynthBatch returns batch number i of a synthetic corpus for benchmarks:
// articles of perArticle events each, at random points of the world and
// random days of 2000–2024, with two mentions each among 50,000 places.
func SynthBatch(rng *rand.Rand, i, articles, perArticle int) []store.Record {
	recs := make([]store.Record, articles)
	start := Day("2000-01-01")
	span := float64(25 * 365 * 86400)
	for a := range recs {
		n := i*articles + a
		text := "Synthetic article " + strconv.Itoa(n) + " about events in many places."
		r := store.Record{Article: model.Article{Title: "Article " + strconv.Itoa(n), Source: "synthetic", Text: text, Format: model.FormatText}}
		for e := range perArticle {
			p := model.Place{ID: "gn:" + strconv.Itoa(rng.IntN(50000)), Name: "Place", Point: orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}}
			sp := model.Span{Start: e, End: e + 1}
			if e < 2 {
				r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: p.Name, Place: p, Confidence: 0.5})
			}
			t := start.Add(time.Duration(rng.Float64()*span) * time.Second).Truncate(24 * time.Hour)
			r.Events = append(r.Events, model.Event{Span: sp, PlaceID: p.ID, PlaceName: p.Name, Point: p.Point, Time: t, Precision: model.Day, Snippet: "Something happened here."})
		}
		recs[a] = r
	}
	return recs
}
