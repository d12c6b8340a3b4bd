package geoparse

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse/timex"
)

// span is a recognised toponym before resolution.
type span struct {
	ts, te     int    // tokens [ts, te)
	start, end int    // runes
	key        string // folded lookup key
	cands      []gazetteer.Candidate
	demonym    bool   // every candidate matched as a demonym
	suffix     bool   // "X County" or a street, not in the gazetteer
	county     bool   // ends in County, Parish or Borough, in the gazetteer or not
	street     bool   // a street, road or route
	qual       string // the "State" of "City, State" as written, "" when none
	dot        bool   // the name ends with an abbreviation's full stop ("Ky.")
	poss       bool   // the name ends with a possessive that is part of it ("St. John's")
	qualOf     bool   // this span is the qualifier of the one before
	owner      string // the region whose possessive comes before ("Indonesia" in "Indonesia's Flores"), "" when none
	landform   bool   // a lower-case word for a landform follows ("the Noto peninsula", "Flores island")
	school     bool   // a school's or a business's word follows ("Lipscomb University", "Lee Academy")
	// listed is set when the span is an item of a list beside an admin-1
	// region or a country ("Missouri, New York and Virginia")
	listed bool
	// statesOf is the country of the admin-1 region listed beside it
	// ("Utah, Washington and Wisconsin"), "" when none is
	statesOf string
	// amongCountries is set when the span is an item of a list beside a
	// country ("Mali, Burkina Faso and Niger")
	amongCountries bool
	reject         string // why it was rejected, "" when kept
	state          bool   // the text says "state" beside it ("New York State", "the state of New York")
	town           bool   // the text calls it a town ("the city of Turkey", "the small town of Jordan")
	firstName      bool   // a single word that is a common first name
	locative       bool   // a preposition of place comes before ("near Sylvester", see locativeUse)
	// commonTown is set when the name is a common word written as a city
	// ("in Mobile", see commonTown): decided, like "City, State"
	commonTown bool
	word       bool // a single word that is a common English word ("Salt", "Strong")
	generic    bool // a direction and a generic noun ("West Coast")
	// countyList is set when the name is an item of a list of counties
	// ("Clarke, Madison and Oconee counties"): its candidates are the
	// counties of its name
	countyList bool
	// top is the index of the best candidate by base score for the
	// candidates from topOf, topLen long (see Parser.top)
	top    int
	topOf  *gazetteer.Candidate
	topLen int
	// resident is set when the name says where a person lives ("a
	// Lebanon woman"): a town's name, as a country's would be its
	// demonym ("a Lebanese woman")
	resident bool
	// townAfter is, for a street, the index of the span of the town it is
	// said to be in ("Cooper Street in Arlington"), 0 when none.
	townAfter int
}

// lookupCache remembers the gazetteer's answers for one document.
type lookupCache struct {
	g *gazetteer.Gazetteer
	m map[string][]gazetteer.Candidate
}

// maxCandidates bounds how many candidates a name keeps.
const maxCandidates = 40

func (c *lookupCache) get(key string) ([]gazetteer.Candidate, error) {
	if v, ok := c.m[key]; ok {
		return v, nil
	}
	v, err := c.g.Lookup(key, gazetteer.LookupOptions{Limit: maxCandidates})
	if err != nil {
		return nil, err
	}
	c.m[key] = v
	return v, nil
}

// maxSpanTokens bounds the length of a name in tokens.
const maxSpanTokens = 9

// candidateSpans finds the longest gazetteer name at each capitalised
// token, left to right.
func (p *Parser) candidateSpans(rs []rune, toks []token, lc *lookupCache) ([]span, error) {
	var out []span
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.kind != tokWord || !t.cap || t.lower == "the" || currencyPrefix(toks, i) || degrees[t.lower] {
			// not "US$460 million", "A$44,000", "$US10", nor the degrees
			// after a name ("Charles W. Murphy, M.D.": not Murphy,
			// Maryland)
			i++
			continue
		}
		if t.text == "Co" && i+1 < len(toks) && (toks[i+1].kind == tokWord && toks[i+1].cap ||
			t.dotAfter && i+2 < len(toks) && toks[i+2].kind == tokWord && toks[i+2].cap) {
			// "Co Clare", "Co. Durham": County, not Colorado (see
			// countyPrefixes)
			i++
			continue
		}
		// the tokens that may end a name starting here
		var ends []int
		for j := i; j < len(toks) && j < i+maxSpanTokens; j++ {
			u := &toks[j]
			if j > i && u.sentStart && u.kind == tokWord && !toks[j-1].dotAfter {
				break
			}
			ok := false
			switch u.kind {
			case tokWord:
				if u.cap {
					ends = append(ends, j)
					ok = true
				} else {
					// "Gulf of Mexico", "Democratic Republic of the Congo",
					// "Port-au-Prince"
					ok = connectors[u.lower] && capAfterJoin(toks, j+1)
				}
			case tokHyphen:
				ok = j > i
			case tokPoss:
				ok = j > i
				if j-1 > i {
					// a name of two words or more may end with its
					// possessive: "St. John's", "Saint George's"
					ends = append(ends, j)
				}
			case tokPunct:
				// the full stop of "St. Louis", "Ft. Worth", "D.C."
				ok = u.text == "." && j > i && isAbbrevWord(&toks[j-1]) && j+1 < len(toks) && toks[j+1].cap
			}
			if !ok {
				break
			}
		}
		found := false
		for k := len(ends) - 1; k >= 0 && !found; k-- {
			e := ends[k]
			text := string(rs[toks[i].start:toks[e].end])
			key := gazetteer.Fold(text)
			cands, err := lc.get(key)
			if err != nil {
				return nil, err
			}
			if alt := expandAbbrev(key); alt != key {
				// "Mt. Pleasant": the places written so and those called
				// "Mount Pleasant"
				more, err := lc.get(alt)
				if err != nil {
					return nil, err
				}
				if len(cands) == 0 && len(more) > 0 {
					key = alt
				}
				cands = mergeCandidates(cands, more)
			}
			if toks[e].kind == tokPoss {
				if cands = possessiveSeats(cands); len(cands) == 0 {
					continue // "New York's", "St. Mary's Hospital": the name is shorter
				}
			}
			if k > 0 && cityOfCouncil(toks, e, cands) {
				continue // "Dublin City Council": the city is Dublin
			}
			sp := span{ts: i, te: e + 1, start: toks[i].start, end: toks[e].end, key: key, cands: cands}
			if n := routeNumberAt(toks, e); e == i && n > 0 && (routeWords[toks[e].lower] || stateAbbrev(cands)) {
				// "KY 52", "W.Va. 61", "FM 678": a state's or county's
				// road, placed like a street
				sp.end, sp.te = toks[n].end, n+1
				sp.key = gazetteer.Fold(string(rs[sp.start:sp.end]))
				sp.suffix, sp.street = true, true
				if stateAbbrev(cands) {
					sp.qual = toks[e].text // the road is in that state
					if toks[e].dotAfter {
						sp.qual += "."
					}
				}
				out = append(out, sp)
				i = n + 1
				found = true
				break
			}
			switch {
			case len(cands) > 0:
				found = true
			case e > i && placeSuffixes[toks[e].lower] && (!functionWords[toks[i].lower] || abbrevExpansions[toks[i].lower] != "") && oneName(toks[i:e]) &&
				!placeOwns(lc, rs, toks, i, e) &&
				!slices.ContainsFunc(toks[i:e], func(t token) bool { return t.kind == tokHyphen }) && // "Paris-Henry County": Paris and Henry County
				!(strings.HasPrefix(toks[e].lower, "co") && toks[e].lower != "county" && !knownCounty(lc, rs, toks, i, e)):
				// "New Kent County", not "Judge Hoover of New Kent County";
				// "Licking Co.", not "Dow Chemical Co."
				sp.suffix = true
				found = true
			case e > i && streetSuffixes[toks[e].lower] && !functionWords[toks[i].lower] && oneName(toks[i:e]) && !hasPlaceSuffix(toks[i:e]) &&
				!placeOwns(lc, rs, toks, i, e) &&
				!(p.firstNames[toks[i].lower] && middleInitial(toks, e)) && // "Marvin F. Lane": a person
				!(p.firstNames[toks[i].lower] && e == i+1 && toks[e].lower == "st" && e+2 < len(toks) && toks[e+1].text == "." && toks[e+2].cap) && // "Terry St. Clair"
				!(toks[e].lower == "st" && toks[e-1].kind == tokHyphen) && // "Minneapolis-St. Paul": Saint
				!(toks[e].text == "St" && !toks[e].dotAfter && e+1 < len(toks) && toks[e+1].kind == tokWord && toks[e+1].cap && !toks[e+1].sentStart && !directionWords[toks[e+1].lower]) && // "Paris St Germain": Saint, not "Main St North"
				!(e+1 < len(toks) && toks[e+1].kind == tokWord && toks[e+1].cap && orgWords[toks[e+1].lower]) &&
				!(toks[e].lower == "court" && e-1 > i && courtWords[toks[e-1].lower]):
				// (not "Florida Highway Patrol", "Litchfield Superior Court":
				// institutions of Florida and Litchfield)
				// not "Henderson County Commissioners Court": the county is the place
				sp.suffix, sp.street = true, true
				found = true
			}
			// "Highway 19", "Route 9", "Interstate 45"
			if !found && e == i && (toks[e].lower == "highway" || toks[e].lower == "route" || toks[e].lower == "interstate") &&
				e+1 < len(toks) && toks[e+1].kind == tokWord && isNumber(toks[e+1].text) {
				sp.end, sp.te = toks[e+1].end, e+2
				sp.key = gazetteer.Fold(string(rs[sp.start:sp.end])) // "Interstate 55" and "Interstate 70" are two roads
				sp.suffix, sp.street = true, true
				out = append(out, sp)
				i = e + 2
				found = true
				break
			}
			if !found {
				continue
			}
			if e+1 < len(toks) && toks[e+1].kind == tokWord && toks[e+1].cap && regionWords[toks[e+1].lower] && !sp.suffix && !toks[e].dotAfter {
				// "Fars Province", "Bas Congo Province": the region's name
				// with the word for its kind, when it names one
				if rs := keepCandidates(cands, func(c *gazetteer.Candidate) bool {
					return c.Kind == gazetteer.KindAdmin1 || c.Kind == gazetteer.KindAdmin2
				}); len(rs) > 0 {
					e++
					sp.te, sp.end, sp.cands = e+1, toks[e].end, rs
				}
			}
			sp.poss = toks[e].kind == tokPoss
			sp.county = e > i && placeSuffixes[toks[e].lower]
			sp.demonym = allDemonyms(sp.cands)
			// a trailing full stop belongs to an abbreviation: "U.S.", "Calif."
			if toks[e].dotAfter && (isAbbrevWord(&toks[e]) || anyAbbrev(cands) && !toks[e].upper || sp.street && streetAbbrevs[toks[e].lower] ||
				e+2 < len(toks) && toks[e+2].kind == tokWord && startsLower(toks[e+2].text) && !toks[e].upper) {
				// (and a full stop that a lower-case word follows ends no
				// sentence: "Phila. rape suspect to stand trial")
				sp.end++
				sp.dot = true
			}
			out = append(out, sp)
			i = e + 1
		}
		if !found {
			i++
		}
	}
	return out, nil
}

