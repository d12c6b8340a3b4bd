package basemap

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"io"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/paulmach/orb"

	"eventmap/assets"
	"eventmap/geo/viewport"
)

// loadOnce shares one decoded atlas between the tests of this package.
var loadOnce = sync.OnceValues(Load)

func atlas(t testing.TB) *Atlas {
	t.Helper()
	a, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestEmbeddedLevels(t *testing.T) {
	a := atlas(t)
	want := map[string]int{"110m": 170, "50m": 230, "10m": 250}
	for name, min := range want {
		l := a.Level(name)
		if l == nil {
			t.Fatalf("no level %s", name)
		}
		if len(l.Countries) < min {
			t.Errorf("%s: %d countries, want at least %d", name, len(l.Countries), min)
		}
	}
}

func TestCountryAt(t *testing.T) {
	a := atlas(t)
	cases := []struct {
		ll   orb.Point
		want string
	}{
		{orb.Point{37.62, 55.75}, "Russia"},
		{orb.Point{2.35, 48.85}, "France"},
		{orb.Point{131.88, 43.12}, "Russia"},
		{orb.Point{125.75, 39.02}, "North Korea"},
		{orb.Point{-99.13, 19.43}, "Mexico"},
		{orb.Point{151.21, -33.87}, "Australia"},
		{orb.Point{-150, 0}, ""},
	}
	for _, c := range cases {
		for _, scale := range []string{"50m", ""} {
			got, ok := a.CountryAt(c.ll, scale)
			if got.Name != c.want || ok != (c.want != "") {
				t.Errorf("CountryAt(%v, %q) = %q, want %q", c.ll, scale, got.Name, c.want)
			}
		}
	}
}

func TestDecodeRejectsCorruptData(t *testing.T) {
	cases := map[string][]byte{
		"empty":       nil,
		"wrong magic": []byte("NOTABASEMAP"),
		"bad version": []byte("EMBASEMAP\x09"),
		"truncated":   assets.Basemap[:len(assets.Basemap)/2],
		"huge count":  append([]byte("EMBASEMAP\x01"), 0xff, 0xff, 0xff, 0xff, 0x0f),
		"not brotli":  []byte("EMBASEMAP\x02not brotli at all"),
		"cut brotli":  assets.Basemap[:len(assets.Basemap)-100],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := Decode(data); !errors.Is(err, ErrFormat) {
				t.Errorf("error %v, want ErrFormat", err)
			}
		})
	}
}

// TestDecodeVersion1 checks that a basemap of version 1, not compressed,
// decodes as its compressed version 2 does.
func TestDecodeVersion1(t *testing.T) {
	if assets.Basemap[9] != 2 {
		t.Fatalf("embedded basemap is version %d, want 2", assets.Basemap[9])
	}
	body, err := io.ReadAll(brotli.NewReader(bytes.NewReader(assets.Basemap[10:])))
	if err != nil {
		t.Fatal(err)
	}
	v1, err := Decode(append([]byte("EMBASEMAP\x01"), body...))
	if err != nil {
		t.Fatal(err)
	}
	v2 := atlas(t)
	if !slices.Equal(v1.Levels(), v2.Levels()) {
		t.Fatalf("levels %v, want %v", v1.Levels(), v2.Levels())
	}
	for _, name := range v2.Levels() {
		if a, b := v1.Level(name), v2.Level(name); len(a.Countries) != len(b.Countries) || a.Countries[0].Name != b.Countries[0].Name {
			t.Errorf("level %s differs", name)
		}
	}
}

func TestLayersHaveNoWorldWideJumps(t *testing.T) {
	a := atlas(t)
	for _, l := range a.lods {
		ly := a.layerFor(l.maxZoom - 0.1)
		for _, group := range [][]shape{ly.land, ly.coast, ly.borders} {
			for _, s := range group {
				for i := 1; i < len(s.pts); i++ {
					if d := math.Abs(s.pts[i][0] - s.pts[i-1][0]); d > 0.5 {
						t.Fatalf("lod %s<%v: a segment jumps %.2f of the world", l.level, l.maxZoom, d)
					}
				}
			}
		}
		for _, s := range ly.coast {
			for i := 1; i < len(s.pts); i++ {
				if mapEdge(s.pts[i-1], s.pts[i]) {
					t.Fatalf("lod %s: coastline drawn along the edge of the map at %v", l.level, s.pts[i])
				}
			}
		}
		if len(ly.land) == 0 || len(ly.coast) == 0 || len(ly.borders) == 0 {
			t.Errorf("lod %s: empty layer", l.level)
		}
	}
}

func TestLevelOfDetail(t *testing.T) {
	a := atlas(t)
	points := func(ly *layer) int {
		n := 0
		for _, s := range ly.coast {
			n += len(s.pts)
		}
		return n
	}
	far, mid, near1, near2, closest := points(a.layerFor(1)), points(a.layerFor(3)), points(a.layerFor(5)), points(a.layerFor(7)), points(a.layerFor(10))
	if !(far < mid && mid < near1 && near1 < near2 && near2 < closest) {
		t.Errorf("coast points by zoom 1,3,5,7,10 = %d %d %d %d %d; want more detail closer in", far, mid, near1, near2, closest)
	}
}

