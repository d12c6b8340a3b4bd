package mapwidget

import (
	"image"
	"image/color"
	"math"
)

// SetReview tells the layer which events' places need review (nil: none);
// their markers are drawn as dashed rings.
func (l *EventLayer) SetReview(needs func(i int) bool) { l.review = needs }

// NeedsReview reports whether event i is drawn as needing review.
func (l *EventLayer) NeedsReview(i int) bool { return l.review != nil && l.review(i) }

// markerSprite returns the marker of event i alone: a dashed ring when its
// place needs review, else a plain marker.
func (l *EventLayer) markerSprite(i int, scale float64, dark, selected bool) *image.RGBA {
	if l.NeedsReview(i) {
		return l.reviewSprite(scale, dark, selected)
	}
	return l.sprite(1, scale, dark, selected)
}

// reviewSprite returns the marker of one event whose place needs review,
// drawn once and cached: a hollow ring of dashes in the marker colour, on
// a halo in the rim colour so that it shows on land and sea in both
// themes, around a dot at the place itself.
func (l *EventLayer) reviewSprite(scale float64, dark, selected bool) *image.RGBA {
	// A little larger than a plain marker: a ring shows less colour.
	r := (clusterRadius(1) + 1) * scale
	key := spriteKey{label: "?", radius: r, dark: dark, selected: selected}
	if sp, ok := l.sprites[key]; ok {
		return sp
	}
	img, c, fill, rim := markerCanvas(r, r+1*scale, scale, dark, selected)
	if selected {
		clearDisc(img, c, c, r)
	}
	dashedRing(img, c, c, r-1*scale, 2*scale, 1*scale, fill, rim)
	disc(img, c, c, 1.8*scale, rim)
	disc(img, c, c, 1*scale, fill)
	l.keepSprite(key, img)
	return img
}

// reviewDashes is how many dashes the ring of a marker that needs review
// has.
const reviewDashes = 6

// dashedRing paints, over dst, a ring of radius mid and width w made of
// reviewDashes dashes in col, each outlined by halo px in halo. Edges
// are anti-aliased by the pixel's distance to them.
func dashedRing(dst *image.RGBA, cx, cy, mid, w, halo float64, col, haloCol color.NRGBA) {
	dashArc := 2 * math.Pi / reviewDashes
	for y := dst.Rect.Min.Y; y < dst.Rect.Max.Y; y++ {
		for x := dst.Rect.Min.X; x < dst.Rect.Max.X; x++ {
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			d := math.Hypot(dx, dy)
			// Distance outside the dash: radially from the ring's band,
			// and along the ring from the dash's ends (a dash covers 60 %
			// of its arc).
			radial := math.Abs(d-mid) - w/2
			a := math.Mod(math.Atan2(dy, dx)+2*math.Pi, dashArc)
			along := (math.Abs(a-dashArc/2) - 0.3*dashArc) * d
			out := math.Max(radial, along)
			if k := coverage(out - halo); k > 0 {
				blend(dst, x, y, haloCol, k)
			}
			if k := coverage(out); k > 0 {
				blend(dst, x, y, col, k)
			}
		}
	}
}

// clearDisc makes a disc of dst transparent (the hole of a selected
// ring).
func clearDisc(dst *image.RGBA, cx, cy, r float64) {
	for y := dst.Rect.Min.Y; y < dst.Rect.Max.Y; y++ {
		for x := dst.Rect.Min.X; x < dst.Rect.Max.X; x++ {
			if k := coverage(math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy) - r); k > 0 {
				i := dst.PixOffset(x, y)
				for j := range 4 {
					dst.Pix[i+j] = uint8(math.Round(float64(dst.Pix[i+j]) * (1 - k)))
				}
			}
		}
	}
}

// coverage is how much of a pixel lies inside an edge the pixel's centre
// is out px outside of (negative inside).
func coverage(out float64) float64 { return math.Max(0, math.Min(1, 0.5-out)) }

// blend paints col over the pixel at x, y with coverage k.
func blend(dst *image.RGBA, x, y int, col color.NRGBA, k float64) {
	i := dst.PixOffset(x, y)
	a := float64(col.A) / 255 * k
	px := dst.Pix[i : i+4 : i+4]
	for j, v := range [3]uint8{col.R, col.G, col.B} {
		px[j] = uint8(math.Round(float64(v)*a + float64(px[j])*(1-a)))
	}
	px[3] = uint8(math.Round(255*a + float64(px[3])*(1-a)))
}
