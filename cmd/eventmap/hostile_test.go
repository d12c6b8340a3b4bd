package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse"
)

const zorblatville = "99000077\tZorblatville\tZorblatville\t\t-18.9\t47.5\tP\tPPL\tMG\t\t\t\t\t\t12000\t\t\tIndian/Antananarivo\t2024-01-01\n"

func writeTemp(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Places imported into a user gazetteer are found by geoparse and ingest;
// the events and gazetteer files are told apart.
func TestUserGazetteerEverywhere(t *testing.T) {
	dir := t.TempDir()
	gaz := filepath.Join(dir, "g.db")
	events := filepath.Join(dir, "events.db")
	rows := writeTemp(t, dir, "zorb.txt", zorblatville)
	art := writeTemp(t, dir, "z.txt", "Floods on 5 March 2024 flooded Zorblatville in Madagascar.\n")
	if code, out, errs := runCLI("gazetteer", "import", "--quiet", "--gazetteer", gaz, rows); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI("geoparse", "--gazetteer", gaz, art); code != 0 || !strings.Contains(out, "Zorblatville  settlement") {
		t.Errorf("geoparse: %d %q %s", code, out, errs)
	}
	if code, out, errs := runCLI("ingest", "--quiet", "--db", events, "--gazetteer", gaz, art); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCLI("query", "--db", events); code != 0 || !strings.Contains(out, "Zorblatville") {
		t.Errorf("query: %d %q %s", code, out, errs)
	}
	// Each kind of file pointed at the other's flag says what it is.
	if code, _, errs := runCLI("query", "--db", gaz); code == 0 || !strings.Contains(errs, "is a user gazetteer") || strings.Contains(errs, "corrupt") {
		t.Errorf("query on a gazetteer: %d %q", code, errs)
	}
	if code, _, errs := runCLI("gazetteer", "import", "--quiet", "--gazetteer", events, rows); code == 0 || !strings.Contains(errs, "an eventmap events database") {
		t.Errorf("import into an events database: %d %q", code, errs)
	}
	// The old flag still works, with a note.
	if code, _, errs := runCLI("gazetteer", "import", "--quiet", "--db", gaz, rows); code != 0 || !strings.Contains(errs, "deprecated") {
		t.Errorf("--db: %d %q", code, errs)
	}
}

// geoparse refuses binary data and endless input at once.
func TestGeoparseRefusesBinary(t *testing.T) {
	random := fixture("hostile", "random.bin")
	if code, _, errs := runCLI("geoparse", random); code != 1 || !strings.Contains(errs, "binary data") {
		t.Errorf("random bytes: %d %q", code, errs)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if code, _, errs := runCLI("geoparse", "/dev/zero"); code != 1 || !strings.Contains(errs, "/dev/zero: binary data") {
			t.Errorf("/dev/zero: %d %q", code, errs)
		}
	}
}

// A CSV row with an unclosed quote is a failure of its own, the other rows
// are stored, and the exit status says something failed.
func TestIngestReportsBrokenRows(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	code, out, _ := runCLI("ingest", "--quiet", "--db", db, fixture("hostile", "unclosed-quote.csv"))
	if code != 1 || !strings.Contains(out, "3 articles stored") || !strings.Contains(out, "1 failed") || !strings.Contains(out, "unclosed-quote.csv:3:") {
		t.Errorf("exit %d, %q", code, out)
	}
}

// A file name with a newline or an escape sequence cannot forge a line or
// reach the terminal.
func TestFailureLinesAreEscaped(t *testing.T) {
	dir := t.TempDir()
	name := writeTemp(t, dir, "evil\n  failed: forged\x1b[31m.txt", "")
	code, out, _ := runCLI("ingest", "--quiet", "--db", filepath.Join(dir, "t.db"), name)
	if code == 0 || strings.Contains(out, "\x1b") || strings.Contains(out, "\n  failed: forged") || !strings.Contains(out, `evil\n  failed: forged\x1b[31m.txt`) {
		t.Errorf("exit %d, output %q", code, out)
	}
}

// A damaged database is reported by query and ingest, not cut further;
// repair keeps a backup and mends it.
func TestDamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	for _, text := range []string{"Fire in Athens on 2 Jan 2020.", "Rain in Dublin on 3 Jan 2020.", "Heat in Phoenix on 4 Jan 2020."} {
		if code, out, errs := runCLI("ingest", "--quiet", "--db", db, writeTemp(t, dir, text[:4]+".txt", text)); code != 0 {
			t.Fatalf("ingest: %s %s", out, errs)
		}
	}
	fi, _ := os.Stat(db)
	if err := os.Truncate(db, fi.Size()-9); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"query", "--db", db}, {"ingest", "--quiet", "--db", db, filepath.Join(dir, "Fire.txt")}} {
		if code, _, errs := runCLI(args...); code != 1 || !strings.Contains(errs, "is damaged") || !strings.Contains(errs, "eventmap repair") {
			t.Errorf("%s: exit %d, %q", args[0], code, errs)
		}
	}
	if fi2, _ := os.Stat(db); fi2.Size() != fi.Size()-9 {
		t.Fatal("the damaged file was changed")
	}
	code, out, errs := runCLI("repair", "--db", db)
	if code != 0 || !strings.Contains(out, "kept the original as "+db+".damaged-") || !strings.Contains(out, "repaired") {
		t.Fatalf("repair: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI("query", "--db", db); code != 0 || !strings.Contains(out, "Athens") {
		t.Errorf("after repair: %d %q", code, out)
	}
}

// The streamed JSON of geoparse is byte for byte what encoding the whole
// result gives.
func TestGeoparseJSONStreamed(t *testing.T) {
	p := geoparse.New(gazetteer.Embedded(gazetteer.Options{}), geoparse.Options{})
	for _, text := range []string{"Fire in Athens on 2 Jan 2020. Rain in Dublin, Ireland, and <Paris> & Lyon.", "nothing here"} {
		res, err := p.Parse(context.Background(), text, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(toGeoparseJSON(res)); err != nil {
			t.Fatal(err)
		}
		if err := writeGeoparseJSON(&got, res); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed:\n%s\nwant:\n%s", got.String(), want.String())
		}
	}
}

// A file in a folder that is in no article format is not read, and the
// summary names it: nothing is left out without a word.
func TestSkippedFilesAreNamed(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTemp(t, in, "a.txt", "Fire in Athens on 2 January 2020.")
	writeTemp(t, in, "photo.jpg", "\xff\xd8\xff")
	code, out, _ := runCLI("ingest", "--quiet", "--db", filepath.Join(dir, "t.db"), in)
	if code != 0 || !strings.Contains(out, "1 articles stored") || !strings.Contains(out, "skipped 1 file(s) in folders, not in an article format: "+filepath.Join(in, "photo.jpg")) {
		t.Errorf("exit %d, %q", code, out)
	}
}
