package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
)

// testDB writes a database with two articles and three events.
func testDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	rec := func(title, text string, evs ...model.Event) store.Record {
		a := model.Article{ID: model.ContentID(text), Title: title, Source: "example.org", Text: text, Published: day(2023, 9, 13)}
		for i := range evs {
			evs[i].ArticleID = a.ID
			evs[i].ID = a.ID + "-" + string(rune('0'+i))
		}
		return store.Record{Article: a, Events: evs}
	}
	recs := []store.Record{
		rec("Summit at the cosmodrome", "Kim met Putin at Vostochny Cosmodrome. He was in Vladivostok in 2019.",
			model.Event{PlaceID: "c1", PlaceName: "Vostochny Cosmodrome", Point: orb.Point{128.334, 51.884}, Time: day(2023, 9, 13), Precision: model.Day, Snippet: "Kim met Putin at Vostochny Cosmodrome."},
			model.Event{PlaceID: "c2", PlaceName: "Vladivostok", Point: orb.Point{131.882, 43.116}, Time: day(2019, 1, 1), Precision: model.Year, Snippet: "He was in Vladivostok in 2019."}),
		rec("Floods in Lagos", "Floods hit Lagos.",
			model.Event{PlaceID: "c3", PlaceName: "Lagos", Point: orb.Point{3.39, 6.45}, Time: day(2022, 7, 1), Precision: model.Month, Snippet: "Floods hit Lagos."}),
	}
	if _, err := st.PutBatch(context.Background(), recs, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQueryJSON(t *testing.T) {
	db := testDB(t)
	cases := []struct {
		name  string
		args  []string
		place []string
	}{
		{"all", nil, []string{"Vladivostok", "Lagos", "Vostochny Cosmodrome"}},
		{"bbox", []string{"--bbox", "120,40,140,60"}, []string{"Vladivostok", "Vostochny Cosmodrome"}},
		{"dates", []string{"--from", "2022", "--to", "2023-09"}, []string{"Lagos", "Vostochny Cosmodrome"}},
		{"text", []string{"--text", "floods"}, []string{"Lagos"}},
		{"limit", []string{"--limit", "1"}, []string{"Vladivostok"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(append([]string{"query", "--db", db, "--json"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got []map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			var places []string
			for _, ev := range got {
				places = append(places, ev["place"].(string))
				for _, k := range []string{"id", "title", "place", "lat", "lon", "time", "precision", "article_id", "snippet"} {
					if _, ok := ev[k]; !ok {
						t.Errorf("event lacks %q: %v", k, ev)
					}
				}
				if _, err := time.Parse(time.RFC3339, ev["time"].(string)); err != nil {
					t.Errorf("time %q is not RFC 3339", ev["time"])
				}
			}
			if strings.Join(places, ",") != strings.Join(c.place, ",") {
				t.Errorf("places %v, want %v", places, c.place)
			}
		})
	}
}

func TestQueryTable(t *testing.T) {
	code, out, errs := runCLI("query", "--db", testDB(t), "--bbox", "120,40,140,60")
	if code != 0 || !strings.Contains(out, "2019") || !strings.Contains(out, "Vostochny Cosmodrome") || !strings.Contains(errs, "2 events") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
}

func TestQueryErrors(t *testing.T) {
	db := testDB(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--bbox", "1,2,3"}, 2, "minLon,minLat,maxLon,maxLat"},
		{[]string{"--bbox", "10,0,5,5"}, 2, "minimum"},
		{[]string{"--bbox", "0,0,200,5"}, 2, "±180"},
		{[]string{"--from", "yesterday"}, 2, "--from"},
		{[]string{"--from", "2024", "--to", "2020"}, 2, "not before"},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db")}, 1, "eventmap ingest"},
		{[]string{"extra"}, 2, "unexpected argument"},
	}
	for _, c := range cases {
		args := append([]string{"query"}, c.args...)
		if !strings.Contains(strings.Join(c.args, " "), "--db") {
			args = append(args, "--db", db)
		}
		code, _, errs := runCLI(args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

func TestExport(t *testing.T) {
	db := testDB(t)
	dir := t.TempDir()
	cases := []struct{ format, want string }{
		{"geojson", `"FeatureCollection"`},
		{"csv", "Vostochny Cosmodrome"},
		{"kml", "<TimeStamp>"},
	}
	for _, c := range cases {
		out := filepath.Join(dir, "events."+c.format)
		code, _, errs := runCLI("export", "--db", db, "--format", c.format, "--bbox", "120,40,140,60", "-o", out)
		if code != 0 || !strings.Contains(errs, "wrote 2 events") {
			t.Fatalf("%s: exit %d: %s", c.format, code, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil || !strings.Contains(string(b), c.want) || strings.Contains(string(b), "Lagos") {
			t.Errorf("%s: %v\n%s", c.format, err, b)
		}
	}
	if code, _, errs := runCLI("export", "--db", db, "--format", "pdf"); code != 2 || !strings.Contains(errs, "geojson, csv or kml") {
		t.Errorf("bad format: exit %d, %q", code, errs)
	}
	// A failed export leaves no file behind.
	bad := filepath.Join(dir, "missing-dir", "x.csv")
	if code, _, _ := runCLI("export", "--db", db, "--format", "csv", "-o", bad); code != 1 {
		t.Errorf("export into a missing folder: exit %d", code)
	}
}
