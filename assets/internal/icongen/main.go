// Command icongen draws eventmap's application icon, assets/icon.png: a
// globe with a graticule on a rounded square, and a map pin over it.
//
// Usage:
//
//	go run ./internal/icongen [-out icon.png] [-size 512]
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"

	"golang.org/x/image/vector"
)

func main() {
	out := flag.String("out", "icon.png", "file to write")
	size := flag.Int("size", 512, "edge of the icon in pixels")
	flag.Parse()
	if err := write(*out, *size); err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
}

func write(path string, size int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := encode(f, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func encode(w io.Writer, size int) error {
	if size < 16 || size > 4096 {
		return fmt.Errorf("size %d out of range 16..4096", size)
	}
	return png.Encode(w, Draw(size))
}

// Draw paints the icon at size×size pixels.
func Draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float32(size) / 512 // design units are for 512 px
	fill := func(c color.NRGBA, path func(r *vector.Rasterizer)) {
		r := vector.NewRasterizer(size, size)
		path(r)
		r.Draw(img, img.Rect, image.NewUniform(c), image.Point{})
	}
	// Rounded square.
	fill(color.NRGBA{0x1d, 0x3f, 0x66, 0xff}, func(r *vector.Rasterizer) { roundRect(r, 24*s, 24*s, 488*s, 488*s, 96*s) })
	// Globe: sea, then the graticule as thin rings and ellipses.
	cx, cy, R := 256*s, 272*s, 176*s
	fill(color.NRGBA{0x6c, 0xb4, 0xe4, 0xff}, func(r *vector.Rasterizer) { ellipse(r, cx, cy, R, R, false) })
	grid := color.NRGBA{0xe8, 0xf3, 0xfb, 0xff}
	line := 7 * s
	fill(grid, func(r *vector.Rasterizer) {
		ellipse(r, cx, cy, R, R, false)
		ellipse(r, cx, cy, R-line, R-line, true)
		for _, k := range []float32{0.38, 0.78} {
			ellipse(r, cx, cy, R*k+line/2, R, false)
			ellipse(r, cx, cy, R*k-line/2, R-line, true)
		}
		// Meridian and parallels.
		rect(r, cx-line/2, cy-R, line, 2*R)
		for _, lat := range []float32{-0.5, 0, 0.5} {
			y := cy + lat*R
			half := R * float32(math.Sqrt(float64(1-lat*lat)))
			rect(r, cx-half, y-line/2, 2*half, line)
		}
	})
	// Pin: a teardrop with a hole, in signal red.
	px, py, pr := 330*s, 200*s, 84*s
	fill(color.NRGBA{0x00, 0x00, 0x00, 0x50}, func(r *vector.Rasterizer) { pin(r, px+8*s, py+10*s, pr) })
	fill(color.NRGBA{0xe5, 0x48, 0x3c, 0xff}, func(r *vector.Rasterizer) { pin(r, px, py, pr) })
	fill(color.NRGBA{0xff, 0xff, 0xff, 0xff}, func(r *vector.Rasterizer) { ellipse(r, px, py, pr*0.42, pr*0.42, false) })
	return img
}

// k is the cubic Bézier handle length for a quarter circle.
const k = 0.5523

// ellipse adds an ellipse; reverse winds it the other way (to cut a hole).
func ellipse(r *vector.Rasterizer, cx, cy, rx, ry float32, reverse bool) {
	if reverse {
		ry = -ry
	}
	r.MoveTo(cx+rx, cy)
	r.CubeTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	r.CubeTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	r.CubeTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	r.CubeTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	r.ClosePath()
}

func rect(r *vector.Rasterizer, x, y, w, h float32) {
	r.MoveTo(x, y)
	r.LineTo(x+w, y)
	r.LineTo(x+w, y+h)
	r.LineTo(x, y+h)
	r.ClosePath()
}

func roundRect(r *vector.Rasterizer, x, y, w, h, rad float32) {
	r.MoveTo(x+rad, y)
	r.LineTo(x+w-rad, y)
	r.CubeTo(x+w-rad+k*rad, y, x+w, y+rad-k*rad, x+w, y+rad)
	r.LineTo(x+w, y+h-rad)
	r.CubeTo(x+w, y+h-rad+k*rad, x+w-rad+k*rad, y+h, x+w-rad, y+h)
	r.LineTo(x+rad, y+h)
	r.CubeTo(x+rad-k*rad, y+h, x, y+h-rad+k*rad, x, y+h-rad)
	r.LineTo(x, y+rad)
	r.CubeTo(x, y+rad-k*rad, x+rad-k*rad, y, x+rad, y)
	r.ClosePath()
}

// pin adds a map pin whose round head is centred at (cx, cy) with radius
// rad and whose point is 1.9·rad below.
func pin(r *vector.Rasterizer, cx, cy, rad float32) {
	tip := cy + 1.9*rad
	r.MoveTo(cx, tip)
	r.CubeTo(cx-0.35*rad, tip-0.6*rad, cx-rad, cy+0.55*rad, cx-rad, cy)
	r.CubeTo(cx-rad, cy-k*rad, cx-k*rad, cy-rad, cx, cy-rad)
	r.CubeTo(cx+k*rad, cy-rad, cx+rad, cy-k*rad, cx+rad, cy)
	r.CubeTo(cx+rad, cy+0.55*rad, cx+0.35*rad, tip-0.6*rad, cx, tip)
	r.ClosePath()
}
