package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"eventmap/data/export"
	"eventmap/data/store"
)

// TestSharedSeedAndLGL is "eventmap ingest ../shared/seed
// ../shared/corpora/lgl.xml", then "query --json" and "export", with the
// fake geoparser standing in for geo/geoparse.
func TestSharedSeedAndLGL(t *testing.T) {
	shared := sharedDir(t)
	ctx := context.Background()
	s := openStore(t)
	sum, err := Run(ctx, Config{Store: s, Geoparser: fakeGeoparser{}}, []string{filepath.Join(shared, "seed"), filepath.Join(shared, "corpora", "lgl.xml")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 589 || len(sum.Failures) != 0 || sum.Duplicates != 0 {
		t.Fatalf("summary %+v", sum)
	}
	// query --bbox around Vladivostok --from 2023-09-13 --to 2023-09-13 --json
	from, to, err := store.DateRange("2023-09-13", "2023-09-13")
	if err != nil {
		t.Fatal(err)
	}
	box := orb.Bound{Min: orb.Point{120, 35}, Max: orb.Point{140, 50}}
	q := store.Query{Bound: &box, From: from, To: to}
	var out bytes.Buffer
	n, err := export.Events(ctx, &out, export.JSON, s, q)
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &recs); err != nil {
		t.Fatalf("query --json output: %v\n%s", err, out.String())
	}
	if n == 0 || len(recs) != n {
		t.Fatalf("%d events, %d records", n, len(recs))
	}
	for _, r := range recs {
		for _, k := range []string{"id", "title", "place", "lat", "lon", "time", "precision", "article_id", "snippet"} {
			if _, ok := r[k]; !ok {
				t.Errorf("record lacks %q: %v", k, r)
			}
		}
		if r["place"] != "Vladivostok" || r["time"] != "2023-09-13T00:00:00Z" || r["precision"] != "day" ||
			!strings.HasPrefix(r["title"].(string), "Kim Jong-un pledges support") || len(r["article_id"].(string)) != 16 {
			t.Errorf("record %v", r)
		}
	}
	// The whole LGL range: 2009, at Alexandria among others.
	lglFrom, lglTo, _ := store.DateRange("2009", "2009")
	hits, err := s.Events(ctx, store.Query{From: lglFrom, To: lglTo, Text: "alexandria"})
	if err != nil || len(hits) == 0 {
		t.Fatalf("LGL events: %d, %v", len(hits), err)
	}
	// export --format geojson with the same filters gives the same events.
	for _, f := range []export.Format{export.GeoJSON, export.CSV, export.KML} {
		out.Reset()
		n2, err := export.Events(ctx, &out, f, s, store.Query{From: lglFrom, To: lglTo, Text: "alexandria"})
		if err != nil || n2 != len(hits) {
			t.Fatalf("export %s: %d events, %v", f, n2, err)
		}
		switch f {
		case export.GeoJSON:
			fc, err := geojson.UnmarshalFeatureCollection(out.Bytes())
			if err != nil || len(fc.Features) != n2 {
				t.Fatalf("geojson: %v", err)
			}
			p := fc.Features[0].Properties
			if p.MustString("time") == "" || p.MustString("place") == "" || p.MustString("url") == "" {
				t.Errorf("geojson properties %v", p)
			}
		case export.KML:
			if strings.Count(out.String(), "<TimeStamp><when>2009-") != n2 {
				t.Errorf("kml lacks time stamps")
			}
		}
	}
	// The timeline over everything: 2009 and 2023.
	bs, err := s.Histogram(ctx, store.Query{}, store.ByYear)
	if err != nil || len(bs) != 15 || bs[0].Start.Year() != 2009 || bs[14].Start.Year() != 2023 {
		t.Errorf("histogram %v %v", bs, err)
	}
}
