package main

import (
	"maps"
	"testing"

	"github.com/paulmach/orb"
)

// square is a region of country cc with code, the unit square at (x, y).
func square(cc, code string, x, y float64, props map[string]string) neRegion {
	p := orb.Polygon{orb.Ring{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}
	return neRegion{Country: cc, Code: code, Shape: orb.MultiPolygon{p}, Bound: p.Bound(), Props: props}
}

// townsIn returns n towns of country cc with admin-1 code, in the unit
// square at (x, y).
func townsIn(cc, code string, x, y float64, n int) []town {
	var out []town
	for i := range n {
		out = append(out, town{Country: cc, Admin1: code, Point: orb.Point{x + 0.1 + 0.8*float64(i)/float64(n), y + 0.5}, Population: 1000})
	}
	return out
}

// twoLevels is a country "FR" whose Natural Earth regions are four
// departments "01".."04" in a row, while its towns carry the codes of two
// regions: "03" for the western two departments, "01" for the eastern two
// (so the codes collide), and a matching country "DE" beside it.
func twoLevels() ([]town, []neRegion) {
	regions := []neRegion{
		square("FR", "01", 0, 0, map[string]string{"region": "West", "geonunit": "France"}),
		square("FR", "02", 1, 0, map[string]string{"region": "West", "geonunit": "France"}),
		square("FR", "03", 2, 0, map[string]string{"region": "East", "geonunit": "France"}),
		square("FR", "04", 3, 0, map[string]string{"region": "East", "geonunit": "France"}),
		square("DE", "01", 10, 0, nil),
		square("DE", "02", 11, 0, nil),
	}
	var towns []town
	towns = append(towns, townsIn("FR", "03", 0, 0, 5)...)
	towns = append(towns, townsIn("FR", "03", 1, 0, 5)...)
	towns = append(towns, townsIn("FR", "01", 2, 0, 5)...)
	towns = append(towns, townsIn("FR", "01", 3, 0, 5)...)
	towns = append(towns, townsIn("DE", "01", 10, 0, 6)...)
	towns = append(towns, townsIn("DE", "02", 11, 0, 6)...)
	towns = append(towns, town{Country: "DE", Admin1: "02", Point: orb.Point{12.03, 0.5}}) // just off the shore
	towns = append(towns, town{Country: "DE", Admin1: "01", Point: orb.Point{11.5, 0.5}})  // misfiled
	return towns, regions
}

func TestMatchCountries(t *testing.T) {
	towns, regions := twoLevels()
	where := locate(towns, regions)
	ms := matchCountries(towns, regions, where)
	fr, de := ms["FR"], ms["DE"]
	// FR: the west region's towns ("03") lie in departments 01 and 02, the
	// east's ("01") in 03 and 04: none in the department of its code.
	if fr.Towns != 20 || fr.Inside != 0 || fr.Match {
		t.Errorf("FR: %+v, want 20 towns, none inside, no match", fr)
	}
	// DE: 12 inside, the one off the shore within the pad of its own
	// region, the misfiled one not.
	if de.Towns != 14 || de.Inside != 13 || !de.Match {
		t.Errorf("DE: %+v, want 13 of 14 inside, a match", de)
	}
}

func TestMatchCountriesPartial(t *testing.T) {
	// Half the codes agree: regions 01 and 02 hold their own towns, 03 and
	// 04 each other's, and 03 has more towns than the others.
	regions := []neRegion{square("CI", "01", 0, 0, nil), square("CI", "02", 1, 0, nil), square("CI", "03", 2, 0, nil), square("CI", "04", 3, 0, nil)}
	var towns []town
	towns = append(towns, townsIn("CI", "01", 0, 0, 3)...)
	towns = append(towns, townsIn("CI", "02", 1, 0, 3)...)
	towns = append(towns, townsIn("CI", "04", 2, 0, 5)...)
	towns = append(towns, townsIn("CI", "03", 3, 0, 2)...)
	m := matchCountries(towns, regions, locate(towns, regions))["CI"]
	if m.Towns != 13 || m.Inside != 6 || m.Match {
		t.Errorf("%+v: want 6 of 13 inside, under half: no match", m)
	}
	towns = append(towns, townsIn("CI", "01", 0, 0, 2)...)
	m = matchCountries(towns, regions, locate(towns, regions))["CI"]
	if m.Inside != 8 || !m.Match {
		t.Errorf("%+v: want 8 of 15 inside, a match", m)
	}
}

func TestMatchCountriesWithoutTowns(t *testing.T) {
	regions := []neRegion{square("AQ", "01", 0, 0, nil)}
	m := matchCountries(nil, regions, nil)["AQ"]
	if !m.Match || m.Towns != 0 {
		t.Errorf("%+v: a country without towns has no code to collide with", m)
	}
	if _, ok := matchCountries(townsIn("XX", "01", 0, 0, 2), regions, []int{-1, -1})["XX"]; ok {
		t.Error("a country without regions got a decision")
	}
}

func TestTownCodesAndNames(t *testing.T) {
	towns, regions := twoLevels()
	where := locate(towns, regions)
	codes, pop := townCodes(towns, regions, where)
	want := []string{"03", "03", "01", "01", "01", "02"}
	for i, c := range codes {
		if c != want[i] {
			t.Errorf("region %d (%s.%s): code %q, want %q", i, regions[i].Country, regions[i].Code, c, want[i])
		}
	}
	if pop[0] != 5000 || pop[5] != 6000 {
		t.Errorf("populations %v", pop)
	}
	prop, names := regionNames("FR", regions, codes)
	if prop != "region" || !maps.Equal(names, map[string]string{"03": "West", "01": "East"}) {
		t.Errorf("named by %q: %v, want region: 03 West, 01 East", prop, names)
	}
	// One value for all (the country's own unit) names nothing.
	for i := range regions {
		delete(regions[i].Props, "region")
	}
	if prop, names := regionNames("FR", regions, codes); prop != "" || names != nil {
		t.Errorf("named by %q: %v, want nothing", prop, names)
	}
	// Values that do not follow the codes name nothing.
	regions[0].Props["region"], regions[1].Props["region"] = "A", "B"
	regions[2].Props["region"], regions[3].Props["region"] = "A", "B"
	if prop, names := regionNames("FR", regions, codes); prop != "" || names != nil {
		t.Errorf("named by %q: %v, want nothing", prop, names)
	}

	shape, ok := townRegionShape("FR", "03", regions, codes, towns)
	if !ok || shape.Bound != (orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 1}}) || shape.Point != (orb.Point{1, 0.5}) {
		t.Errorf("region 03: %+v, want the union of departments 01 and 02 and its centre", shape)
	}
	if _, ok := townRegionShape("FR", "09", regions, codes, towns); ok {
		t.Error("a code without regions got a shape")
	}
}

