package model

import (
	"strings"
	"testing"
)

// OneLine's shortcut for strings already on one line must agree with the
// collapsing it skips.
func TestOneLineMatchesFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "a\u2028b",
		"São Paulo, Brazil", "\xffbad utf8 \xfe", "x \xff", "ends with nbsp\u00a0", "日本 東京",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := OneLine(s); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", s, got, want)
		}
	}
}
