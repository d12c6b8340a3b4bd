package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// World is the bound of the whole map.
var World = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// Query selects events. The zero Query selects every dated event.
type Query struct {
	// Bound limits events to a box; nil means the whole world.
	Bound *orb.Bound
	// From and To limit dated events to From <= time < To; a zero time
	// leaves that side open. (DateRange turns "--from/--to DATE" flags
	// into these, with To at the end of the day, month or year given.)
	From, To time.Time
	// Undated also selects undated events in the box, whatever the time
	// range.
	Undated bool
	// Text keeps events whose snippet, place name or article title
	// contains it, ignoring case.
	Text string
	// PlaceID keeps the events at one place.
	PlaceID string
	// Source keeps the events of articles from one source (ignoring case).
	Source string
	// ArticleID keeps the events of one article.
	ArticleID string
	// Limit stops after this many events (the earliest); 0 means no limit.
	Limit int
}

// Hit is one event found by Search, with what the list and the exporters
// show of its article.
type Hit struct {
	model.Event
	Title     string
	Source    string
	URL       string
	Published time.Time
}

// Search calls fn with the events that q selects, in time order (undated
// events last, then by ID), until fn returns false. fn runs outside any
// transaction and may call the Store.
func (s *Store) Search(ctx context.Context, q Query, fn func(Hit) bool) error {
	hits, err := s.search(ctx, q)
	if err != nil {
		return err
	}
	for i := range hits {
		if !fn(hits[i]) {
			break
		}
	}
	return nil
}

// Events returns the events q selects, as Search orders them.
func (s *Store) Events(ctx context.Context, q Query) ([]Hit, error) {
	return s.search(ctx, q)
}

// Count returns the number of events q selects (ignoring q.Limit).
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	if q.isTimeOnly() {
		n := 0
		for _, b := range s.dayCounts(q.From, q.To) {
			n += b.n
		}
		if q.Undated {
			n += s.Stats().Undated
		}
		return n, nil
	}
	q.Limit = 0
	hits, err := s.search(ctx, q)
	return len(hits), err
}

func (q Query) isTimeOnly() bool {
	return (q.Bound == nil || q.Bound.Equal(World)) && q.Text == "" && q.PlaceID == "" && q.Source == "" && q.ArticleID == ""
}

type rawItem struct{ key, val string }

func (s *Store) search(ctx context.Context, q Query) ([]Hit, error) {
	if q.From.After(q.To) && !q.To.IsZero() {
		return nil, nil
	}
	bound := World
	if q.Bound != nil {
		bound = *q.Bound
	}
	// Without a box (or a place, which gives one) and without dates every
	// event is a candidate: read them in key order, which needs no spatial
	// index. Only a box or date search needs the index (built now if Open
	// deferred it).
	wholeWorld := q.ArticleID == "" && q.PlaceID == "" && (q.Bound == nil || q.Bound.Equal(World)) && q.From.IsZero() && q.To.IsZero()
	if q.ArticleID == "" && !wholeWorld {
		if err := s.BuildIndexes(); err != nil {
			return nil, err
		}
	}
	var raw []rawItem
	var hits []Hit
	text := strings.ToLower(q.Text)
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		if q.PlaceID != "" && q.Bound == nil {
			// The place's events are at its point: use it as the box.
			v, err := tx.Get(prefixPlace + q.PlaceID)
			if errors.Is(err, buntdb.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			var p model.Place
			if err := json.Unmarshal([]byte(v), &p); err != nil {
				return fmt.Errorf("%w: place %s: %v", ErrCorrupt, q.PlaceID, err)
			}
			const eps = 1e-4
			bound = orb.Bound{Min: orb.Point{p.Point[0] - eps, p.Point[1] - eps}, Max: orb.Point{p.Point[0] + eps, p.Point[1] + eps}}
		}
		collect := func(k, v string) bool {
			raw = append(raw, rawItem{k, v})
			return len(raw)&1023 != 0 || ctx.Err() == nil
		}
		var err error
		if q.ArticleID != "" {
			id := q.ArticleID
			err = tx.AscendRange("", prefixDated+id+":", prefixDated+id+";", collect)
			if err == nil && q.Undated {
				err = tx.AscendRange("", prefixUndated+id+":", prefixUndated+id+";", collect)
			}
		} else if wholeWorld {
			err = tx.AscendRange("", prefixDated, "e;", collect)
			if err == nil && q.Undated {
				err = tx.AscendRange("", prefixUndated, "u;", collect)
			}
		} else {
			// Times are whole seconds: To is exclusive.
			t0, t1 := int64(math.MinInt64), int64(math.MaxInt64)
			if !q.From.IsZero() {
				t0 = q.From.Unix()
			}
			if !q.To.IsZero() {
				t1 = q.To.Unix() - 1
			}
			s.idx.dated.search(bound, t0, t1, collect)
			if q.Undated {
				s.idx.undated.search(bound, math.MinInt64, math.MaxInt64, collect)
			}
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// Decode and filter inside the transaction, where article
		// metadata can be read on a cache miss.
		hits = make([]Hit, 0, len(raw))
		for i, it := range raw {
			if i&1023 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			var h Hit
			if !decodeEvent(it.key, it.val, &h.Event) {
				continue
			}
			if h.Precision != model.Undated {
				if !q.From.IsZero() && h.Time.Before(q.From) || !q.To.IsZero() && !h.Time.Before(q.To) {
					continue
				}
			}
			if q.Bound != nil && !bound.Contains(h.Point) {
				continue
			}
			if q.PlaceID != "" && h.PlaceID != q.PlaceID {
				continue
			}
			if info := s.articleInfo(tx, h.ArticleID); info != nil {
				h.Title, h.Source, h.URL, h.Published = info.Title, info.Source, info.URL, info.Published
			}
			if q.Source != "" && !strings.EqualFold(h.Source, q.Source) {
				continue
			}
			if text != "" && !containsFold(h.Snippet, text) && !containsFold(h.PlaceName, text) && !containsFold(h.Title, text) {
				continue
			}
			hits = append(hits, h)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrClosed) {
			return nil, err
		}
		return nil, fmt.Errorf("store: search: %w", err)
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := &hits[i], &hits[j]
		ad, bd := a.Precision != model.Undated, b.Precision != model.Undated
		if ad != bd {
			return ad
		}
		if !a.Time.Equal(b.Time) {
			return a.Time.Before(b.Time)
		}
		return a.ID < b.ID
	})
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits, nil
}

