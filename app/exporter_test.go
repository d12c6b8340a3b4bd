package app

import (
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"
)

// TestSnapshotCarriesScaleAndAttribution: a PNG of the view holds the
// scale bar and the attribution of the map data (and of an online tile
// source when one is on), not the map alone.
func TestSnapshotCarriesScaleAndAttribution(t *testing.T) {
	m, win := newTestMap(t, ThemeLight, 480, 320)
	m.SetView(orb.Point{131.9, 43.1}, 5)
	win.Canvas().Capture()
	img := m.Snapshot()
	if img.Bounds().Dx() != 480 || img.Bounds().Dy() != 320 {
		t.Fatalf("snapshot %v", img.Bounds())
	}
	// Text and ruler are drawn in the dark foreground colour, which the
	// light basemap has nowhere.
	ink := func(r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
				if c.R < 0x50 && c.G < 0x50 && c.B < 0x50 {
					n++
				}
			}
		}
		return n
	}
	if n := ink(image.Rect(0, 270, 150, 320)); n < 40 {
		t.Errorf("no scale bar at the bottom left (%d dark pixels)", n)
	}
	if n := ink(image.Rect(330, 290, 480, 320)); n < 40 {
		t.Errorf("no attribution at the bottom right (%d dark pixels)", n)
	}
	m.SetTileOverlay(nil, "© Test Tiles contributors")
	assertGolden(t, "exporter/snapshot.png", m.Snapshot())
}
