package geoparse

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
)

// TestFitRanker draws names whose right candidate follows a known
// conditional logit model and checks that the fit recovers its weights.
func TestFitRanker(t *testing.T) {
	var truth [numFeatures]float64
	truth[fPop], truth[fAlt], truth[fCountry] = 1.5, -2, 3
	rng := rand.New(rand.NewPCG(1, 2))
	sets := make([]rankingSet, 4000)
	for i := range sets {
		fs := make([]features, 2+rng.IntN(4))
		probs := make([]float64, len(fs))
		sum := 0.0
		for j := range fs {
			fs[j][fPop] = rng.Float64() * 3
			if rng.IntN(3) == 0 {
				fs[j][fAlt] = 1
			}
			fs[j][fCountry] = rng.Float64()
			probs[j] = math.Exp(dot(&truth, &fs[j]))
			sum += probs[j]
		}
		u, right := rng.Float64()*sum, 0
		for right < len(fs)-1 && u > probs[right] {
			u -= probs[right]
			right++
		}
		sets[i] = rankingSet{fs: fs, right: right}
	}
	w := fitRanker(sets, [numFeatures]float64{}, 600, 1e-5)
	for _, k := range []int{fPop, fAlt, fCountry} {
		if math.Abs(w[k]-truth[k]) > 0.35 {
			t.Errorf("weight of %s = %.2f, want about %.2f", featureNames[k], w[k], truth[k])
		}
	}
	for k := range w {
		if truth[k] == 0 && math.Abs(w[k]) > 0.2 {
			t.Errorf("weight of unused feature %s = %.2f", featureNames[k], w[k])
		}
	}
}

// TestFitCalibration draws outcomes with known probabilities and checks
// that the fitted calibration gives them back.
func TestFitCalibration(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var xs []calibration
	var right []bool
	for range 6000 {
		p := 0.05 + 0.9*rng.Float64()
		var c calibration
		c[cLogit], c[cBias] = logit(p), 1
		// an overconfident resolver: the truth is p squeezed to the middle
		q := sigmoid(0.5 * logit(p))
		xs = append(xs, c)
		right = append(right, rng.Float64() < q)
	}
	w := fitCalibration(xs, right)
	if math.Abs(w[cLogit]-0.5) > 0.1 || math.Abs(w[cBias]) > 0.1 {
		t.Errorf("calibration %.3f·logit + %.3f, want 0.5·logit + 0", w[cLogit], w[cBias])
	}
	if got := fitCalibration(nil, nil); got[cLogit] != 1 || got[cBias] != 0 {
		t.Errorf("empty fit %v, want the identity", got)
	}
}

