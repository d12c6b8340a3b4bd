package mapwidget

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"maps"
	"math"
	"slices"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/geo/labels"
	"eventmap/geo/viewport"
)

// Overlay draws on top of the basemap, into the map's frame.
type Overlay interface {
	// Draw paints the overlay for the view into dst (the view's size).
	Draw(dst *image.RGBA, v viewport.View, dark bool)
}

// KeepOut is an Overlay that keeps what it places freely (the names of
// places) off the map's own controls: the zoom buttons, the scale bar and
// the attribution.
type KeepOut interface {
	// KeepOut gives, before each frame, the rectangles (device pixels of
	// the view) the controls cover.
	KeepOut(rs []image.Rectangle)
}

// Obstacle is an Overlay that draws things the map's own controls (the
// scale bar) should not cover.
type Obstacle interface {
	// Covers reports whether the last frame drew something in r (device
	// pixels of the view).
	Covers(r image.Rectangle) bool
}

// clusterCellPx is the size, in logical pixels, of the grid cells events
// are clustered by.
const clusterCellPx = 56

// EventLayer draws events as markers (one event) and clusters (several,
// with their count), highlights the selected event, and finds what is
// under a point of the map. It must be used on the UI goroutine.
type EventLayer struct {
	index    *eventindex.Index
	rng      eventindex.Range
	sel      *eventindex.Set
	selected int   // position in index, or -1
	group    []int // events selected with it, ringed too
	clusters []eventindex.Cluster
	scale    float64 // the scale the clusters were drawn at

	// places are the places that are areas (countries, regions, seas),
	// drawn with their outline or named when events there are shown.
	places     map[string]model.Place
	shown      []model.Place     // the areas with an event shown
	shownFor   *eventindex.Index // shown is for this index, range and selection
	shownRng   eventindex.Range
	shownSel   *eventindex.Set
	areaEvents map[string][]int  // the events at each area, by place ID
	areaFor    *eventindex.Index // areaEvents is for this index
	mapData    mapData           // outlines and labels (maplabels.go)

	// heat draws a heat map of the events instead of markers.
	heat        bool
	heatImg     *image.RGBA // the last heat map drawn
	heatFor     heatKey     // what heatImg shows
	heatShown   bool        // heatImg has events on it
	heatRenders int         // how many times it was drawn (for tests)
	heatCounts  heatCounts  // the counts heatImg was drawn from
	heatCounted int         // how many times events were counted (for tests)
	heatSpans   [][2]int    // per row of heatImg, the pixels [x0, x1) not transparent

	// keepOut are the map controls' rectangles (see KeepOut).
	keepOut []image.Rectangle
	// placed are the names drawn in the last frame.
	placed []labels.Placed

	// review, when set, says which events' places need review.
	review func(i int) bool

	sprites map[spriteKey]*image.RGBA
	faces   map[float64]font.Face
	font    *opentype.Font
}

type spriteKey struct {
	label    string
	radius   float64
	dark     bool
	selected bool
}

// NewEventLayer returns an empty layer.
func NewEventLayer() *EventLayer {
	f, _ := opentype.Parse(gobold.TTF) // the embedded font always parses
	return &EventLayer{selected: -1, sprites: make(map[spriteKey]*image.RGBA), faces: make(map[float64]font.Face), font: f}
}

// SetIndex replaces the events drawn.
func (l *EventLayer) SetIndex(ix *eventindex.Index) {
	l.index, l.selected, l.sel, l.clusters, l.group = ix, -1, nil, nil, nil
}

// Index returns the events drawn, or nil.
func (l *EventLayer) Index() *eventindex.Index { return l.index }

// SetFilter sets the time range and the selection (nil: all) drawn.
func (l *EventLayer) SetFilter(r eventindex.Range, sel *eventindex.Set) { l.rng, l.sel = r, sel }

// SetPlaces gives the places that are areas, by ID, so that events there
// also draw the area.
func (l *EventLayer) SetPlaces(places map[string]model.Place) {
	l.places, l.shownFor, l.areaFor = places, nil, nil
}

// SetHeat switches between markers and a heat map.
func (l *EventLayer) SetHeat(on bool) { l.heat = on }

// Heat reports whether the layer draws a heat map.
func (l *EventLayer) Heat() bool { return l.heat }

// Select highlights the event at position i of the index (-1: none).
func (l *EventLayer) Select(i int) { l.selected = i }

