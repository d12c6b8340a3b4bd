package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"eventmap/data/model"
	"eventmap/data/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "events.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":           "date 2023-09-13 Summit\nPutin met Kim in Vladivostok. Talks in Moscow followed.\n",
		"sub/b.md":        "---\ntitle: B\ndate: 2023-09-14\n---\nRain in Paris.\n",
		"sub/deep/c.txt":  "date 2023-09-15 C\nSnow in Berlin.",
		"sub/dup.txt":     "date 2023-09-13 Summit again\nPutin met Kim in Vladivostok. Talks in Moscow followed.\n",
		"sub/.hidden.txt": "date 2023-09-13 Hidden\nParis.",
		"sub/photo.jpg":   "\xff\xd8\xff\x00",
		"bad.txt":         "\x00\x01binary",
		"empty.txt":       "",
		"fail.txt":        "date 2023-01-01 F\nBOOM in Paris.",
		"rows.jsonl":      `{"text": "Quiet day in Alexandria.", "date": "2009-03-20"}` + "\n{oops}\n",
	})
	s := openStore(t)
	var calls []Progress
	sum, err := Run(context.Background(), Config{
		Store: s, Geoparser: fakeGeoparser{fail: "BOOM"}, Workers: 3,
		Stdin:    strings.NewReader("date 2020-02-02 From stdin\nWar in Ukraine."),
		Progress: func(p Progress) { calls = append(calls, p) },
	}, []string{filepath.Join(dir, "sub"), filepath.Join(dir, "a.txt"), filepath.Join(dir, "*.txt"), filepath.Join(dir, "rows.jsonl"), "-", filepath.Join(dir, "missing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	// Stored: a, b, c, stdin, the jsonl row; dup.txt is a duplicate of a.
	if sum.Articles != 5 || sum.Duplicates != 1 || sum.Events != 6 {
		t.Errorf("summary: %+v", sum)
	}
	if f := sum.Formats; len(f) != 3 || f[model.FormatText] != 3 || f[model.FormatMarkdown] != 1 || f[model.FormatJSONL] != 1 {
		t.Errorf("articles by format: %v", f)
	}
	var fails []string
	for _, f := range sum.Failures {
		fails = append(fails, filepath.Base(f.Input)+": "+f.Error())
	}
	want := []string{"missing.txt", "bad.txt", "binary", "empty.txt", "empty", "fail.txt", "fake geoparser failure", "rows.jsonl", "malformed JSON"}
	joined := strings.Join(fails, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("failures lack %q:\n%s", w, joined)
		}
	}
	if len(sum.Failures) != 5 {
		t.Errorf("%d failures:\n%s", len(sum.Failures), joined)
	}
	last := calls[len(calls)-1]
	if !last.Finished || last.Done != last.Total || last.Stored != 5 || last.Failed != 4 || last.Reading {
		t.Errorf("last progress %+v", last)
	}
	if st := s.Stats(); st.Articles != 5 || st.Events != 6 {
		t.Errorf("stats %+v", st)
	}
	// Ingesting again is a no-op.
	sum2, err := Run(context.Background(), Config{Store: s, Geoparser: fakeGeoparser{}}, []string{filepath.Join(dir, "sub")})
	if err != nil || sum2.Articles != 0 || sum2.Duplicates != 3 {
		t.Errorf("second run: %+v %v", sum2, err)
	}
}

func TestRunErrors(t *testing.T) {
	s := openStore(t)
	_, err := Run(context.Background(), Config{Store: s, Geoparser: fakeGeoparser{}}, []string{filepath.Join(t.TempDir(), "nothing*.txt")})
	if !errors.Is(err, ErrNoInputs) {
		t.Errorf("no inputs: %v", err)
	}
	_, err = Run(context.Background(), Config{Store: s}, []string{"x"})
	if err == nil {
		t.Error("no geoparser: no error")
	}
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&b, `{"text": "Article %d in Paris.", "date": "2020-01-01"}`+"\n", i)
	}
	writeFiles(t, dir, map[string]string{"many.jsonl": b.String()})
	s := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	var parsed atomic.Int64
	gp := GeoparserFunc(func(ctx context.Context, a model.Article, mem Memory) (Result, error) {
		if parsed.Add(1) == 100 {
			cancel()
		}
		return fakeGeoparser{}.Parse(ctx, a, mem)
	})
	var acked atomic.Int64
	sum, err := Run(ctx, Config{Store: s, Geoparser: gp, BatchArticles: 10, OnCommit: func(ids []string) { acked.Add(int64(len(ids))) }}, []string{filepath.Join(dir, "many.jsonl")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if sum.Articles >= 2000 || sum.Articles != s.Stats().Articles || int64(sum.Articles) != acked.Load() {
		t.Errorf("after cancel: summary %d, stored %d, acked %d", sum.Articles, s.Stats().Articles, acked.Load())
	}
}

func TestCorrectionsThroughIngest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"one.jsonl": `{"text": "Fire in Paris today.", "source": "tx-news", "date": "2023-01-01"}` + "\n",
		"two.jsonl": `{"text": "Parade in Paris tomorrow.", "source": "tx-news", "date": "2023-01-02"}` + "\n" +
			`{"text": "Strike in Paris now.", "source": "fr-news", "date": "2023-01-02"}` + "\n",
	})
	s := openStore(t)
	if _, err := Run(ctx, Config{Store: s, Geoparser: fakeGeoparser{}}, []string{filepath.Join(dir, "one.jsonl")}); err != nil {
		t.Fatal(err)
	}
	id := model.ContentID("Fire in Paris today.")
	parisTX := model.Place{ID: "gn:4717560", Name: "Paris", Kind: model.KindCity, Country: "US", Point: [2]float64{-95.55551, 33.66094}}
	if err := s.CorrectMention(ctx, id, model.Span{Start: 8, End: 13}, parisTX); err != nil {
		t.Fatal(err)
	}
	// Re-ingesting with Replace re-geoparses and re-applies the correction;
	// the later article from the same source gets the preferred sense.
	if _, err := Run(ctx, Config{Store: s, Geoparser: fakeGeoparser{}, Replace: true}, []string{dir}); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Fire in Paris today.":      parisTX.ID,
		"Parade in Paris tomorrow.": parisTX.ID,
		"Strike in Paris now.":      fakeGazetteer["Paris"].ID,
	} {
		hits, err := s.Events(ctx, store.Query{ArticleID: model.ContentID(text)})
		if err != nil || len(hits) != 1 || hits[0].PlaceID != want {
			t.Errorf("%q: %+v %v, want %s", text, hits, err, want)
		}
	}
}

