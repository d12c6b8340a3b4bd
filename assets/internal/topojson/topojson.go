// Package topojson reads the parts of TopoJSON topologies that eventmap's
// generators use: geometry collections of polygons, their ids and names,
// and arcs, quantised or not.
package topojson

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// Topology is a TopoJSON topology.
type Topology struct {
	Type string `json:"type"`
	// Transform is set for quantised topologies: positions are then
	// delta-encoded integers.
	Transform *Transform        `json:"transform"`
	Arcs      [][][]float64     `json:"arcs"`
	Objects   map[string]Object `json:"objects"`
}

// Transform maps quantised positions to coordinates.
type Transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// Object is a geometry collection.
type Object struct {
	Type       string     `json:"type"`
	Geometries []Geometry `json:"geometries"`
}

// Geometry is one geometry of a collection.
type Geometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// IDString returns the geometry's id as a string (TopoJSON allows numbers),
// or "".
func (g *Geometry) IDString() string {
	var s string
	if json.Unmarshal(g.ID, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(g.ID, &n) == nil {
		return n.String()
	}
	return ""
}

// PolygonRefs returns the polygons of a Polygon or MultiPolygon geometry
// as rings of arc references (~i is arc i reversed); other types have
// none.
func (g *Geometry) PolygonRefs() ([][][]int64, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int64
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, err
		}
		return [][][]int64{p}, nil
	case "MultiPolygon":
		var mp [][][]int64
		err := json.Unmarshal(g.Arcs, &mp)
		return mp, err
	}
	return nil, nil
}

// Positions returns the arcs in coordinates, undoing the quantisation
// (delta encoding and transform) when there is one.
func (t *Topology) Positions() ([][]orb.Point, error) {
	out := make([][]orb.Point, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([]orb.Point, len(arc))
		var x, y float64
		for j, p := range arc {
			if len(p) < 2 {
				return nil, fmt.Errorf("topojson: arc %d: position %d has %d coordinates", i, j, len(p))
			}
			if t.Transform == nil {
				pts[j] = orb.Point{p[0], p[1]}
				continue
			}
			x, y = x+p[0], y+p[1]
			pts[j] = orb.Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		out[i] = pts
	}
	return out, nil
}

// ArcIndex returns the arc a reference names.
func ArcIndex(ref int64) int64 {
	if ref < 0 {
		return ^ref
	}
	return ref
}

// Ring joins arcs into a ring, dropping the point each arc shares with
// the one before it.
func Ring(arcs [][]orb.Point, refs []int64) (orb.Ring, error) {
	var r orb.Ring
	for _, ref := range refs {
		a := ArcIndex(ref)
		if a >= int64(len(arcs)) {
			return nil, fmt.Errorf("topojson: arc %d out of range", a)
		}
		pts := arcs[a]
		if ref < 0 {
			pts = slices.Clone(pts)
			slices.Reverse(pts)
		}
		if len(r) > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		r = append(r, pts...)
	}
	return r, nil
}