// SetGroup rings several events selected together (an article's, a
// place's) besides the selected one; nil for none.
func (l *EventLayer) SetGroup(events []int) { l.group = events }

// Selected returns the highlighted event's position, or -1.
func (l *EventLayer) Selected() int { return l.selected }

// Clusters returns what the last frame drew.
func (l *EventLayer) Clusters() []eventindex.Cluster { return l.clusters }

// Draw clusters the events in the view and paints them.
func (l *EventLayer) Draw(dst *image.RGBA, v viewport.View, dark bool) {
	l.clusters = nil
	if l.index == nil || l.index.Len() == 0 {
		l.drawLabels(dst, v, dark)
		return
	}
	l.drawAreas(dst, v, dark)
	if l.heat {
		l.drawHeat(dst, v)
		if l.selected >= 0 {
			l.drawSelectedInCluster(dst, v, dark)
		}
		l.drawLabels(dst, v, dark)
		return
	}
	l.scale = v.Scale
	l.clusters = l.index.Clusters(v, l.rng, l.sel, clusterCellPx*v.Scale)
	for _, c := range l.clusters {
		sel := l.selected >= 0 && c.Event == l.selected && c.Count == 1
		sp := l.sprite(c.Count, v.Scale, dark, sel)
		if c.Count == 1 {
			sp = l.markerSprite(c.Event, v.Scale, dark, sel)
		}
		at := image.Pt(int(math.Round(c.X))-sp.Rect.Dx()/2, int(math.Round(c.Y))-sp.Rect.Dy()/2)
		draw.Draw(dst, sp.Rect.Add(at), sp, image.Point{}, draw.Over)
	}
	if l.selected >= 0 {
		l.drawSelectedInCluster(dst, v, dark)
	}
	l.drawGroup(dst, v, dark)
	l.drawLabels(dst, v, dark)
}

// drawGroup rings the events selected together with the selected one
// that are not drawn alone already.
func (l *EventLayer) drawGroup(dst *image.RGBA, v viewport.View, dark bool) {
	if len(l.group) < 2 {
		return
	}
	alone := make(map[int]bool)
	for _, c := range l.clusters {
		if c.Count == 1 {
			alone[c.Event] = true
		}
	}
	for _, i := range l.group {
		if i < 0 || i >= l.index.Len() || i == l.selected && alone[i] {
			continue
		}
		sp := l.markerSprite(i, v.Scale, dark, true)
		x, y := v.PixelOf(l.index.Point(i))
		if x < -20 || y < -20 || x > float64(v.Width)+20 || y > float64(v.Height)+20 {
			continue
		}
		at := image.Pt(int(math.Round(x))-sp.Rect.Dx()/2, int(math.Round(y))-sp.Rect.Dy()/2)
		draw.Draw(dst, sp.Rect.Add(at), sp, image.Point{}, draw.Over)
	}
}

// drawSelectedInCluster rings the selected event when it is hidden inside
// a cluster, so the selection always shows.
func (l *EventLayer) drawSelectedInCluster(dst *image.RGBA, v viewport.View, dark bool) {
	for _, c := range l.clusters {
		if c.Event == l.selected && c.Count == 1 {
			return
		}
	}
	x, y := v.PixelOf(l.index.Point(l.selected))
	if x < -20 || y < -20 || x > float64(v.Width)+20 || y > float64(v.Height)+20 {
		return
	}
	sp := l.markerSprite(l.selected, v.Scale, dark, true)
	at := image.Pt(int(math.Round(x))-sp.Rect.Dx()/2, int(math.Round(y))-sp.Rect.Dy()/2)
	draw.Draw(dst, sp.Rect.Add(at), sp, image.Point{}, draw.Over)
}

// Covers reports whether a marker or cluster of the last frame reaches
// into r (device pixels).
func (l *EventLayer) Covers(r image.Rectangle) bool {
	for _, c := range l.clusters {
		rad := clusterRadius(c.Count) * l.scale
		disc := image.Rect(int(c.X-rad), int(c.Y-rad), int(math.Ceil(c.X+rad)), int(math.Ceil(c.Y+rad)))
		if disc.Overlaps(r) {
			return true
		}
	}
	return false
}