// capAfterJoin reports whether the words joining a name go on to a
// capitalised word from token k: connectors ("of the") and hyphens
// ("-au-") may come first.
func capAfterJoin(toks []token, k int) bool {
	for ; k < len(toks); k++ {
		t := &toks[k]
		switch {
		case t.kind == tokWord && t.cap:
			return true
		case t.kind == tokWord && connectors[t.lower], t.kind == tokHyphen:
		default:
			return false
		}
	}
	return false
}

// routeWords are the abbreviations that number a road ("FM 678": Farm to
// Market Road; "CR 2202": County Road; "SR 9": State Route).
var routeWords = set(`fm cr sr`)

// routeNumberAt returns the index of the road number after the word at e
// ("52" in "KY 52", "61" in "W.Va. 61"), or 0 when none follows.
func routeNumberAt(toks []token, e int) int {
	n := e + 1
	if n < len(toks) && toks[n].text == "." && toks[e].dotAfter {
		n++
	}
	if n >= len(toks) || toks[n].kind != tokWord || !isNumber(toks[n].text) || len(toks[n].text) > 4 || toks[n].text[0] == '0' ||
		n > e+1 && len(toks[n].text) > 3 {
		return 0 // (after a full stop, four digits are a year: "Ky. 2009 was")
	}
	if n+1 < len(toks) && (toks[n+1].text == "," || toks[n+1].text == "%") && n+2 < len(toks) && isNumber(toks[n+2].text) {
		return 0 // "Ky. 1,200" is a number, not a road
	}
	return n
}

// stateAbbrev reports whether some candidate is a US state matched by its
// abbreviation ("KY", "W.Va.").
func stateAbbrev(cands []gazetteer.Candidate) bool {
	return slices.ContainsFunc(cands, func(c gazetteer.Candidate) bool {
		return c.Kind == gazetteer.KindAdmin1 && c.Country == "US" && c.Match == gazetteer.MatchAbbrev
	})
}

// mergeCandidates returns the candidates of a and b, each place once (its
// better match kept), best score first, at most maxCandidates. a and b are
// not changed.
func mergeCandidates(a, b []gazetteer.Candidate) []gazetteer.Candidate {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := append(slices.Clip(a), b...)
	slices.SortStableFunc(out, func(x, y gazetteer.Candidate) int { return cmp.Compare(y.Score, x.Score) })
	seen := make(map[int64]bool, len(out))
	kept := out[:0]
	for _, c := range out {
		if !seen[c.ID] {
			seen[c.ID] = true
			kept = append(kept, c)
		}
	}
	return kept[:min(len(kept), maxCandidates)]
}

// possessiveSeats returns the candidates whose own name is the name
// read, written with its possessive, and that are seats of government
// ("St. John's", "Saint George’s"): not the places named without one ("St.
// Marys"), nor longer names that have it as an alternate ("St. Mary's
// County"). A name ending in a possessive is a church, a school, a
// hospital or a shop far more often than a small town ("students at St.
// Mary's"), so only a capital's is read as a place.
func possessiveSeats(cands []gazetteer.Candidate) []gazetteer.Candidate {
	return keepCandidates(cands, func(c *gazetteer.Candidate) bool {
		return (c.Match == gazetteer.MatchName || c.Match == gazetteer.MatchASCII) && strings.ContainsAny(c.Name, "'’") && (c.FeatureCode == "PPLC" || c.FeatureCode == "PPLA")
	})
}

// keepCandidates returns, in a new slice (nil for none), the candidates
// keep accepts.
func keepCandidates(cs []gazetteer.Candidate, keep func(c *gazetteer.Candidate) bool) []gazetteer.Candidate {
	var out []gazetteer.Candidate
	for i := range cs {
		if keep(&cs[i]) {
			out = append(out, cs[i])
		}
	}
	return out
}

// cityOfCouncil reports whether the name ending at token e is "X City"
// before a city's office ("Dublin City Council", "Springfield City
// Manager") and no place is called "X City" by its own name, so that the
// place is X. Kansas City and Boulder City keep their names.
func cityOfCouncil(toks []token, e int, cands []gazetteer.Candidate) bool {
	if toks[e].lower != "city" || e+1 >= len(toks) || toks[e+1].kind != tokWord || !toks[e+1].cap || !cityOffices[toks[e+1].lower] {
		return false
	}
	for i := range cands {
		if m := cands[i].Match; m == gazetteer.MatchName || m == gazetteer.MatchASCII {
			return false
		}
	}
	return true
}

// cityOffices follow "X City" as the offices of a town.
var cityOffices = set(`council councilman councilwoman councillor manager hall commission commissioners commissioner clerk
attorney administrator schools school public police`)

// isAbbrevWord reports whether a word is an abbreviation that keeps its
// full stop: "U.S", "D.C", "St", "Mt", "Co", a single capital.
func isAbbrevWord(t *token) bool {
	if !t.dotAfter {
		return false
	}
	if strings.Contains(t.text, ".") {
		return true
	}
	if _, ok := abbrevExpansions[t.lower]; ok {
		return true
	}
	if t.lower == "co" || t.lower == "twp" {
		return true
	}
	return len([]rune(t.text)) == 1 && t.cap
}

// expandAbbrev spells out "st", "mt", "ft" at the start of a key and
// "co", "twp" at its end ("Plymouth Co." is Plymouth County).
func expandAbbrev(key string) string {
	head, rest, ok := strings.Cut(key, " ")
	if !ok {
		return key
	}
	if full, ok := abbrevExpansions[head]; ok {
		key = full + " " + rest
	}
	if i := strings.LastIndexByte(key, ' '); i > 0 {
		if full, ok := suffixExpansions[key[i+1:]]; ok {
			key = key[:i+1] + full
		}
	}
	return key
}

func allDemonyms(cs []gazetteer.Candidate) bool {
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if c.Match != gazetteer.MatchDemonym {
			return false
		}
	}
	return true
}

// startsWithDigit reports whether s begins with a decimal digit.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// hasCapital reports whether the gazetteer's first sense of a name is the
// capital of a country and a city of capitalPopulation or more: "asked
// Ottawa", "Pyongyang said" name its government, which news counts as
// the place.
func hasCapital(cs []gazetteer.Candidate) bool {
	return len(cs) > 0 && cs[0].FeatureCode == "PPLC" && cs[0].Population >= capitalPopulation
}

// capitalPopulation is the size from which a capital's name stands for
// its government rather than a person.
const capitalPopulation = 100_000

// saidCityPopulation: after "said" a city of this many is the place, not a
// person ("the minister said Pune and Nagpur would get funds").
const saidCityPopulation = 1_000_000

// anyDemonym reports whether a candidate is matched as a demonym.
func anyDemonym(cs []gazetteer.Candidate) bool {
	for i := range cs {
		if cs[i].Match == gazetteer.MatchDemonym {
			return true
		}
	}
	return false
}

