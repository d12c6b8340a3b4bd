package main

import (
	"path/filepath"
	"slices"
	"testing"

	"eventmap/geo/gazetteer/gazfile"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestCountyName(t *testing.T) {
	tests := []struct {
		fips, name, want string
		ok               bool
	}{
		{"21125", "Laurel", "Laurel County", true},
		{"22079", "Rapides", "Rapides Parish", true},
		{"02090", "Fairbanks North Star", "Fairbanks North Star Borough", true},
		{"02180", "Nome", "Nome Census Area", true},
		{"02020", "Anchorage", "Municipality of Anchorage", true},
		{"48507", "Zavala", "Zavala County", true}, // Texas counties go past 500
		{"51760", "Richmond", "", false},           // an independent city
		{"29510", "St. Louis", "", false},
		{"11001", "District of Columbia", "", false},
		{"72033", "Cataño", "", false}, // a territory
		{"2107", "Laurel", "", false},
		{"21125", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.fips+" "+tt.name, func(t *testing.T) {
			got, ok := countyName(tt.fips, tt.name)
			if got != tt.want || ok != tt.ok {
				t.Errorf("countyName(%q, %q) = %q, %v; want %q, %v", tt.fips, tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReadCounties(t *testing.T) {
	pop := map[string]int64{"US.MO.077": 166810}
	recs, err := readCounties(filepath.Join("testdata", "atlas", "counties-10m.json"), pop)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]gazfile.Record{}
	for _, r := range recs {
		by[r.Name] = r
	}
	if len(recs) != 3 {
		t.Fatalf("got %d counties %v, want 3 (no independent city, no territory)", len(recs), by)
	}
	tests := []struct {
		name, admin1 string
		pop          int64
		point        orb.Point
		bound        orb.Bound
		alts         []string
	}{
		// a square given by a reversed arc: its centroid
		{"Greene County", "MO", 166810, orb.Point{-93.5, 37.5}, orb.Bound{Min: orb.Point{-94, 37}, Max: orb.Point{-93, 38}}, []string{"Greene"}},
		// a U whose centroid falls in the notch: a point in one arm
		{"Acadia Parish", "LA", 0, orb.Point{-91.5, 38.357}, orb.Bound{Min: orb.Point{-92, 37}, Max: orb.Point{-89, 40}}, []string{"Acadia"}},
		// two squares: the larger one's point and bound
		{"St. Clair County", "IL", 0, orb.Point{-86, 38}, orb.Bound{Min: orb.Point{-87, 37}, Max: orb.Point{-85, 39}}, []string{"Saint Clair County", "St. Clair"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := by[tt.name]
			if !ok {
				t.Fatalf("no %s in %v", tt.name, by)
			}
			if r.Kind != gazfile.KindAdmin2 || r.FeatureCode != "ADM2" || r.Country != "US" || r.Admin1 != tt.admin1 || r.Population != tt.pop {
				t.Errorf("%s: kind %v code %s %s.%s pop %d", tt.name, r.Kind, r.FeatureCode, r.Country, r.Admin1, r.Population)
			}
			if d := planar.Distance(r.Point, tt.point); d > 0.01 {
				t.Errorf("%s: point %v, want %v", tt.name, r.Point, tt.point)
			}
			if r.Bound == nil || planar.Distance(r.Bound.Min, tt.bound.Min) > 1e-9 || planar.Distance(r.Bound.Max, tt.bound.Max) > 1e-9 {
				t.Errorf("%s: bound %v, want %v", tt.name, r.Bound, tt.bound)
			}
			if !slices.Equal(r.Alternates, tt.alts) {
				t.Errorf("%s: alternates %q, want %q", tt.name, r.Alternates, tt.alts)
			}
			if r.Rank <= 0 || r.Rank >= gazfile.Rank(gazfile.KindAdmin1, "ADM1", r.Population) {
				t.Errorf("%s: rank %.3f, want below an admin-1 region's", tt.name, r.Rank)
			}
		})
	}
}

func TestInteriorPoint(t *testing.T) {
	u := orb.Polygon{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}
	sq := orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}
	holed := orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {3, 1}, {3, 3}, {1, 3}, {1, 1}}}
	for _, tt := range []struct {
		name string
		p    orb.Polygon
	}{{"square", sq}, {"U", u}, {"hole", holed}} {
		t.Run(tt.name, func(t *testing.T) {
			if pt := interiorPoint(tt.p); !planar.PolygonContains(tt.p, pt) {
				t.Errorf("interiorPoint = %v, outside the polygon", pt)
			}
		})
	}
}

func TestCountyAlternates(t *testing.T) {
	tests := []struct {
		name, bare string
		want       []string
	}{
		{"Laurel County", "Laurel", []string{"Laurel"}},
		{"St. Clair County", "St. Clair", []string{"Saint Clair County", "St. Clair"}},
		{"De Soto Parish", "De Soto", []string{"De Soto", "DeSoto Parish", "DeSoto"}},
		{"DeKalb County", "DeKalb", []string{"DeKalb", "De Kalb County", "De Kalb"}},
		{"LaSalle County", "LaSalle", []string{"LaSalle", "La Salle County", "La Salle"}},
		{"Delaware County", "Delaware", []string{"Delaware"}}, // not "De laware"
		{"Le Flore County", "Le Flore", []string{"Le Flore", "LeFlore County", "LeFlore"}},
	}
	for _, tt := range tests {
		if got := countyAlternates(tt.name, tt.bare); !slices.Equal(got, tt.want) {
			t.Errorf("countyAlternates(%q, %q) = %q, want %q", tt.name, tt.bare, got, tt.want)
		}
	}
}
