package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

var (
	paris   = model.Place{ID: "gn:2988507", Name: "Paris", Kind: model.KindCity, Country: "FR", Point: orb.Point{2.3488, 48.85341}}
	parisTX = model.Place{ID: "gn:4717560", Name: "Paris", Kind: model.KindCity, Country: "US", Point: orb.Point{-95.55551, 33.66094}}
	berlin  = model.Place{ID: "gn:2950159", Name: "Berlin", Kind: model.KindCity, Country: "DE", Point: orb.Point{13.41053, 52.52437}}
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// record makes an article that mentions each place once, with one event per
// mention at the given time (zero: undated).
func record(text, source string, when time.Time, places ...model.Place) Record {
	r := Record{Article: model.Article{Title: "T " + text, Source: source, Text: text, Format: model.FormatText, Published: when}}
	for i, p := range places {
		sp := model.Span{Start: i, End: i + 1}
		r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: p.Name, Place: p, Confidence: 0.9})
		e := model.Event{Span: sp, PlaceID: p.ID, PlaceName: p.Name, Point: p.Point, Time: when, Precision: model.Day, Snippet: "In " + p.Name + ", " + text}
		if when.IsZero() {
			e.Precision = model.Undated
		}
		r.Events = append(r.Events, e)
	}
	return r
}

func openTemp(t *testing.T, opts Options) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func put(t *testing.T, s *Store, recs ...Record) PutResult {
	t.Helper()
	res, err := s.PutBatch(context.Background(), recs, PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.PlaceName + "@" + h.Time.Format("2006-01-02")
		if h.Precision == model.Undated {
			out[i] = h.PlaceName + "@undated"
		}
	}
	return out
}

func TestQuery(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, Options{})
	put(t, s,
		record("one", "a.com", day("2023-09-13"), paris, berlin),
		record("two", "b.com", day("2023-10-01"), parisTX),
		record("three", "a.com", time.Time{}, berlin),
		record("four", "b.com", day("1999-01-01"), paris),
	)
	europe := orb.Bound{Min: orb.Point{-10, 35}, Max: orb.Point{30, 60}}
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"all dated", Query{}, "[Paris@1999-01-01 Paris@2023-09-13 Berlin@2023-09-13 Paris@2023-10-01]"},
		{"bbox", Query{Bound: &europe}, "[Paris@1999-01-01 Paris@2023-09-13 Berlin@2023-09-13]"},
		{"bbox and time", Query{Bound: &europe, From: day("2023-01-01"), To: day("2024-01-01")}, "[Paris@2023-09-13 Berlin@2023-09-13]"},
		{"to is exclusive", Query{To: day("2023-09-13")}, "[Paris@1999-01-01]"},
		{"undated too", Query{Bound: &europe, From: day("2023-01-01"), Undated: true}, "[Paris@2023-09-13 Berlin@2023-09-13 Berlin@undated]"},
		{"text in snippet", Query{Text: "TWO"}, "[Paris@2023-10-01]"},
		{"text in title", Query{Text: "t four"}, "[Paris@1999-01-01]"},
		{"place", Query{PlaceID: paris.ID}, "[Paris@1999-01-01 Paris@2023-09-13]"},
		{"source", Query{Source: "B.com"}, "[Paris@1999-01-01 Paris@2023-10-01]"},
		{"article", Query{ArticleID: model.ContentID("one")}, "[Paris@2023-09-13 Berlin@2023-09-13]"},
		{"limit", Query{Limit: 1}, "[Paris@1999-01-01]"},
		{"empty range", Query{From: day("2030-01-01")}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Events(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(ids(hits)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			n, err := s.Count(ctx, Query{Bound: tt.q.Bound, From: tt.q.From, To: tt.q.To, Undated: tt.q.Undated, Text: tt.q.Text, PlaceID: tt.q.PlaceID, Source: tt.q.Source, ArticleID: tt.q.ArticleID})
			if err != nil {
				t.Fatal(err)
			}
			if tt.q.Limit == 0 && n != len(hits) {
				t.Errorf("Count = %d, Events gave %d", n, len(hits))
			}
		})
	}
	h, _ := s.Events(ctx, Query{ArticleID: model.ContentID("two")})
	if h[0].Title != "T two" || h[0].Source != "b.com" || h[0].ArticleID != model.ContentID("two") {
		t.Errorf("hit carries %+v", h[0])
	}
	if st := s.Stats(); st != (Stats{Articles: 4, Events: 5, Undated: 1}) {
		t.Errorf("Stats = %+v", st)
	}
}

