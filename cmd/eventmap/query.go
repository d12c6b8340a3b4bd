package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/paulmach/orb"

	"eventmap/data/export"
	"eventmap/data/model"
	"eventmap/data/store"
)

// filterFlags are the event filters that query and export share.
type filterFlags struct {
	db, bbox, from, to, text, source string
	undated                          bool
	limit                            int
}

func (f *filterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "", dbFlagHelp)
	fs.StringVar(&f.bbox, "bbox", "", "only events in `minLon,minLat,maxLon,maxLat`")
	fs.StringVar(&f.from, "from", "", "only events on or after `DATE` (YYYY, YYYY-MM, YYYY-MM-DD)")
	fs.StringVar(&f.to, "to", "", "only events up to and including `DATE`")
	fs.StringVar(&f.text, "text", "", "only events whose snippet, place or title contains `Q`")
	fs.StringVar(&f.source, "source", "", "only events from articles of this `SOURCE`")
	fs.BoolVar(&f.undated, "undated", false, "include events without a date")
	fs.IntVar(&f.limit, "limit", 0, "at most `N` events (0: all)")
}

// query turns the flags into a store query.
func (f *filterFlags) query() (store.Query, error) {
	q := store.Query{Text: f.text, Source: f.source, Undated: f.undated, Limit: f.limit}
	if f.limit < 0 {
		return q, errors.New("--limit must not be negative")
	}
	if f.bbox != "" {
		b, err := parseBBox(f.bbox)
		if err != nil {
			return q, err
		}
		q.Bound = &b
	}
	from, to, err := store.DateRange(f.from, f.to)
	if err != nil {
		return q, err
	}
	q.From, q.To = from, to
	return q, nil
}

// parseBBox reads "minLon,minLat,maxLon,maxLat".
func parseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("--bbox %q: want minLon,minLat,maxLon,maxLat", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return orb.Bound{}, fmt.Errorf("--bbox %q: %q is not a number", s, p)
		}
		v[i] = f
	}
	b := orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	switch {
	case v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90:
		return b, fmt.Errorf("--bbox %q: longitudes must be within ±180 and latitudes within ±90", s)
	case v[0] > v[2] || v[1] > v[3]:
		return b, fmt.Errorf("--bbox %q: the minimum must not be above the maximum", s)
	}
	return b, nil
}

// dbPath is the --db flag or the default database.
func dbPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return store.DefaultPath()
}

// newFlagSet returns a flag set that reports errors to e.stderr and shows
// the command's usage line.
func newFlagSet(e env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s\n\nflags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

const queryUsage = "eventmap query [--db PATH|postgres://…] [--bbox minLon,minLat,maxLon,maxLat] [--from DATE] [--to DATE] [--text Q] [--source S] [--undated] [--limit N] [--json]"

func runQuery(ctx context.Context, e env) int {
	fs := newFlagSet(e, "query", queryUsage)
	var f filterFlags
	f.register(fs)
	asJSON := fs.Bool("json", false, "print a JSON array of events")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "eventmap query: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	q, err := f.query()
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap query:", err)
		return 2
	}
	st, err := openDB(ctx, f.db, false)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap query:", safe(err.Error()))
		return 1
	}
	defer st.Close()
	if *asJSON {
		if _, err := export.Events(ctx, e.stdout, export.JSON, st, q); err != nil {
			fmt.Fprintln(e.stderr, "eventmap query:", err)
			return 1
		}
		return 0
	}
	n, err := printEvents(ctx, e.stdout, st, q)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap query:", err)
		return 1
	}
	fmt.Fprintf(e.stderr, "%d events\n", n)
	return 0
}

// printEvents writes a readable table of the events q selects.
func printEvents(ctx context.Context, w io.Writer, st export.Searcher, q store.Query) (int, error) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tPLACE\tLAT\tLON\tTITLE")
	n := 0
	err := st.Search(ctx, q, func(h store.Hit) bool {
		n++
		fmt.Fprintf(tw, "%s\t%s\t%.4f\t%.4f\t%s\n", formatWhen(h.Event), h.PlaceName, h.Point[1], h.Point[0], clip(h.Title, 70))
		return true
	})
	tw.Flush()
	return n, err
}

// formatWhen writes an event's date at its precision.
func formatWhen(ev model.Event) string {
	switch ev.Precision {
	case model.Day:
		return ev.Time.Format("2006-01-02")
	case model.Month:
		return ev.Time.Format("2006-01")
	case model.Year:
		return ev.Time.Format("2006")
	}
	return "undated"
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

const exportUsage = "eventmap export [--db PATH|postgres://…] --format geojson|csv|kml [filters] [-o FILE]"

func runExport(ctx context.Context, e env) int {
	fs := newFlagSet(e, "export", exportUsage)
	var f filterFlags
	f.register(fs)
	format := fs.String("format", "", "geojson, csv or kml")
	out := fs.String("o", "", "write to `FILE` (default standard output)")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "eventmap export: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ff, err := export.ParseFormat(*format)
	if err != nil || ff == export.JSON {
		fmt.Fprintf(e.stderr, "eventmap export: --format %q: choose geojson, csv or kml\n", *format)
		return 2
	}
	q, err := f.query()
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap export:", err)
		return 2
	}
	st, err := openDB(ctx, f.db, false)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap export:", safe(err.Error()))
		return 1
	}
	defer st.Close()
	var n int
	if *out == "" {
		n, err = export.Events(ctx, e.stdout, ff, st, q)
	} else {
		err = export.WriteFile(*out, func(w io.Writer) error {
			var err error
			n, err = export.Events(ctx, w, ff, st, q)
			return err
		})
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap export:", safe(err.Error()))
		return 1
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "wrote %d events to %s\n", n, safe(*out))
	}
	return 0
}
