package geoparse

import (
	"time"

	"eventmap/geo/gazetteer"
)

// Memory plays a user's store for a stream of articles taken in date
// order, as when training and evaluating: per source, the places earlier
// articles gave each name, handed to later articles as Hints.Seen. The
// articles of one day are one import, as when a user adds each day's news:
// they do not see each other (ingest, too, reads a source's memory once
// per run). Undated articles, which have no order, are one import too.
//
// A Memory is not safe for concurrent use.
type Memory struct {
	seen    map[string]map[string]map[int64]int // source, folded name, gazetteer id: articles
	pending map[string][]seenName               // the current day's articles, per source
	day     time.Time                           // the current day
}

// seenName is one (name, place) of one article.
type seenName struct {
	key string
	id  int64
}

// NewMemory returns an empty memory.
func NewMemory() *Memory {
	return &Memory{seen: map[string]map[string]map[int64]int{}, pending: map[string][]seenName{}}
}

// Hints returns the hints for an article of source dated date (zero when
// undated): what the source's articles of earlier days gave its names. It
// returns nil when the source is empty or has nothing yet. Articles must
// come in date order.
func (m *Memory) Hints(source string, date time.Time) *Hints {
	m.turn(date)
	if source == "" || len(m.seen[source]) == 0 {
		return nil
	}
	return &Hints{Seen: m.seen[source]}
}

// Add records the places a result gave the names of an article of source
// dated date: each (name, place) once per article.
func (m *Memory) Add(source string, date time.Time, res *Result) {
	m.turn(date)
	if source == "" || res == nil {
		return
	}
	once := map[seenName]bool{}
	for i := range res.Mentions {
		mn := &res.Mentions[i]
		n := seenName{key: gazetteer.Fold(mn.Text), id: mn.Place.ID}
		if !once[n] {
			once[n] = true
			m.pending[source] = append(m.pending[source], n)
		}
	}
}

// turn moves the pending articles into the memory when date starts a new
// day.
func (m *Memory) turn(date time.Time) {
	d := time.Time{}
	if !date.IsZero() {
		d = date.UTC().Truncate(24 * time.Hour)
	}
	if !d.Equal(m.day) {
		m.flush()
		m.day = d
	}
}

// flush moves the pending articles into the memory.
func (m *Memory) flush() {
	for src, ns := range m.pending {
		bySrc := m.seen[src]
		if bySrc == nil {
			bySrc = map[string]map[int64]int{}
			m.seen[src] = bySrc
		}
		for _, n := range ns {
			if bySrc[n.key] == nil {
				bySrc[n.key] = map[int64]int{}
			}
			bySrc[n.key][n.id]++
		}
		delete(m.pending, src)
	}
}
