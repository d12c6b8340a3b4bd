package basemap

import (
	"image"
	"image/color"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/geo/internal/golden"
	"eventmap/geo/viewport"
)

func TestCountryByCode(t *testing.T) {
	a := atlas(t)
	cases := []struct{ code, name, want string }{
		{"KP", "", "North Korea"},
		{"JP", "", "Japan"},
		{"RU", "", "Russia"},
		{"kr", "", "South Korea"},
		{"XK", "Kosovo", "Kosovo"}, // no ISO numeric code: found by name
		{"ZZ", "", ""},
		{"", "", ""},
		{"643", "", ""}, // numeric codes are not alpha-2 codes
	}
	for _, c := range cases {
		for _, scale := range []string{"110m", "50m", ""} {
			ar, ok := a.CountryArea(c.code, c.name)
			if ok != (c.want != "") {
				t.Errorf("CountryArea(%q, %q): ok %v", c.code, c.name, ok)
				continue
			}
			if !ok {
				continue
			}
			got, _ := a.CountryByCode(c.code, scale)
			if got.Name == "" {
				got, _ = a.CountryByName(c.name, scale)
			}
			if got.Name != c.want {
				t.Errorf("%s %s: %q, want %q", c.code, scale, got.Name, c.want)
			}
			if ar.Bound != got.Bound && scale == "" {
				t.Errorf("%s: area bound %v, country bound %v", c.code, ar.Bound, got.Bound)
			}
		}
	}
}

// TestAreaDraw fills North Korea over East Asia and checks that its
// true outline is drawn: its capital is tinted, while Seoul, Vladivostok,
// Japan and the sea inside North Korea's bounding box are not.
func TestAreaDraw(t *testing.T) {
	a := atlas(t)
	ar, ok := a.CountryArea("KP", "")
	if !ok {
		t.Fatal("no North Korea")
	}
	fill := color.NRGBA{0xff, 0, 0, 0xff}
	var p Painter
	for _, zoom := range []float64{2, 4, 6, 9} {
		center := orb.Point{128, 39}
		if zoom > 6 {
			center = orb.Point{126, 38.6} // Pyongyang and Seoul
		}
		v := viewport.New(center, zoom, 800, 600, 1)
		img := image.NewRGBA(image.Rect(0, 0, 800, 600))
		p.Draw(img, v, ar, fill, color.NRGBA{0, 0, 0xff, 0xff}, 1)
		at := func(ll orb.Point) color.RGBA {
			x, y := v.PixelOf(ll)
			return img.RGBAAt(int(x), int(y))
		}
		if c := at(orb.Point{125.75, 39.02}); c.R != 0xff {
			t.Errorf("zoom %v: Pyongyang is %v, not filled", zoom, c)
		}
		for _, ll := range []orb.Point{{126.98, 37.57}, {131.88, 43.12}, {139.7, 35.7}, {129.5, 38.5}} {
			if x, y := v.PixelOf(ll); x < 0 || y < 0 || x >= 800 || y >= 600 {
				continue
			}
			if c := at(ll); c.A != 0 {
				t.Errorf("zoom %v: %v is painted %v", zoom, ll, c)
			}
		}
	}
}

// TestAreaAcrossAntimeridian fills Russia, whose outline crosses the
// antimeridian, in a view centred on it: both sides are filled.
func TestAreaAcrossAntimeridian(t *testing.T) {
	a := atlas(t)
	ar, ok := a.CountryArea("RU", "")
	if !ok {
		t.Fatal("no Russia")
	}
	v := viewport.New(orb.Point{180, 66}, 4, 800, 600, 1)
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	var p Painter
	p.Draw(img, v, ar, color.NRGBA{0xff, 0, 0, 0xff}, color.NRGBA{}, 0)
	for _, ll := range []orb.Point{{177, 66}, {-176, 67}} {
		x, y := v.PixelOf(ll)
		if c := img.RGBAAt(int(x), int(y)); c.R != 0xff {
			t.Errorf("%v is %v, not filled", ll, c)
		}
	}
}

// TestAreaGolden draws a country event's area as the map shows it: the
// basemap, and North Korea tinted with its outline.
func TestAreaGolden(t *testing.T) {
	a := atlas(t)
	ar, _ := a.CountryArea("KP", "")
	r := NewRenderer(a, 0)
	for _, dark := range []bool{false, true} {
		st, name := LightStyle(), "country-area-light.png"
		if dark {
			st, name = DarkStyle(), "country-area-dark.png"
		}
		v := viewport.New(orb.Point{130, 40}, 5, 640, 480, 1)
		img := image.NewRGBA(image.Rect(0, 0, 640, 480))
		r.Render(img, v, st)
		var p Painter
		p.Draw(img, v, ar, color.NRGBA{0xd9, 0x48, 0x0f, 0x30}, color.NRGBA{0xd9, 0x48, 0x0f, 0xc0}, 1.5)
		golden.Check(t, filepath.Join("testdata", name), img)
	}
}

func TestCountryCode(t *testing.T) {
	a := atlas(t)
	for _, code := range []string{"KP", "JP", "RU", "FR", "US", "BR"} {
		c, ok := a.CountryByCode(code, "110m")
		if !ok || c.Code() != code {
			t.Errorf("%s: %q %v", code, c.Code(), ok)
		}
	}
	if c, ok := a.CountryByName("Kosovo", ""); !ok || c.Code() != "" {
		t.Errorf("Kosovo: %q %v", c.Code(), ok)
	}
}
