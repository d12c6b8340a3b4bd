package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"eventmap/geo/gazetteer"
)

// geocodeResult is one candidate as "eventmap geocode --json" prints it.
type geocodeResult struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Kind        string  `json:"kind"`
	FeatureCode string  `json:"feature_code"`
	Country     string  `json:"country"`
	Admin1      string  `json:"admin1"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Population  int64   `json:"population"`
	Score       float64 `json:"score"`
	Match       string  `json:"match"`
}

// defaultUserGazetteer is where the user gazetteer lives unless --db says.
func defaultUserGazetteer() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "eventmap", "gazetteer.db")
}

// openGazetteer opens the embedded gazetteer merged with the user's.
func openGazetteer(dbPath string) (*gazetteer.Gazetteer, *gazetteer.User, error) {
	u, err := gazetteer.OpenUser(dbPath)
	if err != nil {
		return nil, nil, err
	}
	return gazetteer.Embedded(gazetteer.Options{User: u}), u, nil
}

func runGeocode(_ context.Context, e env) int {
	fs := newFlagSet(e, "geocode", "eventmap geocode [--json] [--country CC] [--limit N] [--db FILE] NAME")
	asJSON := fs.Bool("json", false, "print a JSON array of candidates, best first")
	country := fs.String("country", "", "only places in this country (ISO 3166-1 alpha-2 code)")
	limit := fs.Int("limit", 10, "at most this many candidates (0: all)")
	dbPath := fs.String("db", defaultUserGazetteer(), "user gazetteer (BuntDB file) to merge in")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	name := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if name == "" {
		fs.Usage()
		return 2
	}
	g, u, err := openGazetteer(*dbPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap geocode:", err)
		return 1
	}
	defer u.Close()
	cands, err := g.Lookup(name, gazetteer.LookupOptions{Country: *country, Limit: *limit})
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap geocode:", err)
		return 1
	}
	out := make([]geocodeResult, 0, len(cands))
	for _, c := range cands {
		admin1 := c.Admin1
		if c.Admin1 != "" && c.Kind != gazetteer.KindAdmin1 {
			if a, err := g.Admin1(c.Country, c.Admin1); err == nil {
				admin1 = a.Name
			}
		}
		out = append(out, geocodeResult{
			ID: c.ID, Name: c.Name, Kind: c.Kind.String(), FeatureCode: c.FeatureCode,
			Country: c.Country, Admin1: admin1, Lat: c.Point.Lat(), Lon: c.Point.Lon(),
			Population: c.Population, Score: float64(int(c.Score*10000)) / 10000, Match: c.Match.String(),
		})
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(e.stderr, "eventmap geocode:", err)
			return 1
		}
		return 0
	}
	if len(out) == 0 {
		fmt.Fprintf(e.stderr, "eventmap geocode: no place called %q\n", name)
		return 1
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tNAME\tKIND\tCODE\tCOUNTRY\tADMIN1\tLAT\tLON\tPOPULATION\tID")
	for _, r := range out {
		fmt.Fprintf(tw, "%.4f\t%s\t%s\t%s\t%s\t%s\t%.5f\t%.5f\t%d\t%d\n", r.Score, r.Name, r.Kind, r.FeatureCode, r.Country, r.Admin1, r.Lat, r.Lon, r.Population, r.ID)
	}
	tw.Flush()
	return 0
}
