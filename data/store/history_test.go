package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// TestSourceHistoryOfAFileWithoutTheIndex opens a file written key by key
// in the layout (as an eventmap from before SourceHistory wrote it, with no
// trace of an index by source): SourceHistory finds its articles, read-only
// and writable, and keeps finding those written after its first call.
func TestSourceHistoryOfAFileWithoutTheIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := buntdb.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	paris := model.Place{ID: "gn:2988507", Name: "Paris", Point: orb.Point{2.35, 48.85}}
	err = db.Update(func(tx *buntdb.Tx) error {
		set := func(k string, v any) {
			b, _ := json.Marshal(v)
			if _, _, err := tx.Set(k, string(b), nil); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := tx.Set(keyVersion, layoutVersion, nil); err != nil {
			return err
		}
		for i, src := range []string{"old.news", "old.news", "other.news"} {
			text := "Old article " + strconv.Itoa(i) + " in Paris."
			id := model.ContentID(text)
			set(prefixArticle+id, ArticleInfo{Article: model.Article{ID: id, Title: "Old", Source: src}, Mentions: 1})
			if _, _, err := tx.Set(prefixText+id, text, nil); err != nil {
				return err
			}
			set(prefixMentions+id, []model.Mention{{Span: model.Span{Start: 14, End: 19}, Name: "Paris", Place: paris, Confidence: 0.9}})
			set(prefixPlace+paris.ID, paris)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	stored := 2 // articles of old.news in the file
	for _, opts := range []Options{{ReadOnly: true}, {DeferIndexes: true}, {}} {
		s, err := Open(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.SourceHistory(ctx, "old.news")
		if got := fmt.Sprint(h); err != nil || got != fmt.Sprintf("map[paris:map[gn:2988507:%d]]", stored) {
			t.Errorf("%+v: SourceHistory = %s, %v", opts, got, err)
		}
		if !opts.ReadOnly {
			r := Record{Article: model.Article{Source: "old.news", Text: "New article " + fmt.Sprint(opts.DeferIndexes) + " in Paris."},
				Mentions: []model.Mention{{Span: model.Span{Start: 0, End: 5}, Name: "paris", Place: paris}}}
			if _, err := s.PutBatch(ctx, []Record{r}, PutOptions{}); err != nil {
				t.Fatal(err)
			}
			stored++
			h, err := s.SourceHistory(ctx, "old.news")
			if got := fmt.Sprint(h); err != nil || got != fmt.Sprintf("map[paris:map[gn:2988507:%d]]", stored) {
				t.Errorf("%+v: SourceHistory after a put = %s, %v", opts, got, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SourceHistory(ctx, "old.news"); err == nil {
			t.Error("SourceHistory of a closed store: no error")
		}
	}
}

func TestCountHistory(t *testing.T) {
	p := func(id string) model.Place { return model.Place{ID: id} }
	h := map[string]map[string]int{}
	ms := []model.Mention{
		{Name: "Paris", Place: p("gn:1")}, {Name: " PARIS ", Place: p("gn:1")}, {Name: "Paris", Place: p("gn:2")},
		{Name: "Wagner", Place: NotAPlace()}, {Name: "Nowhere", Place: p("")},
	}
	CountHistory(h, ms, 1)
	CountHistory(h, ms[:1], 1)
	if got := fmt.Sprint(h); got != "map[paris:map[gn:1:2 gn:2:1]]" {
		t.Errorf("counted %s", got)
	}
	CountHistory(h, ms, -1)
	if got := fmt.Sprint(h); got != "map[paris:map[gn:1:1]]" {
		t.Errorf("after taking one article out: %s", got)
	}
	CountHistory(h, ms, -1)
	CountHistory(h, []model.Mention{{Name: "Elsewhere", Place: p("gn:3")}}, -1)
	if len(h) != 0 {
		t.Errorf("after taking everything out: %v", h)
	}
}

// historyStore fills a store with sources articles each of n sources, of
// ten mentions each among 2,000 names and 5,000 places.
func historyStore(b *testing.B, sources, perSource int) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "h.db"), Options{Sync: SyncNever, NoAutoShrink: true, DeferIndexes: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	n := 0
	for src := range sources {
		var recs []Record
		for range perSource {
			n++
			r := Record{Article: model.Article{Source: "source" + strconv.Itoa(src), Text: "Article " + strconv.Itoa(n)}}
			for m := range 10 {
				k := (n*7 + m*131) % 5000
				r.Mentions = append(r.Mentions, model.Mention{Span: model.Span{Start: m, End: m + 1}, Name: "Name" + strconv.Itoa(k%2000),
					Place: model.Place{ID: "gn:" + strconv.Itoa(k), Name: "Place"}, Confidence: 0.5,
					RunnersUp: []model.Candidate{{Place: model.Place{ID: "gn:" + strconv.Itoa(k+1), Name: "Other"}, Score: 0.2}}})
			}
			recs = append(recs, r)
		}
		if _, err := s.PutBatch(context.Background(), recs, PutOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkSourceHistory reads the history of one source of 1,000
// articles (10,000 mentions) in a store of 50 such sources.
func BenchmarkSourceHistory(b *testing.B) {
	s := historyStore(b, 50, 1000)
	ctx := context.Background()
	if _, err := s.SourceHistory(ctx, "source7"); err != nil { // builds the index
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h, err := s.SourceHistory(ctx, "source7")
		if err != nil || len(h) == 0 {
			b.Fatal(len(h), err)
		}
	}
}

// BenchmarkSourceIndex builds the index of 50,000 articles by source, as
// the first SourceHistory call of an opened store does.
func BenchmarkSourceIndex(b *testing.B) {
	s := historyStore(b, 50, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := s.db.ReplaceIndex(indexSource, prefixArticle+"*", buntdb.IndexJSONCaseSensitive("source")); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSourceHistoryOfDamagedMentions: mentions that are not a JSON array
// fail SourceHistory with ErrCorrupt, naming the article.
func TestSourceHistoryOfDamagedMentions(t *testing.T) {
	s, err := Open(":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	r := Record{Article: model.Article{Source: "x", Text: "Fire in Paris."},
		Mentions: []model.Mention{{Span: model.Span{Start: 8, End: 13}, Name: "Paris", Place: model.Place{ID: "gn:1"}}}}
	if _, err := s.PutBatch(ctx, []Record{r}, PutOptions{}); err != nil {
		t.Fatal(err)
	}
	id := model.ContentID("Fire in Paris.")
	for _, v := range []string{`[{"name":"Paris","place":{"id":"gn:1"}}`, `{"name":"Paris"}`, `not json`} {
		if err := s.db.Update(func(tx *buntdb.Tx) error {
			_, _, err := tx.Set(prefixMentions+id, v, nil)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if h, err := s.SourceHistory(ctx, "x"); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), id) {
			t.Errorf("mentions %q: %v, %v", v, h, err)
		}
	}
}
