// Package basemap draws the offline world map: Natural Earth's land,
// coastlines and country borders, decoded from the compact form embedded in
// eventmap/assets, chosen by level of detail for the zoom, and rasterised
// into anti-aliased tiles that a Renderer caches and composes into views.
package basemap

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"

	"eventmap/assets"
	"eventmap/geo/viewport"
)

// ErrFormat is returned (wrapped) when basemap data is not in the expected
// form.
var ErrFormat = errors.New("basemap: bad data")

// Atlas is a decoded basemap: Natural Earth at several scales, and the
// prepared drawing layers for each level of detail, built on first use.
// An Atlas is safe for concurrent use.
type Atlas struct {
	levels map[string]*Level
	names  []string
	lods   []*lod
}

// Level is Natural Earth at one scale ("110m", "50m" or "10m").
type Level struct {
	// Name is the Natural Earth scale, such as "50m".
	Name string
	// Countries are the admin-0 countries, sorted by name.
	Countries    []Country
	arcs         [][]orb.Point // longitude/latitude
	land         [][][]int64   // polygons as rings of arc references
	countryRings [][]int64     // every country ring as arc references
}

// Country is one admin-0 country of Natural Earth.
type Country struct {
	// ID is the ISO 3166-1 numeric code ("643" for Russia); a few
	// disputed areas have none.
	ID string
	// Name is Natural Earth's short English name.
	Name string
	// Shape is the country's outline in longitude/latitude.
	Shape orb.MultiPolygon
	// Bound is the box around Shape.
	Bound orb.Bound
}

// lod is one level of detail: which scale to draw from, up to which zoom,
// and how hard to simplify it for that zoom.
type lod struct {
	maxZoom  float64 // used below this effective zoom
	level    string
	simplify float64 // simplify for this zoom (0: draw as is)
	once     sync.Once
	layer    *layer
}

// Load decodes the basemap embedded in the binary.
func Load() (*Atlas, error) {
	return Decode(assets.Basemap)
}

// maxBasemap bounds the inflated size of a basemap, far above the
// embedded one's.
const maxBasemap = 256 << 20

