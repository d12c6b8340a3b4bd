package geoparse

import (
	"math"
	"slices"
	"strings"

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
	fixed  bool    // a qualifier or a hint decided it
	hinted bool    // the user's store decided it (see Hints)
	bare   bool    // its candidates are counties named without "County"
	suffix bool
	street bool
	qualA  [2]string // country and admin-1 code of a "X County, State" qualifier
	// townAfter is, for a street, the span of the town the text puts it
	// in ("Cooper Street in Arlington"), 0 when none.
	townAfter int
	// oneWord is set when every span of the name is a single word.
	oneWord bool
	state   bool // the text calls it a state
	town    bool // the text calls it a town
	// landform is set when a span of the name is followed by a word for
	// a landform ("the Noto peninsula").
	landform bool
	// school is set when every span of the name is followed by a
	// school's or a business's word ("Lipscomb University").
	school bool
	// notFirstName is set when a span of the name is not a lone first
	// name, or follows a preposition of place ("near Sylvester").
	notFirstName bool
	// qualifier is set when a span of the name qualifies the one before
	// ("Albany, New York").
	qualifier bool
	// listed is set when a span of the name is listed beside a region
	// ("Missouri, New York and Virginia").
	listed bool
	// statesOf is the country of an admin-1 region a span of the name is
	// listed beside ("Utah, Washington and Wisconsin"), "" when none is.
	statesOf string
	// amongCountries is set when a span of the name is listed beside a
	// country ("Mali, Burkina Faso and Niger").
	amongCountries bool
	generic        bool // a direction and a generic noun ("West Coast")
	// agree is the share of the article's other chosen places (one per
	// name) in the country of this name's, -1 when there is nothing to
	// compare (see agreement).
	agree float64
	// seen is, per candidate, the share of the source's earlier articles
	// that gave the name that place (see Hints.Seen); nil when none did.
	seen []float64
}

// A single word that names a town found only by one of its alternate
// names, under weakAltPopulation, or a village under weakPopulation,
// needs the article's support (see resolve).
const (
	weakAltPopulation = 200_000
	weakPopulation    = 5_000
)

// iterations is the number of rounds of resolution in context.
const iterations = 3

