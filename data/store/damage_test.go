package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventmap/data/model"
)

// buildDB writes batches of articles into a new file and returns its path
// and each article's number of events.
func buildDB(t testing.TB, dir string, batches, perBatch int) (string, map[string]int) {
	t.Helper()
	path := filepath.Join(dir, "events.db")
	s, err := Open(path, Options{NoAutoShrink: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for b := range batches {
		var recs []Record
		for i := range perBatch {
			places := []model.Place{paris, berlin, parisTX}[:1+(b+i)%3]
			r := record(fmt.Sprintf("article %d of batch %d, a text long enough to span bytes", i, b), "src", day("2023-01-01").AddDate(0, b, i), places...)
			recs = append(recs, r)
		}
		res, err := s.PutBatch(context.Background(), recs, PutOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range res.Stored {
			want[id] = len(recs[i].Events)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, want
}

// consistent checks that every article a store holds was written, with all
// of its events, and that no event lacks its article.
func consistent(t *testing.T, s *Store, want map[string]int) int {
	t.Helper()
	ctx := context.Background()
	seen := map[string]int{}
	err := s.Articles(ctx, func(a ArticleInfo) bool {
		seen[a.ID] = 0
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Search(ctx, Query{Undated: true}, func(h Hit) bool {
		if _, ok := seen[h.ArticleID]; !ok {
			t.Errorf("event %s of article %s, which is not there", h.ID, h.ArticleID)
		}
		seen[h.ArticleID]++
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, n := range seen {
		w, ok := want[id]
		if !ok {
			t.Errorf("article %s was never written", id)
		}
		if n != w {
			t.Errorf("article %s has %d of its %d events", id, n, w)
		}
		if _, _, err := s.Article(ctx, id); err != nil {
			t.Errorf("article %s: %v", id, err)
		}
	}
	return len(seen)
}

func TestTruncatedFileIsReportedNotCut(t *testing.T) {
	path, _ := buildDB(t, t.TempDir(), 4, 5)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := orig[:len(orig)/2]
	// Make sure the cut falls inside a record.
	for bytes.HasSuffix(cut, []byte("\r\n")) {
		cut = cut[:len(cut)-1]
	}
	if err := os.WriteFile(path, cut, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		var de *DamageError
		if !errors.Is(err, ErrDamaged) || !errors.Is(err, ErrCorrupt) || !errors.As(err, &de) {
			t.Fatalf("read-only %v: err = %v, want ErrDamaged", ro, err)
		}
		if !de.Damage.TailCut || de.Damage.Lost <= 0 || !strings.Contains(err.Error(), "eventmap repair --db "+path) {
			t.Errorf("damage %+v, message %q", de.Damage, err)
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, cut) {
			t.Fatalf("read-only %v: opening changed the file", ro)
		}
	}
}

// TestRandomTruncation cuts a database at random offsets: every open either
// reports the damage, or sees a consistent prefix (each article whole);
// repair always ends with a consistent store and a backup of the original.
func TestRandomTruncation(t *testing.T) {
	dir := t.TempDir()
	path, want := buildDB(t, dir, 6, 4)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, uint64(len(orig))))
	damaged, whole := 0, 0
	for i := range 30 {
		cut := rng.IntN(len(orig) + 1)
		p := filepath.Join(dir, fmt.Sprintf("cut%d.db", i))
		if err := os.WriteFile(p, orig[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(p, Options{ReadOnly: true})
		switch {
		case errors.Is(err, ErrDamaged):
			damaged++
		case err != nil:
			t.Fatalf("cut at %d: %v", cut, err)
		default:
			whole++
			consistent(t, s, want)
			s.Close()
		}
		rep, err := Repair(p)
		if err != nil {
			t.Fatalf("cut at %d: repair: %v", cut, err)
		}
		if rep.Damage.Damaged() {
			b, err := os.ReadFile(rep.Backup)
			if err != nil || !bytes.Equal(b, orig[:cut]) {
				t.Fatalf("cut at %d: the backup %s is not the original (%v)", cut, rep.Backup, err)
			}
		}
		s, err = Open(p, Options{})
		if err != nil {
			t.Fatalf("cut at %d: after repair: %v", cut, err)
		}
		if n := consistent(t, s, want); n != rep.Articles {
			t.Errorf("cut at %d: repair reported %d articles, the store has %d", cut, rep.Articles, n)
		}
		s.Close()
	}
	t.Logf("%d cuts reported as damage, %d opened as a whole prefix", damaged, whole)
	if damaged == 0 {
		t.Error("no cut was reported as damage")
	}
}

func TestGarbageInTheMiddleIsRepaired(t *testing.T) {
	path, want := buildDB(t, t.TempDir(), 4, 5)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Garbage over the start of a record in the middle: over the inside
	// of a long value it would still read as a (different) whole record.
	mid := len(b) / 2
	next := bytes.Index(b[mid:], []byte("\r\n*"))
	if next < 0 {
		t.Fatal("no record starts after the middle of the file")
	}
	mid += next + 2
	copy(b[mid:], bytes.Repeat([]byte{'#'}, 300))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("err = %v, want ErrDamaged", err)
	}
	rep, err := Repair(path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Damage.TailCut || len(rep.Damage.Unreadable) != 1 || rep.Backup == "" {
		t.Errorf("report %+v", rep)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Which articles survive depends on which records the garbage hit
	// (an article's or a count's); every one kept is whole.
	if n := consistent(t, s, want); n == 0 || n != rep.Articles {
		t.Errorf("%d of %d articles after repair, the report says %d", n, len(want), rep.Articles)
	}
}

func TestRepairLeavesAWholeFileAlone(t *testing.T) {
	path, want := buildDB(t, t.TempDir(), 2, 3)
	before, _ := os.ReadFile(path)
	rep, err := Repair(path)
	if err != nil || rep.Backup != "" || rep.Damage.Damaged() || rep.Articles != len(want) {
		t.Fatalf("report %+v, %v", rep, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a whole file was rewritten")
	}
}

func TestLeftoverCompactionFileRemoved(t *testing.T) {
	path, _ := buildDB(t, t.TempDir(), 1, 2)
	if err := os.WriteFile(path+".tmp", []byte("half a compaction"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path + ".tmp"); err != nil {
		t.Fatal("a read-only open removed the leftover (it must leave files alone)")
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("leftover still there: %v", err)
	}
}

// FuzzOpenDamaged damages a small database (cut, overwritten bytes) and
// opens it: never a panic, and either a reported error or a consistent
// store; a damaged file is never changed by opening it.
func FuzzOpenDamaged(f *testing.F) {
	dir := f.TempDir()
	path, want := buildDB(f, dir, 3, 2)
	orig, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint32(len(orig)/2), uint32(0), []byte{})
	f.Add(uint32(len(orig)), uint32(100), []byte("*3\r\n$3\r\nset\r\n$2\r\na:\r\n$9999\r\n"))
	f.Add(uint32(len(orig)-3), uint32(40), []byte{0, 0, 0})
	f.Fuzz(func(t *testing.T, cut, at uint32, garbage []byte) {
		b := append([]byte(nil), orig[:int(cut)%(len(orig)+1)]...)
		if len(b) > 0 {
			copy(b[int(at)%len(b):], garbage)
		}
		p := filepath.Join(t.TempDir(), "f.db")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(p, Options{ReadOnly: true})
		if err != nil {
			if after, _ := os.ReadFile(p); !bytes.Equal(after, b) {
				t.Fatal("a failed open changed the file")
			}
			return
		}
		defer s.Close()
		if _, err := Check(p); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(b, orig[:len(b)]) {
			consistent(t, s, want)
		}
	})
}

// A crash in the middle of a write leaves a record cut off after the last
// committed batch: the next open drops it quietly, as it always did. The
// same file cut before what was committed, even on a record boundary, is
// reported.
func TestCrashTailAcceptedCutReported(t *testing.T) {
	if fileID(mustStat(t, os.Args[0])) == 0 {
		t.Skip("no file identity on this system")
	}
	path, want := buildDB(t, t.TempDir(), 3, 3)
	committed := mustStat(t, path).Size()
	// A write in flight: half a record after the end.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("*3\r\n$3\r\nset\r\n$20\r\na:0123456789abcdef")
	f.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open after a crash: %v", err)
	}
	if n := consistent(t, s, want); n != len(want) {
		t.Errorf("%d of %d articles", n, len(want))
	}
	s.Close()
	// Cut on a record boundary before the committed end.
	b, _ := os.ReadFile(path)
	cut := bytes.LastIndex(b[:committed/2], []byte("\r\n*")) + 2
	if err := os.Truncate(path, int64(cut)); err != nil {
		t.Fatal(err)
	}
	_, err = Open(path, Options{ReadOnly: true})
	var de *DamageError
	if !errors.As(err, &de) || de.Damage.Truncated != committed-int64(cut) || !strings.Contains(err.Error(), "shorter than when it was last written") {
		t.Fatalf("err = %v, want the cut reported", err)
	}
	rep, err := Repair(path)
	if err != nil || rep.Backup == "" {
		t.Fatalf("repair: %+v, %v", rep, err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	consistent(t, s, want)
	s.Close()
}

func mustStat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// BenchmarkCheck measures the record-by-record read every open of a file
// now starts with (bytes per second of database file).
func BenchmarkCheck(b *testing.B) {
	path, _ := buildDB(b, b.TempDir(), 40, 50)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(path); err != nil {
			b.Fatal(err)
		}
	}
}
