package labels

import (
	"cmp"
	"image"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"eventmap/geo/viewport"
)

// Zoom limits of the kinds of label (map zoom levels, see viewport.View).
const (
	countryMaxZoom = 7.5 // countries give way to regions and towns beyond this
	countryAnyZoom = 5.0 // from here a country is named even if its label is wider than it
	waterMaxZoom   = 11.0
	oceanMaxZoom   = 6.0
	admin1MinZoom  = 4.5
	admin1MaxZoom  = 10.0
	cityFirstZoom  = 3.0  // the largest cities appear here
	cityLastZoom   = 12.0 // every town in the set appears by here
	maxCandidates  = 600  // labels considered for one view, at most
	labelGap       = 2    // logical pixels kept free around a label
)

// CityMinZoom is the zoom from which a city of the given population is
// labelled: 3 for five million inhabitants, two zoom levels later for
// every tenth of that (5 for 500,000, 7 for 50,000, 9 for 5,000).
func CityMinZoom(pop int64) float64 {
	if pop <= 0 {
		return cityLastZoom
	}
	z := cityFirstZoom + 2*math.Log10(5e6/float64(pop))
	return math.Min(cityLastZoom, math.Max(cityFirstZoom, z))
}

// capitalLead is how many zoom levels earlier a capital is named: a
// national capital (2) by 1.5, the seat of a region (1) by 0.5.
func capitalLead(capital int8) float64 {
	switch capital {
	case 2:
		return maxCapitalLead
	case 1:
		return 0.5
	}
	return 0
}

// maxCapitalLead is the largest capitalLead.
const maxCapitalLead = 1.5

// cityMinZoom is CityMinZoom brought forward for capitals.
func cityMinZoom(l Label) float64 {
	return math.Max(cityFirstZoom, CityMinZoom(l.Population)-capitalLead(l.Capital))
}

// Placed is a label placed in a view: the sprite's rectangle in device
// pixels of the view.
type Placed struct {
	Label Label
	Rect  image.Rectangle
	key   spriteKey
}

// TextRect is the rectangle of the label's text (and dot), without the
// halo's margin around it: what placement keeps clear of other labels and
// of the occupied rectangles.
func (p Placed) TextRect() image.Rectangle {
	return p.Rect.Inset(int(math.Ceil(haloPx*p.key.scale)) + 1)
}

type candidate struct {
	l     Label
	score float64
	x, y  float64 // the label's point in the view
}

