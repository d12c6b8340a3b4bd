package app

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
	"eventmap/geo/viewport"
)

// Overlay draws on top of the basemap, into the map's frame.
type Overlay interface {
	// Draw paints the overlay for the view into dst (the view's size).
	Draw(dst *image.RGBA, v viewport.View, dark bool)
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
	selected int // position in index, or -1
	clusters []eventindex.Cluster

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
	heat bool

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
	l.index, l.selected, l.sel, l.clusters = ix, -1, nil, nil
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
	l.clusters = l.index.Clusters(v, l.rng, l.sel, clusterCellPx*v.Scale)
	for _, c := range l.clusters {
		sel := l.selected >= 0 && c.Event == l.selected && c.Count == 1
		sp := l.sprite(c.Count, v.Scale, dark, sel)
		at := image.Pt(int(math.Round(c.X))-sp.Rect.Dx()/2, int(math.Round(c.Y))-sp.Rect.Dy()/2)
		draw.Draw(dst, sp.Rect.Add(at), sp, image.Point{}, draw.Over)
	}
	if l.selected >= 0 {
		l.drawSelectedInCluster(dst, v, dark)
	}
	l.drawLabels(dst, v, dark)
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
	sp := l.sprite(1, v.Scale, dark, true)
	at := image.Pt(int(math.Round(x))-sp.Rect.Dx()/2, int(math.Round(y))-sp.Rect.Dy()/2)
	draw.Draw(dst, sp.Rect.Add(at), sp, image.Point{}, draw.Over)
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
	if len(l.sprites) > 4000 {
		clear(l.sprites)
	}
	ring := 1.6 * scale
	outer := r
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
	}
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
	l.sprites[key] = img
	return img
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

// drawHeat paints the density of events: each cell of the grid coloured
// from a transparent yellow to an opaque red by the logarithm of its count,
// spread over its neighbours so that the picture is smooth.
func (l *EventLayer) drawHeat(dst *image.RGBA, v viewport.View) {
	cell := heatCellPx * v.Scale
	grid, cols := l.index.Density(v, l.rng, l.sel, cell)
	rows := len(grid) / cols
	// A 3×3 blur, twice.
	val := make([]float64, len(grid))
	for i, n := range grid {
		val[i] = float64(n)
	}
	tmp := make([]float64, len(val))
	for range 2 {
		for r := range rows {
			for c := range cols {
				sum, w := 0.0, 0.0
				for dr := -1; dr <= 1; dr++ {
					for dc := -1; dc <= 1; dc++ {
						rr, cc := r+dr, c+dc
						if rr < 0 || cc < 0 || rr >= rows || cc >= cols {
							continue
						}
						k := 1.0
						if dr == 0 && dc == 0 {
							k = 2
						}
						sum += k * val[rr*cols+cc]
						w += k
					}
				}
				tmp[r*cols+c] = sum / w
			}
		}
		val, tmp = tmp, val
	}
	peak := 0.0
	for _, x := range val {
		peak = math.Max(peak, x)
	}
	if peak <= 0 {
		return
	}
	lp := math.Log1p(peak)
	for r := range rows {
		for c := range cols {
			x := val[r*cols+c]
			if x < 0.02 {
				continue
			}
			f := math.Log1p(x) / lp // 0..1
			col := color.NRGBA{0xff, uint8(0xe0 * (1 - f)), 0x20, uint8(40 + 200*f)}
			rect := image.Rect(int(float64(c)*cell), int(float64(r)*cell), int(float64(c+1)*cell), int(float64(r+1)*cell))
			draw.Draw(dst, rect.Intersect(dst.Rect), image.NewUniform(col), image.Point{}, draw.Over)
		}
	}
}
