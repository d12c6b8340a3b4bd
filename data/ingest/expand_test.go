package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"

	"eventmap/data/article"
)

// A named pipe in a folder (or matched by a glob) is reported and skipped,
// not opened: opening it would block for ever.
func TestExpandSkipsPipes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("Fire in Athens."), 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip(err)
	}
	for _, in := range []string{dir, filepath.Join(dir, "*.txt")} {
		files, _, fails := Expand([]string{in}, article.NewSet(article.Options{}))
		if !slices.Equal(files, []string{good}) {
			t.Errorf("%s: files %q, want only %s", in, files, good)
		}
		if len(fails) != 1 || fails[0].Input != pipe || !errors.Is(fails[0].Err, article.ErrNotRegular) {
			t.Errorf("%s: failures %v, want the pipe as not a regular file", in, fails)
		}
	}
}

// runeOffsets agrees with a full table on text with multi-byte and invalid
// bytes, at every offset and past the end.
func TestRuneOffsets(t *testing.T) {
	text := strings.Repeat("aé€\xff𝄞 b", 50)
	var want []int
	for i := range text {
		want = append(want, i)
	}
	at := runeOffsets(text)
	for r, b := range want {
		if got := at(r); got != b {
			t.Fatalf("rune %d: byte %d, want %d", r, got, b)
		}
	}
	if at(-1) != 0 || at(len(want)) != len(text) || at(len(want)+5) != len(text) {
		t.Error("offsets outside the text are not clamped")
	}
}

// TestExpandNamesSkippedFiles: a file in a folder that no importer reads is
// not read, not a failure, and named as skipped.
func TestExpandNamesSkippedFiles(t *testing.T) {
	dir := t.TempDir()
	good, photo := filepath.Join(dir, "a.txt"), filepath.Join(dir, "photo.jpg")
	for _, f := range []string{good, photo} {
		if err := os.WriteFile(f, []byte("Fire in Athens."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, skipped, fails := Expand([]string{dir}, article.NewSet(article.Options{}))
	if !slices.Equal(files, []string{good}) || !slices.Equal(skipped, []string{photo}) || len(fails) != 0 {
		t.Errorf("files %q, skipped %q, failures %v", files, skipped, fails)
	}
}
