// Package geoparse finds the places an article names, puts each on the
// earth and dates what happened there.
//
// Recognition tokenises the text and, at every capitalised word, looks up
// the longest run of words that the gazetteer knows ("Gulf of Mexico",
// "St. Louis", "U.S."), or that ends in "County" or "Parish"; rules then
// reject the runs that are not places here: common words and sentence
// starts ("March", "Hope"), names after a title ("Mr. Chase", "President
// Washington"), names inside longer names ("George Washington", "Ohio
// State University"), a person's name elsewhere in the article. A learned
// span classifier (Model.Spans, a logistic model over the span's form and
// context: capitals, first names, demonyms used as adjectives, the words
// around it, population, whether the article's other names share its
// region) then rejects the kept spans it finds unlikely to be places.
//
// Resolution chooses a candidate for every name (one sense per name per
// article) with a learned ranker (Model, trained by Train from SeedModel;
// DefaultModel is generated from the evaluation corpora): a conditional
// logit over features of the candidate (the gazetteer's score,
// population, kind) and of the article (the countries and regions the
// rest of it names, the dateline, closeness to the other places);
// "City, State" patterns, the user's own choices (Hints) and a few rules
// for famous names decide outright. Each choice gets a calibrated
// confidence and runners-up.
//
// Dating splits the text into sentences, finds time expressions with
// package timex and turns every (place, sentence) into an Event dated by
// the nearest expression in the sentence, or else by the article's date.
//
// Offsets are runes (Unicode code points) of the text.
package geoparse

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"eventmap/assets"
	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse/timex"
)

// Options configures a Parser.
type Options struct {
	// NoDemonyms leaves adjectives and demonyms ("Russian", "Texan")
	// out of the mentions. By default they are reported as mentions of
	// the place they stand for.
	NoDemonyms bool
	// Alternatives is how many runners-up a mention keeps (default 3).
	Alternatives int
	// Logger, when set, receives debug records of rejected spans.
	Logger *slog.Logger
	// Model is the resolver's model; nil for the one trained on the
	// evaluation corpora and embedded in the program (DefaultModel).
	Model *Model
}

// Parser geoparses texts against a gazetteer. It is safe for concurrent
// use.
type Parser struct {
	g     *gazetteer.Gazetteer
	opt   Options
	model *Model
	// firstNames are common first names (folded): a place name that is
	// one needs the article's support (see resolve).
	firstNames map[string]bool
	// words are the most common English words: a capital may only begin
	// the sentence ("Salt trucks were deployed").
	words map[string]bool
}

// ErrNoGazetteer is returned by Parse when the parser has no gazetteer.
var ErrNoGazetteer = errors.New("geoparse: no gazetteer")

// New returns a parser over the gazetteer g.
func New(g *gazetteer.Gazetteer, opt Options) *Parser {
	if opt.Alternatives <= 0 {
		opt.Alternatives = 3
	}
	m := opt.Model
	if m == nil {
		d := DefaultModel()
		m = &d
	}
	return &Parser{g: g, opt: opt, model: m, firstNames: firstNameSet(), words: englishWords()}
}

// firstNameSet and englishWords are the embedded lists of first names and
// of common English words, each read once for all parsers (training makes
// hundreds).
var (
	firstNameSet = sync.OnceValue(func() map[string]bool { return wordSet(assets.FirstNames()) })
	englishWords = sync.OnceValue(func() map[string]bool { return wordSet(assets.CommonWords()) })
)