// TestTrain trains on a few texts whose names have several candidates:
// the model must pick the annotated senses, and give confidences in
// (0, 1).
func TestTrain(t *testing.T) {
	docs := trainingTexts()
	g := testParser().g
	m, err := Train(context.Background(), g, Options{}, docs, TrainOptions{Rounds: 1, Epochs: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !m.calibrated() {
		t.Error("the model has no calibration")
	}
	p := New(g, Options{Model: m})
	for _, d := range docs {
		res, err := p.Parse(context.Background(), d.Text, d.Date)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, mn := range res.Mentions {
			if mn.Start == d.Gold[0].Start {
				found = true
				if mn.Confidence <= 0 || mn.Confidence >= 1 {
					t.Errorf("%s: confidence %v", mn.Text, mn.Confidence)
				}
			}
		}
		if !found {
			t.Errorf("%q: the annotated name was not found", d.Text)
		}
	}
	if _, err := Train(context.Background(), g, Options{}, []Example{{Text: "Nothing here."}}, TrainOptions{}); !errors.Is(err, ErrNoExamples) {
		t.Errorf("training on no annotation: error %v, want ErrNoExamples", err)
	}
}

// trainingTexts are a few annotated texts whose names have several
// candidates.
func trainingTexts() []Example {
	ex := func(text, name string, lat, lon float64) Example {
		i := strings.Index(text, name)
		s := len([]rune(text[:i]))
		return Example{Text: text, Gold: []GoldPlace{{Start: s, End: s + len([]rune(name)), Point: orb.Point{lon, lat}}}}
	}
	return []Example{
		ex("The mayor of Springfield resigned on Monday, Illinois officials said.", "Springfield", 39.80, -89.64),
		ex("Floods closed roads in Portland, the Oregon governor said.", "Portland", 45.52, -122.68),
		ex("Police in Birmingham, across Alabama, made arrests.", "Birmingham", 33.52, -86.80),
		ex("Voters in Paris went to the polls as France chose a president.", "Paris", 48.85, 2.35),
	}
}

// TestTrainStartsFromSeed checks that training without a model starts
// from SeedModel and reads nothing of the embedded model, which was
// trained on the evaluation corpora: leave-one-corpus-out folds must not
// start from weights that saw the held-out corpus. The run from the
// embedded model must differ, or the comparison proves nothing.
func TestTrainStartsFromSeed(t *testing.T) {
	g := testParser().g
	docs := trainingTexts()
	topt := TrainOptions{Rounds: 1, Epochs: 50}
	train := func(m *Model) Model {
		t.Helper()
		got, err := Train(t.Context(), g, Options{Model: m}, docs, topt)
		if err != nil {
			t.Fatal(err)
		}
		return *got
	}
	seed, def := SeedModel(), DefaultModel()
	fromNil, fromSeed, fromDefault := train(nil), train(&seed), train(&def)
	if fromNil != fromSeed {
		t.Errorf("training without a model does not start from SeedModel:\n nil  %v\n seed %v", fromNil.Weights, fromSeed.Weights)
	}
	if fromNil == fromDefault {
		t.Error("training from the embedded model gives the same model as from the seed: the test cannot tell them apart")
	}
	if seed != SeedModel() || def != DefaultModel() {
		t.Error("Train changed the model it was given")
	}
}

// TestSeedModel checks that the seed model is the plain prior it is
// documented to be: only the gazetteer's score weighs, no calibration, no
// span classifier, and it picks the most important place of a name.
func TestSeedModel(t *testing.T) {
	m := SeedModel()
	for k, w := range m.Weights {
		if k == fGaz && w <= 0 || k != fGaz && w != 0 {
			t.Errorf("seed weight of %s = %v", featureNames[k], w)
		}
	}
	if m.calibrated() || m.spanned() {
		t.Error("the seed model has a calibration or a span classifier")
	}
	p := New(testParser().g, Options{Model: &m})
	res, err := p.Parse(t.Context(), "Voters in Paris went to the polls.", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Mentions) != 1 || res.Mentions[0].Place.Country != "FR" {
		t.Errorf("seed model: Paris gives %+v, want the French capital", res.Mentions)
	}
}

// TestCalibrationReach checks the calibration features of the extent of
// the chosen place: none for a town, a far reach for a country.
func TestCalibrationReach(t *testing.T) {
	town := gazetteer.Place{Name: "Town", Kind: gazetteer.KindSettlement, Point: orb.Point{10, 50}, Bound: orb.Bound{Min: orb.Point{10, 50}, Max: orb.Point{10, 50}}}
	country := gazetteer.Place{Name: "Land", Kind: gazetteer.KindCountry, Point: orb.Point{10, 50}, Bound: orb.Bound{Min: orb.Point{5, 45}, Max: orb.Point{15, 55}}}
	small := gazetteer.Place{Name: "Isle", Kind: gazetteer.KindAdmin1, Point: orb.Point{10, 50}, Bound: orb.Bound{Min: orb.Point{9.9, 49.9}, Max: orb.Point{10.1, 50.1}}}
	for _, c := range []struct {
		p               gazetteer.Place
		minReach, maxKM float64
		far             float64
	}{
		{town, 0, 0, 0},
		{small, 0.05, 20, 0},
		{country, 1.5, 800, 1},
	} {
		g := &group{cands: []gazetteer.Candidate{{Place: c.p}}, best: 0}
		f := calFeatures(g, 0.9)
		if r := reachKM(&c.p); r > c.maxKM || c.maxKM > 0 && r < c.maxKM/4 {
			t.Errorf("%s: reach %.0f km, want at most %.0f", c.p.Name, r, c.maxKM)
		}
		if f[cReach] < c.minReach || c.minReach == 0 && f[cReach] != 0 && c.maxKM == 0 {
			t.Errorf("%s: reach feature %.2f, want at least %.2f", c.p.Name, f[cReach], c.minReach)
		}
		if f[cFarReach] != c.far {
			t.Errorf("%s: far reach %v, want %v", c.p.Name, f[cFarReach], c.far)
		}
	}
	g := &group{cands: []gazetteer.Candidate{{Place: town}}, best: 0, spans: []int{0, 4, 9}}
	if f := calFeatures(g, 0.9); math.Abs(f[cMentions]-math.Log(3)) > 1e-9 {
		t.Errorf("mentions feature %v for three mentions, want log 3", f[cMentions])
	}
}

// TestCalibrationAgreement checks the calibration features of a choice's
// agreement with the article's other places: the share of the other names
// placed in its country, or "alone" when there is nothing to compare.
func TestCalibrationAgreement(t *testing.T) {
	in := func(cc string) *group {
		return &group{cands: []gazetteer.Candidate{{Place: gazetteer.Place{Name: "P" + cc, Kind: gazetteer.KindSettlement, Country: cc}}}, best: 0}
	}
	none := &group{cands: []gazetteer.Candidate{{Place: gazetteer.Place{Name: "Pacific Ocean", Kind: gazetteer.KindOcean}}}, best: 0}
	unresolved := &group{cands: []gazetteer.Candidate{{Place: gazetteer.Place{Country: "AU"}}}, best: -1}
	au, ca1, ca2, ca3 := in("AU"), in("CA"), in("CA"), in("CA")
	agreement([]*group{au, ca1, ca2, ca3, none, unresolved})
	for _, c := range []struct {
		name         string
		g            *group
		agree, alone float64
	}{
		{"the one Australian town among Canadian ones", au, 0, 0},
		{"a Canadian town among Canadian ones", ca1, 2.0 / 3, 0},
		{"an ocean", none, 0, 1},
	} {
		f := calFeatures(c.g, 0.9)
		if math.Abs(f[cAgree]-c.agree) > 1e-9 || f[cAlone] != c.alone {
			t.Errorf("%s: agreement %.3f, alone %v; want %.3f, %v", c.name, f[cAgree], f[cAlone], c.agree, c.alone)
		}
	}
	single := in("CA")
	agreement([]*group{single, none})
	if f := calFeatures(single, 0.9); f[cAlone] != 1 {
		t.Errorf("the only place with a country: alone %v, want 1", f[cAlone])
	}
}
