package explore

import (
	"context"
	"errors"
	"fmt"
	"math"

	"eventmap/data/eventindex"
	"eventmap/data/store"
)

// DefaultReviewThreshold is the confidence under which a place needs
// review until the user sets another.
const DefaultReviewThreshold = 0.5

// ErrThreshold is returned by SetReviewThreshold for a threshold that is
// not a confidence.
var ErrThreshold = errors.New("explore: the review threshold must be a confidence between 0 and 1")

// ReviewThreshold returns the confidence under which a place needs review.
func (c *Controller) ReviewThreshold() float64 { return c.threshold }

// SetReviewThreshold sets the confidence under which a place needs
// review; listeners hear FilterChanged (the markers change, and so may
// what the needs-review filter keeps). A threshold outside [0, 1] is
// refused with ErrThreshold, and nothing changes.
func (c *Controller) SetReviewThreshold(t float64) error {
	if math.IsNaN(t) || t < 0 || t > 1 {
		return fmt.Errorf("%w (not %v)", ErrThreshold, t)
	}
	if t == c.threshold {
		return nil
	}
	c.threshold = t
	if c.filter.Review {
		c.applyFilter()
		return nil
	}
	c.notify(FilterChanged)
	return nil
}

// NeedsReview reports whether the place of event i needs review: the
// geoparser's confidence in it is under the threshold, and the user has
// neither chosen nor confirmed it. It is false until the confidences are
// read, a moment after each load.
func (c *Controller) NeedsReview(i int) bool {
	if c.sure == nil || c.sureFor != c.ix || i < 0 || i >= len(c.sure) {
		return false
	}
	return float64(c.sure[i]) < c.threshold
}

// reviewFunc returns NeedsReview for the current confidences and
// threshold, safe to call from any goroutine.
func (c *Controller) reviewFunc() func(i int) bool {
	sure, t := c.sure, c.threshold
	if c.sureFor != c.ix {
		sure = nil
	}
	return func(i int) bool { return i >= 0 && i < len(sure) && float64(sure[i]) < t }
}

// ReviewCount returns how many of the loaded events need review,
// whatever the range and the filters.
func (c *Controller) ReviewCount() int {
	if c.ix == nil || c.sure == nil || c.sureFor != c.ix {
		return 0
	}
	n := 0
	for _, s := range c.sure {
		if float64(s) < c.threshold {
			n++
		}
	}
	return n
}

// readSureness reads, in the background, how sure the geoparser was of
// each loaded event's place, after a database is opened (a reload reads
// it with the events). Listeners hear FilterChanged once it is known; a
// load that replaced the index meanwhile drops it.
func (c *Controller) readSureness() {
	st, ix, ctx := c.st, c.ix, c.ctx
	if st == nil || ix == nil || ix.Len() == 0 {
		return
	}
	c.cfg.Go(func() {
		sure, err := sureness(ctx, st, ix)
		c.cfg.Do(func() {
			if ix != c.ix || st != c.st {
				return // reloaded meanwhile
			}
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					c.cfg.OnError(fmt.Errorf("explore: reading the confidence of the places in %s: %w", st.Path(), err))
				}
				return
			}
			c.sure, c.sureFor = sure, ix
			if c.filter.Review {
				c.applyFilter()
				return
			}
			c.notify(FilterChanged)
		})
	})
}

// sureness reads the geoparser's confidence in the place of each event of
// ix, by position: 1 where the user chose or confirmed the place, or the
// confidence is not stored.
func sureness(ctx context.Context, st Store, ix *eventindex.Index) ([]float32, error) {
	sure := make([]float32, ix.Len())
	for i := range sure {
		sure[i] = 1 // unknown: nothing to review
	}
	err := st.ScanSureness(ctx, func(r store.Sureness) bool {
		if i, ok := ix.Find(r.EventID); ok && !r.Corrected {
			sure[i] = float32(r.Confidence)
		}
		return true
	})
	return sure, err
}

// ErrNoDatabase is what Run reports when no database is open.
var ErrNoDatabase = errors.New("explore: no database is open")

// Run runs work with the open database off the UI goroutine, then done
// with its error on the UI goroutine, unless another database was opened
// meanwhile (then done is not called: what work read or wrote belongs to
// a database no view shows any more). With no database open, done hears
// ErrNoDatabase at once. Views read and write the store through Run, as
// Hit does, never on the UI goroutine.
func (c *Controller) Run(work func(ctx context.Context, st Store) error, done func(error)) {
	st, ctx := c.st, c.ctx
	if st == nil {
		done(ErrNoDatabase)
		return
	}
	c.cfg.Go(func() {
		err := work(ctx, st)
		c.cfg.Do(func() {
			if st != c.st {
				return
			}
			done(err)
		})
	})
}
