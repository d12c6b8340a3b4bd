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
	"eventmap/data/store"
)

// firstFrameEnv, when set to 1, makes the app print the time from process
// start to the first drawn frame of the map on stderr, then quit. The
// Makefile's bench target uses it.
const firstFrameEnv = "EVENTMAP_FIRST_FRAME"

// runGUI opens the desktop app and returns when its window closes.
func runGUI(ctx context.Context, e env) int {
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	dbPath, err := store.DefaultPath()
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dbPath), 0o755)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap:", err)
		return 1
	}
	a := fyneapp.NewWithID("io.eventmap.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	mw, err := app.NewMainWindow(a, app.Config{Version: versionString(), Logger: logger, DBPath: dbPath, DBFixed: os.Getenv(store.EnvDB) != ""})
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
	mw.Prepare(ctx)
	mw.LoadMapLabels(nil)
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	mw.Window.ShowAndRun()
	return 0
}

func versionString() string {
	return version + " (commit " + commit + ")"
}
