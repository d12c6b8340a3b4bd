package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
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

// gazetteerFlag registers --gazetteer, the user gazetteer to merge in. With
// deprecatedDB, --db is kept as its old name, with a note when it is used:
// every other command's --db is the events database.
func gazetteerFlag(fs *flag.FlagSet, e env, deprecatedDB bool) func() string {
	path := fs.String("gazetteer", gazetteer.DefaultUserPath(), "user gazetteer `FILE` (made by \"eventmap gazetteer import\")")
	var old *string
	if deprecatedDB {
		old = fs.String("db", "", "deprecated name of --gazetteer")
	}
	return func() string {
		if old != nil && *old != "" {
			fmt.Fprintf(e.stderr, "eventmap %s: --db is deprecated here: name the user gazetteer with --gazetteer (--db is the events database everywhere else)\n", fs.Name())
			return *old
		}
		return *path
	}
}

// openGazetteer opens the embedded gazetteer merged with the user's.
func openGazetteer(path string) (*gazetteer.Gazetteer, *gazetteer.User, error) {
	u, err := gazetteer.OpenUser(path)
	if err != nil {
		return nil, nil, err
	}
	return gazetteer.Embedded(gazetteer.Options{User: u}), u, nil
}

func runGeocode(_ context.Context, e env) int {
	fs := newFlagSet(e, "geocode", "eventmap geocode [--json] [--country CC] [--limit N] [--gazetteer FILE] NAME")
	asJSON := fs.Bool("json", false, "print a JSON array of candidates, best first")
	country := fs.String("country", "", "only places in this country (ISO 3166-1 alpha-2 code)")
	limit := fs.Int("limit", 10, "at most this many candidates (0: all)")
	gazPath := gazetteerFlag(fs, e, true)
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	name := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if name == "" {
		fs.Usage()
		return 2
	}
	g, u, err := openGazetteer(gazPath())
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap geocode:", safe(err.Error()))
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
