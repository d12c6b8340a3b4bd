package evaluation

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

func readFixture(t *testing.T, name string) *Corpus {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := ReadCorpus(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReadLGLFormat(t *testing.T) {
	c := readFixture(t, "tiny-lgl.xml")
	if len(c.Docs) != 2 {
		t.Fatalf("%d documents", len(c.Docs))
	}
	d := c.Docs[0]
	if d.ID != "1" || d.Title != "Café opens in Paris" || d.URL != "http://example.org/1" {
		t.Errorf("metadata %+v", d)
	}
	if want := time.Date(2009, 3, 20, 0, 0, 0, 0, time.UTC); !d.Date.Equal(want) {
		t.Errorf("date %v", d.Date)
	}
	if len(d.Gold) != 3 || !d.Gold[0].HasPoint || d.Gold[2].HasPoint {
		t.Fatalf("gold %+v", d.Gold)
	}
	// Offsets count characters, not bytes: "Café" has a two-byte é.
	if g := d.Gold[0]; g.Start != 14 || g.End != 19 || g.Point != (orb.Point{2.3488, 48.8534}) {
		t.Errorf("Paris %+v", g)
	}
	// Kyiv is given two characters late and is moved; Odesa is not in the
	// text and is left out.
	if g := c.Docs[1].Gold; len(g) != 1 || g[0].Start != 10 || g[0].End != 14 {
		t.Errorf("aligned %+v", g)
	}
	if c.Unaligned != 1 {
		t.Errorf("unaligned %d, want 1", c.Unaligned)
	}
}

func TestReadGeoVirusFormat(t *testing.T) {
	c := readFixture(t, "tiny-geovirus.xml")
	if len(c.Docs) != 1 || c.Docs[0].Source != "https://example.org/wiki/Outbreak" || !c.Docs[0].Date.IsZero() {
		t.Fatalf("docs %+v", c.Docs)
	}
	// GeoVirus offsets are one character late; alignment fixes them.
	g := c.Docs[0].Gold
	if len(g) != 2 || g[0].Start != 14 || g[1].Start != 24 || c.Unaligned != 0 {
		t.Errorf("gold %+v, unaligned %d", g, c.Unaligned)
	}
}

func TestReadRejectsOtherXML(t *testing.T) {
	cases := map[string]string{
		"not a corpus": `<rss><channel/></rss>`,
		"broken":       `<articles><article><text>x</article>`,
		"entity bomb":  `<!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><articles><article><text>&b;</text></article></articles>`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ReadCorpus(strings.NewReader(body), name)
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("error %v, want one naming %q", err, name)
			}
		})
	}
	if _, err := ReadCorpus(strings.NewReader(`<rss/>`), "x"); !errors.Is(err, ErrNotCorpus) {
		t.Errorf("error %v, want ErrNotCorpus", err)
	}
}

// oracle predicts gold spans at given offsets in km east of the gold point.
func TestScoresKnownAnswers(t *testing.T) {
	c := readFixture(t, "tiny-lgl.xml")
	// Document 1: Paris exactly right, Lyon right span but put in Paris
	// (~392 km off), Berlin missed, and a wrong span "Visitors".
	// Document 2: Kyiv 100 km off, plus a duplicate of it.
	paris := orb.Point{2.3488, 48.8534}
	kyivOff := orb.Point{30.52 + 100/(111.195*math.Cos(50.45*math.Pi/180)), 50.45}
	parse := func(_ context.Context, d Document) ([]Prediction, error) {
		switch d.ID {
		case "1":
			return []Prediction{
				{Start: 14, End: 19, Point: paris, ID: 2988507, Confidence: 0.95},
				// Lyon's own id, put far off: a far pick of the same place
				{Start: 35, End: 39, Point: paris, ID: 2996944, Confidence: 0.85},
				{Start: 21, End: 29, Point: paris, Confidence: 0.5},
			}, nil
		default:
			k := Prediction{Start: 10, End: 14, Point: kyivOff, Name: "Kyiv", Confidence: 0.15}
			return []Prediction{k, k}, nil
		}
	}
	r, err := Evaluate(context.Background(), c, parse)
	if err != nil {
		t.Fatal(err)
	}
	// Gold 4 (3 + 1 aligned), predicted 4 distinct, correct 3.
	if r.Documents != 2 || r.Gold != 4 || r.Predicted != 4 || r.Correct != 3 || r.Unaligned != 1 {
		t.Fatalf("counts %+v", r)
	}
	near := func(a, b, eps float64) bool { return math.Abs(a-b) <= eps }
	if !near(r.Precision, 0.75, 1e-9) || !near(r.Recall, 0.75, 1e-9) || !near(r.F1, 0.75, 1e-9) {
		t.Errorf("P/R/F1 %v %v %v", r.Precision, r.Recall, r.F1)
	}
	// Errors: 0, ~392 (Lyon→Paris), ~100 (Kyiv).
	if r.Resolved != 3 || !near(r.Acc161, 2.0/3, 1e-9) {
		t.Errorf("resolved %d acc161 %v", r.Resolved, r.Acc161)
	}
	if !near(r.MedianKM, 100, 1) || !near(r.MeanKM, (0+100+392.2)/3, 2) {
		t.Errorf("median %v mean %v", r.MedianKM, r.MeanKM)
	}
	want := ((0+math.Log(101))/2 + (math.Log(101)+math.Log(393.2))/2) / (math.Log(maxErrorKM) * 2)
	if !near(r.AUC, want, 0.002) {
		t.Errorf("AUC %v, want %v", r.AUC, want)
	}
	if r.DocsPerSec <= 0 {
		t.Errorf("docs/s %v", r.DocsPerSec)
	}
	if r.FarSamePlace != 1 {
		t.Errorf("far picks of the same place %d, want 1 (Lyon)", r.FarSamePlace)
	}
	// Bins: 0.95 right, 0.85 wrong, 0.15 right.
	if wantECE := (0.05 + 0.85 + 0.85) / 3; !near(r.ECE, wantECE, 1e-9) {
		t.Errorf("ECE %v, want %v", r.ECE, wantECE)
	}
	if len(r.Reliability) != calibrationBins || r.Reliability[8].Count != 1 || r.Reliability[8].Accuracy != 0 ||
		r.Reliability[9].Accuracy != 1 || r.Reliability[1].Count != 1 || !near(r.Reliability[1].Confidence, 0.15, 1e-12) {
		t.Errorf("reliability %+v", r.Reliability)
	}
}