// HitTest returns the cluster drawn under a point of the view (device
// pixels), the nearest one when several overlap.
func (l *EventLayer) HitTest(px, py, scale float64) (eventindex.Cluster, bool) {
	best, found := eventindex.Cluster{}, false
	bestD := math.Inf(1)
	for _, c := range l.clusters {
		r := clusterRadius(c.Count)*scale + 3*scale
		d := math.Hypot(c.X-px, c.Y-py)
		if d <= r && d < bestD {
			best, bestD, found = c, d, true
		}
	}
	return best, found
}

// clusterRadius is the radius, in logical pixels, of the disc drawn for a
// number of events: a small marker for one, growing with the logarithm of
// the count.
func clusterRadius(n int) float64 {
	if n <= 1 {
		return 6
	}
	return 10 + 3.2*math.Log10(float64(n))
}

// CountLabel writes a cluster's count compactly: 7, 950, 1.2k, 45k, 1.3M.
func CountLabel(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprint(n)
	case n < 10_000:
		return trimZero(fmt.Sprintf("%.1fk", float64(n)/1000))
	case n < 1_000_000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return trimZero(fmt.Sprintf("%.1fM", float64(n)/1e6))
}

func trimZero(s string) string {
	if len(s) > 3 && s[len(s)-3:len(s)-1] == ".0" {
		return s[:len(s)-3] + s[len(s)-1:]
	}
	return s
}

// Marker colours.
var (
	markerLight   = color.NRGBA{0xd9, 0x48, 0x0f, 0xf0}
	markerDark    = color.NRGBA{0xff, 0x7a, 0x45, 0xf0}
	markerRim     = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	markerRimDark = color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	selectedRing  = color.NRGBA{0xff, 0xc9, 0x1f, 0xff}
)

// sprite returns the image of a marker or cluster, drawn once and cached.
func (l *EventLayer) sprite(count int, scale float64, dark, selected bool) *image.RGBA {
	label := ""
	if count > 1 {
		label = CountLabel(count)
	}
	r := clusterRadius(count) * scale
	key := spriteKey{label, r, dark, selected}
	if sp, ok := l.sprites[key]; ok {
		return sp
	}
	ring := 1.6 * scale
	img, c, fill, rim := markerCanvas(r, r, scale, dark, selected)
	disc(img, c, c, r, rim)
	disc(img, c, c, r-ring, fill)
	if label != "" {
		face := l.face(9.5 * scale)
		d := font.Drawer{Dst: img, Src: image.NewUniform(color.White), Face: face}
		w := d.MeasureString(label)
		m := face.Metrics()
		d.Dot = fixed.Point26_6{
			X: fixed.Int26_6(c*64) - w/2,
			Y: fixed.Int26_6(c*64) + (m.Ascent-m.Descent)/2,
		}
		d.DrawString(label)
	}
	l.keepSprite(key, img)
	return img
}

// markerCanvas returns the square image a marker of radius r is drawn on,
// reaching to outer (or 3 scaled pixels beyond r when selected, where the
// selection's ring is painted already), its centre, and the marker's fill
// and rim colours for the theme.
func markerCanvas(r, outer, scale float64, dark, selected bool) (img *image.RGBA, c float64, fill, rim color.NRGBA) {
	if selected {
		outer = r + 3*scale
	}
	size := int(math.Ceil(2*outer)) + 2
	img = image.NewRGBA(image.Rect(0, 0, size, size))
	c = float64(size) / 2
	fill, rim = markerLight, markerRim
	if dark {
		fill, rim = markerDark, markerRimDark
	}
	if selected {
		disc(img, c, c, outer, selectedRing)
	}
	return img, c, fill, rim
}

// keepSprite caches a drawn sprite, forgetting them all first when the
// cache has grown past a few thousand (scales and counts seen over a long
// session).
func (l *EventLayer) keepSprite(key spriteKey, img *image.RGBA) {
	if len(l.sprites) > 4000 {
		clear(l.sprites)
	}
	l.sprites[key] = img
}

func (l *EventLayer) face(size float64) font.Face {
	if f, ok := l.faces[size]; ok {
		return f
	}
	f, err := opentype.NewFace(l.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil
	}
	l.faces[size] = f
	return f
}

