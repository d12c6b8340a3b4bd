package labels

import (
	"image"
	"image/draw"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"eventmap/geo/basemap"
	"eventmap/geo/gazetteer"
	"eventmap/geo/internal/golden"
	"eventmap/geo/viewport"
)

// testFonts are the Go fonts: the tests do not depend on the UI's.
var testFonts = Fonts{Regular: goregular.TTF, Bold: gobold.TTF, Italic: goitalic.TTF}

var embedded = sync.OnceValues(func() (*Set, error) {
	return FromGazetteer(gazetteer.Embedded(gazetteer.Options{}))
})

func embeddedSet(t testing.TB) *Set {
	t.Helper()
	s, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newLayer(t testing.TB, s *Set) *Layer {
	t.Helper()
	ly, err := NewLayer(s, testFonts)
	if err != nil {
		t.Fatal(err)
	}
	return ly
}

func TestNewLayerBadFont(t *testing.T) {
	if _, err := NewLayer(nil, Fonts{Regular: goregular.TTF, Bold: []byte("not a font"), Italic: goitalic.TTF}); err == nil {
		t.Error("a bad font was accepted")
	}
}

func TestCityMinZoom(t *testing.T) {
	cases := []struct {
		pop  int64
		want float64
	}{
		{20_000_000, 3}, {5_000_000, 3}, {500_000, 5}, {50_000, 7}, {5_000, 9}, {1, 12}, {0, 12},
	}
	for _, c := range cases {
		if got := CityMinZoom(c.pop); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("CityMinZoom(%d) = %v, want %v", c.pop, got, c.want)
		}
	}
}

func TestDualName(t *testing.T) {
	cases := []struct {
		name string
		alts []string
		want string
	}{
		{"Sea of Japan", []string{"East Sea", "Sea of Japan (East Sea)", "Japan Sea"}, "Sea of Japan (East Sea)"},
		{"Persian Gulf", []string{"Arabian Gulf", "The Gulf"}, "Persian Gulf"},
		{"Gulf", []string{"Gulf (of something"}, "Gulf"},
	}
	for _, c := range cases {
		if got := dualName(c.name, c.alts); got != c.want {
			t.Errorf("dualName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestLines(t *testing.T) {
	cases := []struct {
		l    Label
		want []string
	}{
		{Label{Text: "Sea of Japan (East Sea)", Kind: KindWater}, []string{"Sea of Japan", "(East Sea)"}},
		{Label{Text: "Democratic Republic of the Congo", Kind: KindCountry}, []string{"Democratic Republic", "of the Congo"}},
		{Label{Text: "Russia", Kind: KindCountry}, []string{"Russia"}},
		{Label{Text: "Rio de Janeiro de Mentira Longa", Kind: KindCity}, []string{"Rio de Janeiro de Mentira Longa"}},
	}
	for _, c := range cases {
		if got := lines(c.l); !slices.Equal(got, c.want) {
			t.Errorf("lines(%q) = %q, want %q", c.l.Text, got, c.want)
		}
	}
}

// views are the golden views: world, continent (East Asia) and city
// (Berlin) zoom.
var views = []struct {
	name   string
	center orb.Point
	zoom   float64
}{
	{"world", orb.Point{15, 25}, 2},
	{"continent", orb.Point{130, 40}, 4},
	{"city", orb.Point{13.4, 52.5}, 8},
}

func texts(ps []Placed) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Label.Text)
	}
	return out
}

