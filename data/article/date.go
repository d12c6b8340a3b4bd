package article

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"eventmap/data/model"
)

var zeroTime time.Time

// Errors of ParseDate.
var (
	ErrDate      = errors.New("article: unrecognised date")
	ErrDateRange = errors.New("article: date out of range")
)

var dateLayouts = []struct {
	layout string
	p      model.Precision
}{
	{time.RFC3339Nano, model.Day},
	{"2006-01-02T15:04:05", model.Day},
	{"2006-01-02T15:04", model.Day},
	{"2006-01-02 15:04:05.999999999-07", model.Day}, // LGL's dltime
	{"2006-01-02 15:04:05.999999999-07:00", model.Day},
	{"2006-01-02 15:04:05.999999999", model.Day},
	{"2006-01-02 15:04", model.Day},
	{time.RFC1123Z, model.Day},
	{time.RFC1123, model.Day},
	{"Mon, 2 Jan 2006 15:04:05 -0700", model.Day},
	{"Mon, 2 Jan 2006 15:04:05 MST", model.Day},
	{"2 Jan 2006 15:04:05 -0700", model.Day},
	{"2006-01-02", model.Day},
	{"2006/01/02", model.Day},
	{"02.01.2006", model.Day},
	{"January 2, 2006", model.Day},
	{"January 2 2006", model.Day},
	{"Jan 2, 2006", model.Day},
	{"Jan. 2, 2006", model.Day},
	{"2 January 2006", model.Day},
	{"2 Jan 2006", model.Day},
	{"Monday, January 2, 2006", model.Day},
	{"Mon, 2 Jan 2006", model.Day},
	{"20060102", model.Day},
	{"2006-01", model.Month},
	{"January 2006", model.Month},
	{"Jan 2006", model.Month},
	{"2006", model.Year},
}

// ParseDate reads a publication date in one of the usual forms: RFC 3339,
// RFC 1123 (feeds), "2006-01-02", LGL's "2006-01-02 15:04:05.999999-07",
// "January 2, 2006", "2 Jan 2006", "2006-01", "2006" and a few more. It
// returns the time in UTC and how precise it is. A date it cannot read
// fails with ErrDate; one outside [model.MinTime, model.MaxTime) with
// ErrDateRange. Importers keep such articles, undated.
func ParseDate(s string) (time.Time, model.Precision, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return zeroTime, model.Undated, fmt.Errorf("%w: empty", ErrDate)
	}
	if len(s) > 64 {
		return zeroTime, model.Undated, fmt.Errorf("%w: %.64q…", ErrDate, s)
	}
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		t = t.UTC()
		if !model.InRange(t) {
			return zeroTime, model.Undated, fmt.Errorf("%w: %q", ErrDateRange, s)
		}
		return t, l.p, nil
	}
	if t, ok := findDate(s); ok {
		if !model.InRange(t) {
			return zeroTime, model.Undated, fmt.Errorf("%w: %q", ErrDateRange, s)
		}
		return t, model.Day, nil
	}
	return zeroTime, model.Undated, fmt.Errorf("%w: %q", ErrDate, s)
}

const monthRE = `(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`

var (
	mdyRE = regexp.MustCompile(`(?i)\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `,?\s+(\d{4})\b`)
	isoRE = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// findDate finds a calendar date inside a longer string, such as
// "Wed Nov 23, 2016 | 4:58pm EST" or "9:55 AM ET, Sun January 4, 2015". The
// time of day, whose zone is often ambiguous ("ET", "MT"), is dropped.
func findDate(s string) (time.Time, bool) {
	var y, m, d int
	if g := mdyRE.FindStringSubmatch(s); g != nil {
		m, d, y = monthNumber(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := dmyRE.FindStringSubmatch(s); g != nil {
		d, m, y = atoi(g[1]), monthNumber(g[2]), atoi(g[3])
	} else if g := isoRE.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else {
		return zeroTime, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return zeroTime, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // such as February 30
		return zeroTime, false
	}
	return t, true
}

func monthNumber(s string) int {
	s = strings.ToLower(s)
	for i, p := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, p) {
			return i + 1
		}
	}
	return 0
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// parseDateOrZero is ParseDate for importers: unreadable dates are unknown.
func parseDateOrZero(s string) time.Time {
	t, _, err := ParseDate(s)
	if err != nil {
		return zeroTime
	}
	return t
}
