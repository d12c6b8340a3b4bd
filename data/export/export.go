// Package export writes events found in a store as GeoJSON, CSV, KML or a
// JSON array: the formats of "eventmap export" and "eventmap query --json".
//
// Writers stream: each event is written as it comes, so exporting a million
// events does not hold a million encoded features in memory.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
)

// Format names an export format.
type Format string

// The formats.
const (
	GeoJSON Format = "geojson"
	CSV     Format = "csv"
	KML     Format = "kml"
	// JSON is an array of flat event objects: the output of
	// "eventmap query --json".
	JSON Format = "json"
)

// ErrFormat is returned for an unknown format name.
var ErrFormat = errors.New("export: unknown format (want geojson, csv, kml or json)")

// ParseFormat reads a format name, ignoring case.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case GeoJSON, CSV, KML, JSON:
		return f, nil
	}
	return "", fmt.Errorf("%w: %q", ErrFormat, s)
}

// Extension returns the usual file name extension of the format.
func (f Format) Extension() string { return "." + string(f) }

// Writer writes events in one format. Close ends the document; it must be
// called even when no event was written.
type Writer interface {
	Write(h store.Hit) error
	Close() error
}

// NewWriter returns a writer of the format to w.
func NewWriter(w io.Writer, f Format) (Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch f {
	case GeoJSON:
		return &geojsonWriter{w: bw}, nil
	case JSON:
		return &jsonWriter{w: bw}, nil
	case CSV:
		cw := csv.NewWriter(bw)
		return &csvWriter{bw: bw, w: cw}, nil
	case KML:
		return &kmlWriter{w: bw}, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrFormat, f)
}

// Searcher is what Events reads events from: a store (the BuntDB file of
// data/store or the PostGIS database of data/pgstore).
type Searcher interface {
	Search(ctx context.Context, q store.Query, fn func(store.Hit) bool) error
}

