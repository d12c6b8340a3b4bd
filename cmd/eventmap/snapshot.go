package main

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"eventmap/app"
	"eventmap/data/pgstore"
	"eventmap/data/store"
)

const snapshotUsage = "eventmap snapshot --db PATH|postgres://… --out FILE.png [--size 1280x800] [--bbox minLon,minLat,maxLon,maxLat] [--from DATE] [--to DATE] [--theme light|dark]"

// runSnapshot draws the main window with Fyne's software painter, without
// a display, and saves it as a PNG.
func runSnapshot(ctx context.Context, e env) int {
	fs := newFlagSet(e, "snapshot", snapshotUsage)
	db := fs.String("db", "", dbFlagHelp)
	out := fs.String("out", "", "PNG `FILE` to write")
	size := fs.String("size", "1280x800", "window size in pixels, `WxH`")
	bbox := fs.String("bbox", "", "fit the map to `minLon,minLat,maxLon,maxLat`")
	from := fs.String("from", "", "timeline range start `DATE`")
	to := fs.String("to", "", "timeline range end `DATE` (included)")
	themeName := fs.String("theme", "light", "light or dark")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	fail := func(code int, err error) int {
		fmt.Fprintln(e.stderr, "eventmap snapshot:", err)
		return code
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return fail(2, err)
	}
	mode := app.ThemeLight
	switch *themeName {
	case "light":
	case "dark":
		mode = app.ThemeDark
	default:
		return fail(2, fmt.Errorf("--theme %q: light or dark", *themeName))
	}
	f := filterFlags{bbox: *bbox, from: *from, to: *to}
	q, err := f.query()
	if err != nil {
		return fail(2, err)
	}
	path, err := dbPath(*db)
	if err != nil {
		return fail(1, err)
	}
	if _, err := os.Stat(path); err != nil && !pgstore.IsURL(path) {
		return fail(1, fmt.Errorf("no database at %s: %w", path, errors.Unwrap(err)))
	}

	// Fyne treats the main goroutine as its event loop's: work from another.
	code := make(chan int, 1)
	go func() { code <- snapshot(ctx, e, path, *out, w, h, mode, q) }()
	if c := <-code; c != 0 {
		return c
	}
	fmt.Fprintf(e.stderr, "wrote %s (%dx%d)\n", *out, w, h)
	return 0
}

// parseSize reads "1280x800".
func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 320 || h < 240 || w > 8192 || h > 8192 {
		return 0, 0, fmt.Errorf("--size %q: want WIDTHxHEIGHT between 320x240 and 8192x8192", s)
	}
	return w, h, nil
}

// snapshot opens the window on the software driver, waits for the events,
// applies the view and writes the PNG.
func snapshot(ctx context.Context, e env, path, out string, w, h int, mode app.ThemeMode, q store.Query) int {
	fail := func(code int, err error) int {
		fmt.Fprintln(e.stderr, "eventmap snapshot:", err)
		return code
	}
	a := test.NewApp()
	defer a.Quit()
	loaded := make(chan error, 1)
	mw, err := app.NewMainWindow(a, app.Config{Version: versionString(), NoSample: true, Inline: true,
		OnLoaded: func(_ int, err error) {
			select {
			case loaded <- err:
			default:
			}
		}})
	if err != nil {
		return fail(1, err)
	}
	a.Settings().SetTheme(app.ThemeFor(mode))
	mw.Window.Resize(fyne.NewSize(float32(w), float32(h)))
	labelled := make(chan error, 1)
	mw.LoadMapLabels(func(err error) { labelled <- err })
	// Only now, as the loader's callbacks run on its own goroutine under
	// the software driver and must not meet the set-up above.
	mw.OpenDB(path)
	select {
	case err := <-loaded:
		if err != nil {
			return fail(1, err)
		}
	case <-ctx.Done():
		return fail(1, ctx.Err())
	case <-time.After(5 * time.Minute):
		return fail(1, errors.New("the database took more than 5 minutes to load"))
	}
	// The picture is made with the map's labels; without them (a damaged
	// gazetteer) it is still made, and the reason is told.
	select {
	case err := <-labelled:
		if err != nil {
			fmt.Fprintln(e.stderr, "eventmap snapshot: the map has no labels:", err)
		}
	case <-ctx.Done():
		return fail(1, ctx.Err())
	}
	var shotErr error
	fyne.DoAndWait(func() {
		if q.Bound != nil {
			mw.ShowBound(*q.Bound)
		}
		if !q.From.IsZero() || !q.To.IsZero() {
			from, to := q.From, q.To
			if from.IsZero() {
				from = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			if to.IsZero() {
				to = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			if err := mw.ShowRange(from, to); err != nil {
				shotErr = err
				return
			}
		}
		img := mw.Window.Canvas().Capture()
		file, err := os.Create(out)
		if err != nil {
			shotErr = err
			return
		}
		if err := png.Encode(file, img); err != nil {
			file.Close()
			shotErr = err
			return
		}
		shotErr = file.Close()
	})
	if shotErr != nil {
		return fail(1, shotErr)
	}
	return 0
}