func TestHistogram(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, Options{})
	put(t, s,
		record("a", "x", day("2023-09-13"), paris, berlin),
		record("b", "x", day("2023-09-14"), paris),
		record("c", "x", day("2023-11-02"), berlin),
		record("d", "x", time.Time{}, berlin),
	)
	europe := orb.Bound{Min: orb.Point{10, 35}, Max: orb.Point{30, 60}} // Berlin only
	tests := []struct {
		name string
		q    Query
		iv   Interval
		want string
	}{
		{"months", Query{}, ByMonth, "[2023-09:3 2023-10:0 2023-11:1]"},
		{"days in range", Query{From: day("2023-09-14"), To: day("2023-12-01")}, ByDay, ""},
		{"years", Query{}, ByYear, "[2023-01:4]"},
		{"weeks", Query{To: day("2023-10-01")}, ByWeek, "[2023-09:3]"},
		{"bbox scans", Query{Bound: &europe}, ByMonth, "[2023-09:1 2023-10:0 2023-11:1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs, err := s.Histogram(ctx, tt.q, tt.iv)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			total := 0
			for _, b := range bs {
				got = append(got, fmt.Sprintf("%s:%d", b.Start.Format("2006-01"), b.Count))
				total += b.Count
			}
			if tt.want == "" {
				// Day buckets: 2023-09-14 .. 2023-11-02, 50 of them.
				if len(bs) != 50 || total != 2 || bs[0].Count != 1 || bs[49].Count != 1 {
					t.Errorf("got %d buckets, total %d", len(bs), total)
				}
				return
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}

func TestDuplicatesAndReplace(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t, Options{})
	r := record("same text", "x", day("2023-01-01"), paris)
	if res := put(t, s, r, r); len(res.Stored) != 1 || len(res.Duplicates) != 1 {
		t.Fatalf("first put: %+v", res)
	}
	if res := put(t, s, r); len(res.Stored) != 0 || len(res.Duplicates) != 1 {
		t.Fatalf("second put: %+v", res)
	}
	// Same text with other white space around it is the same article.
	r2 := record("  same text\r\n", "x", day("2023-01-01"), paris)
	if res := put(t, s, r2); len(res.Duplicates) != 1 {
		t.Fatalf("third put: %+v", res)
	}
	// Replace swaps the events.
	r3 := record("same text", "x", day("2024-02-02"), berlin, berlin)
	if _, err := s.PutBatch(ctx, []Record{r3}, PutOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	hits, _ := s.Events(ctx, Query{})
	if got := fmt.Sprint(ids(hits)); got != "[Berlin@2024-02-02 Berlin@2024-02-02]" {
		t.Errorf("after replace: %s", got)
	}
	if st := s.Stats(); st.Articles != 1 || st.Events != 2 {
		t.Errorf("Stats = %+v", st)
	}
	// Counts survive a reopen.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if st := s2.Stats(); st.Articles != 1 || st.Events != 2 {
		t.Errorf("Stats after reopen = %+v", st)
	}
	if err := s2.DeleteArticle(ctx, model.ContentID("same text")); err != nil {
		t.Fatal(err)
	}
	if st := s2.Stats(); st != (Stats{}) {
		t.Errorf("Stats after delete = %+v", st)
	}
}

func TestBadRecords(t *testing.T) {
	s, _ := openTemp(t, Options{})
	good := record("good", "x", day("2023-01-01"), paris)
	far := record("far future", "x", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), paris)
	tests := []struct {
		name string
		r    Record
	}{
		{"no text", Record{Article: model.Article{Title: "empty", Text: " \n"}}},
		{"wrong id", Record{Article: model.Article{ID: "0000000000000000", Text: "x"}}},
		{"bad point", func() Record {
			r := record("bad point", "x", day("2023-01-01"), paris)
			r.Events[0].Point = orb.Point{200, 0}
			return r
		}()},
		{"bad place id", func() Record {
			r := record("bad place", "x", day("2023-01-01"), paris)
			r.Mentions[0].Place.ID = ""
			return r
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.PutBatch(context.Background(), []Record{good, tt.r}, PutOptions{})
			if !errors.Is(err, ErrBadRecord) {
				t.Fatalf("err = %v, want ErrBadRecord", err)
			}
			if st := s.Stats(); st.Articles != 0 {
				t.Errorf("store changed: %+v", st)
			}
		})
	}
	// A date far out of range is kept, undated.
	put(t, s, far)
	if st := s.Stats(); st.Undated != 1 {
		t.Errorf("far-future event: %+v", st)
	}
}

