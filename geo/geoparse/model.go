package geoparse

//go:generate go run ./internal/modelgen -out model_gen.go ../../../shared/corpora/lgl.xml ../../../shared/corpora/TR-News.xml ../../../shared/corpora/GeoVirus.xml

import (
	"math"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// The features of a (mention, candidate) pair that the resolver scores.
// The first baseFeatures depend on the candidate alone; the others on the
// rest of the article.
const (
	fGaz         = iota // the gazetteer's own score for the match
	fPop                // log10 of the population
	fCountryKind        // a country or continent
	fAdmin1Kind         // an admin-1 region
	fCuratedKind        // a curated sea, region or landmark
	fCapital            // a national capital (0.5 for a regional one)
	fAlt                // matched by an alternate name only
	fCountry            // share of the article's other places in its country
	fAdmin1             // share of the article's other places in its admin-1 region
	fNear               // closeness to the places chosen for the other names
	fDatelineC          // the dateline's place is in its country
	fDatelineA          // the dateline's place is in its admin-1 region
	fTwinCity           // a town in an admin-1 region of the same name ("New York")
	fStateSaid          // an admin-1 region the text calls a state ("New York State")
	fAdmin1Any          // share of the article's other names with some candidate in its admin-1 region
	numFeatures
	baseFeatures = fCountry
)

// featureNames name the features in the generated model file and in
// reports.
var featureNames = [numFeatures]string{
	"gazetteer score", "log10 population", "country or continent", "admin-1 region", "curated place",
	"capital", "alternate name only", "country share", "admin-1 share", "nearness",
	"dateline country", "dateline admin-1", "town in a same-named region", "region called a state",
	"admin-1 of other names' candidates",
}

// FeatureNames returns the names of the resolver's features, in the order
// of Model.Weights.
func FeatureNames() []string { return featureNames[:] }

// nearKM is the distance scale of the nearness feature.
const nearKM = 250

// features is one candidate's feature vector.
type features [numFeatures]float64

// Model holds what the resolver learned from annotated text: the weights
// of its features (see Train) and the calibration that turns a resolver
// probability into the probability that the chosen place is within
// 161 km of the right one.
type Model struct {
	// Weights of the features; a candidate's score is their dot product
	// with its features, its probability the softmax of the scores of
	// its name's candidates.
	Weights [numFeatures]float64
	// Calibration weighs the calibration features of a choice (see
	// calFeatures): the confidence is the logistic function of their dot
	// product. All zero means uncalibrated: the confidence is the
	// resolver's probability.
	Calibration [numCal]float64
	// Spans weighs the features of a span the rules kept (see
	// spanFeaturesOf): a span whose logistic probability is under
	// SpanThreshold is not a place name. All zero keeps every span.
	Spans [numSpan]float64
	// SpanThreshold is that probability (fitted for the best F1 on the
	// training texts).
	SpanThreshold float64
}

// The calibration features of a choice.
const (
	cLogit    = iota // logit of the resolver's probability
	cBias            // 1
	cSingle          // the name has a single candidate
	cRule            // a rule chose the place ("X County", streets)
	cFixed           // a qualifier chose it ("Paris, Texas")
	cOneWord         // the name is one word
	cCands           // log(1 + number of candidates)
	cCountry         // the chosen place is a country or continent
	cAdmin1          // the chosen place is an admin-1 region
	cReach           // log2(1 + reach/161 km), the reach being the chosen place's farthest corner from its point
	cFarReach        // the chosen place reaches beyond 161 km of its point: a reader's point may lie there
	cMentions        // log of the number of mentions of the name
	numCal
)

// calibration is a choice's calibration feature vector.
type calibration [numCal]float64

// calFeatures returns the calibration features of the choice of a group
// with resolver probability p.
func calFeatures(g *group, p float64) calibration {
	var c calibration
	c[cLogit] = logit(p)
	c[cBias] = 1
	if len(g.cands) == 1 {
		c[cSingle] = 1
	}
	if g.suffix || g.street {
		c[cRule] = 1
	}
	if g.fixed {
		c[cFixed] = 1
	}
	if g.oneWord {
		c[cOneWord] = 1
	}
	c[cCands] = math.Log1p(float64(len(g.cands)))
	c[cMentions] = math.Log(float64(max(len(g.spans), 1)))
	if g.best >= 0 && g.best < len(g.cands) {
		switch g.cands[g.best].Kind {
		case gazetteer.KindCountry, gazetteer.KindContinent:
			c[cCountry] = 1
		case gazetteer.KindAdmin1:
			c[cAdmin1] = 1
		}
		r := reachKM(&g.cands[g.best].Place)
		c[cReach] = math.Log2(1 + r/rightKM)
		if r > rightKM {
			c[cFarReach] = 1
		}
	}
	return c
}

// reachKM is the distance from a place's point to the farthest corner of
// its extent, 0 for a place without one.
func reachKM(p *gazetteer.Place) float64 {
	if !p.HasExtent() {
		return 0
	}
	b := p.Bound
	r := 0.0
	for _, c := range [4]orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
		r = math.Max(r, geo.DistanceHaversine(p.Point, c)/1000)
	}
	return r
}

