package mapwidget

import (
	"image"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

// TestHeatMapIsSmooth (defect 13): across a dense spot the heat map's
// opacity changes by small steps from pixel to pixel, with no edges of
// grid cells; the image is drawn once per view.
func TestHeatMapIsSmooth(t *testing.T) {
	var pts []store.EventPoint
	for k := range 400 {
		pts = append(pts, store.EventPoint{ID: string(rune('a'+k%26)) + string(rune('a'+k/26)), Point: orb.Point{3.4 + float64(k%7)*0.05, 6.5 + float64(k%5)*0.05}, Unix: day(2020, 1, 1).Unix(), Precision: model.Day})
	}
	l := NewEventLayer()
	l.SetIndex(eventindex.New(pts))
	l.SetHeat(true)
	for _, zoom := range []float64{2, 5, 8} {
		v := viewport.New(orb.Point{3.5, 6.6}, zoom, 400, 300, 1)
		dst := image.NewRGBA(image.Rect(0, 0, 400, 300))
		l.Draw(dst, v, false)
		first, renders := l.heatImg, l.heatRenders
		if first == nil || first.Rect.Empty() {
			t.Fatalf("zoom %v: no heat drawn", zoom)
		}
		// Along the row through the spot, the opacity never jumps.
		_, y := v.PixelOf(orb.Point{3.55, 6.6})
		maxStep, peak := 0, 0
		for x := 1; x < 400; x++ {
			a, b := int(first.RGBAAt(x-1, int(y)).A), int(first.RGBAAt(x, int(y)).A)
			maxStep, peak = max(maxStep, abs(a-b)), max(peak, b)
		}
		if peak < 100 {
			t.Errorf("zoom %v: the spot is faint (peak alpha %d)", zoom, peak)
		}
		// A cell of the grid is 6 px: a blocky map steps by a sixth of
		// its range or more at once.
		if maxStep > 40 {
			var row []int
			for x := range 400 {
				row = append(row, int(first.RGBAAt(x, int(y)).A))
			}
			t.Log(row)
			t.Errorf("zoom %v: the opacity jumps by %d between neighbouring pixels", zoom, maxStep)
		}
		l.Draw(dst, v, false)
		if l.heatRenders != renders {
			t.Errorf("zoom %v: the heat map was drawn again for the same view", zoom)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