// disc paints an anti-aliased filled circle.
func disc(dst *image.RGBA, cx, cy, r float64, col color.NRGBA) {
	const k = 0.5523 // cubic handle length of a quarter circle
	ras := vector.NewRasterizer(dst.Rect.Dx(), dst.Rect.Dy())
	x, y, rr := float32(cx), float32(cy), float32(r)
	kr := float32(k) * rr
	ras.MoveTo(x+rr, y)
	ras.CubeTo(x+rr, y+kr, x+kr, y+rr, x, y+rr)
	ras.CubeTo(x-kr, y+rr, x-rr, y+kr, x-rr, y)
	ras.CubeTo(x-rr, y-kr, x-kr, y-rr, x, y-rr)
	ras.CubeTo(x+kr, y-rr, x+rr, y-kr, x+rr, y)
	ras.ClosePath()
	ras.Draw(dst, dst.Rect, image.NewUniform(col), image.Point{})
}

// shownAreas returns the areas that have an event in the range and the
// selection. It looks only at the events of areas, found once per index
// (areaEvents), so that a timeline drag does not walk every event.
func (l *EventLayer) shownAreas() []model.Place {
	if l.areaFor != l.index {
		l.areaEvents = make(map[string][]int)
		for i := range l.index.Len() {
			if id := l.index.PlaceID(i); l.places[id].ID != "" {
				l.areaEvents[id] = append(l.areaEvents[id], i)
			}
		}
		l.areaFor = l.index
	}
	var out []model.Place
	for _, id := range slices.Sorted(maps.Keys(l.areaEvents)) { // a stable drawing order
		evs := l.areaEvents[id]
		for _, i := range evs {
			if l.rng.Has(l.index, i) && (l.sel == nil || l.sel.Has(i)) {
				out = append(out, l.places[id])
				break
			}
		}
	}
	return out
}

// heatCellPx is the size of a heat-map cell in logical pixels.
const heatCellPx = 6

// drawHeat paints the density of events, from the image of the last
// frame when neither the events, the range, the filters nor the view
// changed since.
func (l *EventLayer) drawHeat(dst *image.RGBA, v viewport.View) {
	key := heatKey{index: l.index, rng: l.rng, sel: l.sel, view: v}
	if l.heatFor != key || l.heatImg == nil {
		l.heatFor = key
		l.heatShown = l.renderHeat(v)
	}
	if l.heatShown {
		overSpans(dst, l.heatImg, l.heatSpans)
	}
}

// overSpans draws src over dst at dst's top-left corner as draw.Over
// does (the same arithmetic), but only the pixels of each row within its
// span: the rest of src is transparent.
func overSpans(dst, src *image.RGBA, spans [][2]int) {
	const m = 1<<16 - 1
	w := min(dst.Rect.Dx(), src.Rect.Dx())
	h := min(dst.Rect.Dy(), src.Rect.Dy(), len(spans))
	for y := range h {
		x0, x1 := spans[y][0], min(spans[y][1], w)
		if x0 >= x1 {
			continue
		}
		s := src.Pix[y*src.Stride+4*x0 : y*src.Stride+4*x1]
		d := dst.Pix[y*dst.Stride+4*x0 : y*dst.Stride+4*x1]
		for i := 0; i+3 < len(s) && i+3 < len(d); i += 4 {
			sa := uint32(s[i+3]) * 0x101
			if sa == 0 {
				continue
			}
			a := (m - sa) * 0x101
			d[i] = uint8((uint32(d[i])*a/m + uint32(s[i])*0x101) >> 8)
			d[i+1] = uint8((uint32(d[i+1])*a/m + uint32(s[i+1])*0x101) >> 8)
			d[i+2] = uint8((uint32(d[i+2])*a/m + uint32(s[i+2])*0x101) >> 8)
			d[i+3] = uint8((uint32(d[i+3])*a/m + sa) >> 8)
		}
	}
}

// heatKey is what a heat map image was drawn for.
type heatKey struct {
	index *eventindex.Index
	rng   eventindex.Range
	sel   *eventindex.Set
	view  viewport.View
}

// heatCounts are the spread counts of a block of cells aligned to the
// world, larger than the view by a margin, kept while the view pans
// inside it: a pan then only interpolates the cells again.
type heatCounts struct {
	index *eventindex.Index
	rng   eventindex.Range
	sel   *eventindex.Set
	grid  eventindex.Grid
	// lg is the logarithm of each cell's spread count, and faint how far
	// it is from nothing to one event's weight (0–1).
	lg, faint []float32
}

// heatMarginFrac is the margin of counted cells on each side of the view,
// as a fraction of the view's side: a pan of up to that much reuses them.
const heatMarginFrac = 0.25

