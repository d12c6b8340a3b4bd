package geoparse

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse/timex"

	"github.com/paulmach/orb"
)

// shared is the project's shared folder, beside the repository.
const shared = "../../../shared"

var testParser = sync.OnceValue(func() *Parser {
	return New(gazetteer.Embedded(gazetteer.Options{}), Options{})
})

func parse(t testing.TB, text string, date time.Time) *Result {
	t.Helper()
	r, err := testParser().Parse(context.Background(), text, date)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func texts(r *Result) []string {
	var out []string
	for _, m := range r.Mentions {
		out = append(out, m.Text)
	}
	return out
}

func TestRecognition(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		want   []string // every one must be found
		reject []string // none may be found
	}{
		{"possessive", "Kim Jong-un addressed a gathering at Russia's Vostochny Cosmodrome on Wednesday.", []string{"Russia", "Vostochny Cosmodrome"}, []string{"Russia's", "Wednesday", "Kim"}},
		{"abbreviation with dots", "He moved to the U.S. in 2001 and later to the UK.", []string{"U.S.", "UK"}, nil},
		{"multi-word with of", "Oil from the spill reached the Gulf of Mexico by March.", []string{"Gulf of Mexico"}, []string{"March", "Mexico"}},
		{"parish", "The sheriff of Rapides Parish said the road was closed.", []string{"Rapides Parish"}, nil},
		{"county", "Deputies in Laurel County arrested two men.", []string{"Laurel County"}, []string{"Laurel"}},
		{"city state", "ALEXANDRIA, La. (AP) — A fire destroyed a warehouse.", []string{"ALEXANDRIA", "La."}, nil},
		{"country abbreviation", "The DPRK fired two missiles toward the East Sea.", []string{"DPRK", "East Sea"}, nil},
		{"demonym", "Russian President Vladimir Putin met North Korean leaders.", []string{"Russian", "North Korean"}, []string{"Vladimir"}},
		{"title before", "Mr. Chase said the shop would reopen. Chase has run it since 1990.", nil, []string{"Chase"}},
		{"person said", "\"We will rebuild,\" Victoria said after the storm hit Texas.", []string{"Texas"}, []string{"Victoria"}},
		{"first and last name", "George Washington crossed the river near Trenton.", []string{"Trenton"}, []string{"George", "Washington"}},
		{"organisation", "The Washington Post reported the news from Paris.", []string{"Paris"}, []string{"Washington"}},
		{"organisation that is also a village", "The Red Cross sent tents to Beira in Mozambique.", []string{"Beira", "Mozambique"}, []string{"Red Cross"}},
		{"court of law, not a street", "The Supreme Court in Nairobi upheld the result. She lives on Maple Court in Dayton, Ohio.", []string{"Nairobi", "Maple Court", "Dayton"}, []string{"Supreme Court"}},
		{"a word after a name is no street", "Prime Minister Long said prices were high in Sydney.", []string{"Sydney"}, []string{"Minister Long"}},
		{"a word at a sentence start", "Twin earthquakes struck Turkey. Moon rocks went on show in Houston, Texas.", []string{"Turkey", "Houston"}, []string{"Twin", "Moon"}},
		{"calendar words", "March was wet. In May the town of Reading flooded; Sunday was dry.", nil, []string{"March", "May", "Sunday"}},
		{"contraction", "\"I'm staying in Ohio,\" she said.", []string{"Ohio"}, []string{"I'm", "I"}},
		{"initial", "Matthew D. Flores, 26, left Boston. Flores was shot.", []string{"Boston"}, []string{"D.", "Flores"}},
		{"hyphenated name", "They shopped at Wal-Mart in Dallas.", []string{"Dallas"}, []string{"Wal"}},
		{"hyphenated places", "The Russia-Ukraine war reached the United States (US).", []string{"Russia", "Ukraine", "United States", "US"}, nil},
		{"the is left out", "Troops left the United States for the Netherlands.", []string{"United States", "Netherlands"}, []string{"the United States"}},
		{"street", "A car hit a pole on Main Street in Huntsville, Ala.", []string{"Main Street", "Huntsville", "Ala."}, []string{"Main"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(parse(t, tt.text, time.Time{}))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q not found; got %q", w, got)
				}
			}
			for _, w := range tt.reject {
				if slices.Contains(got, w) {
					t.Errorf("%q found, should be rejected; got %q", w, got)
				}
			}
		})
	}
}