// Decode reads a basemap in the form written by assets/internal/basemapgen
// (version 2, compressed, or version 1, not).
func Decode(data []byte) (*Atlas, error) {
	d := &decoder{b: data}
	magic := d.bytes(9)
	if string(magic) != "EMBASEMAP" {
		return nil, fmt.Errorf("%w: not a basemap file", ErrFormat)
	}
	v := d.bytes(1)
	switch {
	case len(v) != 1:
		return nil, fmt.Errorf("%w: no version", ErrFormat)
	case v[0] == 2:
		// Version 2: the rest is compressed with Brotli.
		body, err := io.ReadAll(io.LimitReader(brotli.NewReader(bytes.NewReader(d.b)), maxBasemap+1))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		if len(body) > maxBasemap {
			return nil, fmt.Errorf("%w: more than %d bytes inflated", ErrFormat, maxBasemap)
		}
		d.b = body
	case v[0] != 1:
		return nil, fmt.Errorf("%w: unsupported version %d", ErrFormat, v[0])
	}
	a := &Atlas{levels: make(map[string]*Level)}
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		l := d.level()
		if d.err == nil {
			a.levels[l.Name] = l
			a.names = append(a.names, l.Name)
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(a.names) == 0 {
		return nil, fmt.Errorf("%w: no levels", ErrFormat)
	}
	a.lods = a.planLODs()
	return a, nil
}

// planLODs picks the levels of detail for the levels present: 1:110m far
// out, 1:50m in between and 1:10m close in, simplified to half a pixel for
// the zooms where its full detail would be wasted.
func (a *Atlas) planLODs() []*lod {
	plan := []struct {
		maxZoom     float64
		level       string
		simplifyFor float64
	}{
		{2.5, "110m", 0},
		{4.5, "50m", 0},
		{6.5, "10m", 4.5},
		{8.5, "10m", 6.5},
		{math.Inf(1), "10m", 0},
	}
	var lods []*lod
	for _, p := range plan {
		name := p.level
		if a.levels[name] == nil {
			// Fall back to the most detailed level there is.
			name = a.names[len(a.names)-1]
		}
		tol := 0.0
		if p.simplifyFor > 0 {
			tol = 0.5 / (viewport.TileSize * math.Exp2(p.simplifyFor))
		}
		lods = append(lods, &lod{maxZoom: p.maxZoom, level: name, simplify: tol})
	}
	return lods
}

// Levels returns the scales in the atlas, coarse first.
func (a *Atlas) Levels() []string { return append([]string(nil), a.names...) }

// Level returns the named scale, or nil.
func (a *Atlas) Level(name string) *Level { return a.levels[name] }

// layerFor returns the drawing layer for an effective zoom (the zoom at
// which the world is as many device pixels wide as it is being drawn).
func (a *Atlas) layerFor(zoom float64) *layer {
	for _, l := range a.lods {
		if zoom < l.maxZoom {
			l.once.Do(func() { l.layer = buildLayer(a.levels[l.level], l.simplify) })
			return l.layer
		}
	}
	l := a.lods[len(a.lods)-1]
	l.once.Do(func() { l.layer = buildLayer(a.levels[l.level], l.simplify) })
	return l.layer
}

// Prepare builds the drawing layers of every level of detail now, rather
// than when a zoom first needs them, so that zooming never waits for
// them. It takes a few hundred milliseconds; run it off the UI thread.
func (a *Atlas) Prepare() {
	for _, l := range a.lods {
		a.layerFor(l.maxZoom - 0.5)
	}
}

// CountryAt returns the country under a longitude/latitude at the given
// scale (the most detailed one when scale is ""), and whether there is one.
func (a *Atlas) CountryAt(ll orb.Point, scale string) (Country, bool) {
	l := a.levels[scale]
	if l == nil {
		l = a.levels[a.names[len(a.names)-1]]
	}
	for _, c := range l.Countries {
		if c.Bound.Contains(ll) && planar.MultiPolygonContains(c.Shape, ll) {
			return c, true
		}
	}
	return Country{}, false
}

// Arcs returns the level's arcs (the shared pieces of its outlines) in
// longitude/latitude. The slice must not be modified.
func (l *Level) Arcs() [][]orb.Point { return l.arcs }

// ring builds a closed ring from arc references.
func ring(arcs [][]orb.Point, refs []int64) orb.Ring {
	var r orb.Ring
	for i, ref := range refs {
		arc := arcs[arcIndex(ref)]
		start := len(r)
		if ref < 0 {
			for j := len(arc) - 1; j >= 0; j-- {
				r = append(r, arc[j])
			}
		} else {
			r = append(r, arc...)
		}
		if i > 0 && start > 0 && len(r) > start {
			// Consecutive arcs share their joining point.
			r = append(r[:start], r[start+1:]...)
		}
	}
	return r
}

func arcIndex(ref int64) int64 {
	if ref < 0 {
		return ^ref
	}
	return ref
}

// layer is what a tile is drawn from at one level of detail, in world
// units (see eventmap/geo/viewport): filled land rings, coastlines and
// borders, each cut into pieces with their bounding boxes.
type layer struct {
	land    []shape
	coast   []shape
	borders []shape
}

type shape struct {
	pts orb.LineString
	b   orb.Bound
}

// maxPiece is the longest polyline piece, in points, so that a tile only
// walks the parts of a long coastline near it.
const maxPiece = 64

func buildLayer(l *Level, tol float64) *layer {
	arcs := make([][]orb.Point, len(l.arcs))
	for i, arc := range l.arcs {
		w := make(orb.LineString, len(arc))
		for j, p := range arc {
			w[j] = viewport.ToWorld(p)
			if p[0] >= 180 {
				w[j][0] = 1
			}
		}
		unwrap(w)
		if tol > 0 && len(w) > 2 {
			w = simplify.DouglasPeucker(tol).LineString(w)
		}
		arcs[i] = w
	}
	ly := &layer{}
	inLand := make([]bool, len(arcs))
	for _, poly := range l.land {
		for _, refs := range poly {
			r := ring(arcs, refs)
			unwrap(r)
			if len(r) >= 3 {
				ly.land = appendRingPieces(ly.land, r, r.Bound(), 0)
			}
			for _, ref := range refs {
				inLand[arcIndex(ref)] = true
			}
		}
	}
	inCountry := make([]bool, len(arcs))
	for _, refs := range l.countryRings {
		for _, ref := range refs {
			inCountry[arcIndex(ref)] = true
		}
	}
	for i, arc := range arcs {
		switch {
		case inLand[i]:
			ly.coast = appendPieces(ly.coast, arc, true)
		case inCountry[i]:
			ly.borders = appendPieces(ly.borders, arc, false)
		}
	}
	return ly
}

// maxFillPiece is the most points a filled piece of land has. Larger
// rings (Eurasia has hundreds of thousands at 1:10m) are cut along a
// quadtree into pieces, so a tile close in walks only the pieces near it.
// The pieces are filled in one path, where the cut edges they share cancel
// out, so the cuts leave no seam.
const maxFillPiece = 1024

// appendRingPieces adds a ring, cut into quadrants of its box until each
// piece is small enough.
func appendRingPieces(dst []shape, r orb.Ring, b orb.Bound, depth int) []shape {
	if len(r) <= maxFillPiece || depth >= 12 {
		return append(dst, shape{orb.LineString(r), r.Bound()})
	}
	c := b.Center()
	quads := []orb.Bound{
		{Min: b.Min, Max: c},
		{Min: orb.Point{c[0], b.Min[1]}, Max: orb.Point{b.Max[0], c[1]}},
		{Min: orb.Point{b.Min[0], c[1]}, Max: orb.Point{c[0], b.Max[1]}},
		{Min: c, Max: b.Max},
	}
	for _, q := range quads {
		piece := clip.Ring(q, r.Clone())
		if len(piece) >= 3 {
			dst = appendRingPieces(dst, piece, q, depth+1)
		}
	}
	return dst
}

// unwrap removes the jumps of a whole turn that outlines crossing the
// antimeridian make in world units (x from 0.999 to 0.001), shifting the
// points after a jump by a turn so that the outline is continuous; x may
// then lie outside [0,1].
func unwrap(pts []orb.Point) {
	shift := 0.0
	for i := 1; i < len(pts); i++ {
		pts[i][0] += shift
		if d := pts[i][0] - pts[i-1][0]; d > 0.5 {
			shift--
			pts[i][0]--
		} else if d < -0.5 {
			shift++
			pts[i][0]++
		}
	}
}

// appendPieces cuts a polyline into pieces of at most maxPiece points. For
// coastlines it also leaves out the edges that are not shore but the edge
// of the map: cuts along the antimeridian and the bottom of Antarctica.
func appendPieces(dst []shape, line orb.LineString, coast bool) []shape {
	start := 0
	flush := func(end int) { // points [start, end]
		for start < end {
			stop := min(end, start+maxPiece-1)
			piece := line[start : stop+1]
			dst = append(dst, shape{piece, piece.Bound()})
			start = stop
		}
	}
	for i := 1; i < len(line); i++ {
		if coast && mapEdge(line[i-1], line[i]) {
			flush(i - 1)
			start = i
		}
	}
	flush(len(line) - 1)
	return dst
}

// mapEdge tells whether a segment (in world units) runs along the
// antimeridian or the bottom edge of the map.
func mapEdge(a, b orb.Point) bool {
	const eps = 1e-6
	edgeX := func(x float64) bool { return math.Abs(x-math.Round(x)) < eps }
	if edgeX(a[0]) && edgeX(b[0]) && math.Abs(a[0]-b[0]) < eps {
		return true
	}
	return a[1] > 1-eps && b[1] > 1-eps
}

// decoder reads the basemap's primitives and keeps the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated or corrupt %s", ErrFormat, what)
	}
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.fail("data")
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length and checks it against what is left, so corrupt
// data cannot ask for a huge allocation.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail("count")
		return 0
	}
	return int(v)
}