// resolve chooses a place for every group. rec, when set, receives in the
// last round the features of the candidates of every group the context
// decides (for training).
func (p *Parser) resolve(groups []*group, dateline int, rec func(g *group, fs []features)) {
	m := p.model
	dl := -1 // the dateline's group
	maxC := 0
	for gi, g := range groups {
		g.scores = m.baseScores(g.cands)
		if !g.fixed {
			g.best = -1
		}
		if dateline >= 0 && slices.Contains(g.spans, dateline) {
			dl = gi
		}
		maxC = max(maxC, len(g.cands))
	}
	var fs []features // the features of a group's candidates, for rec
	if rec != nil {
		fs = make([]features, maxC)
	}
	// context weights from a distribution over each group's candidates
	type ctx struct {
		country map[string]float64
		admin1  map[string]float64
		total   float64
	}
	// contrib returns in cw and aw (reused) what a group gives the
	// context: its chosen place, or its candidates weighed by their
	// probability, by country and by admin-1 key (keys: the candidates').
	contrib := func(g *group, keys []string, cw, aw shares) (shares, shares) {
		cw, aw = cw[:0], aw[:0]
		if len(g.cands) == 0 || g.suffix {
			return cw, aw
		}
		var probs []float64
		if g.best < 0 {
			probs = softmax(g.scores)
		}
		n := math.Min(float64(len(g.spans)), 3)
		for i := range g.cands {
			c := &g.cands[i]
			w := n
			switch {
			case probs != nil:
				w *= probs[i]
			case i != g.best:
				continue
			}
			if isRegion(&c.Place) {
				w *= 1.5
			}
			if c.Country != "" {
				cw = cw.add(c.Country, w)
			}
			if keys[i] != "" && c.Kind != gazetteer.KindCountry {
				aw = aw.add(keys[i], w)
			}
		}
		return cw, aw
	}
	// how many names have some candidate in each admin-1 region: a
	// namesake ("Paris" and "Henry County", Tennessee) is where the
	// others could be, whichever sense the ranker favours for them
	anyA := map[[2]string][2]int{} // names with a candidate there, and the last of them (1-based)
	named := 0
	for gi, g := range groups {
		if len(g.cands) > 0 {
			named++
		}
		for i := range g.cands {
			c := &g.cands[i]
			if c.Admin1 == "" || c.Kind == gazetteer.KindCountry {
				continue
			}
			if k := [2]string{c.Country, c.Admin1}; anyA[k][1] != gi+1 {
				anyA[k] = [2]int{anyA[k][0] + 1, gi + 1}
			}
		}
	}
	cws := make([]shares, len(groups))
	aws := make([]shares, len(groups))
	// the part of each candidate's score that the context does not change,
	// and the key of its admin-1 region, computed once
	total := 0
	for _, g := range groups {
		total += len(g.cands)
	}
	inside := countyTowns(groups, total)
	staticAll, keysAll := make([]float64, total), make([]string, total)
	static, akeys := make([][]float64, len(groups)), make([][]string, len(groups))
	ins := make([][]bool, len(groups)) // each group's part of inside
	for gi, g := range groups {
		n := len(g.cands)
		static[gi], akeys[gi] = staticAll[:n:n], keysAll[:n:n]
		staticAll, keysAll = staticAll[n:], keysAll[n:]
		if inside != nil {
			ins[gi], inside = inside[:n:n], inside[n:]
		}
		for i := range g.cands {
			c := &g.cands[i]
			if c.Admin1 != "" {
				akeys[gi][i] = c.Country + "." + c.Admin1
			}
			if !g.fixed {
				var f features
				staticFeatures(g, i, named, ins[gi], anyA, &f)
				static[gi][i] = m.score(&f)
			}
		}
	}
	near := neighbours(groups)
	var localC, localA shares // what each group's neighbours give, reused
	w := &m.Weights
	var as []anchor
	anchorOf := make([]int, len(groups)) // each group's anchor in as, -1 for none
	all := ctx{country: map[string]float64{}, admin1: map[string]float64{}}
	for it := 0; it < iterations; it++ {
		// gather the context of the whole article
		clear(all.country)
		clear(all.admin1)
		all.total = 0
		for gi, g := range groups {
			cws[gi], aws[gi] = contrib(g, akeys[gi], cws[gi], aws[gi])
			for _, e := range cws[gi] {
				all.country[e.key] += e.v
			}
			for _, e := range aws[gi] {
				all.admin1[e.key] += e.v
			}
			all.total += math.Min(float64(len(g.spans)), 3)
		}
		if it > 0 {
			as = anchors(groups, as, anchorOf)
		}
		dlN := 0.0
		if dl >= 0 {
			dlN = math.Min(float64(len(groups[dl].spans)), 3)
		}
		for gi, g := range groups {
			if it > 0 && gi > 0 && anchorOf[gi-1] >= 0 {
				as[anchorOf[gi-1]].set() // the group before may have chosen again
			}
			if len(g.cands) == 0 || g.fixed {
				continue
			}
			others := all.total - math.Min(float64(len(g.spans)), 3)
			// unsupported reports whether no other name of the article is
			// in country cc
			unsupported := func(cc string) bool { return others <= 0 || all.country[cc]-cws[gi].of(cc) <= 0 }
			// regionNamed reports whether another name of the article is
			// in the admin-1 region of key a ("" for none)
			regionNamed := func(a string) bool { return a != "" && all.admin1[a]-aws[gi].of(a) > 0 }
			if len(g.cands) > 1 || rec != nil {
				localC, localA = localShares(near[gi], groups, cws, localC[:0]), localShares(near[gi], groups, aws, localA[:0])
			}
			for i := range g.cands {
				if len(g.cands) == 1 && rec == nil {
					break // one candidate: its probability is 1 whatever its score
				}
				c := &g.cands[i]
				a := akeys[gi][i]
				var cf, af, dc, da, nr, lc, la float64
				if others > 0 {
					cf = (all.country[c.Country] - cws[gi].of(c.Country)) / others
					if a != "" {
						af = (all.admin1[a] - aws[gi].of(a)) / others
					}
				}
				if dl >= 0 && dl != gi && dlN > 0 {
					dc = cws[dl].of(c.Country) / dlN
					if a != "" {
						da = aws[dl].of(a) / dlN
					}
				}
				if it > 0 {
					nr = nearness(c, as, g)
				}
				lc = localC.of(c.Country)
				if a != "" {
					la = localA.of(a)
				}
				g.scores[i] = static[gi][i] + w[fCountry]*cf + w[fAdmin1]*af + w[fDatelineC]*dc + w[fDatelineA]*da + w[fNear]*nr +
					w[fLocalC]*lc + w[fLocalA]*la
				if it == iterations-1 && rec != nil {
					f := &fs[i]
					*f = features{}
					staticFeatures(g, i, named, ins[gi], anyA, f)
					f[fCountry], f[fAdmin1], f[fDatelineC], f[fDatelineA], f[fNear] = cf, af, dc, da, nr
					f[fLocalC], f[fLocalA] = lc, la
				}
			}
			if it == iterations-1 && rec != nil {
				rec(g, fs[:len(g.cands)])
			}
			probs := softmax(g.scores)
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
				if unsupported(c.Country) {
					g.best = -1
				}
			}
			if it == iterations-1 && !g.fixed {
				// a town called so only by an old or other name
				// ("Maryville" for Beeville, Texas) gives way to the
				// towns of its country that bear the name today
				if t := ownName(g.key, g.cands, b, probs); t >= 0 {
					b = t
					g.best, g.conf = t, probs[t]
				}
				// a place called so only by another name gives way to a
				// region, sea or landmark that bears the name as its own
				// ("Kashmir", not Azad Kashmir; "Anatolia", not Antalya)
				if t := curatedOwn(g.key, g.cands, b, probs); t >= 0 {
					b = t
					g.best, g.conf = t, probs[t]
				}
			}
			if it == iterations-1 && !g.notFirstName && weakFirstName(&g.cands[b]) {
				// "Julia", "Levi": a first name that is also a town only
				// by an alternate name, or a small town, is a place only
				// where the rest of the article is in its country
				c := &g.cands[b]
				if unsupported(c.Country) {
					g.best = -1
				}
			}
			if it == iterations-1 && g.generic {
				// "West Coast", "Eastern Region": a place only in the
				// country the rest of the article is about; "the
				// Northwest" alone a region of it, not a town
				// (other generic names give no support: "the North-East"
				// and "the South East" are not Botswana's by each other)
				c := &g.cands[b]
				if others <= 0 || all.country[c.Country]-genericSupport(groups, cws, c.Country) <= 0 || g.oneWord && c.Kind == gazetteer.KindSettlement {
					g.best = -1
				}
			}
			if it == iterations-1 && g.best >= 0 && g.school && others > 0 {
				// "Lipscomb University in Nashville", "Lee Academy",
				// "Lincoln Elementary" in Ohio, "Victoria Hospital" in
				// Ontario: a school or a business named after a person,
				// not a town of a region the article does not name nor a
				// region of a country it does not name
				if c := &g.cands[b]; (c.Kind == gazetteer.KindSettlement || c.Kind == gazetteer.KindAdmin2) && !regionNamed(akeys[gi][b]) ||
					c.Kind == gazetteer.KindAdmin1 && unsupported(c.Country) {
					g.best = -1
				}
			}
			if it == iterations-1 && g.best >= 0 && g.landform && !isCurated(g.cands[b].Kind) && !famousKind(g.cands[b].Kind) && others > 0 &&
				unsupported(g.cands[b].Country) && nearness(&g.cands[b], as, g) < landformNear {
				// "the Noto peninsula" in an article about Japan is not
				// Noto, Sicily, nor "Flores island" Uruguay's Flores: the
				// text says what the name is, and a town or region of
				// that name in a country the article is not about, far
				// from its other places, is another place ("the Crimea
				// peninsula" beside Russia is Crimea; "the island of
				// Réunion" beside "French" is the island)
				g.best = -1
			}
			if it == iterations-1 && g.best >= 0 {
				// a country, continent or ocean name is the country,
				// continent or ocean, not a namesake town, unless a
				// qualifier or the rest of the article puts it in the
				// town's region
				a := akeys[gi][b]
				if f := famous(g.key, g.cands); famousMeant(g, b, f, regionNamed(a)) {
					g.best, g.conf = f, probs[f]
				} else if k := capitalOfNamed(groups, g); k >= 0 && k != g.best {
					// "in France ... Paris' Champs-Elysees" in a Kentucky
					// article: the capital of a country the article names,
					// not the namesake town of its region
					g.best, g.conf = k, probs[k]
				}
			}
			if it == iterations-1 && g.best >= 0 && g.cands[g.best].Kind == gazetteer.KindAdmin1 && g.cands[g.best].Match == gazetteer.MatchName && !g.state && !g.qualifier && !g.listed {
				// "New York" alone is the city: the region of a city's
				// name is meant when the text says "state", or lists it
				// among regions
				if t := twinCity(g.cands, b); t >= 0 {
					g.best, g.conf = t, probs[t]
				}
			}
			if it == iterations-1 && g.best >= 0 && g.cands[g.best].Kind == gazetteer.KindAdmin1 && !g.state && !g.qualifier && !g.listed &&
				unsupported(g.cands[g.best].Country) {
				// "the mayor of Manchester" is not Jamaica's Manchester
				// parish when nothing else is in Jamaica: a region of a
				// country the article does not name gives way to a town
				// of more people called so by its own name
				if t := largerTown(g.cands, g.best); t >= 0 {
					g.best, g.conf = t, probs[t]
				}
			}
			if it == iterations-1 && g.best >= 0 && g.state && g.cands[g.best].Kind != gazetteer.KindAdmin1 {
				// "in the state of Washington", "Washington State": the
				// state, not the capital named after it
				if r := likeliest(g.cands, probs, gazetteer.KindAdmin1); r >= 0 {
					g.best, g.conf = r, probs[r]
				}
			}
			if c := &g.cands[max(g.best, 0)]; it == iterations-1 && g.best >= 0 && !g.state && (c.Kind == gazetteer.KindAdmin1 || c.Kind == gazetteer.KindAdmin2) {
				// A region named after water or after a wider region,
				// unless the text calls it a state: "a ship sank in the Red
				// Sea" is the sea, not Sudan's Red Sea state; "the Sahel"
				// is the curated region, not Burkina Faso's Sahel province,
				// when nothing else in the article is in the province's
				// country ("Punjab" beside Lahore stays the province)
				if w := waterNamed(g.key, g.cands); w >= 0 {
					g.best, g.conf = w, probs[w]
				} else if r := curatedNamed(g.cands); r >= 0 && unsupported(c.Country) {
					g.best, g.conf = r, probs[r]
				}
			}
			if it == iterations-1 && g.best >= 0 && g.town && g.cands[g.best].Kind != gazetteer.KindSettlement {
				// "the central town of Karak": the town of the region's
				// country (Al Karak, Jordan); "the city of Turkey" (Texas):
				// a town of that name elsewhere, else no place the
				// gazetteer knows — not the country, nor a town it was
				// once called (New Providence, New Jersey)
				g.best = townOf(g.cands, probs, g.cands[g.best].Country)
				if g.best >= 0 {
					g.conf = probs[g.best]
				}
			}
			if it == iterations-1 && g.best >= 0 && g.statesOf != "" && !g.qualifier && g.cands[g.best].Kind != gazetteer.KindAdmin1 {
				// listed among a country's states, a name that is also
				// one of its states is the state ("Utah, Washington and
				// Wisconsin"; but "the West Bank and Gaza" is not
				// Mozambique's Gaza province)
				if r := namedAdmin1(g.cands, g.statesOf); r >= 0 {
					g.best, g.conf = r, probs[r]
				}
			}
			if it == iterations-1 && g.bare {
				// a county's bare name ("Oconee") is a place only where the
				// rest of the article is in its state
				if !regionNamed(akeys[gi][b]) {
					g.best = -1
				}
			}
		}
	}
	pairCountyTowns(groups)
}

