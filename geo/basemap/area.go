package basemap

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
	"golang.org/x/image/vector"
	"golang.org/x/text/language"

	"eventmap/geo/viewport"
)

// CountryByCode returns the country with an ISO 3166-1 alpha-2 code
// ("KP") at a scale (the most detailed one when scale is ""), and whether
// the basemap has it. Natural Earth keys its countries by their ISO
// numeric code, which the code is translated to; the few areas without
// one (such as Kosovo) are found by their Natural Earth name instead.
func (a *Atlas) CountryByCode(code, scale string) (Country, bool) {
	l := a.levels[scale]
	if l == nil {
		l = a.levels[a.names[len(a.names)-1]]
	}
	num := -1
	if r, err := language.ParseRegion(code); err == nil && len(code) == 2 {
		num = r.M49()
	}
	for _, c := range l.Countries {
		if n, err := strconv.Atoi(c.ID); err == nil && n == num && num > 0 {
			return c, true
		}
	}
	return Country{}, false
}

// Code returns the country's ISO 3166-1 alpha-2 code, or "" when
// Natural Earth gives it no ISO numeric code.
func (c Country) Code() string {
	n, err := strconv.Atoi(c.ID)
	if err != nil || n <= 0 {
		return ""
	}
	r, err := language.ParseRegion(fmt.Sprintf("%03d", n))
	if err != nil {
		return ""
	}
	return r.String()
}

// CountryByName returns the country with a Natural Earth name (case does
// not matter) at a scale, and whether the basemap has it.
func (a *Atlas) CountryByName(name, scale string) (Country, bool) {
	l := a.levels[scale]
	if l == nil {
		l = a.levels[a.names[len(a.names)-1]]
	}
	for _, c := range l.Countries {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return Country{}, false
}

// Area is an outline prepared for drawing over map views, at the levels
// of detail the basemap draws with, so that it lines up with the borders
// and coasts under it. Its methods are safe for concurrent use; it is
// immutable once made.
type Area struct {
	// Bound is the outline's extent in longitude/latitude.
	Bound orb.Bound
	lods  []areaLOD
}

type areaLOD struct {
	maxZoom float64
	fill    []shape // rings, cut into pieces filled together
	rim     []shape // the rings as polylines, for the outline
}

// CountryArea returns a country's outline, prepared for drawing, by its
// ISO alpha-2 code, or by its Natural Earth name when the code is unknown
// to Natural Earth; ok is false when the basemap has neither.
func (a *Atlas) CountryArea(code, name string) (*Area, bool) {
	find := func(scale string) (Country, bool) {
		if c, ok := a.CountryByCode(code, scale); ok {
			return c, true
		}
		return a.CountryByName(name, scale)
	}
	best, ok := find("")
	if !ok {
		return nil, false
	}
	ar := &Area{Bound: best.Bound}
	for _, l := range a.lods {
		c, ok := find(l.level)
		if !ok {
			c = best
		}
		ar.lods = append(ar.lods, prepareArea(c.Shape, l.maxZoom, l.simplify))
	}
	return ar, true
}

// NewArea prepares any outline (longitude/latitude) for drawing, as it is
// at every zoom.
func NewArea(mp orb.MultiPolygon) *Area {
	return &Area{Bound: mp.Bound(), lods: []areaLOD{prepareArea(mp, math.Inf(1), 0)}}
}

func prepareArea(mp orb.MultiPolygon, maxZoom, tol float64) areaLOD {
	lod := areaLOD{maxZoom: maxZoom}
	for _, poly := range mp {
		for _, r := range poly {
			w := make(orb.Ring, len(r))
			for i, p := range r {
				w[i] = viewport.ToWorld(p)
				if p[0] >= 180 {
					w[i][0] = 1
				}
			}
			unwrap(w)
			if tol > 0 && len(w) > 4 {
				w = simplify.DouglasPeucker(tol).Ring(w)
			}
			if len(w) < 3 {
				continue
			}
			lod.fill = appendRingPieces(lod.fill, w, w.Bound(), 0)
			lod.rim = appendPieces(lod.rim, orb.LineString(w), false)
		}
	}
	return lod
}

// Painter draws areas into views. It keeps its rasteriser between calls;
// use one Painter per goroutine.
type Painter struct {
	ras *vector.Rasterizer
}

// Draw fills the area in the view with fill and outlines it with rim,
// width logical pixels wide, into dst (the view's size), on every copy
// of the world the view shows.
func (p *Painter) Draw(dst *image.RGBA, v viewport.View, ar *Area, fill, rim color.NRGBA, width float32) {
	if ar == nil || len(ar.lods) == 0 {
		return
	}
	W := v.WorldSize()
	lod := ar.lods[len(ar.lods)-1]
	zoom := math.Log2(W / viewport.TileSize)
	for _, l := range ar.lods {
		if zoom < l.maxZoom {
			lod = l
			break
		}
	}
	ox, oy := v.Origin()
	hw := width * float32(v.Scale) / 2
	margin := float64(hw) + 2
	// The pixel box the area covers on the copy of the world nearest the
	// view, then the copies either side.
	b := ar.Bound
	wmin, wmax := viewport.ToWorld(orb.Point{b.Min[0], b.Max[1]}), viewport.ToWorld(orb.Point{b.Max[0], b.Min[1]})
	first := int(math.Floor(float64(ox)/W)) - 1
	last := int(math.Floor(float64(ox+v.Width)/W)) + 1
	for c := first; c <= last; c++ {
		t := transform{scale: W, dx: float64(c)*W - float64(ox), dy: -float64(oy)}
		x0, x1 := wmin[0]*W+t.dx, (wmax[0]+1)*W+t.dx // +1: an outline across the antimeridian runs on
		y0, y1 := wmin[1]*W+t.dy, wmax[1]*W+t.dy
		box := image.Rect(int(math.Floor(x0-margin)), int(math.Floor(y0-margin)),
			int(math.Ceil(x1+margin)), int(math.Ceil(y1+margin))).Intersect(dst.Rect)
		if box.Empty() {
			continue
		}
		// Rasterise only the box: shift the transform to its corner.
		t.dx -= float64(box.Min.X)
		t.dy -= float64(box.Min.Y)
		t.w, t.h = float64(box.Dx()), float64(box.Dy())
		p.pass(dst, box, lod.fill, t, true, 0, margin, fill)
		p.pass(dst, box, lod.rim, t, false, hw, margin, rim)
	}
}

func (p *Painter) pass(dst *image.RGBA, box image.Rectangle, shapes []shape, t transform, isFill bool, hw float32, margin float64, col color.NRGBA) {
	if col.A == 0 {
		return
	}
	if p.ras == nil {
		p.ras = vector.NewRasterizer(box.Dx(), box.Dy())
	}
	p.ras.Reset(box.Dx(), box.Dy())
	drawn := false
	for i := range shapes {
		s := &shapes[i]
		if !t.touches(s, margin) {
			continue
		}
		if isFill {
			fillRing(p.ras, s.pts, t, margin)
		} else {
			strokeLine(p.ras, s.pts, t, hw, margin)
		}
		drawn = true
	}
	if drawn {
		p.ras.Draw(dst, box, image.NewUniform(col), image.Point{})
	}
}