// heatCountsFor returns the spread counts of a block of cells holding
// the columns [c0, c1] and rows [r0, r1] with the blur's reach around
// them, from the last ones when they do.
func (l *EventLayer) heatCountsFor(v viewport.View, cell float64, c0, c1, r0, r1 int) *heatCounts {
	W := v.WorldSize()
	hc := &l.heatCounts
	g := hc.grid
	if hc.index == l.index && hc.rng == l.rng && hc.sel == l.sel && g.World == W && g.Cell == cell &&
		c0-heatBlurPasses >= g.Col && c1+heatBlurPasses < g.Col+g.Cols &&
		r0-heatBlurPasses >= g.Row && r1+heatBlurPasses < g.Row+g.Rows {
		return hc
	}
	mx := heatBlurPasses + int(math.Ceil(heatMarginFrac*float64(v.Width)/cell))
	my := heatBlurPasses + int(math.Ceil(heatMarginFrac*float64(v.Height)/cell))
	g = eventindex.Grid{World: W, Cell: cell, Col: c0 - mx, Row: r0 - my, Cols: c1 - c0 + 1 + 2*mx, Rows: r1 - r0 + 1 + 2*my}
	if float64(g.Cols)*cell > W {
		// A block wider than the world would count an event near its
		// edges on another copy than the one nearest the view: count
		// just the view and the blur's reach, kept for this view only.
		g.Col, g.Cols = c0-heatBlurPasses, c1-c0+1+2*heatBlurPasses
	}
	l.heatCounted++
	counts := l.index.DensityGrid(g, l.rng, l.sel)
	val := slices.Grow(hc.lg[:0], len(counts))[:len(counts)]
	for i, n := range counts {
		val[i] = float32(n)
	}
	val = spread(val, g.Rows, g.Cols)
	// What one event alone weighs at its cell once spread: up to that
	// much the opacity rises from nothing, so a lone event shows and the
	// tails of the spots fade out.
	one := make([]float32, heatOneSide*heatOneSide)
	one[len(one)/2] = 1
	lone := spread(one, heatOneSide, heatOneSide)[len(one)/2]
	faint := slices.Grow(hc.faint[:0], len(val))[:len(val)]
	for i, d := range val {
		faint[i] = 0
		if d > 0 {
			faint[i] = min(1, d/lone)
			val[i] = float32(math.Log1p(float64(d)))
		}
	}
	*hc = heatCounts{index: l.index, rng: l.rng, sel: l.sel, grid: g, lg: val, faint: faint}
	if float64(g.Cols)*cell > W {
		hc.index = nil // not reused
	}
	return hc
}

