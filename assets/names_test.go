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
