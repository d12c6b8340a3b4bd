package geoparse

import (
	"context"
	"testing"
	"time"

	"eventmap/geo/gazetteer"
)

// TestSeenShares checks the shares of earlier articles per candidate.
func TestSeenShares(t *testing.T) {
	cands := []gazetteer.Candidate{{Place: gazetteer.Place{ID: 1}}, {Place: gazetteer.Place{ID: 2}}, {Place: gazetteer.Place{ID: 3}}}
	if got := seenShares(cands, nil); got != nil {
		t.Errorf("nothing seen: %v", got)
	}
	if got := seenShares(cands, map[int64]int{9: 4}); got != nil {
		t.Errorf("only another place seen: %v", got)
	}
	got := seenShares(cands, map[int64]int{2: 3, 9: 1})
	if want := []float64{0, 0.6, 0}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("shares = %v, want %v", got, want)
	}
}

// TestMemoryDays checks that a memory hands an article what its source's
// articles of earlier days were given, never the same day's nor another
// source's, and takes undated articles as one import.
func TestMemoryDays(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2020, 1, d, 9, 0, 0, 0, time.UTC) }
	res := func(id int64, names ...string) *Result {
		r := &Result{}
		for _, n := range names {
			r.Mentions = append(r.Mentions, Mention{Text: n, Place: gazetteer.Place{ID: id}})
		}
		return r
	}
	m := NewMemory()
	if h := m.Hints("a.example", day(1)); h != nil {
		t.Fatalf("empty memory gave %v", h)
	}
	m.Add("a.example", day(1), res(7, "Paris", "PARIS")) // once per article
	if h := m.Hints("a.example", day(1).Add(3*time.Hour)); h != nil {
		t.Errorf("same day saw %v", h.Seen)
	}
	m.Add("a.example", day(1), res(7, "Paris"))
	m.Add("b.example", day(1), res(8, "Paris"))
	h := m.Hints("a.example", day(2))
	if h == nil || h.Seen["paris"][7] != 2 || len(h.Seen["paris"]) != 1 {
		t.Fatalf("next day: %v", h)
	}
	if h := m.Hints("", day(2)); h != nil {
		t.Errorf("no source: %v", h)
	}
	m2 := NewMemory()
	m2.Add("c.example", time.Time{}, res(5, "Salem"))
	if h := m2.Hints("c.example", time.Time{}); h != nil {
		t.Errorf("undated articles saw each other: %v", h.Seen)
	}
	if h := m2.Hints("c.example", day(3)); h == nil || h.Seen["salem"][5] != 1 {
		t.Errorf("dated article after undated ones: %v", h)
	}
}

// TestSeenRaisesSense checks that the embedded model's ranker leans on a
// source's earlier articles: a name with comparable namesakes takes the
// one the source's articles were given, with no correction by hand.
func TestSeenRaisesSense(t *testing.T) {
	const text = "Flooding closed roads in Springfield on Monday."
	plain, seen := parseWithAndWithout(t, text, &Hints{Seen: map[string]map[int64]int{"springfield": {springfieldMA: 4, springfieldIL: 1}}})
	if len(plain.Mentions) != 1 || plain.Mentions[0].Place.ID == springfieldMA {
		t.Fatalf("without hints: %v: the test shows nothing", mentionTexts(plain))
	}
	if len(seen.Mentions) != 1 || seen.Mentions[0].Place.ID != springfieldMA {
		t.Fatalf("seen four times in Massachusetts: %+v", seen.Mentions)
	}
	if c := seen.Mentions[0].Confidence; c >= 1 {
		t.Errorf("a sense seen before is not a correction: confidence %v", c)
	}
}

// TestTrainLearnsSeen trains on one source's articles over several days:
// most name Springfield with its state, the bare "Springfield" of every
// fourth day means the same town. Parsed in date order with what the parser gave the
// earlier days, the bare ones teach the ranker to lean on the source's
// history; with no source there is no history and nothing to learn.
func TestTrainLearnsSeen(t *testing.T) {
	p := testParser()
	ma, err := p.g.Get(springfieldMA)
	if err != nil {
		t.Fatal(err)
	}
	examples := func(source string) []Example {
		var docs []Example
		for d := 1; d <= 16; d++ {
			text := "Flooding closed roads in Springfield on Monday."
			if d%4 != 0 {
				text = "Flooding closed roads in Springfield, Massachusetts on Monday."
			}
			// newest first: Train must put them in date order itself
			docs = append([]Example{{Text: text, Date: time.Date(2021, 3, d, 8, 0, 0, 0, time.UTC), Source: source,
				Gold: []GoldPlace{{Start: 25, End: 36, Point: ma.Point}}}}, docs...)
		}
		return docs
	}
	ctx := context.Background()
	with, err := Train(ctx, p.g, Options{}, examples("gazette.example"), TrainOptions{Rounds: 1, Epochs: 200})
	if err != nil {
		t.Fatal(err)
	}
	if w := with.Weights[fSeen]; w < 0.5 {
		t.Errorf("weight of %s = %.2f, want it clearly positive", featureNames[fSeen], w)
	}
	without, err := Train(ctx, p.g, Options{}, examples(""), TrainOptions{Rounds: 1, Epochs: 200})
	if err != nil {
		t.Fatal(err)
	}
	if w := without.Weights[fSeen]; w != 0 {
		t.Errorf("without a source the weight of %s moved to %.2f", featureNames[fSeen], w)
	}
}