// bestMatch returns the match type of the best candidate.
func bestMatch(cs []gazetteer.Candidate) gazetteer.MatchType {
	if len(cs) == 0 {
		return gazetteer.MatchName
	}
	return cs[0].Match
}

// isRegion reports whether a place is a country, admin-1 region or larger.
func isRegion(p *gazetteer.Place) bool {
	switch p.Kind {
	case gazetteer.KindCountry, gazetteer.KindAdmin1, gazetteer.KindContinent:
		return true
	}
	return false
}

// countryByCountry reports whether span b after a comma is a country that
// would make the country a names into a town ("trade with Russia, U.S.
// officials said" is not Russia, Ohio): a country's name is qualified to
// a namesake by the namesake's region ("China, Texas"), and by a country
// only when a names a region of it ("Georgia, US").
func (p *Parser) countryByCountry(a, b *span) bool {
	if !p.topIsCountry(a) || !hasCountry(b.cands) {
		return false
	}
	var in []string
	for i := range b.cands {
		switch b.cands[i].Kind {
		case gazetteer.KindCountry:
			in = append(in, b.cands[i].Country)
		case gazetteer.KindAdmin1, gazetteer.KindAdmin2:
			return false
		}
	}
	for i := range a.cands {
		if a.cands[i].Kind == gazetteer.KindAdmin1 && slices.Contains(in, a.cands[i].Country) {
			return false
		}
	}
	return true
}

// hasRegion reports whether any candidate is a country or admin-1 region.
func hasRegion(cs []gazetteer.Candidate) bool {
	for i := range cs {
		if isRegion(&cs[i].Place) {
			return true
		}
	}
	return false
}

// top returns the index of the span's best candidate by base score, -1
// for none, computed once for each list of candidates the span holds.
func (p *Parser) top(s *span) int {
	if len(s.cands) == 0 {
		return -1
	}
	if s.topOf != &s.cands[0] || s.topLen != len(s.cands) {
		s.top, s.topOf, s.topLen = p.model.top(s.cands), &s.cands[0], len(s.cands)
	}
	return s.top
}

// topIsRegion reports whether the span's best candidate by base score is
// a country or an admin-1 region.
func (p *Parser) topIsRegion(s *span) bool {
	b := p.top(s)
	return b >= 0 && isRegion(&s.cands[b].Place)
}

// topIsCountry reports whether the span's best candidate by base score
// is a country or a continent.
func (p *Parser) topIsCountry(s *span) bool {
	b := p.top(s)
	return b >= 0 && (s.cands[b].Kind == gazetteer.KindCountry || s.cands[b].Kind == gazetteer.KindContinent)
}

// admin1Country returns the country of the span's best candidate by base
// score when it is an admin-1 region, else "".
func (p *Parser) admin1Country(s *span) string {
	if b := p.top(s); b >= 0 && s.cands[b].Kind == gazetteer.KindAdmin1 {
		return s.cands[b].Country
	}
	return ""
}

// countyLists makes every item of a list of names before "counties" or
// "parishes" ("Becker, Clay and Douglas counties", "Barrow or Jackson
// counties") the counties of that name, where the gazetteer has some.
func countyLists(toks []token, spans []span, lc *lookupCache) error {
	for k := range spans {
		last := &spans[k]
		if last.te >= len(toks) || toks[last.te].kind != tokWord || last.suffix || last.county {
			continue
		}
		var suffix string
		switch toks[last.te].lower {
		case "counties":
			suffix = " county"
		case "parishes":
			suffix = " parish"
		default:
			continue
		}
		first := k
		for first > 0 && listedAfter(toks, &spans[first-1], &spans[first]) {
			first--
		}
		if first == k {
			continue // "Madison counties" alone is no list
		}
		for j := first; j <= k; j++ {
			s := &spans[j]
			key := s.key + suffix
			cands, err := lc.get(key)
			if err != nil {
				return err
			}
			counties := keepCandidates(cands, func(c *gazetteer.Candidate) bool { return c.Kind == gazetteer.KindAdmin2 })
			if len(counties) > 0 {
				s.key, s.cands, s.county, s.countyList = key, counties, true, true
			}
		}
	}
	return nil
}

// countyWordBefore returns the index of the "Co", "Co." or "County" that
// ends just before token i, or -1.
func countyWordBefore(toks []token, i int) int {
	j := i - 1
	if j >= 0 && toks[j].text == "." {
		j--
	}
	if j < 0 || toks[j].kind != tokWord || toks[j].text != "Co" && (toks[j].text != "County" || j < i-1) {
		return -1
	}
	return j
}

// countyPrefixes makes a name after "County" or "Co" ("County Kerry",
// "Co. Limerick", as Irish and British news write them) the regions of
// that name, where the gazetteer has some: not a town, and no part of a
// longer name.
func countyPrefixes(toks []token, spans []span) {
	for k := range spans {
		s := &spans[k]
		i := countyWordBefore(toks, s.ts)
		if i < 0 || s.suffix || s.county ||
			i > 0 && toks[i-1].kind == tokWord && toks[i-1].cap && toks[i-1].lower != "the" { // not "Orange County Kerry Road"
			continue
		}
		regions := keepCandidates(s.cands, func(c *gazetteer.Candidate) bool {
			return c.Kind == gazetteer.KindAdmin1 || c.Kind == gazetteer.KindAdmin2
		})
		if len(regions) > 0 {
			s.cands, s.county, s.countyList = regions, true, true
		}
	}
}

// dottedPair reports whether a token is two capitals each followed by a
// full stop ("B.J.", "P.M."): the tokenizer keeps the last full stop
// apart.
func dottedPair(t *token) bool {
	r := []rune(t.text)
	return len(r) == 3 && t.dotAfter && r[1] == '.' && unicode.IsUpper(r[0]) && unicode.IsUpper(r[2])
}

// initials reports whether a dotted pair of capitals is a person's
// initials, a time or an organisation rather than a place's abbreviation:
// it names places only by their codes ("T.R.", "P.M."), or only towns by
// the two letters of their names ("U.N.": Un, India), or it comes before
// a capitalised name and is neither a place's abbreviation nor a
// country's alias ("D.E. Paulk"; but "U.S. Army", "N.C. State").
func initials(toks []token, s *span) bool {
	if !slices.ContainsFunc(s.cands, func(c gazetteer.Candidate) bool { return c.Match != gazetteer.MatchCode }) {
		return true
	}
	if !anyAbbrevMatch(s.cands) && !slices.ContainsFunc(s.cands, func(c gazetteer.Candidate) bool { return c.Match == gazetteer.MatchAlt && isRegion(&c.Place) }) {
		return true // "the U.N. hopes": not Un, India, whose name it spells
	}
	k := s.te
	if k < len(toks) && toks[k].text == "." {
		k++
	}
	if k >= len(toks) || toks[k].kind != tokWord || !toks[k].cap {
		return false
	}
	return !slices.ContainsFunc(s.cands, func(c gazetteer.Candidate) bool {
		return c.Match == gazetteer.MatchAbbrev || c.Kind == gazetteer.KindCountry && c.Match != gazetteer.MatchCode
	})
}

// surnameLike reports whether a span is one word, or a saint's name
// written "St. Clair", as surnames are.
func surnameLike(toks []token, s *span) bool {
	switch s.te - s.ts {
	case 1:
		return true
	case 3:
		return (toks[s.ts].lower == "st" || toks[s.ts].lower == "ste") && toks[s.ts+1].text == "."
	}
	return false
}

// startsLower reports whether a word begins with a lower-case letter.
func startsLower(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}

// capitalsAround reports whether the word before or after a span is
// written in capitals too, as in a headline set in capitals.
func capitalsAround(toks []token, s *span) bool {
	for _, k := range [2]int{s.ts - 1, s.te} {
		if k >= 0 && k < len(toks) && toks[k].kind == tokWord && toks[k].upper {
			return true
		}
	}
	return false
}

// anyAbbrevMatch reports whether a candidate matched by an abbreviation
// or a code.
func anyAbbrevMatch(cs []gazetteer.Candidate) bool {
	return slices.ContainsFunc(cs, func(c gazetteer.Candidate) bool {
		return c.Match == gazetteer.MatchAbbrev || c.Match == gazetteer.MatchCode
	})
}

// currencyPrefix reports whether the word toks[i] is written against a
// dollar sign, as the code of a currency: "US$460 million", "CA$10.8",
// "$US10".
func currencyPrefix(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i+1].text == "$" && !toks[i+1].space ||
		i > 0 && toks[i-1].text == "$" && !toks[i].space
}

// listedAfter reports whether span b follows span a as the next item of a
// list: after a comma, "and", "or", or a comma and one of those.
func listedAfter(toks []token, a, b *span) bool {
	gap := toks[a.te:b.ts]
	switch len(gap) {
	case 1:
		return gap[0].kind == tokComma || isAnd(gap[0])
	case 2:
		return gap[0].kind == tokComma && isAnd(gap[1])
	}
	return false
}

// isAnd reports whether a token is "and" or "or".
func isAnd(t token) bool { return t.kind == tokWord && (t.lower == "and" || t.lower == "or") }

