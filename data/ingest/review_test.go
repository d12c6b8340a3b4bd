package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"eventmap/data/model"
	"eventmap/data/store"
)

// TestConfirmedPlaceIsReused: a place the user confirms (a correction to
// the place the geoparser chose) needs no review, and later articles of
// the same source that name it get it as confirmed, through ingest.
func TestConfirmedPlaceIsReused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"one.jsonl": `{"text": "Fire in Berlin today.", "source": "de-news", "date": "2023-01-01"}` + "\n",
	})
	writeFiles(t, filepath.Join(dir, "later"), map[string]string{
		"two.jsonl": `{"text": "Parade in Berlin tomorrow.", "source": "de-news", "date": "2023-01-02"}` + "\n" +
			`{"text": "Strike in Berlin now.", "source": "other-news", "date": "2023-01-02"}` + "\n",
	})
	s := openStore(t)
	cfg := Config{Store: s, Geoparser: fakeGeoparser{}}
	if _, err := Run(ctx, cfg, []string{filepath.Join(dir, "one.jsonl")}); err != nil {
		t.Fatal(err)
	}
	id := model.ContentID("Fire in Berlin today.")
	_, ms, err := s.Article(ctx, id)
	if err != nil || len(ms) != 1 || ms[0].Corrected {
		t.Fatalf("mentions before confirming: %+v %v", ms, err)
	}
	if err := s.CorrectMention(ctx, id, ms[0].Span, ms[0].Place); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, cfg, []string{filepath.Join(dir, "later")}); err != nil {
		t.Fatal(err)
	}
	got := map[string]store.Sureness{}
	if err := s.ScanSureness(ctx, func(r store.Sureness) bool {
		got[r.EventID[:strings.LastIndexByte(r.EventID, '-')]] = r
		return true
	}); err != nil {
		t.Fatal(err)
	}
	for text, confirmed := range map[string]bool{
		"Fire in Berlin today.":      true,
		"Parade in Berlin tomorrow.": true,
		"Strike in Berlin now.":      false,
	} {
		r, ok := got[model.ContentID(text)]
		if !ok || r.Corrected != confirmed || r.Confidence != 0.8 {
			t.Errorf("%q: %+v (found %v), want confirmed %v with the geoparser's confidence 0.8", text, r, ok, confirmed)
		}
	}
	hits, err := s.Events(ctx, store.Query{ArticleID: model.ContentID("Parade in Berlin tomorrow.")})
	if err != nil || len(hits) != 1 || hits[0].PlaceID != fakeGazetteer["Berlin"].ID {
		t.Errorf("later article's events: %+v %v", hits, err)
	}
}
