// Package gazetteer finds places by name, by id and by position: every
// GeoNames cities500 place, every country and first-order region, and a
// curated table of seas, regions, spaceports, bases and other places that
// news names, all embedded in the binary, plus the places of the user's own
// GeoNames dumps (see User and Import).
//
// Names are matched after Fold: case, diacritics and punctuation do not
// matter, and aliases ("Kiev", "East Sea", "DPRK", "Calif.") lead to the
// place they name. Candidates come back ranked by Score.
package gazetteer

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"eventmap/assets"
	"eventmap/geo/gazetteer/gazfile"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Kind says what sort of place a Place is.
type Kind = gazfile.Kind

// The kinds of place.
const (
	KindUnknown    = gazfile.KindUnknown
	KindSettlement = gazfile.KindSettlement
	KindCountry    = gazfile.KindCountry
	KindAdmin1     = gazfile.KindAdmin1
	KindAdmin2     = gazfile.KindAdmin2
	KindContinent  = gazfile.KindContinent
	KindOcean      = gazfile.KindOcean
	KindSea        = gazfile.KindSea
	KindGulf       = gazfile.KindGulf
	KindBay        = gazfile.KindBay
	KindStrait     = gazfile.KindStrait
	KindRiver      = gazfile.KindRiver
	KindLake       = gazfile.KindLake
	KindMountain   = gazfile.KindMountain
	KindRange      = gazfile.KindRange
	KindDesert     = gazfile.KindDesert
	KindPeninsula  = gazfile.KindPeninsula
	KindIsland     = gazfile.KindIsland
	KindRegion     = gazfile.KindRegion
	KindSpaceport  = gazfile.KindSpaceport
	KindBase       = gazfile.KindBase
	KindNuclear    = gazfile.KindNuclear
	KindAirport    = gazfile.KindAirport
	KindLandmark   = gazfile.KindLandmark
)

// MatchType says which of a place's names matched a query.
type MatchType = gazfile.MatchType

// The ways a query can match a place.
const (
	MatchName    = gazfile.MatchName
	MatchASCII   = gazfile.MatchASCII
	MatchAlt     = gazfile.MatchAlt
	MatchAbbrev  = gazfile.MatchAbbrev
	MatchDemonym = gazfile.MatchDemonym
	MatchCode    = gazfile.MatchCode
)

// Fold returns the lookup key of a name: see gazfile.Fold.
func Fold(name string) string { return gazfile.Fold(name) }

// Place is one place of the gazetteer.
type Place struct {
	ID          int64     // GeoNames id, or a negative id for a place without one
	Name        string    // main name
	ASCIIName   string    // ASCII spelling
	Kind        Kind      // what sort of place
	FeatureCode string    // GeoNames feature code, or the project's for curated kinds
	Country     string    // ISO 3166-1 alpha-2 code, or ""
	Admin1      string    // GeoNames admin1 code within Country, or ""
	Point       orb.Point // representative point (lon, lat)
	Bound       orb.Bound // extent; a zero-size bound at Point for a point place
	Population  int64     // inhabitants, 0 when unknown
	User        bool      // true for a place from the user gazetteer
}

// HasExtent reports whether the place is an area rather than a pin.
func (p Place) HasExtent() bool { return !p.Bound.IsEmpty() }

// Candidate is a place that matches a query, with its score.
type Candidate struct {
	Place
	Match MatchType // which of its names matched
	Score float64   // higher is better; comparable within one query
}

// ErrNotFound is returned by Get for an id the gazetteer does not hold.
var ErrNotFound = errors.New("gazetteer: place not found")

// Options configures a Gazetteer.
type Options struct {
	// User, when set, is merged into every lookup.
	User *User
}

// Gazetteer answers place queries. It decodes its file on first use; its
// methods are safe for concurrent use.
type Gazetteer struct {
	data string
	user *User

	once sync.Once
	f    *gazfile.File
	err  error

	idOnce sync.Once
	byID   []int32 // place indexes sorted by id

	gridOnce sync.Once
	grid     *grid
}

// New returns a gazetteer over a file in the gazfile format. Nothing is
// decoded until the first query (or Load).
func New(data string, opt Options) *Gazetteer {
	return &Gazetteer{data: data, user: opt.User}
}

// Embedded returns the gazetteer embedded in the binary.
func Embedded(opt Options) *Gazetteer { return New(assets.Gazetteer(), opt) }