// newsAcronyms are all-capital words that name organisations, not places.
var newsAcronyms = set(`ap afp upi cnn bbc nbc abc cbs fox npr pbs espn fbi cia nsa dea atf irs fema cdc fda epa nasa
nato un eu who imf wto opec ceo cfo gop dnc rnc nfl nba mlb nhl ncaa sec acc tv am pm usa-today pga tsa dhs doj
gps usb pc ok id hq ii iii iv jr sr`)

// applyRules rejects the spans that are not places by their context and
// marks "City, State" qualifiers.
func (p *Parser) applyRules(toks []token, spans []span, lower map[string]bool) {
	persons := make(map[string]bool)
	// fullNames are the persons the article names in full, after a first
	// name, an initial or a title: only a plain locative use ("in
	// Steele") makes such a name a place elsewhere in the article
	fullNames := make(map[string]bool)
	prevWord := func(i int) *token {
		if i > 0 && (toks[i-1].kind == tokWord) {
			return &toks[i-1]
		}
		if i > 1 && toks[i-1].kind == tokPunct && toks[i-1].text == "." && toks[i-2].kind == tokWord {
			return &toks[i-2]
		}
		return nil
	}
	// "City, State" and "City, Country", but not inside a list of
	// regions ("Mexico, China, Japan", "Illinois, Missouri and Ohio")
	for k := 0; k+1 < len(spans); k++ {
		a, b := &spans[k], &spans[k+1]
		if b.countyList && !a.county && toks[a.te].kind == tokComma && countyWordBefore(toks, b.ts) == a.te+1 {
			// "Shannon, Co Clare", "Ennis, County Clare": the county
			// (see countyPrefixes) qualifies the town
			a.qual, b.qualOf = tokText(toks, b), true
			continue
		}
		if b.ts == a.te+1 && toks[a.te].kind == tokComma || b.ts == a.te+2 && toks[a.te].text == "." && toks[a.te+1].kind == tokComma {
			// (a list ends at its "and": "Texas and Washington, D.C." is
			// a list of two, the second qualified)
			listed := k > 0 && listedAfter(toks, &spans[k-1], a) && !isAnd(toks[a.ts-1]) && hasRegion(spans[k-1].cands) ||
				k+2 < len(spans) && listedAfter(toks, b, &spans[k+2]) && hasRegion(spans[k+2].cands)
			if hasRegion(b.cands) && !b.demonym && !a.demonym && !listed && !p.countryByCountry(a, b) &&
				!(b.te-b.ts == 1 && commonWords[toks[b.ts].lower]) { // not "Eastern Visayas, Region 8"
				a.qual = tokText(toks, b) // as written: "Ky." abbreviates, "KY" may be a code
				if b.dot {
					a.qual += "."
				}
				b.qualOf = true
			}
		}
	}
	// "Indonesia's Flores", "Taiwan's Taoyuan", "Spain's Valencia": a
	// country's or a region's possessive qualifies the place after it,
	// but not another country ("China's Taiwan Affairs Office" is no
	// town of China called Taiwan)
	for k := 0; k+1 < len(spans); k++ {
		a, b := &spans[k], &spans[k+1]
		if !a.poss && a.te < len(toks) && possessive(&toks[a.te]) && b.ts == a.te+1 && !a.demonym && p.topIsRegion(a) && !p.topIsCountry(b) {
			b.owner = tokText(toks, a)
		}
	}
	for k := range spans {
		s := &spans[k]
		before := k > 0 && listedAfter(toks, &spans[k-1], s)
		after := k+1 < len(spans) && listedAfter(toks, s, &spans[k+1])
		s.listed = before && p.topIsRegion(&spans[k-1]) || after && p.topIsRegion(&spans[k+1])
		s.amongCountries = before && p.topIsCountry(&spans[k-1]) || after && p.topIsCountry(&spans[k+1])
		if before {
			s.statesOf = p.admin1Country(&spans[k-1])
		}
		if after && s.statesOf == "" {
			s.statesOf = p.admin1Country(&spans[k+1])
		}
	}
	// names given to storms ("Hurricane Harvey", "Typhoon Haiyan"): the
	// storm throughout the article ("Harvey stalled over Texas")
	storms := map[string]bool{}
	for k := range spans {
		if s := &spans[k]; s.te-s.ts == 1 && s.ts > 0 && toks[s.ts-1].kind == tokWord && toks[s.ts-1].cap && stormWords[toks[s.ts-1].lower] {
			storms[s.key] = true
		}
	}
	bodyOf := -1 // a name that is part of the region's name before it
	for k := range spans {
		s := &spans[k]
		first := &toks[s.ts]
		single := s.te-s.ts == 1
		if s.countyList {
			continue // "Clarke, Madison and Oconee counties": counties
		}
		if k == bodyOf {
			s.reject = "inside a longer name"
			continue
		}
		if s.ts > 1 && toks[s.ts-1].kind == tokWord && !toks[s.ts-1].cap && nameParticles[toks[s.ts-1].lower] &&
			(toks[s.ts-2].kind == tokWord && toks[s.ts-2].cap || surnameParticles[toks[s.ts-1].lower]) && !hasCountry(s.cands) {
			// "Mocimboa da Praia", "Lula da Silva", "a da Vinci sketch":
			// the end of a longer name the gazetteer does not hold, not
			// Cape Verde's capital (a country stays: "the Tour de France")
			s.reject = "inside a longer name"
			continue
		}
		if single && s.te+1 < len(toks) && toks[s.te].kind == tokWord && !toks[s.te].cap && nameParticles[toks[s.te].lower] &&
			toks[s.te+1].kind == tokWord && toks[s.te+1].cap && !(nextIsSpanAt(spans, k, s.te+1) && inCountryOf(s.cands, spans[k+1].cands)) {
			// "the Stade de France", "Place de la Concorde": the start of
			// a longer name, not Stade in Lower Saxony ("Santiago de
			// Chile" keeps Santiago: it has a place in Chile)
			s.reject = "inside a longer name"
			continue
		}
		region := hasRegion(s.cands)
		country := hasCountry(s.cands) || p.topIsRegion(s)
		if single && len([]rune(first.text)) <= 3 && !strings.Contains(first.text, ".") {
			// A short token is a place only by a name or a well-known
			// abbreviation: not by an ISO code ("BA", "Mr"), nor, unless
			// written in capitals ("NYC"), by a short alternate name of a
			// town ("Inc", "Li").
			if cs := shortCandidates(s.cands, first.upper); len(cs) == 0 {
				s.reject = "code or short alternate name"
				continue
			} else {
				s.cands = cs
			}
		}
		s.state = saysState(toks, s)
		s.town = saysTown(toks, s)
		s.landform = s.te < len(toks) && toks[s.te].kind == tokWord && !toks[s.te].cap && landformNouns[toks[s.te].lower] ||
			s.ts > 1 && toks[s.ts-1].lower == "of" && toks[s.ts-2].kind == tokWord && !toks[s.ts-2].cap && landformNouns[toks[s.ts-2].lower] // "the island of Flores"
		s.school = s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].cap && schoolWords[toks[s.te].lower]
		s.resident = single && residentOf(toks, s)
		s.firstName = single && p.firstNames[s.key]
		s.locative = locativeUse(toks, s)
		s.word = single && p.words[first.lower]
		// a big capital's name near "said" stands for its government,
		// unless it is also a first name ("Victoria said")
		government := hasCapital(s.cands) && !s.firstName
		s.generic = s.te-s.ts == 2 && directionWords[first.lower] && genericHeads[toks[s.te-1].lower] ||
			single && directionWords[first.lower] || // "the Northwest", "the South"
			!single && wordsOf(toks[s.ts:s.te], directionWords) || // "the South West", "the North-East": Cameroon's and Botswana's regions only there
			single && isWaterWord(first.lower) // "the Gulf", "the Lakes": Papua New Guinea's and South Sudan's regions only there
		switch {
		case s.street && courtWords[first.lower] && (toks[s.te-1].lower == "court" || toks[s.te-1].lower == "ct"):
			// "Superior Court", "U.S. District Court, Southern District of
			// Ohio": a court of law, whatever follows its comma (but
			// "High Street", "State Street" are streets)
			s.reject = "court of law"
			continue
		case s.te-s.ts == 2 && directionWords[first.lower] && toks[s.te-1].lower == "district" &&
			s.te+1 < len(toks) && toks[s.te].lower == "of" && nextIsSpanAt(spans, k, s.te+1):
			// "the Southern District of New York": a district of the
			// place named after it (a federal court's), not Israel's
			// Southern District
			s.reject = "district of a place"
			continue
		case !single && !s.street && k > 0 && spans[k-1].te == s.ts && wordsOf(toks[s.ts:s.te], p.words):
			// "Jasper National Park, Alberta", "Toronto Union Station":
			// ordinary words right after a place's name end its longer
			// name (not National Park, New Jersey), though a region
			// follows
			s.reject = "inside a longer name"
			continue
		}
		if s.qual != "" || s.qualOf {
			continue
		}
		switch {
		case organisationNames[s.key]:
			s.reject = "organisation"
			continue
		case single && !region && (s.te+1 < len(toks) && toks[s.te].text == "&" && toks[s.te+1].cap ||
			s.ts > 1 && toks[s.ts-1].text == "&" && toks[s.ts-2].cap):
			// "Stevens & Wilkinson", "McPherson & Jacobsen": a firm
			// ("Trinidad & Tobago" keeps its countries)
			s.reject = "firm"
			continue
		case single && dottedPair(first) && initials(toks, s):
			// "B.J. Unthank", "B.B. King", "T.J. Health Hospital", "11:00
			// A.M.": a person's initials or the time, not a country's
			// code written with full stops (a qualifier such as "San
			// Juan, P.R." was kept above)
			s.reject = "initials"
			continue
		case single && first.upper && len(first.text) >= 3 && !first.sentStart && !strings.Contains(first.text, ".") &&
			!capitalsAround(toks, s) && !anyAbbrevMatch(s.cands):
			// "For more information on NICE", "the city's SWAT team": an
			// acronym. A place's name is written in capitals at the
			// start of a dateline ("CHARLESTON, W.Va. —") or in a line
			// of capitals, and a place's acronym is its abbreviation
			// ("USA", "NSW")
			s.reject = "acronym"
			continue
		case governmentSeats[s.key]:
			s.reject = "seat of a government"
			continue
		case single && storms[s.key]:
			s.reject = "storm name" // named after "Hurricane Harvey" in the article
			continue
		case s.te < len(toks) && toks[s.te].kind == tokWord && (diseaseWords[toks[s.te].lower] || strings.HasSuffix(toks[s.te].lower, "virus")),
			s.te+1 < len(toks) && toks[s.te].kind == tokWord && diseaseKinds[toks[s.te].lower] && toks[s.te+1].kind == tokWord && diseaseWords[toks[s.te+1].lower]:
			// ("Simian hemorrhagic fever virus", "Rocky Mountain spotted
			// fever": a kind of fever between)
			s.reject = "disease name"
			continue
		case single && !region && s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].cap && pactWords[toks[s.te].lower] &&
			!(s.te+1 < len(toks) && toks[s.te+1].kind == tokWord && toks[s.te+1].cap && venueWords[toks[s.te+1].lower]):
			// "the Paris Agreement", "the Stanley Cup", "the Kyoto
			// Protocol": a pact or a trophy named after a place or a
			// person, not where things happen (but "the Charleston
			// Convention Center")
			s.reject = "pact or trophy"
			continue
		case !single && (first.lower == "st" || first.lower == "saint" || first.lower == "ste") && (s.te+1 < len(toks) && toks[s.te].kind == tokPoss && toks[s.te+1].kind == tokWord ||
			s.poss && s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].cap):
			// "St. Patrick's Day", "St. Michael's Hospital", "St. John's
			// Lutheran School": a saint's possessive names a feast, a
			// church or an institution, not the towns named after him
			s.reject = "saint's name"
			continue
		case single && directionWords[first.lower] && s.te < len(toks) && toks[s.te].kind == tokWord && (startsWithDigit(toks[s.te].text) || ordinalWords[toks[s.te].lower]):
			// "Northwest 34th Street", "Southwest Eighth Avenue": the
			// quarter of a street's name, not a region
			s.reject = "street quarter"
			continue
		case s.te+1 < len(toks) && toks[s.te].kind == tokWord && (toks[s.te].lower == "agency" || toks[s.te].lower == "news" && toks[s.te+1].lower == "agency"),
			single && s.ts > 0 && toks[s.ts-1].kind == tokWord && toks[s.ts-1].lower == "agency" && !hasCountry(s.cands):
			// "Xinhua news agency reported", "the official news agency
			// Xinhua": the agency, not a place
			s.reject = "news agency"
			continue
		case single && !region && hyphenChain(toks, s.ts) >= 3:
			// "Johnson-Vaughn-Phelps Funeral Home": a firm of partners'
			// names, not Johnson County and Vaughn
			s.reject = "hyphenated name"
			continue
		case single && len([]rune(first.text)) <= 3 && s.te+1 < len(toks) && toks[s.te].kind == tokHyphen &&
			toks[s.te+1].kind == tokWord && (isNumber(toks[s.te+1].text) || toks[s.te+1].cap && !(nextIsSpanAt(spans, k, s.te+1) && hasRegion(spans[k+1].cands))):
			// "AK-47", "F-16", "Al-Ahram": the first part of a name, not
			// Alaska or Alabama ("US-Mexico" keeps both)
			s.reject = "hyphenated name"
			continue
		case single && s.firstName && s.te+1 < len(toks) && toks[s.te].kind == tokWord && toks[s.te].lower == "the" &&
			toks[s.te+1].kind == tokWord && toks[s.te+1].cap:
			// "Thomas the Tank Engine", "Alexander the Great"
			s.reject = "person's epithet"
			persons[s.key] = true
			continue
		case single && partyNames[first.lower] && s.te < len(toks) && toks[s.te].kind == tokWord && !toks[s.te].cap && partyNouns[toks[s.te].lower]:
			// "the Liberal government", "Labour councillors": a party
			s.reject = "party"
			continue
		case single && functionWords[first.lower] && !first.upper:
			s.reject = "function word"
			continue
		case single && first.upper && newsAcronyms[first.lower]:
			s.reject = "acronym"
			continue
		case single && first.upper && len([]rune(first.text)) <= 3 && !anyAbbrev(s.cands) && !hasRegion(s.cands) && !strings.Contains(first.text, "."):
			s.reject = "short capitals"
			continue
		}
		if single && len([]rune(first.text)) == 1 {
			s.reject = "initial"
			continue
		}
		if single && first.dotAfter && titleAbbrevs[first.lower] && s.te+1 < len(toks) && toks[s.te].text == "." &&
			toks[s.te+1].kind == tokWord && toks[s.te+1].cap && (!toks[s.te+1].sentStart || p.firstNames[toks[s.te+1].lower]) {
			// "U.S. Sens. Barbara Boxer", "Del. Brian J. Moran": a title
			// before a name, not Sens or Delaware
			s.reject = "title word"
			continue
		}
		if single && personTitles[first.lower] || !single && titlesOnly(toks[s.ts:s.te]) {
			// (and "The King and Queen will visit": no King and Queen
			// County, Virginia)
			s.reject = "title word"
			continue
		}
		if single && commonWords[first.lower] && !first.upper {
			if s.commonTown = commonTown(toks, s); !s.commonTown {
				s.reject = "common word"
				continue
			}
		}
		if single && first.sentStart && lower[first.lower] {
			s.reject = "lower case elsewhere"
			continue
		}
		if pw := prevWord(s.ts); pw != nil && personTitles[pw.lower] && pw.cap && !first.sentStart {
			s.reject = "title"
			switch surname := s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].cap; {
			case !surname:
				// "Mr. Steele": a surname, the person's throughout
				persons[s.key] = true
				fullNames[s.key] = true
			case !p.topIsCountry(s):
				// "Sen. Georgia Stevens": a first name, a person's
				// until the article writes it as a place
				persons[s.key] = true
			}
			// ("Defense Minister Israel Katz" leaves Israel a country)
			continue
		}
		if pw := prevWord(s.ts); pw != nil && pw.cap && !(p.headlineWord(pw) && !prevIsSpan(spans, k)) &&
			!(first.sentStart && toks[s.ts-1].kind == tokWord) && // (a line break between: a byline's name before a dateline)
			(!pw.sentStart || !lower[pw.lower]) && (!functionWords[pw.lower] || middleInitial(toks, s.ts)) && !directionWords[pw.lower] &&
			!connectors[pw.lower] && (toks[s.ts-1].kind == tokWord || len([]rune(pw.text)) == 1) &&
			(!prevIsSpan(spans, k) || surnameLike(toks, s) && !region && spans[k-1].te-spans[k-1].ts == 1 && p.firstNames[spans[k-1].key]) {
			// (after a first name that is also a place's name the name
			// is a surname: "Charles Webb", "Georgia Stevens")
			s.reject = "inside a longer name"
			if surnameLike(toks, s) && !hasCountry(s.cands) {
				persons[s.key] = true
				if p.firstNames[pw.lower] || middleInitial(toks, s.ts) {
					fullNames[s.key] = true // "Christopher Steele", "Tyrise M. Bell"
				}
			}
			continue
		}
		if s.ts > 1 && toks[s.ts-1].kind == tokHyphen && toks[s.ts-2].kind == tokWord && toks[s.ts-2].cap &&
			!(k > 0 && spans[k-1].te == s.ts-1 && spans[k-1].reject == "") && !partyLetters[toks[s.ts-2].text] &&
			!(single && p.topIsCountry(s)) {
			// (but "Rep. Barbara Lee, D-Oakland", "Sen. Tom Bakk,
			// DFL-Cook": a legislator's party and home; "the EU-Canada
			// trade deal": a country, no surname)
			s.reject = "hyphenated name"
			continue
		}
		if s.demonym {
			if orgFollows(toks, s.te) {
				s.reject = "demonym in a name"
			}
			continue
		}
		if single && anyDemonym(s.cands) && orgFollows(toks, s.te) {
			// "the Canadian Food Inspection Agency": an adjective that
			// is also a town's name ("Canadian", Texas) names no place
			// inside an organisation's name
			s.reject = "demonym in a name"
			continue
		}
		if single && !region && !country && possessorBefore(toks, s.ts) && maxPop(s.cands) < capitalPopulation &&
			!slices.ContainsFunc(s.cands, func(c gazetteer.Candidate) bool { return isCurated(c.Kind) }) &&
			!(k > 0 && spans[k-1].te == s.ts-1 && spans[k-1].reject == "") { // (not "Cambridge's Chesterton sports centre")
			// "Moore's Ford lynching", "Governors' Parkway": a small
			// place's name after a possessive that is no place is part
			// of a longer name (but "London's Heathrow", "the FBI's
			// Atlanta office")
			s.reject = "after a possessive"
			continue
		}
		if modelYearBefore(toks, s.ts) {
			// "a 2003 Honda Accord", "her 1993 brown Cadillac": a make
			// or model of that year, not Honda, Colombia
			s.reject = "model of a year"
			continue
		}
		if single && s.firstName && kinBefore(toks, s.ts) {
			// "her daughter, Brittany", "his son Jordan"
			s.reject = "relative"
			persons[s.key] = true
			continue
		}
		if pw := prevWord(s.ts); pw != nil && single && !country && !government && personObjectVerbs[pw.lower] && toks[s.ts-1].kind == tokWord &&
			!(s.te < len(toks) && (toks[s.te].kind == tokWord && !functionWords[toks[s.te].lower] || possessive(&toks[s.te]))) {
			// "stabbed Welch", "killing Corbin and another teen": the one
			// harmed or judged is a person (not "killed Texas ranchers",
			// "shot Homs' mayor")
			s.reject = "person as object"
			persons[s.key] = true
			fullNames[s.key] = true // as sure a sign as a first name: only "in Welch" makes it a place again
			continue
		}
		if pw := prevWord(s.ts); pw != nil && saidWords[pw.lower] && single && !country && !government && maxPop(s.cands) < saidCityPopulation &&
			!(s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].cap && titleAfter[toks[s.te].lower]) { // not "said Montreal Mayor Denis Coderre"
			s.reject = "said person"
			persons[s.key] = true
			continue
		}
		if s.te < len(toks) {
			nx := &toks[s.te]
			if single && unitNumberAt(toks, s.te) {
				// "Lot No. 15", "Unit #4": a numbered lot or unit of an
				// address, not the French département
				s.reject = "numbered unit"
				continue
			}
			// (a club is "United" after its town's name when no other
			// name follows: "Manchester United beat Leeds", not
			// "Springfield United Methodist Church"; and "City", when the
			// gazetteer knows no town of that longer name: "Manchester
			// City lost", not "Kansas City", "Springfield City Schools")
			if nx.kind == tokWord && nx.cap && (newsNames[nx.lower] ||
				(nx.lower == "united" || nx.lower == "city" && !hasCountry(s.cands)) && !(s.te+1 < len(toks) && toks[s.te+1].kind == tokWord && toks[s.te+1].cap)) {
				s.reject = "newspaper or team"
				continue
			}
			if nx.kind == tokWord && nx.cap && companyWords[nx.lower] && !region {
				s.reject = "company or group"
				continue
			}
			if kind := thingsNamedAfter[nx.lower]; kind != "" && single && nx.kind == tokWord && !nx.cap && !region && !country {
				// "Brussels sprouts", "Dijon mustard", "Brent crude": a
				// food or a grade of oil named after a town or a field
				s.reject = kind
				continue
			}
			if nx.kind == tokWord && (nx.lower == "family" || nx.lower == "families") && single && !region {
				s.reject = "family name"
				persons[s.key] = true
				continue
			}
			if nx.kind == tokWord && !nx.cap && (nx.lower == "administration" || nx.lower == "administrations" || nx.lower == "presidency") && single && !region {
				// "the Obama administration": a head of government's name
				s.reject = "head of government"
				persons[s.key] = true
				continue
			}
			if nx.kind == tokWord && nx.cap && (nx.lower == "jr" || nx.lower == "sr") && !orgFollows(toks, s.te) && single && !region {
				// "Bush Jr", "Bush Sr. and his secretary"
				s.reject = "person's name suffix"
				persons[s.key] = true
				continue
			}
			// a country's or a state's name before a name is the region's
			// event or body — "the Tennessee Senior Olympics" — unless it
			// is also a first name: "Georgia Stevens"
			regionBody := p.topIsRegion(s) && !s.firstName && !s.demonym && !anyDemonym(s.cands) &&
				!(nextIsSpanAt(spans, k, s.te) && hasRegion(spans[k+1].cands)) // not "Far North Queensland": a part of the region after it
			if regionBody && nextIsSpanAt(spans, k, s.te) && spans[k+1].te-spans[k+1].ts == 1 && !nx.sentStart {
				// the name after it is part of that name, no place of its
				// own ("Indiana Jones"; not across a line: "CANADA" over
				// "Toronto and Montreal")
				bodyOf = k + 1
			}
			if !(orgFollows(toks, s.te)) && nx.kind == tokWord && nx.cap && !nx.sentStart && !(p.headlineWord(nx) && !nextIsSpanAt(spans, k, s.te)) && !(titleAfter[nx.lower] && (region || s.te-s.ts > 1 || maxPop(s.cands) >= 50000)) && !s.suffix && !s.county &&
				!regionBody && !timex.IsWeekday(nx.lower) && !timex.IsDate(toks[s.te].text, nextText(toks, s.te)) && !functionWords[nx.lower] &&
				!(first.upper && first.sentStart && !nx.upper) { // (a dateline in capitals: "WASHINGTON Christopher Steele, who wrote")
				// ("in Fargo Sunday", "in Clinton April 4": the day it
				// happened; "in Benson These highways": a full stop missing)
				s.reject = "followed by a name"
				if single && p.firstNames[s.key] && (!region || surnameAt(toks, spans, k, s.te)) {
					// "Jordan Henderson": a first name and a surname;
					// a region's name only before a plain surname
					// ("Georgia Stevens", not "Georgia Tech" or "Georgia
					// Southern University")
					persons[s.key] = true
				}
				continue
			}
			if nx.kind == tokHyphen && s.te+1 < len(toks) && toks[s.te+1].kind == tokWord && toks[s.te+1].cap && !nextIsSpanAt(spans, k, s.te+1) {
				s.reject = "hyphenated name"
				continue
			}
			// "Flores, 26, had just left": an age follows a person's name
			if nx.kind == tokComma && single && !country && s.te+2 < len(toks) && isNumber(toks[s.te+1].text) && toks[s.te+2].kind == tokComma {
				s.reject = "person age"
				persons[s.key] = true
				continue
			}
			if nx.kind == tokWord && saidWords[nx.lower] && surnameLike(toks, s) && !hasCountry(s.cands) && !government && !placeUse(toks, s) &&
				!inLocativeList(toks, spans, k) {
				// (not "officials in Mahikeng and Rustenburg said": the
				// last of a list of places after "in")
				s.reject = "person says"
				persons[s.key] = true
				continue
			}
		}
	}
	// one sense per discourse: a name used for a person is one throughout,
	// unless the article also writes it as a place ("in Fargo"); a name
	// given in full is a person's unless written as a place plainly
	// ("in Steele"), not by "associates of Steele" or "into Bell's back";
	// an item of a list after "in" is written as a place too ("officials
	// in Sparta, Athens and Manchester" beside "Sen. Carol Athens")
	for k := range spans {
		s := &spans[k]
		if s.te-s.ts != 1 || !persons[s.key] {
			continue
		}
		listed := inLocativeList(toks, spans, k)
		if (placeUse(toks, s) || placeNounAfter(toks, s) || listed) && (!fullNames[s.key] || locativeUse(toks, s) || listed) {
			delete(persons, s.key)
		}
	}
	for k := range spans {
		s := &spans[k]
		if s.reject == "" && persons[s.key] && s.qual == "" && !s.qualOf && surnameLike(toks, s) {
			s.reject = "person elsewhere"
		}
	}
	inQualifiers(toks, spans)
	for k := 0; k+1 < len(spans); k++ {
		// "Cooper Street in Arlington", "Main Street, Tipperary", "the
		// turnpike near Toledo", "Interstate 70 between Terre Haute and
		// Indianapolis": the street's town
		a, b := &spans[k], &spans[k+1]
		if a.street && b.reject == "" && !b.street && (b.ts == a.te+1 && (toks[a.te].kind == tokComma || streetTownWords[toks[a.te].lower])) {
			a.townAfter = k + 1
		}
	}
}

