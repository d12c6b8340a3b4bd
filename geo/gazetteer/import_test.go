package gazetteer

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// geonamesRow builds a 19-column GeoNames place row.
func geonamesRow(id, name, alts, lat, lon, class, code, cc, a1, pop string) string {
	return strings.Join([]string{id, name, name, alts, lat, lon, class, code, cc, "", a1, "", "", "", pop, "", "10", "Etc/UTC", "2024-01-01"}, "\t")
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeZip(t *testing.T, dir, name string, entries map[string]string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

var zzyzx = geonamesRow("99000001", "Zzyzxville", "Zzyzx Springs,Ззызкс", "35.1434", "-116.1042", "P", "PPL", "US", "CA", "700")

func TestImportPlainMergesIntoLookups(t *testing.T) {
	dir := t.TempDir()
	src := writeFile(t, dir, "US.txt", strings.Join([]string{
		zzyzx,
		"not\ta\tgeonames\trow",
		geonamesRow("99000002", "Quuxton", "", "40.0", "-100.0", "P", "PPL", "US", "NE", "1200"),
		"",
		geonamesRow("99000003", "Badlat", "", "123.0", "-100.0", "P", "PPL", "US", "NE", "5"),
		geonamesRow("99000004", "Mount Quux", "", "40.1", "-100.1", "T", "MT", "US", "NE", "0"),
	}, "\n")+"\n")
	db := filepath.Join(dir, "user", "gazetteer.db")
	u, err := OpenUser(db)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	var progressed int64
	rep, err := u.Import(context.Background(), []string{src}, ImportOptions{Progress: func(done, total int64) { progressed = done }})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	if fr.Err != nil || fr.Places != 3 || fr.Malformed != 2 {
		t.Fatalf("report %+v", fr)
	}
	var lines []int
	for _, r := range fr.Rows {
		lines = append(lines, r.Line)
		if !strings.Contains(r.Error(), "US.txt:") {
			t.Errorf("row error %q does not name the file", r.Error())
		}
	}
	if !slices.Equal(lines, []int{2, 5}) {
		t.Errorf("malformed lines %v, want [2 5]", lines)
	}
	if st, _ := os.Stat(src); progressed != st.Size() {
		t.Errorf("progress reached %d of %d bytes", progressed, st.Size())
	}
	if n, _ := u.Len(); n != 3 {
		t.Errorf("user gazetteer holds %d places", n)
	}

	g := Embedded(Options{User: u})
	for _, q := range []string{"Zzyzxville", "zzyzx springs", "ZZYZXVILLE"} {
		c, err := g.Lookup(q, LookupOptions{})
		if err != nil || len(c) != 1 || c[0].ID != 99000001 || !c[0].User {
			t.Errorf("Lookup(%q) = %v, %v", q, c, err)
		}
	}
	if c, _ := g.Lookup("Ззызкс", LookupOptions{}); len(c) != 0 {
		t.Error("a Cyrillic alternate was kept without AllScripts")
	}
	if c, _ := g.Lookup("Mount Quux", LookupOptions{}); len(c) != 1 || c[0].Kind != KindMountain {
		t.Errorf("Mount Quux: %v", c)
	}
	p, err := g.Get(99000001)
	if err != nil || p.Name != "Zzyzxville" || p.Admin1 != "CA" || p.Population != 700 {
		t.Errorf("Get = %+v, %v", p, err)
	}
	near, err := g.Nearest(orb.Point{-116.1, 35.14}, 1, nil)
	if err != nil || len(near) != 1 || near[0].ID != 99000001 {
		t.Errorf("Nearest = %v, %v", near, err)
	}
	var found bool
	g.Within(orb.Bound{Min: orb.Point{-116.2, 35.1}, Max: orb.Point{-116.0, 35.2}}, func(p Place) bool {
		found = found || p.ID == 99000001
		return true
	})
	if !found {
		t.Error("Within misses the user place")
	}

	// The file persists.
	u.Close()
	u2, err := OpenUser(db)
	if err != nil {
		t.Fatal(err)
	}
	defer u2.Close()
	if n, _ := u2.Len(); n != 3 {
		t.Errorf("reopened user gazetteer holds %d places", n)
	}
}

func TestImportZipWithAlternateNames(t *testing.T) {
	dir := t.TempDir()
	zp := writeZip(t, dir, "dump.zip", map[string]string{
		"XX.txt":                zzyzx + "\n",
		"alternateNamesV2.txt":  "1\t703448\ten\tKyivopolis\t\t\t\t\t\t\n2\t703448\tlink\thttps://example.org/Kyiv\t\t\t\t\t\t\n3\t703448\tru\tКиевополис\t\t\t\t\t\t\nbad row\n",
		"iso-languagecodes.txt": "ISO 639-3\tISO 639-2\n",
		"readme.txt":            "read me",
	})
	u, err := OpenUser(filepath.Join(dir, "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	rep, err := u.Import(context.Background(), []string{zp}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	if fr.Places != 1 || fr.AltNames != 1 || fr.Skipped != 2 || fr.Malformed != 1 || fr.Rows[0].Line != 4 {
		t.Errorf("report %+v", fr)
	}
	g := Embedded(Options{User: u})
	c, err := g.Lookup("Kyivopolis", LookupOptions{})
	if err != nil || len(c) != 1 || c[0].ID != 703448 || c[0].User {
		t.Errorf("an imported alternate name should lead to the embedded Kyiv: %v, %v", c, err)
	}
}

func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "cities500.txt", zzyzx+"\n")
	escape := writeZip(t, dir, "escape.zip", map[string]string{"../../evil.txt": zzyzx + "\n"})
	abs := writeZip(t, dir, "abs.zip", map[string]string{"/etc/evil.txt": zzyzx + "\n"})
	big := writeFile(t, dir, "big.txt", strings.Repeat(zzyzx+"\n", 50))
	bigEntry := writeZip(t, dir, "bigentry.zip", map[string]string{"allCountries.txt": strings.Repeat(zzyzx+"\n", 200)})
	missing := filepath.Join(dir, "missing.txt")

	u, err := OpenUser(filepath.Join(dir, "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	st, _ := os.Stat(bigEntry)
	opt := ImportOptions{MaxFileBytes: st.Size() + 100, MaxEntryBytes: 4096}
	rep, err := u.Import(context.Background(), []string{escape, abs, big, bigEntry, missing, good}, opt)
	if err != nil {
		t.Fatal(err)
	}
	wantRefused := map[string]string{escape: "escapes", abs: "escapes", big: "over the limit", bigEntry: "over the limit"}
	for _, fr := range rep.Files {
		switch want, refused := wantRefused[fr.Name]; {
		case refused:
			if !errors.Is(fr.Err, ErrRefused) || !strings.Contains(fr.Err.Error(), want) || !strings.HasPrefix(fr.Err.Error(), "gazetteer: ") {
				t.Errorf("%s: err %v, want refusal mentioning %q", filepath.Base(fr.Name), fr.Err, want)
			}
		case fr.Name == missing:
			if fr.Err == nil {
				t.Error("a missing file gave no error")
			}
		default:
			if fr.Err != nil || fr.Places != 1 {
				t.Errorf("good file: %+v", fr)
			}
		}
	}
	if n, _ := u.Len(); n != 1 {
		t.Errorf("user gazetteer holds %d places, want the good file's 1", n)
	}
}

func TestImportInterruptedLeavesGazetteerUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	first := writeFile(t, dir, "first.txt", zzyzx+"\n")
	u, err := OpenUser(db)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if _, err := u.Import(context.Background(), []string{first}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	var rows []string
	for i := range 5000 {
		rows = append(rows, geonamesRow(strconv.Itoa(98000000+i), "Interrupted"+strconv.Itoa(i), "", "10", "10", "P", "PPL", "XX", "", "1"))
	}
	second := writeFile(t, dir, "second.txt", strings.Join(rows, "\n")+"\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = u.Import(ctx, []string{second}, ImportOptions{BatchRows: 100, Progress: func(done, total int64) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("the user gazetteer file changed")
	}
	if n, _ := u.Len(); n != 1 {
		t.Errorf("user gazetteer holds %d places after the interrupted import", n)
	}
	if _, err := os.Stat(db + ".import"); !os.IsNotExist(err) {
		t.Error("the import's working copy was left behind")
	}

	// A working copy left by a crash is ignored and replaced.
	writeFile(t, dir, "g.db.import", "garbage from a crash")
	if _, err := u.Import(context.Background(), []string{second}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n, _ := u.Len(); n != 5001 {
		t.Errorf("user gazetteer holds %d places, want 5001", n)
	}
}
