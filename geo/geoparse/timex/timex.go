// Package timex splits text into sentences and finds the time expressions
// in it ("on Wednesday", "in 2019", "last month", "September 13, 2023",
// "hours before"), resolving each against a reference date such as the
// date of the article.
//
// It is a small rule-based resolver written for news English: it knows
// month and weekday names, ISO and written-out dates, years, and the
// relative words news uses (yesterday, today, last week, next year …).
// Offsets are in runes (Unicode code points) of the text.
package timex

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision says how much of a resolved date is known.
type Precision int

// The precisions a date can have, coarsest last.
const (
	PrecisionNone  Precision = iota // nothing known
	PrecisionDay                    // the day is known
	PrecisionWeek                   // a week: Time is a day within it
	PrecisionMonth                  // the month is known: Time is its first day
	PrecisionYear                   // the year is known: Time is its first day
)

// String returns "day", "week", "month", "year" or "none".
func (p Precision) String() string {
	switch p {
	case PrecisionDay:
		return "day"
	case PrecisionWeek:
		return "week"
	case PrecisionMonth:
		return "month"
	case PrecisionYear:
		return "year"
	}
	return "none"
}

// MarshalText encodes a precision as its name.
func (p Precision) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Span is a stretch of text in runes.
type Span struct {
	Start, End int
}

// Expr is one time expression found in a text.
type Expr struct {
	Start, End int       // rune offsets of the expression
	Text       string    // the expression as written
	Time       time.Time // resolved date (UTC midnight); zero when unresolved
	Precision  Precision // how much of Time is known
	// Anchor is true for an expression that dates an event ("on Monday",
	// "in 2019"); false for one that only bounds it ("since 2022",
	// "until March", "for two years").
	Anchor bool
}

// word is a token of the scanner.
type word struct {
	start, end int // runes
	bstart     int // byte offset of start in the text
	text       string
	lower      string
}

// words splits text into words (runs of letters and digits, an ISO date
// being one word) and single punctuation marks. The words are slices of
// text, lowered only when they have upper-case letters.
func words(text string) []word {
	out := make([]word, 0, len(text)/5)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	ri := 0 // rune index of byte offset b
	for b := 0; b < len(text); {
		r, size := utf8.DecodeRuneInString(text[b:])
		switch {
		case isWord(r):
			e, re := b+size, ri+1
			for e < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[e:])
				if !isWord(r2) {
					break
				}
				e += s2
				re++
			}
			// ISO dates: 2023-09-13
			if e-b == 4 && re-ri == 4 && isISODateTail(text[e:]) && isDigits(text[b:e]) {
				e += 6
				re += 6
			}
			s := text[b:e]
			out = append(out, word{ri, re, b, s, strings.ToLower(s)})
			b, ri = e, re
		case unicode.IsSpace(r):
			b += size
			ri++
		default:
			s := text[b : b+size]
			out = append(out, word{ri, ri + 1, b, s, s})
			b += size
			ri++
		}
	}
	return out
}