func TestPlaceByZoom(t *testing.T) {
	s := embeddedSet(t)
	ly := newLayer(t, s)
	kinds := func(ps []Placed) map[Kind]int {
		m := map[Kind]int{}
		for _, p := range ps {
			m[p.Label.Kind]++
		}
		return m
	}
	cases := []struct {
		view      int
		want      []string
		wantNot   []string
		kinds     []Kind // present
		kindsNot  []Kind // absent
		minLabels int
	}{
		{0, []string{"Russia", "China", "Brazil", "Australia", "Indian Ocean"}, []string{"Berlin", "Bavaria"}, []Kind{KindCountry, KindWater}, []Kind{KindCity, KindAdmin1}, 40},
		{1, []string{"Russia", "China", "North Korea", "Japan", "Sea of Japan (East Sea)", "Beijing", "Seoul"}, nil, []Kind{KindCountry, KindWater, KindCity}, nil, 40},
		{2, []string{"Berlin", "Potsdam"}, []string{"Germany", "Poland"}, []Kind{KindCity, KindAdmin1}, []Kind{KindCountry}, 60},
	}
	for _, c := range cases {
		vc := views[c.view]
		t.Run(vc.name, func(t *testing.T) {
			v := viewport.New(vc.center, vc.zoom, 1280, 800, 1)
			ps := ly.Place(v, nil, nil)
			got := texts(ps)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("no label %q among %q", w, got)
				}
			}
			for _, w := range c.wantNot {
				if slices.Contains(got, w) {
					t.Errorf("label %q at zoom %v", w, vc.zoom)
				}
			}
			k := kinds(ps)
			for _, kk := range c.kinds {
				if k[kk] == 0 {
					t.Errorf("no label of kind %d", kk)
				}
			}
			for _, kk := range c.kindsNot {
				if k[kk] != 0 {
					t.Errorf("%d labels of kind %d", k[kk], kk)
				}
			}
			if len(ps) < c.minLabels {
				t.Errorf("%d labels, want at least %d", len(ps), c.minLabels)
			}
		})
	}
}

// TestTownsAsYouZoom checks the population rank: a zoomed-in view shows
// smaller towns, which the wider view around it leaves out.
func TestTownsAsYouZoom(t *testing.T) {
	ly := newLayer(t, embeddedSet(t))
	minPop := func(z float64) int64 {
		v := viewport.New(orb.Point{13.4, 52.5}, z, 1280, 800, 1)
		m := int64(1 << 62)
		for _, p := range ly.Place(v, nil, nil) {
			if p.Label.Kind == KindCity {
				m = min(m, p.Label.Population)
			}
		}
		return m
	}
	prev := int64(1 << 62)
	for _, z := range []float64{4, 6, 8, 10} {
		m := minPop(z)
		if m >= prev {
			t.Errorf("zoom %v: smallest town %d, not smaller than %d one zoom out", z, m, prev)
		}
		prev = m
	}
}

// TestNoOverlap checks that no two labels' texts overlap, that none
// covers an occupied rectangle and that every label's point is in view.
func TestNoOverlap(t *testing.T) {
	ly := newLayer(t, embeddedSet(t))
	occupied := []image.Rectangle{image.Rect(600, 350, 680, 430), image.Rect(100, 100, 130, 130)}
	for _, vc := range views {
		for _, scale := range []float64{1, 2} {
			v := viewport.New(vc.center, vc.zoom, int(1280*scale), int(800*scale), scale)
			occ := make([]image.Rectangle, len(occupied))
			for i, r := range occupied {
				occ[i] = image.Rectangle{Min: r.Min.Mul(int(scale)), Max: r.Max.Mul(int(scale))}
			}
			ps := ly.Place(v, occ, nil)
			if len(ps) == 0 {
				t.Fatalf("%s ×%v: no labels", vc.name, scale)
			}
			text := func(p Placed) image.Rectangle { return p.Rect.Inset(ly.sprite(p.key).pad) }
			for i, p := range ps {
				for _, o := range occ {
					if text(p).Overlaps(o) {
						t.Errorf("%s ×%v: %q covers the occupied %v", vc.name, scale, p.Label.Text, o)
					}
				}
				for _, q := range ps[:i] {
					if text(p).Overlaps(text(q)) {
						t.Errorf("%s ×%v: %q overlaps %q", vc.name, scale, p.Label.Text, q.Label.Text)
					}
				}
				x, y := v.PixelOf(p.Label.Point)
				if x < 0 || y < 0 || x >= float64(v.Width) || y >= float64(v.Height) {
					t.Errorf("%s ×%v: %q has its point out of view", vc.name, scale, p.Label.Text)
				}
			}
		}
	}
}

