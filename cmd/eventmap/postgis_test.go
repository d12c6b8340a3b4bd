package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventmap/data/pgstore/pgtest"
)

// TestPostGISCommands ingests into a PostGIS database with --db, then
// queries and exports it, as a team's ingester and viewer would.
func TestPostGISCommands(t *testing.T) {
	db := pgtest.NewDB(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "feed.jsonl")
	body := `{"title": "Summit", "date": "2023-09-13", "text": "Kim met Putin at the Vostochny Cosmodrome in the Amur region of Russia."}
{"title": "Floods", "date": "2022-07-01", "text": "Floods hit Lagos, Nigeria, on Friday."}
`
	if err := os.WriteFile(in, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("ingest", "--db", db, "--quiet", in)
	if code != 0 || !strings.Contains(out, "2 articles stored") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	// Again: both are duplicates.
	if code, out, errs := runCLI("ingest", "--db", db, "--quiet", in); code != 0 || !strings.Contains(out, "0 articles stored") || !strings.Contains(out, "2 duplicates") {
		t.Fatalf("second ingest: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runCLI("query", "--db", db, "--json", "--bbox", "0,0,10,10")
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errs)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) == 0 {
		t.Fatalf("query: %v: %s", err, out)
	}
	for _, ev := range got {
		if ev["title"] != "Floods" {
			t.Errorf("the box around Lagos gave %v", ev)
		}
	}
	kml := filepath.Join(dir, "out.kml")
	if code, _, errs := runCLI("export", "--db", db, "--format", "kml", "-o", kml); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(kml); err != nil || !strings.Contains(string(b), "Lagos") {
		t.Errorf("export: %v %.200s", err, b)
	}
	// geoparse reads the memory of a source from the database (for one
	// article: a file of several is refused, see TestGeoparseReadsTheArticle).
	one := filepath.Join(dir, "one.txt")
	if err := os.WriteFile(one, []byte("Floods hit Lagos, Nigeria, on Friday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI("geoparse", "--db", db, "--source", "", one)
	if code != 0 || !strings.Contains(out, `source "": 0 name(s) corrected by hand, `) || strings.Contains(out, ", 0 name(s) placed") {
		t.Errorf("geoparse --db: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestPostGISPasswordNeverPrinted connects with a wrong password in the
// URL: the error names the database but not the password.
func TestPostGISPasswordNeverPrinted(t *testing.T) {
	db := pgtest.NewDB(t)
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	// A host that refuses the connection, with a password in the URL.
	u.User = url.UserPassword("someone", "s3cret-Pa55")
	q := u.Query()
	q.Set("host", filepath.Join(t.TempDir(), "no-server-here"))
	q.Set("connect_timeout", "5")
	u.RawQuery = q.Encode()
	code, out, errs := runCLI("query", "--db", u.String())
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if strings.Contains(out+errs, "s3cret-Pa55") {
		t.Errorf("the password was printed:\n%s%s", out, errs)
	}
	if !strings.Contains(errs, "someone:xxxxx@") || !strings.Contains(errs, "cannot connect") {
		t.Errorf("the error does not name the database: %s", errs)
	}
}
