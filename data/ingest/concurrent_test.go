package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"eventmap/data/pgstore/pgtest"
	"eventmap/data/store"
)

// TestConcurrentIngests runs two ingests of overlapping inputs at once:
// each article must be stored once, with its events once. On PostGIS each
// ingest has its own connection pool, as two machines would.
func TestConcurrentIngests(t *testing.T) {
	t.Run("buntdb", func(t *testing.T) {
		s, err := store.Open(filepath.Join(t.TempDir(), "events.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		testConcurrentIngests(t, s, s)
	})
	t.Run("postgis", func(t *testing.T) {
		db := pgtest.NewDB(t)
		a, err := openCrashStore(db)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := openCrashStore(db)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		testConcurrentIngests(t, a, b)
	})
}

func testConcurrentIngests(t *testing.T, a, b crashStore) {
	dir := t.TempDir()
	// Feed one has articles 0..299, feed two 449 down to 150: the two
	// ingests meet in the middle of the overlap.
	write := func(name string, from, to, step int) string {
		var buf bytes.Buffer
		for i := from; i != to; i += step {
			fmt.Fprintf(&buf, `{"title": "A%d", "date": "2021-02-%02d", "text": "Article %d: a storm in Paris, then Berlin."}`+"\n", i, i%28+1, i)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one, two := write("one.jsonl", 0, 300, 1), write("two.jsonl", 449, 149, -1)
	var wg sync.WaitGroup
	sums := make([]Summary, 2)
	errs := make([]error, 2)
	for i, in := range []struct {
		s    crashStore
		path string
	}{{a, one}, {b, two}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[i], errs[i] = Run(context.Background(), Config{Store: in.s, Geoparser: fakeGeoparser{}, BatchArticles: 25, Workers: 2}, []string{in.path})
		}()
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil || len(sums[i].Failures) > 0 {
			t.Fatalf("ingest %d: %v %v", i, errs[i], sums[i].Failures)
		}
	}
	if n := sums[0].Articles + sums[1].Articles; n != 450 {
		t.Errorf("the ingests stored %d + %d articles, want 450 between them", sums[0].Articles, sums[1].Articles)
	}
	if d := sums[0].Duplicates + sums[1].Duplicates; d != 150 {
		t.Errorf("%d duplicates skipped, want 150", d)
	}
	st := a.Stats()
	if st.Articles != 450 || st.Events != 900 {
		t.Errorf("Stats = %+v, want 450 articles and 900 events", st)
	}
	hits, err := b.Events(context.Background(), store.Query{Undated: true})
	if err != nil || len(hits) != 900 {
		t.Errorf("%d events stored, want 900 (%v)", len(hits), err)
	}
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h.ID] {
			t.Errorf("event %s stored twice", h.ID)
		}
		seen[h.ID] = true
	}
}
