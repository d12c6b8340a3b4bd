package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"eventmap/data/model"
	"eventmap/data/store"
)

// recorder is a fake geoparser that records the memory each article was
// given, by the article's text.
type recorder struct {
	mu   sync.Mutex
	got  map[string]Memory
	wait func(ctx context.Context) // called before each article, if set
}

func (r *recorder) Parse(ctx context.Context, a model.Article, mem Memory) (Result, error) {
	if r.wait != nil {
		r.wait(ctx)
	}
	r.mu.Lock()
	if r.got == nil {
		r.got = map[string]Memory{}
	}
	r.got[a.Text] = mem
	r.mu.Unlock()
	return fakeGeoparser{}.Parse(ctx, a, mem)
}

// seen is the history an article was given, printed (fmt sorts map keys).
func (r *recorder) seen(text string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	mem, ok := r.got[text]
	if !ok {
		return "not geoparsed"
	}
	return fmt.Sprint(mem.Seen)
}

// countingStore counts the reads of sources' histories.
type countingStore struct {
	*store.Store
	reads atomic.Int64
}

func (c *countingStore) SourceHistory(ctx context.Context, source string) (map[string]map[string]int, error) {
	c.reads.Add(1)
	return c.Store.SourceHistory(ctx, source)
}

func jsonl(source string, texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		fmt.Fprintf(&b, `{"text": %q, "source": %q, "date": "2023-01-01"}`+"\n", t, source)
	}
	return b.String()
}

// TestMemoryAcrossRuns: a run's articles get the places the source's
// earlier articles were given (and the user's corrections), read once per
// source; the articles of one run do not see each other, even when each
// is committed before the next is geoparsed.
func TestMemoryAcrossRuns(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first := []string{"Fire in Paris.", "Rain in Paris and Berlin.", "Snow in Paris.", "Wind in Paris."}
	writeFiles(t, dir, map[string]string{
		"one/a.jsonl":   jsonl("paris-daily", first...),
		"one/b.jsonl":   jsonl("berlin-daily", "Sun in Berlin."),
		"two/a.jsonl":   jsonl("paris-daily", "Fog in Paris and Moscow."),
		"two/b.jsonl":   jsonl("berlin-daily", "Hail in Paris."),
		"two/c.jsonl":   jsonl("new-daily", "Calm in Paris."),
		"three/a.jsonl": jsonl("paris-daily", "Heat in Paris."),
	})
	s := &countingStore{Store: openStore(t)}

	// One worker, and each article waits until the one before it is
	// committed: were the memory read per article, the later ones would
	// see the earlier.
	commits := make(chan struct{}, 100)
	var calls atomic.Int64
	r := &recorder{wait: func(ctx context.Context) {
		if calls.Add(1) > 1 {
			select {
			case <-commits:
			case <-ctx.Done():
			}
		}
	}}
	cfg := Config{Store: s, Geoparser: r, Workers: 1, BatchArticles: 1, OnCommit: func(ids []string) {
		for range ids {
			commits <- struct{}{}
		}
	}}
	sum, err := Run(ctx, cfg, []string{filepath.Join(dir, "one")})
	if err != nil || sum.Articles != 5 {
		t.Fatalf("first run: %+v, %v", sum, err)
	}
	for _, text := range append(first, "Sun in Berlin.") {
		if got := r.seen(text); got != "map[]" {
			t.Errorf("first run, %q saw %s, want nothing", text, got)
		}
	}
	if n := s.reads.Load(); n != 2 {
		t.Errorf("the first run read %d histories for 2 sources", n)
	}

	// The user says the Berlin of one article is Berlin, New Hampshire.
	berlinNH := model.Place{ID: "gn:5083330", Name: "Berlin", Country: "US", Point: [2]float64{-71.18508, 44.46867}}
	id := model.ContentID("Rain in Paris and Berlin.")
	_, ms, err := s.Article(ctx, id)
	if err != nil || len(ms) != 2 {
		t.Fatalf("mentions %+v, %v", ms, err)
	}
	if err := s.CorrectMention(ctx, id, ms[1].Span, berlinNH); err != nil {
		t.Fatal(err)
	}

	r = &recorder{}
	s.reads.Store(0)
	if _, err := Run(ctx, Config{Store: s, Geoparser: r, Workers: 2}, []string{filepath.Join(dir, "two")}); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Fog in Paris and Moscow.": "map[berlin:map[gn:5083330:1] paris:map[gn:2988507:4]]",
		"Hail in Paris.":           "map[berlin:map[gn:2950159:1]]",
		"Calm in Paris.":           "map[]",
	} {
		if got := r.seen(text); got != want {
			t.Errorf("second run, %q saw %s, want %s", text, got, want)
		}
	}
	r.mu.Lock()
	senses := r.got["Fog in Paris and Moscow."].Senses
	r.mu.Unlock()
	if senses["berlin"].ID != berlinNH.ID {
		t.Errorf("second run: senses %v, want the correction", senses)
	}
	if n := s.reads.Load(); n != 3 {
		t.Errorf("the second run read %d histories for 3 sources", n)
	}

	// The third run sees the second's article too.
	r = &recorder{}
	if _, err := Run(ctx, Config{Store: s, Geoparser: r}, []string{filepath.Join(dir, "three")}); err != nil {
		t.Fatal(err)
	}
	if got, want := r.seen("Heat in Paris."), "map[berlin:map[gn:5083330:1] moscow:map[gn:524901:1] paris:map[gn:2988507:5]]"; got != want {
		t.Errorf("third run saw %s, want %s", got, want)
	}
}

