package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture is a path under the project's shared fixtures (testdata/ at the
// top of the repository).
func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// fixtureDB is the small database of the shared fixtures: every article
// under testdata/articles, ingested with the embedded gazetteer and model
// into a new database, as testdata/README.md tells how to make by hand.
func fixtureDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "fixtures.db")
	code, out, errs := runCLI("ingest", "--quiet", "--db", db, fixture("articles"))
	if code != 0 {
		t.Fatalf("ingest testdata/articles: exit %d\n%s\n%s", code, out, errs)
	}
	return db
}

// The fixtures' database holds every fixture article, each format's
// articles with events at their places.
func TestFixtureDB(t *testing.T) {
	entries, err := os.ReadDir(fixture("articles"))
	if err != nil {
		t.Fatal(err)
	}
	db := fixtureDB(t)
	code, out, errs := runCLI("query", "--db", db, "--undated", "--json")
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errs)
	}
	var evs []map[string]any
	if err := json.Unmarshal([]byte(out), &evs); err != nil {
		t.Fatalf("query --json: %v\n%s", err, out)
	}
	text := strings.ToLower(out)
	// One place named in each fixture file is among the events.
	for _, place := range []string{"beirut", "halifax", "nairobi", "oslo", "galway", "seville", "porto", "cusco"} {
		if !strings.Contains(text, place) {
			t.Errorf("no event at %s in the fixtures' database", place)
		}
	}
	if len(evs) < len(entries) {
		t.Errorf("%d events from %d fixture files", len(evs), len(entries))
	}
}
