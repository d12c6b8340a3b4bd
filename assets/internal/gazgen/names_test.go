package main

import (
	"bytes"
	"compress/gzip"
	"io"
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

// TestWriteListGzip checks that a list written to a ".gz" file is the
// list, gzip-compressed, the same bytes each time (the embedded lists are
// regenerated and compared), and that other names are written as text.
func TestWriteListGzip(t *testing.T) {
	dir := t.TempDir()
	const list = "frank\njames\n"
	a, b := filepath.Join(dir, "a.txt.gz"), filepath.Join(dir, "b.txt.gz")
	for _, f := range []string{a, b} {
		if err := writeList(f, list); err != nil {
			t.Fatal(err)
		}
	}
	za, _ := os.ReadFile(a)
	zb, _ := os.ReadFile(b)
	if !bytes.Equal(za, zb) {
		t.Error("two writes of one list differ")
	}
	zr, err := gzip.NewReader(bytes.NewReader(za))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || string(got) != list {
		t.Errorf("gunzipped %q (%v), want %q", got, err, list)
	}
	plain := filepath.Join(dir, "c.txt")
	if err := writeList(plain, list); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(plain); string(got) != list {
		t.Errorf("plain list %q", got)
	}
}