// Load decodes the file now rather than on the first query.
func (g *Gazetteer) Load() error {
	g.once.Do(func() {
		g.f, g.err = gazfile.Open(g.data)
		if g.err != nil {
			g.err = fmt.Errorf("gazetteer: %w", g.err)
		}
	})
	return g.err
}

// Len returns the number of embedded places (not counting the user's).
func (g *Gazetteer) Len() (int, error) {
	if err := g.Load(); err != nil {
		return 0, err
	}
	return g.f.Len(), nil
}

func (g *Gazetteer) place(i int) Place {
	p := g.f.Place(i)
	out := Place{
		ID: p.ID, Name: p.Name, ASCIIName: p.ASCII, Kind: p.Kind, FeatureCode: p.FeatureCode,
		Country: p.Country, Admin1: p.Admin1, Point: p.Point, Population: p.Population,
	}
	if g.f.HasBound(i) {
		out.Bound = p.Bound
	} else {
		out.Bound = orb.Bound{Min: p.Point, Max: p.Point}
	}
	return out
}

// LookupOptions narrows a name lookup.
type LookupOptions struct {
	Country string // ISO alpha-2 code: only places in this country
	Kinds   []Kind // only places of these kinds (all when empty)
	Limit   int    // at most this many candidates (all when ≤ 0)
}

// matchFactor weighs a place's static rank by how the query matched it:
// main name, then alternate, then ASCII spelling, abbreviation, demonym.
var matchFactor = [...]float64{
	MatchName:    1.00,
	MatchASCII:   0.90,
	MatchAlt:     0.90,
	MatchAbbrev:  0.85,
	MatchDemonym: 0.80,
	MatchCode:    0.50,
}

// abbrevFactor replaces the abbreviation factor when the query is written
// like an abbreviation ("N.Y.", "NSW"): then the abbreviation is meant.
const abbrevFactor = 1.15

// exactBonus is added when the query is spelled exactly like the place's name.
const exactBonus = 0.03

func score(rank float64, mt MatchType, exact, abbrev bool) float64 {
	f := 0.8
	if int(mt) < len(matchFactor) {
		f = matchFactor[mt]
	}
	if abbrev && mt == MatchAbbrev {
		f = abbrevFactor
	}
	s := rank * f
	if exact {
		s += exactBonus
	}
	return s
}

// Lookup returns the places called name, best first. A qualifier after a
// comma ("Springfield, Illinois", "Paris, TX", "Georgia, US", "Périgueux,
// Dordogne") keeps the places inside the country, admin-1 or second-order
// region it names, when it names one.
func (g *Gazetteer) Lookup(name string, opt LookupOptions) ([]Candidate, error) {
	if err := g.Load(); err != nil {
		return nil, err
	}
	head, qual, hasQual := strings.Cut(name, ",")
	var within []Place
	if hasQual {
		within = g.qualifiers(strings.TrimSpace(qual))
		if len(within) == 0 {
			head = name // not a qualifier: the comma is part of the name
		} else {
			head = strings.TrimSpace(head)
		}
	}
	key := gazfile.Fold(head)
	if key == "" {
		return nil, nil
	}
	cc := strings.ToUpper(opt.Country)
	abbrev := looksAbbreviated(head)
	ps := g.f.Postings(key)
	var out []Candidate
	if ps.Len() > 0 {
		out = make([]Candidate, 0, ps.Len())
	}
	keep := func(p *Place) bool {
		if cc != "" && p.Country != cc {
			return false
		}
		if len(opt.Kinds) > 0 && !slices.Contains(opt.Kinds, p.Kind) {
			return false
		}
		if len(within) > 0 && !slices.ContainsFunc(within, func(q Place) bool { return inside(p, &q) }) {
			return false
		}
		return true
	}
	for k := range ps.Len() {
		i, mt := ps.At(k)
		if cc != "" && g.f.CountryOf(i) != cc {
			continue
		}
		p := g.place(i)
		if !keep(&p) {
			continue
		}
		exact := p.Name == head
		out = append(out, Candidate{Place: p, Match: mt, Score: score(g.f.Rank(i), mt, exact, abbrev)})
	}
	if g.user != nil {
		ups, err := g.user.lookup(key)
		if err != nil {
			return nil, err
		}
		for _, u := range ups {
			var c Candidate
			if u.Place != nil {
				c = Candidate{Place: u.Place.Place, Match: u.Match, Score: score(u.Place.Rank, u.Match, u.Place.Name == head, abbrev)}
			} else {
				i, ok := g.index(u.ID)
				if !ok {
					continue // an alternate name of a place neither gazetteer holds
				}
				p := g.place(i)
				c = Candidate{Place: p, Match: u.Match, Score: score(g.f.Rank(i), u.Match, p.Name == head, abbrev)}
			}
			if !keep(&c.Place) {
				continue
			}
			if i := slices.IndexFunc(out, func(o Candidate) bool { return o.ID == c.ID }); i >= 0 {
				if c.Score > out[i].Score {
					out[i].Score, out[i].Match = c.Score, c.Match
				}
				continue
			}
			out = append(out, c)
		}
	}
	demoteAlternates(out)
	slices.SortStableFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(b.Population, a.Population)
	})
	if opt.Limit > 0 && len(out) > opt.Limit {
		out = out[:opt.Limit]
	}
	return out, nil
}

