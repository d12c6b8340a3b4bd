package store

import (
	"context"
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/data/model"
)

// TestRejectMention: "not a place" removes the mention and its events,
// keeps the counts right, is reused for the name in later articles from
// the source and when the article is stored again, and can be undone.
func TestRejectMention(t *testing.T) {
	ctx := context.Background()
	wagner := model.Place{ID: "gn:5000000", Name: "Wagner", Kind: model.KindCity, Country: "US", Point: orb.Point{-98.29, 43.08}}
	s, path := openTemp(t, Options{})
	// PutBatch applies corrections to the records it is given: each put
	// gets a fresh one.
	first := func() Record {
		return record("Wagner fighters left Paris", "news.example", day("2023-06-24"), wagner, paris)
	}
	put(t, s, first())
	id := model.ContentID(first().Article.Text)
	sp := first().Mentions[0].Span
	if err := s.RejectMention(ctx, id, model.Span{Start: 30, End: 31}); !errors.Is(err, ErrNotFound) {
		t.Errorf("rejecting a missing mention: %v", err)
	}
	if err := s.RejectMention(ctx, id, sp); err != nil {
		t.Fatal(err)
	}
	check := func(s *Store, id string, want ...string) {
		t.Helper()
		hits, err := s.Events(ctx, Query{ArticleID: id, Undated: true})
		_, ms, err2 := s.Article(ctx, id)
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		var got, names []string
		for _, h := range hits {
			got = append(got, h.PlaceName)
		}
		for _, m := range ms {
			names = append(names, m.Name)
		}
		if len(got) != len(want) || len(names) != len(want) || (len(want) > 0 && (got[0] != want[0] || names[0] != want[0])) {
			t.Errorf("article %s: events at %v, mentions %v; want %v", id, got, names, want)
		}
	}
	check(s, id, "Paris")
	if st := s.Stats(); st.Events != 1 {
		t.Errorf("stats after the rejection: %+v", st)
	}
	cs, err := s.Corrections(ctx, id)
	if err != nil || len(cs) != 1 || !IsNotAPlace(cs[0].Place) || cs[0].Name != "Wagner" {
		t.Errorf("corrections %+v %v", cs, err)
	}
	if ss, _ := s.PreferredSenses(ctx, "news.example"); !IsNotAPlace(ss["wagner"]) {
		t.Errorf("senses %+v", ss)
	}

	// Reused: a later article of the source, and the article stored again
	// (after reopening the file).
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	later := record("Wagner moved on Berlin", "news.example", day("2023-06-25"), wagner, berlin)
	put(t, s, later)
	laterID := model.ContentID(later.Article.Text)
	check(s, laterID, "Berlin")
	if _, err := s.PutBatch(ctx, []Record{first()}, PutOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	check(s, id, "Paris")
	// Another source's Wagner is untouched.
	other := record("Wagner, South Dakota, held a fair", "sd.example", day("2023-07-01"), wagner)
	put(t, s, other)
	check(s, model.ContentID(other.Article.Text), "Wagner")

	// Undone: stored again, the mention and its event are back.
	if err := s.UndoCorrection(ctx, id, sp); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoCorrection(ctx, id, sp); !errors.Is(err, ErrNotFound) {
		t.Errorf("undoing twice: %v", err)
	}
	if ss, _ := s.PreferredSenses(ctx, "news.example"); len(ss) != 0 {
		t.Errorf("senses after the undo %+v", ss)
	}
	if _, err := s.PutBatch(ctx, []Record{first()}, PutOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	check(s, id, "Wagner", "Paris")
	if st := s.Stats(); st.Events != 4 {
		t.Errorf("stats after the undo: %+v", st)
	}
}