func TestSamePlace(t *testing.T) {
	tests := []struct {
		g    Toponym
		p    Prediction
		want bool
	}{
		{Toponym{GeoNameID: 6251999}, Prediction{ID: 6251999}, true},
		{Toponym{Name: "Canada", Point: orb.Point{-113.64, 60.11}}, Prediction{Name: "canada", Bound: orb.Bound{Min: orb.Point{-141, 41.7}, Max: orb.Point{-52.6, 83.1}}}, true},
		// the same name elsewhere: Georgia the state is not in Georgia the country
		{Toponym{Name: "Georgia", Point: orb.Point{-83.5, 32.75}}, Prediction{Name: "Georgia", Bound: orb.Bound{Min: orb.Point{40, 41}, Max: orb.Point{46.7, 43.6}}}, false},
		{Toponym{Name: "Paris", Point: orb.Point{2.35, 48.85}}, Prediction{Name: "Paris", Bound: orb.Bound{Min: orb.Point{2.35, 48.85}, Max: orb.Point{2.35, 48.85}}}, false},
		{Toponym{GeoNameID: 6251999, Name: "Canada"}, Prediction{ID: 5883102, Name: "Alberta"}, false},
		{Toponym{}, Prediction{}, false},
	}
	for _, tt := range tests {
		if got := samePlace(tt.g, tt.p); got != tt.want {
			t.Errorf("samePlace(%+v, %+v) = %v", tt.g, tt.p, got)
		}
	}
}

func TestPageTitle(t *testing.T) {
	for in, want := range map[string]string{
		"https://en.wikipedia.org/wiki/Pandi,_Bulacan":    "Pandi",
		"https://en.wikipedia.org/wiki/Georgia_(country)": "Georgia",
		"https://en.wikipedia.org/wiki/S%C3%A3o_Paulo":    "São Paulo",
		"not a page": "",
	} {
		if got := pageTitle(in); got != want {
			t.Errorf("pageTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParserFailureCountsAsNoPredictions(t *testing.T) {
	c := readFixture(t, "tiny-geovirus.xml")
	r, err := Evaluate(context.Background(), c, func(context.Context, Document) ([]Prediction, error) {
		return nil, errors.New("boom")
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Failed != 1 || r.Predicted != 0 || r.Gold != 2 || r.F1 != 0 || r.Acc161 != 0 {
		t.Errorf("%+v", r)
	}
}

func TestAUC(t *testing.T) {
	cases := []struct {
		errs []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0, 0, 0}, 0},
		{[]float64{maxErrorKM - 1, maxErrorKM - 1}, 1},
		{[]float64{maxErrorKM - 1}, 1},
	}
	for _, c := range cases {
		if got := AUC(c.errs); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("AUC(%v) = %v, want %v", c.errs, got, c.want)
		}
	}
}

// TestSharedCorpora checks the reader on the evaluation corpora beside the
// project, when they are there.
func TestSharedCorpora(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no evaluation corpora at %s (they live beside the project as ../shared/corpora)", dir)
	}
	cases := []struct {
		file               string
		docs, gold, maxBad int
	}{
		{"lgl.xml", 588, 5088, 0},
		// GeoVirus has 2,170 <location> elements, three of them outside an
		// article's <locations>.
		{"GeoVirus.xml", 229, 2167, 0},
		{"TR-News.xml", 118, 1319 - 25, 30},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			corpus, err := ReadCorpus(f, c.file)
			if err != nil {
				t.Fatal(err)
			}
			gold := 0
			for _, d := range corpus.Docs {
				gold += len(d.Gold)
				text := []rune(d.Text)
				for _, g := range d.Gold {
					if string(text[g.Start:g.End]) != g.Phrase {
						t.Fatalf("doc %s: %q at %d:%d is %q", d.ID, g.Phrase, g.Start, g.End, string(text[g.Start:g.End]))
					}
				}
			}
			if len(corpus.Docs) != c.docs || corpus.Unaligned > c.maxBad || gold+corpus.Unaligned < c.gold {
				t.Errorf("%d docs, %d gold, %d unaligned", len(corpus.Docs), gold, corpus.Unaligned)
			}
			t.Logf("%s: %d docs, %d gold aligned, %d unaligned", c.file, len(corpus.Docs), gold, corpus.Unaligned)
		})
	}
}