// sharedDir returns ../shared beside the repository, or skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipping: %s is absent (the seed article and corpora live there)", shared)
	}
	return shared
}

// TestNotAPlaceThroughIngest: a name the user marked "not a place" stays
// out of re-ingested articles and later ones from the source; undone and
// reparsed, it is a place again.
func TestNotAPlaceThroughIngest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"one.jsonl": `{"text": "Berlin said Paris would attend.", "source": "wire", "date": "2023-01-01"}` + "\n",
	})
	s := openStore(t)
	cfg := Config{Store: s, Geoparser: fakeGeoparser{}}
	if _, err := Run(ctx, cfg, []string{dir}); err != nil {
		t.Fatal(err)
	}
	id := model.ContentID("Berlin said Paris would attend.")
	if err := s.RejectMention(ctx, id, model.Span{Start: 12, End: 17}); err != nil {
		t.Fatal(err)
	}
	places := func(text string) string {
		t.Helper()
		hits, err := s.Events(ctx, store.Query{ArticleID: model.ContentID(text)})
		_, ms, err2 := s.Article(ctx, model.ContentID(text))
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.PlaceName)
		}
		return fmt.Sprintf("%v/%d", out, len(ms))
	}
	if got := places("Berlin said Paris would attend."); got != "[Berlin]/1" {
		t.Errorf("after the rejection: %s", got)
	}
	// Re-ingest (replace) and a later article of the source.
	writeFiles(t, dir, map[string]string{
		"two.jsonl": `{"text": "Paris and Moscow talked.", "source": "wire", "date": "2023-01-02"}` + "\n",
	})
	if _, err := Run(ctx, Config{Store: s, Geoparser: fakeGeoparser{}, Replace: true}, []string{dir}); err != nil {
		t.Fatal(err)
	}
	if got := places("Berlin said Paris would attend."); got != "[Berlin]/1" {
		t.Errorf("after re-ingest: %s", got)
	}
	if got := places("Paris and Moscow talked."); got != "[Moscow]/1" {
		t.Errorf("later article: %s", got)
	}
	// Undo, then reparse.
	if err := s.UndoCorrection(ctx, id, model.Span{Start: 12, End: 17}); err != nil {
		t.Fatal(err)
	}
	if err := Reparse(ctx, cfg, id); err != nil {
		t.Fatal(err)
	}
	if got := places("Berlin said Paris would attend."); got != "[Berlin Paris]/2" && got != "[Paris Berlin]/2" {
		t.Errorf("after the undo: %s", got)
	}
	if err := Reparse(ctx, cfg, "0000000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("reparsing a missing article: %v", err)
	}
}