// modelYearBefore reports whether token i follows a year that follows
// "a" or a possessive, with at most two words between: "a 2003 Honda
// Accord" (for Honda and for Accord), "her 1993 brown Cadillac".
func modelYearBefore(toks []token, i int) bool {
	lower := 0 // lower-case words between: a colour, not "a 2000 graduate of Fort Mill"
	for k := i - 1; k >= 1 && k >= i-3; k-- {
		t := &toks[k]
		if t.kind != tokWord {
			return false
		}
		if len(t.text) == 4 && isNumber(t.text) && (t.text[:2] == "19" || t.text[:2] == "20") {
			return toks[k-1].kind == tokWord && modelDeterminers[toks[k-1].lower]
		}
		if !t.cap {
			if lower++; lower > 1 || functionWords[t.lower] || connectors[t.lower] {
				return false
			}
		}
	}
	return false
}

// modelDeterminers come before the year of a car's or a product's model.
var modelDeterminers = set(`a an his her their its my our your`)

// kinBefore reports whether a word for a relative comes before token i,
// with or without a comma: "her daughter, Brittany".
func kinBefore(toks []token, i int) bool {
	k := i - 1
	if k > 0 && toks[k].kind == tokComma {
		k--
	}
	return k >= 0 && toks[k].kind == tokWord && !toks[k].cap && kinNouns[toks[k].lower]
}