// TestMemoryLeavesTheArticleOut: an article geoparsed again (Reparse, or a
// run with Replace) does not see its own stored places.
func TestMemoryLeavesTheArticleOut(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	texts := []string{"Fire in Paris and Paris.", "Rain in Paris and Berlin.", "Snow in Paris."}
	writeFiles(t, dir, map[string]string{"a.jsonl": jsonl("paris-daily", texts...) + jsonl("other", "Sun in Paris.")})
	s := openStore(t)
	if _, err := Run(ctx, Config{Store: s, Geoparser: fakeGeoparser{}}, []string{dir}); err != nil {
		t.Fatal(err)
	}
	r := &recorder{}
	for _, text := range texts {
		if err := Reparse(ctx, Config{Store: s, Geoparser: r}, model.ContentID(text)); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{
		"Fire in Paris and Paris.":  "map[berlin:map[gn:2950159:1] paris:map[gn:2988507:2]]",
		"Rain in Paris and Berlin.": "map[paris:map[gn:2988507:2]]",
		"Snow in Paris.":            "map[berlin:map[gn:2950159:1] paris:map[gn:2988507:2]]",
	}
	for text, w := range want {
		if got := r.seen(text); got != w {
			t.Errorf("Reparse: %q saw %s, want %s", text, got, w)
		}
	}
	// Reparse stored the articles again: their places are all still there.
	if h, err := s.SourceHistory(ctx, "paris-daily"); err != nil || fmt.Sprint(h) != "map[berlin:map[gn:2950159:1] paris:map[gn:2988507:3]]" {
		t.Errorf("history after Reparse: %v, %v", h, err)
	}

	r = &recorder{}
	if _, err := Run(ctx, Config{Store: s, Geoparser: r, Replace: true}, []string{dir}); err != nil {
		t.Fatal(err)
	}
	want["Sun in Paris."] = "map[]"
	for text, w := range want {
		if got := r.seen(text); got != w {
			t.Errorf("Replace: %q saw %s, want %s", text, got, w)
		}
	}
}

// TestMemoryWithout: taking an article out leaves the memory it came from
// as it was.
func TestMemoryWithout(t *testing.T) {
	m := Memory{Seen: History{"paris": {"gn:1": 2, "gn:2": 1}, "berlin": {"gn:3": 1}}}
	out := m.Without([]model.Mention{{Name: "Paris", Place: model.Place{ID: "gn:2"}}, {Name: "Berlin", Place: model.Place{ID: "gn:3"}}})
	if got := fmt.Sprint(out.Seen); got != "map[paris:map[gn:1:2]]" {
		t.Errorf("Without = %s", got)
	}
	if got := fmt.Sprint(m.Seen); got != "map[berlin:map[gn:3:1] paris:map[gn:1:2 gn:2:1]]" {
		t.Errorf("the memory changed: %s", got)
	}
}
