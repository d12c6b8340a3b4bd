package main

import (
	"cmp"
	"log/slog"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Natural Earth keys its admin-1 features by a GeoNames code (gn_a1_code),
// but its level is not GeoNames' everywhere: for France it holds the
// departments, whose codes ("FR.75" = Paris) collide with the codes
// GeoNames gives its regions ("75" = Nouvelle-Aquitaine) and so the towns.
// The functions here decide per country, from where the towns lie, whether
// the two sets of codes mean the same regions.

// minMatchShare is the share of a country's towns (with an admin-1 code)
// that must lie inside the Natural Earth region carrying their own code
// for that country's codes to be GeoNames'. Where the codes agree the
// share is above 0.9 (towns on the coast just outside a drawn shore are
// the rest); where they are another level it is near zero.
const minMatchShare = 0.5

// coastPad is the margin, in degrees, by which a town outside every drawn
// region of its country still counts as inside its own region's bound
// (a port or an islet just off the simplified shore).
const coastPad = 0.05

// minNameShare is the share of the regions assigned to the towns'
// admin-1 regions that must agree on a property for it to name them.
const minNameShare = 0.9

// nameProps are the Natural Earth properties that may name the region a
// feature lies in, at GeoNames' level: "region" (French and Italian
// regions, Spanish communities), "geonunit" (the UK's nations).
var nameProps = []string{"region", "geonunit"}

// town is a settlement as the match reads it.
type town struct {
	Country, Admin1 string
	Point           orb.Point
	Population      int64
}

// neRegion is one Natural Earth admin-1 feature as the match reads it.
type neRegion struct {
	Country, Code string            // "FR", "75" (from gn_a1_code)
	Shape         orb.MultiPolygon  // its polygons
	Bound         orb.Bound         // the bound of Shape
	Props         map[string]string // the nameProps it has
}

// countryMatch is the decision for one country.
type countryMatch struct {
	Towns  int  // towns with an admin-1 code
	Inside int  // of them, inside the region carrying their code
	Match  bool // Natural Earth's codes are GeoNames', or no town has a code to collide with
}

// share is Inside/Towns; 0 for a country without towns.
func (m countryMatch) share() float64 {
	if m.Towns == 0 {
		return 0
	}
	return float64(m.Inside) / float64(m.Towns)
}

// locate returns, for each town, the index of the region of its country
// whose shape contains it, or -1.
func locate(towns []town, regions []neRegion) []int {
	byCountry := map[string][]int{}
	for i, r := range regions {
		byCountry[r.Country] = append(byCountry[r.Country], i)
	}
	where := make([]int, len(towns))
	for i, t := range towns {
		where[i] = -1
		for _, j := range byCountry[t.Country] {
			r := &regions[j]
			if r.Bound.Contains(t.Point) && planar.MultiPolygonContains(r.Shape, t.Point) {
				where[i] = j
				break
			}
		}
	}
	return where
}

// matchCountries decides for every country that has Natural Earth regions
// whether their codes are GeoNames': a town counts as inside when the
// region that contains it carries its code, or, outside every region of
// its country, when it lies within coastPad of the bound of a region
// carrying its code. where is locate's answer.
func matchCountries(towns []town, regions []neRegion, where []int) map[string]countryMatch {
	own := map[string][]int{} // "CC.code" → regions carrying it
	out := map[string]countryMatch{}
	for i, r := range regions {
		own[r.Country+"."+r.Code] = append(own[r.Country+"."+r.Code], i)
		out[r.Country] = countryMatch{}
	}
	for i, t := range towns {
		m, ok := out[t.Country]
		if !ok || t.Admin1 == "" {
			continue
		}
		m.Towns++
		if j := where[i]; j >= 0 {
			if regions[j].Code == t.Admin1 {
				m.Inside++
			}
		} else if slices.ContainsFunc(own[t.Country+"."+t.Admin1], func(j int) bool {
			return regions[j].Bound.Pad(coastPad).Contains(t.Point)
		}) {
			m.Inside++
		}
		out[t.Country] = m
	}
	for cc, m := range out {
		m.Match = m.Towns == 0 || m.share() >= minMatchShare // no town, no code to collide with
		out[cc] = m
	}
	return out
}

// townCodes returns, for each region, the admin-1 code most of the towns
// inside it carry ("" when no code has more than half of them), and the
// population of those towns.
func townCodes(towns []town, regions []neRegion, where []int) ([]string, []int64) {
	counts := make([]map[string]int, len(regions))
	pop := make([]int64, len(regions))
	for i, t := range towns {
		j := where[i]
		if j < 0 {
			continue
		}
		pop[j] += t.Population
		if t.Admin1 == "" {
			continue
		}
		if counts[j] == nil {
			counts[j] = map[string]int{}
		}
		counts[j][t.Admin1]++
	}
	codes := make([]string, len(regions))
	for j, c := range counts {
		n, best, bestN := 0, "", 0
		for code, k := range c {
			n += k
			if k > bestN || k == bestN && code < best {
				best, bestN = code, k
			}
		}
		if 2*bestN > n {
			codes[j] = best
		}
	}
	return codes, pop
}

// regionNames names the towns' admin-1 regions of one country from the
// Natural Earth regions assigned to them (codes, from townCodes): it picks
// the property of nameProps on whose value the regions of each code agree
// and that differs from code to code, when at least minNameShare of the
// assigned regions agree so. A property with one value in the whole
// country (its name) names nothing. It returns the property and a name by code
// (nil when no property does).
func regionNames(cc string, regions []neRegion, codes []string) (string, map[string]string) {
	bestProp, bestShare := "", 0.0
	var best map[string]string
	for _, prop := range nameProps {
		values := map[string]map[string]int{} // code → value → regions
		distinct := map[string]bool{}
		total := 0
		for j, r := range regions {
			if r.Country != cc {
				continue
			}
			if v := r.Props[prop]; v != "" {
				distinct[v] = true
			}
			if codes[j] == "" {
				continue
			}
			total++
			if v := r.Props[prop]; v != "" {
				if values[codes[j]] == nil {
					values[codes[j]] = map[string]int{}
				}
				values[codes[j]][v]++
			}
		}
		if total == 0 || len(distinct) < 2 {
			continue // one value for the whole country names no region in it
		}
		top := map[string]string{}
		users := map[string]int{} // value → codes whose top value it is
		agree := 0
		for code, vs := range values {
			v, n := "", 0
			for val, k := range vs {
				if k > n || k == n && val < v {
					v, n = val, k
				}
			}
			top[code] = v
			users[v]++
			agree += n
		}
		names := map[string]string{}
		for code, v := range top {
			if users[v] == 1 {
				names[code] = v
			} else {
				agree -= values[code][v] // a value shared by codes names none of them
			}
		}
		if s := float64(agree) / float64(total); s > bestShare {
			bestProp, bestShare, best = prop, s, names
		}
	}
	if bestShare < minNameShare {
		return "", nil
	}
	return bestProp, best
}

// townRegion is the shape of a towns' admin-1 region drawn from the
// Natural Earth regions assigned to it.
type townRegion struct {
	Point orb.Point
	Bound orb.Bound
}

// townRegionShape returns a representative point and a bound for the
// towns' admin-1 region code of country cc: the bound of its assigned
// regions, and the area-weighted centroid of their shapes when it falls
// inside one of them, else the point of its largest town.
func townRegionShape(cc, code string, regions []neRegion, codes []string, towns []town) (townRegion, bool) {
	var b orb.Bound
	var members orb.MultiPolygon
	n := 0
	for j, r := range regions {
		if r.Country != cc || codes[j] != code {
			continue
		}
		if n == 0 {
			b = r.Bound
		} else {
			b = b.Union(r.Bound)
		}
		n++
		members = append(members, r.Shape...)
	}
	if n == 0 {
		return townRegion{}, false
	}
	c, _ := planar.CentroidArea(members)
	if !planar.MultiPolygonContains(members, c) {
		var top *town
		for i := range towns {
			t := &towns[i]
			if t.Country == cc && t.Admin1 == code && (top == nil || t.Population > top.Population) {
				top = t
			}
		}
		if top == nil {
			return townRegion{}, false
		}
		c = top.Point
	}
	return townRegion{Point: c, Bound: b.Extend(c)}, true
}

// logMatches writes the decision for every country, mismatches first.
func logMatches(log *slog.Logger, ms map[string]countryMatch) {
	ccs := make([]string, 0, len(ms))
	for cc := range ms {
		ccs = append(ccs, cc)
	}
	slices.SortFunc(ccs, func(a, b string) int {
		ma, mb := ms[a], ms[b]
		if ma.Match != mb.Match {
			if !ma.Match {
				return -1
			}
			return 1
		}
		return cmp.Compare(a, b)
	})
	for _, cc := range ccs {
		m := ms[cc]
		log.Info("admin-1 codes", "country", cc, "towns", m.Towns, "inside own region", m.Inside, "share", float64(int(m.share()*1000))/1000, "geonames codes", m.Match)
	}
}

// townCodeCount is the number of admin-1 codes the towns of cc use.
func townCodeCount(towns []town, cc string) int {
	seen := map[string]bool{}
	for _, t := range towns {
		if t.Country == cc && t.Admin1 != "" {
			seen[t.Admin1] = true
		}
	}
	return len(seen)
}

// recode returns, for the regions of countries whose codes are GeoNames'
// (see matchCountries), the code to give a region whose own code no town
// of its country carries while most towns inside it carry one that no
// region of the country has: Natural Earth gives Telangana "TG" where
// GeoNames, and Hyderabad with it, say "40". codes holds the towns'
// majority code per region (see townCodes). A code that the towns of two
// such regions share names neither (Baku's districts, Skopje's
// municipalities: the towns' region is the larger one around them), nor
// does "00", GeoNames' code for a town of no known region.
func recode(towns []town, regions []neRegion, codes []string, matches map[string]countryMatch) map[int]string {
	used := map[string]bool{} // "CC.code" carried by some town
	for _, t := range towns {
		used[t.Country+"."+t.Admin1] = true
	}
	has := map[string]bool{} // "CC.code" carried by some region
	for _, r := range regions {
		has[r.Country+"."+r.Code] = true
	}
	claims := map[string][]int{} // "CC.code" → regions it would name
	for i, r := range regions {
		if !matches[r.Country].Match || used[r.Country+"."+r.Code] || codes[i] == "" || codes[i] == "00" || has[r.Country+"."+codes[i]] {
			continue
		}
		k := r.Country + "." + codes[i]
		claims[k] = append(claims[k], i)
	}
	out := map[int]string{}
	for _, rs := range claims {
		if len(rs) == 1 {
			out[rs[0]] = codes[rs[0]]
		}
	}
	return out
}
