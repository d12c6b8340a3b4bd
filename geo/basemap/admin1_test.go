package basemap

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"eventmap/geo/internal/golden"
	"eventmap/geo/viewport"
)

func TestAdmin1(t *testing.T) {
	a, err := LoadAdmin1()
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() < 4000 {
		t.Errorf("%d regions, want at least 4000", a.Len())
	}
	cases := []struct {
		id      string
		in, out []orb.Point
	}{
		{"gn:2017623", []orb.Point{{131.88, 43.12}}, []orb.Point{{126.64, 45.76}, {135.07, 48.48}}}, // Primorsky Krai: Vladivostok, not Harbin or Khabarovsk
		{"gn:3434137", []orb.Point{{-59.28, -32.03}}, []orb.Point{{-58.38, -34.6}}},                 // Entre Ríos, not Buenos Aires
		{"gn:5332921", []orb.Point{{-119.4, 36.8}}, []orb.Point{{-115.1, 36.2}}},                    // California, not Las Vegas
	}
	for _, c := range cases {
		ar, ok := a.AreaByPlaceID(c.id)
		if !ok {
			t.Errorf("%s: no outline", c.id)
			continue
		}
		var n uint64
		if _, err := fmt.Sscan(c.id[3:], &n); err != nil {
			t.Fatal(err)
		}
		mp, _ := a.Outline(n)
		for _, p := range c.in {
			if !planar.MultiPolygonContains(mp, p) || !ar.Bound.Contains(p) {
				t.Errorf("%s does not hold %v", c.id, p)
			}
		}
		for _, p := range c.out {
			if planar.MultiPolygonContains(mp, p) {
				t.Errorf("%s holds %v", c.id, p)
			}
		}
	}
	for _, id := range []string{"gz:12", "gn:x", "gn:1", ""} {
		if _, ok := a.AreaByPlaceID(id); ok {
			t.Errorf("%q has an outline", id)
		}
	}
}

func TestDecodeAdmin1Bad(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("EMADMIN1"), []byte("EMADMIN1\x02xx"), []byte("EMADMIN1\x01not deflate"), []byte("EMBASEMAP\x01")} {
		if _, err := DecodeAdmin1(data); !errors.Is(err, ErrFormat) {
			t.Errorf("%q: %v, want ErrFormat", data, err)
		}
	}
}

// TestAdmin1Golden draws a region event's area: Primorsky Krai, tinted
// within its outline, in both themes.
func TestAdmin1Golden(t *testing.T) {
	a, err := LoadAdmin1()
	if err != nil {
		t.Fatal(err)
	}
	ar, ok := a.AreaByPlaceID("gn:2017623")
	if !ok {
		t.Fatal("no Primorsky Krai")
	}
	r := NewRenderer(atlas(t), 0)
	for _, dark := range []bool{false, true} {
		st, name := LightStyle(), "admin1-area-light.png"
		if dark {
			st, name = DarkStyle(), "admin1-area-dark.png"
		}
		v := viewport.New(orb.Point{134, 45}, 5, 640, 480, 1)
		img := image.NewRGBA(image.Rect(0, 0, 640, 480))
		r.Render(img, v, st)
		var p Painter
		p.Draw(img, v, ar, color.NRGBA{0xd9, 0x48, 0x0f, 0x1c}, color.NRGBA{0xd9, 0x48, 0x0f, 0x90}, 1.2)
		golden.Check(t, filepath.Join("testdata", name), img)
	}
}