// Demotions of candidates that a query matches only by an alternate name.
const (
	// bareCountyFactor weighs a county matched by its bare name
	// ("Laurel" for Laurel County): the towns of that name come first.
	bareCountyFactor = 0.6
	// shadowedAltFactor weighs a settlement matched by an alternate name
	// that is the main name of a notable place ("Victoria" for Hong Kong,
	// while Victoria is a capital and a state).
	shadowedAltFactor = 0.8
)

// demoteAlternates lowers the scores of counties matched by their bare
// name, and of settlements matched by an alternate name when a notable
// place carries the query as its main name.
func demoteAlternates(cs []Candidate) {
	named := slices.ContainsFunc(cs, func(c Candidate) bool { return c.Match == MatchName && notable(&c.Place) })
	for i := range cs {
		c := &cs[i]
		if c.Match != MatchAlt {
			continue
		}
		switch {
		case c.Kind == KindAdmin2:
			c.Score *= bareCountyFactor
		case c.Kind == KindSettlement && named:
			c.Score *= shadowedAltFactor
		}
	}
}

// notable reports whether a place is a region or a capital: its main name
// is what the name usually means.
func notable(p *Place) bool {
	switch p.Kind {
	case KindCountry, KindAdmin1, KindContinent:
		return true
	case KindSettlement:
		return p.FeatureCode == "PPLC" || p.FeatureCode == "PPLA"
	}
	return false
}

// looksAbbreviated reports whether a query is written like an abbreviation:
// with full stops ("N.Y.", "Calif.") or in capitals of at most four letters
// ("UK", "DPRK", "NSW"). Such a query prefers the places it abbreviates.
func looksAbbreviated(q string) bool {
	if strings.Contains(q, ".") {
		return true
	}
	if len(q) < 2 || len(q) > 4 {
		return false
	}
	for i := 0; i < len(q); i++ {
		if q[i] < 'A' || q[i] > 'Z' {
			return false
		}
	}
	return true
}

// qualifiers returns the countries, admin-1 regions and second-order
// regions with an extent (US counties, French départements, Italian
// provinces…) a qualifier names. A qualifier with a full stop ("Ky.",
// "Calif.") is an abbreviation, never a code: "Georgetown, Ky." is in
// Kentucky, not in the Cayman Islands (KY).
func (g *Gazetteer) qualifiers(q string) []Place {
	k := gazfile.Fold(q)
	if k == "" {
		return nil
	}
	dotted := strings.Contains(q, ".")
	var out []Place
	g.f.Lookup(k, func(i int, mt MatchType) bool {
		if dotted && mt == MatchCode {
			return true
		}
		p := g.f.Place(i)
		if p.Kind == KindCountry || p.Kind == KindAdmin1 || p.Kind == KindAdmin2 && g.f.HasBound(i) {
			out = append(out, g.place(i))
		}
		return true
	})
	return out
}

// inside reports whether p lies in the country, admin-1 region or
// second-order region q: by code for the first two, by q's extent for
// the last (towns carry no second-order code).
func inside(p, q *Place) bool {
	switch q.Kind {
	case KindCountry:
		return p.Country == q.Country && p.ID != q.ID
	case KindAdmin2:
		return p.Country == q.Country && q.Bound.Contains(p.Point) && p.ID != q.ID
	}
	return p.Country == q.Country && p.Admin1 == q.Admin1 && p.ID != q.ID
}

// index returns the index of the embedded place with the given id.
func (g *Gazetteer) index(id int64) (int, bool) {
	g.idOnce.Do(func() {
		g.byID = make([]int32, g.f.Len())
		for i := range g.byID {
			g.byID[i] = int32(i)
		}
		slices.SortFunc(g.byID, func(a, b int32) int { return cmp.Compare(g.f.ID(int(a)), g.f.ID(int(b))) })
	})
	i, ok := slices.BinarySearchFunc(g.byID, id, func(e int32, id int64) int { return cmp.Compare(g.f.ID(int(e)), id) })
	if !ok {
		return 0, false
	}
	return int(g.byID[i]), true
}

