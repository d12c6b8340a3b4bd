package gazetteer

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestAdmin1CodesMeanTheTownsRegions checks, on the embedded gazetteer,
// that a town's admin-1 code leads to a region around the town, in
// countries whose Natural Earth regions are GeoNames' admin-1 level (US,
// DE; India, where Natural Earth coded Telangana "TG" and its towns say
// "40") and in those where they are another level (France's departments,
// Italy's and Spain's provinces, the UK's districts), whose codes used to
// collide with the towns'.
func TestAdmin1CodesMeanTheTownsRegions(t *testing.T) {
	g := Embedded(Options{})
	type tally struct{ towns, inside, missing int }
	counts := map[string]*tally{"FR": {}, "GB": {}, "IT": {}, "ES": {}, "US": {}, "DE": {}, "IN": {}}
	world := orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	err := g.Within(world, func(p Place) bool {
		c := counts[p.Country]
		if c == nil || p.Admin1 == "" || (p.Kind != KindSettlement && p.Kind != KindAdmin2) {
			return true
		}
		c.towns++
		r, err := g.Admin1(p.Country, p.Admin1)
		switch {
		case err != nil:
			c.missing++
		case r.Bound.Pad(0.2).Contains(p.Point):
			c.inside++
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	for cc, c := range counts {
		if c.towns < 1000 {
			t.Errorf("%s: %d towns", cc, c.towns)
			continue
		}
		if found := c.towns - c.missing; float64(c.inside) < 0.97*float64(found) || c.missing > c.towns/100 {
			t.Errorf("%s: %d of %d places with an admin-1 region lie in it (%d without one)", cc, c.inside, found, c.missing)
		}
	}
}

// TestFrenchRegionsAreNotDepartments: the GeoNames code of Nouvelle-
// Aquitaine ("75") is Paris's department number, and Île-de-France's
// ("11") Aude's.
func TestFrenchRegionsAreNotDepartments(t *testing.T) {
	g := Embedded(Options{})
	town := func(name string) Place {
		t.Helper()
		cs, err := g.Lookup(name, LookupOptions{Country: "FR"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.Kind == KindSettlement && c.Name == name {
				return c.Place
			}
		}
		t.Fatalf("no town %q", name)
		return Place{}
	}
	paris, village, carcassonne := town("Paris"), town("Notre-Dame-de-Sanilhac"), town("Carcassonne")
	if paris.Admin1 == village.Admin1 || paris.Admin1 == carcassonne.Admin1 {
		t.Fatalf("admin-1 codes: Paris %q, Notre-Dame-de-Sanilhac %q, Carcassonne %q", paris.Admin1, village.Admin1, carcassonne.Admin1)
	}
	for _, c := range []struct {
		town Place
		not  []Place
	}{{paris, []Place{village, carcassonne}}, {village, []Place{paris}}, {carcassonne, []Place{paris}}} {
		r, err := g.Admin1("FR", c.town.Admin1)
		if err != nil {
			t.Fatalf("%s: %v", c.town.Name, err)
		}
		if r.Kind != KindAdmin1 || !r.Bound.Contains(c.town.Point) {
			t.Errorf("%s: admin-1 %q (%s), bound %v, does not hold it", c.town.Name, r.Name, r.Kind, r.Bound)
		}
		for _, o := range c.not {
			if r.Bound.Contains(o.Point) {
				t.Errorf("%s's admin-1 %q holds %s too", c.town.Name, r.Name, o.Name)
			}
		}
	}
	// The departments stay, as second-order regions of the right region.
	cs, err := g.Lookup("Aude", LookupOptions{Country: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cs {
		if c.Name == "Aude" && c.Kind == KindAdmin2 {
			found = true
			if c.Admin1 != carcassonne.Admin1 {
				t.Errorf("Aude is in admin-1 %q, Carcassonne in %q", c.Admin1, carcassonne.Admin1)
			}
		}
	}
	if !found {
		t.Error("no department Aude")
	}
}