// pairCountyTowns makes a county and a town the article names the pair in
// which the town lies in the county, when the ranker chose two that are
// not and some pair of their candidates in the same country is: "Paris and
// Henry County" are both Tennessee's, where Paris is the county's seat,
// though Illinois has a Paris and a Henry County too. Of several such
// pairs the likeliest is taken. Only a county that holds none of the
// article's chosen towns and a town in none of its chosen counties are
// paired (in "Butler County … Oxford … Warren County", Oxford is Butler
// County's), a town chosen as a capital or a city of a million keeps its
// place ("Henry County students toured Paris"), and so do choices a
// qualifier or the user made.
func pairCountyTowns(groups []*group) {
	free := func(g *group) bool { return g.best >= 0 && !g.fixed && !g.hinted && !g.suffix && !g.street }
	for _, c := range groups {
		if !free(c) || c.cands[c.best].Kind != gazetteer.KindAdmin2 {
			continue
		}
		for _, t := range groups {
			if t == c || !free(t) || t.cands[t.best].Kind != gazetteer.KindSettlement {
				continue
			}
			tc, cc := &t.cands[t.best], &c.cands[c.best]
			if holds(cc, tc) {
				continue // already a pair
			}
			if tc.FeatureCode == "PPLC" || tc.Population >= twinPopulation || paired(groups, t) || paired(groups, c) {
				continue
			}
			// the likeliest pair: the highest sum of scores, as the
			// product of the two groups' probabilities is highest there
			bi, bj, bs := -1, -1, math.Inf(-1)
			for i := range c.cands {
				ci := &c.cands[i]
				if ci.Country != cc.Country || !ci.HasExtent() {
					continue
				}
				for j := range t.cands {
					if tj := &t.cands[j]; tj.Country == tc.Country && holds(ci, tj) && c.scores[i]+t.scores[j] > bs {
						bi, bj, bs = i, j, c.scores[i]+t.scores[j]
					}
				}
			}
			if bi >= 0 {
				c.best, c.conf = bi, softmax(c.scores)[bi]
				t.best, t.conf = bj, softmax(t.scores)[bj]
			}
		}
	}
}