// Get returns the place with the given id, embedded or the user's.
func (g *Gazetteer) Get(id int64) (Place, error) {
	if err := g.Load(); err != nil {
		return Place{}, err
	}
	if g.user != nil {
		p, err := g.user.Get(id)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return Place{}, err
		}
	}
	if i, ok := g.index(id); ok {
		return g.place(i), nil
	}
	return Place{}, fmt.Errorf("%w: id %d", ErrNotFound, id)
}

// Alternates returns the alternate names of an embedded place.
func (g *Gazetteer) Alternates(id int64) ([]string, error) {
	if err := g.Load(); err != nil {
		return nil, err
	}
	i, ok := g.index(id)
	if !ok {
		return nil, fmt.Errorf("%w: id %d", ErrNotFound, id)
	}
	alts, err := g.f.Alternates(i)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return alts, nil
}

// Near is a place and its distance from a point.
type Near struct {
	Place
	DistanceKM float64 // great-circle distance from the query point
}

// DistanceKM returns the great-circle distance between two points in km.
func DistanceKM(a, b orb.Point) float64 { return geo.DistanceHaversine(a, b) / 1000 }

// Nearest returns the limit places nearest to p, nearest first. When keep
// is not nil only the places it accepts are counted.
func (g *Gazetteer) Nearest(p orb.Point, limit int, keep func(Place) bool) ([]Near, error) {
	if err := g.Load(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, nil
	}
	gr := g.spatial()
	var out []Near
	worst := math.Inf(1)
	consider := func(pl Place) {
		if keep != nil && !keep(pl) {
			return
		}
		d := DistanceKM(p, pl.Point)
		if len(out) == limit && d >= worst {
			return
		}
		i, _ := slices.BinarySearchFunc(out, d, func(n Near, d float64) int { return cmp.Compare(n.DistanceKM, d) })
		out = slices.Insert(out, i, Near{Place: pl, DistanceKM: d})
		if len(out) > limit {
			out = out[:limit]
		}
		if len(out) == limit {
			worst = out[limit-1].DistanceKM
		}
	}
	gr.rings(p, func(idx []int32, lowerKM float64) bool {
		if len(out) == limit && lowerKM > worst {
			return false
		}
		for _, i := range idx {
			if d := DistanceKM(p, g.f.Point(int(i))); len(out) == limit && d >= worst {
				continue
			}
			consider(g.place(int(i)))
		}
		return true
	})
	if g.user != nil {
		ups, err := g.user.nearest(p, limit)
		if err != nil {
			return nil, err
		}
		for _, u := range ups {
			consider(u)
		}
	}
	return out, nil
}

// Within calls fn for every place whose point lies in b, until fn returns
// false. Embedded places come first, in no particular order.
func (g *Gazetteer) Within(b orb.Bound, fn func(Place) bool) error {
	if err := g.Load(); err != nil {
		return err
	}
	stop := false
	g.spatial().within(b, func(i int32) bool {
		if !b.Contains(g.f.Point(int(i))) {
			return true
		}
		if !fn(g.place(int(i))) {
			stop = true
			return false
		}
		return true
	})
	if stop || g.user == nil {
		return nil
	}
	return g.user.within(b, fn)
}

func (g *Gazetteer) spatial() *grid {
	g.gridOnce.Do(func() { g.grid = newGrid(g.f) })
	return g.grid
}

// Admin1 returns the admin-1 region with the given country and admin1 code.
func (g *Gazetteer) Admin1(country, code string) (Place, error) {
	if err := g.Load(); err != nil {
		return Place{}, err
	}
	i, ok := g.f.Admin1Of(country, code)
	if !ok {
		return Place{}, fmt.Errorf("%w: admin1 %s.%s", ErrNotFound, country, code)
	}
	return g.place(i), nil
}

// Country returns the country with the given ISO alpha-2 code.
func (g *Gazetteer) Country(code string) (Place, error) {
	if err := g.Load(); err != nil {
		return Place{}, err
	}
	i, ok := g.f.CountryPlace(strings.ToUpper(code))
	if !ok {
		return Place{}, fmt.Errorf("%w: country %s", ErrNotFound, code)
	}
	return g.place(i), nil
}
