package geoparse

import (
	"sync"

	"eventmap/geo/gazetteer"
)

// Prior is what the articles already read from one source (a feed, a
// newspaper) say about where that source's news happens: how often each
// country and admin-1 region was chosen with confidence. A parser given a
// prior (Parser.WithPrior) leans towards the source's places, which
// settles names an article alone leaves open: a local paper's "Dublin" is
// its own town. A Prior is safe for concurrent use.
type Prior struct {
	mu      sync.RWMutex
	country map[string]float64
	admin1  map[string]float64
	total   float64
}

// minPriorConfidence is how sure a choice must be to teach a prior.
const minPriorConfidence = 0.8

// NewPrior returns an empty prior.
func NewPrior() *Prior {
	return &Prior{country: map[string]float64{}, admin1: map[string]float64{}}
}

// Add counts the confident places of a result, each place once.
func (pr *Prior) Add(r *Result) { pr.count(r, 1) }

// Remove takes back what Add(r) counted, so that an article can be
// parsed with the prior of the other articles of its source.
func (pr *Prior) Remove(r *Result) { pr.count(r, -1) }

func (pr *Prior) count(r *Result, n float64) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	seen := map[int64]bool{}
	for _, m := range r.Mentions {
		if m.Confidence < minPriorConfidence || seen[m.Place.ID] || m.Place.Country == "" {
			continue
		}
		seen[m.Place.ID] = true
		pr.country[m.Place.Country] += n
		if m.Place.Admin1 != "" && m.Place.Kind != gazetteer.KindCountry {
			pr.admin1[m.Place.Country+"."+m.Place.Admin1] += n
		}
		pr.total += n
	}
}

// shares returns the shares of a country and of an admin-1 region in the
// prior, in [0, 1].
func (pr *Prior) shares(country, admin1 string) (float64, float64) {
	if pr == nil {
		return 0, 0
	}
	pr.mu.RLock()
	defer pr.mu.RUnlock()
	if pr.total <= 0 {
		return 0, 0
	}
	a := 0.0
	if admin1 != "" {
		a = pr.admin1[country+"."+admin1] / pr.total
	}
	return pr.country[country] / pr.total, a
}

// WithPrior returns a parser like p that uses the prior pr (nil for
// none). The two parsers share the gazetteer.
func (p *Parser) WithPrior(pr *Prior) *Parser {
	q := *p
	q.prior = pr
	return &q
}
