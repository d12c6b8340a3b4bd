package geoparse

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"eventmap/geo/gazetteer"
)

// TestSpanFeatures checks the context features of spans in sentences
// written for each.
func TestSpanFeatures(t *testing.T) {
	p := testParser()
	cases := []struct {
		text, name string
		feature    int
		want       float64
	}{
		{"French troops crossed the border.", "French", sDemonymAdj, 1},
		{"The French, who won, cheered.", "French", sDemonymAdj, 0},
		{"Police said a man visited Welch on Monday.", "Welch", sPrevContent, 1},
		{"Police said a man died in Welch on Monday.", "Welch", sPrevContent, 0},
		{"Police said a man died in Welch on Monday.", "Welch", sPlacePrep, 1},
		{"Exports from Kenya & Uganda rose.", "Kenya", sAmp, 1}, // (firms such as "Stevens & Wilkinson" are rejected before)
		{"Rain fell on Boston. Later, the boston-style crowd cheered.", "Boston", sLowerElse, 1},
		{"The mayor of Springfield met the Illinois governor.", "Springfield", sAdmin1Support, 1},
		{"The mayor of Springfield met the Illinois governor.", "Springfield", sCountrySupport, 1},
		{"Kenya and Uganda signed a treaty.", "Kenya", sRegion, 1},
		{"Kenya and Uganda signed a treaty.", "Kenya", sSingle, 1},
		{"Police in Lake Forest closed the road.", "Lake Forest", sGeoWord, 1},
		{"Kenya and Uganda signed a treaty.", "Kenya", sGeoWord, 0},
		{"Salt trucks cleared the roads.", "Salt", sWord, 1},
		{"Salt trucks cleared the roads.", "Salt", sWordStart, 1},
		{"Trucks went from Salt to the coast.", "Salt", sWordStart, 0},
		{"Trucks went from Salt to the coast.", "Salt", sWord, 1},
		{"Trucks went from Kenya to the coast.", "Kenya", sWord, 0},
	}
	for _, c := range cases {
		f := judgedFeatures(t, p, c.text, c.name)
		if f != nil && f[c.feature] != c.want {
			t.Errorf("%q: %s of %q = %v, want %v", c.text, spanFeatureNames[c.feature], c.name, f[c.feature], c.want)
		}
	}
}

// judgedFeatures returns the features the span classifier judges the name
// by in text, or nil (reported) when the name is not a span it judges.
func judgedFeatures(t *testing.T, p *Parser, text, name string) *spanFeatures {
	t.Helper()
	rs := []rune(text)
	toks := tokenize(rs)
	spans, err := p.candidateSpans(rs, toks, &lookupCache{g: p.g, m: map[string][]gazetteer.Candidate{}})
	if err != nil {
		t.Fatal(err)
	}
	lower := lowerWords(toks)
	p.applyRules(toks, spans, lower)
	start := len([]rune(text[:strings.Index(text, name)]))
	var got *spanFeatures
	classifySpans(toks, spans, lower, func(k int, f *spanFeatures) {
		if spans[k].start == start {
			c := *f
			got = &c
		}
	})
	if got == nil {
		t.Errorf("%q: %q is not a span the classifier judges", text, name)
	}
	return got
}

// TestFitLogistic draws outcomes from a known logistic model and checks
// that the fit recovers its weights.
func TestFitLogistic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	truth := []float64{-0.5, 2, -1.5}
	var xs [][]float64
	var ys []bool
	for range 6000 {
		x := []float64{1, rng.Float64()*2 - 1, float64(rng.IntN(2))}
		s := 0.0
		for k, v := range x {
			s += truth[k] * v
		}
		xs = append(xs, x)
		ys = append(ys, rng.Float64() < sigmoid(s))
	}
	w := fitLogistic(xs, ys, make([]float64, 3), 800, 1e-5)
	for k := range truth {
		if math.Abs(w[k]-truth[k]) > 0.25 {
			t.Errorf("weight %d = %.2f, want about %.2f", k, w[k], truth[k])
		}
	}
}

// TestSpanThreshold checks that the threshold keeps the spans whose
// probability makes them worth keeping for F1.
func TestSpanThreshold(t *testing.T) {
	var m Model
	m.Spans[sBias] = 1 // probability 0.73 with the bias alone
	m.Spans[sFirstName] = -3
	ss := &spanSet{gold: 10}
	for i := range 10 { // annotated, not first names: probability 0.73
		ss.xs = append(ss.xs, make([]float64, numSpan))
		ss.xs[i][sBias] = 1
		ss.ys = append(ss.ys, true)
	}
	for range 10 { // first names, not annotated: probability 0.12
		x := make([]float64, numSpan)
		x[sBias], x[sFirstName] = 1, 1
		ss.xs = append(ss.xs, x)
		ss.ys = append(ss.ys, false)
	}
	var c thresholdCounts
	ss.count(&m, &c)
	if th := c.best(); th <= 0.12 || th > 0.73 {
		t.Errorf("threshold %.2f, want one between the two probabilities", th)
	}
}

// TestSpanThresholdPlateau: a lone peak of F1 beside a broad plateau
// scarcely lower is noise; the threshold is the plateau's lowest, which
// keeps the most places of the thresholds as good.
func TestSpanThresholdPlateau(t *testing.T) {
	var c thresholdCounts
	c.gold = 1000
	for i := range numThresholds {
		c.pred[i], c.right[i] = 1000, 800 // F1 0.80
	}
	for i := 20; i <= 28; i++ { // thresholds 0.525 to 0.725: F1 0.90
		c.right[i] = 900
	}
	c.right[5] = 905 // threshold 0.15 alone: F1 0.905
	// averaged over five neighbours the plateau is flat from 0.575 to
	// 0.675 and the peak is gone
	if th := c.best(); math.Abs(th-0.575) > 1e-9 {
		t.Errorf("threshold %v, want 0.575, the plateau's lowest", th)
	}
}

// TestPopulationOfUnpeopledKinds: a strait, a sea or an island has no
// population in the gazetteer; its kind's rank stands for it, so the
// classifier does not take "the Bosphorus" for a hamlet.
func TestPopulationOfUnpeopledKinds(t *testing.T) {
	p := testParser()
	for _, c := range []struct{ text, name string }{
		{"The palace stands on the shore of the Bosphorus.", "Bosphorus"},
		{"Rescuers reached the island of Lombok by boat.", "Lombok"},
	} {
		if f := judgedFeatures(t, p, c.text, c.name); f != nil && f[sPop] < 0.8 {
			t.Errorf("%q: population feature %.2f, want the rank of its kind (about 1)", c.name, f[sPop])
		}
	}
}