func TestCorrections(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t, Options{})
	first := record("first article", "local.com", day("2023-01-01"), paris)
	first.Article.ID = model.ContentID(first.Article.Text)
	put(t, s, first)
	id := first.Article.ID
	sp := first.Mentions[0].Span
	if err := s.CorrectMention(ctx, id, sp, parisTX); err != nil {
		t.Fatal(err)
	}
	if err := s.CorrectMention(ctx, id, model.Span{Start: 40, End: 45}, parisTX); !errors.Is(err, ErrNotFound) {
		t.Errorf("correcting a missing mention: %v", err)
	}
	check := func(s *Store, id, wantPlace string) {
		t.Helper()
		hits, err := s.Events(ctx, Query{ArticleID: id})
		if err != nil || len(hits) != 1 || hits[0].PlaceID != wantPlace || hits[0].Point != roundPoint(parisTX.Point) && wantPlace == parisTX.ID {
			t.Errorf("events of %s: %+v %v, want place %s", id, hits, err, wantPlace)
		}
		_, ms, err := s.Article(ctx, id)
		if err != nil || len(ms) != 1 || ms[0].Place.ID != wantPlace {
			t.Errorf("mentions of %s: %+v %v", id, ms, err)
		}
	}
	check(s, id, parisTX.ID)
	if hits, _ := s.Events(ctx, Query{PlaceID: paris.ID}); len(hits) != 0 {
		t.Errorf("old place still has events: %v", ids(hits))
	}

	// Survives reopening; re-applied when the article is stored again.
	s.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check(s, id, parisTX.ID)
	if err := s.DeleteArticle(ctx, id); err != nil {
		t.Fatal(err)
	}
	put(t, s, first)
	check(s, id, parisTX.ID)
	_, ms, _ := s.Article(ctx, id)
	if !ms[0].Corrected || len(ms[0].RunnersUp) == 0 || ms[0].RunnersUp[0].Place.ID != paris.ID {
		t.Errorf("corrected mention: %+v", ms[0])
	}
	if _, err := s.PutBatch(ctx, []Record{first}, PutOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	check(s, id, parisTX.ID)

	// The preferred sense for later articles from the same source only.
	senses, err := s.PreferredSenses(ctx, "local.com")
	if err != nil || senses["paris"].ID != parisTX.ID {
		t.Errorf("PreferredSenses = %v, %v", senses, err)
	}
	later := record("a later article", "local.com", day("2023-02-01"), paris)
	other := record("another source", "world.com", day("2023-02-01"), paris)
	later.Article.ID = model.ContentID(later.Article.Text)
	other.Article.ID = model.ContentID(other.Article.Text)
	put(t, s, later, other)
	check(s, later.Article.ID, parisTX.ID)
	check(s, other.Article.ID, paris.ID)
	cs, err := s.Corrections(ctx, id)
	if err != nil || len(cs) != 1 || cs[0].Name != "Paris" || cs[0].Source != "local.com" {
		t.Errorf("Corrections = %+v, %v", cs, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, record("kept", "x", day("2023-01-01"), paris))

	t.Run("locked", func(t *testing.T) {
		_, err := Open(good, Options{})
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second open: %v, want ErrLocked", err)
		}
		_, err = Open(good, Options{ReadOnly: true})
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("read-only open beside a writer: %v, want ErrLocked", err)
		}
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("read-only file", func(t *testing.T) {
		ro := filepath.Join(dir, "ro.db")
		copyFile(t, good, ro)
		if err := os.Chmod(ro, 0o444); err != nil {
			t.Fatal(err)
		}
		_, err := Open(ro, Options{})
		if !errors.Is(err, ErrReadOnly) {
			t.Fatalf("open read-only file: %v, want ErrReadOnly", err)
		}
		r, err := Open(ro, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if st := r.Stats(); st.Articles != 1 {
			t.Errorf("read-only stats %+v", st)
		}
		if _, err := r.PutBatch(context.Background(), []Record{record("new", "x", time.Time{}, paris)}, PutOptions{}); !errors.Is(err, ErrReadOnly) {
			t.Errorf("write to read-only store: %v", err)
		}
		// Two readers may share it.
		r2, err := Open(ro, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		r2.Close()
	})

	t.Run("truncated tail is reported, then repaired", func(t *testing.T) {
		tr := filepath.Join(dir, "trunc.db")
		copyFile(t, good, tr)
		s, err := Open(tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		put(t, s, record("second", "x", day("2023-01-02"), berlin))
		s.Close()
		fi, _ := os.Stat(tr)
		if err := os.Truncate(tr, fi.Size()-7); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(tr, Options{}); !errors.Is(err, ErrDamaged) {
			t.Fatalf("open truncated: %v, want ErrDamaged", err)
		}
		if _, err := Repair(tr); err != nil {
			t.Fatal(err)
		}
		s, err = Open(tr, Options{})
		if err != nil {
			t.Fatalf("open repaired: %v", err)
		}
		defer s.Close()
		if !s.HasArticle(model.ContentID("kept")) {
			t.Error("article stored before the damaged batch is lost")
		}
	})

	t.Run("corrupt middle is refused", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.db")
		b, _ := os.ReadFile(good)
		i := strings.Index(string(b[len(b)/2:]), "\r\n*") + len(b)/2 + 2
		b[i] = '#'
		if err := os.WriteFile(bad, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(bad, Options{})
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("open corrupt: %v, want ErrCorrupt", err)
		}
		after, _ := os.ReadFile(bad)
		if string(after) != string(b) {
			t.Error("refused file was modified")
		}
	})

	t.Run("not a database", func(t *testing.T) {
		txt := filepath.Join(dir, "notes.txt")
		os.WriteFile(txt, []byte("hello\n"), 0o644)
		if _, err := Open(txt, Options{}); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("open text file: %v, want ErrCorrupt", err)
		}
	})

	t.Run("folder", func(t *testing.T) {
		if _, err := Open(dir, Options{}); err == nil {
			t.Fatal("opened a folder")
		}
	})
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPendingBatchIsRemoved(t *testing.T) {
	s, path := openTemp(t, Options{})
	put(t, s, record("kept", "x", day("2023-01-01"), paris))
	// Simulate a crash in the middle of a batch: the pending key and part of
	// the batch are in the file, the final delete is not.
	half := record("half written", "x", day("2023-01-02"), paris, berlin)
	half.Article.ID = model.ContentID(half.Article.Text)
	if _, err := s.PutBatch(context.Background(), []Record{half}, PutOptions{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	v := half.Article.ID
	fmt.Fprintf(f, "*3\r\n$3\r\nset\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(keyPending), keyPending, len(v), v)
	f.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.HasArticle(half.Article.ID) {
		t.Error("interrupted batch left its article")
	}
	if !s.HasArticle(model.ContentID("kept")) {
		t.Error("earlier article lost")
	}
	if st := s.Stats(); st.Events != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestGrid checks the spatial index against a plain filter of the same
// events, through inserts (sorted parts and tails), removals and searches
// across cell edges and the antimeridian.
func TestGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var g *grid
	var bulk []gridEntry
	type ev struct {
		key      string
		lon, lat float64
		t        int64
	}
	var all []ev
	add := func() {
		e := ev{key: fmt.Sprintf("e:%04d", len(all)), lon: rng.Float64()*20 - 180, lat: float64(rng.IntN(40)) - 20 + rng.Float64()*0.5, t: rng.Int64N(1000)}
		if rng.IntN(10) == 0 {
			e.lon = float64(int(e.lon)) // on a cell edge
		}
		ge := gridEntry{t: e.t, lon: e.lon, lat: e.lat, key: e.key, val: e.key}
		if g == nil {
			bulk = append(bulk, ge)
		} else {
			g.add(ge)
		}
		all = append(all, e)
	}
	for range 3000 {
		add()
	}
	g = bulkGrid(bulk)
	for range 2000 {
		add()
	}
	removed := map[string]bool{}
	for i := 0; i < len(all); i += 7 {
		g.remove(all[i].key, all[i].lon, all[i].lat)
		removed[all[i].key] = true
	}
	for q := range 200 {
		lon, lat := rng.Float64()*25-182, rng.Float64()*50-25
		b := orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + rng.Float64()*8, lat + rng.Float64()*8}}
		if q%10 == 0 {
			b.Min[0] = math.Floor(b.Min[0]) // edges on cell edges
		}
		t0 := rng.Int64N(1000)
		t1 := t0 + rng.Int64N(300)
		var want, got []string
		for _, e := range all {
			if !removed[e.key] && b.Contains(orb.Point{e.lon, e.lat}) && e.t >= t0 && e.t <= t1 {
				want = append(want, e.key)
			}
		}
		g.search(b, t0, t1, func(k, _ string) bool { got = append(got, k); return true })
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("query %d (%v, %d..%d): got %d events, want %d", q, b, t0, t1, len(got), len(want))
		}
	}
	n := 0
	g.search(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, math.MinInt64, math.MaxInt64, func(string, string) bool { n++; return n < 10 })
	if n != 10 {
		t.Errorf("search went on after fn returned false: %d", n)
	}
}

func TestDateRange(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"2023", "2023-09", "2023-01-01 2023-10-01"},
		{"2023-09-13", "2023-09-13", "2023-09-13 2023-09-14"},
		{"", "", "0001-01-01 0001-01-01"},
	}
	for _, tt := range tests {
		f, to, err := DateRange(tt.from, tt.to)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Format("2006-01-02") + " " + to.Format("2006-01-02"); got != tt.want {
			t.Errorf("DateRange(%q, %q) = %s", tt.from, tt.to, got)
		}
	}
	for _, bad := range [][2]string{{"yesterday", ""}, {"2024", "2023"}} {
		if _, _, err := DateRange(bad[0], bad[1]); err == nil {
			t.Errorf("DateRange(%q, %q) gave no error", bad[0], bad[1])
		}
	}
}

// A batch cut short after its first transaction (the pending key with the
// new articles' texts and mentions) leaves neither behind.
func TestPendingTextAndMentionsAreRemoved(t *testing.T) {
	s, path := openTemp(t, Options{})
	put(t, s, record("kept", "x", day("2023-01-01"), paris))
	s.Close()
	id := model.ContentID("cut short")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range [][2]string{{keyPending, id}, {prefixText + id, "cut short"}, {prefixMentions + id, `[{"span":{"start":0,"end":3}}]`}} {
		fmt.Fprintf(f, "*3\r\n$3\r\nset\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(kv[0]), kv[0], len(kv[1]), kv[1])
	}
	f.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.db.View(func(tx *buntdb.Tx) error {
		for _, k := range []string{keyPending, prefixText + id, prefixMentions + id} {
			if _, err := tx.Get(k); err == nil {
				t.Errorf("%s is still stored", k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !s.HasArticle(model.ContentID("kept")) {
		t.Error("earlier article lost")
	}
}
