package geoparse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what sort of token a token is.
type tokKind uint8

const (
	tokWord   tokKind = iota // letters and digits, with inner apostrophes and abbreviation dots
	tokPoss                  // a possessive "'s" split off a word
	tokHyphen                // a hyphen between two words without spaces
	tokComma                 // ","
	tokPunct                 // any other punctuation
)

// token is one token of a text. Offsets are runes.
type token struct {
	start, end int
	text       string
	lower      string
	kind       tokKind
	cap        bool // starts with an upper-case letter
	upper      bool // every letter is upper case (and there are at least two)
	dotAfter   bool // a "." follows at once (not part of the token)
	sentStart  bool // first word of a sentence, line or quote
	space      bool // whitespace precedes the token
	// headline is set on the tokens of a line written in title case or
	// in capitals ("Fire Destroys Historic Church in Small Ohio Town"),
	// whose capitals say nothing of names (see markHeadlines).
	headline bool
}

// tokenize splits text (given as runes) into tokens.
func tokenize(rs []rune) []token {
	out := make([]token, 0, len(rs)/4)
	// The tokens' texts are slices of one string: off[i] is the byte
	// offset of rune i in it.
	text := string(rs)
	off := make([]int32, len(rs)+1)
	for i, b := 0, 0; i < len(rs); i++ {
		off[i] = int32(b)
		n := utf8.RuneLen(rs[i])
		if n < 0 {
			n = len(string(utf8.RuneError)) // string(rs) writes one for an invalid rune
		}
		b += n
		off[i+1] = int32(b)
	}
	str := func(i, j int) string { return text[off[i]:off[j]] }
	newSent := true
	for i := 0; i < len(rs); {
		r := rs[i]
		space := i > 0 && unicode.IsSpace(rs[i-1])
		switch {
		case unicode.IsSpace(r):
			if r == '\n' {
				newSent = true
			}
			i++
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + 1
			for j < len(rs) {
				c := rs[j]
				if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) {
					j++
					continue
				}
				if (c == '\'' || c == '’') && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) {
					// "'s" at the end of a word is a possessive
					if (rs[j+1] == 's' || rs[j+1] == 'S') && (j+2 >= len(rs) || !unicode.IsLetter(rs[j+2])) {
						break
					}
					if isContraction(rs[j+1:]) {
						break
					}
					j++
					continue
				}
				if c == '.' && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) && j-lastDot(rs, i, j) <= 3 {
					// U.S, W.Va, D.C: short segments joined by dots
					j++
					continue
				}
				break
			}
			w := str(i, j)
			t := token{start: i, end: j, text: w, lower: strings.ToLower(w), kind: tokWord, space: space, sentStart: newSent}
			t.cap = unicode.IsUpper(rs[i]) || elided(rs[i:j])
			t.upper = isUpperWord(rs[i:j])
			if j < len(rs) && rs[j] == '.' {
				t.dotAfter = true
			}
			out = append(out, t)
			newSent = false
			i = j
		case (r == '\'' || r == '’') && i > 0 && unicode.IsLetter(rs[i-1]) && isContraction(rs[i+1:]):
			// "I'm", "we're", "don't": the rest is not part of a name
			j := i + 1
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			w := str(i, j)
			out = append(out, token{start: i, end: j, text: w, lower: strings.ToLower(w), kind: tokPunct})
			i = j
		case (r == '\'' || r == '’') && i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') && i > 0 && unicode.IsLetter(rs[i-1]):
			out = append(out, token{start: i, end: i + 2, text: str(i, i+2), lower: "'s", kind: tokPoss})
			i += 2
		default:
			w := str(i, i+1)
			t := token{start: i, end: i + 1, text: w, lower: w, kind: tokPunct, space: space}
			switch r {
			case ',':
				t.kind = tokComma
			case '-', '‐', '–':
				if r == '-' && i > 0 && i+1 < len(rs) && !unicode.IsSpace(rs[i-1]) && !unicode.IsSpace(rs[i+1]) {
					t.kind = tokHyphen
				}
			case '.':
				// a full stop after an initial, an abbreviated title or
				// "Mt", "Ft" does not end a sentence ("Gov. Perry"; but
				// "... the judge. Columbus attorney ..." does)
				if n := len(out); n == 0 || out[n-1].kind != tokWord || out[n-1].end != i ||
					!(len([]rune(out[n-1].text)) == 1 || shortTitles[out[n-1].lower] || abbrevExpansions[out[n-1].lower] != "" || strings.Contains(out[n-1].text, ".")) {
					newSent = true
				}
			case '!', '?', ':', ';', '"', '“', '(', '—', '|':
				// a capital after these may just start a sentence
				newSent = true
			}
			out = append(out, t)
			i++
		}
	}
	markHeadlines(rs, out)
	return out
}

// headlineWords is how many words of four letters or more a line needs,
// all capitalised, to be a headline.
const headlineWords = 3

// markHeadlines sets headline on the tokens of every line (text between
// line breaks) whose words of four letters or more are all capitalised,
// headlineWords of them at least: a title in title case or in capitals.
func markHeadlines(rs []rune, toks []token) {
	from := 0 // first token of the line
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && (i == from || !slices.Contains(rs[toks[i-1].end:toks[i].start], '\n')) {
			continue
		}
		words, capped := 0, 0
		for k := from; k < i; k++ {
			if t := &toks[k]; t.kind == tokWord && t.end-t.start >= 4 && unicode.IsLetter(rs[t.start]) {
				words++
				if t.cap {
					capped++
				}
			}
		}
		if words >= headlineWords && capped == words {
			for k := from; k < i; k++ {
				toks[k].headline = true
			}
		}
		from = i
	}
}

// elided reports whether a word is an elided particle before a
// capitalised name ("d'Ivoire", "l'Aquila"): a name's word, as a
// capitalised one is.
func elided(w []rune) bool {
	return len(w) > 2 && (w[0] == 'd' || w[0] == 'l') && (w[1] == '\'' || w[1] == '’') && unicode.IsUpper(w[2])
}

// lastDot returns the index after the last "." in rs[from:to], or from.
func lastDot(rs []rune, from, to int) int {
	for k := to - 1; k >= from; k-- {
		if rs[k] == '.' {
			return k + 1
		}
	}
	return from
}

func isUpperWord(rs []rune) bool {
	n := 0
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// isContraction reports whether rs starts with the tail of an English
// contraction ("m", "re", "ve", "ll", "d", "t") and then a non-letter.
func isContraction(rs []rune) bool {
	n := 0
	for n < len(rs) && n < 3 && unicode.IsLetter(rs[n]) {
		n++
	}
	if n == len(rs) || n < len(rs) && !unicode.IsLetter(rs[n]) {
		switch strings.ToLower(string(rs[:n])) {
		case "m", "re", "ve", "ll", "d", "t":
			return true
		}
	}
	return false
}
