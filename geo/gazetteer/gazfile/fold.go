package gazfile

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the lookup key of a place name: lower case, diacritics
// removed, a few letters that have no decomposition spelled out (ß → ss,
// ø → o, ł → l …), apostrophes and full stops dropped ("U.S." → "us",
// "Xi'an" → "xian"), every other run of punctuation or space turned into
// one space, and a leading "the " removed. The gazetteer file stores its
// keys folded with this function, so queries must be folded with it too.
func Fold(s string) string {
	if folded(s) {
		return s // a key already: the common case of a lookup by key
	}
	return fold(s)
}

// fold is Fold without the shortcut for keys.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b.WriteByte(c)
				space = false
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
				space = false
			case c == '\'' || c == '.' || c == '`':
				// dropped
			default:
				if !space {
					b.WriteByte(' ')
					space = true
				}
			}
			continue
		case unicode.Is(unicode.Mn, r):
			continue
		}
		switch r {
		case '’', '‘', 'ʻ', 'ʼ', 'ʿ', 'ʾ', '´', '′':
			continue
		case 'ß', 'ẞ':
			b.WriteString("ss")
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'đ', 'Đ', 'ð', 'Ð':
			b.WriteByte('d')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'þ', 'Þ':
			b.WriteString("th")
		case 'ı':
			b.WriteByte('i')
		case 'ħ', 'Ħ':
			b.WriteByte('h')
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			} else {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
		}
		space = false
	}
	out := strings.TrimSuffix(b.String(), " ")
	if len(out) > 4 && strings.HasPrefix(out, "the ") {
		out = out[4:]
	}
	return out
}

// folded reports whether Fold would return s itself: lower-case ASCII
// letters and digits, single spaces between them, no leading "the ".
func folded(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || len(s) > 4 && s[:4] == "the " {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ' && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

// IsLatin reports whether every letter of s is in the Latin script and s
// holds no digits: the alternate names the embedded gazetteer keeps.
func IsLatin(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
