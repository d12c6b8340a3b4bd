package geoparse

import (
	"math"
	"slices"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
)

// group is every kept span of one name in a document: one sense per name
// per article.
type group struct {
	key    string
	spans  []int // indexes into the spans
	cands  []gazetteer.Candidate
	scores []float64
	best   int     // index of the chosen candidate, -1 when none
	conf   float64 // confidence of the choice
	fixed  bool    // a qualifier decided it
	bare   bool    // its candidates are counties named without "County"
	suffix bool
	street bool
	qualA  [2]string // country and admin-1 code of a "X County, State" qualifier
	// oneWord is set when every span of the name is a single word.
	oneWord bool
}

// A single word that names a town found only by one of its alternate
// names, under weakAltPopulation, or a village under weakPopulation,
// needs the article's support (see resolve).
const (
	weakAltPopulation = 200_000
	weakPopulation    = 5_000
)

// weights are the weights of the resolution features.
type weights struct {
	country     float64 // share of the article's evidence for the candidate's country
	admin1      float64 // share for its admin-1 region
	near        float64 // closeness to the other places of the article
	nearKM      float64 // distance scale of the closeness feature
	alt         float64 // penalty for a match on an alternate name only
	gaz         float64 // the gazetteer's own score
	pop         float64 // per factor of ten of population
	countryKind float64 // a country or continent
	admin1Kind  float64 // an admin-1 region or a curated place
	capital     float64 // a national capital (half for a regional one)
	dateline    float64 // extra weight of the dateline's place
	// priorCountry and priorAdmin1 weigh the shares of the source's
	// prior (see Prior).
	priorCountry, priorAdmin1 float64
}

// defaultWeights are the weights tuned on the evaluation corpora.
func defaultWeights() weights {
	return weights{
		country: 0.9, admin1: 0.8, near: 0.5, nearKM: 250, alt: 0.15, gaz: 0.4, pop: 0.1,
		countryKind: 0.3, admin1Kind: 0.25, capital: 0.1, dateline: 0.8,
		priorCountry: 0.3, priorAdmin1: 1.2,
	}
}

const (
	temper     = 6.0 // sharpness of the confidence softmax
	iterations = 3   // rounds of resolution in context
)

// resolve chooses a place for every group.
func (p *Parser) resolve(groups []*group, dateline int) {
	// candidate scores start from the gazetteer's own ranking
	for _, g := range groups {
		g.scores = p.w.baseScores(g.cands)
		if !g.fixed {
			g.best = -1
		}
	}
	// context weights from a distribution over each group's candidates
	type ctx struct {
		country map[string]float64
		admin1  map[string]float64
		total   float64
	}
	contrib := func(g *group) (map[string]float64, map[string]float64) {
		cw, aw := map[string]float64{}, map[string]float64{}
		if len(g.cands) == 0 || g.suffix {
			return cw, aw
		}
		var probs []float64
		if g.best >= 0 {
			probs = make([]float64, len(g.cands))
			probs[g.best] = 1
		} else {
			probs = softmax(p.w.baseScores(g.cands), temper)
		}
		n := math.Min(float64(len(g.spans)), 3)
		for i, c := range g.cands {
			w := probs[i] * n
			if isRegion(&c.Place) {
				w *= 1.5
			}
			if g.suffix {
				w *= 1.5
			}
			if c.Country != "" {
				cw[c.Country] += w
			}
			if c.Admin1 != "" && c.Kind != gazetteer.KindCountry {
				aw[c.Country+"."+c.Admin1] += w
			}
		}
		return cw, aw
	}
	for it := 0; it < iterations; it++ {
		// gather the context of the whole article
		cws := make([]map[string]float64, len(groups))
		aws := make([]map[string]float64, len(groups))
		all := ctx{country: map[string]float64{}, admin1: map[string]float64{}}
		for gi, g := range groups {
			cws[gi], aws[gi] = contrib(g)
			f := 1.0
			if dateline >= 0 && slices.Contains(g.spans, dateline) {
				f += p.w.dateline
			}
			for k, v := range cws[gi] {
				all.country[k] += v * f
			}
			for k, v := range aws[gi] {
				all.admin1[k] += v * f
			}
			all.total += math.Min(float64(len(g.spans)), 3) * f
		}
		for gi, g := range groups {
			if len(g.cands) == 0 || g.fixed {
				continue
			}
			others := all.total - math.Min(float64(len(g.spans)), 3)
			for i := range g.cands {
				c := &g.cands[i]
				s := p.w.base(c)
				if others > 0 {
					s += p.w.country * (all.country[c.Country] - cws[gi][c.Country]) / others
					if c.Admin1 != "" {
						a := c.Country + "." + c.Admin1
						s += p.w.admin1 * (all.admin1[a] - aws[gi][a]) / others
					}
				}
				if p.prior != nil {
					pc, pa := p.prior.shares(c.Country, c.Admin1)
					s += p.w.priorCountry*pc + p.w.priorAdmin1*pa
				}
				if it > 0 {
					s += p.w.near * nearness(c, groups, g, p.w.nearKM)
				}
				g.scores[i] = s
			}
			probs := softmax(g.scores, temper)
			b := 0
			for i := range probs {
				if probs[i] > probs[b] {
					b = i
				}
			}
			g.best, g.conf = b, probs[b]
			if it == iterations-1 && weakAlt(g, b) {
				// One word matching a small town only by one of its many
				// alternate names ("Moon" for Moon-sur-Elle, "Twin" for
				// Thuin), or a village abroad ("Mining", Austria), is
				// usually an ordinary word or a name: keep it only when the
				// rest of the article is in the town's country.
				c := &g.cands[b]
				if others <= 0 || all.country[c.Country]-cws[gi][c.Country] <= 0 {
					g.best = -1
				}
			}
			if it == iterations-1 && g.bare {
				// a county's bare name ("Oconee") is a place only where the
				// rest of the article is in its state
				c := &g.cands[b]
				a := c.Country + "." + c.Admin1
				if others <= 0 || all.admin1[a]-aws[gi][a] <= 0 {
					g.best = -1
				}
			}
		}
	}
}

