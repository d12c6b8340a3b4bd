package geoparse

import (
	"context"
	"testing"
	"time"
)

// springfieldMA and springfieldIL are the gazetteer ids of Springfield,
// Massachusetts and Illinois: two of several comparable Springfields.
const (
	springfieldMA = 4951788
	springfieldIL = 4250542
)

// parseWithAndWithout parses text without hints and with h.
func parseWithAndWithout(t *testing.T, text string, h *Hints) (plain, hinted *Result) {
	t.Helper()
	p := testParser()
	ctx := context.Background()
	plain, err := p.Parse(ctx, text, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if hinted, err = p.ParseWithHints(ctx, text, time.Time{}, h); err != nil {
		t.Fatal(err)
	}
	return plain, hinted
}

// TestHints checks that a place the user chose for a name is taken, with
// confidence 1, and moves the article's other names towards it.
func TestHints(t *testing.T) {
	const text = "Flooding closed roads in Springfield and Salem."
	p := testParser()
	ctx := context.Background()
	plain, hinted := parseWithAndWithout(t, text, &Hints{Senses: map[string]int64{"springfield": springfieldIL}})
	find := func(r *Result, name string) *Mention {
		for i := range r.Mentions {
			if r.Mentions[i].Text == name {
				return &r.Mentions[i]
			}
		}
		t.Fatalf("%s not found in %v", name, mentionTexts(r))
		return nil
	}
	if m := find(plain, "Springfield"); m.Place.ID == springfieldIL {
		t.Fatalf("without hints Springfield is already Illinois' (%v): the test shows nothing", m.Place.Admin1)
	}
	s := find(hinted, "Springfield")
	if s.Place.ID != springfieldIL || s.Confidence != 1 || len(s.Alternatives) != 0 {
		t.Errorf("hinted Springfield: %s (%s) confidence %v, %d alternatives", s.Place.Name, s.Place.Admin1, s.Confidence, len(s.Alternatives))
	}
	if a, b := find(plain, "Salem").Place, find(hinted, "Salem").Place; b.Country != "US" || b.Admin1 != s.Place.Admin1 {
		t.Errorf("Salem in %s/%s with Springfield, Illinois (without the hint %s/%s)", b.Country, b.Admin1, a.Country, a.Admin1)
	}
	// a hint for a place the name's lookup does not find still applies
	other, err := p.ParseWithHints(ctx, text, time.Time{}, &Hints{Senses: map[string]int64{"salem": springfieldIL}})
	if err != nil {
		t.Fatal(err)
	}
	if m := find(other, "Salem"); m.Place.ID != springfieldIL {
		t.Errorf("hint outside the candidates ignored: %s", m.Place.Name)
	}
	// an id the gazetteer does not hold is ignored
	if _, err := p.ParseWithHints(ctx, text, time.Time{}, &Hints{Senses: map[string]int64{"salem": 1}}); err != nil {
		t.Errorf("unknown id: %v", err)
	}
}
