package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"eventmap/geo/gazetteer"

	"github.com/schollz/progressbar/v3"
)

func runGazetteer(ctx context.Context, e env) int {
	if len(e.args) == 0 || e.args[0] != "import" {
		fmt.Fprintln(e.stderr, "usage: eventmap gazetteer import [--gazetteer FILE] FILE...")
		return 2
	}
	fs := flag.NewFlagSet("gazetteer import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	gazPath := gazetteerFlag(fs, e, true)
	allScripts := fs.Bool("all-scripts", false, "keep alternate names in every script, not only Latin")
	quiet := fs.Bool("quiet", false, "no progress bar")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: eventmap gazetteer import [--gazetteer FILE] [--all-scripts] [--quiet] FILE...")
		fmt.Fprintln(e.stderr, "FILE: GeoNames allCountries.txt, cities500.txt, XX.txt or alternateNamesV2.txt, plain or .zip")
		fs.PrintDefaults()
	}
	if err := fs.Parse(e.args[1:]); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	u, err := gazetteer.OpenUser(gazPath())
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap gazetteer import:", safe(err.Error()))
		return 1
	}
	defer u.Close()
	opt := gazetteer.ImportOptions{AllScripts: *allScripts}
	var bar *progressbar.ProgressBar
	if !*quiet {
		opt.Progress = func(done, total int64) {
			if bar == nil {
				bar = progressbar.NewOptions64(total,
					progressbar.OptionSetWriter(e.stderr), progressbar.OptionShowBytes(true),
					progressbar.OptionSetDescription("importing"), progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionClearOnFinish())
			}
			bar.Set64(done)
		}
	}
	start := time.Now()
	rep, err := u.Import(ctx, fs.Args(), opt)
	if bar != nil {
		bar.Finish()
	}
	code := 0
	for _, f := range rep.Files {
		if f.Err != nil {
			fmt.Fprintf(e.stderr, "%q: %s\n", f.Name, safe(f.Err.Error()))
			code = 1
			continue
		}
		fmt.Fprintf(e.stdout, "%q: %d places, %d alternate names, %d skipped, %d malformed rows\n", f.Name, f.Places, f.AltNames, f.Skipped, f.Malformed)
		for _, r := range f.Rows {
			fmt.Fprintf(e.stdout, "  %s\n", safe(r.Error()))
		}
		if f.Malformed > len(f.Rows) {
			fmt.Fprintf(e.stdout, "  … and %d more\n", f.Malformed-len(f.Rows))
		}
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(e.stderr, "eventmap gazetteer import: interrupted; the user gazetteer is unchanged")
		} else {
			fmt.Fprintln(e.stderr, "eventmap gazetteer import:", err, "(the user gazetteer is unchanged)")
		}
		return 1
	}
	fmt.Fprintf(e.stdout, "imported %d rows into %s in %s\n", rep.Rows(), u.Path(), time.Since(start).Round(time.Millisecond))
	return code
}
