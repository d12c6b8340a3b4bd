package assets

import (
	"slices"
	"strings"
	"testing"
)

func TestFirstNames(t *testing.T) {
	names := strings.Fields(FirstNames())
	if len(names) < 5000 {
		t.Fatalf("%d first names, want thousands", len(names))
	}
	if !slices.IsSorted(names) {
		t.Error("the list is not sorted")
	}
	for _, n := range []string{"james", "julia", "levi", "frank"} {
		if _, ok := slices.BinarySearch(names, n); !ok {
			t.Errorf("%q missing", n)
		}
	}
	for _, n := range names {
		if n != strings.ToLower(n) {
			t.Errorf("%q is not folded", n)
			break
		}
	}
}

// TestCommonWords checks the embedded common-word list: SCOWL's notice
// first, then thousands of sorted lower-case words.
func TestCommonWords(t *testing.T) {
	text := CommonWords()
	if !strings.HasPrefix(text, "#") || !strings.Contains(text, "SCOWL") {
		t.Error("the list does not begin with SCOWL's notice")
	}
	var words []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if !strings.HasPrefix(l, "#") {
			words = append(words, l)
		}
	}
	if len(words) < 5000 || !slices.IsSorted(words) {
		t.Fatalf("%d words (sorted: %v), want thousands, sorted", len(words), slices.IsSorted(words))
	}
	for _, w := range []string{"salt", "strong", "house"} {
		if _, ok := slices.BinarySearch(words, w); !ok {
			t.Errorf("%q missing", w)
		}
	}
}