// staticFeatures sets the features of candidate i of g that the context
// of the article does not change from one round to the next: the
// candidate's own, how many other names have a candidate in its admin-1
// region, what the source's earlier articles gave the name, and whether
// it is a town in a region of its name or a region the text calls a state.
// in, when not nil, marks the candidates that are a county holding a
// candidate town of another name or a town inside a candidate county of
// one (see countyTowns).
func staticFeatures(g *group, i, named int, in []bool, anyA map[[2]string][2]int, f *features) {
	c := &g.cands[i]
	candidateFeatures(c, f)
	if in != nil && in[i] {
		f[fInside] = 1
	}
	if named > 1 && c.Admin1 != "" && c.Kind != gazetteer.KindCountry {
		f[fAdmin1Any] = float64(anyA[[2]string{c.Country, c.Admin1}][0]-1) / float64(named-1)
	}
	if g.seen != nil {
		f[fSeen] = g.seen[i]
	}
	switch c.Kind {
	case gazetteer.KindSettlement:
		if twinRegion(g.cands, c) {
			f[fTwinCity] = 1
		}
	case gazetteer.KindAdmin1:
		if g.state {
			f[fStateSaid] = 1
		}
	}
}

// paired reports whether the place chosen for g, a county or a town, and
// the one chosen for another group are a county and a town inside it.
func paired(groups []*group, g *group) bool {
	p := &g.cands[g.best]
	for _, o := range groups {
		if o == g || o.best < 0 {
			continue
		}
		if q := &o.cands[o.best]; holds(p, q) || holds(q, p) {
			return true
		}
	}
	return false
}

// holds reports whether county is a county whose extent holds town, a
// town of its country.
func holds(county, town *gazetteer.Candidate) bool {
	return county.Kind == gazetteer.KindAdmin2 && town.Kind == gazetteer.KindSettlement &&
		county.Country == town.Country && county.Bound.Contains(town.Point)
}

