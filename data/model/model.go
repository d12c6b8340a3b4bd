// Package model holds the values that travel through eventmap's data layer:
// articles, places, the mentions of places in articles, and the dated events
// that the map and the timeline show.
//
// The types are plain values with no behaviour beyond small helpers; the
// importers (data/article) make Articles, the geoparser makes Mentions and
// Events, the store (data/store) keeps them and the exporters
// (data/export) write them out.
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"

	"github.com/paulmach/orb"
)

// Format names the kind of input an article was read from.
type Format string

// The formats the importers read.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatFeed     Format = "feed"
	FormatJSONL    Format = "jsonl"
	FormatCSV      Format = "csv"
	FormatLGL      Format = "lgl"
	FormatGeoVirus Format = "geovirus"
)

// MinTime and MaxTime bound the dates eventmap accepts. A date outside
// [MinTime, MaxTime) is treated as unknown: the article or event is kept,
// undated, rather than dropped.
var (
	MinTime = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// InRange reports whether t lies in [MinTime, MaxTime).
func InRange(t time.Time) bool {
	return !t.Before(MinTime) && t.Before(MaxTime)
}

// Article is one news text. Its ID is a hash of its content (see ContentID),
// so the same text read twice, from any file or format, is the same article.
type Article struct {
	// ID is ContentID(Text).
	ID string `json:"id"`
	// Title is the headline; it may be empty.
	Title string `json:"title,omitempty"`
	// Source names the publisher, such as a domain ("thetowntalk.com") or a
	// feed title. Corrections are remembered per source.
	Source string `json:"source,omitempty"`
	// URL is where the article was published, if known.
	URL string `json:"url,omitempty"`
	// Published is the publication time; the zero Time means unknown.
	Published time.Time `json:"published,omitzero"`
	// Text is the article's plain text. Spans are byte offsets into it.
	Text string `json:"-"`
	// Format is the kind of input the article was read from.
	Format Format `json:"format,omitempty"`
	// Origin names the input it was read from (a file path, "stdin",
	// or a path with an item number such as "feed.xml#3").
	Origin string `json:"origin,omitempty"`
}

// ContentID returns the identifier of an article with the given text: the
// first 16 hex digits of the SHA-256 of the text with surrounding white space
// removed and line endings normalised to "\n".
func ContentID(text string) string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}

// PlaceKind says what sort of place a Place is.
type PlaceKind string

// The kinds of place.
const (
	KindUnknown  PlaceKind = ""
	KindCity     PlaceKind = "city"
	KindAdmin    PlaceKind = "admin"
	KindCountry  PlaceKind = "country"
	KindRegion   PlaceKind = "region"
	KindWater    PlaceKind = "water"
	KindLandmark PlaceKind = "landmark"
)

// Place is a location that mentions resolve to: a gazetteer entry
// (ID "gn:<geonameid>" or another gazetteer's prefix) or a place the user
// made (ID "user:<name>").
type Place struct {
	// ID identifies the place across articles; it never contains a tab or
	// a newline.
	ID string `json:"id"`
	// Name is the place's display name.
	Name string `json:"name"`
	// Kind is what sort of place it is.
	Kind PlaceKind `json:"kind,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of the country it lies in, if any.
	Country string `json:"country,omitempty"`
	// Point is its representative point (longitude, latitude).
	Point orb.Point `json:"point"`
	// Extent is its bounding box; a zero Bound means a point place.
	Extent orb.Bound `json:"extent,omitzero"`
}

// Span is a half-open range [Start, End) of byte offsets into an article's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Valid reports whether s is a non-empty span that fits in a text of length n.
func (s Span) Valid(n int) bool { return s.Start >= 0 && s.Start < s.End && s.End <= n }

// Candidate is a place that a mention might refer to, with its score.
type Candidate struct {
	Place Place   `json:"place"`
	Score float64 `json:"score"`
}

// Mention is a place name found in an article and the place it was resolved to.
type Mention struct {
	// Span locates the name in the article's text.
	Span Span `json:"span"`
	// Name is the text of the span.
	Name string `json:"name"`
	// Place is the chosen sense.
	Place Place `json:"place"`
	// Confidence is the geoparser's confidence in Place, in [0, 1].
	Confidence float64 `json:"confidence"`
	// RunnersUp are the next best senses, best first.
	RunnersUp []Candidate `json:"runners_up,omitempty"`
	// Corrected is set when Place was chosen by the user.
	Corrected bool `json:"corrected,omitempty"`
}

// Precision says how exactly an event's time is known.
type Precision uint8

// The precisions, from none to the finest.
const (
	Undated Precision = iota
	Year
	Month
	Day
)

var precisionNames = [...]string{"undated", "year", "month", "day"}

// String returns "undated", "year", "month" or "day".
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "undated"
}

// ParsePrecision is the inverse of Precision.String; unknown names give Undated
// and false.
func ParsePrecision(s string) (Precision, bool) {
	for i, n := range precisionNames {
		if n == s {
			return Precision(i), true
		}
	}
	return Undated, false
}

// Truncate returns t cut down to the precision p (the start of its year,
// month or day, in UTC); for Undated it returns the zero Time.
func (p Precision) Truncate(t time.Time) time.Time {
	t = t.UTC()
	switch p {
	case Year:
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case Day:
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// Format writes t at precision p: "2006-01-02", "2006-01", "2006", or "" when
// undated.
func (p Precision) Format(t time.Time) string {
	switch p {
	case Year:
		return t.UTC().Format("2006")
	case Month:
		return t.UTC().Format("2006-01")
	case Day:
		return t.UTC().Format("2006-01-02")
	}
	return ""
}

// Event is something that happened at a place and (if dated) a time, as told
// by a sentence of an article.
type Event struct {
	// ID is "<article id>-<n>", unique in a store.
	ID string `json:"id"`
	// ArticleID is the article that tells of it.
	ArticleID string `json:"article_id"`
	// Span is the span of the mention the event's place comes from.
	Span Span `json:"span"`
	// PlaceID and PlaceName name the place.
	PlaceID   string `json:"place_id"`
	PlaceName string `json:"place"`
	// Point is where it happened.
	Point orb.Point `json:"point"`
	// Time is when it happened, at Precision; zero when Undated.
	Time time.Time `json:"time,omitzero"`
	// Precision says how exactly Time is known.
	Precision Precision `json:"precision"`
	// Snippet is the sentence that tells of it, on one line.
	Snippet string `json:"snippet,omitempty"`
}

// Dated reports whether the event has a usable time.
func (e Event) Dated() bool { return e.Precision != Undated && InRange(e.Time) }

// OneLine collapses runs of white space (including tabs and newlines) in s to
// single spaces and trims it, so that s can be stored in a one-line field.
func OneLine(s string) string {
	if isOneLine(s) {
		return s // already so: no copy (the snippets of a long article add up)
	}
	return strings.Join(strings.Fields(s), " ")
}

// isOneLine reports whether OneLine would return s unchanged: no white
// space but single inner spaces.
func isOneLine(s string) bool {
	space := true // a leading space is trimmed
	for _, r := range s {
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return s == "" || !space
}
