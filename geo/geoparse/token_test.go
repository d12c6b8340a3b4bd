package geoparse

import (
	"strings"
	"testing"
)

// FuzzTokenize checks that every token's text is the runes it spans,
// whatever the runes: letters of several bytes, invalid code points
// (surrogates, beyond U+10FFFF) as a caller's []rune may hold.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"St. John's, Nfld.", "Côte d’Ivoire", "Rep. Lee, D-Oakland", "東京 and Ürümqi", "U.S.-led"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, bad uint8) {
		rs := []rune(s)
		if bad > 0 && len(rs) > 0 {
			rs[int(bad)%len(rs)] = []rune{0xD800, 0x110000, -1}[int(bad)%3]
		}
		for _, tk := range tokenize(rs) {
			if tk.start < 0 || tk.end > len(rs) || tk.start >= tk.end {
				t.Fatalf("%q: token %q at %d–%d outside %d runes", s, tk.text, tk.start, tk.end, len(rs))
			}
			if want := string(rs[tk.start:tk.end]); tk.text != want {
				t.Fatalf("%q: token at %d–%d is %q, its runes are %q", s, tk.start, tk.end, tk.text, want)
			}
		}
	})
}

// TestHeadlines checks which lines are headlines: every word of four
// letters or more capitalised, three of them at least.
func TestHeadlines(t *testing.T) {
	text := "Fire Destroys Historic Church in Small Ohio Town\n" +
		"Police said the fire in Marietta started at night.\n" +
		"HOUSTON BRACES FOR RAIN\n" +
		"Ohio State\n" +
		"John Smith, Mary Jones and Peter Brown"
	want := []bool{true, false, true, false, true}
	toks := tokenize([]rune(text))
	line := 0
	for i := range toks {
		if i > 0 && strings.Contains(text[toks[i-1].end:toks[i].start], "\n") { // (ASCII: rune offsets are byte offsets)
			line++
		}
		if toks[i].headline != want[line] {
			t.Errorf("line %d, token %q: headline %v, want %v", line, toks[i].text, toks[i].headline, want[line])
		}
	}
}
