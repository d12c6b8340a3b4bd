// Package labels names the map: countries at world zoom, seas, oceans,
// gulfs and bays in italics, first-order regions and the biggest cities as
// the view zooms in (cities by population rank for each zoom), placed so
// that no two labels overlap and no label covers what the caller marks as
// occupied (event markers, cluster counts).
//
// The label data comes from the embedded gazetteer (eventmap/geo/gazetteer):
// its countries, admin-1 regions, curated water bodies and GeoNames
// settlements with their populations. A Layer places and draws the labels
// of a view into an image, with a halo that keeps them readable on the light
// and the dark basemap, and keeps the placement of the last view so that a
// frame that shows the same view again only copies prepared sprites.
package labels

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"eventmap/geo/gazetteer"
	"eventmap/geo/viewport"
)

// Kind is what a label names; it decides the label's look and when it shows.
type Kind uint8

// The kinds of label.
const (
	KindCountry Kind = iota // an admin-0 country
	KindWater               // an ocean, sea, gulf or bay (italic, water colour)
	KindAdmin1              // a first-order region (state, province, oblast)
	KindCity                // a populated place, drawn with a dot
)

// Label is one name on the map.
type Label struct {
	// Text is what the map shows.
	Text string
	// Kind decides the label's look and the zooms it shows at.
	Kind Kind
	// Point is where the label goes (longitude, latitude): the place's
	// representative point.
	Point orb.Point
	// Bound is the extent of an area (country, region, water); zero for a
	// city.
	Bound orb.Bound
	// Population ranks cities (0 when unknown).
	Population int64
	// Code is a country's ISO 3166-1 alpha-2 code ("" for other labels).
	Code string
	// Capital is 2 for a national capital and 1 for the seat of a
	// first-order region: capitals are named a little earlier.
	Capital int8
	// Ocean marks the largest water bodies, shown at every zoom out.
	Ocean bool
	// DY, when not zero, puts the top of the label's text DY logical
	// pixels below its point instead of centring the label on it: the
	// name of an event's area sits under the event's marker.
	DY float64
}

// Set is the labels that can be shown, ranked, with an index of the cities
// by place so that a zoomed-in view looks only at its own cells. A Set is
// immutable and safe for concurrent use.
type Set struct {
	areas  []Label          // countries, water, admin-1: few, ranked
	cities []Label          // ranked by population, largest first
	cells  map[cell][]int32 // city indexes in each cellDeg×cellDeg cell, ranked
	areaW  []orb.Point      // the areas' points in world units
	cityW  []orb.Point      // the cities' points in world units
	cityZ  [][2]float64     // the cities' CityMinZoom, and cityMinZoom
}

// cellDeg is the size of the city index's cells in degrees.
const cellDeg = 2.0

type cell struct{ x, y int16 }

func cellOf(p orb.Point) cell {
	return cell{int16(math.Floor((p[0] + 180) / cellDeg)), int16(math.Floor((p[1] + 90) / cellDeg))}
}

// NewSet builds a set from labels (in any order).
func NewSet(ls []Label) *Set {
	s := &Set{cells: make(map[cell][]int32)}
	for _, l := range ls {
		if l.Kind == KindCity {
			s.cities = append(s.cities, l)
		} else {
			s.areas = append(s.areas, l)
		}
	}
	slices.SortFunc(s.cities, func(a, b Label) int {
		return cmp.Or(cmp.Compare(b.Population, a.Population), strings.Compare(a.Text, b.Text),
			cmp.Compare(a.Point[0], b.Point[0]), cmp.Compare(a.Point[1], b.Point[1]))
	})
	slices.SortFunc(s.areas, func(a, b Label) int {
		return cmp.Or(cmp.Compare(priority(b), priority(a)), strings.Compare(a.Text, b.Text),
			cmp.Compare(a.Point[0], b.Point[0]), cmp.Compare(a.Point[1], b.Point[1]))
	})
	for i, c := range s.cities {
		k := cellOf(c.Point)
		s.cells[k] = append(s.cells[k], int32(i))
	}
	s.areaW = make([]orb.Point, len(s.areas))
	for i, a := range s.areas {
		s.areaW[i] = viewport.ToWorld(a.Point)
	}
	s.cityW = make([]orb.Point, len(s.cities))
	s.cityZ = make([][2]float64, len(s.cities))
	for i, c := range s.cities {
		s.cityW[i] = viewport.ToWorld(c.Point)
		s.cityZ[i] = [2]float64{CityMinZoom(c.Population), cityMinZoom(c)}
	}
	return s
}

