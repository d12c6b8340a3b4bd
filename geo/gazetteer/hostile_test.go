package gazetteer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Rows with NaN or out-of-range coordinates are reported, not imported.
func TestImportRefusesBadCoordinates(t *testing.T) {
	dir := t.TempDir()
	u, err := OpenUser(filepath.Join(dir, "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	rep, err := u.Import(context.Background(), []string{filepath.Join("..", "..", "testdata", "hostile", "nan.txt")}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Files[0]
	if f.Err != nil || f.Places != 1 || f.Malformed != 2 {
		t.Fatalf("report %+v, want 1 place and 2 malformed rows", f)
	}
	if !strings.Contains(f.Rows[0].Error(), "nan.txt:1: geonames: bad latitude \"NaN\"") {
		t.Errorf("first bad row: %v", f.Rows[0])
	}
	cs, err := Embedded(Options{User: u}).Lookup("Nanville", LookupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Place.User {
			t.Errorf("NaN place imported: %+v", c.Place)
		}
	}
}

// A file that is not a user gazetteer is refused, saying what it is, and
// left as it was.
func TestOpenUserRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, body, want string
	}{
		{"shot.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"},
		{"events.db", "*3\r\n$3\r\nset\r\n$12\r\nmeta:version\r\n$1\r\n3\r\n*3\r\n$3\r\nset\r\n$4\r\na:ab\r\n$2\r\n{}\r\n", "an eventmap events database"},
		{"notes.txt", "Fire in Athens.\n", "not a BuntDB file"},
		{"other.db", "*3\r\n$3\r\nset\r\n$5\r\nuser1\r\n$1\r\nx\r\n", "another kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name, tc.body)
			_, err := OpenUser(p)
			if !errors.Is(err, ErrNotUserGazetteer) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), p) {
				t.Errorf("err = %v, want ErrNotUserGazetteer naming %s and %q", err, p, tc.want)
			}
			if b, _ := os.ReadFile(p); string(b) != tc.body {
				t.Error("the file was changed")
			}
		})
	}
	// A real user gazetteer and an empty file open.
	good := filepath.Join(dir, "good.db")
	u, err := OpenUser(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Import(context.Background(), []string{writeFile(t, dir, "z.txt", zzyzx+"\n")}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	u.Close()
	for _, p := range []string{good, writeFile(t, dir, "empty.db", "")} {
		u, err := OpenUser(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		u.Close()
	}
}
