package store

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"
)

// The spatial index of the events is a grid of one-degree cells held in
// memory beside the BuntDB file, not an R-tree inside it: BuntDB builds its
// R-trees by inserting every item one at a time when the file is opened
// (5 s for a million events, with reads and writes held up meanwhile),
// whereas the grid is filled in one pass over the events, with their values
// shared with BuntDB's own copy, in a fraction of that. Each cell keeps its
// events sorted by time, plus a short unsorted tail of the latest inserts,
// so a box × time search reads only the cells of the box and, in each, only
// the events of the time range.

// gridEntry is one event in the grid. key and val are the strings BuntDB
// holds (not copies).
type gridEntry struct {
	t        int64 // Unix seconds; 0 for undated events
	lon, lat float64
	key, val string
}

// gridCell holds the events of one cell.
type gridCell struct {
	sorted []gridEntry // by t
	tail   []gridEntry // inserted since the last sort
}

const (
	gridW, gridH = 360, 180
	// maxTail is how long a cell's unsorted tail may grow (at least)
	// before it is merged into the sorted part.
	maxTail = 64
)

// grid is the spatial index of one kind of event (dated or undated). Its
// methods are safe for concurrent use.
type grid struct {
	mu    sync.RWMutex
	cells []*gridCell // gridW × gridH, nil when empty
}

func newGrid() *grid { return &grid{cells: make([]*gridCell, gridW*gridH)} }

func cellXY(lon, lat float64) (int, int) {
	x := int(math.Floor(lon + 180))
	y := int(math.Floor(lat + 90))
	return min(max(x, 0), gridW-1), min(max(y, 0), gridH-1)
}

// add puts an event in the grid.
func (g *grid) add(e gridEntry) {
	g.mu.Lock()
	g.addLocked(e)
	g.mu.Unlock()
}

func (g *grid) addLocked(e gridEntry) {
	x, y := cellXY(e.lon, e.lat)
	c := g.cells[y*gridW+x]
	if c == nil {
		c = &gridCell{}
		g.cells[y*gridW+x] = c
	}
	c.tail = append(c.tail, e)
	if len(c.tail) > maxTail && len(c.tail) > len(c.sorted)/8 {
		c.merge()
	}
}

