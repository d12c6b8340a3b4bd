package mapwidget

import (
	"eventmap/app/internal/widgettest"
	"eventmap/geo/basemap"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

var millionEvents = widgettest.MillionEvents

// The numbers these reach are in the README's performance table.

// benchMap is a 1280×800 map with the million events on it.
func benchMap(b *testing.B, zoom float64) (*MapView, *EventLayer) {
	b.Helper()
	test.NewTempApp(b)
	m := NewMapView(basemap.NewRenderer(testAtlas(b), 0))
	w := test.NewTempWindow(b, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1280, 800))
	l := NewEventLayer()
	l.SetIndex(millionEvents())
	withLabels(b, l) // the map's labels on, as in the app
	m.AddOverlay(l)
	m.SetView(orb.Point{10, 30}, zoom)
	m.Frame(1280, 800) // warm the tiles of the first view
	return m, l
}

// A pan step: drag by 12 px and draw the frame (basemap, clusters, markers).
func benchPan(b *testing.B, zoom float64) {
	m, _ := benchMap(b, zoom)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := float32(12)
		if (i/20)%2 == 1 {
			d = -12 // back and forth over cached tiles, as a drag does
		}
		m.Pan(d, 0)
		m.Frame(1280, 800)
		i++
	}
}

// A pan step with the heat map on: the density drawn anew at screen
// resolution every frame (the view moved).
func BenchmarkFrame1MPanHeatZoom6(b *testing.B) {
	m, l := benchMap(b, 6)
	l.SetHeat(true)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := float32(12)
		if (i/20)%2 == 1 {
			d = -12
		}
		m.Pan(d, 0)
		m.Frame(1280, 800)
		i++
	}
}

func BenchmarkFrame1MPanWorld(b *testing.B)  { benchPan(b, 2) }
func BenchmarkFrame1MPanZoom6(b *testing.B)  { benchPan(b, 6) }
func BenchmarkFrame1MPanZoom10(b *testing.B) { benchPan(b, 10) }

// A zoom step: half a level in or out around the centre, alternating, and
// the frame drawn; tiles of both zooms are cached after the first steps.
func BenchmarkFrame1MZoomStep(b *testing.B) {
	m, _ := benchMap(b, 4)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dz := 0.5
		if i%2 == 1 {
			dz = -0.5
		}
		m.setView(m.View().ZoomBy(dz))
		m.Frame(1280, 800)
		i++
	}
}

// Zoom steps of half a level through 18 levels and back, each drawn once
// the step's tiles were warmed in the background (as MapView does after
// every change), or cold (the worst case: a zoom faster than warming).
func benchZoomSteps(b *testing.B, warm bool) {
	m, _ := benchMap(b, 3)
	st := m.Style()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dz := 0.5
		if (i/18)%2 == 1 {
			dz = -0.5
		}
		next := m.View().ZoomBy(dz)
		if warm {
			b.StopTimer()
			m.renderer.Warm(next, st)
			b.StartTimer()
		} else {
			b.StopTimer()
			m.renderer.Purge()
			b.StartTimer()
		}
		m.view = next
		m.Frame(1280, 800)
		i++
	}
}

func BenchmarkFrame1MZoomStepWarmed(b *testing.B) { benchZoomSteps(b, true) }
func BenchmarkFrame1MZoomStepCold(b *testing.B)   { benchZoomSteps(b, false) }

// The heat map's worst frame: a pan that leaves the counted margin, so
// the events are counted again (each step jumps by more than the margin).
func BenchmarkFrame1MPanHeatRecountZoom6(b *testing.B) {
	m, l := benchMap(b, 6)
	l.SetHeat(true)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := float32(700)
		if i%2 == 1 {
			d = -700
		}
		m.Pan(d, 0)
		m.Frame(1280, 800)
		i++
	}
	if l.heatCounted < b.N {
		b.Fatalf("counted %d times in %d frames", l.heatCounted, b.N)
	}
}