// kinNouns are words for relatives, before their first names.
var kinNouns = set(`daughter son wife husband mother father brother sister grandson granddaughter grandmother
grandfather niece nephew cousin aunt uncle girlfriend boyfriend fiance fiancee fiancé fiancée widow widower
stepson stepdaughter stepfather stepmother daughters sons children child baby`)

// residentOf reports whether a span stands between "a" and a word for a
// person ("a Lebanon woman", "an Athens teen").
func residentOf(toks []token, s *span) bool {
	return s.ts > 0 && toks[s.ts-1].kind == tokWord && (toks[s.ts-1].lower == "a" || toks[s.ts-1].lower == "an") &&
		s.te < len(toks) && toks[s.te].kind == tokWord && !toks[s.te].cap && residentNouns[toks[s.te].lower]
}

// residentNouns are the words for a person that a town's name qualifies.
var residentNouns = set(`man woman boy girl teen teenager youth couple resident native student mother father
driver motorist businessman businesswoman`)

// nextText returns the text of the token after i, "" at the end.
func nextText(toks []token, i int) string {
	if i+1 < len(toks) {
		return toks[i+1].text
	}
	return ""
}

// placeNounAfter reports whether a span is followed by a noun that a
// place's name qualifies ("Gainesville residents", "the Richmond area").
func placeNounAfter(toks []token, s *span) bool {
	return s.te < len(toks) && toks[s.te].kind == tokWord && !toks[s.te].cap && placeNouns[toks[s.te].lower]
}

