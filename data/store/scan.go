package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// EventPoint is the part of an event that a map needs to draw it: where
// and when. Get the rest with Store.Event.
type EventPoint struct {
	// ID is the event's ID.
	ID string
	// Point is its longitude/latitude.
	Point orb.Point
	// Unix is its time in Unix seconds (0 when undated).
	Unix int64
	// Precision says how exactly the time is known.
	Precision model.Precision
	// PlaceID is the place it happened at.
	PlaceID string
}

// scanChunk is how many events ScanPoints reads per read transaction, so
// that writers are not held up for the whole scan.
const scanChunk = 20000

// ScanPoints calls fn with the position and time of every event, dated
// events first, until fn returns false or ctx is done. It reads in chunks,
// each in its own read transaction, so it may run while others write; an
// event written during the scan may or may not be seen.
func (s *Store) ScanPoints(ctx context.Context, fn func(EventPoint) bool) error {
	for _, prefix := range []string{prefixDated, prefixUndated} {
		next := prefix
		end := prefix[:len(prefix)-1] + ";" // the key after every "x:..." key
		for next != "" {
			var batch []EventPoint
			last := ""
			err := s.view(ctx, func(tx *buntdb.Tx) error {
				return tx.AscendRange("", next, end, func(k, v string) bool {
					if k == last {
						return true
					}
					if p, ok := decodePoint(k, v); ok {
						batch = append(batch, p)
					}
					last = k
					return len(batch) < scanChunk
				})
			})
			if err != nil {
				return err
			}
			for _, p := range batch {
				if !fn(p) {
					return nil
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(batch) < scanChunk {
				break
			}
			next = last + "\x00" // the smallest key after last
		}
	}
	return nil
}

// decodePoint reads the point, time and precision of an event's value
// without the rest.
func decodePoint(key, val string) (EventPoint, bool) {
	end := strings.IndexByte(val, ']')
	if end < 0 || len(val) < end+2 {
		return EventPoint{}, false
	}
	head := val[1:end]
	sp := strings.IndexByte(head, ' ')
	if sp < 0 {
		return EventPoint{}, false
	}
	lon, err1 := strconv.ParseFloat(head[:sp], 64)
	rest := head[sp+1:]
	if sp2 := strings.IndexByte(rest, ' '); sp2 >= 0 {
		rest = rest[:sp2]
	}
	lat, err2 := strconv.ParseFloat(rest, 64)
	if err1 != nil || err2 != nil {
		return EventPoint{}, false
	}
	fields := val[end+2:]
	i := strings.IndexByte(fields, '\t')
	if i < 0 {
		return EventPoint{}, false
	}
	var unix int64
	if i > 0 {
		n, err := strconv.ParseInt(fields[:i], 10, 64)
		if err != nil {
			return EventPoint{}, false
		}
		unix = n
	}
	fields = fields[i+1:]
	j := strings.IndexByte(fields, '\t')
	if j < 0 {
		j = len(fields)
	}
	prec, err := strconv.ParseUint(fields[:j], 10, 8)
	if err != nil {
		return EventPoint{}, false
	}
	// Then the span's start and end, and the place ID.
	placeID := ""
	tail := fields[min(j+1, len(fields)):]
	for range 2 {
		k := strings.IndexByte(tail, '\t')
		if k < 0 {
			tail = ""
			break
		}
		tail = tail[k+1:]
	}
	if k := strings.IndexByte(tail, '\t'); k >= 0 {
		placeID = tail[:k]
	}
	id, _ := eventIDFromKey(key)
	return EventPoint{ID: id, Point: orb.Point{lon, lat}, Unix: unix, Precision: model.Precision(prec), PlaceID: placeID}, true
}

// Event returns one event with its article's title, source and URL.
func (s *Store) Event(ctx context.Context, id string) (Hit, error) {
	var hit Hit
	found := false
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		for _, dated := range []bool{true, false} {
			key := keyFromEventID(id, dated)
			if key == "" {
				return nil
			}
			v, err := tx.Get(key)
			if errors.Is(err, buntdb.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			var ev model.Event
			if !decodeEvent(key, v, &ev) {
				return fmt.Errorf("%w: event %s", ErrCorrupt, id)
			}
			hit = Hit{Event: ev}
			if info := s.articleInfo(tx, ev.ArticleID); info != nil {
				hit.Title, hit.Source, hit.URL, hit.Published = info.Title, info.Source, info.URL, info.Published
			}
			found = true
			return nil
		}
		return nil
	})
	if err != nil {
		return Hit{}, err
	}
	if !found {
		return Hit{}, fmt.Errorf("%w: event %s", ErrNotFound, id)
	}
	return hit, nil
}
