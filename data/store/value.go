package store

import (
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
)

// Key layout. Every key starts with a one-letter kind and a colon:
//
//	a:<article>            article metadata (JSON, without the text)
//	t:<article>            article text
//	m:<article>            the article's mentions (JSON array)
//	e:<article>:<n>        a dated event:   "[lon lat t]\t<fields>"
//	u:<article>:<n>        an undated event: "[lon lat]\t<fields>"
//	p:<place>              a place (JSON)
//	c:<article>:<s>:<e>    a user's correction of the mention at span s..e (JSON)
//	s:<source>\t<name>     the preferred sense of a name for a source: a place ID
//	meta:version           the layout version
//	meta:pending           the articles of the batch being written (see PutBatch)
const (
	prefixArticle    = "a:"
	prefixText       = "t:"
	prefixMentions   = "m:"
	prefixDated      = "e:"
	prefixUndated    = "u:"
	prefixPlace      = "p:"
	prefixCorrection = "c:"
	prefixSense      = "s:"
	keyVersion       = "meta:version"
	keyPending       = "meta:pending"
	layoutVersion    = "1"
)

// secondsPerUnit is the unit of the time in an event's value, "[lon lat t]":
// a tenth of a (Julian-Gregorian mean) year. (Files written before the grid
// index had an R-tree over these three numbers; the values keep the form.)
const secondsPerUnit = 365.2425 * 86400 / 10

// timeUnits converts a time to the unit of the values' third number.
func timeUnits(t time.Time) float64 { return float64(t.Unix()) / secondsPerUnit }

// eventKey returns the key of the n-th event of an article.
func eventKey(dated bool, article string, n int) string {
	p := prefixUndated
	if dated {
		p = prefixDated
	}
	return p + article + ":" + pad4(n)
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// eventIDFromKey turns "e:<article>:<n>" into "<article>-<n>".
func eventIDFromKey(key string) (id, article string) {
	rest := key[2:]
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return rest, rest
	}
	return rest[:i] + "-" + rest[i+1:], rest[:i]
}

// keyFromEventID is the inverse of eventIDFromKey.
func keyFromEventID(id string, dated bool) string {
	i := strings.LastIndexByte(id, '-')
	if i < 0 {
		return ""
	}
	p := prefixUndated
	if dated {
		p = prefixDated
	}
	return p + id[:i] + ":" + id[i+1:]
}

// encodeEvent renders the value of an event's key. Values are kept small:
// coordinates to 1e-5 degrees (about a metre), index time to 1e-3 units
// (under an hour); the exact time is the Unix seconds field.
func encodeEvent(buf []byte, e *model.Event, dated bool) []byte {
	pt := roundPoint(e.Point)
	buf = append(buf, '[')
	buf = strconv.AppendFloat(buf, pt[0], 'f', -1, 64)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, pt[1], 'f', -1, 64)
	if dated {
		buf = append(buf, ' ')
		buf = strconv.AppendFloat(buf, roundTo(timeUnits(e.Time), 1e3), 'f', -1, 64)
	}
	buf = append(buf, ']', '\t')
	if dated {
		buf = strconv.AppendInt(buf, e.Time.Unix(), 10)
	}
	buf = append(buf, '\t')
	buf = strconv.AppendUint(buf, uint64(e.Precision), 10)
	buf = append(buf, '\t')
	buf = strconv.AppendInt(buf, int64(e.Span.Start), 10)
	buf = append(buf, '\t')
	buf = strconv.AppendInt(buf, int64(e.Span.End), 10)
	buf = append(buf, '\t')
	buf = append(buf, e.PlaceID...)
	buf = append(buf, '\t')
	buf = append(buf, e.PlaceName...)
	buf = append(buf, '\t')
	buf = append(buf, e.Snippet...)
	return buf
}

func roundTo(x, scale float64) float64 {
	if x < 0 {
		return float64(int64(x*scale-0.5)) / scale
	}
	return float64(int64(x*scale+0.5)) / scale
}

// roundPoint rounds a point to 1e-5 degrees, the precision values keep.
func roundPoint(p orb.Point) orb.Point {
	return orb.Point{roundTo(p[0], 1e5), roundTo(p[1], 1e5)}
}

// decodeEvent parses a value written by encodeEvent into e (ID and ArticleID
// come from the key). It reports false for a malformed value.
func decodeEvent(key, val string, e *model.Event) bool {
	end := strings.IndexByte(val, ']')
	if end < 0 || len(val) < end+2 || val[end+1] != '\t' {
		return false
	}
	lon, lat, ok := parseLonLat(val[1:end])
	if !ok {
		return false
	}
	*e = model.Event{}
	e.ID, e.ArticleID = eventIDFromKey(key)
	e.Point = orb.Point{lon, lat}
	rest := val[end+2:]
	var f [7]string
	for i := 0; i < 6; i++ {
		j := strings.IndexByte(rest, '\t')
		if j < 0 {
			return false
		}
		f[i], rest = rest[:j], rest[j+1:]
	}
	f[6] = rest
	if f[0] != "" {
		sec, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return false
		}
		e.Time = time.Unix(sec, 0).UTC()
	}
	p, err := strconv.ParseUint(f[1], 10, 8)
	if err != nil {
		return false
	}
	e.Precision = model.Precision(p)
	e.Span.Start, _ = strconv.Atoi(f[2])
	e.Span.End, _ = strconv.Atoi(f[3])
	e.PlaceID, e.PlaceName, e.Snippet = f[4], f[5], f[6]
	return true
}

// eventUnix returns the Unix seconds field of a dated event's value without
// parsing the rest.
func eventUnix(val string) (int64, bool) {
	i := strings.IndexByte(val, '\t')
	if i < 0 {
		return 0, false
	}
	rest := val[i+1:]
	j := strings.IndexByte(rest, '\t')
	if j < 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(rest[:j], 10, 64)
	return n, err == nil
}

// parseLonLat reads the first two of the space-separated numbers of an
// event value's "[lon lat t]" (without the brackets), without allocating.
func parseLonLat(head string) (float64, float64, bool) {
	sp := strings.IndexByte(head, ' ')
	if sp < 0 {
		return 0, 0, false
	}
	rest := head[sp+1:]
	if sp2 := strings.IndexByte(rest, ' '); sp2 >= 0 {
		rest = rest[:sp2]
	}
	lon, err1 := strconv.ParseFloat(head[:sp], 64)
	lat, err2 := strconv.ParseFloat(rest, 64)
	return lon, lat, err1 == nil && err2 == nil
}
