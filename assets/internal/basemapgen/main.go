// Command basemapgen builds the embedded basemap, assets/basemap.bin, from
// Natural Earth's admin-0 countries as the npm package world-atlas@2.0.2
// carries them (TopoJSON at 1:110m, 1:50m and 1:10m).
//
// It runs "npm pack world-atlas@2.0.2" in a temporary folder, reads the
// three countries-*.json topologies from the tarball and writes them in the
// compact binary form that eventmap/geo/basemap decodes:
//
//	"EMBASEMAP" version:u8 brotli(levels:uvarint
//	level:  name:str scaleX scaleY translateX translateY:f64
//	        arcs:uvarint { points:uvarint { dx dy:zigzag } }
//	        countries:uvarint { id:str name:str polygons }
//	        land: polygons
//	polygons: count:uvarint { rings:uvarint { arcs:uvarint { ref:zigzag } } }
//	)
//	str: len:uvarint bytes
//
// Arcs keep TopoJSON's quantised, delta-encoded integers; an arc reference
// r < 0 means arc ^r reversed, as in TopoJSON. Version 2 compresses all
// after the version byte with Brotli (quality 11); version 1 did not. The land object is Natural
// Earth's countries merged, so it shares the countries' arcs.
//
// Usage:
//
//	go run ./internal/basemapgen [-out basemap.bin] [-from DIR|TGZ]
//
// -from reads the countries-*.json files from an unpacked folder or a
// tarball already on disk instead of calling npm.
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"eventmap/assets/internal/npm"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"sort"

	"github.com/andybalholm/brotli"

	"eventmap/assets/internal/topojson"
)

// pkg is the npm package the basemap comes from.
const pkg = "world-atlas@2.0.2"

// levels are the Natural Earth scales that go into the basemap, coarse first.
var levels = []string{"110m", "50m", "10m"}

func main() {
	out := flag.String("out", "basemap.bin", "file to write")
	from := flag.String("from", "", "folder or .tgz holding countries-*.json (default: npm pack "+pkg+")")
	flag.Parse()
	if err := run(*out, *from); err != nil {
		fmt.Fprintln(os.Stderr, "basemapgen:", err)
		os.Exit(1)
	}
}

func run(out, from string) error {
	files, err := readSources(from)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := convert(&buf, files); err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "basemapgen: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}

// readSources returns the contents of countries-<level>.json by level.
func readSources(from string) (map[string][]byte, error) {
	if from == "" {
		dir, err := os.MkdirTemp("", "basemapgen")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		if from, err = npm.Pack(dir, pkg); err != nil {
			return nil, err
		}
	}
	level := func(p string) (string, bool) {
		for _, l := range levels {
			if path.Base(p) == "countries-"+l+".json" {
				return l, true
			}
		}
		return "", false
	}
	got, err := npm.ReadFiles(from, func(p string) bool { _, ok := level(p); return ok })
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte)
	for p, b := range got {
		l, _ := level(p)
		files[l] = b
	}
	for _, l := range levels {
		if files[l] == nil {
			return nil, fmt.Errorf("%s has no countries-%s.json: %w", from, l, os.ErrNotExist)
		}
	}
	return files, nil
}

// convert writes the basemap for the given countries-*.json files.
func convert(w io.Writer, files map[string][]byte) error {
	if _, err := w.Write([]byte("EMBASEMAP\x02")); err != nil {
		return err
	}
	zw := brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	bw := bufio.NewWriter(zw)
	e := &encoder{w: bw}
	var names []string
	for _, l := range levels {
		if files[l] != nil {
			names = append(names, l)
		}
	}
	e.uvarint(uint64(len(names)))
	for _, l := range names {
		if err := convertLevel(e, l, files[l]); err != nil {
			return fmt.Errorf("countries-%s.json: %w", l, err)
		}
	}
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func convertLevel(e *encoder, name string, src []byte) error {
	var t topojson.Topology
	if err := json.Unmarshal(src, &t); err != nil {
		return err
	}
	if t.Type != "Topology" {
		return fmt.Errorf("type %q, want Topology", t.Type)
	}
	if t.Transform == nil {
		return errors.New("no transform: only quantised topologies are supported")
	}
	countries, ok := t.Objects["countries"]
	if !ok {
		return errors.New("no countries object")
	}
	land, ok := t.Objects["land"]
	if !ok {
		return errors.New("no land object")
	}
	e.str(name)
	for _, f := range []float64{t.Transform.Scale[0], t.Transform.Scale[1], t.Transform.Translate[0], t.Transform.Translate[1]} {
		e.f64(f)
	}
	e.uvarint(uint64(len(t.Arcs)))
	for i, arc := range t.Arcs {
		e.uvarint(uint64(len(arc)))
		for j, p := range arc {
			// Quantised positions are integers.
			if len(p) < 2 || p[0] != math.Trunc(p[0]) || p[1] != math.Trunc(p[1]) {
				return fmt.Errorf("arc %d: position %d is not a quantised pair", i, j)
			}
			e.varint(int64(p[0]))
			e.varint(int64(p[1]))
		}
	}
	checkRefs := func(polys [][][]int64) error {
		for _, p := range polys {
			for _, r := range p {
				for _, ref := range r {
					if i := topojson.ArcIndex(ref); i < 0 || i >= int64(len(t.Arcs)) {
						return fmt.Errorf("arc reference %d out of range", ref)
					}
				}
			}
		}
		return nil
	}
	// Countries sorted by name so the output does not depend on input order.
	geoms := append([]topojson.Geometry(nil), countries.Geometries...)
	sort.SliceStable(geoms, func(i, j int) bool { return geoms[i].Properties.Name < geoms[j].Properties.Name })
	type country struct {
		id, name string
		polys    [][][]int64
	}
	var cs []country
	for _, g := range geoms {
		polys, err := g.PolygonRefs()
		if err != nil {
			return fmt.Errorf("country %q: %w", g.Properties.Name, err)
		}
		if len(polys) == 0 {
			continue
		}
		if err := checkRefs(polys); err != nil {
			return fmt.Errorf("country %q: %w", g.Properties.Name, err)
		}
		cs = append(cs, country{g.IDString(), g.Properties.Name, polys})
	}
	e.uvarint(uint64(len(cs)))
	for _, c := range cs {
		e.str(c.id)
		e.str(c.name)
		e.polygons(c.polys)
	}
	var landPolys [][][]int64
	for _, g := range land.Geometries {
		polys, err := g.PolygonRefs()
		if err != nil {
			return fmt.Errorf("land: %w", err)
		}
		landPolys = append(landPolys, polys...)
	}
	if err := checkRefs(landPolys); err != nil {
		return fmt.Errorf("land: %w", err)
	}
	e.polygons(landPolys)
	return nil
}

// encoder writes the basemap's primitives and keeps the first error.
type encoder struct {
	w   io.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) raw(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uvarint(v uint64) { e.raw(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) varint(v int64)   { e.raw(e.buf[:binary.PutVarint(e.buf[:], v)]) }

func (e *encoder) f64(f float64) {
	binary.LittleEndian.PutUint64(e.buf[:8], math.Float64bits(f))
	e.raw(e.buf[:8])
}

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.raw([]byte(s))
}

func (e *encoder) polygons(polys [][][]int64) {
	e.uvarint(uint64(len(polys)))
	for _, p := range polys {
		e.uvarint(uint64(len(p)))
		for _, r := range p {
			e.uvarint(uint64(len(r)))
			for _, ref := range r {
				e.varint(ref)
			}
		}
	}
}
