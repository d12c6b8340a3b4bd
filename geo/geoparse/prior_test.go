package geoparse

import (
	"testing"
	"time"
)

func TestPrior(t *testing.T) {
	const text = "The Dublin council met on Monday."
	without := parse(t, text, time.Time{})
	if len(without.Mentions) != 1 || without.Mentions[0].Place.Country == "US" {
		t.Fatalf("without a prior: %+v, want Dublin outside the US", without.Mentions)
	}
	pr := NewPrior()
	ohio := parse(t, "Columbus, Ohio, and Cincinnati, Ohio, voted; Toledo, Ohio, did not. Dayton, Ohio, waited.", time.Time{})
	pr.Add(ohio)
	if c, a := pr.shares("US", "OH"); c < 0.9 || a < 0.5 {
		t.Fatalf("shares of US, US.OH = %.2f, %.2f", c, a)
	}
	r, err := testParser().WithPrior(pr).Parse(t.Context(), text, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Mentions) != 1 || r.Mentions[0].Place.Country != "US" || r.Mentions[0].Place.Admin1 != "OH" {
		t.Errorf("with an Ohio prior: %+v, want Dublin, Ohio", r.Mentions)
	}
	pr.Remove(ohio)
	if c, a := pr.shares("US", "OH"); c != 0 || a != 0 {
		t.Errorf("after Remove: shares %.2f, %.2f, want 0", c, a)
	}
	var none *Prior
	if c, a := none.shares("US", "OH"); c != 0 || a != 0 {
		t.Errorf("nil prior: shares %.2f, %.2f", c, a)
	}
}
