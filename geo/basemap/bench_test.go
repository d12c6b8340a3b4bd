package basemap

import (
	"image"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/geo/viewport"
)

// The numbers these reach are in the README's performance table.

func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrepare(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		a, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		a.Prepare()
	}
}

// benchView is a full 1280×800 view over Eurasia and Africa.
func benchView(zoom float64) viewport.View {
	return viewport.New(orb.Point{30, 45}, zoom, 1280, 800, 1)
}

func benchRenderCold(b *testing.B, zoom float64) {
	a := atlas(b)
	a.Prepare()
	r := NewRenderer(a, 0)
	v := benchView(zoom)
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	b.ReportAllocs()
	for b.Loop() {
		r.Purge()
		r.Render(img, v, LightStyle())
	}
}

// benchRenderWarmPan pans 16 px a frame back and forth over an area whose
// tiles are cached: what dragging the map costs once tiles are drawn.
func benchRenderWarmPan(b *testing.B, zoom float64) {
	a := atlas(b)
	a.Prepare()
	r := NewRenderer(a, 0)
	v := benchView(zoom)
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	views := make([]viewport.View, 32)
	for i := range views {
		views[i] = v.Pan(float64(16*i), float64(8*i))
		r.Render(img, views[i], LightStyle())
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.Render(img, views[i%len(views)], LightStyle())
		i++
	}
}

func BenchmarkRenderZoom2Cold(b *testing.B)    { benchRenderCold(b, 2) }
func BenchmarkRenderZoom6Cold(b *testing.B)    { benchRenderCold(b, 6) }
func BenchmarkRenderZoom2WarmPan(b *testing.B) { benchRenderWarmPan(b, 2) }
func BenchmarkRenderZoom6WarmPan(b *testing.B) { benchRenderWarmPan(b, 6) }