// isISODateTail reports whether s begins with "-MM-DD" in ASCII digits.
func isISODateTail(s string) bool {
	return len(s) >= 6 && s[0] == '-' && s[3] == '-' && isDigits(s[1:3]) && isDigits(s[4:6])
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// IsWeekday reports whether word, in lower case, is the name of a day of
// the week ("sunday").
func IsWeekday(word string) bool {
	_, ok := weekdays[word]
	return ok
}

// IsDate reports whether a word and the one after it begin a date: a
// month's name and a day's number ("April 4").
func IsDate(word, next string) bool {
	m, ok := months[strings.ToLower(word)]
	if !ok || m == 5 && word == "may" {
		return false
	}
	n, ok := atoi(next)
	return ok && n >= 1 && n <= 31
}

// bounding words make the following expression a bound, not an anchor.
var bounding = map[string]bool{"since": true, "until": true, "till": true, "by": true, "through": true, "for": true, "from": true, "before": true, "after": true}

// Find returns the time expressions of text, resolved against ref (the
// article's date; zero when unknown, in which case relative expressions
// are found but left unresolved).
func Find(text string, ref time.Time) []Expr {
	ws := words(text)
	ref = day(ref)
	var out []Expr
	for i := 0; i < len(ws); {
		e, n := match(ws, i, ref)
		if n == 0 {
			i++
			continue
		}
		e.Start, e.End = ws[i].start, ws[i+n-1].end
		last := ws[i+n-1]
		e.Text = text[ws[i].bstart : last.bstart+len(last.text)]
		e.Anchor = true
		if i > 0 && bounding[ws[i-1].lower] {
			e.Anchor = false
		}
		if i > 1 && bounding[ws[i-2].lower] && (ws[i-1].lower == "early" || ws[i-1].lower == "late" || ws[i-1].lower == "mid") {
			e.Anchor = false
		}
		out = append(out, e)
		i += n
	}
	return out
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func atoi(s string) (int, bool) {
	if len(s) > 4 || !isDigits(s) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	n, ok := atoi(s)
	return n, ok && n >= 1000 && n <= 2199
}

// dayNum reads "13", "13th", "1st".
func dayNum(s string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	n, ok := atoi(s)
	return n, ok && n >= 1 && n <= 31
}

// match tries the patterns at ws[i] and returns the expression and the
// number of words it spans (0 for none).
func match(ws []word, i int, ref time.Time) (Expr, int) {
	w := ws[i].lower
	if w == "" || (w[0] < '0' || w[0] > '9') && !startWords[w] {
		return Expr{}, 0 // no pattern starts with this word
	}
	at := func(k int) string {
		if i+k < len(ws) {
			return ws[i+k].lower
		}
		return ""
	}
	// ISO date
	if len(w) == 10 && w[4] == '-' && w[7] == '-' {
		if t, err := time.Parse("2006-01-02", w); err == nil {
			return Expr{Time: t, Precision: PrecisionDay}, 1
		}
	}
	// Month [day][,] [year]  /  Month year
	if m, ok := months[w]; ok && (len(w) > 3 || ws[i].text[0] >= 'A' && ws[i].text[0] <= 'Z') {
		if w == "may" && ws[i].text == "may" || w == "march" && ws[i].text == "march" {
			return Expr{}, 0
		}
		k := 1
		if at(k) == "." {
			k++
		}
		if d, ok := dayNum(at(k)); ok {
			k++
			kk := k
			if at(kk) == "," {
				kk++
			}
			if y, ok := year(at(kk)); ok {
				return Expr{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Precision: PrecisionDay}, kk + 1
			}
			if ref.IsZero() {
				return Expr{}, k
			}
			return Expr{Time: nearestYear(ref, m, d), Precision: PrecisionDay}, k
		}
		if y, ok := year(at(k)); ok {
			return Expr{Time: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), Precision: PrecisionMonth}, k + 1
		}
		// Month alone, capitalised: the nearest such month not after ref
		// (news reports the past), or after it with "next".
		if ws[i].text[0] >= 'A' && ws[i].text[0] <= 'Z' && len(w) > 3 {
			if ref.IsZero() {
				return Expr{}, 1
			}
			y := ref.Year()
			if m > ref.Month() {
				y--
			}
			if i > 0 && ws[i-1].lower == "next" {
				y = ref.Year()
				if m <= ref.Month() {
					y++
				}
			}
			return Expr{Time: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), Precision: PrecisionMonth}, 1
		}
	}
	// day Month [year]: "13 September 2023"
	if d, ok := dayNum(w); ok {
		if m, ok := months[at(1)]; ok && len(at(1)) > 2 {
			if y, ok := year(at(2)); ok {
				return Expr{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Precision: PrecisionDay}, 3
			}
			if !ref.IsZero() {
				return Expr{Time: nearestYear(ref, m, d), Precision: PrecisionDay}, 2
			}
		}
	}
	// A bare number is a year only in a date context: after a
	// preposition ("in 2019", "by 2030"), as the second year of a range
	// ("1939-1945"), or as a possessive ("2019's"). A year well beyond
	// the article's own needs words that look forward explicitly.
	if y, ok := year(w); ok && yearContext(ws, i) && (ref.IsZero() || y <= ref.Year()+nearFuture || forwardContext(ws, i)) {
		return Expr{Time: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Precision: PrecisionYear}, 1
	}
	// weekday
	if wd, ok := weekdays[w]; ok {
		if ref.IsZero() {
			return Expr{}, 1
		}
		t := ref
		dir := -1
		if i > 0 && ws[i-1].lower == "next" {
			dir = 1
			t = t.AddDate(0, 0, 1)
		}
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, dir)
		}
		return Expr{Time: t, Precision: PrecisionDay}, 1
	}
	if ref.IsZero() {
		return Expr{}, 0
	}
	switch w {
	case "today", "tonight":
		return Expr{Time: ref, Precision: PrecisionDay}, 1
	case "yesterday":
		return Expr{Time: ref.AddDate(0, 0, -1), Precision: PrecisionDay}, 1
	case "tomorrow":
		return Expr{Time: ref.AddDate(0, 0, 1), Precision: PrecisionDay}, 1
	case "hours", "minutes":
		switch at(1) {
		case "before", "after", "ago", "later", "earlier":
			return Expr{Time: ref, Precision: PrecisionDay}, 2
		}
	case "this", "last", "next", "past":
		unit := at(1)
		var t time.Time
		var p Precision
		sign := map[string]int{"this": 0, "last": -1, "past": -1, "next": 1}[w]
		switch unit {
		case "morning", "afternoon", "evening", "night":
			if w == "last" && unit == "night" {
				return Expr{Time: ref.AddDate(0, 0, -1), Precision: PrecisionDay}, 2
			}
			if w == "this" {
				return Expr{Time: ref, Precision: PrecisionDay}, 2
			}
			return Expr{}, 0
		case "week", "weekend":
			t, p = ref.AddDate(0, 0, 7*sign), PrecisionWeek
		case "month":
			f := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
			t, p = f.AddDate(0, sign, 0), PrecisionMonth
		case "year":
			t, p = time.Date(ref.Year()+sign, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear
		default:
			return Expr{}, 0
		}
		if w == "past" {
			return Expr{}, 0 // "the past year": a duration
		}
		return Expr{Time: t, Precision: p}, 2
	}
	// "two days ago", "3 weeks ago"
	if n, ok := count(w); ok && at(2) == "ago" {
		switch strings.TrimSuffix(at(1), "s") {
		case "day":
			return Expr{Time: ref.AddDate(0, 0, -n), Precision: PrecisionDay}, 3
		case "week":
			return Expr{Time: ref.AddDate(0, 0, -7*n), Precision: PrecisionWeek}, 3
		case "month":
			f := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
			return Expr{Time: f.AddDate(0, -n, 0), Precision: PrecisionMonth}, 3
		case "year":
			return Expr{Time: time.Date(ref.Year()-n, 1, 1, 0, 0, 0, 0, time.UTC), Precision: PrecisionYear}, 3
		}
	}
	return Expr{}, 0
}