// wordSet reads a list of words, one a line, skipping the lines that
// begin with "#".
func wordSet(list string) map[string]bool {
	m := make(map[string]bool, strings.Count(list, "\n")+1)
	for line := range strings.Lines(list) {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
}

// Alternative is a runner-up place for a mention.
type Alternative struct {
	Place      gazetteer.Place `json:"place"`
	Confidence float64         `json:"confidence"`
}

// Mention is one place name found in the text and the place chosen for it.
type Mention struct {
	Start int    `json:"start"` // rune offset of the name
	End   int    `json:"end"`   // rune offset just after it
	Text  string `json:"text"`  // the name as written
	// Place is the chosen place.
	Place gazetteer.Place `json:"place"`
	// Confidence is the probability the resolver gives Place, in [0, 1].
	Confidence float64 `json:"confidence"`
	// Alternatives are the runners-up, best first.
	Alternatives []Alternative `json:"alternatives,omitempty"`
	// Demonym is true for an adjective or demonym ("Russian").
	Demonym bool `json:"demonym,omitempty"`
}

// Event is a place named in a sentence, with the date the sentence gives
// it.
type Event struct {
	Mention   int             `json:"mention"` // index of the first mention in Result.Mentions
	Place     gazetteer.Place `json:"place"`
	Sentence  timex.Span      `json:"sentence"`  // the sentence, in runes
	Date      time.Time       `json:"date"`      // zero when neither the sentence nor the article gives one
	Precision timex.Precision `json:"precision"` // how much of Date is known
	// DateText is the time expression the date comes from; "" when it is
	// the article's date.
	DateText string `json:"date_text,omitempty"`
}

// Result is what Parse finds in a text.
type Result struct {
	// Date is the article date used: the one given, or the first full
	// date near the top of the text.
	Date     time.Time `json:"date"`
	Mentions []Mention `json:"mentions"`
	Events   []Event   `json:"events"`
}

// Parse geoparses text. date is the article's date (zero when unknown:
// then the first full date in the first lines is used, if any).
func (p *Parser) Parse(ctx context.Context, text string, date time.Time) (*Result, error) {
	return p.parse(ctx, text, date, nil, nil)
}

// Hints are what the user's own store says about an article's names, from
// earlier articles of the same source.
type Hints struct {
	// Senses maps a name, folded with gazetteer.Fold, to the gazetteer id
	// of the place the user chose for it by hand (a correction). A hinted
	// name takes its place, with confidence 1, whether or not the
	// gazetteer's lookup of the name finds it, and counts as certain
	// context for the article's other names.
	Senses map[string]int64
	// Seen maps a name, folded with gazetteer.Fold, to the places earlier
	// articles of the source were given for it: gazetteer id to the number
	// of those articles. It raises those senses through a feature of the
	// learned ranker; it decides nothing on its own.
	Seen map[string]map[int64]int
}

// ParseWithHints is Parse with the user's hints (nil for none). The app,
// ingest and geoparse call it with what their store holds.
func (p *Parser) ParseWithHints(ctx context.Context, text string, date time.Time, h *Hints) (*Result, error) {
	return p.parse(ctx, text, date, nil, h)
}

// recorder receives, for training, the features of the candidates of a
// name the context decides (fs, in the last round of resolution; nil
// once the name is finally resolved), with the spans of the text.
type recorder func(spans []span, g *group, fs []features)

// parse is Parse, handing the resolver's features to rec when it is set.
func (p *Parser) parse(ctx context.Context, text string, date time.Time, rec recorder, h *Hints) (*Result, error) {
	if p.g == nil {
		return nil, ErrNoGazetteer
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	rs := []rune(text)
	lc := &lookupCache{g: p.g, m: make(map[string][]gazetteer.Candidate)}
	toks, spans, err := p.recognize(rs, lc)
	if err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	if p.opt.Logger != nil {
		for i := range spans {
			if s := &spans[i]; s.reject != "" {
				p.opt.Logger.Debug("geoparse: rejected", "text", string(rs[s.start:s.end]), "why", s.reject)
			}
		}
	}
	groups, err := p.groups(spans, lc)
	if err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	if err := p.applyHints(groups, spans, rs, h); err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	var rrec func(g *group, fs []features)
	if rec != nil {
		rrec = func(g *group, fs []features) { rec(spans, g, fs) }
	}
	p.resolve(groups, dateline(toks, spans), rrec)
	if err := p.resolveSuffixes(groups, spans); err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	shortForms(groups)
	agreement(groups)
	if rec != nil {
		for _, g := range groups {
			if g.best >= 0 {
				rec(spans, g, nil)
			}
		}
	}
	res := &Result{Date: date}
	if res.Date.IsZero() {
		res.Date = articleDate(rs)
	}
	idx := make([]int, len(spans)) // mention index of each span, -1 when none
	for i := range idx {
		idx[i] = -1
	}
	for _, g := range groups {
		if g.best < 0 {
			continue
		}
		// a name chosen as a demonym is one, though a town bears it too
		// ("a Canadian who returned": Canadian, Texas)
		demonym := g.cands[g.best].Match == gazetteer.MatchDemonym
		if demonym && p.opt.NoDemonyms {
			continue
		}
		conf, alts := p.model.confidence(g, g.conf), p.alternatives(g)
		for k, si := range g.spans {
			s := &spans[si]
			m := Mention{Start: s.start, End: s.end, Text: string(rs[s.start:s.end]), Place: g.cands[g.best].Place, Confidence: conf, Demonym: s.demonym || demonym}
			if k == 0 {
				m.Alternatives = alts
			} else {
				m.Alternatives = slices.Clone(alts)
			}
			idx[si] = len(res.Mentions)
			res.Mentions = append(res.Mentions, m)
		}
	}
	slices.SortFunc(res.Mentions, func(a, b Mention) int { return a.Start - b.Start })
	res.Events = events(text, res.Date, res.Mentions)
	return res, nil
}

// recognize finds the toponym spans of a text, rejected ones included.
func (p *Parser) recognize(rs []rune, lc *lookupCache) ([]token, []span, error) {
	toks := tokenize(rs)
	spans, err := p.candidateSpans(rs, toks, lc)
	if err != nil {
		return nil, nil, err
	}
	if err := countyLists(toks, spans, lc); err != nil {
		return nil, nil, err
	}
	countyPrefixes(toks, spans)
	lower := lowerWords(toks)
	p.applyRules(toks, spans, lower)
	if p.model.spanned() {
		classifySpans(toks, spans, lower, func(k int, f *spanFeatures) {
			if p.model.spanProb(f) < p.model.SpanThreshold {
				spans[k].reject = "span classifier"
			}
		})
	}
	if p.opt.NoDemonyms {
		for i := range spans {
			if spans[i].demonym && spans[i].reject == "" {
				spans[i].reject = "demonym"
			}
		}
	}
	return toks, spans, nil
}

// lowerWords returns the words written in lower case somewhere in the
// tokens.
func lowerWords(toks []token) map[string]bool {
	lower := make(map[string]bool)
	for i := range toks {
		if t := &toks[i]; t.kind == tokWord && !t.cap {
			lower[t.lower] = true
		}
	}
	return lower
}

// groups gathers the kept spans by name and finds their candidates.
func (p *Parser) groups(spans []span, lc *lookupCache) ([]*group, error) {
	byKey := map[string]*group{}
	var out []*group
	for i := range spans {
		s := &spans[i]
		if s.reject != "" {
			continue
		}
		g := byKey[s.key]
		if g == nil {
			g = &group{key: s.key, cands: s.cands, suffix: s.suffix, street: s.street, oneWord: true, school: true}
			byKey[s.key] = g
			out = append(out, g)
		}
		g.spans = append(g.spans, i)
		if g.townAfter == 0 {
			g.townAfter = s.townAfter
		}
		g.state = g.state || s.state
		g.town = g.town || s.town
		g.landform = g.landform || s.landform
		g.school = g.school && s.school
		g.qualifier = g.qualifier || s.qualOf
		g.listed = g.listed || s.listed
		g.amongCountries = g.amongCountries || s.amongCountries
		if g.statesOf == "" {
			g.statesOf = s.statesOf
		}
		if !s.firstName || s.locative {
			// ("near Sylvester" is a place, though a first name)
			g.notFirstName = true
		}
		g.generic = g.generic || s.generic
		if s.resident {
			// "a Lebanon woman": a town's name, not the country's
			if cs := keepCandidates(g.cands, func(c *gazetteer.Candidate) bool { return c.Kind != gazetteer.KindCountry }); len(cs) > 0 {
				g.cands = cs
			}
		}
		if s.te-s.ts != 1 {
			g.oneWord = false
		}
		if s.qual != "" && g.suffix && g.qualA[0] == "" {
			qs, err := lc.get(s.qual)
			if err != nil {
				return nil, err
			}
			for _, q := range qs {
				if q.Kind == gazetteer.KindAdmin1 {
					g.qualA = [2]string{q.Country, q.Admin1}
					break
				}
			}
		}
		if s.qual != "" && !g.fixed && !g.suffix {
			cs, err := lc.get(s.key + ", " + s.qual)
			if err != nil {
				return nil, err
			}
			if q := lc.qualified(s.key, s.qual); len(q) > 0 {
				cs = q
			}
			if len(cs) > 0 {
				g.cands, g.fixed = cs, true
			}
		}
		if s.owner != "" && !g.fixed && !g.suffix {
			// the region's places of the name, when it has some
			if q := lc.qualified(s.key, s.owner); len(q) > 0 {
				g.cands, g.fixed = q, true
			}
		}
	}
	for _, g := range out {
		if g.street {
			g.cands = nil
		} else if i := strings.LastIndexByte(g.key, ' '); g.suffix && i > 0 {
			// "Laurel County": a same-named place is a first guess
			head := g.key[:i]
			cs, err := lc.get(head)
			if err != nil {
				return nil, err
			}
			g.cands = nil
			for _, c := range cs {
				if c.Kind == gazetteer.KindSettlement && c.Match != gazetteer.MatchAlt {
					g.cands = append(g.cands, c)
				}
			}
			if strings.HasSuffix(g.key, " county") {
				// "Mayo County", "Nakuru County", "Lofa County": outside
				// the United States, whose counties the gazetteer knows
				// by their full names, a county is the region of the
				// bare name (Ireland's, Kenya's, Liberia's, Norway's)
				if rs := keepCandidates(cs, func(c *gazetteer.Candidate) bool {
					return (c.Kind == gazetteer.KindAdmin1 || c.Kind == gazetteer.KindAdmin2) && c.Match == gazetteer.MatchName && c.Country != "US"
				}); len(rs) > 0 {
					g.cands, g.suffix = rs, false
				}
			}
		}
		if !g.fixed && !g.suffix {
			g.bare = bareCounties(g.key, g.cands)
		}
		if g.fixed {
			g.best, g.conf = 0, softmax(p.model.baseScores(g.cands))[0]
		}
	}
	return out, nil
}

// applyHints gives every hinted name its place, and the others the
// shares of their candidates in the source's earlier articles (see Hints).
// A name is looked up by its key and, when that differs (an expanded
// abbreviation), by its written form folded, as the store keeps it.
func (p *Parser) applyHints(groups []*group, spans []span, rs []rune, h *Hints) error {
	if h == nil || len(h.Senses) == 0 && len(h.Seen) == 0 {
		return nil
	}
	for _, g := range groups {
		written := ""
		if len(g.spans) > 0 {
			s := &spans[g.spans[0]]
			written = gazetteer.Fold(string(rs[s.start:s.end]))
		}
		id, ok := h.Senses[g.key]
		if !ok && written != g.key {
			id, ok = h.Senses[written]
		}
		if !ok {
			seen, ok := h.Seen[g.key]
			if !ok && written != g.key {
				seen = h.Seen[written]
			}
			g.seen = seenShares(g.cands, seen)
			continue
		}
		i := slices.IndexFunc(g.cands, func(c gazetteer.Candidate) bool { return c.ID == id })
		var c gazetteer.Candidate
		if i >= 0 {
			c = g.cands[i]
		} else {
			pl, err := p.g.Get(id)
			if errors.Is(err, gazetteer.ErrNotFound) {
				continue // a place of a gazetteer the user no longer has
			}
			if err != nil {
				return err
			}
			c = gazetteer.Candidate{Place: pl, Match: gazetteer.MatchName}
		}
		g.cands = []gazetteer.Candidate{c}
		g.fixed, g.hinted, g.suffix, g.street, g.bare = true, true, false, false, false
		g.best, g.conf = 0, 1
	}
	return nil
}

// seenShares returns, per candidate, the share of the earlier articles
// counted in seen (gazetteer id to articles) that gave the name that
// place, out of one more than their number: a single earlier article
// counts for a half, nine for nine tenths. It returns nil when none of
// the candidates was seen.
func seenShares(cands []gazetteer.Candidate, seen map[int64]int) []float64 {
	if len(seen) == 0 {
		return nil
	}
	total := 0
	for _, n := range seen {
		total += max(n, 0)
	}
	var out []float64
	for i := range cands {
		if n := seen[cands[i].ID]; n > 0 {
			if out == nil {
				out = make([]float64, len(cands))
			}
			out[i] = float64(n) / float64(total+1)
		}
	}
	return out
}

// qualified returns the candidates of key inside the region qual names,
// using the gazetteer's "Name, Qualifier" lookup.
func (c *lookupCache) qualified(key, qual string) []gazetteer.Candidate {
	cs, err := c.get(key + ", " + qual)
	if err != nil {
		return nil
	}
	return cs
}

// townRegionShare is how much of the most named region's weight a region
// with a town of an "X County" or "X Twp." name needs to be preferred.
const townRegionShare = 0.5

// resolveSuffixes places "X County" spans on the same-named town of the
// admin-1 region the article names most, and nearest to the county in the
// text (or the region of a "X County, State" qualifier), else on that
// region; and streets on the article's main town, else its main region.
func (p *Parser) resolveSuffixes(groups []*group, spans []span) error {
	for _, g := range groups {
		if !g.suffix {
			continue
		}
		at := spans[g.spans[0]].start
		top := g.qualA
		if top[0] == "" {
			weights := map[[2]string]float64{}
			for _, o := range groups {
				if o.best < 0 || o.suffix {
					continue
				}
				c := &o.cands[o.best]
				if c.Admin1 == "" || c.Kind == gazetteer.KindCountry {
					continue
				}
				for _, si := range o.spans {
					d := math.Abs(float64(spans[si].start - at))
					weights[[2]string{c.Country, c.Admin1}] += 1 + 3*math.Exp(-d/300)
				}
			}
			for k, w := range weights {
				if w > weights[top] || w == weights[top] && (k[0] < top[0] || k[0] == top[0] && k[1] < top[1]) {
					top = k
				}
			}
			// but a region named nearly as much that has a town of the
			// name comes first ("Edison Twp." beside "New Brunswick,
			// N.J." in an obituary from Kentucky is Edison, New Jersey)
			if !g.street && !slices.ContainsFunc(g.cands, func(c gazetteer.Candidate) bool { return c.Country == top[0] && c.Admin1 == top[1] }) {
				alt := [2]string{}
				for _, c := range g.cands {
					k := [2]string{c.Country, c.Admin1}
					if w := weights[k]; w >= townRegionShare*weights[top] && (alt[0] == "" || w > weights[alt]) {
						alt = k
					}
				}
				if alt[0] != "" {
					top = alt
				}
			}
		}
		if g.street && g.townAfter > 0 {
			// the town the text puts it in
			if o := groupOf(groups, g.townAfter); o != nil && o.best >= 0 && o.cands[o.best].Kind == gazetteer.KindSettlement {
				g.cands = []gazetteer.Candidate{o.cands[o.best]}
				g.best, g.conf = 0, 0.5
				continue
			}
		}
		if g.street {
			// the most named town of the region
			var town *gazetteer.Candidate
			townN := 0
			for _, o := range groups {
				if o.best < 0 || o.suffix {
					continue
				}
				c := &o.cands[o.best]
				if c.Kind == gazetteer.KindSettlement && (top[0] == "" || c.Country == top[0] && c.Admin1 == top[1]) && len(o.spans) > townN {
					town, townN = c, len(o.spans)
				}
			}
			if town != nil {
				g.cands = []gazetteer.Candidate{*town}
				g.best, g.conf = 0, 0.5
				continue
			}
		}
		if strings.HasSuffix(g.key, " township") && top[0] != "US" && top[0] != "CA" {
			top = [2]string{} // townships are American and Canadian
		}
		if top[0] == "" && strings.HasSuffix(g.key, " parish") {
			top = [2]string{"US", "LA"} // parishes are Louisiana's counties
		}
		if top[0] == "" {
			g.best = -1
			if len(g.cands) > 0 {
				g.best, g.conf = 0, 0.1 // a guess: the article gives no region
			}
			continue
		}
		i := slices.IndexFunc(g.cands, func(c gazetteer.Candidate) bool { return c.Country == top[0] && c.Admin1 == top[1] })
		if i >= 0 && !g.street {
			g.best, g.conf = i, 0.5
			continue
		}
		a, err := p.g.Admin1(top[0], top[1])
		if err != nil {
			if errors.Is(err, gazetteer.ErrNotFound) {
				g.best = -1
				continue
			}
			return err
		}
		g.cands = append([]gazetteer.Candidate{{Place: a, Score: 0}}, g.cands...)
		g.best, g.conf = 0, 0.3
	}
	return nil
}

// shortForms gives a one-word name of a town that begins a longer place
// name of the article ("Noto" after "Noto Peninsula") the longer name's
// place, when none of its own candidates is in that place's country: the
// article uses the short form of a place it named in full ("the Noto
// coast" is not Noto, Sicily). Countries are left alone on both sides.
func shortForms(groups []*group) {
	for _, g := range groups {
		if !g.oneWord || g.fixed || g.suffix || g.best < 0 ||
			g.cands[g.best].Kind != gazetteer.KindSettlement && g.cands[g.best].Kind != gazetteer.KindAdmin2 {
			continue // (a country's or a region's name is its own: "Guinea" beside "Guinea-Bissau")
		}
		for _, l := range groups {
			if l == g || l.best < 0 || l.suffix || !strings.HasPrefix(l.key, g.key+" ") {
				continue
			}
			lp := &l.cands[l.best]
			if lp.Country == "" || lp.Kind == gazetteer.KindCountry || slices.ContainsFunc(g.cands, func(c gazetteer.Candidate) bool { return c.Country == lp.Country }) {
				continue
			}
			g.cands = append(slices.Clip(g.cands), *lp)
			g.best, g.conf = len(g.cands)-1, 0.5 // an inference, not the ranker's choice
			break
		}
	}
}

// groupOf returns the group of the span with index si, or nil.
func groupOf(groups []*group, si int) *group {
	for _, g := range groups {
		if slices.Contains(g.spans, si) {
			return g
		}
	}
	return nil
}

func (p *Parser) alternatives(g *group) []Alternative {
	if len(g.scores) != len(g.cands) {
		return nil
	}
	probs := softmax(g.scores)
	order := make([]int, len(g.cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case probs[a] > probs[b]:
			return -1
		case probs[a] < probs[b]:
			return 1
		}
		return 0
	})
	// the runners-up share what the chosen place's confidence leaves, in
	// the proportions of the resolver's probabilities
	rest := 0.0
	if pb := probs[g.best]; pb < 1 {
		rest = (1 - p.model.confidence(g, g.conf)) / (1 - pb)
	}
	var out []Alternative
	for _, i := range order {
		if i == g.best {
			continue
		}
		if len(out) == p.opt.Alternatives {
			break
		}
		out = append(out, Alternative{Place: g.cands[i].Place, Confidence: rest * probs[i]})
	}
	return out
}

// dateline returns the index of the span that is the dateline's place
// ("BEIRUT (AP) —", "CHARLESTON, W.Va. —"), or -1.
func dateline(toks []token, spans []span) int {
	for i := range spans {
		s := &spans[i]
		if s.reject != "" {
			continue
		}
		if s.start > 200 {
			break
		}
		if !toks[s.ts].upper {
			continue
		}
		if s.te < len(toks) {
			switch toks[s.te].text {
			case ",", "(", "—", "-", "–", ":":
				return i
			}
		}
	}
	return -1
}

// articleDate finds the first full date in the first lines of a text.
func articleDate(rs []rune) time.Time {
	head := rs
	if len(head) > 400 {
		head = head[:400]
	}
	for _, e := range timex.Find(string(head), time.Time{}) {
		if !e.Time.IsZero() && e.Precision == timex.PrecisionDay {
			return e.Time
		}
	}
	return time.Time{}
}

// events makes one event per place per sentence.
func events(text string, date time.Time, ms []Mention) []Event {
	if len(ms) == 0 {
		return nil
	}
	rs := []rune(text)
	var out []Event
	m := 0
	for _, sen := range timex.Sentences(text) {
		for m < len(ms) && ms[m].Start < sen.Start {
			m++
		}
		var exprs []timex.Expr
		found := false
		seen := map[int64]bool{}
		for ; m < len(ms) && ms[m].Start < sen.End; m++ {
			if !found {
				exprs = timex.Find(string(rs[sen.Start:sen.End]), date)
				found = true
			}
			mm := &ms[m]
			id := mm.Place.ID
			if seen[id] {
				continue
			}
			seen[id] = true
			ev := Event{Mention: m, Place: mm.Place, Sentence: sen, Date: date, Precision: timex.PrecisionDay}
			if date.IsZero() {
				ev.Precision = timex.PrecisionNone
			}
			best, bestD := -1, 0
			for i, e := range exprs {
				if !e.Anchor || e.Time.IsZero() {
					continue
				}
				d := distance(mm.Start-sen.Start, mm.End-sen.Start, e.Start, e.End)
				if best < 0 || d < bestD {
					best, bestD = i, d
				}
			}
			if best >= 0 {
				e := exprs[best]
				ev.Date, ev.Precision, ev.DateText = e.Time, e.Precision, e.Text
			}
			out = append(out, ev)
		}
	}
	return out
}

// distance is the gap in runes between two spans.
func distance(s1, e1, s2, e2 int) int {
	switch {
	case e1 <= s2:
		return s2 - e1
	case e2 <= s1:
		return s1 - e2
	}
	return 0
}