// countyTowns marks, in the order of the groups' candidates (total in
// all), each county whose extent holds a candidate town of another name
// and each town inside a candidate county of another name: "Huntsville"
// and "Walker County" are the Texas pair, the town being in the county,
// though Alabama has both names too. It returns nil when no candidate is a
// county with an extent.
func countyTowns(groups []*group, total int) []bool {
	type ref struct {
		gi, at int // group, and index into the flat order
		c      *gazetteer.Candidate
	}
	var counties []ref
	at := 0
	for gi, g := range groups {
		for i := range g.cands {
			if c := &g.cands[i]; c.Kind == gazetteer.KindAdmin2 && c.HasExtent() {
				counties = append(counties, ref{gi, at + i, c})
			}
		}
		at += len(g.cands)
	}
	if len(counties) == 0 {
		return nil
	}
	var in []bool
	at = 0
	for gj, o := range groups {
		for j := range o.cands {
			t := &o.cands[j]
			if t.Kind != gazetteer.KindSettlement {
				continue
			}
			for _, k := range counties {
				if k.gi != gj && holds(k.c, t) {
					if in == nil {
						in = make([]bool, total)
					}
					in[k.at], in[at+j] = true, true
				}
			}
		}
		at += len(o.cands)
	}
	return in
}

// ownName returns, when cs[b] is a town of fewer than weakAltPopulation
// matched only by an alternate name that does not begin its own
// ("Maryville" for Beeville, not "Avondale" for Avondale Estates), the
// likeliest place of the same country called so by its own name, or -1.
func ownName(key string, cs []gazetteer.Candidate, b int, probs []float64) int {
	c := &cs[b]
	if c.Kind != gazetteer.KindSettlement || c.Match != gazetteer.MatchAlt || c.Population >= weakAltPopulation || c.User ||
		nameBegins(c, key) {
		return -1
	}
	best := -1
	for i := range cs {
		o := &cs[i]
		if i != b && o.Country == c.Country && (o.Match == gazetteer.MatchName || o.Match == gazetteer.MatchASCII) &&
			(best < 0 || probs[i] > probs[best]) {
			best = i
		}
	}
	return best
}

// curatedOwn returns, when cs[b], not a country, is matched only by an
// alternate name that does not begin its own, the likeliest region, sea
// or landmark of the curated table, of b's country or of none, that bears
// the name as its own; else -1.
func curatedOwn(key string, cs []gazetteer.Candidate, b int, probs []float64) int {
	c := &cs[b]
	if c.Match != gazetteer.MatchAlt || c.User || famousKind(c.Kind) || nameBegins(c, key) {
		return -1
	}
	best := -1
	for i := range cs {
		o := &cs[i]
		if i != b && (o.Match == gazetteer.MatchName || o.Match == gazetteer.MatchASCII) && isCurated(o.Kind) &&
			(o.Country == "" || o.Country == c.Country) && (best < 0 || probs[i] > probs[best]) {
			best = i
		}
	}
	return best
}

// curatedNamed returns the first candidate of the curated table (a
// region, sea, landmark…) called by its own name, or -1.
func curatedNamed(cs []gazetteer.Candidate) int {
	for i := range cs {
		if isCurated(cs[i].Kind) && cs[i].Match == gazetteer.MatchName {
			return i
		}
	}
	return -1
}

// isCurated reports whether a kind of place comes from the curated table
// (seas, regions, landmarks…) rather than from GeoNames' countries,
// regions and towns.
func isCurated(k gazetteer.Kind) bool { return k != gazetteer.KindUnknown && !populated(k) }

// nameBegins reports whether a place's own name, folded, begins with key
// ("New York City" with "new york").
func nameBegins(c *gazetteer.Candidate, key string) bool {
	return strings.HasPrefix(gazetteer.Fold(c.Name), key)
}

// twinRegion reports whether a town lies in an admin-1 region that is also
// a candidate of its name ("New York" the city and the state).
func twinRegion(cs []gazetteer.Candidate, town *gazetteer.Candidate) bool {
	if town.Admin1 == "" {
		return false
	}
	for i := range cs {
		if c := &cs[i]; c.Kind == gazetteer.KindAdmin1 && c.Country == town.Country && c.Admin1 == town.Admin1 {
			return true
		}
	}
	return false
}

// twinCity returns the index of the most populous town of at least
// twinPopulation inhabitants among the candidates that lies in the admin-1
// region cs[r] and is called by the region's name ("New York City" in New
// York), or the national capital of the region's country called so
// ("Washington", D.C., before Washington State), or -1. A capital that
// the region's name reaches only as an old alternate name ("Bahia" for
// Salvador, "Pará" for Belém) is not the region's twin: the name means
// the region.
func twinCity(cs []gazetteer.Candidate, r int) int {
	best := -1
	region := gazetteer.Fold(cs[r].Name)
	for i := range cs {
		c := &cs[i]
		if c.Kind == gazetteer.KindSettlement && c.Country == cs[r].Country &&
			(c.Population >= twinPopulation && c.Admin1 == cs[r].Admin1 || c.FeatureCode == "PPLC") && nameBegins(c, region) &&
			(best < 0 || c.Population > cs[best].Population) {
			best = i
		}
	}
	return best
}

// twinPopulation is the size from which a town is better known than the
// region of its name: a city of millions (New York, Delhi, Puebla) is what
// news means by the bare name, while Quebec, Oklahoma or Chihuahua alone
// is the region.
const twinPopulation = 1_000_000

