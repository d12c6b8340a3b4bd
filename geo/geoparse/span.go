package geoparse

import (
	"math"

	"eventmap/geo/gazetteer"
)

// The features of a candidate span that the span classifier weighs, after
// the rules have kept it: whether the run of words is a place name here
// or a person, an adjective, an organisation that the gazetteer happens to
// know by the same letters.
const (
	sBias           = iota // 1
	sSingle                // one word
	sUpper                 // written in capitals ("US", "NICE")
	sSentStart             // first word of a sentence
	sFirstName             // a common first name
	sDemonym               // an adjective or demonym ("French")
	sDemonymAdj            // a demonym before a lower-case word ("French troops")
	sRegion                // some candidate is a country or admin-1 region
	sPop                   // log10 of the largest population, over 7
	sAltOnly               // every candidate matched by an alternate name only
	sCands                 // log(1 + number of candidates), over 4
	sPlacePrep             // after a preposition of place ("in", "near", "from")
	sThe                   // after "the"
	sPoss                  // before a possessive "'s"
	sLowerElse             // the word is written in lower case elsewhere in the text
	sRepeat                // log(number of spans of the name in the text)
	sCurated               // the best candidate is a curated sea, region or landmark
	sAbbrev                // matched as an abbreviation ("Calif.", "W.Va.")
	sShort                 // at most three letters
	sAmp                   // beside an ampersand ("Kenya & Uganda"; a firm such as "Stevens & Wilkinson" is rejected before)
	sPrevContent           // after a lower-case word that is not a function word ("stabbed Welch")
	sNextContent           // before a lower-case word that is not a function word ("Welch went")
	sAdmin1Support         // a candidate is in the admin-1 region of another name's first candidate
	sCountrySupport        // a candidate is in the country of another name's first candidate
	sGeoWord               // the name has a word for a kind of place ("Sea", "River", "Lake", "Island")
	sWord                  // a common English word ("Salt", "Strong"; SCOWL's most common ten thousand)
	sWordStart             // a common English word beginning a sentence
	numSpan
)

// spanFeatureNames name the span features in the generated model file.
var spanFeatureNames = [numSpan]string{
	"bias", "one word", "capitals", "sentence start", "first name", "demonym", "demonym as adjective",
	"country or region", "log10 population", "alternate name only", "candidates",
	"after a preposition of place", "after the", "before 's", "lower case elsewhere", "repeated", "curated place",
	"abbreviation", "short", "ampersand", "after a content word", "before a content word",
	"admin-1 support", "country support", "word for a kind of place", "common word", "common word at a sentence start",
}

// geoWords are the words for kinds of natural place that names are made of.
var geoWords = set(`sea seas ocean river lake lakes bay gulf strait straits channel sound island islands isle peninsula
mountain mountains mount mt range valley canyon desert plain plains plateau forest creek falls cape coast delta basin
harbor harbour beach reef`)

// SpanFeatureNames returns the names of the span classifier's features,
// in the order of Model.Spans.
func SpanFeatureNames() []string { return spanFeatureNames[:] }

// spanFeatures is one span's feature vector.
type spanFeatures [numSpan]float64

// placePreps are the prepositions that put a place after them.
var placePreps = set(`in at from near to across outside inside into through throughout toward towards via around across between`)

// classifiable reports whether the span classifier judges a span: one the
// rules kept that no pattern ("City, State", "X County", a street, "in
// Mobile") decided.
func classifiable(s *span) bool {
	return s.reject == "" && s.qual == "" && !s.qualOf && !s.suffix && !s.street && !s.county && !s.commonTown
}

