package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"eventmap/data/article"
	"eventmap/data/ingest"
	"eventmap/geo/geoparse"
)

const ingestUsage = "eventmap ingest [--db PATH|postgres://…] [--gazetteer FILE] [--workers N] [--replace] [--columns title=COL,date=COL,text=COL,url=COL,source=COL] PATH..."

func runIngest(ctx context.Context, e env) int {
	fs := newFlagSet(e, "ingest", ingestUsage)
	db := fs.String("db", "", dbFlagHelp)
	workers := fs.Int("workers", 0, "geoparsing goroutines (default: one per CPU)")
	replace := fs.Bool("replace", false, "geoparse again and overwrite articles already stored")
	columns := fs.String("columns", "", "CSV/JSON Lines `MAPPING` of fields to column names, such as text=body,date=published")
	quiet := fs.Bool("quiet", false, "no progress bar")
	gazPath := gazetteerFlag(fs, e, false)
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "eventmap ingest: name the files, folders or globs to read (- for standard input)")
		fs.Usage()
		return 2
	}
	cols, err := parseColumns(*columns)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap ingest:", err)
		return 2
	}
	g, u, err := openGazetteer(gazPath())
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap ingest:", safe(err.Error()))
		return 1
	}
	defer u.Close()
	st, err := openDB(ctx, *db, true)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap ingest:", safe(err.Error()))
		return 1
	}
	defer st.Close()

	cfg := ingest.Config{
		Store:     st,
		Geoparser: ingest.Geoparse(geoparse.New(g, geoparse.Options{})),
		Importers: article.NewSet(article.Options{Columns: cols}),
		Workers:   *workers,
		Replace:   *replace,
		Stdin:     e.stdin,
	}
	if !*quiet && isTerminal(e.stderr) {
		bar := progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("geoparsing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		cfg.Progress = func(p ingest.Progress) {
			if p.Total > 0 {
				bar.ChangeMax(p.Total)
			}
			bar.Set(p.Done)
			if p.Finished {
				bar.Finish()
			}
		}
	}
	sum, err := ingest.Run(ctx, cfg, fs.Args())
	printSummary(e.stdout, st.Path(), sum)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(e.stderr, "eventmap ingest: interrupted; everything reported above as stored is kept")
		} else {
			fmt.Fprintln(e.stderr, "eventmap ingest:", err)
		}
		return 1
	}
	if len(sum.Failures) > 0 {
		return 1
	}
	return 0
}

// printSummary reports what an ingest did.
func printSummary(w io.Writer, db string, s ingest.Summary) {
	fmt.Fprintf(w, "%d articles stored, %d events, %d duplicates skipped, %d failed (%.1fs) into %s\n",
		s.Articles, s.Events, s.Duplicates, len(s.Failures), s.Elapsed.Seconds(), db)
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", safe(f.Error()))
	}
	if n := len(s.Skipped); n > 0 {
		fmt.Fprintf(w, "  skipped %d file(s) in folders, not in an article format: %s\n", n, safe(skippedList(s.Skipped, 5)))
	}
}

// parseColumns reads "text=body,date=published".
func parseColumns(s string) (article.Columns, error) {
	var c article.Columns
	if strings.TrimSpace(s) == "" {
		return c, nil
	}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, "=")
		k, v = strings.TrimSpace(strings.ToLower(k)), strings.TrimSpace(v)
		if !ok || v == "" {
			return c, fmt.Errorf("--columns %q: want field=column pairs, such as text=body", s)
		}
		switch k {
		case "title":
			c.Title = v
		case "date":
			c.Date = v
		case "text":
			c.Text = v
		case "url":
			c.URL = v
		case "source":
			c.Source = v
		default:
			return c, fmt.Errorf("--columns: unknown field %q (title, date, text, url or source)", k)
		}
	}
	return c, nil
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// skippedList names up to max files, then how many more there are.
func skippedList(files []string, max int) string {
	if len(files) <= max {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(files[:max], ", "), len(files)-max)
}
