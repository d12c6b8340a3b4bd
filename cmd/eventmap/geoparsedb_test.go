package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/data/store"
)

// TestGeoparseWithDB: "geoparse --db" reads what the database remembers of
// the article's source (the source its header names, or --source) and
// geoparses with it as ingest does: a correction made in an earlier
// article of the source gives the name its place, a "not a place" one
// drops the name, and another source's memory changes nothing.
func TestGeoparseWithDB(t *testing.T) {
	dir := t.TempDir()
	doc := func(source, text string) string {
		return "---\ntitle: T\nsource: " + source + "\ndate: 2023-05-01\n---\n" + text + "\n"
	}
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("in/one.md", doc("tx-news", "Storms hit Paris and Moscow on Monday, officials said."))
	write("in/two.md", doc("tx-news", "Schools in Paris reopened after the storm."))
	db := filepath.Join(dir, "events.db")
	if code, out, errs := runCLI("ingest", "--quiet", "--db", db, filepath.Join(dir, "in")); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}

	// The user places the first article's Paris in Texas and says its
	// Moscow is not a place.
	parisTX := model.Place{ID: "gn:4717560", Name: "Paris", Country: "US", Point: [2]float64{-95.55551, 33.66094}}
	func() {
		s, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		id := ""
		_ = s.Articles(ctx, func(a store.ArticleInfo) bool {
			if strings.HasPrefix(a.Title, "T") {
				info, ms, _ := s.Article(ctx, a.ID)
				if strings.Contains(info.Text, "Moscow") && len(ms) == 2 {
					id = a.ID
				}
			}
			return true
		})
		_, ms, err := s.Article(ctx, id)
		if err != nil || len(ms) != 2 {
			t.Fatalf("the first article's mentions: %+v, %v", ms, err)
		}
		for _, m := range ms {
			if m.Name == "Paris" {
				err = s.CorrectMention(ctx, id, m.Span, parisTX)
			} else {
				err = s.RejectMention(ctx, id, m.Span)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		mem, err := ingest.ReadMemory(ctx, s, "tx-news")
		if err != nil || len(mem.Seen["paris"]) == 0 {
			t.Fatalf("memory %+v, %v", mem, err)
		}
	}()

	later := write("later.md", doc("tx-news", "Flooding in Paris and Moscow closed roads."))
	parse := func(args ...string) (string, []string) {
		t.Helper()
		code, out, errs := runCLI(append([]string{"geoparse", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("geoparse %q: exit %d: %s", args, code, errs)
		}
		var res struct {
			Mentions []struct {
				Text  string
				Place struct{ ID int64 }
			}
			Events []struct{ Mention int }
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("geoparse %q: %v\n%s", args, err, out)
		}
		var names []string
		paris := ""
		for _, m := range res.Mentions {
			names = append(names, m.Text)
			if m.Text == "Paris" {
				paris = "gn:" + strconv.FormatInt(m.Place.ID, 10)
			}
		}
		for _, ev := range res.Events {
			if ev.Mention < 0 || ev.Mention >= len(res.Mentions) {
				t.Errorf("geoparse %q: an event of mention %d of %d", args, ev.Mention, len(res.Mentions))
			}
		}
		return paris, names
	}
	if paris, names := parse(later); paris == parisTX.ID || strings.Join(names, ",") != "Paris,Moscow" {
		t.Fatalf("without --db: Paris %s, names %v: the test needs the geoparser's own choice to differ", paris, names)
	}
	for _, args := range [][]string{{"--db", db, later}, {"--db", db, "--source", "tx-news", later}} {
		if paris, names := parse(args...); paris != parisTX.ID || strings.Join(names, ",") != "Paris" {
			t.Errorf("%q: Paris %s, names %v; want Paris, Texas alone", args, paris, names)
		}
	}
	if paris, names := parse("--db", db, "--source", "fr-news", later); paris == parisTX.ID || len(names) != 2 {
		t.Errorf("another source: Paris %s, names %v", paris, names)
	}
	code, out, errs := runCLI("geoparse", "--db", db, later)
	if code != 0 || !strings.Contains(out, `source "tx-news": 2 name(s) corrected by hand, 1 name(s) placed in earlier articles`) {
		t.Errorf("text output: exit %d\n%s\n%s", code, out, errs)
	}

	// Failures name what is wrong.
	plain := write("plain.txt", "Flooding in Paris closed roads.\n")
	damaged := write("damaged.db", "this is not a database\n")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--db", db, plain}, 2, "plain.txt: the source of the article is not known"},
		{[]string{"--source", "tx-news", later}, 2, "--source needs --db"},
		{[]string{"--db", filepath.Join(dir, "missing.db"), later}, 1, "missing.db"},
		{[]string{"--db", damaged, later}, 1, "damaged.db"},
	} {
		code, _, errs := runCLI(append([]string{"geoparse"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
	if code, _, errs := runCLI("geoparse", "--db", db, "--source", "", plain); code != 0 {
		t.Errorf("--source \"\": exit %d, %s", code, errs)
	}
}
