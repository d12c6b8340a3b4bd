// Package geonames parses the rows of GeoNames dump files: the place tables
// (allCountries.txt, cities500.txt, per-country XX.txt; 19 tab-separated
// columns) and alternateNamesV2.txt.
package geonames

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Columns is the number of tab-separated columns of a place row.
const Columns = 19

// Place is one row of a GeoNames place table.
type Place struct {
	ID           int64   // geonameid
	Name         string  // name, UTF-8
	ASCII        string  // asciiname
	AltNames     string  // alternatenames, comma separated (see Alternates)
	Lat, Lon     float64 // WGS84 degrees
	FeatureClass string  // one letter: A, H, L, P, R, S, T, U, V
	FeatureCode  string  // e.g. PPLC, ADM1, MT
	Country      string  // ISO 3166-1 alpha-2
	Admin1       string  // admin1 code
	Admin2       string  // admin2 code (in the US, the county's FIPS code)
	Population   int64   // inhabitants
}

// Alternates splits AltNames into its names.
func (p *Place) Alternates() []string {
	if p.AltNames == "" {
		return nil
	}
	return strings.Split(p.AltNames, ",")
}

// ErrColumns is wrapped by ParsePlace for a row with the wrong number of columns.
var ErrColumns = errors.New("geonames: wrong number of columns")

// ParsePlace parses one line (without its newline) of a place table.
func ParsePlace(line string) (Place, error) {
	var f [Columns]string
	n := 0
	for n < Columns-1 {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			break
		}
		f[n] = line[:i]
		line = line[i+1:]
		n++
	}
	f[n] = strings.TrimSuffix(line, "\r")
	n++
	if n != Columns || strings.IndexByte(f[Columns-1], '\t') >= 0 {
		return Place{}, fmt.Errorf("%w: want %d", ErrColumns, Columns)
	}
	var p Place
	var err error
	if p.ID, err = strconv.ParseInt(f[0], 10, 64); err != nil || p.ID <= 0 {
		return Place{}, fmt.Errorf("geonames: bad geonameid %q", f[0])
	}
	p.Name, p.ASCII, p.AltNames = f[1], f[2], f[3]
	if p.Name == "" {
		return Place{}, errors.New("geonames: empty name")
	}
	if p.Lat, err = strconv.ParseFloat(f[4], 64); err != nil || !(p.Lat >= -90 && p.Lat <= 90) {
		// Written so that NaN fails too: it compares false with anything.
		return Place{}, fmt.Errorf("geonames: bad latitude %q (want a number from -90 to 90)", f[4])
	}
	if p.Lon, err = strconv.ParseFloat(f[5], 64); err != nil || !(p.Lon >= -180 && p.Lon <= 180) {
		return Place{}, fmt.Errorf("geonames: bad longitude %q (want a number from -180 to 180)", f[5])
	}
	p.FeatureClass, p.FeatureCode, p.Country, p.Admin1, p.Admin2 = f[6], f[7], f[8], f[10], f[11]
	if len(p.FeatureClass) > 1 {
		return Place{}, fmt.Errorf("geonames: bad feature class %q", f[6])
	}
	if f[14] != "" {
		if p.Population, err = strconv.ParseInt(f[14], 10, 64); err != nil || p.Population < 0 {
			return Place{}, fmt.Errorf("geonames: bad population %q", f[14])
		}
	}
	return p, nil
}

// AltName is one row of alternateNamesV2.txt (or alternateNames.txt).
type AltName struct {
	ID         int64  // alternateNameId
	GeonameID  int64  // the place it names
	Lang       string // ISO 639 code, or a pseudo-code: post, link, iata, icao, wkdt …
	Name       string // the name
	Preferred  bool   // isPreferredName
	Short      bool   // isShortName
	Colloquial bool   // isColloquial
	Historic   bool   // isHistoric
}

// ParseAltName parses one line of an alternate-names table (at least the
// first four columns; the flags are read when present).
func ParseAltName(line string) (AltName, error) {
	line = strings.TrimSuffix(line, "\r")
	f := strings.Split(line, "\t")
	if len(f) < 4 || len(f) > 10 {
		return AltName{}, fmt.Errorf("%w: want 4 to 10", ErrColumns)
	}
	var a AltName
	var err error
	if a.ID, err = strconv.ParseInt(f[0], 10, 64); err != nil || a.ID <= 0 {
		return AltName{}, fmt.Errorf("geonames: bad alternateNameId %q", f[0])
	}
	if a.GeonameID, err = strconv.ParseInt(f[1], 10, 64); err != nil || a.GeonameID <= 0 {
		return AltName{}, fmt.Errorf("geonames: bad geonameid %q", f[1])
	}
	a.Lang, a.Name = f[2], f[3]
	if a.Name == "" {
		return AltName{}, errors.New("geonames: empty alternate name")
	}
	flag := func(i int) bool { return len(f) > i && f[i] == "1" }
	a.Preferred, a.Short, a.Colloquial, a.Historic = flag(4), flag(5), flag(6), flag(7)
	return a, nil
}

// IsPlaceName reports whether an alternate name of this language is a name
// a text could use (not a postcode, link, Wikidata id or airport code).
func (a *AltName) IsPlaceName() bool {
	switch a.Lang {
	case "post", "link", "wkdt", "unlc", "phon", "tcid", "fr_1793", "piny", "iata", "icao", "faac":
		return false
	}
	return true
}