// score is the dot product of the weights and a feature vector.
func (m *Model) score(f *features) float64 {
	s := 0.0
	for i, v := range f {
		s += m.Weights[i] * v
	}
	return s
}

// calibrated reports whether the model has a calibration.
func (m *Model) calibrated() bool { return m.Calibration != calibration{} }

// confidence returns the calibrated confidence of the choice of a group
// with resolver probability p.
func (m *Model) confidence(g *group, p float64) float64 {
	if g.hinted {
		return 1 // the user's own choice
	}
	if !m.calibrated() {
		return p
	}
	c := calFeatures(g, p)
	s := 0.0
	for i, v := range c {
		s += m.Calibration[i] * v
	}
	return sigmoid(s)
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// logit is the inverse of sigmoid, with p kept away from 0 and 1.
func logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-6), 1-1e-6)
	return math.Log(p / (1 - p))
}

// candidateFeatures sets the context-free features of a candidate.
func candidateFeatures(c *gazetteer.Candidate, f *features) {
	f[fGaz] = c.Score
	f[fPop] = math.Log10(float64(c.Population) + 10)
	switch c.Kind {
	case gazetteer.KindCountry, gazetteer.KindContinent:
		f[fCountryKind] = 1
	case gazetteer.KindAdmin1:
		f[fAdmin1Kind] = 1
	case gazetteer.KindSettlement:
		switch c.FeatureCode {
		case "PPLC":
			f[fCapital] = 1
		case "PPLA":
			f[fCapital] = 0.5
		}
	case gazetteer.KindAdmin2:
	default:
		f[fCuratedKind] = 1 // curated seas, regions, landmarks: named on purpose
	}
	if c.Match == gazetteer.MatchAlt || c.Match == gazetteer.MatchASCII && c.Kind == gazetteer.KindSettlement {
		f[fAlt] = 1
	}
}

// base is the context-free score of a candidate.
func (m *Model) base(c *gazetteer.Candidate) float64 {
	var f features
	candidateFeatures(c, &f)
	return m.score(&f)
}

// baseScores returns the context-free scores of candidates.
func (m *Model) baseScores(cs []gazetteer.Candidate) []float64 {
	out := make([]float64, len(cs))
	for i := range cs {
		out[i] = m.base(&cs[i])
	}
	return out
}

// topIsRegion reports whether the best candidate by base score is a
// country or admin-1 region.
func (m *Model) topIsRegion(cs []gazetteer.Candidate) bool {
	if len(cs) == 0 {
		return false
	}
	b, bs := 0, m.base(&cs[0])
	for i := 1; i < len(cs); i++ {
		if s := m.base(&cs[i]); s > bs {
			b, bs = i, s
		}
	}
	return isRegion(&cs[b].Place)
}