func TestOffsetsAreRunes(t *testing.T) {
	text := "Café owners in Zürich and São Paulo met in Kraków."
	r := parse(t, text, time.Time{})
	rs := []rune(text)
	if len(r.Mentions) < 3 {
		t.Fatalf("mentions = %q, want Zürich, São Paulo, Kraków", texts(r))
	}
	for _, m := range r.Mentions {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Errorf("%q at %d:%d is %q in the text", m.Text, m.Start, m.End, string(rs[m.Start:m.End]))
		}
	}
}

func TestResolution(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		mention string
		country string
		admin1  string // "" for any
	}{
		{"city state abbreviation", "ALEXANDRIA, La. (AP) — A fire destroyed a warehouse.", "ALEXANDRIA", "US", "LA"},
		{"context country", "Protesters marched in Alexandria and Cairo, Egypt's capital.", "Alexandria", "EG", ""},
		{"state context", "Atlanta police and officers from Macon and Savannah said Georgia roads were icy.", "Georgia", "US", "GA"},
		{"country context", "Russian troops entered Georgia; fighting near Tbilisi and Gori went on.", "Georgia", "GE", ""},
		{"one sense per article", "Paris, Texas, held a fair. Paris officials said rain fell.", "Paris", "US", "TX"},
		{"alias", "North Korea fired missiles into the East Sea.", "East Sea", "", ""},
		{"county", "HUNTSVILLE, Texas — The burn ban issued for Walker County was lifted.", "Walker County", "US", "TX"},
		{"county institution", "LONDON, Ky. — The Laurel County Fiscal Court met on Monday.", "Laurel County", "US", "KY"},
		{"county before a title", "Deputies said Walker County Judge Danny Pierce, of Huntsville, Texas, spoke.", "Walker County", "US", "TX"},
		{"parish", "Flooding closed roads in Rapides Parish near Alexandria, La.", "Rapides Parish", "US", "LA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, tt.text, time.Time{})
			found := false
			for _, m := range r.Mentions {
				if m.Text != tt.mention {
					continue
				}
				found = true
				if m.Place.Country != tt.country || tt.admin1 != "" && m.Place.Admin1 != tt.admin1 {
					t.Errorf("%q resolved to %s (%s/%s), want %s/%s", m.Text, m.Place.Name, m.Place.Country, m.Place.Admin1, tt.country, tt.admin1)
				}
				if m.Confidence <= 0 || m.Confidence > 1 {
					t.Errorf("confidence %v out of (0, 1]", m.Confidence)
				}
			}
			if !found {
				t.Fatalf("%q not found in %q", tt.mention, texts(r))
			}
		})
	}
}

func TestRunnersUp(t *testing.T) {
	r := parse(t, "Floods hit Springfield on Tuesday.", time.Time{})
	if len(r.Mentions) != 1 {
		t.Fatalf("mentions = %q", texts(r))
	}
	m := r.Mentions[0]
	if len(m.Alternatives) == 0 || len(m.Alternatives) > 3 {
		t.Fatalf("%d runners-up, want 1 to 3", len(m.Alternatives))
	}
	for _, a := range m.Alternatives {
		if a.Place.ID == m.Place.ID || a.Confidence > m.Confidence {
			t.Errorf("runner-up %s (%.2f) against chosen %s (%.2f)", a.Place.Name, a.Confidence, m.Place.Name, m.Confidence)
		}
	}
}

