package eventindex

import (
	"fmt"
	"sort"
	"time"
)

// Step is the width of a histogram bucket: a calendar day, week (from
// Monday), month or year, in UTC.
type Step int

// The bucket widths, finest first.
const (
	Day Step = iota
	Week
	Month
	Year
)

// String returns "day", "week", "month" or "year".
func (s Step) String() string {
	switch s {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return fmt.Sprintf("Step(%d)", int(s))
}

// Floor returns the start of the bucket holding t.
func (s Step) Floor(t time.Time) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch s {
	case Week:
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		back := (int(day.Weekday()) + 6) % 7 // days since Monday
		return day.AddDate(0, 0, -back)
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Next returns the start of the bucket after the one starting at t.
func (s Step) Next(t time.Time) time.Time {
	switch s {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	case Year:
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 0, 1)
}

// StepFor returns the finest step that cuts [from, to) into at most max
// buckets.
func StepFor(from, to time.Time, max int) Step {
	days := to.Sub(from).Hours() / 24
	switch {
	case days <= float64(max):
		return Day
	case days/7 <= float64(max):
		return Week
	case days/30.44 <= float64(max):
		return Month
	}
	return Year
}

// Bucket is one bar of a histogram.
type Bucket struct {
	Start, End time.Time
	Count      int
}

// Histogram counts the dated events that sel selects (all when nil) in
// buckets of the given step covering [from, to). Without a selection it
// costs a binary search per bucket.
func (ix *Index) Histogram(from, to time.Time, step Step, sel *Set) []Bucket {
	if !from.Before(to) {
		return nil
	}
	var out []Bucket
	for t := step.Floor(from); t.Before(to); t = step.Next(t) {
		out = append(out, Bucket{Start: t, End: step.Next(t)})
		if len(out) > 1_000_000 {
			break // a range far too wide for its step
		}
	}
	if sel == nil {
		pos := func(t time.Time) int {
			u := t.Unix()
			return sort.Search(ix.dated, func(i int) bool { return ix.unix[i] >= u })
		}
		for k := range out {
			out[k].Count = pos(out[k].End) - pos(out[k].Start)
		}
		return out
	}
	k := 0
	ix.each(Range{From: out[0].Start, To: out[len(out)-1].End}, sel, func(i int) {
		u := ix.unix[i]
		for k < len(out)-1 && u >= out[k].End.Unix() {
			k++
		}
		out[k].Count++
	})
	return out
}