// merge sorts the tail into the sorted part.
func (c *gridCell) merge() {
	if len(c.tail) == 0 {
		return
	}
	slices.SortFunc(c.tail, func(a, b gridEntry) int { return cmpInt64(a.t, b.t) })
	if len(c.sorted) == 0 {
		c.sorted, c.tail = c.tail, nil
		return
	}
	out := make([]gridEntry, 0, len(c.sorted)+len(c.tail))
	i, j := 0, 0
	for i < len(c.sorted) && j < len(c.tail) {
		if c.tail[j].t < c.sorted[i].t {
			out = append(out, c.tail[j])
			j++
		} else {
			out = append(out, c.sorted[i])
			i++
		}
	}
	out = append(out, c.sorted[i:]...)
	out = append(out, c.tail[j:]...)
	c.sorted, c.tail = out, nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// remove takes the event with this key, at this point, out of the grid.
func (g *grid) remove(key string, lon, lat float64) {
	x, y := cellXY(lon, lat)
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.cells[y*gridW+x]
	if c == nil {
		return
	}
	if i := slices.IndexFunc(c.tail, func(e gridEntry) bool { return e.key == key }); i >= 0 {
		c.tail = slices.Delete(c.tail, i, i+1)
	} else if i := slices.IndexFunc(c.sorted, func(e gridEntry) bool { return e.key == key }); i >= 0 {
		c.sorted = slices.Delete(c.sorted, i, i+1)
	}
	if len(c.sorted) == 0 && len(c.tail) == 0 {
		g.cells[y*gridW+x] = nil
	}
}

// search calls fn with the events in the box b (edges included) whose time
// is in [t0, t1], until fn returns false.
func (g *grid) search(b orb.Bound, t0, t1 int64, fn func(key, val string) bool) {
	x0, y0 := cellXY(b.Min[0], b.Min[1])
	x1, y1 := cellXY(b.Max[0], b.Max[1])
	in := func(e *gridEntry) bool {
		return e.t >= t0 && e.t <= t1 && e.lon >= b.Min[0] && e.lon <= b.Max[0] && e.lat >= b.Min[1] && e.lat <= b.Max[1]
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	for y := y0; y <= y1; y++ {
		row := g.cells[y*gridW : (y+1)*gridW]
		for x := x0; x <= x1; x++ {
			c := row[x]
			if c == nil {
				continue
			}
			s := c.sorted
			i, _ := slices.BinarySearchFunc(s, t0, func(e gridEntry, t int64) int { return cmpInt64(e.t, t) })
			for ; i < len(s) && s[i].t <= t1; i++ {
				if in(&s[i]) && !fn(s[i].key, s[i].val) {
					return
				}
			}
			for i := range c.tail {
				if in(&c.tail[i]) && !fn(c.tail[i].key, c.tail[i].val) {
					return
				}
			}
		}
	}
}

// indexLoad collects the events of a database for a bulk build of the
// index.
type indexLoad struct {
	dated, undated []gridEntry
}

func (l *indexLoad) addDated(k, v string) bool {
	if e, ok := entryOf(k, v); ok {
		l.dated = append(l.dated, e)
	}
	return true
}

func (l *indexLoad) addUndated(k, v string) bool {
	if e, ok := entryOf(k, v); ok {
		l.undated = append(l.undated, e)
	}
	return true
}

// build makes the index of the events collected.
func (l *indexLoad) build() *indexes {
	return &indexes{dated: bulkGrid(l.dated), undated: bulkGrid(l.undated)}
}

// bulkGrid makes a grid of entries at once: they are placed by cell in one
// array (each cell a slice of it, sorted by time), with two allocations
// rather than one per cell and growth.
func bulkGrid(entries []gridEntry) *grid {
	g := newGrid()
	if len(entries) == 0 {
		return g
	}
	cellOf := make([]int32, len(entries))
	start := make([]int, gridW*gridH+1)
	for i := range entries {
		x, y := cellXY(entries[i].lon, entries[i].lat)
		c := y*gridW + x
		cellOf[i] = int32(c)
		start[c+1]++
	}
	for c := 1; c < len(start); c++ {
		start[c] += start[c-1]
	}
	all := make([]gridEntry, len(entries))
	next := slices.Clone(start[:gridW*gridH])
	for i := range entries {
		c := cellOf[i]
		all[next[c]] = entries[i]
		next[c]++
	}
	for c := range gridW * gridH {
		if start[c] == start[c+1] {
			continue
		}
		// A full slice expression, so that an insert into the cell
		// reallocates instead of writing over the next cell.
		cell := all[start[c]:start[c+1]:start[c+1]]
		slices.SortFunc(cell, func(a, b gridEntry) int { return cmpInt64(a.t, b.t) })
		g.cells[c] = &gridCell{sorted: cell}
	}
	return g
}

// entryOf reads the point and time of an event's value for the grid.
func entryOf(key, val string) (gridEntry, bool) {
	end := strings.IndexByte(val, ']')
	if end < 0 || len(val) < end+2 {
		return gridEntry{}, false
	}
	lon, lat, ok := parseLonLat(val[1:end])
	if !ok {
		return gridEntry{}, false
	}
	e := gridEntry{lon: lon, lat: lat, key: key, val: val}
	fields := val[end+2:]
	if i := strings.IndexByte(fields, '\t'); i > 0 {
		n, err := strconv.ParseInt(fields[:i], 10, 64)
		if err != nil {
			return gridEntry{}, false
		}
		e.t = n
	}
	return e, true
}

// indexes are the grids of dated and undated events.
type indexes struct {
	dated, undated *grid
}

// put adds an event written under key with value val.
func (ix *indexes) put(key, val string) {
	e, ok := entryOf(key, val)
	if !ok {
		return
	}
	if strings.HasPrefix(key, prefixDated) {
		ix.dated.add(e)
	} else {
		ix.undated.add(e)
	}
}

// drop removes an event that was stored under key with value val.
func (ix *indexes) drop(key, val string) {
	e, ok := entryOf(key, val)
	if !ok {
		return
	}
	if strings.HasPrefix(key, prefixDated) {
		ix.dated.remove(key, e.lon, e.lat)
	} else {
		ix.undated.remove(key, e.lon, e.lat)
	}
}
