package viewport

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestToWorldAndBack(t *testing.T) {
	cases := []struct {
		name   string
		ll     orb.Point
		world  orb.Point
		wantLL orb.Point
	}{
		{"null island", orb.Point{0, 0}, orb.Point{0.5, 0.5}, orb.Point{0, 0}},
		{"west edge", orb.Point{-180, 0}, orb.Point{0, 0.5}, orb.Point{-180, 0}},
		{"east edge is the west edge", orb.Point{180, 0}, orb.Point{1, 0.5}, orb.Point{-180, 0}},
		{"north edge", orb.Point{0, MaxLatitude}, orb.Point{0.5, 0}, orb.Point{0, MaxLatitude}},
		{"north pole clamps", orb.Point{0, 90}, orb.Point{0.5, 0}, orb.Point{0, MaxLatitude}},
		{"south pole clamps", orb.Point{0, -90}, orb.Point{0.5, 1}, orb.Point{0, -MaxLatitude}},
		{"vladivostok", orb.Point{131.882, 43.116}, orb.Point{0.866339, 0.367008}, orb.Point{131.882, 43.116}},
		{"longitude past 180 wraps", orb.Point{190, 10}, orb.Point{0.027778, 0.472080}, orb.Point{-170, 10}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := ToWorld(c.ll)
			if !near(w[0], c.world[0], 1e-6) || !near(w[1], c.world[1], 1e-6) {
				t.Errorf("ToWorld(%v) = %v, want %v", c.ll, w, c.world)
			}
			ll := ToLonLat(w)
			if !near(ll[0], c.wantLL[0], 1e-9) || !near(ll[1], c.wantLL[1], 1e-9) {
				t.Errorf("ToLonLat(%v) = %v, want %v", w, ll, c.wantLL)
			}
		})
	}
}

func TestAgreesWithMaptile(t *testing.T) {
	// A point's world position times 2^z must fall inside the tile that
	// orb/maptile says holds it.
	pts := []orb.Point{{128.334, 51.884}, {-74.006, 40.7128}, {151.2093, -33.8688}, {-179.9, -60}, {179.9, 70}}
	for _, p := range pts {
		for z := maptile.Zoom(0); z <= 16; z += 4 {
			w := ToWorld(p)
			n := math.Exp2(float64(z))
			tile := maptile.At(p, z)
			if got := uint32(w[0] * n); got != tile.X {
				t.Errorf("%v z%d: x tile %d, maptile says %d", p, z, got, tile.X)
			}
			if got := uint32(w[1] * n); got != tile.Y {
				t.Errorf("%v z%d: y tile %d, maptile says %d", p, z, got, tile.Y)
			}
		}
	}
}

