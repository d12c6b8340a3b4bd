package basemap

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"eventmap/assets"
)

// admin1Unit is the number of quantisation steps per degree in the
// admin-1 file (see assets/internal/admin1gen).
const admin1Unit = 1000

// Admin1 holds the outlines of first-order regions (states, provinces,
// oblasts), from Natural Earth, keyed by their GeoNames id. It is safe for
// concurrent use.
type Admin1 struct {
	shapes map[uint64]orb.MultiPolygon

	mu    sync.Mutex
	areas map[uint64]*Area
}

// LoadAdmin1 decodes the admin-1 outlines embedded in the binary.
func LoadAdmin1() (*Admin1, error) { return DecodeAdmin1(assets.Admin1) }

// DecodeAdmin1 reads admin-1 outlines in the form written by
// assets/internal/admin1gen.
func DecodeAdmin1(data []byte) (*Admin1, error) {
	if !bytes.HasPrefix(data, []byte("EMADMIN1")) || len(data) < 9 {
		return nil, fmt.Errorf("%w: not an admin-1 file", ErrFormat)
	}
	if data[8] != 1 {
		return nil, fmt.Errorf("%w: unsupported admin-1 version %d", ErrFormat, data[8])
	}
	body, err := io.ReadAll(flate.NewReader(bytes.NewReader(data[9:])))
	if err != nil {
		return nil, fmt.Errorf("%w: admin-1 file: %v", ErrFormat, err)
	}
	d := &decoder{b: body}
	a := &Admin1{shapes: make(map[uint64]orb.MultiPolygon), areas: make(map[uint64]*Area)}
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		id := d.uvarint()
		var mp orb.MultiPolygon
		var x, y int64
		np := d.count()
		for j := 0; j < np && d.err == nil; j++ {
			var poly orb.Polygon
			nr := d.count()
			for k := 0; k < nr && d.err == nil; k++ {
				npts := d.count()
				ring := make(orb.Ring, 0, npts)
				for m := 0; m < npts && d.err == nil; m++ {
					x += d.varint()
					y += d.varint()
					ring = append(ring, orb.Point{float64(x) / admin1Unit, float64(y) / admin1Unit})
				}
				poly = append(poly, ring)
			}
			mp = append(mp, poly)
		}
		a.shapes[id] = mp
	}
	if d.err != nil {
		return nil, d.err
	}
	return a, nil
}

// Len returns the number of regions.
func (a *Admin1) Len() int { return len(a.shapes) }

// Outline returns the outline (longitude/latitude) of the region with a
// GeoNames id, and whether there is one.
func (a *Admin1) Outline(geonameID uint64) (orb.MultiPolygon, bool) {
	mp, ok := a.shapes[geonameID]
	return mp, ok
}

// Area returns the region's outline prepared for drawing, made on first
// use and kept.
func (a *Admin1) Area(geonameID uint64) (*Area, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if ar, ok := a.areas[geonameID]; ok {
		return ar, true
	}
	mp, ok := a.shapes[geonameID]
	if !ok {
		return nil, false
	}
	ar := NewArea(mp)
	a.areas[geonameID] = ar
	return ar, true
}

// AreaByPlaceID is Area for a stored place's ID ("gn:<geonameid>", as
// eventmap/data/ingest names gazetteer places); ok is false for other IDs.
func (a *Admin1) AreaByPlaceID(id string) (*Area, bool) {
	rest, ok := strings.CutPrefix(id, "gn:")
	if !ok {
		return nil, false
	}
	n, err := strconv.ParseUint(rest, 10, 64)
	if err != nil {
		return nil, false
	}
	return a.Area(n)
}
