package topojson

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

const square = `{"type":"Topology","transform":{"scale":[0.5,2],"translate":[10,20]},
"arcs":[[[0,0],[2,0],[0,1]],[[2,1],[-2,0],[0,-1]]],
"objects":{"shapes":{"type":"GeometryCollection","geometries":[
 {"type":"Polygon","id":7,"arcs":[[0,1]],"properties":{"name":"Square"}},
 {"type":"MultiPolygon","id":"008","arcs":[[[-2,-1]]]},
 {"type":"Point","coordinates":[0,0]}]}}}`

func TestDecode(t *testing.T) {
	var topo Topology
	// A reference -2 is arc 1 reversed (~1), -1 arc 0 reversed.
	if err := json.Unmarshal([]byte(square), &topo); err != nil {
		t.Fatal(err)
	}
	arcs, err := topo.Positions()
	if err != nil {
		t.Fatal(err)
	}
	want := []orb.Point{{10, 20}, {11, 20}, {11, 22}}
	for i, p := range want {
		if arcs[0][i] != p {
			t.Errorf("arc 0 point %d = %v, want %v", i, arcs[0][i], p)
		}
	}
	g := topo.Objects["shapes"].Geometries
	if g[0].IDString() != "7" || g[1].IDString() != "008" || g[0].Properties.Name != "Square" {
		t.Errorf("ids %q %q", g[0].IDString(), g[1].IDString())
	}
	for i, wantLen := range []int{5, 5} {
		refs, err := g[i].PolygonRefs()
		if err != nil || len(refs) != 1 {
			t.Fatalf("geometry %d: %v %v", i, refs, err)
		}
		r, err := Ring(arcs, refs[0][0])
		if err != nil || len(r) != wantLen || r[0] != r[len(r)-1] {
			t.Errorf("geometry %d ring %v %v", i, r, err)
		}
	}
	if refs, _ := g[2].PolygonRefs(); refs != nil {
		t.Errorf("a point has polygons: %v", refs)
	}
	if _, err := Ring(arcs, []int64{5}); err == nil {
		t.Error("an arc out of range was accepted")
	}
}

func TestRing(t *testing.T) {
	arcs := [][]orb.Point{
		{{0, 0}, {1, 0}, {1, 1}},
		{{1, 1}, {0, 1}, {0, 0}},
	}
	tests := []struct {
		name string
		refs []int64
		want orb.Ring
	}{
		{"forward", []int64{0, 1}, orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
		{"reversed", []int64{^1, ^0}, orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}},
	}
	for _, tt := range tests {
		got, err := Ring(arcs, tt.refs)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: Ring(%v) = %v, %v; want %v", tt.name, tt.refs, got, err, tt.want)
		}
	}
}
