package gazetteer

import (
	"math"

	"eventmap/geo/gazetteer/gazfile"

	"github.com/paulmach/orb"
)

// grid buckets the embedded places by cell (gridRes cells per degree) for
// Nearest and Within.
type grid struct {
	start []int32 // cell c holds idx[start[c]:start[c+1]]
	idx   []int32
}

const (
	gridRes = 4 // cells per degree
	gridW   = 360 * gridRes
	gridH   = 180 * gridRes
	cellKM  = 111.32 / gridRes // a cell's height in km
)

func cellOf(p orb.Point) (int, int) {
	x := int(math.Floor((p.Lon() + 180) * gridRes))
	y := int(math.Floor((p.Lat() + 90) * gridRes))
	return min(max(x, 0), gridW-1), min(max(y, 0), gridH-1)
}

func newGrid(f *gazfile.File) *grid {
	n := f.Len()
	cells := make([]int32, n)
	g := &grid{start: make([]int32, gridW*gridH+1), idx: make([]int32, n)}
	for i := range n {
		x, y := cellOf(f.Point(i))
		c := int32(y*gridW + x)
		cells[i] = c
		g.start[c+1]++
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	fill := make([]int32, gridW*gridH)
	copy(fill, g.start)
	for i, c := range cells {
		g.idx[fill[c]] = int32(i)
		fill[c]++
	}
	return g
}

func (g *grid) cell(x, y int) []int32 {
	c := y*gridW + x
	return g.idx[g.start[c]:g.start[c+1]]
}

// rings visits the cells around p ring by ring, with a lower bound on the
// distance in km of anything in that ring, until fn returns false.
func (g *grid) rings(p orb.Point, fn func(idx []int32, lowerKM float64) bool) {
	cx, cy := cellOf(p)
	for r := 0; r < gridW/2; r++ {
		lat := math.Min(math.Abs(p.Lat())+float64(r+1)/gridRes, 89.999)
		lower := math.Max(float64(r-1), 0) * cellKM * math.Cos(lat*math.Pi/180)
		for dy := -r; dy <= r; dy++ {
			y := cy + dy
			if y < 0 || y >= gridH {
				continue
			}
			step := 1
			if dy != -r && dy != r {
				step = 2 * r // only the two side cells of the ring
			}
			for dx := -r; dx <= r; dx += max(step, 1) {
				x := ((cx+dx)%gridW + gridW) % gridW
				if !fn(g.cell(x, y), lower) {
					return
				}
			}
		}
	}
}

// within visits the places of the cells that overlap b.
func (g *grid) within(b orb.Bound, fn func(i int32) bool) {
	x0, y0 := cellOf(b.Min)
	x1, y1 := cellOf(b.Max)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range g.cell(x, y) {
				if !fn(i) {
					return
				}
			}
		}
	}
}