// candidates lists the labels that may show in a view, best first.
func (ly *Layer) candidates(v viewport.View) []candidate {
	z := v.Zoom
	world := v.WorldSize()
	var out []candidate
	inView := func(w orb.Point) (float64, float64, bool) {
		x, y := v.WorldToPixel(w)
		return x, y, x >= 0 && y >= 0 && x < float64(v.Width) && y < float64(v.Height)
	}
	for i, l := range ly.set.areas {
		if !zoomShows(l, z) {
			continue
		}
		x, y, in := inView(ly.set.areaW[i])
		if !in && !ly.movable(l, z) {
			continue
		}
		if !areaShows(l, z, world, func() float64 { return ly.textWidth(l, v.Scale) }) {
			continue
		}
		if in {
			out = append(out, candidate{l, priority(l), x, y})
		} else {
			if pts := ly.pointsInView(v, l); len(pts) > 0 {
				out = append(out, candidate{l, priority(l), float64(pts[0].X), float64(pts[0].Y)})
			}
		}
	}
	// addCity reports false once no city after l, in rank order, can show.
	addCity := func(i int) bool {
		l, mz := ly.set.cities[i], ly.set.cityZ[i]
		if mz[0]-maxCapitalLead > z {
			return false
		}
		if mz[1] > z {
			return true
		}
		if x, y, ok := inView(ly.set.cityW[i]); ok {
			out = append(out, candidate{l, cityPriority(l), x, y})
		}
		return true
	}
	if z < 6 {
		for i := range ly.set.cities {
			if !addCity(i) {
				break
			}
		}
	} else {
		for _, b := range v.Bounds() {
			c0, c1 := cellOf(b.Min), cellOf(b.Max)
			for cx := c0.x; cx <= c1.x; cx++ {
				for cy := c0.y; cy <= c1.y; cy++ {
					for _, i := range ly.set.cells[cell{cx, cy}] {
						if !addCity(int(i)) {
							break
						}
					}
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.l.Text, b.l.Text))
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// movable tells whether a country's name may move inside the view.
func (ly *Layer) movable(l Label, z float64) bool {
	return l.Kind == KindCountry && ly.InCountry != nil && l.Code != "" && z >= countryInViewZoom
}

// countryInViewZoom is the zoom from which a country whose label point is
// out of view is named at a point in view.
const countryInViewZoom = 3.5

// pointsInView lists points of the view inside a country, nearest its
// label point first, on a grid over the middle of the view: where to name
// a country whose label point is out of view or taken. The grid is laid
// on the view's position rounded to inViewSnap pixels, and kept, so that
// the steps of a pan look the country up once.
func (ly *Layer) pointsInView(v viewport.View, l Label) []image.Point {
	inBound := false
	for _, b := range v.Bounds() {
		inBound = inBound || b.Intersects(l.Bound)
	}
	if !inBound {
		return nil
	}
	ox, oy := v.Origin()
	k := inViewKey{l.Code, v.Zoom, v.Scale, v.Width, v.Height, floorDiv(ox, inViewSnap), floorDiv(oy, inViewSnap)}
	bx, by := k.sx*inViewSnap, k.sy*inViewSnap // the snapped origin
	ly.mu.Lock()
	world, ok := ly.inView[k]
	ly.mu.Unlock()
	if !ok {
		world = ly.gridInCountry(v, l, bx, by)
		ly.mu.Lock()
		if len(ly.inView) > 4096 {
			clear(ly.inView)
		}
		ly.inView[k] = world
		ly.mu.Unlock()
	}
	out := make([]image.Point, len(world))
	for i, p := range world {
		out[i] = p.Sub(image.Pt(ox, oy))
	}
	return out
}

// inViewSnap is the step, in device pixels, of the grids pointsInView
// keeps.
const inViewSnap = 64

type inViewKey struct {
	code          string
	zoom, scale   float64
	width, height int
	sx, sy        int
}

// gridInCountry returns the grid points (world pixels) inside the country,
// for a view whose origin is at bx, by, nearest the label point first.
func (ly *Layer) gridInCountry(v viewport.View, l Label, bx, by int) []image.Point {
	ox, oy := v.Origin()
	lx, ly0 := v.PixelOf(l.Point)
	lx, ly0 = lx+float64(ox), ly0+float64(oy)
	type pt struct {
		p image.Point
		d float64
	}
	var pts []pt
	for _, fy := range []float64{0.2, 0.35, 0.5, 0.65, 0.8} {
		for _, fx := range []float64{0.15, 0.3, 0.5, 0.7, 0.85} {
			x, y := float64(bx)+fx*float64(v.Width), float64(by)+fy*float64(v.Height)
			if ll, ok := v.LonLatAt(x-float64(ox), y-float64(oy)); ok && ly.InCountry(ll, l.Code) {
				pts = append(pts, pt{image.Pt(int(x), int(y)), math.Hypot(x-lx, y-ly0)})
			}
		}
	}
	slices.SortStableFunc(pts, func(a, b pt) int { return cmp.Compare(a.d, b.d) })
	out := make([]image.Point, len(pts))
	for i, p := range pts {
		out[i] = p.p
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// zoomShows tells whether an area's kind is named at zoom z at all.
func zoomShows(l Label, z float64) bool {
	switch l.Kind {
	case KindCountry:
		return z < countryMaxZoom
	case KindWater:
		if l.Ocean {
			return z < oceanMaxZoom
		}
		return z < waterMaxZoom
	case KindAdmin1:
		return z >= admin1MinZoom && z < admin1MaxZoom
	}
	return false
}

// areaShows decides whether an area's label is wanted at zoom z, given
// the world's width and the label's width in device pixels: when the area
// is about as wide as its name (or, for countries, close enough in), and
// within its kind's zooms.
func areaShows(l Label, z, world float64, textW func() float64) bool {
	w := (l.Bound.Max[0] - l.Bound.Min[0]) / 360 * world
	switch l.Kind {
	case KindCountry:
		return z < countryMaxZoom && (z >= countryAnyZoom || w >= 0.7*textW())
	case KindWater:
		if l.Ocean {
			return z < oceanMaxZoom
		}
		return z < waterMaxZoom && w >= 0.6*textW()
	case KindAdmin1:
		return z >= admin1MinZoom && z < admin1MaxZoom && w >= 0.8*textW()
	}
	return false
}

// cityPriority ranks a city among the other labels: national capitals
// before everything (their country's name then moves aside), cities of a
// million or more before regions, smaller ones after them.
func cityPriority(l Label) float64 {
	p := math.Log10(math.Max(1, float64(l.Population)))
	switch {
	case l.Capital == 2:
		return 9000 + p
	case l.Population >= 1_000_000:
		return 1500 + p + float64(l.Capital)
	}
	return 500 + p + float64(l.Capital)
}

// extraPriority places the extra labels (the names of the areas events
// happened in) after national capitals and oceans, before everything
// else.
const extraPriority = 3900

// extraRegionMinZoom is the zoom from which extra labels of regions and
// states show; seas show at every zoom.
const extraRegionMinZoom = 3.0

// Place chooses the labels of a view: the best first, each only where it
// overlaps neither a label placed before it nor an occupied rectangle
// (device pixels of the view), and with its point inside the view.
// The extra labels come after capitals and oceans, before the rest.
func (ly *Layer) Place(v viewport.View, occupied []image.Rectangle, extra []Label) []Placed {
	return ly.place(v, occupied, extra, false)
}

func (ly *Layer) place(v viewport.View, occupied []image.Rectangle, extra []Label, dark bool) []Placed {
	if v.Width <= 0 || v.Height <= 0 {
		return nil
	}
	gap := int(math.Ceil(labelGap * v.Scale))
	g := newRectGrid(v.Width, v.Height)
	for _, r := range occupied {
		g.add(r)
	}
	var out []Placed
	var cands []candidate
	for _, l := range extra {
		if l.Kind != KindWater && v.Zoom < extraRegionMinZoom {
			continue // regions and states are named once the view is closer
		}
		x, y := v.PixelOf(l.Point)
		cands = append(cands, candidate{l: l, score: extraPriority, x: x, y: y})
	}
	if ly.set != nil {
		for _, c := range ly.candidates(v) {
			// An area an extra label names already is not named again.
			if !slices.ContainsFunc(extra, func(e Label) bool { return e.Text == c.l.Text && e.Point == c.l.Point }) {
				cands = append(cands, c)
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(b.score, a.score) })
	for _, c := range cands {
		key := ly.keyFor(c.l, v.Scale)
		key.dark = dark
		sp := ly.sprite(key)
		at := image.Pt(int(math.Round(c.x))-sp.anchor.X, int(math.Round(c.y))-sp.anchor.Y)
		if c.l.DY != 0 { // the text's top edge DY below the point
			at.Y = int(math.Round(c.y+c.l.DY*v.Scale)) - sp.pad
		}
		// An area's name may move up or down by once or twice its height to
		// make room; an event area's name may go above its marker or
		// aside; a city's name may go left of its dot, and beside a
		// marker that covers its dot.
		type try struct {
			at image.Point
			k  spriteKey
		}
		tries := []try{{at, key}}
		h := sp.img.Rect.Dy() - 2*sp.pad
		switch {
		case c.l.Kind == KindCity:
			left := key
			left.left = true
			lsp := ly.sprite(left)
			tries = append(tries, try{image.Pt(int(math.Round(c.x))-lsp.anchor.X, at.Y), left})
			pt := image.Pt(int(math.Round(c.x)), int(math.Round(c.y)))
			for _, o := range occupied {
				if !pt.In(o) {
					continue
				}
				bare := key
				bare.noDot = true
				bsp := ly.sprite(bare)
				y := pt.Y - bsp.img.Rect.Dy()/2
				tries = append(tries, try{image.Pt(o.Max.X+gap-bsp.pad, y), bare},
					try{image.Pt(o.Min.X-gap-bsp.img.Rect.Dx()+bsp.pad, y), bare})
				break
			}
		case c.l.DY != 0: // under the marker, else above it, else beside it
			above := int(math.Round(c.y-c.l.DY*v.Scale)) - sp.img.Rect.Dy() + sp.pad
			half := (sp.img.Rect.Dx() - 2*sp.pad) / 2
			tries = append(tries, try{image.Pt(at.X, above), key},
				try{at.Add(image.Pt(half, 0)), key}, try{at.Sub(image.Pt(half, 0)), key},
				try{image.Pt(at.X+half, above), key}, try{image.Pt(at.X-half, above), key})
		default:
			for _, f := range []int{1, 2} {
				tries = append(tries, try{at.Sub(image.Pt(0, f*h)), key}, try{at.Add(image.Pt(0, f*h)), key})
			}
			if ly.movable(c.l, v.Zoom) {
				for _, p := range ly.pointsInView(v, c.l) {
					tries = append(tries, try{p.Sub(sp.anchor), key})
				}
			}
		}
		for _, tr := range tries {
			p, k := tr.at, tr.k
			r := ly.sprite(k).img.Rect.Add(p)
			// The text, not the halo's margin, must stay clear.
			test := r.Inset(sp.pad - gap)
			if g.hits(test) {
				continue
			}
			g.add(test)
			out = append(out, Placed{Label: c.l, Rect: r, key: k})
			break
		}
	}
	return out
}

// rectGrid finds overlaps among rectangles of a view, bucketed by cells of
// gridCell device pixels.
type rectGrid struct {
	cols, rows int
	cells      [][]image.Rectangle
}

const gridCell = 64

func newRectGrid(w, h int) *rectGrid {
	cols, rows := w/gridCell+1, h/gridCell+1
	return &rectGrid{cols: cols, rows: rows, cells: make([][]image.Rectangle, cols*rows)}
}

func (g *rectGrid) span(r image.Rectangle) (x0, y0, x1, y1 int) {
	clampI := func(v, hi int) int { return min(max(v, 0), hi) }
	return clampI(r.Min.X/gridCell, g.cols-1), clampI(r.Min.Y/gridCell, g.rows-1),
		clampI((r.Max.X-1)/gridCell, g.cols-1), clampI((r.Max.Y-1)/gridCell, g.rows-1)
}

func (g *rectGrid) add(r image.Rectangle) {
	if r.Empty() {
		return
	}
	x0, y0, x1, y1 := g.span(r)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			g.cells[y*g.cols+x] = append(g.cells[y*g.cols+x], r)
		}
	}
}

func (g *rectGrid) hits(r image.Rectangle) bool {
	x0, y0, x1, y1 := g.span(r)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, o := range g.cells[y*g.cols+x] {
				if o.Overlaps(r) {
					return true
				}
			}
		}
	}
	return false
}