// famousKind reports whether a kind of place is known worldwide by its
// name: a country, a continent, an ocean.
func famousKind(k gazetteer.Kind) bool {
	return k == gazetteer.KindCountry || k == gazetteer.KindContinent || k == gazetteer.KindOcean
}

// famous returns the index of the first candidate of a famous kind
// matched by its own name or a well-known abbreviation, or an ocean by the
// head of its name ("the Pacific"), or -1.
func famous(key string, cs []gazetteer.Candidate) int {
	for i := range cs {
		c := &cs[i]
		if !famousKind(c.Kind) {
			continue
		}
		switch c.Match {
		case gazetteer.MatchName, gazetteer.MatchASCII, gazetteer.MatchAbbrev:
			return i
		case gazetteer.MatchAlt:
			if c.Kind == gazetteer.KindOcean && nameBegins(c, key+" ") {
				return i
			}
		}
	}
	return -1
}

// famousMeant reports whether f, the famous sense of a group's name (see
// famous; -1 for none), is meant rather than candidate b, the ranker's
// choice. regionNamed is whether the rest of the article names b's admin-1
// region. A namesake town gives way unless that region is named and the
// town bears the name as its own (a town the name reaches only as an
// alternate is never meant: "central Mexico" is not Mexico City); a
// region of the famous country that bears its name, or of another where
// the name is listed among countries, gives way unless the text says
// "state" (the State of Mexico is called so).
func famousMeant(g *group, b, f int, regionNamed bool) bool {
	if f < 0 {
		return false
	}
	c := &g.cands[b]
	switch {
	case c.Kind == gazetteer.KindAdmin1:
		// (and a region of another country gives way where the name
		// is listed among countries: "Mali, Burkina Faso and Niger" is
		// no Nigerian state)
		return g.cands[f].Kind == gazetteer.KindCountry && (g.cands[f].Country == c.Country || g.amongCountries) && !g.state
	case famousKind(c.Kind):
		return false
	}
	return c.Admin1 == "" || !regionNamed || c.Match == gazetteer.MatchAlt
}

// largerTown returns the most populous town among the candidates called
// by its own name that has more people than the region cs[r], or -1.
func largerTown(cs []gazetteer.Candidate, r int) int {
	best := -1
	for i := range cs {
		c := &cs[i]
		if c.Kind == gazetteer.KindSettlement && (c.Match == gazetteer.MatchName || c.Match == gazetteer.MatchASCII) &&
			c.Population > cs[r].Population && (best < 0 || c.Population > cs[best].Population) {
			best = i
		}
	}
	return best
}

// capitalOfNamed returns, when g's choice is a town that is no capital,
// the candidate that is the national capital of a country another name
// of the article is (by its name or a demonym: "France", "French"),
// called by its own name, or -1.
func capitalOfNamed(groups []*group, g *group) int {
	if c := &g.cands[g.best]; c.Kind != gazetteer.KindSettlement || c.FeatureCode == "PPLC" {
		return -1
	}
	for i := range g.cands {
		c := &g.cands[i]
		if c.FeatureCode != "PPLC" || c.Kind != gazetteer.KindSettlement || c.Match != gazetteer.MatchName && c.Match != gazetteer.MatchASCII {
			continue
		}
		for _, o := range groups {
			if o != g && o.best >= 0 && o.cands[o.best].Kind == gazetteer.KindCountry && o.cands[o.best].Country == c.Country {
				return i
			}
		}
	}
	return -1
}

// namedAdmin1 returns the index of the first admin-1 region of country cc
// called by its own name, or -1.
func namedAdmin1(cs []gazetteer.Candidate, cc string) int {
	for i := range cs {
		if m := cs[i].Match; cs[i].Kind == gazetteer.KindAdmin1 && cs[i].Country == cc && (m == gazetteer.MatchName || m == gazetteer.MatchASCII) {
			return i
		}
	}
	return -1
}

// firstNamePopulation is the size under which a town named like a person
// needs the article's support.
const firstNamePopulation = 100_000

