package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusXML writes a small LGL-format corpus: texts naming places with
// the gold coordinates of the places.
func corpusXML(t *testing.T, name string, docs ...[3]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<articles>\n")
	for i, d := range docs {
		text, phrase, latlon := d[0], d[1], strings.Split(d[2], ",")
		start := strings.Index(text, phrase)
		b.WriteString("<article docid=\"" + name + string(rune('a'+i)) + "\"><text><![CDATA[" + text + "]]></text><toponyms>")
		b.WriteString("<toponym><start>" + itoa(start) + "</start><end>" + itoa(start+len(phrase)) + "</end><phrase>" + phrase +
			"</phrase><gaztag geonameid=\"1\"><name>" + phrase + "</name><lat>" + latlon[0] + "</lat><lon>" + latlon[1] + "</lon></gaztag></toponym>")
		b.WriteString("</toponyms></article>\n")
	}
	b.WriteString("</articles>\n")
	path := filepath.Join(t.TempDir(), name+".xml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestEvalJSON(t *testing.T) {
	path := corpusXML(t, "one",
		[3]string{"Officials in Portland, Maine, met on Monday.", "Portland", "43.66,-70.25"},
		[3]string{"Flooding hit Vladivostok overnight.", "Vladivostok", "43.11,131.87"})
	code, out, errs := runCmd(t, "eval", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(res) != 1 || res[0]["corpus"] != "one" || res[0]["gold"] != float64(2) {
		t.Fatalf("result %v", res)
	}
	for _, k := range []string{"f1", "acc161", "mean_km", "auc", "ece", "far_same_place", "reliability"} {
		if _, ok := res[0][k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
}

func TestEvalLOCO(t *testing.T) {
	a := corpusXML(t, "a",
		[3]string{"Officials in Portland, Maine, met on Monday.", "Portland", "43.66,-70.25"},
		[3]string{"Flooding hit Vladivostok overnight, officials in Russia said.", "Vladivostok", "43.11,131.87"},
		[3]string{"Talks in Paris ended late.", "Paris", "48.85,2.35"})
	b := corpusXML(t, "b",
		[3]string{"The mayor of Springfield resigned, Illinois officials said.", "Springfield", "39.80,-89.64"},
		[3]string{"Protests spread across Kenya this week.", "Kenya", "1,38"})
	code, out, errs := runCmd(t, "eval", "--loco", a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"leave one corpus out", "reliability", "ECE"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCmd(t, "eval", "--loco", a); code != 2 {
		t.Errorf("--loco with one corpus: exit %d, want 2 (usage)", code)
	}
	if code, _, errs := runCmd(t, "eval", "--loco", a, filepath.Join(t.TempDir(), "missing.xml")); code != 1 || !strings.Contains(errs, "missing.xml") {
		t.Errorf("--loco with an unreadable corpus: exit %d, stderr %q", code, errs)
	}
}

// TestEvalFar checks the far picks file: a header and one row per place
// chosen more than 161 km from the gold one, with both places.
func TestEvalFar(t *testing.T) {
	path := corpusXML(t, "one",
		[3]string{"Officials in Portland, Maine, met on Monday.", "Portland", "45.52,-122.68"}, // gold in Oregon: a far pick
		[3]string{"Flooding hit Vladivostok overnight.", "Vladivostok", "43.11,131.87"})
	far := filepath.Join(t.TempDir(), "far.tsv")
	if code, _, errs := runCmd(t, "eval", "--far", far, path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(far)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "corpus\tdocument\tstart\tend\tphrase\t") {
		t.Fatalf("far file:\n%s", b)
	}
	cols := strings.Split(lines[1], "\t")
	if len(cols) != 19 || cols[0] != "one" || cols[4] != "Portland" || cols[12] != "US" || cols[13] != "ME" || cols[18] != "false" {
		t.Errorf("far row %q", cols)
	}
	if code, _, errs := runCmd(t, "eval", "--far", filepath.Join(t.TempDir(), "no", "such", "dir", "far.tsv"), path); code != 1 || !strings.Contains(errs, "--far") {
		t.Errorf("unwritable --far: exit %d, stderr %q", code, errs)
	}
}
