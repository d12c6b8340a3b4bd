package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// Sureness is how sure the geoparser was of the place of an event: the
// confidence of the mention the event's place comes from, and whether the
// user chose or confirmed that place (then it needs no review, whatever
// the confidence).
type Sureness struct {
	// EventID is the event's ID.
	EventID string
	// Confidence is the geoparser's confidence in the place, in [0, 1].
	Confidence float64
	// Corrected is set when the user chose or confirmed the place.
	Corrected bool
}

// reviewChunk is how many articles ScanSureness reads per read
// transaction, so that writers are not held up for the whole scan.
const reviewChunk = 2000

// ScanSureness calls fn with the sureness of every event whose mention is
// stored, article by article, until fn returns false or ctx is done. Like
// ScanPoints it reads in chunks, each in its own read transaction; an
// article written during the scan may or may not be seen. An article
// whose mentions do not decode is skipped (its events have no sureness).
func (s *Store) ScanSureness(ctx context.Context, fn func(Sureness) bool) error {
	next, end := prefixMentions, prefixMentions[:len(prefixMentions)-1]+";"
	for {
		var batch []Sureness
		articles, last := 0, ""
		err := s.view(ctx, func(tx *buntdb.Tx) error {
			return tx.AscendRange("", next, end, func(k, v string) bool {
				batch = appendSureness(tx, batch, k[len(prefixMentions):], v)
				articles++
				last = k
				return articles < reviewChunk
			})
		})
		if err != nil {
			return err
		}
		for _, r := range batch {
			if !fn(r) {
				return nil
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if articles < reviewChunk {
			return nil
		}
		next = last + "\x00" // the smallest key after last
	}
}

// appendSureness adds the sureness of the events of one article, whose
// mentions are the JSON mentions, matching events to mentions by span.
func appendSureness(tx *buntdb.Tx, out []Sureness, article, mentions string) []Sureness {
	var ms []struct {
		Span       model.Span `json:"span"`
		Confidence float64    `json:"confidence"`
		Corrected  bool       `json:"corrected"`
	}
	if json.Unmarshal([]byte(mentions), &ms) != nil || len(ms) == 0 {
		return out
	}
	bySpan := make(map[model.Span]int, len(ms))
	for i, m := range ms {
		bySpan[m.Span] = i
	}
	for _, p := range []string{prefixDated, prefixUndated} {
		_ = tx.AscendRange("", p+article+":", p+article+";", func(k, v string) bool {
			sp, ok := eventSpan(v)
			if !ok {
				return true
			}
			if i, ok := bySpan[sp]; ok {
				id, _ := eventIDFromKey(k)
				out = append(out, Sureness{EventID: id, Confidence: ms[i].Confidence, Corrected: ms[i].Corrected})
			}
			return true
		})
	}
	return out
}

// eventSpan reads the span of the mention an event comes from out of the
// event's value (see encodeEvent) without the rest.
func eventSpan(val string) (model.Span, bool) {
	end := strings.IndexByte(val, ']')
	if end < 0 || len(val) < end+2 {
		return model.Span{}, false
	}
	// The fields: unix, precision, start, end, then the rest.
	var f [4]string
	rest := val[end+2:]
	for i := range f {
		j := strings.IndexByte(rest, '\t')
		if j < 0 {
			return model.Span{}, false
		}
		f[i], rest = rest[:j], rest[j+1:]
	}
	start, err1 := strconv.Atoi(f[2])
	stop, err2 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil {
		return model.Span{}, false
	}
	return model.Span{Start: start, End: stop}, true
}
