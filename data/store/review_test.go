package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"eventmap/data/model"
)

// sureness returns the sureness of every event, by event ID.
func sureness(t *testing.T, s *Store) map[string]Sureness {
	t.Helper()
	out := map[string]Sureness{}
	if err := s.ScanSureness(context.Background(), func(r Sureness) bool {
		out[r.EventID] = r
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// eventID is the ID of the n-th event of r.
func eventID(r Record, n int) string { return r.Article.ID + "-" + pad4(n) }

func TestScanSurenessAndConfirm(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, Options{})
	unsure := record("unsure of Paris and Paris", "local.com", day("2023-01-01"), paris, paris)
	unsure.Mentions[0].Confidence = 0.3
	unsure.Mentions[1].Confidence = 0.7
	unsure.Article.ID = model.ContentID(unsure.Article.Text)
	undated := record("undated Paris", "local.com", time.Time{}, paris)
	undated.Mentions[0].Confidence = 0.2
	undated.Article.ID = model.ContentID(undated.Article.Text)
	put(t, s, unsure, undated)

	got := sureness(t, s)
	if len(got) != 3 {
		t.Fatalf("sureness of %d events, want 3: %+v", len(got), got)
	}
	for id, want := range map[string]float64{eventID(unsure, 0): 0.3, eventID(unsure, 1): 0.7, eventID(undated, 0): 0.2} {
		if r := got[id]; r.Confidence != want || r.Corrected {
			t.Errorf("%s: %+v, want confidence %v", id, r, want)
		}
	}

	// Confirming the place the geoparser chose is a correction to the same
	// place: the event keeps its place and needs no review any more, and
	// the choice is reused for later articles of the source.
	if err := s.CorrectMention(ctx, unsure.Article.ID, unsure.Mentions[0].Span, paris); err != nil {
		t.Fatal(err)
	}
	got = sureness(t, s)
	if r := got[eventID(unsure, 0)]; !r.Corrected {
		t.Errorf("confirmed event: %+v", r)
	}
	if r := got[eventID(unsure, 1)]; r.Corrected {
		t.Errorf("the other mention was confirmed too: %+v", r)
	}
	if hits, _ := s.Events(ctx, Query{ArticleID: unsure.Article.ID}); len(hits) != 2 || hits[0].PlaceID != paris.ID {
		t.Errorf("events after confirming: %+v", hits)
	}
	later := record("a later unsure Paris", "local.com", day("2023-02-01"), paris)
	later.Mentions[0].Confidence = 0.1
	later.Article.ID = model.ContentID(later.Article.Text)
	other := record("another source, unsure Paris", "world.com", day("2023-02-01"), paris)
	other.Mentions[0].Confidence = 0.1
	other.Article.ID = model.ContentID(other.Article.Text)
	put(t, s, later, other)
	got = sureness(t, s)
	if r := got[eventID(later, 0)]; !r.Corrected {
		t.Errorf("later article of the same source: %+v, want the confirmed place reused", r)
	}
	if r := got[eventID(other, 0)]; r.Corrected || r.Confidence != 0.1 {
		t.Errorf("article of another source: %+v", r)
	}

	// Stopping early.
	n := 0
	if err := s.ScanSureness(ctx, func(Sureness) bool { n++; return false }); err != nil || n != 1 {
		t.Errorf("stopping after one: %d %v", n, err)
	}
}

func TestEventSpan(t *testing.T) {
	for _, tc := range []struct {
		val  string
		want model.Span
		ok   bool
	}{
		{"[1 2 3]\t100\t3\t4\t9\tgn:1\tParis\tIn Paris.", model.Span{Start: 4, End: 9}, true},
		{"[1 2]\t\t0\t0\t5\tgn:1\tParis\t", model.Span{Start: 0, End: 5}, true},
		{"[1 2]\t\t0\t0", model.Span{}, false},
		{"[1 2]\t\t0\tx\t5\tgn:1\tParis\t", model.Span{}, false},
		{"no bracket", model.Span{}, false},
	} {
		if got, ok := eventSpan(tc.val); got != tc.want || ok != tc.ok {
			t.Errorf("eventSpan(%q) = %v %v, want %v %v", tc.val, got, ok, tc.want, tc.ok)
		}
	}
}

// BenchmarkScanSureness reads the sureness of 100k events (10k articles,
// as synthRecords makes them), as the window does a moment after each
// load:
//
//	go test -run '^$' -bench ScanSureness -count 5 ./data/store/
func BenchmarkScanSureness(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "b.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 10 {
		if _, err := s.PutBatch(context.Background(), synthRecords(rng, i), PutOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := s.ScanSureness(context.Background(), func(Sureness) bool { n++; return true }); err != nil {
			b.Fatal(err)
		}
		if n != 20*benchBatchArticles { // two mentions per article
			b.Fatalf("%d events", n)
		}
	}
}
