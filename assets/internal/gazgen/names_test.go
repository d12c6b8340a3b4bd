package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunNames(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("James\nJulia\n\nZoë\n"), 0o644)
	os.WriteFile(b, []byte("Frank\njames\nAnne-Marie\n"), 0o644)
	out := filepath.Join(dir, "names.txt")
	if err := runNames(out, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if want := "frank\njames\njulia\nzoe\n"; string(got) != want {
		t.Errorf("names %q, want %q", got, want)
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("Ann\nMary Ann\n"), 0o644)
	if err := runNames(out, []string{bad}); err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("a line with two words: error %v", err)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	if err := runNames(out, []string{empty}); err == nil {
		t.Error("no names: no error")
	}
}