// Area returns the area label (country, water or region) whose point is
// p, such as the label of the place an event happened in, and whether
// there is one.
func (s *Set) Area(p orb.Point) (Label, bool) {
	for _, l := range s.areas {
		if l.Point == p {
			return l, true
		}
	}
	return Label{}, false
}

// Len returns the number of labels in the set.
func (s *Set) Len() int { return len(s.areas) + len(s.cities) }

// Labels calls fn for every label of a kind, in rank order, until fn
// returns false.
func (s *Set) Labels(k Kind, fn func(Label) bool) {
	from := s.areas
	if k == KindCity {
		from = s.cities
	}
	for _, l := range from {
		if l.Kind == k && !fn(l) {
			return
		}
	}
}

// minCityPopulation is the smallest town that gets a label at all.
const minCityPopulation = 1000

// FromGazetteer collects the labels of a gazetteer: its countries, its
// admin-1 regions, its oceans, seas, gulfs and bays, and its settlements
// of at least 1,000 inhabitants. A water body whose alias extends its
// name with a parenthesised second name ("Sea of Japan (East Sea)") is
// labelled with that alias, so that both names show.
func FromGazetteer(g *gazetteer.Gazetteer) (*Set, error) {
	var ls []Label
	var err error
	world := orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	werr := g.Within(world, func(p gazetteer.Place) bool {
		if p.User {
			return true
		}
		l := Label{Text: p.Name, Point: p.Point, Population: p.Population}
		if p.HasExtent() {
			l.Bound = p.Bound
		}
		switch p.Kind {
		case gazetteer.KindCountry:
			l.Kind = KindCountry
			l.Code = p.Country
		case gazetteer.KindAdmin1:
			l.Kind = KindAdmin1
		case gazetteer.KindOcean, gazetteer.KindSea, gazetteer.KindGulf, gazetteer.KindBay:
			l.Kind = KindWater
			l.Ocean = p.Kind == gazetteer.KindOcean
			alts, aerr := g.Alternates(p.ID)
			if aerr != nil {
				err = aerr
				return false
			}
			l.Text = dualName(p.Name, alts)
		case gazetteer.KindSettlement:
			if p.Population < minCityPopulation {
				return true
			}
			l.Kind = KindCity
			l.Bound = orb.Bound{}
			switch p.FeatureCode {
			case "PPLC":
				l.Capital = 2
			case "PPLA":
				l.Capital = 1
			}
		default:
			return true
		}
		if l.Text == "" {
			return true
		}
		ls = append(ls, l)
		return true
	})
	if werr != nil {
		return nil, fmt.Errorf("labels: %w", werr)
	}
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	return NewSet(ls), nil
}

// dualName returns the alias that extends name with a second name in
// parentheses, or name.
func dualName(name string, alts []string) string {
	for _, a := range alts {
		if strings.HasPrefix(a, name+" (") && strings.HasSuffix(a, ")") {
			return a
		}
	}
	return name
}

// priority orders area labels: countries before water before regions,
// larger before smaller.
func priority(l Label) float64 {
	base := 0.0
	switch l.Kind {
	case KindCountry:
		base = 3000
	case KindWater:
		base = 2000
	case KindAdmin1:
		base = 1000
	}
	if l.Ocean {
		base += 2000 // oceans over countries: they never collide with land
	}
	w, h := l.Bound.Max[0]-l.Bound.Min[0], l.Bound.Max[1]-l.Bound.Min[1]
	return base + math.Log1p(math.Max(0, w*h))
}
