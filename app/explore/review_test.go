package explore

import (
	"context"
	"errors"
	"testing"

	"github.com/paulmach/orb"
)

func reviewEvents() []event {
	return []event{
		{place: "Unsure", at: orb.Point{10, 10}, when: day(2020, 1, 1), conf: 0.3},
		{place: "Doubtful", at: orb.Point{20, 10}, when: day(2020, 2, 1), conf: 0.45},
		{place: "Fair", at: orb.Point{30, 10}, when: day(2020, 3, 1), conf: 0.6},
		{place: "Sure", at: orb.Point{40, 10}}, // undated, 0.9
	}
}

// reviewed returns the places of the events that need review.
func reviewed(c *Controller) map[string]bool {
	out := map[string]bool{}
	for i := range c.Index().Len() {
		if c.NeedsReview(i) {
			out[c.Index().PlaceID(i)] = true
		}
	}
	return out
}

// shownPlaces returns the places of the events shown.
func shownPlaces(c *Controller) map[string]bool {
	out := map[string]bool{}
	c.Each(func(i int) { out[c.Index().PlaceID(i)] = true })
	return out
}

func TestNeedsReviewFilter(t *testing.T) {
	c, q, changes, errs := newController(t)
	c.Open(writeDB(t, reviewEvents()), nil)
	q.run(0) // the load; the confidences are read after it
	if len(reviewed(c)) != 0 {
		t.Errorf("needs review before the confidences are read: %v", reviewed(c))
	}
	n := len(*changes)
	q.drain()
	if got := reviewed(c); len(got) != 2 || !got["Unsure"] || !got["Doubtful"] {
		t.Errorf("needs review at %v: %v", c.ReviewThreshold(), got)
	}
	if len(*changes) == n || !(*changes)[len(*changes)-1].Has(FilterChanged) {
		t.Errorf("no FilterChanged once the confidences were read: %v", (*changes)[n:])
	}
	if c.ReviewCount() != 2 {
		t.Errorf("ReviewCount = %d, want 2", c.ReviewCount())
	}

	// The filter keeps them alone, with the range and the other filters.
	c.SetFilter(Filter{Review: true, Precision: AnyPrecision})
	q.drain()
	if got := shownPlaces(c); len(got) != 2 || !got["Unsure"] || !got["Doubtful"] || c.Count() != 2 {
		t.Errorf("needs review filter shows %v (%d)", got, c.Count())
	}
	if ids := c.ShownIDs(); len(ids) != 2 {
		t.Errorf("ShownIDs for the export: %v", ids)
	}
	if err := c.SetRange(day(2020, 1, 15), day(2020, 12, 31)); err != nil {
		t.Fatal(err)
	}
	if got := shownPlaces(c); len(got) != 1 || !got["Doubtful"] {
		t.Errorf("needs review in Jan 15 - Dec 31: %v", got)
	}
	c.SetAllTime()

	// A higher threshold: one more.
	if err := c.SetReviewThreshold(0.7); err != nil {
		t.Fatal(err)
	}
	q.drain()
	if got := shownPlaces(c); len(got) != 3 || got["Sure"] {
		t.Errorf("needs review under 0.7: %v", got)
	}
	for _, bad := range []float64{-0.1, 1.5} {
		if err := c.SetReviewThreshold(bad); !errors.Is(err, ErrThreshold) || c.ReviewThreshold() != 0.7 {
			t.Errorf("SetReviewThreshold(%v) = %v, threshold %v", bad, err, c.ReviewThreshold())
		}
	}
	if err := c.SetReviewThreshold(0.5); err != nil {
		t.Fatal(err)
	}
	q.drain()

	// Confirming a place (a correction to the same place), through Run,
	// clears it once the events are read again.
	unsure, _ := c.Index().Find(idOf(t, c, "Unsure"))
	article := c.ArticleOf(unsure)
	var done bool
	c.Run(func(ctx context.Context, st Store) error {
		_, ms, err := st.Article(ctx, article)
		if err != nil {
			return err
		}
		return st.CorrectMention(ctx, article, ms[0].Span, ms[0].Place)
	}, func(err error) {
		done = true
		if err != nil {
			t.Error(err)
		}
	})
	if done {
		t.Fatal("Run did its work on the calling goroutine")
	}
	q.drain()
	if !done {
		t.Fatal("Run did not call done")
	}
	c.Reload(nil)
	q.drain()
	if got := reviewed(c); len(got) != 1 || !got["Doubtful"] {
		t.Errorf("needs review after confirming Unsure: %v", got)
	}
	if got := shownPlaces(c); len(got) != 1 || !got["Doubtful"] {
		t.Errorf("the needs review filter after confirming Unsure: %v", got)
	}
	if len(*errs) != 0 {
		t.Errorf("errors: %v", *errs)
	}
}

func TestSurenessOfAReplacedIndexIsDropped(t *testing.T) {
	c, q, _, _ := newController(t)
	c.Open(writeDB(t, reviewEvents()), nil)
	q.run(0) // the load; the confidences wait
	// Unsure is confirmed meanwhile, then the events are read again.
	ctx := context.Background()
	unsure, _ := c.Index().Find(idOf(t, c, "Unsure"))
	_, ms, err := c.Store().Article(ctx, c.ArticleOf(unsure))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Store().CorrectMention(ctx, c.ArticleOf(unsure), ms[0].Span, ms[0].Place); err != nil {
		t.Fatal(err)
	}
	c.Reload(nil)
	q.run(1) // the reload first: a new index, with its confidences
	if got := reviewed(c); len(got) != 1 || !got["Doubtful"] {
		t.Errorf("needs review after the reload: %v", got)
	}
	q.run(0) // the confidences read for the old index are dropped
	if got := reviewed(c); len(got) != 1 || !got["Doubtful"] {
		t.Errorf("the old index's confidences were taken: %v", got)
	}
	if len(q.works) != 0 {
		t.Errorf("%d more background works after a reload", len(q.works))
	}
}

func TestRunAfterTheStoreChanged(t *testing.T) {
	c, q, _, _ := newController(t)
	var err error
	c.Run(func(context.Context, Store) error { return nil }, func(e error) { err = e })
	if !errors.Is(err, ErrNoDatabase) {
		t.Errorf("Run with no database: %v", err)
	}
	c.Open(writeDB(t, reviewEvents()), nil)
	q.drain()
	called := false
	c.Run(func(context.Context, Store) error { return nil }, func(error) { called = true })
	c.Open(writeDB(t, spread()), nil)
	q.run(1) // the other database opens first
	q.drain()
	if called {
		t.Error("done was called for the database that was replaced")
	}
}