func TestSnapZoom(t *testing.T) {
	cases := []struct{ in, want float64 }{
		{-3, MinZoom}, {0.06, 0}, {0.07, 0.125}, {2.3, 2.25}, {5.5, 5.5}, {40, MaxZoom},
	}
	for _, c := range cases {
		if got := SnapZoom(c.in); got != c.want {
			t.Errorf("SnapZoom(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestPixelRoundTrip(t *testing.T) {
	v := New(orb.Point{10, 50}, 6, 1280, 800, 1)
	for _, p := range []orb.Point{{10, 50}, {12, 48}, {5, 53}} {
		px, py := v.PixelOf(p)
		got, ok := v.LonLatAt(px, py)
		if !ok || !near(got[0], p[0], 1e-6) || !near(got[1], p[1], 1e-6) {
			t.Errorf("%v → (%.1f,%.1f) → %v (on map %v)", p, px, py, got, ok)
		}
	}
	px, py := v.PixelOf(orb.Point{10, 50})
	if !near(px, 640, 1) || !near(py, 400, 1) {
		t.Errorf("centre drawn at (%.1f,%.1f), want the middle of the view", px, py)
	}
}

func TestPan(t *testing.T) {
	cases := []struct {
		name       string
		start      orb.Point
		zoom       float64
		dx, dy     float64
		wantLon    float64
		wantLatDir int // sign of the latitude change
	}{
		{"drag right looks west", orb.Point{0, 0}, 3, 256, 0, -45, 0},
		{"drag left looks east", orb.Point{0, 0}, 3, -256, 0, 45, 0},
		{"drag down looks north", orb.Point{0, 0}, 3, 0, 200, 0, 1},
		{"drag up looks south", orb.Point{0, 0}, 3, 0, -200, 0, -1},
		{"across the antimeridian", orb.Point{170, 0}, 3, -2048.0 / 18, 0, -170, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := New(c.start, c.zoom, 800, 600, 1)
			before := v.CenterLonLat()
			after := v.Pan(c.dx, c.dy).CenterLonLat()
			if !near(after[0], c.wantLon, 1e-6) {
				t.Errorf("longitude %v, want %v", after[0], c.wantLon)
			}
			d := after[1] - before[1]
			if (c.wantLatDir > 0 && d <= 0) || (c.wantLatDir < 0 && d >= 0) || (c.wantLatDir == 0 && !near(d, 0, 1e-9)) {
				t.Errorf("latitude moved by %v, want sign %d", d, c.wantLatDir)
			}
		})
	}
}

func TestClampAtThePoles(t *testing.T) {
	v := New(orb.Point{0, 0}, 3, 800, 600, 1)
	// Drag far down: the north edge of the world stops at the top of the view.
	v = v.Pan(0, 1e6)
	if _, y := v.Origin(); y != 0 {
		t.Errorf("top of view at world y=%d, want 0", y)
	}
	if ll, ok := v.LonLatAt(400, 0); !ok || !near(ll[1], MaxLatitude, 1e-6) {
		t.Errorf("top edge at %v (on map %v), want latitude %v", ll, ok, MaxLatitude)
	}
	v = v.Pan(0, -1e6)
	_, y := v.Origin()
	if y+v.Height != int(v.WorldSize()) {
		t.Errorf("bottom of view at world y=%d, want %d", y+v.Height, int(v.WorldSize()))
	}
	// At zoom 0 the world is shorter than the view and stays centred.
	small := New(orb.Point{0, 80}, 0, 800, 600, 1).Pan(0, 300)
	if small.Center[1] != 0.5 {
		t.Errorf("small world centre y=%v, want 0.5", small.Center[1])
	}
	if _, ok := small.LonLatAt(400, 5); ok {
		t.Errorf("a point above the world reported as on the map")
	}
}

func TestWrapKeepsPanningConsistent(t *testing.T) {
	v := New(orb.Point{0, 0}, 2, 800, 600, 1)
	// Five full turns east, one screen at a time, end where we started.
	for i := 0; i < int(5*v.WorldSize()/128); i++ {
		v = v.Pan(-128, 0)
	}
	if c := v.CenterLonLat(); !near(c[0], 0, 1e-6) {
		t.Errorf("after five turns the centre is at %v", c)
	}
	if v.Center[0] < -1 || v.Center[0] >= 2 {
		t.Errorf("centre x drifted to %v", v.Center[0])
	}
}

func TestZoomAroundKeepsAnchor(t *testing.T) {
	cases := []struct {
		name   string
		px, py float64
		dz     float64
	}{
		{"in at a corner", 100, 100, 1},
		{"out at a corner", 700, 500, -1},
		{"in at the centre", 400, 300, 2.5},
		{"fractional", 250, 410, 0.25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := New(orb.Point{20, 30}, 5, 800, 600, 1)
			before, _ := v.LonLatAt(c.px, c.py)
			z := v.ZoomAround(v.Zoom+c.dz, c.px, c.py)
			if z.Zoom != SnapZoom(5+c.dz) {
				t.Fatalf("zoom %v, want %v", z.Zoom, 5+c.dz)
			}
			after, _ := z.LonLatAt(c.px, c.py)
			// Within the pixel rounding of the origin, at the new scale.
			tol := 360 / z.WorldSize() * 2
			if !near(before[0], after[0], tol) || !near(before[1], after[1], tol) {
				t.Errorf("anchor moved from %v to %v", before, after)
			}
		})
	}
}

func TestBounds(t *testing.T) {
	cases := []struct {
		name   string
		center orb.Point
		zoom   float64
		want   int
	}{
		{"one box", orb.Point{10, 50}, 5, 1},
		{"straddles the antimeridian", orb.Point{179, 0}, 5, 2},
		{"wider than the world", orb.Point{0, 0}, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := New(c.center, c.zoom, 800, 600, 1)
			bs := v.Bounds()
			if len(bs) != c.want {
				t.Fatalf("got %d boxes %v, want %d", len(bs), bs, c.want)
			}
			for _, b := range bs {
				if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] >= b.Max[1] {
					t.Errorf("bad box %v", b)
				}
			}
			covered := false
			for _, b := range bs {
				covered = covered || b.Contains(c.center)
			}
			if !covered {
				t.Errorf("centre %v not in %v", c.center, bs)
			}
		})
	}
}

func TestMetersPerPixel(t *testing.T) {
	v := New(orb.Point{0, 0}, 0, 256, 256, 1)
	if got := v.MetersPerPixel(0); !near(got, 156543.034, 0.01) {
		t.Errorf("zoom 0 equator: %v m/px", got)
	}
	v = New(orb.Point{0, 60}, 10, 256, 256, 2)
	// Logical pixels: the HiDPI scale does not change the ground distance.
	if got := v.MetersPerPixel(60); !near(got, 156543.034/1024/2, 0.01) {
		t.Errorf("zoom 10 at 60°: %v m/px", got)
	}
}

func TestXYZTiles(t *testing.T) {
	cases := []struct {
		name   string
		center orb.Point
		zoom   float64
		w, h   int
		want   int
	}{
		{"whole world at zoom 0", orb.Point{0, 0}, 0, 256, 256, 1},
		{"four tiles at zoom 1", orb.Point{0, 0}, 1, 512, 512, 4},
		{"wrapping view has no duplicates", orb.Point{180, 0}, 1, 2000, 512, 4},
		{"aligned 2×2 at zoom 4", ToLonLat(orb.Point{0.5, 0.5}), 4, 512, 512, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := New(c.center, c.zoom, c.w, c.h, 1)
			tiles := v.XYZTiles()
			if len(tiles) != c.want {
				t.Errorf("%d tiles %v, want %d", len(tiles), tiles, c.want)
			}
			for _, tl := range tiles {
				if !maptile.New(tl.X, tl.Y, maptile.Zoom(tl.Z)).Valid() {
					t.Errorf("invalid tile %v", tl)
				}
			}
		})
	}
}