func TestNoGazetteer(t *testing.T) {
	var p Parser
	if _, err := p.Parse(context.Background(), "Paris", time.Time{}); err != ErrNoGazetteer {
		t.Errorf("err = %v, want ErrNoGazetteer", err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := testParser().Parse(ctx, "Paris", time.Time{}); err == nil || !strings.HasPrefix(err.Error(), "geoparse: ") {
		t.Errorf("err = %v, want a geoparse: context error", err)
	}
}

func readSeed(t testing.TB) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shared, "seed", "*.txt"))
	if len(files) == 0 {
		t.Skipf("no seed article in %s/seed (the shared folder is absent)", shared)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedArticle checks the article the project started from: dated
// 2023-09-13 in its first line.
func TestSeedArticle(t *testing.T) {
	r := parse(t, readSeed(t), time.Time{})
	if want := time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC); !r.Date.Equal(want) {
		t.Errorf("article date %v, want %v", r.Date, want)
	}
	type want struct {
		place     string
		date      string
		precision timex.Precision
		country   string
	}
	for _, w := range []want{
		{"Vostochny Cosmodrome", "2023-09-13", timex.PrecisionDay, "RU"},
		{"Vladivostok", "2019-01-01", timex.PrecisionYear, "RU"},
		{"Sea of Japan", "2023-09-13", timex.PrecisionDay, ""}, // "the East Sea"
		{"Russia", "2023-09-13", timex.PrecisionDay, "RU"},
		{"North Korea", "2023-09-13", timex.PrecisionDay, "KP"},
		{"Ukraine", "2023-09-13", timex.PrecisionDay, "UA"},
		{"South Korea", "2023-09-13", timex.PrecisionDay, "KR"},
		{"Japan", "2023-09-13", timex.PrecisionDay, "JP"},
		{"United States", "2023-09-13", timex.PrecisionDay, "US"},
		{"Moscow", "2023-09-13", timex.PrecisionDay, "RU"},
	} {
		found := false
		for _, ev := range r.Events {
			if ev.Place.Name != w.place || ev.Date.Format(time.DateOnly) != w.date || ev.Precision != w.precision {
				continue
			}
			if w.country != "" && ev.Place.Country != w.country {
				t.Errorf("%s placed in %s, want %s", w.place, ev.Place.Country, w.country)
			}
			found = true
		}
		if !found {
			var got []string
			for _, ev := range r.Events {
				got = append(got, ev.Place.Name+" "+ev.Date.Format(time.DateOnly)+" "+ev.Precision.String())
			}
			t.Errorf("no event %s on %s (%s); events: %q", w.place, w.date, w.precision, got)
		}
	}
	// the East Sea sentence also says "since early 2022": that bounds the
	// testing, it does not date the launch
	for _, ev := range r.Events {
		if ev.Place.Name == "Sea of Japan" && ev.Date.Year() != 2023 {
			t.Errorf("East Sea dated %v", ev.Date)
		}
	}
	for _, m := range r.Mentions {
		if m.Text == "Kim" || m.Text == "Putin" || m.Text == "Supreme" {
			t.Errorf("%q taken for a place (%s, %s)", m.Text, m.Place.Name, m.Place.Country)
		}
	}
}

func TestDateGiven(t *testing.T) {
	r := parse(t, "Floods hit Paris on Monday.", time.Date(2024, 6, 5, 0, 0, 0, 0, time.UTC))
	if len(r.Events) != 1 || r.Events[0].Date.Format(time.DateOnly) != "2024-06-03" || r.Events[0].DateText != "Monday" {
		t.Errorf("events = %+v, want Paris on 2024-06-03 from \"Monday\"", r.Events)
	}
	r = parse(t, "Floods hit Paris.", time.Time{})
	if len(r.Events) != 1 || !r.Events[0].Date.IsZero() || r.Events[0].Precision != timex.PrecisionNone {
		t.Errorf("undated events = %+v, want one with no date", r.Events)
	}
}

