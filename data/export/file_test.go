package export

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
)

func writeText(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteFileKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	// An existing file keeps its permissions.
	p := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(p, []byte("old"), 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, writeText("new")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != "new" || fi.Mode().Perm() != 0o664 {
		t.Errorf("content %q, mode %v", b, fi.Mode().Perm())
	}
	// A symbolic link stays a link; its target gets the export.
	target := filepath.Join(dir, "real.csv")
	os.WriteFile(target, []byte("old"), 0o640)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("real.csv", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, writeText("via link")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); string(b) != "via link" {
		t.Errorf("target holds %q", b)
	}
	// A failed export leaves the old file and no temporary file, and the
	// error names the user's path.
	err := WriteFile(p, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("boom") })
	if err == nil || !strings.Contains(err.Error(), p) || strings.Contains(err.Error(), ".eventmap-export-") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("failed export changed the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".eventmap-export-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	if err := WriteFile(dir, writeText("x")); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: %v", err)
	}
}

func TestWriteFileThroughDevices(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses /dev/null and /dev/full")
	}
	if err := WriteFile("/dev/null", writeText("x")); err != nil {
		t.Errorf("/dev/null: %v", err)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode().IsRegular() {
		t.Fatal("/dev/null was replaced by a file")
	}
	err := WriteFile("/dev/full", writeText(strings.Repeat("x", 1<<16)))
	if err == nil || !strings.Contains(err.Error(), "/dev/full") {
		t.Errorf("/dev/full: %v, want an error naming it", err)
	}
	if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode().IsRegular() {
		t.Fatal("/dev/full was replaced by a file")
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	h := store.Hit{Event: model.Event{ID: "x-0000", ArticleID: "x", PlaceID: "gn:1", PlaceName: "=HYPERLINK(\"http://evil\")",
		Point: orb.Point{-70.5, -33.4}, Snippet: "+1 and more"}, Title: "@SUM(A1)", Source: "-cmd|' /C calc'!A0", URL: "\thttps://x"}
	rows, err := csv.NewReader(strings.NewReader(write(t, CSV, []store.Hit{h}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := rows[1]
	for _, i := range []int{3, 7, 8, 9, 11} {
		if !strings.HasPrefix(r[i], "'") {
			t.Errorf("column %s = %q is not neutralised", CSVHeader[i], r[i])
		}
	}
	if r[5] != "-33.4" || r[6] != "-70.5" {
		t.Errorf("coordinates changed: %q %q", r[5], r[6])
	}
}
