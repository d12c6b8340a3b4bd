package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/geo/basemap"
)

// fixture returns the tiny two-country topology for every level.
func fixture(t *testing.T) map[string][]byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "countries.json"))
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string][]byte)
	for _, l := range levels {
		files[l] = b
	}
	return files
}

func TestConvertFixture(t *testing.T) {
	var buf bytes.Buffer
	if err := convert(&buf, fixture(t)); err != nil {
		t.Fatal(err)
	}
	a, err := basemap.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(a.Levels(), ","); got != "110m,50m,10m" {
		t.Errorf("levels %s", got)
	}
	l := a.Level("50m")
	if len(l.Countries) != 2 {
		t.Fatalf("%d countries, want 2 (the point is skipped)", len(l.Countries))
	}
	want := []struct {
		id, name string
		bound    orb.Bound
	}{
		{"001", "Alpha", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}},
		{"002", "Beta", orb.Bound{Min: orb.Point{10, 0}, Max: orb.Point{20, 10}}},
	}
	for i, w := range want {
		c := l.Countries[i]
		if c.ID != w.id || c.Name != w.name || !c.Bound.Equal(w.bound) {
			t.Errorf("country %d = %s %s %v, want %s %s %v", i, c.ID, c.Name, c.Bound, w.id, w.name, w.bound)
		}
		if n := len(c.Shape); n != 1 || len(c.Shape[0][0]) != 5 {
			t.Errorf("%s: shape %v, want one closed ring of 5 points", c.Name, c.Shape)
		}
	}
	// Arcs are decoded from quantised deltas.
	arcs := l.Arcs()
	if len(arcs) != 3 {
		t.Fatalf("%d arcs", len(arcs))
	}
	if !arcs[0][0].Equal(orb.Point{10, 0}) || !arcs[0][1].Equal(orb.Point{10, 10}) {
		t.Errorf("shared border decoded as %v", arcs[0])
	}
	for _, c := range []struct {
		p    orb.Point
		want string
	}{{orb.Point{5, 5}, "Alpha"}, {orb.Point{15, 5}, "Beta"}, {orb.Point{25, 5}, ""}} {
		got, ok := a.CountryAt(c.p, "50m")
		if got.Name != c.want || ok != (c.want != "") {
			t.Errorf("CountryAt(%v) = %q %v, want %q", c.p, got.Name, ok, c.want)
		}
	}
}

func TestConvertRejectsBadTopologies(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "countries.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to, want string
	}{
		{"not a topology", `"type":"Topology"`, `"type":"FeatureCollection"`, "want Topology"},
		{"no transform", `"transform":{"scale":[0.1,0.1],"translate":[0,0]},`, ``, "no transform"},
		{"no land", `"land":`, `"sea":`, "no land object"},
		{"arc out of range", `"arcs":[[0,1]],"id":"001"`, `"arcs":[[0,7]],"id":"001"`, "out of range"},
		{"bad json", `"objects":{`, `"objects":[`, "countries-"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(string(good), c.from, c.to, 1)
			if bad == string(good) {
				t.Fatalf("fixture does not contain %q", c.from)
			}
			files := fixture(t)
			files["50m"] = []byte(bad)
			err := convert(&bytes.Buffer{}, files)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "countries-50m.json") {
				t.Errorf("error %v, want one naming countries-50m.json and %q", err, c.want)
			}
		})
	}
}

func TestReadSourcesFromTarball(t *testing.T) {
	files := fixture(t)
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, l := range levels {
		body := files[l]
		if err := tw.WriteHeader(&tar.Header{Name: "package/countries-" + l + ".json", Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write(body)
	}
	tw.Close()
	gz.Close()
	tgz := filepath.Join(t.TempDir(), "world-atlas-2.0.2.tgz")
	if err := os.WriteFile(tgz, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readSources(tgz)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range levels {
		if !bytes.Equal(got[l], files[l]) {
			t.Errorf("level %s not read back", l)
		}
	}
	out := filepath.Join(t.TempDir(), "basemap.bin")
	if err := run(out, tgz); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("EMBASEMAP")) {
		t.Errorf("run wrote %d bytes, err %v", len(b), err)
	}
}

func TestReadSourcesMissingLevel(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "countries-110m.json"), []byte("{}"), 0o644)
	if _, err := readSources(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want a missing file", err)
	}
}
