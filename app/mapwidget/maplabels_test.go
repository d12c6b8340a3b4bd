package mapwidget

import (
	"image"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"eventmap/app/internal/widgettest"
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/basemap"
	"eventmap/geo/labels"
	"eventmap/geo/viewport"
)

// withLabels gives an event layer the basemap's outlines and the map's
// labels, as the app does once it has loaded them.
func withLabels(t testing.TB, l *EventLayer) *labels.Layer {
	t.Helper()
	ly := widgettest.LabelLayer(t)
	ly.InCountry = InCountry(testAtlas(t))
	l.SetAtlas(testAtlas(t))
	l.SetLabels(ly)
	l.SetAdmin1(widgettest.Admin1(t))
	return ly
}

// TestAreaEventsGolden draws a sea event, a country event, a state event
// and a city event over East Asia with the map's labels, in both themes:
// the sea is a marker named beside it, North Korea and Primorsky Krai
// their true outlines, and neither the rest of the Korean peninsula nor
// Japan is covered.
func TestAreaEventsGolden(t *testing.T) {
	test.NewTempApp(t)
	set := widgettest.LabelSet(t)
	atlas := testAtlas(t)
	when := time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC).Unix()
	sea := model.Place{ID: "gz:1", Name: "Sea of Japan", Kind: model.KindWater, Point: orb.Point{134.5, 40},
		Extent: orb.Bound{Min: orb.Point{127.5, 33.5}, Max: orb.Point{142.2, 51.7}}}
	if al, ok := set.Area(sea.Point); ok {
		sea.Point = al.Point
	}
	kp := model.Place{ID: "gn:1873107", Name: "North Korea", Kind: model.KindCountry, Country: "KP", Point: orb.Point{127, 40}}
	pk := model.Place{ID: "gn:2017623", Name: "Primorsky Krai", Kind: model.KindAdmin, Country: "RU", Point: orb.Point{134.6, 44.86}}
	ix := eventindex.New([]store.EventPoint{
		{ID: "1", Point: sea.Point, Unix: when, Precision: model.Day, PlaceID: sea.ID},
		{ID: "2", Point: kp.Point, Unix: when, Precision: model.Day, PlaceID: kp.ID},
		{ID: "3", Point: orb.Point{131.882, 43.116}, Unix: when, Precision: model.Day, PlaceID: "gn:2013348"},
		{ID: "4", Point: pk.Point, Unix: when, Precision: model.Day, PlaceID: pk.ID},
	})
	for _, dark := range []bool{false, true} {
		name, st := "maplabels/areas-light.png", basemap.LightStyle()
		if dark {
			name, st = "maplabels/areas-dark.png", basemap.DarkStyle()
		}
		l := NewEventLayer()
		ly := withLabels(t, l)
		l.SetIndex(ix)
		l.SetPlaces(map[string]model.Place{sea.ID: sea, kp.ID: kp, pk.ID: pk})
		v := viewport.New(orb.Point{132, 42}, 4.5, 800, 560, 1)
		img := image.NewRGBA(image.Rect(0, 0, 800, 560))
		basemap.NewRenderer(atlas, 0).Render(img, v, st)
		bare := image.NewRGBA(img.Rect)
		copy(bare.Pix, img.Pix)
		l.Draw(img, v, dark)
		assertGolden(t, name, img)

		// The areas alone: Seoul, Japan, and the sea inside the Sea of
		// Japan's box but away from its marker keep the basemap's
		// colours (no rectangle); North Korea is tinted.
		img = image.NewRGBA(bare.Rect)
		copy(img.Pix, bare.Pix)
		l.drawAreas(img, v, dark)
		for _, ll := range []orb.Point{{126.98, 37.57}, {139.7, 36.5}, {129.6, 36.2}, {140.5, 48}} {
			x, y := v.PixelOf(ll)
			if img.RGBAAt(int(x), int(y)) != bare.RGBAAt(int(x), int(y)) {
				t.Errorf("%s: %v is covered", name, ll)
			}
		}
		// North Korea's capital and the inland of Primorsky Krai are
		// tinted, Harbin (over the border from the krai) is not.
		for _, ll := range []orb.Point{{125.75, 39.02}, {133.5, 44.5}} {
			if x, y := v.PixelOf(ll); img.RGBAAt(int(x), int(y)) == bare.RGBAAt(int(x), int(y)) {
				t.Errorf("%s: the area at %v is not drawn", name, ll)
			}
		}
		if x, y := v.PixelOf(orb.Point{126.64, 45.76}); img.RGBAAt(int(x), int(y)) != bare.RGBAAt(int(x), int(y)) {
			t.Errorf("%s: Harbin is covered", name)
		}
		var texts []string
		for _, p := range ly.Place(v, nil, l.mapData.extra) {
			texts = append(texts, p.Label.Text)
		}
		for _, want := range []string{"Sea of Japan (East Sea)", "Russia", "China", "North Korea", "Japan", "Vladivostok"} {
			if !slices.Contains(texts, want) {
				t.Errorf("%s: no label %q in %q", name, want, texts)
			}
		}
	}
}

// TestLabelsKeepOffControls draws the map of western Europe, dense with
// names, in a window: no name lies under the zoom buttons, the scale bar
// or the attribution, while names are drawn right beside them.
func TestLabelsKeepOffControls(t *testing.T) {
	m, win := newTestMap(t, themeLight, 640, 420)
	l := NewEventLayer()
	withLabels(t, l)
	m.AddOverlay(l)
	for _, c := range []orb.Point{{2.35, 48.85}, {8, 50}, {-0.1, 51.5}} {
		m.SetView(c, 5)
		win.Canvas().Capture() // lays out the controls
		win.Canvas().Capture() // a frame with them in place
		if len(l.placed) == 0 {
			t.Fatalf("%v: no names drawn", c)
		}
		rects := m.controls(m.view.Scale)
		if len(rects) != 3 {
			t.Fatalf("controls %v", rects)
		}
		near := 0
		for _, p := range l.placed {
			for i, r := range rects {
				if p.TextRect().Overlaps(r) {
					t.Errorf("%v: %q at %v under control %d at %v", c, p.Label.Text, p.Rect, i, r)
				}
				if p.Rect.Overlaps(r.Inset(-60)) {
					near++
				}
			}
		}
		if near == 0 {
			t.Logf("%v: no name near the controls: the view tests little", c)
		}
	}
}