// containsFold reports whether s contains lower (already lower-cased),
// ignoring case.
func containsFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	return strings.Contains(strings.ToLower(s), lower)
}

// Interval is the width of a histogram bucket.
type Interval int

// The intervals.
const (
	ByDay Interval = iota
	ByWeek
	ByMonth
	ByYear
)

// Bucket is one bar of the timeline's histogram: the events with
// Start <= time < End.
type Bucket struct {
	Start, End time.Time
	Count      int
}

type dayCount struct {
	day int64
	n   int
}

func (s *Store) dayCounts(from, to time.Time) []dayCount {
	days := s.sortedDays()
	lo, hi := 0, len(days)
	if !from.IsZero() {
		d := floorDiv(from.Unix(), 86400)
		lo = sort.Search(len(days), func(i int) bool { return days[i] >= d })
	}
	if !to.IsZero() {
		d := floorDiv(to.Unix()-1, 86400)
		hi = sort.Search(len(days), func(i int) bool { return days[i] > d })
	}
	if lo >= hi {
		return nil
	}
	out := make([]dayCount, 0, hi-lo)
	s.mu.RLock()
	for _, d := range days[lo:hi] {
		out = append(out, dayCount{d, s.days[d]})
	}
	s.mu.RUnlock()
	return out
}

// Histogram counts the events q selects per bucket of the interval, from
// the bucket holding the first such event to the one holding the last
// (empty buckets included, undated events not). Weeks start on Monday; all
// buckets are in UTC.
//
// When q selects by time only (no box, text, place, source or article), the
// counts come from per-day totals kept in memory and cost nothing like a
// scan; otherwise the events are searched and counted.
func (s *Store) Histogram(ctx context.Context, q Query, iv Interval) ([]Bucket, error) {
	var counts []dayCount
	if q.isTimeOnly() {
		counts = s.dayCounts(q.From, q.To)
	} else {
		q.Limit, q.Undated = 0, false
		hits, err := s.search(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, h := range hits { // hits are in time order
			d := floorDiv(h.Time.Unix(), 86400)
			if n := len(counts); n > 0 && counts[n-1].day == d {
				counts[n-1].n++
			} else {
				counts = append(counts, dayCount{d, 1})
			}
		}
	}
	return buckets(counts, iv), nil
}

// buckets groups per-day counts into the buckets of an interval.
func buckets(counts []dayCount, iv Interval) []Bucket {
	if len(counts) == 0 {
		return nil
	}
	var out []Bucket
	start := bucketStart(dayTime(counts[0].day), iv)
	end := bucketNext(start, iv)
	out = append(out, Bucket{Start: start, End: end})
	for _, c := range counts {
		t := dayTime(c.day)
		for !t.Before(end) {
			start, end = end, bucketNext(end, iv)
			out = append(out, Bucket{Start: start, End: end})
		}
		out[len(out)-1].Count += c.n
	}
	return out
}

func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

func bucketStart(t time.Time, iv Interval) time.Time {
	y, m, d := t.Date()
	switch iv {
	case ByWeek:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return time.Date(y, m, d-wd, 0, 0, 0, 0, time.UTC)
	case ByMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case ByYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func bucketNext(t time.Time, iv Interval) time.Time {
	switch iv {
	case ByWeek:
		return t.AddDate(0, 0, 7)
	case ByMonth:
		return t.AddDate(0, 1, 0)
	case ByYear:
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, 1)
}

// DateRange turns the --from and --to flags of the CLI into Query.From and
// Query.To. Each is empty (open), "YYYY", "YYYY-MM", "YYYY-MM-DD" or an
// RFC 3339 time. To is inclusive of the period it names: "--to 2023-09"
// gives To = 2023-10-01, so September is in.
func DateRange(from, to string) (time.Time, time.Time, error) {
	f, _, err := parseFlagDate(from, false)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("store: --from %q: %w", from, err)
	}
	t, _, err := parseFlagDate(to, true)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("store: --to %q: %w", to, err)
	}
	if !f.IsZero() && !t.IsZero() && !f.Before(t) {
		return time.Time{}, time.Time{}, fmt.Errorf("store: --from %s is not before --to %s", from, to)
	}
	return f, t, nil
}

func parseFlagDate(s string, end bool) (time.Time, model.Precision, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, model.Undated, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), model.Day, nil
	}
	for _, f := range []struct {
		layout string
		p      model.Precision
	}{{"2006-01-02", model.Day}, {"2006-01", model.Month}, {"2006", model.Year}} {
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		if end {
			switch f.p {
			case model.Day:
				t = t.AddDate(0, 0, 1)
			case model.Month:
				t = t.AddDate(0, 1, 0)
			case model.Year:
				t = t.AddDate(1, 0, 0)
			}
		}
		return t, f.p, nil
	}
	return time.Time{}, model.Undated, errors.New("want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time")
}