// placeNouns follow a place's name used as a noun's modifier.
var placeNouns = set(`resident residents area city town county native natives neighborhood neighbourhood neighborhoods
downtown suburb suburbs metro voters homeowners`)

// inQualifiers marks the region after ", in" as the qualifier of the place
// before it, as a comma alone does ("Austin, in Scott County, Indiana";
// "Aleppo, in northern Syria"): the region is the one the region names,
// or the qualifier of a county named there. Only places the rules kept
// are qualified, so "said Smith, in Texas" makes no place of Smith.
func inQualifiers(toks []token, spans []span) {
	for k := 0; k+1 < len(spans); k++ {
		a, b := &spans[k], &spans[k+1]
		if a.reject != "" || b.reject != "" || a.qual != "" || a.qualOf || a.te+1 >= len(toks) ||
			toks[a.te].kind != tokComma || toks[a.te+1].kind != tokWord || toks[a.te+1].text != "in" {
			continue
		}
		switch gap := b.ts - a.te; {
		case gap == 2:
		case gap == 3 && toks[a.te+2].kind == tokWord && !toks[a.te+2].cap && directionWords[toks[a.te+2].lower]:
		default:
			continue
		}
		switch {
		case hasRegion(b.cands) && !b.demonym:
			a.qual = tokText(toks, b)
			if b.dot {
				a.qual += "."
			}
		case b.county && b.qual != "":
			a.qual = b.qual
		}
	}
}

// inCountryOf reports whether some candidate of cs lies in a country
// that a candidate of country is.
func inCountryOf(cs, country []gazetteer.Candidate) bool {
	for i := range country {
		if country[i].Kind == gazetteer.KindCountry && slices.ContainsFunc(cs, func(c gazetteer.Candidate) bool { return c.Country == country[i].Country }) {
			return true
		}
	}
	return false
}

// titlesOnly reports whether the tokens are persons' titles joined by
// "and" ("King and Queen", "Prince and Princess").
func titlesOnly(toks []token) bool {
	for i := range toks {
		if t := &toks[i]; t.kind != tokWord || !(personTitles[t.lower] || i > 0 && t.lower == "and") {
			return false
		}
	}
	return true
}

// wordsOf reports whether the tokens are words of the set, joined or not
// by hyphens: "South West", "North-East" of the directions, "National
// Park" of the common words.
func wordsOf(toks []token, words map[string]bool) bool {
	for i := range toks {
		if t := &toks[i]; !(t.kind == tokWord && words[t.lower] || t.kind == tokHyphen && i > 0) {
			return false
		}
	}
	return true
}

// possessorBefore reports whether a capitalised word's possessive ends
// just before token i: "Moore's", "Governors'".
func possessorBefore(toks []token, i int) bool {
	if i < 2 {
		return false
	}
	p, w := &toks[i-1], &toks[i-2]
	return possessive(p) && w.kind == tokWord && w.cap
}

// possessive reports whether a token is a possessive: "'s", or the
// apostrophe after a plural ("Governors'").
func possessive(t *token) bool { return t.kind == tokPoss || t.text == "'" || t.text == "’" }

func prevIsSpan(spans []span, k int) bool {
	return k > 0 && spans[k-1].te == spans[k].ts && spans[k-1].reject == ""
}

func nextIsSpan(spans []span, k int) bool {
	return k+1 < len(spans) && spans[k+1].ts == spans[k].te
}

func tokText(toks []token, s *span) string {
	var b strings.Builder
	for i := s.ts; i < s.te; i++ {
		if i > s.ts && toks[i].space {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i].text)
	}
	return b.String()
}

// commonTown reports whether a common word that is the name of a city
// ("Mobile", "Nice", "Reading") is written as a place: capitalised after
// a preposition of place inside a sentence ("in Mobile", "from Reading to
// London"), not a month or a day ("in March"), and a town of
// commonTownPopulation or more.
func commonTown(toks []token, s *span) bool {
	t := &toks[s.ts]
	return !t.sentStart && placeUse(toks, s) && toks[s.ts-1].lower != "of" && toks[s.ts-1].lower != "the" && !calendarWords[t.lower] &&
		!(s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].cap) && // not "from Union Carbide"
		maxPop(s.cands) >= commonTownPopulation
}

// commonTownPopulation is the least population of a town whose name, a
// common word, is a place after a preposition of place.
const commonTownPopulation = 50_000

// calendarWords are the months, days, seasons and feasts among the
// common words: "in March" is a time.
var calendarWords = set(`january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter christmas easter`)

// maxPop returns the largest population among the candidates.
func maxPop(cs []gazetteer.Candidate) int64 {
	var m int64
	for i := range cs {
		m = max(m, cs[i].Population)
	}
	return m
}

// surnameAt reports whether the word at i reads as a surname after a
// first name: one capitalised word ending the name, neither a company or
// organisation word nor the name of a region.
func surnameAt(toks []token, spans []span, k, i int) bool {
	t := &toks[i]
	if t.kind != tokWord || !t.cap || t.upper || companyWords[t.lower] || orgWords[t.lower] || titleAfter[t.lower] {
		return false
	}
	if i+1 < len(toks) && toks[i+1].kind == tokWord && toks[i+1].cap {
		return false
	}
	return !(nextIsSpanAt(spans, k, i) && hasRegion(spans[k+1].cands))
}

func nextIsSpanAt(spans []span, k, ts int) bool {
	return k+1 < len(spans) && spans[k+1].ts == ts
}