func (d *decoder) f64() float64 {
	b := d.bytes(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

func (d *decoder) str() string { return string(d.bytes(d.count())) }

func (d *decoder) polygons(nArcs int) [][][]int64 {
	n := d.count()
	polys := make([][][]int64, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		nr := d.count()
		poly := make([][]int64, 0, nr)
		for j := 0; j < nr && d.err == nil; j++ {
			na := d.count()
			refs := make([]int64, 0, na)
			for k := 0; k < na && d.err == nil; k++ {
				ref := d.varint()
				if idx := arcIndex(ref); idx < 0 || idx >= int64(nArcs) {
					d.fail("arc reference")
				}
				refs = append(refs, ref)
			}
			poly = append(poly, refs)
		}
		polys = append(polys, poly)
	}
	return polys
}

func (d *decoder) level() *Level {
	l := &Level{Name: d.str()}
	sx, sy, tx, ty := d.f64(), d.f64(), d.f64(), d.f64()
	na := d.count()
	l.arcs = make([][]orb.Point, 0, na)
	for i := 0; i < na && d.err == nil; i++ {
		np := d.count()
		arc := make([]orb.Point, 0, np)
		var x, y int64
		for j := 0; j < np && d.err == nil; j++ {
			x += d.varint()
			y += d.varint()
			arc = append(arc, orb.Point{float64(x)*sx + tx, float64(y)*sy + ty})
		}
		l.arcs = append(l.arcs, arc)
	}
	nc := d.count()
	for i := 0; i < nc && d.err == nil; i++ {
		c := Country{ID: d.str(), Name: d.str()}
		polys := d.polygons(na)
		for _, p := range polys {
			var poly orb.Polygon
			for _, refs := range p {
				poly = append(poly, ring(l.arcs, refs))
				l.countryRings = append(l.countryRings, refs)
			}
			c.Shape = append(c.Shape, poly)
		}
		c.Bound = c.Shape.Bound()
		l.Countries = append(l.Countries, c)
	}
	l.land = d.polygons(na)
	sort.SliceStable(l.Countries, func(i, j int) bool { return l.Countries[i].Name < l.Countries[j].Name })
	return l
}