// TestRecode checks that a region whose code no town carries takes the
// code of the towns inside it, when no region has that code already and
// no other such region claims it too.
func TestRecode(t *testing.T) {
	regions := []neRegion{
		square("IN", "02", 0, 0, nil),  // towns' code too
		square("IN", "TG", 1, 0, nil),  // towns inside say "40"
		square("IN", "LA", 2, 0, nil),  // towns inside say "02": a code a region has
		square("AZ", "101", 5, 0, nil), // two districts whose towns both say "35"
		square("AZ", "102", 6, 0, nil),
		square("AZ", "20", 7, 0, nil),
		square("FR", "01", 10, 0, nil), // a country whose codes are another level
		square("SG", "05", 12, 0, nil), // towns of no known region ("00")
	}
	var towns []town
	for _, in := range []struct {
		cc, code string
		x        float64
		n        int
	}{{"IN", "02", 0, 3}, {"IN", "40", 1, 4}, {"IN", "02", 2, 1}, {"AZ", "35", 5, 2}, {"AZ", "35", 6, 2}, {"AZ", "20", 7, 9}, {"FR", "75", 10, 3}, {"SG", "00", 12, 2}} {
		towns = append(towns, townsIn(in.cc, in.code, in.x, 0, in.n)...)
	}
	where := locate(towns, regions)
	codes, _ := townCodes(towns, regions, where)
	matches := map[string]countryMatch{"IN": {Match: true}, "AZ": {Match: true}, "FR": {Match: false}, "SG": {Match: true}}
	got := recode(towns, regions, codes, matches)
	if want := map[int]string{1: "40"}; !maps.Equal(got, want) {
		t.Errorf("recode = %v, want %v", got, want)
	}
}
