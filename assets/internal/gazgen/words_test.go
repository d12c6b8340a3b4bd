package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWords(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	b := filepath.Join(dir, "b.json")
	os.WriteFile(a, []byte(`["salt","Monday","I","strong","don't","a"]`), 0o644)
	os.WriteFile(b, []byte(`["strong","mobile","café"]`), 0o644)
	out := filepath.Join(dir, "words.txt")
	if err := runWords(out, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(got), wordsNotice) {
		t.Errorf("the list does not begin with SCOWL's notice: %q", got)
	}
	if words := strings.TrimPrefix(string(got), wordsNotice); words != "mobile\nsalt\nstrong\n" {
		t.Errorf("words %q, want mobile, salt, strong", words)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"words": 1}`), 0o644)
	if err := runWords(out, []string{bad}); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("not an array: error %v", err)
	}
	none := filepath.Join(dir, "none.json")
	os.WriteFile(none, []byte(`["Monday"]`), 0o644)
	if err := runWords(out, []string{none}); err == nil {
		t.Error("no words: no error")
	}
}
