package gazetteer

import (
	"errors"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

func TestEmbeddedLoads(t *testing.T) {
	g := Embedded(Options{})
	n, err := g.Len()
	if err != nil {
		t.Fatal(err)
	}
	if n < 199_000 {
		t.Errorf("only %d places", n)
	}
}

func TestNewBadData(t *testing.T) {
	g := New("not a gazetteer", Options{})
	if _, err := g.Lookup("Paris", LookupOptions{}); err == nil {
		t.Error("Lookup on bad data: no error")
	}
	if _, err := g.Get(1); err == nil {
		t.Error("Get on bad data: no error")
	}
}

func TestLookupOptions(t *testing.T) {
	g := Embedded(Options{})
	tests := []struct {
		name  string
		opt   LookupOptions
		check func(t *testing.T, c []Candidate)
	}{
		{"Paris", LookupOptions{Country: "us", Limit: 50}, func(t *testing.T, c []Candidate) {
			if len(c) < 5 {
				t.Fatalf("%d US Parises", len(c))
			}
			for _, x := range c {
				if x.Country != "US" {
					t.Errorf("%s is in %s", x.Name, x.Country)
				}
			}
		}},
		{"Georgia", LookupOptions{Kinds: []Kind{KindAdmin1}}, func(t *testing.T, c []Candidate) {
			if len(c) == 0 || c[0].Country != "US" || c[0].Kind != KindAdmin1 {
				t.Errorf("got %v", c)
			}
		}},
		{"Springfield", LookupOptions{Limit: 3}, func(t *testing.T, c []Candidate) {
			if len(c) != 3 {
				t.Fatalf("limit 3 gave %d", len(c))
			}
			if !slices.IsSortedFunc(c, func(a, b Candidate) int { return -cmpF(a.Score, b.Score) }) {
				t.Error("not sorted by score")
			}
			if c[0].Population < c[1].Population {
				t.Error("the most populous Springfield is not first")
			}
		}},
		{"Springfield, Ill.", LookupOptions{}, func(t *testing.T, c []Candidate) {
			if len(c) != 1 || c[0].Admin1 != "IL" {
				t.Errorf("got %v", c)
			}
		}},
		{"Périgueux, Dordogne", LookupOptions{}, func(t *testing.T, c []Candidate) {
			// a département qualifies by its extent: its code is no town's
			if len(c) == 0 || c[0].Name != "Périgueux" || c[0].Country != "FR" {
				t.Errorf("got %v", c)
			}
		}},
		{"Carcassonne, Dordogne", LookupOptions{}, func(t *testing.T, c []Candidate) {
			if len(c) != 0 {
				t.Errorf("a town outside the département qualifying it: %v", c)
			}
		}},
		{"Washington, D.C.", LookupOptions{}, func(t *testing.T, c []Candidate) {
			if len(c) == 0 || c[0].FeatureCode != "PPLC" {
				t.Errorf("got %v", c)
			}
		}},
		{"Bonaparte, Nowhereland", LookupOptions{}, func(t *testing.T, c []Candidate) {
			if len(c) != 0 {
				t.Errorf("an unknown qualifier kept as part of the name should match nothing, got %v", c)
			}
		}},
		{"   ", LookupOptions{}, func(t *testing.T, c []Candidate) {
			if len(c) != 0 {
				t.Errorf("blank query matched %d", len(c))
			}
		}},
		{"KIEV", LookupOptions{Limit: 1}, func(t *testing.T, c []Candidate) {
			if len(c) != 1 || c[0].Match != MatchAlt || c[0].ID != 703448 {
				t.Errorf("got %v", c)
			}
		}},
		{"Russians", LookupOptions{Limit: 1}, func(t *testing.T, c []Candidate) {
			if len(c) != 1 || c[0].Match != MatchDemonym || c[0].Country != "RU" {
				t.Errorf("got %v", c)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := g.Lookup(tt.name, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestGetCountryAdmin1Alternates(t *testing.T) {
	g := Embedded(Options{})
	p, err := g.Get(2013348)
	if err != nil || p.Name != "Vladivostok" {
		t.Fatalf("Get(2013348) = %v, %v", p, err)
	}
	if _, err := g.Get(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(42) err = %v", err)
	}
	ru, err := g.Country("ru")
	if err != nil || ru.Name != "Russia" || !ru.HasExtent() {
		t.Errorf("Country(ru) = %v, %v", ru, err)
	}
	a, err := g.Admin1("US", "GA")
	if err != nil || a.Name != "Georgia" || a.Kind != KindAdmin1 {
		t.Errorf("Admin1(US, GA) = %v, %v", a, err)
	}
	if _, err := g.Admin1("US", "XX"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Admin1(US, XX) err = %v", err)
	}
	alts, err := g.Alternates(703448)
	if err != nil || !slices.Contains(alts, "Kiev") {
		t.Errorf("Alternates(Kyiv) = %v, %v", alts, err)
	}
	sea, err := g.Lookup("Sea of Japan", LookupOptions{Limit: 1})
	if err != nil || len(sea) != 1 || !sea[0].HasExtent() || !sea[0].Bound.Contains(orb.Point{134.5, 40}) {
		t.Errorf("Sea of Japan is not an area: %v", sea)
	}
}

func TestNearest(t *testing.T) {
	g := Embedded(Options{})
	near, err := g.Nearest(orb.Point{131.882, 43.116}, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(near) != 3 || near[0].Name != "Vladivostok" || near[0].DistanceKM > 5 {
		t.Fatalf("nearest to Vladivostok: %v", near)
	}
	if !slices.IsSortedFunc(near, func(a, b Near) int { return cmpF(a.DistanceKM, b.DistanceKM) }) {
		t.Error("not sorted by distance")
	}
	// Filtered: the nearest country to a point in the Pacific off Japan.
	cs, err := g.Nearest(orb.Point{145, 35}, 1, func(p Place) bool { return p.Kind == KindCountry })
	if err != nil || len(cs) != 1 || cs[0].Country != "JP" {
		t.Errorf("nearest country: %v, %v", cs, err)
	}
	// Across the antimeridian: Fiji's east.
	fj, err := g.Nearest(orb.Point{-179.9, -16.5}, 1, func(p Place) bool { return p.Kind == KindSettlement })
	if err != nil || len(fj) != 1 || fj[0].DistanceKM > 300 {
		t.Errorf("nearest settlement near the antimeridian: %v, %v", fj, err)
	}
	if none, _ := g.Nearest(orb.Point{0, 0}, 0, nil); len(none) != 0 {
		t.Error("limit 0 returned places")
	}
}

func TestWithin(t *testing.T) {
	g := Embedded(Options{})
	b := orb.Bound{Min: orb.Point{131.8, 43.0}, Max: orb.Point{132.0, 43.2}}
	var names []string
	err := g.Within(b, func(p Place) bool {
		if !b.Contains(p.Point) {
			t.Errorf("%s at %v is outside", p.Name, p.Point)
		}
		names = append(names, p.Name)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names, "Vladivostok") {
		t.Errorf("Vladivostok not within %v: %v", b, names)
	}
	n := 0
	g.Within(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, func(Place) bool { n++; return n < 10 })
	if n != 10 {
		t.Errorf("stopping early: visited %d", n)
	}
}

func TestDemoteAlternates(t *testing.T) {
	tests := []struct {
		name string
		in   []Candidate
		want []float64
	}{
		{"bare county", []Candidate{
			{Place: Place{Kind: KindAdmin2}, Match: MatchAlt, Score: 1},
			{Place: Place{Kind: KindAdmin2}, Match: MatchName, Score: 1},
		}, []float64{bareCountyFactor, 1}},
		{"alternate shadowed by a main name", []Candidate{
			{Place: Place{Kind: KindSettlement}, Match: MatchAlt, Score: 1},
			{Place: Place{Kind: KindSettlement, FeatureCode: "PPLC"}, Match: MatchName, Score: 0.5},
		}, []float64{shadowedAltFactor, 0.5}},
		{"alternate beside a small town's main name", []Candidate{
			{Place: Place{Kind: KindSettlement}, Match: MatchAlt, Score: 1},
			{Place: Place{Kind: KindSettlement, FeatureCode: "PPLA2"}, Match: MatchName, Score: 0.5},
		}, []float64{1, 0.5}},
		{"alternate alone", []Candidate{
			{Place: Place{Kind: KindSettlement}, Match: MatchAlt, Score: 1},
			{Place: Place{Kind: KindCountry}, Match: MatchAlt, Score: 1},
		}, []float64{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			demoteAlternates(tt.in)
			for i, c := range tt.in {
				if c.Score != tt.want[i] {
					t.Errorf("candidate %d: score %v, want %v", i, c.Score, tt.want[i])
				}
			}
		})
	}
}
