package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"eventmap/data/model"
	"eventmap/data/store"
)

var hits = []store.Hit{
	{Event: model.Event{ID: "abc-0000", ArticleID: "abc", PlaceID: "gn:1", PlaceName: "Vladivostok", Point: orb.Point{131.87, 43.1}, Time: time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC), Precision: model.Day, Snippet: `Kim said "yes", & left.`}, Title: "Kim <meets> Putin", URL: "https://x.org/a?b=1&c=2", Source: "x.org"},
	{Event: model.Event{ID: "abc-0001", ArticleID: "abc", PlaceID: "gn:2", PlaceName: "Moscow", Point: orb.Point{37.6, 55.7}, Time: time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC), Precision: model.Month}, Title: "T"},
	{Event: model.Event{ID: "abc-0002", ArticleID: "abc", PlaceID: "gn:3", PlaceName: "Russia", Point: orb.Point{100, 60}}, Title: "T"},
}

func write(t *testing.T, f Format, hs []store.Hit) string {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(&b, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if err := w.Write(h); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFormats(t *testing.T) {
	for _, n := range []int{0, len(hits)} {
		hs := hits[:n]
		t.Run("geojson", func(t *testing.T) {
			fc, err := geojson.UnmarshalFeatureCollection([]byte(write(t, GeoJSON, hs)))
			if err != nil || len(fc.Features) != n {
				t.Fatalf("%v, %d features", err, len(fc.Features))
			}
			if n > 0 {
				p := fc.Features[0].Properties
				if p.MustString("title") != hits[0].Title || p.MustString("time") != "2023-09-13T00:00:00Z" || p.MustString("precision") != "day" ||
					p.MustString("place") != "Vladivostok" || p.MustString("url") != hits[0].URL || p.MustString("snippet") != hits[0].Snippet {
					t.Errorf("properties %v", p)
				}
				if fc.Features[0].Geometry.(orb.Point) != hits[0].Point {
					t.Errorf("geometry %v", fc.Features[0].Geometry)
				}
				if fc.Features[2].Properties.MustString("time") != "" {
					t.Errorf("undated event has a time")
				}
			}
		})
		t.Run("json", func(t *testing.T) {
			var recs []Record
			if err := json.Unmarshal([]byte(write(t, JSON, hs)), &recs); err != nil || len(recs) != n {
				t.Fatalf("%v, %d records", err, len(recs))
			}
			if n > 0 && (recs[0] != NewRecord(hits[0]) || recs[0].Lat != 43.1 || recs[0].Time != "2023-09-13T00:00:00Z") {
				t.Errorf("record %+v", recs[0])
			}
		})
		t.Run("csv", func(t *testing.T) {
			rows, err := csv.NewReader(strings.NewReader(write(t, CSV, hs))).ReadAll()
			if err != nil || len(rows) != n+1 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
				t.Fatalf("%v, %v", err, rows)
			}
			if n > 0 && (rows[1][3] != "Vladivostok" || rows[1][11] != hits[0].Snippet || rows[2][2] != "month") {
				t.Errorf("rows %v", rows)
			}
		})
		t.Run("kml", func(t *testing.T) {
			out := write(t, KML, hs)
			var doc struct {
				Placemarks []struct {
					Name string `xml:"name"`
					When string `xml:"TimeStamp>when"`
					Coor string `xml:"Point>coordinates"`
				} `xml:"Document>Placemark"`
			}
			if err := xml.Unmarshal([]byte(out), &doc); err != nil || len(doc.Placemarks) != n {
				t.Fatalf("%v, %d placemarks\n%s", err, len(doc.Placemarks), out)
			}
			if n > 0 {
				got := []string{doc.Placemarks[0].When, doc.Placemarks[1].When, doc.Placemarks[2].When, doc.Placemarks[0].Coor}
				if strings.Join(got, "|") != "2023-09-13|2023-09||131.87,43.1" {
					t.Errorf("kml %v", got)
				}
			}
		})
	}
	if _, err := ParseFormat("pdf"); !errors.Is(err, ErrFormat) {
		t.Errorf("ParseFormat(pdf): %v", err)
	}
	if f, err := ParseFormat(" GeoJSON"); err != nil || f != GeoJSON {
		t.Errorf("ParseFormat(GeoJSON): %v %v", f, err)
	}
}

// TestGeoJSONMatchesOrb checks that each feature is written byte for byte
// as orb/geojson writes it.
func TestGeoJSONMatchesOrb(t *testing.T) {
	out := write(t, GeoJSON, hits)
	lines := strings.Split(strings.TrimSuffix(out, "\n]}\n"), ",\n")
	lines[0] = strings.TrimPrefix(lines[0], `{"type":"FeatureCollection","features":[`+"\n")
	if len(lines) != len(hits) {
		t.Fatalf("%d features, want %d", len(lines), len(hits))
	}
	for i, h := range hits {
		f := geojson.NewFeature(h.Point)
		f.ID = h.ID
		f.Properties = geojson.Properties{
			"title": h.Title, "time": timeString(h), "precision": h.Precision.String(), "place": h.PlaceName,
			"place_id": h.PlaceID, "url": h.URL, "snippet": h.Snippet, "article_id": h.ArticleID,
		}
		want, err := f.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if lines[i] != string(want) {
			t.Errorf("feature %d:\n got %s\nwant %s", i, lines[i], want)
		}
	}
}
