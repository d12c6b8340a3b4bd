package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGeoparseCommand(t *testing.T) {
	dir := t.TempDir()
	file := fixture("articles", "beirut.txt")
	code, out, errs := runCLI("geoparse", "--date", "2024-06-05", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Beirut", "Tripoli", "LB", "2024-06-03"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runCLI("geoparse", "--json", file)
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var res struct {
		Mentions []struct {
			Start, End int
			Text       string
		}
		Events []struct{ Precision string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	if len(res.Mentions) < 3 || res.Mentions[0].Text != "BEIRUT" || res.Mentions[0].Start != 0 || res.Mentions[0].End != 6 {
		t.Errorf("mentions = %+v", res.Mentions)
	}
	for _, args := range [][]string{{"geoparse"}, {"geoparse", "--date", "June 5", file}} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	if code, _, errs := runCLI("geoparse", filepath.Join(dir, "missing.txt")); code != 1 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}

func TestEvalCommand(t *testing.T) {
	corpus := filepath.Join("..", "..", "geo", "evaluation", "testdata", "tiny-lgl.xml")
	code, out, errs := runCLI("eval", "--json", corpus)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rs []map[string]any
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("output: %v\n%s", err, out)
	}
	if len(rs) != 1 {
		t.Fatalf("%d results, want 1", len(rs))
	}
	for _, k := range []string{"corpus", "documents", "gold", "predicted", "precision", "recall", "f1", "acc161", "mean_km", "median_km", "auc", "docs_per_sec"} {
		if _, ok := rs[0][k]; !ok {
			t.Errorf("key %q missing from %v", k, rs[0])
		}
	}
	if rs[0]["corpus"] != "tiny-lgl" || rs[0]["f1"].(float64) <= 0 {
		t.Errorf("result %v", rs[0])
	}
	code, out, _ = runCLI("eval", corpus)
	if code != 0 || !strings.Contains(out, "tiny-lgl") || !strings.Contains(out, "acc@161") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	if code, _, errs := runCLI("eval", "nothing.xml"); code != 1 || !strings.Contains(errs, "nothing.xml") {
		t.Errorf("missing corpus: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI("eval"); code != 2 {
		t.Errorf("no corpus: exit %d, want 2", code)
	}
}

// TestGeoparseRunnersUpSayWhere checks that the runners-up of a name with
// namesakes in one country are told apart by their region.
func TestGeoparseRunnersUpSayWhere(t *testing.T) {
	file := filepath.Join(t.TempDir(), "springfield.txt")
	if err := os.WriteFile(file, []byte("Flooding closed roads in Springfield on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("geoparse", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Springfield (Massachusetts, US)") || strings.Contains(out, "Springfield (US)") {
		t.Errorf("runners-up do not say where:\n%s", out)
	}
}

// TestGeoparseReadsTheArticle: geoparse reads a file as ingest does — a
// page's body without its scripts, a text after its "date" line with that
// date — and refuses a feed of several articles with a message naming it.
func TestGeoparseReadsTheArticle(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	os.WriteFile(page, []byte(`<html><head><title>Floods</title></head><body><p>Heavy rain flooded Chittagong on Monday.</p><script>var city = "Paris";</script></body></html>`), 0o644)
	code, out, errs := runCLI("geoparse", "--json", page)
	if code != 0 {
		t.Fatalf("page: exit %d: %s", code, errs)
	}
	var res struct {
		Date     string
		Mentions []struct {
			Start int
			Text  string
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("page: %v\n%s", err, out)
	}
	if len(res.Mentions) != 1 || res.Mentions[0].Text != "Chittagong" || res.Mentions[0].Start != 19 {
		t.Errorf("page: mentions %+v, want Chittagong at 19 of the body and nothing from the script", res.Mentions)
	}
	text := filepath.Join(dir, "note.txt")
	os.WriteFile(text, []byte("date 2022-07-22 Deal signed in Istanbul\n\nShips left Odesa on Monday.\n"), 0o644)
	code, out, errs = runCLI("geoparse", "--json", text)
	if code != 0 {
		t.Fatalf("text: exit %d: %s", code, errs)
	}
	res.Mentions = nil
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("text: %v\n%s", err, out)
	}
	if res.Date != "2022-07-22" || len(res.Mentions) != 1 || res.Mentions[0].Text != "Odesa" || res.Mentions[0].Start != 11 {
		t.Errorf("text: date %q, mentions %+v; want the header's date and Odesa at 11 of the body", res.Date, res.Mentions)
	}
	feed := filepath.Join(dir, "feed.xml")
	os.WriteFile(feed, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>a</title><description>Floods in Dhaka.</description></item><item><title>b</title><description>Fire in Lima.</description></item></channel></rss>`), 0o644)
	if code, _, errs := runCLI("geoparse", feed); code != 1 || !strings.Contains(errs, "feed.xml") || !strings.Contains(errs, "several articles") {
		t.Errorf("feed: exit %d, %q", code, errs)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("date 2022-07-22 Only a header\n"), 0o644)
	if code, _, errs := runCLI("geoparse", empty); code != 1 || !strings.Contains(errs, "empty.txt") {
		t.Errorf("header only: exit %d, %q", code, errs)
	}
}
