package store

import (
	"github.com/paulmach/orb"

	"eventmap/data/model"
)

// This file holds what other implementations of the store (such as
// data/pgstore) share with this one, so that both behave alike.

// ReadOnly reports whether the store refuses writes (it was opened with
// Options.ReadOnly). The window disables import and correction when it does.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ApplyCorrections changes the place of the mentions of r that the user
// corrected (bySpan: corrections of this article by span; byName: the
// preferred senses of names for the article's source, keyed by lower-cased
// name), and moves the events that come from them. PutBatch applies it to
// every record before writing.
func ApplyCorrections(r *Record, bySpan map[model.Span]model.Place, byName map[string]model.Place) {
	applyCorrections(r, bySpan, byName)
}

// CheckPlace reports why a place cannot be stored (an empty ID, or a point
// that is not a longitude/latitude), or nil.
func CheckPlace(p model.Place) error { return checkPlace(p) }

// RoundPoint rounds a point to the 1e-5 degrees (about a metre) that the
// store keeps.
func RoundPoint(p orb.Point) orb.Point { return roundPoint(p) }

// SenseName is the key under which a preferred sense of a name is kept and
// looked up: the name on one line, lower-cased.
func SenseName(name string) string { return senseName(name) }

// DayCount is the number of dated events on one day (days since 1970-01-01,
// UTC).
type DayCount struct {
	Day int64
	N   int
}

// Buckets groups per-day counts (in day order) into the histogram buckets
// of an interval, as Histogram returns them: from the bucket of the first
// day to that of the last, empty buckets included.
func Buckets(counts []DayCount, iv Interval) []Bucket {
	dc := make([]dayCount, len(counts))
	for i, c := range counts {
		dc[i] = dayCount{c.Day, c.N}
	}
	return buckets(dc, iv)
}

// UnixDay returns the day number (days since 1970-01-01, UTC) of a Unix time.
func UnixDay(sec int64) int64 { return floorDiv(sec, 86400) }
