package labels

import (
	"image"
	"testing"

	"github.com/paulmach/orb"

	"eventmap/geo/gazetteer"
	"eventmap/geo/viewport"
)

func BenchmarkFromGazetteer(b *testing.B) {
	b.ReportAllocs()
	g := gazetteer.Embedded(gazetteer.Options{})
	if err := g.Load(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := FromGazetteer(g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPanFrame is one frame of a pan with labels: a new view each
// time, the sprites already drawn (as after the first frames of a pan).
func BenchmarkPanFrame(b *testing.B) {
	s, err := FromGazetteer(gazetteer.Embedded(gazetteer.Options{}))
	if err != nil {
		b.Fatal(err)
	}
	for _, z := range []float64{2, 5, 8} {
		b.Run(map[float64]string{2: "world", 5: "continent", 8: "city"}[z], func(b *testing.B) {
			b.ReportAllocs()
			ly := newLayer(b, s)
			dst := image.NewRGBA(image.Rect(0, 0, 1280, 800))
			v := viewport.New(orb.Point{10, 50}, z, 1280, 800, 1)
			for i := range 40 { // warm the sprites along the way
				ly.Draw(dst, v.Pan(float64(i%20), 0), false, nil, nil)
			}
			i := 0
			for b.Loop() {
				ly.Draw(dst, v.Pan(float64(i%20), 0), false, nil, nil)
				i++
			}
		})
	}
}
