package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"eventmap/data/article"
	"eventmap/data/pgstore"
	"eventmap/data/pgstore/pgtest"
	"eventmap/data/store"
)

// crashStore is what the crash test reads back.
type crashStore interface {
	Store
	Articles(ctx context.Context, fn func(store.ArticleInfo) bool) error
	Events(ctx context.Context, q store.Query) ([]store.Hit, error)
	Stats() store.Stats
	Close() error
}

// openCrashStore opens a BuntDB file or, for a postgres:// URL, a PostGIS
// database.
func openCrashStore(db string) (crashStore, error) {
	if pgstore.IsURL(db) {
		return pgstore.Open(context.Background(), db, pgstore.Options{})
	}
	return store.Open(db, store.Options{})
}

// crashEnv names the database and input of a crash-test child.
const crashEnv = "EVENTMAP_CRASH_CHILD"

// TestCrashChild is the child of TestCrash: it ingests and prints the ID of
// every article acknowledged (committed), until it is killed.
func TestCrashChild(t *testing.T) {
	arg := os.Getenv(crashEnv)
	if arg == "" {
		t.Skip("run by TestCrash only")
	}
	var db, input string
	fmt.Sscanf(arg, "%s %s", &db, &input)
	s, err := openCrashStore(db)
	if err != nil {
		fmt.Println("OPEN-ERROR", err)
		os.Exit(3)
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "READY")
	w.Flush()
	_, err = Run(context.Background(), Config{
		Store: s, Geoparser: fakeGeoparser{}, BatchArticles: 7, Workers: 2,
		OnCommit: func(ids []string) {
			for _, id := range ids {
				fmt.Fprintln(w, id)
			}
			w.Flush()
		},
	}, []string{input})
	if err != nil {
		fmt.Println("RUN-ERROR", err)
	}
	s.Close()
	fmt.Println("DONE")
}

// TestCrash kills an ingesting child process with SIGKILL at random
// moments, many times, on one database: a BuntDB file, then a PostGIS
// database. Every reopen must succeed, every acknowledged article must be
// there, and every stored article must have exactly its events: none is
// half-stored.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if os.Getenv(crashEnv) != "" {
		t.Skip("in the child")
	}
	t.Run("buntdb", func(t *testing.T) { testCrash(t, filepath.Join(t.TempDir(), "crash.db"), 20) })
	t.Run("postgis", func(t *testing.T) { testCrash(t, pgtest.NewDB(t), 8) })
}

func testCrash(t *testing.T, db string, runs int) {
	dir := t.TempDir()
	input := filepath.Join(dir, "articles.jsonl")
	var b bytes.Buffer
	const articles = 1500
	for i := range articles {
		fmt.Fprintf(&b, `{"title": "A%d", "date": "2020-01-%02d", "text": "Article %d: clashes in Moscow and Berlin; talks in Paris. Moscow again."}`+"\n", i, i%28+1, i)
	}
	if err := os.WriteFile(input, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Events the fake geoparser makes for each article.
	want := map[string]int{}
	err := article.NewSet(article.Options{}).ImportFile(context.Background(), input, func(it article.Item) bool {
		r, _ := fakeGeoparser{}.Parse(context.Background(), it.Article, Memory{})
		want[it.Article.ID] = len(r.Events)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(os.Getpid())))
	acked := map[string]bool{}
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+db+" "+input)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of acknowledgements (0: as soon as
		// the store is open).
		killAfter := rng.IntN(60)
		sc := bufio.NewScanner(out)
		n := 0
		done := false
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "READY":
			case line == "DONE":
				done = true
			case len(line) == 16:
				acked[line] = true
				n++
			default:
				t.Errorf("run %d: child says %q", run, line)
			}
			if n >= killAfter && !done {
				break
			}
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		for sc.Scan() { // acknowledgements printed before the kill count too
			if line := sc.Text(); len(line) == 16 {
				acked[line] = true
			}
		}
		_ = cmd.Wait()

		s, err := openCrashStore(db)
		if err != nil {
			t.Fatalf("run %d: reopen after kill: %v", run, err)
		}
		for id := range acked {
			if !s.HasArticle(id) {
				t.Errorf("run %d: acknowledged article %s lost", run, id)
			}
		}
		total := 0
		err = s.Articles(context.Background(), func(info store.ArticleInfo) bool {
			hits, err := s.Events(context.Background(), store.Query{ArticleID: info.ID, Undated: true})
			if err != nil || len(hits) != want[info.ID] || info.Events != want[info.ID] {
				t.Errorf("run %d: article %s has %d events (info %d), want %d", run, info.ID, len(hits), info.Events, want[info.ID])
			}
			total += len(hits)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if st := s.Stats(); st.Events != total {
			t.Errorf("run %d: stats say %d events, articles have %d", run, st.Events, total)
		}
		s.Close()
		if t.Failed() {
			return
		}
	}
	t.Logf("%d runs, %d articles acknowledged of %d", runs, len(acked), articles)
}
