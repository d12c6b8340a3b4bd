package eventindex

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func ev(id string, lon, lat float64, t time.Time) store.EventPoint {
	p := store.EventPoint{ID: id, Point: orb.Point{lon, lat}, Unix: t.Unix(), Precision: model.Day, PlaceID: "place-" + id}
	if t.IsZero() {
		p.Unix, p.Precision = 0, model.Undated
	}
	return p
}

func sample() *Index {
	return New([]store.EventPoint{
		ev("vladivostok", 131.882, 43.116, day(2019, 4, 25)),
		ev("undated", 10, 10, time.Time{}),
		ev("cosmodrome", 128.334, 51.884, day(2023, 9, 13)),
		ev("east-sea", 134.5, 40, day(2023, 9, 13)),
		ev("kyiv", 30.52, 50.45, day(2022, 2, 24)),
		ev("fiji", 178.44, -18.14, day(2021, 1, 1)),
		ev("samoa", -171.76, -13.83, day(2021, 1, 2)),
	})
}

func TestOrderAndSpan(t *testing.T) {
	ix := sample()
	if ix.Len() != 7 || ix.Dated() != 6 {
		t.Fatalf("len %d dated %d", ix.Len(), ix.Dated())
	}
	want := []string{"vladivostok", "fiji", "samoa", "kyiv", "cosmodrome", "east-sea", "undated"}
	for i, id := range want {
		if ix.ID(i) != id {
			t.Errorf("event %d is %s, want %s", i, ix.ID(i), id)
		}
	}
	first, last, ok := ix.Span()
	if !ok || !first.Equal(day(2019, 4, 25)) || !last.Equal(day(2023, 9, 13)) {
		t.Errorf("span %v %v %v", first, last, ok)
	}
	if i, ok := ix.Find("kyiv"); !ok || ix.Point(i) != (orb.Point{30.52, 50.45}) {
		t.Errorf("Find kyiv: %d %v", i, ok)
	}
	if tm, p := ix.Time(6); !tm.IsZero() || p != model.Undated {
		t.Errorf("undated time %v %v", tm, p)
	}
}

