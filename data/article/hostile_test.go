package article

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostile returns the path of a shared hostile fixture.
func hostile(name string) string { return fixtures("hostile", name) }

// importAll runs a default Set over a file and returns the titles stored
// and the errors of the bad entries.
func importAll(t *testing.T, path string) (titles []string, bad []string, err error) {
	t.Helper()
	err = NewSet(Options{}).ImportFile(context.Background(), path, func(it Item) bool {
		if it.Err != nil {
			bad = append(bad, it.Err.Error())
		} else {
			titles = append(titles, it.Article.Title)
		}
		return true
	})
	return titles, bad, err
}

func TestHostileTables(t *testing.T) {
	for _, tc := range []struct {
		file       string
		wantTitles []string
		wantBad    []string // substrings, one per bad entry, in order
	}{
		{"unclosed-quote.csv", []string{"R1", "R3", "R4"}, []string{"unclosed-quote.csv:3: malformed CSV row: "}},
		{"missing-item-end.rss", []string{"Rain in Dublin", "Heat in Phoenix"}, []string{"missing-item-end.rss:5: malformed feed item 1: <item> is not closed"}},
		{"unclosed-title.atom", []string{"Fire in Athens", "Rain in Dublin"}, []string{"unclosed-title.atom:9: malformed feed item 2: XML syntax error on line 13: element <title> closed by </entry>"}},
		{"bad-lines.jsonl", []string{"A", "B", "C", "D"}, []string{"bad-lines.jsonl:2:", "bad-lines.jsonl:4: malformed JSON"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			titles, bad, err := importAll(t, hostile(tc.file))
			if err != nil {
				t.Fatalf("the file failed whole: %v", err)
			}
			if !slices.Equal(titles, tc.wantTitles) {
				t.Errorf("stored %q, want %q", titles, tc.wantTitles)
			}
			if len(bad) != len(tc.wantBad) {
				t.Fatalf("bad entries %q, want %d", bad, len(tc.wantBad))
			}
			for i, w := range tc.wantBad {
				if !strings.Contains(bad[i], w) {
					t.Errorf("bad entry %d = %q, want it to contain %q", i, bad[i], w)
				}
			}
		})
	}
}

// A short table whose bad line is a large share of its bytes is still read
// line by line; a binary file is not.
func TestTablesWithBinaryLines(t *testing.T) {
	garbage := strings.Repeat("\x00\x01\xff", 100)
	in := `{"text":"Fire in Athens"}` + "\n" + garbage + "\n" + `{"text":"Rain in Dublin"}` + "\n"
	n, bad := 0, 0
	err := NewSet(Options{}).Import(context.Background(), Input{Name: "s.jsonl", R: strings.NewReader(in)}, func(it Item) bool {
		if it.Err != nil {
			bad++
		} else {
			n++
		}
		return true
	})
	if err != nil || n != 2 || bad != 1 {
		t.Errorf("stored %d, bad %d, err %v; want 2, 1, nil", n, bad, err)
	}
	random, _ := os.ReadFile(hostile("random.bin"))
	for _, name := range []string{"r.jsonl", "r.csv"} {
		err := NewSet(Options{}).Import(context.Background(), Input{Name: name, R: strings.NewReader(string(random))}, func(Item) bool { return true })
		if !errors.Is(err, ErrBinary) && !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("%s of random bytes: %v, want it refused whole", name, err)
		}
	}
}

func TestCSVRecovery(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		bad      int
	}{
		{"multi-line field kept", "title,text\nA,\"line one\nline two\"\nB,x\n", []string{"line one\nline two", "x"}, 0},
		{"escaped quotes", "title,text\nA,\"say \"\"hi\"\" in Rome\"\n", []string{`say "hi" in Rome`}, 0},
		{"stray quote in unquoted field", "title,text\nA,a 5\" screen in Oslo\n", []string{`a 5" screen in Oslo`}, 0},
		{"quote closes mid-field", "title,text\nA,\"x\"y\nB,z\n", []string{"z"}, 1},
		{"unclosed at the end", "title,text\nA,ok\nB,\"never closed\n", []string{"ok"}, 1},
		{"crlf", "title,text\r\nA,\"one\r\ntwo\"\r\nB,x\r\n", []string{"one\ntwo", "x"}, 0},
		{"tsv-like blank lines", "title,text\n\nA,x\n\n", []string{"x"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			bad := 0
			err := CSV{}.Import(context.Background(), Input{Name: "t.csv", R: strings.NewReader(tc.in)}, func(it Item) bool {
				if it.Err != nil {
					bad++
					if !strings.Contains(it.Err.Error(), "t.csv:") {
						t.Errorf("bad row without its line: %v", it.Err)
					}
					return true
				}
				got = append(got, it.Article.Text)
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) || bad != tc.bad {
				t.Errorf("got %q and %d bad, want %q and %d", got, bad, tc.want, tc.bad)
			}
		})
	}
}

// repeated is an input that never ends: /dev/zero, or `yes`.
type repeated byte

func (e repeated) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

func TestReadDocumentRefuses(t *testing.T) {
	random, err := os.ReadFile(hostile("random.bin"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    io.Reader
		want error
	}{
		{"zeros", repeated(0), ErrBinary},
		{"random bytes", strings.NewReader(string(random)), ErrBinary},
		{"repeated text", repeated('a'), ErrTooLarge},
		{"empty", strings.NewReader(" \n"), ErrEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadDocument(Input{Name: "in", R: tc.r}, 1<<20)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "in:") {
				t.Errorf("err = %v, want %v naming the input", err, tc.want)
			}
		})
	}
	b, err := ReadDocument(Input{Name: "ok", R: strings.NewReader("\ufeffFire in Athens.")}, 0)
	if err != nil || string(b) != "Fire in Athens." {
		t.Errorf("good text: %q, %v", b, err)
	}
}

func TestImportFileSkipsFIFO(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes")
	}
	p := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { done <- NewSet(Options{}).ImportFile(context.Background(), p, func(Item) bool { return true }) }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("err = %v, want ErrNotRegular", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("ImportFile blocked on a named pipe")
	}
}