// renderHeat draws the density of events into l.heatImg at the view's
// resolution: the events counted per cell of a grid aligned to the world,
// spread over the neighbouring cells, coloured by the logarithm of the
// count relative to the densest cell in view. It reports whether any
// event is in view.
func (l *EventLayer) renderHeat(v viewport.View) bool {
	l.heatRenders++
	w, h := v.Width, v.Height
	if l.heatImg == nil || l.heatImg.Rect.Dx() != w || l.heatImg.Rect.Dy() != h {
		l.heatImg = image.NewRGBA(image.Rect(0, 0, w, h))
		l.heatSpans = make([][2]int, h)
	} else {
		// Clear what the last render drew.
		img := l.heatImg
		for y, sp := range l.heatSpans {
			clear(img.Pix[y*img.Stride+4*sp[0] : y*img.Stride+4*sp[1]])
			l.heatSpans[y] = [2]int{}
		}
	}
	if w <= 0 || h <= 0 {
		return false
	}
	cell := heatCellPx * v.Scale
	ox, oy := v.Origin()
	// The cells the view overlaps, and those its pixels interpolate
	// between (one more on each side).
	vc0, vc1 := int(math.Floor(float64(ox)/cell)), int(math.Floor(float64(ox+w-1)/cell))
	vr0, vr1 := int(math.Floor(float64(oy)/cell)), int(math.Floor(float64(oy+h-1)/cell))
	hc := l.heatCountsFor(v, cell, vc0-1, vc1+1, vr0-1, vr1+1)
	g := hc.grid
	cols := g.Cols
	var top float32
	for r := vr0 - g.Row; r <= vr1-g.Row; r++ {
		for _, x := range hc.lg[r*cols+vc0-g.Col : r*cols+vc1-g.Col+1] {
			top = max(top, x)
		}
	}
	if top == 0 {
		return false
	}
	// The level on the colour ramp is the logarithm scaled so that the
	// densest cell in view is at its top.
	lut := heatColors()
	scale := float32(len(lut)-1) / top
	// Every pixel takes the values at its place, interpolated between
	// the centres of the four nearest cells: smooth at any zoom.
	c0s, fxs := make([]int, w), make([]float32, w)
	for x := range w {
		gx := (float64(ox+x)+0.5)/cell - 0.5
		c := math.Floor(gx)
		c0s[x], fxs[x] = int(c)-g.Col, float32(gx-c)
	}
	lg, faint := hc.lg, hc.faint
	img := l.heatImg
	for y := range h {
		gy := (float64(oy+y)+0.5)/cell - 0.5
		rf := math.Floor(gy)
		r0 := int(rf) - g.Row
		fy := float32(gy - rf)
		lt, lb := lg[r0*cols:(r0+1)*cols], lg[(r0+1)*cols:(r0+2)*cols]
		ft, fb := faint[r0*cols:(r0+1)*cols], faint[(r0+1)*cols:(r0+2)*cols]
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		x0, x1 := w, 0
		for x := range w {
			c, fx := c0s[x], fxs[x]
			if lt[c] == 0 && lt[c+1] == 0 && lb[c] == 0 && lb[c+1] == 0 {
				continue
			}
			x0, x1 = min(x0, x), x+1
			a := lt[c] + (lt[c+1]-lt[c])*fx
			k := (a + (lb[c]+(lb[c+1]-lb[c])*fx-a)*fy) * scale
			b := ft[c] + (ft[c+1]-ft[c])*fx
			f := b + (fb[c]+(fb[c+1]-fb[c])*fx-b)*fy
			alpha := heatAlpha(f, k)
			rgb := lut[min(int(k), len(lut)-1)]
			px := row[4*x : 4*x+4 : 4*x+4]
			px[0], px[1], px[2], px[3] = alpha, uint8(uint16(rgb[1])*uint16(alpha)/255), uint8(uint16(rgb[2])*uint16(alpha)/255), alpha
		}
		if x0 < x1 {
			l.heatSpans[y] = [2]int{x0, x1}
		}
	}
	return true
}

// heatBlurPasses is how many times the blur spreads the counts: six
// reach six cells out, with tails too faint to end at a visible edge.
const heatBlurPasses = 6

// heatOneSide is the side of the grid on which the weight of one event is
// worked out (room for the blur's reach on each side).
const heatOneSide = 2*heatBlurPasses + 1

// spread blurs a grid of counts heatBlurPasses times with the kernel
// [1 2 1] along the rows, then the columns (weights renormalised at the
// edges).
func spread(val []float32, rows, cols int) []float32 {
	tmp := make([]float32, len(val))
	for range heatBlurPasses {
		for r := range rows {
			in, out := val[r*cols:(r+1)*cols], tmp[r*cols:(r+1)*cols]
			for c := range cols {
				sum, w := 2*in[c], float32(2)
				if c > 0 {
					sum, w = sum+in[c-1], w+1
				}
				if c+1 < cols {
					sum, w = sum+in[c+1], w+1
				}
				out[c] = sum / w
			}
		}
		for r := range rows {
			out := val[r*cols : (r+1)*cols]
			mid := tmp[r*cols : (r+1)*cols]
			for c := range cols {
				sum, w := 2*mid[c], float32(2)
				if r > 0 {
					sum, w = sum+tmp[(r-1)*cols+c], w+1
				}
				if r+1 < rows {
					sum, w = sum+tmp[(r+1)*cols+c], w+1
				}
				out[c] = sum / w
			}
		}
	}
	return val
}

// heatColors is the heat map's ramp from yellow to red, by the level k
// of 0–255 (unpremultiplied RGB).
func heatColors() *[256][3]uint8 {
	var lut [256][3]uint8
	for k := range lut {
		f := float64(k) / 255
		lut[k] = [3]uint8{0xff, uint8(0xe0 * (1 - f)), 0x20}
	}
	return &lut
}

// heatAlpha is the opacity of a pixel: up to 40 as its density rises to
// one event's (faint, 0–1), then up to 240 with its level k (0–255).
func heatAlpha(faint, k float32) uint8 {
	return uint8(min(255, 40*faint+200*k/255))
}

// KeepOut keeps the names of places off the map's controls (see the
// KeepOut interface).
func (l *EventLayer) KeepOut(rs []image.Rectangle) { l.keepOut = append(l.keepOut[:0], rs...) }