func TestCount(t *testing.T) {
	ix := sample()
	cases := []struct {
		name string
		r    Range
		sel  []string
		want int
	}{
		{"everything dated", Range{}, nil, 6},
		{"with undated", Range{Undated: true}, nil, 7},
		{"2021 to 2022", Range{From: day(2021, 1, 1), To: day(2023, 1, 1)}, nil, 3},
		{"to is exclusive", Range{To: day(2021, 1, 2)}, nil, 2},
		{"a selection", Range{}, []string{"kyiv", "fiji", "nope"}, 2},
		{"empty range", Range{From: day(2030, 1, 1)}, nil, 0},
	}
	for _, c := range cases {
		var sel *Set
		if c.sel != nil {
			sel = ix.SetOf(c.sel)
		}
		if got := ix.Count(c.r, sel); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func TestClusters(t *testing.T) {
	ix := sample()
	total := func(cs []Cluster) int {
		n := 0
		for _, c := range cs {
			n += c.Count
		}
		return n
	}
	// The whole world at zoom 1 in 128 px cells: the three Far East
	// events fall in one cell.
	v := viewport.New(orb.Point{0, 0}, 1, 512, 512, 1)
	cs := ix.Clusters(v, Range{}, nil, 128)
	if total(cs) != 6 {
		t.Fatalf("clusters hold %d events: %+v", total(cs), cs)
	}
	big := cs[len(cs)-1]
	if big.Count != 3 || ix.ID(big.Event) != "east-sea" {
		t.Errorf("largest cluster %+v (latest %s)", big, ix.ID(big.Event))
	}
	if !big.Bound.Contains(orb.Point{131.882, 43.116}) || !big.Bound.Contains(orb.Point{128.334, 51.884}) {
		t.Errorf("cluster bound %v", big.Bound)
	}
	// Close in, the cosmodrome stands alone, drawn where the view puts it.
	v = viewport.New(orb.Point{128.334, 51.884}, 8, 800, 600, 1)
	cs = ix.Clusters(v, Range{}, nil, 64)
	if len(cs) != 1 || cs[0].Count != 1 || ix.ID(cs[0].Event) != "cosmodrome" {
		t.Fatalf("close in: %+v", cs)
	}
	if math.Abs(cs[0].X-400) > 1 || math.Abs(cs[0].Y-300) > 1 {
		t.Errorf("drawn at %.1f,%.1f, want the centre", cs[0].X, cs[0].Y)
	}
	// Across the antimeridian, Fiji and Samoa are both drawn, each on the
	// copy of the world in view.
	v = viewport.New(orb.Point{180, -16}, 5, 1200, 600, 1)
	cs = ix.Clusters(v, Range{}, nil, 32)
	if total(cs) != 2 {
		t.Fatalf("antimeridian: %+v", cs)
	}
	for _, c := range cs {
		if c.X < 0 || c.X > 1200 {
			t.Errorf("cluster off the view at x=%.0f", c.X)
		}
	}
	// The time range and selection apply.
	cs = ix.Clusters(viewport.New(orb.Point{0, 0}, 1, 512, 512, 1), Range{From: day(2022, 1, 1)}, ix.SetOf([]string{"kyiv", "cosmodrome", "fiji"}), 64)
	if total(cs) != 2 {
		t.Errorf("filtered: %+v", cs)
	}
}

func TestClustersAreStableWhilePanning(t *testing.T) {
	var pts []store.EventPoint
	for i := range 200 {
		pts = append(pts, ev(fmt.Sprint(i), float64(i%20)*0.37, float64(i/20)*0.41, day(2020, 1, 1)))
	}
	ix := New(pts)
	v := viewport.New(orb.Point{3, 2}, 6, 800, 600, 1)
	a := ix.Clusters(v, Range{}, nil, 50)
	b := ix.Clusters(v.Pan(-37, 23), Range{}, nil, 50)
	if len(a) != len(b) {
		t.Fatalf("%d clusters, then %d after a small pan", len(a), len(b))
	}
	for i := range a {
		if a[i].Count != b[i].Count || math.Abs(b[i].X-a[i].X+37) > 1e-6 || math.Abs(b[i].Y-a[i].Y-23) > 1e-6 {
			t.Errorf("cluster %d moved differently from the map: %+v → %+v", i, a[i], b[i])
		}
	}
}

func TestHistogram(t *testing.T) {
	ix := sample()
	cases := []struct {
		name     string
		from, to time.Time
		step     Step
		sel      []string
		want     []int
	}{
		{"years", day(2019, 1, 1), day(2024, 1, 1), Year, nil, []int{1, 0, 2, 1, 2}},
		{"years, a selection", day(2019, 1, 1), day(2024, 1, 1), Year, []string{"fiji", "cosmodrome"}, []int{0, 0, 1, 0, 1}},
		{"months of 2023", day(2023, 8, 15), day(2023, 10, 1), Month, nil, []int{0, 2}},
		{"days", day(2020, 12, 31), day(2021, 1, 3), Day, nil, []int{0, 1, 1}},
		{"weeks from Monday", day(2021, 1, 1), day(2021, 1, 8), Week, nil, []int{2, 0}},
	}
	for _, c := range cases {
		var sel *Set
		if c.sel != nil {
			sel = ix.SetOf(c.sel)
		}
		bs := ix.Histogram(c.from, c.to, c.step, sel)
		var got []int
		for _, b := range bs {
			got = append(got, b.Count)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if bs := ix.Histogram(day(2021, 1, 1), day(2021, 1, 8), Week, nil); !bs[0].Start.Equal(day(2020, 12, 28)) || bs[0].Start.Weekday() != time.Monday {
		t.Errorf("week starts %v", bs[0].Start)
	}
}

func TestStepFor(t *testing.T) {
	cases := []struct {
		days int
		want Step
	}{{30, Day}, {200, Day}, {1000, Week}, {3650, Month}, {36500, Year}}
	for _, c := range cases {
		if got := StepFor(day(2000, 1, 1), day(2000, 1, 1).AddDate(0, 0, c.days), 200); got != c.want {
			t.Errorf("%d days: %v, want %v", c.days, got, c.want)
		}
	}
}

func TestInView(t *testing.T) {
	ix := sample()
	v := viewport.New(orb.Point{130, 45}, 4, 800, 600, 1)
	var got []string
	for _, i := range ix.InView(v, Range{}, nil) {
		got = append(got, ix.ID(i))
	}
	if fmt.Sprint(got) != "[vladivostok cosmodrome east-sea]" {
		t.Errorf("in view: %v", got)
	}
	if n := len(ix.InView(v, Range{From: day(2020, 1, 1)}, nil)); n != 2 {
		t.Errorf("in view since 2020: %d", n)
	}
	// Across the antimeridian.
	v = viewport.New(orb.Point{180, -16}, 4, 800, 600, 1)
	if n := len(ix.InView(v, Range{}, nil)); n != 2 {
		t.Errorf("by the antimeridian: %d", n)
	}
}

func TestSelect(t *testing.T) {
	ix := sample()
	s := ix.Select(func(i int) bool { return strings.HasPrefix(ix.PlaceID(i), "place-k") })
	if n := ix.Count(Range{Undated: true}, s); n != 1 {
		t.Errorf("selected %d", n)
	}
}

func TestRangeHas(t *testing.T) {
	ix := sample()
	r := Range{From: day(2021, 1, 1), To: day(2021, 1, 2)}
	n := 0
	for i := range ix.Len() {
		if r.Has(ix, i) {
			n++
			if ix.ID(i) != "fiji" {
				t.Errorf("%s in range", ix.ID(i))
			}
		}
	}
	if n != 1 || !(Range{Undated: true}).Has(ix, ix.Len()-1) || (Range{}).Has(ix, ix.Len()-1) {
		t.Errorf("Has: %d in range, undated handling wrong", n)
	}
}

// TestDensityGrid: a world-aligned grid counts each event of its area
// once, on the copy of the world nearest its centre (across the
// antimeridian too), and none outside it.
func TestDensityGrid(t *testing.T) {
	ix := sample()
	v := viewport.New(orb.Point{180, -16}, 4, 800, 600, 1)
	W := v.WorldSize()
	ox, oy := v.Origin()
	g := Grid{World: W, Cell: 50, Col: ox / 50, Row: oy / 50, Cols: 800/50 + 1, Rows: 600/50 + 1}
	total := 0
	for _, n := range ix.DensityGrid(g, Range{}, nil) {
		total += int(n)
	}
	if want := len(ix.InView(v, Range{}, nil)); total != want || total == 0 {
		t.Errorf("the grid by the antimeridian holds %d events, the view %d", total, want)
	}
	g.Col += 1000
	for _, n := range ix.DensityGrid(g, Range{}, nil) {
		if n != 0 {
			t.Fatalf("a grid away from the events counts %d", n)
		}
	}
	if ix.DensityGrid(Grid{World: W, Cell: 50}, Range{}, nil) != nil {
		t.Error("an empty grid has cells")
	}
}

// TestDensityGridEdges: an event a fraction of a cell left of or above
// the grid is outside it, one in its first cell inside.
func TestDensityGridEdges(t *testing.T) {
	ix := sample()
	const W, cell = 1 << 20, 10.0
	px, py := ix.x[0]*W, ix.y[0]*W
	col, row := int(math.Floor(px/cell)), int(math.Floor(py/cell))
	one := func(c, r int) int32 {
		total := int32(0)
		for _, n := range ix.DensityGrid(Grid{World: W, Cell: cell, Col: c, Row: r, Cols: 1, Rows: 1}, Range{Undated: true}, nil) {
			total += n
		}
		return total
	}
	if n := one(col, row); n != 1 {
		t.Errorf("the event's own cell holds %d", n)
	}
	if n := one(col+1, row) + one(col, row+1) + one(col-1, row) + one(col, row-1); n != 0 {
		t.Errorf("the cells around the event hold %d", n)
	}
}