// weakFirstName reports whether a place chosen for a first name is weak:
// a town or county, not the user's nor a national or regional capital,
// matched by an alternate name only or smaller than firstNamePopulation.
func weakFirstName(c *gazetteer.Candidate) bool {
	if c.User || (c.Kind != gazetteer.KindSettlement && c.Kind != gazetteer.KindAdmin2) || c.FeatureCode == "PPLC" || c.FeatureCode == "PPLA" {
		return false // a capital ("Trenton") is known by its name
	}
	return c.Match == gazetteer.MatchAlt || c.Population < firstNamePopulation
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

// waterNamed returns the first candidate that is a body of water of the
// kind a word of the folded name key says ("red sea", "lake chad", "gulf
// of aden"), called by its own name, or -1.
func waterNamed(key string, cs []gazetteer.Candidate) int {
	var kinds [4]gazetteer.Kind
	n := 0
	for w := range strings.FieldsSeq(key) {
		if k, ok := waterWords[w]; ok && n < len(kinds) {
			kinds[n] = k
			n++
		}
	}
	if n == 0 {
		return -1
	}
	for i := range cs {
		if cs[i].Match == gazetteer.MatchName && slices.Contains(kinds[:n], cs[i].Kind) {
			return i
		}
	}
	return -1
}

// landformNear is the nearness (see nearness) under which a place named
// before a word for a landform is too far from the article's other
// places to be meant: about 1,000 km.
var landformNear = math.Exp(-1000 / nearKM)

// genericSupport is what the generic names among the groups (see
// group.generic) give country cc in the context, cws holding each
// group's contribution.
func genericSupport(groups []*group, cws []shares, cc string) float64 {
	sum := 0.0
	for gi, g := range groups {
		if g.generic {
			sum += cws[gi].of(cc)
		}
	}
	return sum
}

// isWaterWord reports whether a lower-case word, or its singular, names a
// kind of body of water ("gulf", "lakes").
func isWaterWord(w string) bool {
	_, ok := waterWords[w]
	if !ok && len(w) > 3 {
		_, ok = waterWords[strings.TrimSuffix(w, "s")]
	}
	return ok
}

// waterWords name the kinds of bodies of water.
var waterWords = map[string]gazetteer.Kind{
	"ocean": gazetteer.KindOcean, "sea": gazetteer.KindSea, "gulf": gazetteer.KindGulf, "bay": gazetteer.KindBay,
	"strait": gazetteer.KindStrait, "straits": gazetteer.KindStrait, "channel": gazetteer.KindStrait,
	"river": gazetteer.KindRiver, "lake": gazetteer.KindLake, "lac": gazetteer.KindLake,
}

// townOf returns the likeliest town among cs in country cc, else the
// likeliest town called by its own name, else -1.
func townOf(cs []gazetteer.Candidate, probs []float64, cc string) int {
	in, own := -1, -1
	for i := range cs {
		c := &cs[i]
		if c.Kind != gazetteer.KindSettlement {
			continue
		}
		if cc != "" && c.Country == cc && (in < 0 || probs[i] > probs[in]) {
			in = i
		}
		if c.Match != gazetteer.MatchAlt && (own < 0 || probs[i] > probs[own]) {
			own = i
		}
	}
	if in >= 0 {
		return in
	}
	return own
}

// likeliest returns the index of the most probable candidate of a kind,
// -1 when there is none.
func likeliest(cs []gazetteer.Candidate, probs []float64, kind gazetteer.Kind) int {
	best := -1
	for i := range cs {
		if cs[i].Kind == kind && (best < 0 || probs[i] > probs[best]) {
			best = i
		}
	}
	return best
}

// bareCounties reports whether every candidate is a county matched only
// by its bare name, key ("Oconee" for Oconee County; not "Nyanza
// Province" for Nyanza, a longer form of the name). Such a name is kept
// only when the article is about the county's state (see resolve); a
// name that also matches a town keeps both, the lookup ranking the town
// first.
func bareCounties(key string, cs []gazetteer.Candidate) bool {
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if c.Kind != gazetteer.KindAdmin2 || c.Match == gazetteer.MatchName || c.Match == gazetteer.MatchASCII ||
			!nameBegins(&c, key+" ") {
			return false
		}
	}
	return true
}

// anchor is a group whose chosen place the nearness of the other names'
// candidates is measured to, with a copy of that place's point, extent
// and id.
type anchor struct {
	g     *group
	skip  bool // no choice any more, or a continent (near everything in it)
	id    int64
	point orb.Point
	bound orb.Bound
}

// set copies the group's current choice into the anchor.
func (a *anchor) set() {
	g := a.g
	if g.best < 0 || g.cands[g.best].Kind == gazetteer.KindContinent {
		a.skip = true
		return
	}
	o := &g.cands[g.best]
	a.skip, a.id, a.point, a.bound = false, o.ID, o.Point, o.Bound
}

// anchors returns the groups whose chosen places the nearness of the
// other names' candidates is measured to: those with a choice, "X County"
// guesses left out, reusing buf. index receives each group's anchor, -1
// for none: a group decided again later in the same round is set again
// (see anchor.set), so that it counts with its new choice.
func anchors(groups []*group, buf []anchor, index []int) []anchor {
	buf = buf[:0]
	for gi, g := range groups {
		if index != nil {
			index[gi] = -1
		}
		if g.best >= 0 && !g.suffix {
			if index != nil {
				index[gi] = len(buf)
			}
			buf = append(buf, anchor{g: g})
			buf[len(buf)-1].set()
		}
	}
	return buf
}

// nearness is how close a candidate is to the places chosen for the other
// names: exp(-d/nearKM) of the nearest one, where d is measured between
// the nearest points of the two places' extents (0 when one lies inside
// the other), on an equirectangular projection at the candidate's
// latitude: one cosine per candidate, none per pair.
func nearness(c *gazetteer.Candidate, as []anchor, self *group) float64 {
	const kmPerDeg = 111.195
	cosLat := math.Cos(c.Point[1] * math.Pi / 180)
	minD2 := math.Inf(1)
	for i := range as {
		o := &as[i]
		if o.g == self || o.skip || o.id == c.ID {
			continue
		}
		a, b := clamp(c.Point, o.bound), clamp(o.point, c.Bound)
		dlon := math.Abs(a[0] - b[0])
		if dlon > 180 {
			dlon = 360 - dlon
		}
		x, y := dlon*cosLat, a[1]-b[1]
		if d2 := x*x + y*y; d2 < minD2 {
			minD2 = d2
			if d2 == 0 {
				break // touching: none is nearer
			}
		}
	}
	if math.IsInf(minD2, 1) {
		return 0
	}
	return math.Exp(-kmPerDeg * math.Sqrt(minD2) / nearKM)
}