// weakAlt reports whether a group's chosen candidate b, from single
// words, is a small town matched by an alternate name only, or a village.
func weakAlt(g *group, b int) bool {
	c := &g.cands[b]
	if !g.oneWord || c.Kind != gazetteer.KindSettlement || c.User {
		return false
	}
	return c.Match == gazetteer.MatchAlt && c.Population < weakAltPopulation || c.Population < weakPopulation
}

// bareCounties reports whether every candidate is a county matched only
// by its bare name ("Oconee" for Oconee County). Such a name is kept only
// when the article is about the county's state (see resolve); a name that
// also matches a town keeps both, the lookup ranking the town first.
func bareCounties(cs []gazetteer.Candidate) bool {
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if c.Kind != gazetteer.KindAdmin2 || c.Match == gazetteer.MatchName || c.Match == gazetteer.MatchASCII {
			return false
		}
	}
	return true
}

// nearness is how close a candidate is to the places chosen for the
// other groups: exp(-d/nearKM) of the nearest one, where d is measured
// between the nearest points of the two places' extents (0 when one lies
// inside the other).
func nearness(c *gazetteer.Candidate, groups []*group, self *group, nearKM float64) float64 {
	minD := math.Inf(1)
	for _, g := range groups {
		if g == self || g.best < 0 || g.suffix {
			continue
		}
		o := &g.cands[g.best]
		if o.ID == c.ID || o.Kind == gazetteer.KindContinent {
			continue
		}
		minD = math.Min(minD, approxKM(clamp(c.Point, o.Bound), clamp(o.Point, c.Bound)))
	}
	if math.IsInf(minD, 1) {
		return 0
	}
	return math.Exp(-minD / nearKM)
}

// approxKM is the equirectangular approximation of the distance between
// two points: close to the great-circle distance at the scale of a
// region, and cheap.
func approxKM(a, b orb.Point) float64 {
	const kmPerDeg = 111.195
	dlon := math.Abs(a[0] - b[0])
	if dlon > 180 {
		dlon = 360 - dlon
	}
	x := dlon * math.Cos((a[1]+b[1])/2*math.Pi/180)
	y := a[1] - b[1]
	return kmPerDeg * math.Sqrt(x*x+y*y)
}

// clamp returns the point of b nearest to p (p itself when inside).
func clamp(p orb.Point, b orb.Bound) orb.Point {
	if b.IsEmpty() && b.Min == (orb.Point{}) && b.Max == (orb.Point{}) {
		return p
	}
	return orb.Point{math.Max(b.Min[0], math.Min(b.Max[0], p[0])), math.Max(b.Min[1], math.Min(b.Max[1], p[1]))}
}

func (w *weights) baseScores(cs []gazetteer.Candidate) []float64 {
	out := make([]float64, len(cs))
	for i := range cs {
		out[i] = w.base(&cs[i])
	}
	return out
}

// base is the context-free score of a candidate: the gazetteer's score,
// its population and its kind, less a penalty for a match on an
// alternate name only.
func (w *weights) base(c *gazetteer.Candidate) float64 {
	s := w.gaz*c.Score + w.pop*math.Log10(float64(c.Population)+10)
	switch c.Kind {
	case gazetteer.KindCountry, gazetteer.KindContinent:
		s += w.countryKind
	case gazetteer.KindAdmin1:
		s += w.admin1Kind
	case gazetteer.KindSettlement:
		switch c.FeatureCode {
		case "PPLC":
			s += w.capital
		case "PPLA":
			s += w.capital / 2
		}
	default:
		s += w.admin1Kind // curated seas, regions, landmarks: named on purpose
	}
	if c.Match == gazetteer.MatchAlt || c.Match == gazetteer.MatchASCII && c.Kind == gazetteer.KindSettlement {
		s -= w.alt
	}
	return s
}

// softmax turns scores into probabilities with the given sharpness.
func softmax(s []float64, k float64) []float64 {
	out := make([]float64, len(s))
	if len(s) == 0 {
		return out
	}
	m := slices.Max(s)
	sum := 0.0
	for i, v := range s {
		out[i] = math.Exp(k * (v - m))
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
