package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"eventmap/geo/basemap"
)

func TestConvert(t *testing.T) {
	src, err := readSource(filepath.Join("testdata", "package"))
	if err != nil {
		t.Fatal(err)
	}
	data, n, err := convert(src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d regions, want 2 (features without a GeoNames id are left out)", n)
	}
	a, err := basemap.DecodeAdmin1(data)
	if err != nil {
		t.Fatal(err)
	}
	sq, ok := a.Outline(2017623)
	if !ok || len(sq) != 2 {
		t.Fatalf("2017623: %d polygons, want the square and its island", len(sq))
	}
	if len(sq[0]) != 2 {
		t.Errorf("the square's hole was lost: %d rings", len(sq[0]))
	}
	if len(sq[0][0]) != 5 {
		t.Errorf("the square has %d points, want 5 after simplification (the bump is within a kilometre)", len(sq[0][0]))
	}
	for _, c := range []struct {
		p  orb.Point
		in bool
	}{{orb.Point{130.5, 42.7}, true}, {orb.Point{130.25, 42.22}, false}, {orb.Point{132.4, 42.1}, true}, {orb.Point{129, 42}, false}} {
		if got := planar.MultiPolygonContains(sq, c.p); got != c.in {
			t.Errorf("%v in the square: %v, want %v", c.p, got, c.in)
		}
	}
	two, ok := a.Outline(5332921)
	if !ok || len(two) != 1 {
		t.Errorf("5332921: %d polygons, want 1 (the speck is simplified away)", len(two))
	}
	if p := two[0][0][1]; p != (orb.Point{-119, 35}) {
		t.Errorf("a point came back as %v", p)
	}
}

func TestReadSourceErrors(t *testing.T) {
	if _, err := readSource(t.TempDir()); err == nil {
		t.Error("a folder without admin1.json was read")
	}
	bad := filepath.Join(t.TempDir(), "x.tgz")
	if err := os.WriteFile(bad, []byte("not a tarball"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSource(bad); err == nil {
		t.Error("a file that is not a tarball was read")
	}
	if _, _, err := convert([]byte("{not json")); err == nil {
		t.Error("bad GeoJSON was converted")
	}
}
