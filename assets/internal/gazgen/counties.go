package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"eventmap/assets/internal/topojson"
	"eventmap/geo/gazetteer/gazfile"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The US counties come from the TopoJSON of the npm package us-atlas
// (US Census Bureau cartographic boundaries): every county, parish and
// borough with its name and five-digit FIPS code, whose first two digits
// are the state's.

// polygons returns the polygons of a Polygon or MultiPolygon geometry,
// dropping degenerate rings.
func polygons(g *topojson.Geometry, arcs [][]orb.Point) ([]orb.Polygon, error) {
	refs, err := g.PolygonRefs()
	if err != nil {
		return nil, err
	}
	var out []orb.Polygon
	for _, p := range refs {
		var poly orb.Polygon
		for _, idx := range p {
			r, err := topojson.Ring(arcs, idx)
			if err != nil {
				return nil, err
			}
			if len(r) >= 4 {
				poly = append(poly, r)
			}
		}
		if len(poly) > 0 {
			out = append(out, poly)
		}
	}
	return out, nil
}

// interiorPoint returns a representative point of a polygon that lies
// inside it: the centroid of its outer ring when that is inside, else the
// middle of the widest inside stretch of a horizontal line through it.
func interiorPoint(p orb.Polygon) orb.Point {
	c, _ := planar.CentroidArea(orb.Polygon{p[0]})
	if planar.PolygonContains(p, c) {
		return c
	}
	b := p[0].Bound()
	best, bestW := b.Center(), -1.0
	// try the centroid's latitude first, then lines spread over the bound
	lats := []float64{c.Lat()}
	for i := 1; i < 8; i++ {
		lats = append(lats, b.Min.Lat()+(b.Max.Lat()-b.Min.Lat())*float64(i)/8)
	}
	for _, lat := range lats {
		var xs []float64
		for _, r := range p {
			for i := 0; i+1 < len(r); i++ {
				a, z := r[i], r[i+1]
				if (a.Lat() <= lat) == (z.Lat() <= lat) {
					continue
				}
				t := (lat - a.Lat()) / (z.Lat() - a.Lat())
				xs = append(xs, a.Lon()+t*(z.Lon()-a.Lon()))
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			if w := xs[i+1] - xs[i]; w > bestW {
				best, bestW = orb.Point{(xs[i] + xs[i+1]) / 2, lat}, w
			}
		}
		if bestW > 0 && lat == c.Lat() {
			break
		}
	}
	return best
}

// stateFIPS maps a state's FIPS code to its GeoNames admin1 code (the
// postal code). Territories are left out: GeoNames treats them as countries.
var stateFIPS = map[string]string{
	"01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
	"11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
	"20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
	"28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
	"36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
	"45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
	"54": "WV", "55": "WI", "56": "WY",
}

// alaskaCensusAreas are the FIPS county codes of Alaska's census areas
// (the unorganised borough); alaskaCities are its consolidated
// city-boroughs and municipalities, named differently.
var (
	alaskaCensusAreas = map[string]bool{"016": true, "050": true, "063": true, "066": true, "070": true, "105": true, "158": true, "180": true, "198": true, "240": true, "261": true, "270": true, "290": true}
	alaskaCities      = map[string]string{"020": "Municipality of Anchorage", "230": "Municipality of Skagway", "110": "City and Borough of Juneau", "220": "City and Borough of Sitka", "275": "City and Borough of Wrangell", "282": "City and Borough of Yakutat"}
)

// countyName returns the name news gives a county, parish or borough, and
// false for what is not one (an independent city, the District of
// Columbia, a territory).
func countyName(fips, name string) (string, bool) {
	if len(fips) != 5 || name == "" {
		return "", false
	}
	st, code := fips[:2], fips[2:]
	if _, ok := stateFIPS[st]; !ok || st == "11" {
		return "", false
	}
	if n, err := strconv.Atoi(code); err != nil || n >= 510 {
		return "", false // Virginia's, Baltimore's, St. Louis's and Carson City's independent cities
	}
	switch st {
	case "22":
		return name + " Parish", true
	case "02":
		if n, ok := alaskaCities[code]; ok {
			return n, true
		}
		if alaskaCensusAreas[code] {
			return name + " Census Area", true
		}
		return name + " Borough", true
	}
	return name + " County", true
}

// readCounties reads the counties of a us-atlas TopoJSON file
// (counties-10m.json). pop gives each county's population by
// "US.ST.FIPS3" (the settlements' sum).
func readCounties(path string, pop map[string]int64) ([]gazfile.Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t topojson.Topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	obj, ok := t.Objects["counties"]
	if !ok {
		return nil, fmt.Errorf("%s: no \"counties\" object", path)
	}
	arcs, err := t.Positions()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []gazfile.Record
	for _, g := range obj.Geometries {
		fips := g.IDString()
		name, ok := countyName(fips, g.Properties.Name)
		if !ok {
			continue
		}
		polys, err := polygons(&g, arcs)
		if err != nil {
			return nil, fmt.Errorf("%s: county %s: %w", path, fips, err)
		}
		if len(polys) == 0 {
			return nil, fmt.Errorf("%s: county %s has no polygon", path, fips)
		}
		best, bestA := polys[0], -1.0
		for _, p := range polys {
			if a := math.Abs(planar.Area(p[0])); a > bestA {
				best, bestA = p, a
			}
		}
		b := best.Bound()
		a1 := stateFIPS[fips[:2]]
		r := gazfile.Record{
			ID: syntheticID("admin2", fips), Name: name, Kind: gazfile.KindAdmin2, FeatureCode: "ADM2",
			Country: "US", Admin1: a1, Point: interiorPoint(best), Bound: &b,
			Population: pop["US."+a1+"."+fips[2:]],
		}
		r.Alternates = countyAlternates(name, g.Properties.Name)
		r.Rank = gazfile.Rank(gazfile.KindAdmin2, r.FeatureCode, r.Population)
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b gazfile.Record) int { return strings.Compare(a.Name+a.Admin1, b.Name+b.Admin1) })
	return out, nil
}

// countyAlternates are the other names of a county: "Saint" for "St.",
// and the bare name ("Laurel"), which lookups rank below the towns of that
// name.
func countyAlternates(name, bare string) []string {
	var out []string
	if rest, ok := strings.CutPrefix(name, "St. "); ok {
		out = append(out, "Saint "+rest)
	}
	if rest, ok := strings.CutPrefix(name, "Ste. "); ok {
		out = append(out, "Sainte "+rest)
	}
	if bare != name {
		out = append(out, bare)
	}
	// "De Soto Parish" is written "DeSoto Parish" too, "DeKalb County"
	// "De Kalb County", "LaSalle County" "La Salle County"
	for _, n := range []string{name, bare} {
		if o := particleSpacing(n); o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// particles begin names that are written both as one word and as two
// ("DeSoto", "De Soto").
var particles = []string{"De", "La", "Le", "Du"}

// particleSpacing returns the other way of writing a name that begins
// with a particle: joined to the next word when apart ("De Soto Parish" →
// "DeSoto Parish"), apart when joined before a capital ("DeKalb County" →
// "De Kalb County"); "" for any other name.
func particleSpacing(name string) string {
	for _, p := range particles {
		rest, ok := strings.CutPrefix(name, p)
		if !ok || rest == "" {
			continue
		}
		if r, ok := strings.CutPrefix(rest, " "); ok && r != "" && r[0] >= 'A' && r[0] <= 'Z' {
			return p + r
		}
		if rest[0] >= 'A' && rest[0] <= 'Z' {
			return p + " " + rest
		}
	}
	return ""
}