// nearFuture is how many years after the article's a bare year may be
// without words that look forward explicitly.
const nearFuture = 1

// yearWords are the words after which a bare number is a year.
var yearWords = map[string]bool{
	"in": true, "during": true, "since": true, "of": true, "until": true, "till": true, "by": true,
	"early": true, "late": true, "mid": true, "from": true, "through": true, "before": true, "after": true,
}

// forwardWords are the words that may put a year far beyond the
// article's: "by 2050", "in 2091", "until 2030".
var forwardWords = map[string]bool{
	"in": true, "by": true, "until": true, "till": true, "through": true, "before": true, "after": true, "during": true,
}

// yearContext reports whether the number ws[i] stands where a year does.
func yearContext(ws []word, i int) bool {
	if i+2 < len(ws) && (ws[i+1].text == "'" || ws[i+1].text == "’") && ws[i+2].lower == "s" && ws[i+1].start == ws[i].end {
		return true // "2019's"
	}
	if i == 0 {
		return false
	}
	prev := ws[i-1]
	if prev.text == "-" || prev.text == "–" {
		// The second year of a range, "1939-1945", but never a group of
		// digits such as a phone number's "510-574-2091".
		return i >= 2 && isYearWord(ws[i-2]) && !partOfNumber(ws, i-2)
	}
	return yearWords[prev.lower]
}