func TestExtraLabels(t *testing.T) {
	s := embeddedSet(t)
	ly := newLayer(t, s)
	sea, ok := s.Area(orb.Point{134.5, 40})
	if !ok {
		// The curated Sea of Japan moved: find it by name.
		s.Labels(KindWater, func(l Label) bool {
			if l.Text == "Sea of Japan (East Sea)" {
				sea, ok = l, true
			}
			return !ok
		})
	}
	if !ok {
		t.Fatal("no Sea of Japan label")
	}
	got, ok := s.Area(sea.Point)
	if !ok || got.Text != sea.Text {
		t.Fatalf("Area(%v) = %q, %v", sea.Point, got.Text, ok)
	}
	v := viewport.New(orb.Point{130, 40}, 4, 1280, 800, 1)
	x, y := v.PixelOf(sea.Point)
	marker := image.Rect(int(x)-8, int(y)-8, int(x)+8, int(y)+8)
	extra := sea
	extra.DY = 20
	ps := ly.Place(v, []image.Rectangle{marker}, []Label{extra})
	i := slices.IndexFunc(ps, func(p Placed) bool { return p.Label == extra })
	if i < 0 {
		t.Fatalf("the extra label was not placed: %q", texts(ps))
	}
	for _, p := range ps[:i] {
		if p.Label.Capital != 2 && !p.Label.Ocean {
			t.Errorf("%q placed before the extra label", p.Label.Text)
		}
	}
	text := ps[i].Rect.Inset(ly.sprite(ps[i].key).pad)
	if text.Overlaps(marker) || !text.Inset(-20).Overlaps(marker) {
		t.Errorf("the extra label %v is not beside the marker %v", text, marker)
	}
	for j, p := range ps {
		if j != i && p.Label.Text == sea.Text {
			t.Errorf("the sea is named twice")
		}
	}
	// A region's name waits for a closer view; a sea's does not.
	region := Label{Text: "Somewhere", Kind: KindAdmin1, Point: sea.Point, DY: 20}
	world := viewport.New(orb.Point{130, 40}, 2, 1280, 800, 1)
	names := texts(ly.Place(world, nil, []Label{region, extra}))
	if slices.Contains(names, "Somewhere") || !slices.Contains(names, extra.Text) {
		t.Errorf("at world zoom: %q", names)
	}
}

// TestGolden draws the basemap with its labels at world, continent and
// city zoom in both themes and compares them with the golden images
// (go test -update rewrites them).
func TestGolden(t *testing.T) {
	s := embeddedSet(t)
	atlas, err := basemap.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := basemap.NewRenderer(atlas, 0)
	for _, vc := range views {
		for _, dark := range []bool{false, true} {
			name := vc.name + "-light.png"
			st := basemap.LightStyle()
			if dark {
				name, st = vc.name+"-dark.png", basemap.DarkStyle()
			}
			t.Run(name, func(t *testing.T) {
				v := viewport.New(vc.center, vc.zoom, 960, 600, 1)
				img := image.NewRGBA(image.Rect(0, 0, 960, 600))
				r.Render(img, v, st)
				newLayer(t, s).Draw(img, v, dark, nil, nil)
				golden.Check(t, filepath.Join("testdata", name), img)
			})
		}
	}
}

// TestOver checks the sprite blend against image/draw's Over.
func TestOver(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 37)
	}
	for i := 0; i < len(src.Pix); i += 4 { // premultiplied: colour ≤ alpha
		a := src.Pix[i+3]
		if i%12 == 0 {
			a = 0
		}
		src.Pix[i+3] = a
		for c := range 3 {
			src.Pix[i+c] = min(src.Pix[i+c], a)
		}
	}
	want := image.NewRGBA(image.Rect(0, 0, 9, 9))
	for i := range want.Pix {
		want.Pix[i] = uint8(200 - i)
	}
	got := image.NewRGBA(want.Rect)
	copy(got.Pix, want.Pix)
	r := image.Rect(2, 3, 8, 7)
	draw.Draw(want, r, src, image.Pt(1, 1), draw.Over)
	over(got, r, src, image.Pt(1, 1))
	for i := range got.Pix {
		if d := int(got.Pix[i]) - int(want.Pix[i]); d < -1 || d > 1 {
			t.Fatalf("byte %d: %d, want %d", i, got.Pix[i], want.Pix[i])
		}
	}
}