// spanFeaturesOf returns the features of the span k.
func spanFeaturesOf(toks []token, spans []span, k int, lower map[string]bool, ctx *spanContext) spanFeatures {
	var f spanFeatures
	s := &spans[k]
	first := &toks[s.ts]
	f[sBias] = 1
	single := s.te-s.ts == 1
	if single {
		f[sSingle] = 1
		if lower[first.lower] {
			f[sLowerElse] = 1
		}
		if n := len([]rune(first.text)); n <= 3 {
			f[sShort] = 1
		}
	}
	if first.upper {
		f[sUpper] = 1
	}
	if first.sentStart {
		f[sSentStart] = 1
	}
	if s.word {
		f[sWord] = 1
		if first.sentStart {
			f[sWordStart] = 1
		}
	}
	if s.firstName {
		f[sFirstName] = 1
	}
	if s.demonym {
		f[sDemonym] = 1
		if s.te < len(toks) && toks[s.te].kind == tokWord && !toks[s.te].cap {
			f[sDemonymAdj] = 1
		}
	}
	if hasRegion(s.cands) {
		f[sRegion] = 1
	}
	f[sPop] = math.Log10(float64(maxPop(s.cands))+1) / 7
	for i := range s.cands {
		// a sea, an island or a region has no population: its kind's
		// rank in the gazetteer stands for it (see gazfile.Rank)
		if c := &s.cands[i]; !populated(c.Kind) {
			f[sPop] = max(f[sPop], c.Score)
		}
	}
	alt := len(s.cands) > 0
	for i := range s.cands {
		switch s.cands[i].Match {
		case gazetteer.MatchAlt, gazetteer.MatchASCII:
		default:
			alt = false
		}
	}
	if alt {
		f[sAltOnly] = 1
	}
	if anyAbbrev(s.cands) {
		f[sAbbrev] = 1
	}
	f[sCands] = math.Log1p(float64(len(s.cands))) / 4
	if s.ts > 0 && toks[s.ts-1].kind == tokWord {
		switch pw := toks[s.ts-1].lower; {
		case placePreps[pw]:
			f[sPlacePrep] = 1
		case pw == "the":
			f[sThe] = 1
		}
	}
	if s.te-s.ts > 1 && (geoWords[first.lower] || geoWords[toks[s.te-1].lower]) {
		f[sGeoWord] = 1
	}
	if s.te < len(toks) && toks[s.te].kind == tokPoss {
		f[sPoss] = 1
	}
	if s.ts > 0 && toks[s.ts-1].text == "&" || s.te < len(toks) && toks[s.te].text == "&" {
		f[sAmp] = 1
	}
	if s.ts > 0 && contentWord(&toks[s.ts-1]) {
		f[sPrevContent] = 1
	}
	if s.te < len(toks) && contentWord(&toks[s.te]) {
		f[sNextContent] = 1
	}
	f[sRepeat] = math.Log(float64(max(ctx.counts[s.key], 1)))
	if len(s.cands) > 0 {
		switch s.cands[0].Kind {
		case gazetteer.KindCountry, gazetteer.KindContinent, gazetteer.KindAdmin1, gazetteer.KindAdmin2, gazetteer.KindSettlement:
		default:
			f[sCurated] = 1
		}
	}
	if len(s.cands) > 0 {
		own := &s.cands[0]
		for i := range s.cands[:min(len(s.cands), supportCands)] {
			c := &s.cands[i]
			a, n := [2]string{c.Country, c.Admin1}, [2]string{c.Country, ""}
			na, nc := ctx.regions[a], ctx.regions[n]
			if c.Admin1 != "" && own.Country == c.Country && own.Admin1 == c.Admin1 {
				na--
			}
			if own.Country == c.Country {
				nc--
			}
			if c.Admin1 != "" && na > 0 {
				f[sAdmin1Support] = 1
			}
			if c.Country != "" && nc > 0 {
				f[sCountrySupport] = 1
			}
		}
	}
	return f
}

// supportCands is how many of a span's candidates the support features
// look at.
const supportCands = 10

// spanContext is what the kept spans of a text say about each one: how
// many spans each name has, and how many distinct names have their first
// candidate in each admin-1 region ({country, admin-1}) and country
// ({country, ""}).
type spanContext struct {
	counts  map[string]int
	regions map[[2]string]int
}