// forwardContext reports whether a year ws[i] is introduced by words
// that look forward explicitly (also through "early", "mid", "late", or
// the first year of a range).
func forwardContext(ws []word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch w := ws[k].lower; {
		case forwardWords[w]:
			return true
		case w == "early" || w == "late" || w == "mid" || w == "-" || w == "–" || isYearWord(ws[k]):
			continue
		default:
			return false
		}
	}
	return false
}

func isYearWord(w word) bool {
	_, ok := year(w.lower)
	return ok
}

// partOfNumber reports whether the digits ws[i] are joined by a hyphen,
// dot or slash to digits before them ("815-748"), as in phone numbers.
func partOfNumber(ws []word, i int) bool {
	if i < 2 {
		return false
	}
	sep, before := ws[i-1], ws[i-2]
	return (sep.text == "-" || sep.text == "." || sep.text == "/" || sep.text == "–") &&
		sep.start == before.end && ws[i].start == sep.end && isDigits(before.text)
}

// startWords are the words other than numbers that a pattern of match
// may start with.
var startWords = func() map[string]bool {
	m := map[string]bool{"today": true, "tonight": true, "yesterday": true, "tomorrow": true, "hours": true, "minutes": true,
		"this": true, "last": true, "next": true, "past": true}
	for w := range months {
		m[w] = true
	}
	for w := range weekdays {
		m[w] = true
	}
	for w := range numberWords {
		m[w] = true
	}
	return m
}()

var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}

func count(w string) (int, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	n, ok := atoi(w)
	return n, ok && n > 0 && n < 1000
}

// nearestYear returns month/day in the year that puts it nearest to ref.
func nearestYear(ref time.Time, m time.Month, d int) time.Time {
	best := time.Time{}
	for _, y := range []int{ref.Year() - 1, ref.Year(), ref.Year() + 1} {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if best.IsZero() || abs(t.Sub(ref)) < abs(best.Sub(ref)) {
			best = t
		}
	}
	return best
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// abbreviations that end in a full stop without ending a sentence.
var noStop = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "mt": true, "ft": true, "jr": true, "sr": true,
	"gen": true, "gov": true, "sen": true, "rep": true, "lt": true, "col": true, "sgt": true, "capt": true, "cpl": true,
	"rev": true, "prof": true, "inc": true, "co": true, "corp": true, "ltd": true, "no": true, "vs": true, "ave": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"u": true, "e": true, "w": true, "n": true, "s": true, "a": true, "p": true,
}

// Sentences splits text into sentences: after ".", "!" or "?" (and any
// closing quotes) followed by a space and an upper-case letter or digit,
// unless the full stop ends a known abbreviation or an initial; and at
// every blank line. Spans cover the text without leading spaces.
func Sentences(text string) []Span {
	rs := []rune(text)
	var out []Span
	start := -1
	flush := func(end int) {
		if start >= 0 {
			e := end
			for e > start && unicode.IsSpace(rs[e-1]) {
				e--
			}
			if e > start {
				out = append(out, Span{start, e})
			}
		}
		start = -1
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if start < 0 {
			if unicode.IsSpace(r) {
				continue
			}
			start = i
		}
		if r == '\n' && i+1 < len(rs) && rs[i+1] == '\n' || r == '\n' && i+2 < len(rs) && rs[i+1] == '\r' {
			flush(i)
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("\"'”’)]", rs[j]) {
			j++
		}
		if j < len(rs) && !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && !(unicode.IsUpper(rs[k]) || unicode.IsDigit(rs[k]) || strings.ContainsRune("\"'“‘(", rs[k])) {
			continue
		}
		if r == '.' {
			b := i
			for b > start && unicode.IsLetter(rs[b-1]) {
				b--
			}
			if w := strings.ToLower(string(rs[b:i])); noStop[w] || b > start && rs[b-1] == '.' {
				continue
			}
		}
		flush(j)
		i = j - 1
	}
	flush(len(rs))
	return out
}
