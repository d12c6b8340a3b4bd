package geoparse

import (
	"testing"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
)

// TestPairCountyTowns checks that a county and a town of one article are
// made the pair in which the town lies in the county, and the cases left
// alone.
func TestPairCountyTowns(t *testing.T) {
	county := func(id int64, cc string, min, max orb.Point) gazetteer.Candidate {
		return gazetteer.Candidate{Place: gazetteer.Place{ID: id, Kind: gazetteer.KindAdmin2, Country: cc,
			Point: orb.Point{(min[0] + max[0]) / 2, (min[1] + max[1]) / 2}, Bound: orb.Bound{Min: min, Max: max}}}
	}
	town := func(id int64, cc string, p orb.Point, pop int64, code string) gazetteer.Candidate {
		return gazetteer.Candidate{Place: gazetteer.Place{ID: id, Kind: gazetteer.KindSettlement, Country: cc, Point: p,
			Bound: orb.Bound{Min: p, Max: p}, Population: pop, FeatureCode: code}}
	}
	henryIL := county(1, "US", orb.Point{-90.4, 41.1}, orb.Point{-89.8, 41.6})
	henryTN := county(2, "US", orb.Point{-88.6, 36.1}, orb.Point{-88.0, 36.6})
	parisIL := town(3, "US", orb.Point{-87.7, 39.6}, 8800, "PPLA2") // in Edgar County, not Henry
	parisTN := town(4, "US", orb.Point{-88.33, 36.3}, 10000, "PPLA2")
	// the ranker's scores favour the Illinois pair
	groups := func(townCands ...gazetteer.Candidate) (c, tw *group) {
		c = &group{key: "henry county", cands: []gazetteer.Candidate{henryIL, henryTN}, scores: []float64{1, 0}, best: 0}
		tw = &group{key: "paris", cands: townCands, scores: make([]float64, len(townCands)), best: 0}
		tw.scores[0] = 1
		return c, tw
	}

	c, tw := groups(parisIL, parisTN)
	pairCountyTowns([]*group{c, tw})
	if c.cands[c.best].ID != 2 || tw.cands[tw.best].ID != 4 {
		t.Errorf("Paris and Henry County: got county %d and town %d, want Tennessee's (2, 4)", c.cands[c.best].ID, tw.cands[tw.best].ID)
	}
	if c.conf <= 0 || tw.conf <= 0 {
		t.Errorf("the pair has no confidence: %v %v", c.conf, tw.conf)
	}

	// a town chosen as a city of a million keeps its place ("Henry County
	// students toured Chicago", though a Chicago might lie in the county)
	chicago := town(5, "US", orb.Point{-87.65, 41.85}, 2_700_000, "PPLA2")
	c, tw = groups(chicago, town(8, "US", orb.Point{-88.2, 36.2}, 300, "PPL"))
	pairCountyTowns([]*group{c, tw})
	if tw.cands[tw.best].ID != 5 || c.cands[c.best].ID != 1 {
		t.Errorf("Henry County students toured Chicago: got town %d, county %d, want Chicago and the ranker's county", tw.cands[tw.best].ID, c.cands[c.best].ID)
	}

	// a town already in another chosen county of the article is that
	// county's
	c, tw = groups(parisIL, parisTN)
	edgar := &group{key: "edgar county", cands: []gazetteer.Candidate{county(6, "US", orb.Point{-87.95, 39.45}, orb.Point{-87.5, 39.9})}, scores: []float64{0}, best: 0}
	pairCountyTowns([]*group{c, tw, edgar})
	if tw.cands[tw.best].ID != 3 || c.cands[c.best].ID != 1 {
		t.Errorf("Paris in Edgar County: got town %d, county %d, want them unchanged", tw.cands[tw.best].ID, c.cands[c.best].ID)
	}

	// a pair in another country than the ranker's choices is not taken
	c, tw = groups(town(7, "GB", orb.Point{-1.8, 51.07}, 45000, "PPL"), parisTN)
	pairCountyTowns([]*group{c, tw})
	if tw.cands[tw.best].ID != 7 {
		t.Errorf("a British town moved to %d", tw.cands[tw.best].ID)
	}

	// a choice a qualifier made stays
	c, tw = groups(parisIL, parisTN)
	tw.fixed = true
	pairCountyTowns([]*group{c, tw})
	if tw.cands[tw.best].ID != 3 || c.cands[c.best].ID != 1 {
		t.Errorf("a fixed town moved: town %d, county %d", tw.cands[tw.best].ID, c.cands[c.best].ID)
	}
}