// pixel returns the colour of the view at a longitude/latitude.
func pixel(img *image.RGBA, v viewport.View, ll orb.Point) color.RGBA {
	x, y := v.PixelOf(ll)
	return img.RGBAAt(int(x), int(y))
}

func rgba(c color.NRGBA) color.RGBA { return color.RGBA{c.R, c.G, c.B, c.A} }

func TestRenderColours(t *testing.T) {
	a := atlas(t)
	r := NewRenderer(a, 0)
	for _, st := range []Style{LightStyle(), DarkStyle()} {
		cases := []struct {
			name string
			ll   orb.Point
			zoom float64
			want color.NRGBA
		}{
			{"Pacific", orb.Point{-150, 0}, 2, st.Sea},
			{"Sahara", orb.Point{3, 28}, 2, st.Land},
			{"Siberia close in", orb.Point{100, 60}, 6, st.Land},
			{"Sea of Japan close in", orb.Point{134.5, 40}, 6, st.Sea},
			{"Chukotka west of 180°", orb.Point{177, 67}, 4, st.Land},
			{"Chukotka east of 180°", orb.Point{-176, 67}, 4, st.Land},
			{"Bering Sea by the antimeridian", orb.Point{180, 58}, 4, st.Sea},
			{"Gulf of Alaska (no stray band)", orb.Point{-145, 56}, 3, st.Sea},
		}
		for _, c := range cases {
			v := viewport.New(c.ll, c.zoom, 640, 400, 1)
			img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
			r.Render(img, v, st)
			if got := pixel(img, v, c.ll); got != rgba(c.want) {
				t.Errorf("%s at zoom %v: %v, want %v", c.name, c.zoom, got, c.want)
			}
		}
	}
}

func TestRenderBeyondThePoles(t *testing.T) {
	st := LightStyle()
	r := NewRenderer(atlas(t), 0)
	v := viewport.New(orb.Point{0, 0}, 0, 600, 400, 1) // the world is 256 px tall
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	r.Render(img, v, st)
	for _, y := range []int{0, 50, 399} {
		if got := img.RGBAAt(300, y); got != rgba(st.Background) {
			t.Errorf("row %d: %v, want the background", y, got)
		}
	}
	if got := img.RGBAAt(300, 200); got == rgba(st.Background) {
		t.Errorf("the middle of the world is background")
	}
}

func TestRenderIsTheSameAcrossTheWorldsCopies(t *testing.T) {
	r := NewRenderer(atlas(t), 0)
	st := DarkStyle()
	v := viewport.New(orb.Point{179, 60}, 3, 400, 300, 1)
	a := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	b := image.NewRGBA(a.Rect)
	r.Render(a, v, st)
	w := v
	w.Center[0]++ // one turn east: the same place
	r.Render(b, w, st)
	if !equalImages(a, b) {
		t.Errorf("a view one turn of the world away looks different")
	}
}

func TestTileCacheReuse(t *testing.T) {
	r := NewRenderer(atlas(t), 0)
	st := LightStyle()
	v := viewport.New(orb.Point{10, 45}, 5, 1024, 768, 1)
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	r.Render(img, v, st)
	n := r.CachedTiles()
	if n == 0 {
		t.Fatal("nothing cached")
	}
	again := image.NewRGBA(img.Rect)
	r.Render(again, v, st)
	if r.CachedTiles() != n || !equalImages(img, again) {
		t.Errorf("a second render of the same view drew new tiles or differs")
	}
	// Panning a tile's width brings in at most one new column of tiles.
	r.Render(img, v.Pan(-viewport.TileSize, 0), st)
	if added := r.CachedTiles() - n; added < 1 || added > 5 {
		t.Errorf("a one-tile pan added %d tiles", added)
	}
	small := NewRenderer(atlas(t), 4)
	small.Render(img, v, st)
	if small.CachedTiles() != 4 {
		t.Errorf("cache holds %d tiles, limit 4", small.CachedTiles())
	}
	small.Purge()
	if small.CachedTiles() != 0 {
		t.Errorf("purge left %d tiles", small.CachedTiles())
	}
}

func equalImages(a, b *image.RGBA) bool {
	if a.Rect != b.Rect {
		return false
	}
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			return false
		}
	}
	return true
}

func TestWarmFillsTheCache(t *testing.T) {
	r := NewRenderer(atlas(t), 0)
	st := LightStyle()
	v := viewport.New(orb.Point{10, 45}, 5, 800, 600, 1)
	r.Warm(v.ZoomBy(1), st)
	n := r.CachedTiles()
	if n == 0 {
		t.Fatal("Warm cached nothing")
	}
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	r.Render(img, v.ZoomBy(1), st)
	if r.CachedTiles() != n {
		t.Errorf("rendering a warmed view drew %d new tiles", r.CachedTiles()-n)
	}
}
