package mapwidget

import (
	"image"
	"image/color"
	"image/draw"
	"slices"
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

// TestHeatMapPanReusesCounts: a pan within the counted margin draws the
// heat map again from the same counts, exactly as a fresh layer draws
// that view; a change of range, zoom or a pan past the margin counts
// the events again.
func TestHeatMapPanReusesCounts(t *testing.T) {
	var pts []store.EventPoint
	for k := range 600 {
		pts = append(pts, store.EventPoint{ID: string(rune('a'+k%26)) + string(rune('a'+k/26)), Point: orb.Point{2 + float64(k%11)*0.3, 45 + float64(k%13)*0.2}, Unix: day(2020, 1, 1+k%20).Unix(), Precision: model.Day})
	}
	ix := eventindex.New(pts)
	l := NewEventLayer()
	l.SetIndex(ix)
	l.SetHeat(true)
	dst := image.NewRGBA(image.Rect(0, 0, 400, 300))
	v := viewport.New(orb.Point{3, 46}, 7, 400, 300, 1)
	l.Draw(dst, v, false)
	if l.heatCounted != 1 {
		t.Fatalf("first frame counted %d times", l.heatCounted)
	}
	for step := 1; step <= 5; step++ {
		v = v.Pan(13, -7)
		l.Draw(dst, v, false)
		if l.heatCounted != 1 {
			t.Fatalf("pan %d counted the events again", step)
		}
		fresh := NewEventLayer()
		fresh.SetIndex(ix)
		fresh.SetHeat(true)
		fresh.Draw(image.NewRGBA(dst.Rect), v, false)
		if !slices.Equal(fresh.heatImg.Pix, l.heatImg.Pix) {
			t.Fatalf("pan %d: the heat map drawn from kept counts differs from a fresh one", step)
		}
	}
	l.SetFilter(eventindex.Range{From: day(2020, 1, 10)}, nil)
	l.Draw(dst, v, false)
	if l.heatCounted != 2 {
		t.Errorf("a range change did not count the events again (%d)", l.heatCounted)
	}
	l.Draw(dst, v.Pan(400, 0), false)
	if l.heatCounted != 3 {
		t.Errorf("a pan past the margin did not count the events again (%d)", l.heatCounted)
	}
	l.Draw(dst, v.ZoomBy(0.5), false)
	if l.heatCounted != 4 {
		t.Errorf("a zoom did not count the events again (%d)", l.heatCounted)
	}
}

// TestOverSpansIsDrawOver: drawing the heat map's rows by their spans
// gives what draw.Over gives over the whole image.
func TestOverSpansIsDrawOver(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 37, 11))
	spans := make([][2]int, 11)
	for y := range 11 {
		for x := 5 + y%3; x < 30-y; x++ {
			a := uint8((x*53 + y*97) % 256)
			src.SetRGBA(x, y, color.RGBA{a, a / 2, a / 3, a})
		}
		spans[y] = [2]int{5 + y%3, 30 - y}
	}
	want := image.NewRGBA(image.Rect(0, 0, 37, 11))
	for i := range want.Pix {
		want.Pix[i] = uint8(i * 31 % 256)
	}
	got := image.NewRGBA(want.Rect)
	copy(got.Pix, want.Pix)
	draw.Draw(want, want.Rect, src, image.Point{}, draw.Over)
	overSpans(got, src, spans)
	if !slices.Equal(got.Pix, want.Pix) {
		t.Error("the spans drawn differ from draw.Over")
	}
}
