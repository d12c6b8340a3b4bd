// Package eventindex keeps the positions and times of every stored event in
// memory, ordered by time, and answers what the map and the timeline draw
// every frame: the events of a view and a date range grouped into clusters,
// and event counts per day, week, month or year. It never touches the store
// after it is built, so a frame costs a scan of flat arrays, not a query.
package eventindex

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

// Index is an immutable snapshot of events for drawing. Dated events come
// first, in time order; undated events follow. Event i is referred to by
// its position i.
type Index struct {
	ids    []string
	x, y   []float64 // world units (see eventmap/geo/viewport)
	lonLat []orb.Point
	unix   []int64
	prec   []model.Precision
	place  []string
	dated  int
}

// New builds an index over the given events. It takes ownership of the
// slice and reorders it.
func New(points []store.EventPoint) *Index {
	slices.SortFunc(points, func(a, b store.EventPoint) int {
		ad, bd := a.Precision != model.Undated, b.Precision != model.Undated
		if ad != bd {
			if ad {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.Unix, b.Unix); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	n := len(points)
	ix := &Index{
		ids: make([]string, n), x: make([]float64, n), y: make([]float64, n),
		lonLat: make([]orb.Point, n), unix: make([]int64, n), prec: make([]model.Precision, n), place: make([]string, n),
	}
	for i, p := range points {
		w := viewport.ToWorld(p.Point)
		ix.ids[i], ix.x[i], ix.y[i], ix.lonLat[i], ix.unix[i], ix.prec[i] = p.ID, w[0], w[1], p.Point, p.Unix, p.Precision
		ix.place[i] = p.PlaceID
		if p.Precision != model.Undated {
			ix.dated = i + 1
		}
	}
	return ix
}

// Len is the number of events.
func (ix *Index) Len() int { return len(ix.ids) }

// Dated is the number of dated events; they are events 0 to Dated()-1.
func (ix *Index) Dated() int { return ix.dated }

// ID returns the ID of event i.
func (ix *Index) ID(i int) string { return ix.ids[i] }

// PlaceID returns the ID of the place of event i.
func (ix *Index) PlaceID(i int) string { return ix.place[i] }

// Select returns the set of the events keep accepts (by position).
func (ix *Index) Select(keep func(i int) bool) *Set {
	s := NewSet(len(ix.ids))
	for i := range ix.ids {
		if keep(i) {
			s.Add(i)
		}
	}
	return s
}

// Grid is a block of square cells aligned to the world at one size, so
// that the same cell keeps its place while the view pans: cell (c, r)
// covers the world pixels [c·Cell, (c+1)·Cell) × [r·Cell, (r+1)·Cell),
// for c in [Col, Col+Cols) and r in [Row, Row+Rows). X is unwrapped.
type Grid struct {
	World      float64 // the side of the world in pixels (View.WorldSize)
	Cell       float64 // the side of a cell in pixels
	Col, Row   int     // the first column and row
	Cols, Rows int     // how many columns and rows
}

// DensityGrid counts the events r and sel select in each cell of g, row
// by row (Cols per row). Each event counts once, on the copy of the world
// nearest the grid's centre; a grid no wider than the world therefore
// holds every event of its area exactly once.
func (ix *Index) DensityGrid(g Grid, r Range, sel *Set) []int32 {
	if g.Cols <= 0 || g.Rows <= 0 || g.Cell <= 0 {
		return nil
	}
	// One cell more at the end takes the events outside the grid, so
	// that the loop does not branch on where each event falls (events
	// in time order are in no order of place).
	n := g.Cols * g.Rows
	grid := make([]int32, n+1)
	inv := 1 / g.Cell
	x0, y0 := float64(g.Col)*g.Cell, float64(g.Row)*g.Cell
	cx := (x0 + float64(g.Cols)*g.Cell/2) / g.World
	cols, rows := g.Cols, g.Rows
	count := func(lo, hi int) {
		xs, ys := ix.x[lo:hi], ix.y[lo:hi]
		for k, y := range ys {
			if sel != nil && !sel.Has(lo+k) {
				continue
			}
			// int(f+1)-1 rounds down for f > -1 and is negative below.
			rw := int((y*g.World-y0)*inv+1) - 1
			c := int((nearestCopy(xs[k], cx)*g.World-x0)*inv+1) - 1
			// out is all ones when the cell is outside the grid, else 0.
			out := (rw | (rows - 1 - rw) | c | (cols - 1 - c)) >> 63
			grid[(rw*cols+c)&^out|n&out]++
		}
	}
	lo, hi := ix.slice(r)
	count(lo, hi)
	if r.Undated {
		count(ix.dated, len(ix.ids))
	}
	return grid[:n]
}

// Point returns the longitude/latitude of event i.
func (ix *Index) Point(i int) orb.Point { return ix.lonLat[i] }

// Time returns the time of event i and its precision.
func (ix *Index) Time(i int) (time.Time, model.Precision) {
	if ix.prec[i] == model.Undated {
		return time.Time{}, model.Undated
	}
	return time.Unix(ix.unix[i], 0).UTC(), ix.prec[i]
}

// Find returns the position of the event with the given ID.
func (ix *Index) Find(id string) (int, bool) {
	for i, v := range ix.ids {
		if v == id {
			return i, true
		}
	}
	return 0, false
}

// Span returns the first and last dated event times, and false when there
// are no dated events.
func (ix *Index) Span() (first, last time.Time, ok bool) {
	if ix.dated == 0 {
		return time.Time{}, time.Time{}, false
	}
	return time.Unix(ix.unix[0], 0).UTC(), time.Unix(ix.unix[ix.dated-1], 0).UTC(), true
}

// Range selects events by time: dated events with From ≤ time < To (a zero
// From or To leaves that side open), plus the undated ones when Undated is
// set.
type Range struct {
	From, To time.Time
	Undated  bool
}

// Has reports whether event i of ix falls in the range.
func (r Range) Has(ix *Index, i int) bool {
	if ix.prec[i] == model.Undated {
		return r.Undated
	}
	u := ix.unix[i]
	return (r.From.IsZero() || u >= r.From.Unix()) && (r.To.IsZero() || u < r.To.Unix())
}

// slice returns the positions [lo, hi) of the dated events in r.
func (ix *Index) slice(r Range) (lo, hi int) {
	lo, hi = 0, ix.dated
	if !r.From.IsZero() {
		t := r.From.Unix()
		lo = sort.Search(ix.dated, func(i int) bool { return ix.unix[i] >= t })
	}
	if !r.To.IsZero() {
		t := r.To.Unix()
		hi = sort.Search(ix.dated, func(i int) bool { return ix.unix[i] >= t })
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// each calls fn for every event position selected by r and sel.
func (ix *Index) each(r Range, sel *Set, fn func(i int)) {
	lo, hi := ix.slice(r)
	ranges := [][2]int{{lo, hi}}
	if r.Undated {
		ranges = append(ranges, [2]int{ix.dated, len(ix.ids)})
	}
	for _, rg := range ranges {
		for i := rg[0]; i < rg[1]; i++ {
			if sel == nil || sel.Has(i) {
				fn(i)
			}
		}
	}
}

// Each calls fn with the position of every event r and sel select, in
// time order (undated events last).
func (ix *Index) Each(r Range, sel *Set, fn func(i int)) { ix.each(r, sel, fn) }

// nearestCopy shifts a world x by whole turns onto the copy of the world
// nearest cx, the view's centre (cheap when it is already there).
func nearestCopy(x, cx float64) float64 {
	if d := x - cx; d > 0.5 {
		x -= math.Ceil(d - 0.5)
	} else if d < -0.5 {
		x += math.Ceil(-d - 0.5)
	}
	return x
}

// Count returns how many events r and sel select.
func (ix *Index) Count(r Range, sel *Set) int {
	if sel == nil {
		lo, hi := ix.slice(r)
		n := hi - lo
		if r.Undated {
			n += len(ix.ids) - ix.dated
		}
		return n
	}
	n := 0
	ix.each(r, sel, func(int) { n++ })
	return n
}

// Set is a set of event positions, such as the events a text filter keeps.
type Set struct{ bits []uint64 }

// NewSet returns an empty set for an index of n events.
func NewSet(n int) *Set { return &Set{bits: make([]uint64, (n+63)/64)} }

// Add puts position i in the set.
func (s *Set) Add(i int) { s.bits[i>>6] |= 1 << (uint(i) & 63) }

// Has reports whether position i is in the set.
func (s *Set) Has(i int) bool {
	w := i >> 6
	return w < len(s.bits) && s.bits[w]&(1<<(uint(i)&63)) != 0
}

// SetOf returns the set of the positions of the given event IDs; IDs the
// index does not hold are ignored.
func (ix *Index) SetOf(ids []string) *Set {
	pos := make(map[string]int, len(ix.ids))
	for i, id := range ix.ids {
		pos[id] = i
	}
	s := NewSet(len(ix.ids))
	for _, id := range ids {
		if i, ok := pos[id]; ok {
			s.Add(i)
		}
	}
	return s
}

// Cluster is a group of nearby events as drawn on a view.
type Cluster struct {
	// X, Y is where to draw it: the mean position of its events, in
	// device pixels of the view.
	X, Y float64
	// Count is the number of events.
	Count int
	// Event is the position of its latest event (the event itself when
	// Count is 1).
	Event int
	// Bound is the longitude/latitude box of its events (for zooming to
	// them); across the antimeridian its longitudes may exceed ±180.
	Bound orb.Bound
}

// Clusters groups the events that r and sel select and that lie in the view
// (or within cellPx of it) by a grid of cellPx device pixels anchored to
// the world, so that clusters stay put while the map pans. Each cluster is
// drawn on the copy of the world nearest the view's centre. The scan is
// split across the CPUs.
func (ix *Index) Clusters(v viewport.View, r Range, sel *Set, cellPx float64) []Cluster {
	if cellPx < 1 {
		cellPx = 1
	}
	g := newGrid(v, cellPx)
	lo, hi := ix.slice(r)
	spans := [][2]int{{lo, hi}}
	if r.Undated {
		spans = append(spans, [2]int{ix.dated, len(ix.ids)})
	}
	// Cut the spans into parts for the workers.
	workers := runtime.GOMAXPROCS(0)
	total := 0
	for _, s := range spans {
		total += s[1] - s[0]
	}
	if total < 50_000 {
		workers = 1
	}
	per := (total + workers - 1) / max(workers, 1)
	var parts [][][2]int
	var cur [][2]int
	left := per
	for _, s := range spans {
		for s[0] < s[1] {
			n := min(left, s[1]-s[0])
			cur = append(cur, [2]int{s[0], s[0] + n})
			s[0] += n
			left -= n
			if left == 0 {
				parts = append(parts, cur)
				cur, left = nil, per
			}
		}
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	accs := make([]*gridAcc, len(parts))
	var wg sync.WaitGroup
	for k, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := g.newAcc()
			for _, s := range p {
				ix.accumulate(g, a, s[0], s[1], sel)
			}
			accs[k] = a
		}()
	}
	wg.Wait()
	return g.clusters(accs)
}

// grid is the cell layout of one Clusters call.
type grid struct {
	W, ox, oy, cx      float64
	w, h, cell, margin float64
	col0, row0         float64
	cols, rows         int
}

func newGrid(v viewport.View, cellPx float64) *grid {
	ox, oy := v.Origin()
	g := &grid{
		W: v.WorldSize(), ox: float64(ox), oy: float64(oy), cx: v.Center[0],
		w: float64(v.Width), h: float64(v.Height), cell: cellPx, margin: cellPx,
	}
	g.col0 = math.Floor(g.ox/cellPx) - 1
	g.row0 = math.Floor(g.oy/cellPx) - 1
	g.cols = int(math.Ceil((g.w+2*g.margin)/cellPx)) + 3
	g.rows = int(math.Ceil((g.h+2*g.margin)/cellPx)) + 3
	return g
}

// gridAcc holds one worker's sums per cell.
type gridAcc struct {
	n, latest              []int32
	sx, sy                 []float64
	minX, maxX, minY, maxY []float64
}

func (g *grid) newAcc() *gridAcc {
	k := g.cols * g.rows
	a := &gridAcc{
		n: make([]int32, k), latest: make([]int32, k), sx: make([]float64, k), sy: make([]float64, k),
		minX: make([]float64, k), maxX: make([]float64, k), minY: make([]float64, k), maxY: make([]float64, k),
	}
	for i := range k {
		a.minX[i], a.minY[i] = math.Inf(1), math.Inf(1)
		a.maxX[i], a.maxY[i] = math.Inf(-1), math.Inf(-1)
	}
	return a
}

// accumulate adds the events lo..hi-1 to a worker's cells.
func (ix *Index) accumulate(g *grid, a *gridAcc, lo, hi int, sel *Set) {
	xs, ys := ix.x[lo:hi], ix.y[lo:hi]
	left, top := g.ox-g.margin, g.oy-g.margin
	right, bottom := g.ox+g.w+g.margin, g.oy+g.h+g.margin
	inv := 1 / g.cell
	for j := range xs {
		if sel != nil && !sel.Has(lo+j) {
			continue
		}
		x := nearestCopy(xs[j], g.cx)
		wx, wy := x*g.W, ys[j]*g.W
		if wx < left || wx > right || wy < top || wy > bottom {
			continue
		}
		c := int(wx*inv - g.col0)
		r := int(wy*inv - g.row0)
		if c < 0 || r < 0 || c >= g.cols || r >= g.rows {
			continue
		}
		k := r*g.cols + c
		a.n[k]++
		a.latest[k] = int32(lo + j) // positions only grow
		a.sx[k] += wx
		a.sy[k] += wy
		if x < a.minX[k] {
			a.minX[k] = x
		}
		if x > a.maxX[k] {
			a.maxX[k] = x
		}
		if ys[j] < a.minY[k] {
			a.minY[k] = ys[j]
		}
		if ys[j] > a.maxY[k] {
			a.maxY[k] = ys[j]
		}
	}
}

// clusters merges the workers' cells into clusters.
func (g *grid) clusters(accs []*gridAcc) []Cluster {
	var out []Cluster
	for k := 0; k < g.cols*g.rows; k++ {
		n := 0
		var sx, sy float64
		latest := int32(-1)
		minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, a := range accs {
			if a.n[k] == 0 {
				continue
			}
			n += int(a.n[k])
			sx += a.sx[k]
			sy += a.sy[k]
			latest = max(latest, a.latest[k])
			minX, maxX = math.Min(minX, a.minX[k]), math.Max(maxX, a.maxX[k])
			minY, maxY = math.Min(minY, a.minY[k]), math.Max(maxY, a.maxY[k])
		}
		if n == 0 {
			continue
		}
		nw := viewport.ToLonLat(orb.Point{0, minY})
		se := viewport.ToLonLat(orb.Point{0, maxY})
		out = append(out, Cluster{
			X: sx/float64(n) - g.ox, Y: sy/float64(n) - g.oy, Count: n, Event: int(latest),
			Bound: orb.Bound{Min: orb.Point{minX*360 - 180, se[1]}, Max: orb.Point{maxX*360 - 180, nw[1]}},
		})
	}
	out = merge(out, g.cell*0.75)
	// Big clusters last, so they are drawn on top.
	slices.SortStableFunc(out, func(a, b Cluster) int { return a.Count - b.Count })
	return out
}

// merge joins clusters whose centres are closer than dist, largest first,
// so that neighbouring grid cells do not draw overlapping discs.
func merge(cs []Cluster, dist float64) []Cluster {
	slices.SortStableFunc(cs, func(a, b Cluster) int { return b.Count - a.Count })
	gone := make([]bool, len(cs))
	d2 := dist * dist
	out := cs[:0:0]
	for i := range cs {
		if gone[i] {
			continue
		}
		c := cs[i]
		sx, sy := c.X*float64(c.Count), c.Y*float64(c.Count)
		for j := i + 1; j < len(cs); j++ {
			if gone[j] {
				continue
			}
			dx, dy := cs[j].X-c.X, cs[j].Y-c.Y
			if dx*dx+dy*dy > d2 {
				continue
			}
			gone[j] = true
			o := cs[j]
			sx += o.X * float64(o.Count)
			sy += o.Y * float64(o.Count)
			c.Count += o.Count
			c.Event = max(c.Event, o.Event)
			c.Bound = c.Bound.Union(o.Bound)
		}
		c.X, c.Y = sx/float64(c.Count), sy/float64(c.Count)
		out = append(out, c)
	}
	return out
}

// InView returns, in time order, the positions of the events that r and sel
// select and that lie inside the view (on any copy of the world).
func (ix *Index) InView(v viewport.View, r Range, sel *Set) []int {
	W := v.WorldSize()
	ox, oy := v.Origin()
	left, top := float64(ox), float64(oy)
	right, bottom := left+float64(v.Width), top+float64(v.Height)
	cx := v.Center[0]
	var out []int
	ix.each(r, sel, func(i int) {
		x := nearestCopy(ix.x[i], cx)
		wx, wy := x*W, ix.y[i]*W
		if wx >= left && wx <= right && wy >= top && wy <= bottom {
			out = append(out, i)
		}
	})
	return out
}
