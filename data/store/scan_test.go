package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
)

func TestScanPointsAndEvent(t *testing.T) {
	st, err := Open(":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// More events than one scan chunk, and some undated ones.
	const articles, perArticle = 50, 500
	var recs []Record
	for a := range articles {
		text := fmt.Sprintf("article %d", a)
		art := model.Article{ID: model.ContentID(text), Title: text, Text: text, Source: "s"}
		var evs []model.Event
		for n := range perArticle {
			ev := model.Event{
				ID: fmt.Sprintf("%s-%d", art.ID, n), ArticleID: art.ID, PlaceID: "p", PlaceName: "P",
				Point:     orb.Point{float64(a) - 25, float64(n%80) - 40},
				Time:      time.Unix(int64(1e9+a*86400), 0).UTC(),
				Precision: model.Day,
			}
			if n%100 == 0 {
				ev.Time, ev.Precision = time.Time{}, model.Undated
			}
			evs = append(evs, ev)
		}
		recs = append(recs, Record{Article: art, Events: evs})
	}
	if _, err := st.PutBatch(context.Background(), recs, PutOptions{}); err != nil {
		t.Fatal(err)
	}
	var n, undated int
	seen := make(map[string]bool)
	err = st.ScanPoints(context.Background(), func(p EventPoint) bool {
		n++
		if seen[p.ID] {
			t.Fatalf("event %s seen twice", p.ID)
		}
		seen[p.ID] = true
		if p.PlaceID != "p" {
			t.Fatalf("event %s at place %q", p.ID, p.PlaceID)
		}
		if p.Precision == model.Undated {
			undated++
			if p.Unix != 0 {
				t.Errorf("undated event with time %d", p.Unix)
			}
		} else if undated > 0 {
			t.Fatalf("a dated event after the undated ones")
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != articles*perArticle || undated != articles*perArticle/100 {
		t.Errorf("scanned %d events (%d undated)", n, undated)
	}
	// Stopping early.
	n = 0
	st.ScanPoints(context.Background(), func(EventPoint) bool { n++; return n < 10 })
	if n != 10 {
		t.Errorf("scan went on after false: %d", n)
	}
	// One event back in full.
	id := recs[3].Events[7].ID
	h, err := st.Event(context.Background(), id)
	if err != nil || h.ID != id || h.Title != "article 3" || h.Point != (orb.Point{-22, -33}) {
		t.Errorf("Event(%s) = %+v, %v", id, h, err)
	}
	if _, err := st.Event(context.Background(), "nope-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := st.ScanPoints(ctx, func(EventPoint) bool { return true }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled scan: %v", err)
	}
}

func TestDeferredIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "an article"
	art := model.Article{ID: model.ContentID(text), Text: text}
	ev := model.Event{ID: art.ID + "-0", ArticleID: art.ID, PlaceID: "p", PlaceName: "P", Point: orb.Point{10, 20},
		Time: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Precision: model.Day}
	if _, err := st.PutBatch(context.Background(), []Record{{Article: art, Events: []model.Event{ev}}}, PutOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = Open(path, Options{DeferIndexes: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Positions need no index.
	n := 0
	st.ScanPoints(context.Background(), func(EventPoint) bool { n++; return true })
	// A box search builds the indexes on the way.
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{20, 30}}
	hits, err := st.Events(context.Background(), Query{Bound: &box})
	if err != nil || n != 1 || len(hits) != 1 {
		t.Errorf("scan %d, search %d %v", n, len(hits), err)
	}
	if err := st.BuildIndexes(); err != nil {
		t.Error(err)
	}
}