func TestConcurrentParse(t *testing.T) {
	text := "Floods hit Paris, Texas, and Dallas on Monday; Austin was dry."
	want := texts(parse(t, text, time.Time{}))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				r, err := testParser().Parse(context.Background(), text, time.Time{})
				if err != nil {
					t.Error(err)
					return
				}
				if !slices.Equal(texts(r), want) {
					t.Errorf("got %q, want %q", texts(r), want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestTestdataArticle(t *testing.T) {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := parse(t, string(b), time.Time{})
	got := texts(r)
	for _, w := range []string{"ATLANTA", "Georgia", "Alabama", "Macon", "Birmingham", "Gulf of Mexico", "Louisiana",
		"Rapides Parish", "Alexandria", "La.", "Walker County", "Main Street", "Rome", "Ga.", "Savannah", "Jacksonville", "Fla.",
		"London", "Paris", "Mexico City", "U.S.", "Russian", "Canadian"} {
		if !slices.Contains(got, w) {
			t.Errorf("%q not found", w)
		}
	}
	for _, w := range []string{"Kemp", "Chase", "Victoria", "Smith", "March", "Tuesday", "National"} {
		if slices.Contains(got, w) {
			t.Errorf("%q found", w)
		}
	}
	for _, m := range r.Mentions {
		switch m.Text {
		case "Rome", "Macon", "Savannah", "Alexandria":
			if m.Place.Country != "US" {
				t.Errorf("%s resolved to %s, %s", m.Text, m.Place.Name, m.Place.Country)
			}
		}
	}
}

func TestNearness(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.Point
	}{
		{"Atlanta–Macon", orb.Point{-84.39, 33.75}, orb.Point{-83.63, 32.84}},
		{"Paris–Lyon", orb.Point{2.35, 48.85}, orb.Point{4.84, 45.75}},
		{"across the antimeridian", orb.Point{179.5, -17}, orb.Point{-179.5, -17}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pin := func(id int64, p orb.Point) gazetteer.Candidate {
				return gazetteer.Candidate{Place: gazetteer.Place{ID: id, Kind: gazetteer.KindSettlement, Point: p, Bound: orb.Bound{Min: p, Max: p}}}
			}
			self := &group{cands: []gazetteer.Candidate{pin(1, tt.a)}, best: 0}
			other := &group{cands: []gazetteer.Candidate{pin(2, tt.b)}, best: 0}
			as := anchors([]*group{self, other}, nil, nil)
			got := -math.Log(nearness(&self.cands[0], as, self)) * nearKM
			want := gazetteer.DistanceKM(tt.a, tt.b)
			if math.Abs(got-want) > 0.02*want+1 {
				t.Errorf("nearness distance %.1f km, great circle %.1f", got, want)
			}
			if n := nearness(&self.cands[0], anchors([]*group{self}, nil, nil), self); n != 0 {
				t.Errorf("nearness with no other place %v, want 0", n)
			}
		})
	}
}

func TestBareCounties(t *testing.T) {
	county := func(name string, m gazetteer.MatchType) gazetteer.Candidate {
		return gazetteer.Candidate{Place: gazetteer.Place{Name: name, Kind: gazetteer.KindAdmin2}, Match: m}
	}
	town := gazetteer.Candidate{Place: gazetteer.Place{Name: "Oconee", Kind: gazetteer.KindSettlement}, Match: gazetteer.MatchName}
	tests := []struct {
		name  string
		key   string
		cands []gazetteer.Candidate
		want  bool
	}{
		{"none", "oconee", nil, false},
		{"bare counties only", "oconee", []gazetteer.Candidate{county("Oconee County", gazetteer.MatchAlt), county("Oconee County", gazetteer.MatchAlt)}, true},
		{"a county by its name", "oconee county", []gazetteer.Candidate{county("Oconee County", gazetteer.MatchName)}, false},
		{"a town too", "oconee", []gazetteer.Candidate{county("Oconee County", gazetteer.MatchAlt), town}, false},
		{"a longer form of the name", "nyanza province", []gazetteer.Candidate{county("Nyanza", gazetteer.MatchAlt)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bareCounties(tt.key, tt.cands); got != tt.want {
				t.Errorf("bareCounties = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNeighbours checks the names nearest each mention: two on each side,
// each once, the name itself and names that give the context nothing
// ("X County" guesses, names without candidates) passed over.
func TestNeighbours(t *testing.T) {
	c := []gazetteer.Candidate{{}}
	g := func(spans ...int) *group { return &group{spans: spans, cands: c} }
	guess := &group{spans: []int{3}, cands: c, suffix: true}
	empty := &group{spans: []int{5}}
	// text order: a0 b1 a2 guess3 c4 empty5 d6 e7 a8
	groups := []*group{g(0, 2, 8), g(1), guess, g(4), empty, g(6), g(7)}
	got := neighbours(groups)
	want := [][]int{
		{1, 3, 5, 6},           // a: b (0); b, c, d (2); d, e (8)
		{0, 3},                 // b: a before, a and c after
		nil, {0, 1, 5, 6}, nil, // c: a and b before, d and e after
		{3, 0, 6}, // d: c and a before, e and a after
		{5, 3, 0}, // e: d and c before, a after
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("group %d: neighbours %v, want %v", i, got[i], want[i])
		}
	}
}