// Events writes the events q selects from s to w in format f, and returns
// how many it wrote.
func Events(ctx context.Context, w io.Writer, f Format, s Searcher, q store.Query) (int, error) {
	ew, err := NewWriter(w, f)
	if err != nil {
		return 0, err
	}
	n := 0
	var werr error
	err = s.Search(ctx, q, func(h store.Hit) bool {
		if n&1023 == 0 && ctx.Err() != nil {
			werr = ctx.Err()
			return false
		}
		if werr = ew.Write(h); werr != nil {
			return false
		}
		n++
		return true
	})
	if err == nil {
		err = werr
	}
	if cerr := ew.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// timeString renders an event's time as RFC 3339, or "" when undated.
func timeString(h store.Hit) string {
	if h.Precision == model.Undated {
		return ""
	}
	return h.Time.UTC().Format(time.RFC3339)
}

// Record is the flat form of an event in the JSON output (and the column
// set of the CSV output).
type Record struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Place     string  `json:"place"`
	PlaceID   string  `json:"place_id"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Time      string  `json:"time"`
	Precision string  `json:"precision"`
	ArticleID string  `json:"article_id"`
	URL       string  `json:"url,omitempty"`
	Source    string  `json:"source,omitempty"`
	Snippet   string  `json:"snippet"`
}

// NewRecord flattens a hit.
func NewRecord(h store.Hit) Record {
	return Record{
		ID: h.ID, Title: h.Title, Place: h.PlaceName, PlaceID: h.PlaceID,
		Lat: h.Point.Lat(), Lon: h.Point.Lon(), Time: timeString(h), Precision: h.Precision.String(),
		ArticleID: h.ArticleID, URL: h.URL, Source: h.Source, Snippet: h.Snippet,
	}
}

type jsonWriter struct {
	w *bufio.Writer
	n int
}

func (j *jsonWriter) Write(h store.Hit) error {
	sep := ",\n"
	if j.n == 0 {
		sep = "[\n"
	}
	j.n++
	b, err := json.Marshal(NewRecord(h))
	if err != nil {
		return err
	}
	j.w.WriteString(sep)
	_, err = j.w.Write(b)
	return err
}

func (j *jsonWriter) Close() error {
	if j.n == 0 {
		j.w.WriteString("[")
	}
	j.w.WriteString("\n]\n")
	return j.w.Flush()
}

// geoFeature is one GeoJSON feature of a point (RFC 7946 §3.2), with its
// members in the order orb/geojson writes them. It is written with
// encoding/json, not orb/geojson, which would bring a BSON codec into the
// program.
type geoFeature struct {
	ID         any            `json:"id,omitempty"`
	Type       string         `json:"type"`
	Geometry   geoPoint       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

// geoPoint is a GeoJSON Point geometry.
type geoPoint struct {
	Type        string    `json:"type"`
	Coordinates orb.Point `json:"coordinates"`
}

type geojsonWriter struct {
	w *bufio.Writer
	n int
}

func (g *geojsonWriter) Write(h store.Hit) error {
	f := geoFeature{ID: h.ID, Type: "Feature", Geometry: geoPoint{Type: "Point", Coordinates: h.Point}}
	f.Properties = map[string]any{
		"title":      h.Title,
		"time":       timeString(h),
		"precision":  h.Precision.String(),
		"place":      h.PlaceName,
		"place_id":   h.PlaceID,
		"url":        h.URL,
		"snippet":    h.Snippet,
		"article_id": h.ArticleID,
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if g.n == 0 {
		g.w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	} else {
		g.w.WriteString(",\n")
	}
	g.n++
	_, err = g.w.Write(b)
	return err
}

func (g *geojsonWriter) Close() error {
	if g.n == 0 {
		g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	}
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}

// CSVHeader is the first row of the CSV output.
var CSVHeader = []string{"id", "time", "precision", "place", "place_id", "lat", "lon", "title", "url", "source", "article_id", "snippet"}

type csvWriter struct {
	bw     *bufio.Writer
	w      *csv.Writer
	header bool
}

func (c *csvWriter) Write(h store.Hit) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVHeader); err != nil {
			return err
		}
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return c.w.Write([]string{cell(h.ID), timeString(h), h.Precision.String(), cell(h.PlaceName), cell(h.PlaceID),
		f(h.Point.Lat()), f(h.Point.Lon()), cell(h.Title), cell(h.URL), cell(h.Source), cell(h.ArticleID), cell(h.Snippet)})
}

// cell neutralises a text cell that a spreadsheet would run as a formula:
// one that begins with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe, as OWASP's advice on CSV injection says. Numbers
// (the coordinates) are written as they are.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (c *csvWriter) Close() error {
	if !c.header {
		c.header = true
		c.w.Write(CSVHeader)
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// KML output: one Placemark per event with a TimeStamp at the event's
// precision (gYear, gYearMonth or date), so Google Earth shows its time
// slider.
type kmlWriter struct {
	w       *bufio.Writer
	started bool
}

type kmlPlacemark struct {
	XMLName     xml.Name      `xml:"Placemark"`
	ID          string        `xml:"id,attr"`
	Name        string        `xml:"name"`
	Description string        `xml:"description,omitempty"`
	TimeStamp   *kmlTimeStamp `xml:"TimeStamp,omitempty"`
	Extended    []kmlData     `xml:"ExtendedData>Data"`
	Point       string        `xml:"Point>coordinates"`
}

type kmlTimeStamp struct {
	When string `xml:"when"`
}

type kmlData struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value"`
}

func (k *kmlWriter) start() {
	if !k.started {
		k.started = true
		k.w.WriteString(xml.Header + `<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>eventmap</name>` + "\n")
	}
}

func (k *kmlWriter) Write(h store.Hit) error {
	k.start()
	pm := kmlPlacemark{
		ID:          "e" + h.ID,
		Name:        h.PlaceName,
		Description: h.Snippet,
		Point:       strconv.FormatFloat(h.Point.Lon(), 'f', -1, 64) + "," + strconv.FormatFloat(h.Point.Lat(), 'f', -1, 64),
		Extended: []kmlData{
			{"title", h.Title}, {"url", h.URL}, {"place_id", h.PlaceID},
			{"precision", h.Precision.String()}, {"article_id", h.ArticleID},
		},
	}
	if h.Precision != model.Undated {
		pm.TimeStamp = &kmlTimeStamp{When: h.Precision.Format(h.Time)}
	}
	b, err := xml.Marshal(pm)
	if err != nil {
		return err
	}
	k.w.Write(b)
	return k.w.WriteByte('\n')
}

func (k *kmlWriter) Close() error {
	k.start()
	k.w.WriteString("</Document></kml>\n")
	return k.w.Flush()
}
