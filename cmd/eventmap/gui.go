package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"eventmap/app"
	"eventmap/assets"
	"eventmap/data/pgstore"
	"eventmap/data/store"
	"eventmap/geo/gazetteer"
)

// firstFrameEnv, when set to 1, makes the app print the time from process
// start to the first drawn frame of the map on stderr, then quit. The
// Makefile's bench target uses it.
const firstFrameEnv = "EVENTMAP_FIRST_FRAME"

// tourEnv, when set to a folder, makes the app step through its main
// states and quit (with status 1 if a step failed); at each state it asks
// for a screenshot of the screen by writing NN-state.png.ready there and
// waits for another program to write NN-state.png (.ci/ui-smoke does, with
// ImageMagick). tourInputsEnv lists (with the OS's path list separator)
// what its import step imports. `make ui-smoke` sets both.
const (
	tourEnv       = "EVENTMAP_TOUR"
	tourInputsEnv = "EVENTMAP_TOUR_INPUTS"
)

// runGUI opens the desktop app and returns when its window closes.
func runGUI(ctx context.Context, e env) int {
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	dbPath, err := store.DefaultPath()
	if err == nil && !pgstore.IsURL(dbPath) {
		err = os.MkdirAll(filepath.Dir(dbPath), 0o755)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap:", err)
		return 1
	}
	// The user gazetteer: a file that is not one is reported and left out.
	user, err := gazetteer.OpenUser(gazetteer.DefaultUserPath())
	if err != nil {
		logger.Warn("eventmap: the user gazetteer is left out", "err", err)
		user = nil
	} else {
		defer user.Close()
	}
	a := fyneapp.NewWithID("io.eventmap.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	mw, err := app.NewMainWindow(a, app.Config{Version: versionString(), Logger: logger, DBPath: dbPath, DBFixed: os.Getenv(store.EnvDB) != "", UserGazetteer: user})
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap:", err)
		return 1
	}
	if os.Getenv(firstFrameEnv) == "1" {
		reported := false
		mw.Map.OnFrame = func() {
			if reported {
				return
			}
			reported = true
			fmt.Fprintf(e.stderr, "first frame: %.1f ms after process start\n", float64(sinceProcessStart())/float64(time.Millisecond))
			// Let the frame reach the screen, then quit.
			go func() { fyne.Do(a.Quit) }()
		}
	}
	status := 0
	if dir := os.Getenv(tourEnv); dir != "" {
		inputs := filepath.SplitList(os.Getenv(tourInputsEnv))
		mw.Tour(dir, mw.TourSteps(inputs), 1500*time.Millisecond, app.ScreenCapture(time.Minute), func(written []string, err error) {
			fmt.Fprintf(e.stderr, "eventmap tour: wrote %d captures to %s\n", len(written), dir)
			if err != nil {
				fmt.Fprintln(e.stderr, "eventmap tour:", err)
				status = 1
			}
			a.Quit()
		})
	}
	mw.Prepare(ctx)
	mw.LoadMapLabels(nil)
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	mw.Window.ShowAndRun()
	return status
}

func versionString() string {
	return version + " (commit " + commit + ")"
}