// unitNumberAt reports whether a number sign and a number begin at token
// i: "No. 15", "No 7", "#4".
func unitNumberAt(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	switch {
	case toks[i].kind == tokWord && toks[i].text == "No":
		i++
		if i < len(toks) && toks[i].text == "." {
			i++
		}
	case toks[i].text == "#":
		i++
	default:
		return false
	}
	return i < len(toks) && toks[i].kind == tokWord && isNumber(toks[i].text)
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// anyAbbrev reports whether some candidate matched as an abbreviation.
func anyAbbrev(cs []gazetteer.Candidate) bool {
	for i := range cs {
		if cs[i].Match == gazetteer.MatchAbbrev {
			return true
		}
	}
	return false
}

// shortCandidates returns the candidates of a short token that are not
// matched by an ISO code, nor by a town's alternate name unless the token
// is written in capitals. It returns cs itself when it drops none.
func shortCandidates(cs []gazetteer.Candidate, upper bool) []gazetteer.Candidate {
	drop := func(c *gazetteer.Candidate) bool {
		return c.Match == gazetteer.MatchCode || !upper && c.Match == gazetteer.MatchAlt && c.Kind == gazetteer.KindSettlement
	}
	n := 0
	for i := range cs {
		if !drop(&cs[i]) {
			n++
		}
	}
	if n == len(cs) {
		return cs
	}
	out := make([]gazetteer.Candidate, 0, n)
	for i := range cs {
		if !drop(&cs[i]) {
			out = append(out, cs[i])
		}
	}
	return out
}

// saysState reports whether the text calls the span a state: "New York
// State", "New York state", "the state of New York".
func saysState(toks []token, s *span) bool {
	if s.te < len(toks) && toks[s.te].kind == tokWord && toks[s.te].lower == "state" {
		return true
	}
	return s.ts >= 2 && toks[s.ts-1].kind == tokWord && toks[s.ts-1].lower == "of" &&
		toks[s.ts-2].kind == tokWord && toks[s.ts-2].lower == "state"
}

// saysTown reports whether the text calls the span a town: "the city of
// Turkey", "the small farming town of Jordan", "the City of Paris" — but
// not "the capital city of Turkey" or "the largest town of Canada", where
// the name is the country the town is in.
func saysTown(toks []token, s *span) bool {
	k := s.ts - 2 // the noun before "of"
	if k < 0 || toks[k+1].kind != tokWord || toks[k+1].lower != "of" || toks[k].kind != tokWord || !townNouns[toks[k].lower] {
		return false
	}
	if toks[k].cap && !toks[k].sentStart {
		return true // "the City of Turkey": the municipality
	}
	for j := k - 1; j >= 0 && j >= k-4 && toks[j].kind == tokWord && !toks[j].cap; j-- {
		w := toks[j].lower
		switch {
		case w == "the" || w == "a" || w == "an" || w == "this" || w == "that":
			return true
		case rankWords[w] || strings.HasSuffix(w, "est"):
			return false // "the largest city of", "the capital city of"
		}
	}
	return false
}

// orgFollows reports whether the capitalised words from token i on name
// an institution of the place before them ("Gainesville Police
// Department", "Georgia Bureau of Investigation").
// "Jr." and "Sr." end a person's name ("George Bush Jr.") unless a
// school's "High" follows ("Lincoln Jr. High").
func orgFollows(toks []token, i int) bool {
	for j := i; j < len(toks) && j < i+5; j++ {
		t := &toks[j]
		if t.kind != tokWord || !(t.cap || connectors[t.lower]) {
			return false
		}
		if nameSuffixes[t.lower] {
			k := j + 1
			if k < len(toks) && toks[k].text == "." {
				k++
			}
			return k < len(toks) && toks[k].kind == tokWord && toks[k].lower == "high"
		}
		if orgWords[t.lower] {
			return true
		}
	}
	return false
}

// nameSuffixes end a person's name: "Bush Jr", "Henry VIII".
var nameSuffixes = set(`jr sr ii iii iv`)

// hasCountry reports whether any candidate is a country.
func hasCountry(cs []gazetteer.Candidate) bool {
	for i := range cs {
		if cs[i].Kind == gazetteer.KindCountry {
			return true
		}
	}
	return false
}

// hasPlaceSuffix reports whether one of the tokens is County, Parish or
// another word that ends a place's name.
// oneName reports whether the words before a county's or a street's
// suffix are one name: no "and", "of" or "on" joins two ("Main Street and
// Abbey Street" are two streets; "Judge Hoover of New Kent County" a judge
// and a county).
func oneName(toks []token) bool {
	for i := range toks {
		if t := &toks[i]; t.text == "&" || t.kind == tokWord && !t.cap && connectors[t.lower] {
			return false
		}
	}
	return true
}

// knownCounty reports whether the gazetteer knows the words from token i
// to before token e as the name of a county (an admin-2 area).
func knownCounty(lc *lookupCache, rs []rune, toks []token, i, e int) bool {
	cands, err := lc.get(gazetteer.Fold(string(rs[toks[i].start:toks[e-1].end])))
	return err == nil && slices.ContainsFunc(cands, func(c gazetteer.Candidate) bool { return c.Kind == gazetteer.KindAdmin2 })
}

// placeOwns reports whether the words from token i to before token e
// begin with a place's possessive: "California's Alameda County", "Ohio's
// Route 33" are a place and a county or road of it, not one name. The
// possessor is a region, or a town of ownerPopulation or more ("Houston's
// Harris County"); a county name the gazetteer does not know is rarely
// written with a possessive of its own ("Prince George's County" is
// known).
func placeOwns(lc *lookupCache, rs []rune, toks []token, i, e int) bool {
	for p := i + 1; p < e; p++ {
		if !possessive(&toks[p]) {
			continue
		}
		cands, err := lc.get(gazetteer.Fold(string(rs[toks[i].start:toks[p-1].end])))
		return err == nil && slices.ContainsFunc(cands, func(c gazetteer.Candidate) bool {
			return c.Kind == gazetteer.KindCountry || c.Kind == gazetteer.KindAdmin1 || c.Kind == gazetteer.KindAdmin2 ||
				c.Kind == gazetteer.KindSettlement && c.Population >= ownerPopulation
		})
	}
	return false
}

// ownerPopulation is the least population of a town whose possessive
// begins a longer name (see placeOwns).
const ownerPopulation = 100_000

func hasPlaceSuffix(toks []token) bool {
	for i := range toks {
		if toks[i].kind == tokWord && placeSuffixes[toks[i].lower] {
			return true
		}
	}
	return false
}

// middleInitial reports whether the name at i follows a name and an
// initial ("Tyrise M. Bell", "George W Bush"), not an abbreviation alone
// ("W. Columbia").
func middleInitial(toks []token, i int) bool {
	j := i - 1
	if j >= 0 && toks[j].kind == tokPunct && toks[j].text == "." {
		j--
	}
	if j < 1 || toks[j].kind != tokWord || len([]rune(toks[j].text)) != 1 || !toks[j].cap {
		return false
	}
	w := &toks[j-1]
	return w.kind == tokWord && w.cap && !w.upper && len([]rune(w.text)) > 1
}

// hyphenChain returns how many capitalised words the hyphens around
// token i join into one, i's own included ("Johnson-Vaughn-Phelps": 3).
func hyphenChain(toks []token, i int) int {
	n := 1
	for j := i; j >= 2 && toks[j-1].kind == tokHyphen && toks[j-2].kind == tokWord && toks[j-2].cap; j -= 2 {
		n++
	}
	for j := i; j+2 < len(toks) && toks[j+1].kind == tokHyphen && toks[j+2].kind == tokWord && toks[j+2].cap; j += 2 {
		n++
	}
	return n
}

// headlineWord reports whether a capitalised word in a headline says
// nothing of a longer name around the place next to it: an ordinary
// English word in title case ("Small" in "Fire Destroys Church in Small
// Ohio Town"), any word but a first name in capitals ("BRACES" in
// "HOUSTON BRACES FOR RAIN"). Its callers keep a word that begins or
// ends a name itself ("SOUTH TEXAS").
func (p *Parser) headlineWord(t *token) bool {
	return t.headline && (t.upper || p.words[t.lower]) && !p.firstNames[t.lower]
}

// inLocativeList reports whether span k ends a list of places kept so
// far that a preposition of location begins: "in Mahikeng and
// Rustenburg", "near Ames, Boone or Perry".
func inLocativeList(toks []token, spans []span, k int) bool {
	for j := k; j > 0 && listedAfter(toks, &spans[j-1], &spans[j]) && spans[j-1].reject == "" && !spans[j-1].qualOf; j-- {
		// (a qualifier ends the list: "in Davos, Switzerland, Lagarde
		// said" lists no Lagarde)
		if locativeUse(toks, &spans[j-1]) {
			return true
		}
	}
	return false
}

// locativeUse reports whether a span follows a preposition of location
// ("in", "at", "near") and is not a possessive ("in Flores' honor").
func locativeUse(toks []token, s *span) bool {
	if s.ts == 0 || toks[s.ts-1].kind != tokWord || !locativePreps[toks[s.ts-1].lower] {
		return false
	}
	if s.te < len(toks) {
		if nx := &toks[s.te]; possessive(nx) || nx.kind == tokWord && caseNouns[nx.lower] {
			// (not "in Fairfield hearing", "in Smith murder trial": a
			// person's case)
			return false
		}
	}
	return true
}

// caseNouns after a person's surname make it the person's case, not a
// place: "new twist in Fairfield hearing".
var caseNouns = set(`hearing hearings trial trials case cases murder murders death deaths killing killings slaying slayings
shooting shootings stabbing sentencing verdict probe investigation lawsuit suit appeal testimony arraignment
indictment scandal affair disappearance abduction kidnapping rape assault`)

// locativePreps put a place after them rather than a person.
var locativePreps = set(`in at near outside inside through throughout across around via`)

// placeUse reports whether a span follows a preposition of place or "of"
// ("in Fargo", "residents of Gainesville said"): a use as a place, not as
// a person's name. "Between" joins people as often as places ("talks
// between Bush and Gore"), and after "of", "from" or "to" a possessive
// is a person's more often than a place's ("some of Steele's reports",
// "has come from Georgia's hard work"); neither counts.
func placeUse(toks []token, s *span) bool {
	if s.ts == 0 || toks[s.ts-1].kind != tokWord {
		return false
	}
	switch pw := toks[s.ts-1].lower; pw {
	case "between":
		return false
	case "the":
		// "deforestation in the Amazon", "across the Sahel"
		return s.ts > 1 && toks[s.ts-2].kind == tokWord && placePreps[toks[s.ts-2].lower]
	case "of", "from", "to":
		return s.te >= len(toks) || toks[s.te].kind != tokPoss
	default:
		return placePreps[pw]
	}
}
