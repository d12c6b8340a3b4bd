package app

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"eventmap/app/explore"
)

// prefReviewThreshold is the preference key of the confidence under which
// a place needs review.
const prefReviewThreshold = "review.threshold"

// reviewThreshold reads the review threshold from the preferences.
func (mw *MainWindow) reviewThreshold() float64 {
	return mw.app.Preferences().FloatWithFallback(prefReviewThreshold, explore.DefaultReviewThreshold)
}

// applyReviewThreshold gives the stored review threshold to the explorer;
// a stored value that is not a confidence is logged and the default kept.
func (mw *MainWindow) applyReviewThreshold() {
	if err := mw.explorer.c.SetReviewThreshold(mw.reviewThreshold()); err != nil {
		mw.explorer.log.Warn("ignoring the stored review threshold", "key", prefReviewThreshold, "err", err)
	}
}

// saveReviewThreshold sets the review threshold and stores it.
func (mw *MainWindow) saveReviewThreshold(t float64) error {
	if err := mw.explorer.c.SetReviewThreshold(t); err != nil {
		return err
	}
	mw.app.Preferences().SetFloat(prefReviewThreshold, t)
	return nil
}

// reviewSetting is the Settings control of the review threshold: a slider
// in percent, with its value written beside it.
func reviewSetting(t float64) (fyne.CanvasObject, *widget.Slider) {
	s := widget.NewSlider(0, 100)
	s.Step = 5
	s.SetValue(math.Round(100 * t))
	value := widget.NewLabel("")
	show := func(v float64) { value.SetText(fmt.Sprintf("%3.0f %%", v)) }
	show(s.Value)
	s.OnChanged = show
	note := newSecondaryText(true)
	setSecondaryText(note, "Places the geoparser is less sure of than this are drawn as dashed rings and listed by the “Needs review” filter.")
	return container.NewVBox(container.NewBorder(nil, nil, nil, value, s), note), s
}

// reviewLabel is the text of the needs-review filter, with how many
// events in the range need review.
func reviewLabel(n int) string {
	if n == 0 {
		return "Needs review"
	}
	return fmt.Sprintf("Needs review (%s)", groupDigits(n))
}

// SetReview tells the layer which events' places need review (nil: none);
// their markers are drawn as dashed rings.
func (l *EventLayer) SetReview(needs func(i int) bool) { l.review = needs }

// needsReview reports whether event i is drawn as needing review.
func (l *EventLayer) needsReview(i int) bool { return l.review != nil && l.review(i) }

// markerSprite returns the marker of event i alone: a dashed ring when its
// place needs review, else a plain marker.
func (l *EventLayer) markerSprite(i int, scale float64, dark, selected bool) *image.RGBA {
	if l.needsReview(i) {
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
	outer := r + 1*scale
	if selected {
		outer = r + 3*scale
	}
	size := int(math.Ceil(2*outer)) + 2
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	fill, rim := markerLight, markerRim
	if dark {
		fill, rim = markerDark, markerRimDark
	}
	if selected {
		disc(img, c, c, outer, selectedRing)
		clearDisc(img, c, c, r)
	}
	dashedRing(img, c, c, r-1*scale, 2*scale, 1*scale, fill, rim)
	disc(img, c, c, 1.8*scale, rim)
	disc(img, c, c, 1*scale, fill)
	l.sprites[key] = img
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