// newSpanContext returns the span context of the kept spans.
func newSpanContext(spans []span) *spanContext {
	ctx := &spanContext{counts: make(map[string]int, len(spans)), regions: make(map[[2]string]int, len(spans))}
	for i := range spans {
		s := &spans[i]
		if s.reject != "" {
			continue
		}
		ctx.counts[s.key]++
		if ctx.counts[s.key] > 1 || len(s.cands) == 0 {
			continue
		}
		c := &s.cands[0]
		if c.Admin1 != "" {
			ctx.regions[[2]string{c.Country, c.Admin1}]++
		}
		ctx.regions[[2]string{c.Country, ""}]++
	}
	return ctx
}

// spanned reports whether the model has a span classifier.
func (m *Model) spanned() bool { return m.Spans != spanFeatures{} }

// spanProb is the span classifier's probability that a span with features
// f is a place name.
func (m *Model) spanProb(f *spanFeatures) float64 {
	s := 0.0
	for i, v := range f {
		s += m.Spans[i] * v
	}
	return sigmoid(s)
}

// classifySpans hands the features of every span the classifier judges
// to visit, with its index.
func classifySpans(toks []token, spans []span, lower map[string]bool, visit func(k int, f *spanFeatures)) {
	ctx := newSpanContext(spans)
	for k := range spans {
		if !classifiable(&spans[k]) {
			continue
		}
		f := spanFeaturesOf(toks, spans, k, lower, ctx)
		visit(k, &f)
	}
}

// fitLogistic fits the weights of a logistic regression of the outcomes
// on the rows of xs (all of one length), starting from w, by full-batch
// gradient descent with Adam steps and a ridge penalty l2.
func fitLogistic(xs [][]float64, right []bool, w []float64, epochs int, l2 float64) []float64 {
	if len(xs) == 0 {
		return w
	}
	mom, vel, grad := make([]float64, len(w)), make([]float64, len(w)), make([]float64, len(w))
	n := float64(len(xs))
	for ep := 1; ep <= epochs; ep++ {
		clear(grad)
		for i, x := range xs {
			s := 0.0
			for k, v := range x {
				s += w[k] * v
			}
			d := sigmoid(s)
			if right[i] {
				d--
			}
			for k, v := range x {
				grad[k] += d * v
			}
		}
		adamStep(w, grad, mom, vel, n, l2, ep)
	}
	return w
}

// adamStep moves the weights w by one Adam step (rate 0.05, β 0.9 and
// 0.999) along grad, the gradient summed over n examples, with a ridge
// penalty l2; mom and vel are the moments kept between steps, ep the
// step's number from 1.
func adamStep(w, grad, mom, vel []float64, n, l2 float64, ep int) {
	const (
		rate  = 0.05
		beta1 = 0.9
		beta2 = 0.999
	)
	for k := range grad {
		g := grad[k]/n + l2*w[k]
		mom[k] = beta1*mom[k] + (1-beta1)*g
		vel[k] = beta2*vel[k] + (1-beta2)*g*g
		mh := mom[k] / (1 - math.Pow(beta1, float64(ep)))
		vh := vel[k] / (1 - math.Pow(beta2, float64(ep)))
		w[k] -= rate * mh / (math.Sqrt(vh) + 1e-8)
	}
}

// contentWord reports whether a token is a lower-case word that is not a
// function word nor a preposition of place.
func contentWord(t *token) bool {
	return t.kind == tokWord && !t.cap && !functionWords[t.lower] && !placePreps[t.lower] && !connectors[t.lower]
}

// populated reports whether places of a kind have a population in the
// gazetteer.
func populated(k gazetteer.Kind) bool {
	switch k {
	case gazetteer.KindSettlement, gazetteer.KindAdmin1, gazetteer.KindAdmin2, gazetteer.KindCountry, gazetteer.KindContinent:
		return true
	}
	return false
}