// shares is a small map from a country or admin-1 key to a share, kept
// as a slice: a name's neighbours name few regions, and a scan of a few
// two-letter keys is cheaper than hashing each candidate's.
type shares []share

// share is one entry of shares.
type share struct {
	key string
	v   float64
}

// add adds v to the share of key.
func (s shares) add(key string, v float64) shares {
	for i := range s {
		if s[i].key == key {
			s[i].v += v
			return s
		}
	}
	return append(s, share{key, v})
}

// of returns the share of key, 0 when none.
func (s shares) of(key string) float64 {
	for i := range s {
		if s[i].key == key {
			return s[i].v
		}
	}
	return 0
}

// localShares returns, appended to buf, the mean over the groups nb of
// each one's contribution to the context (ws, by group: see contrib in
// resolve) per mention counted: the share of a name's neighbours in each
// country or admin-1 region.
func localShares(nb []int, groups []*group, ws []shares, buf shares) shares {
	for _, o := range nb {
		n := math.Min(float64(len(groups[o].spans)), 3) * float64(len(nb))
		for _, e := range ws[o] {
			buf = buf.add(e.key, e.v/n)
		}
	}
	return buf
}

// localNames is how many other names on each side of a mention make its
// neighbourhood in the text (see neighbours).
const localNames = 2

// neighbours returns, for each group, the other groups named nearest
// before and after its mentions, localNames on each side, leaving out
// those that give the context nothing (no candidates, "X County"
// guesses): in an article that goes from country to country, "Taoyuan"
// beside Taiwan's places is Taiwan's, and "near Toledo" after "In Ohio"
// is Ohio's though the article is about Illinois.
func neighbours(groups []*group) [][]int {
	n := 0
	for _, g := range groups {
		for _, s := range g.spans {
			n = max(n, s+1)
		}
	}
	owner := make([]int, n)
	for i := range owner {
		owner[i] = -1
	}
	for gi, g := range groups {
		if len(g.cands) == 0 || g.suffix {
			continue
		}
		for _, s := range g.spans {
			owner[s] = gi
		}
	}
	seq := owner[:0]
	for _, gi := range owner {
		if gi >= 0 {
			seq = append(seq, gi)
		}
	}
	// one buffer for all: a group has at most 2·localNames neighbours a
	// mention, and no more than there are other groups
	limit := func(g *group) int { return min(2*localNames*len(g.spans), len(groups)-1) }
	size := 0
	for _, g := range groups {
		size += limit(g)
	}
	buf := make([]int, size)
	out := make([][]int, len(groups))
	for gi, g := range groups {
		n := limit(g)
		out[gi], buf = buf[:0:n], buf[n:]
	}
	for k, gi := range seq {
		for _, dir := range [2]int{-1, 1} {
			found := 0
			for j := k + dir; j >= 0 && j < len(seq) && found < localNames; j += dir {
				o := seq[j]
				if o == gi {
					continue
				}
				found++
				if !slices.Contains(out[gi], o) {
					out[gi] = append(out[gi], o)
				}
			}
		}
	}
	return out
}

// clamp returns the point of b nearest to p (p itself when inside, or
// when b is the zero bound: no extent). It is on the resolver's hot path,
// hence plain comparisons (coordinates are never NaN).
func clamp(p orb.Point, b orb.Bound) orb.Point {
	if b.Min == (orb.Point{}) && b.Max == (orb.Point{}) {
		return p
	}
	return orb.Point{between(p[0], b.Min[0], b.Max[0]), between(p[1], b.Min[1], b.Max[1])}
}

// between returns v moved into [lo, hi].
func between(v, lo, hi float64) float64 {
	if v > hi {
		v = hi
	}
	if v < lo {
		v = lo
	}
	return v
}

// softmax turns scores into probabilities.
func softmax(s []float64) []float64 {
	out := make([]float64, len(s))
	if len(s) == 0 {
		return out
	}
	m := slices.Max(s)
	sum := 0.0
	for i, v := range s {
		out[i] = math.Exp(v - m)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// agreement sets each resolved group's agree: the share of the other
// resolved names whose place is in the same country as its place. A place
// in a country the rest of the article is not about ("Innisfail" in
// Queensland in an article about Alberta) is less likely right than the
// ranker alone says.
func agreement(groups []*group) {
	n := 0
	byCountry := make(map[string]int, len(groups))
	for _, g := range groups {
		if g.best >= 0 {
			if cc := g.cands[g.best].Country; cc != "" {
				byCountry[cc]++
				n++
			}
		}
	}
	for _, g := range groups {
		g.agree = -1
		if g.best < 0 {
			continue
		}
		cc := g.cands[g.best].Country
		if cc == "" || n < 2 {
			continue
		}
		g.agree = float64(byCountry[cc]-1) / float64(n-1)
	}
}
