package app

import (
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"eventmap/data/store"
	"eventmap/geo/tiles"
	"eventmap/geo/viewport"
)

// Preference keys of the settings.
const (
	prefDBPath          = "db.path"
	prefTilesOn         = "tiles.enabled"
	prefTilesURL        = "tiles.url"
	prefTilesAgent      = "tiles.useragent"
	prefTilesCache      = "tiles.cache"
	prefTilesAttributon = "tiles.attribution"
)

// TileSettings are the user's choices for the online tile source.
type TileSettings struct {
	Enabled                  bool
	URL, UserAgent, CacheDir string
	Attribution              string
}

// tileSettings reads the tile settings from the preferences.
func (mw *MainWindow) tileSettings() TileSettings {
	p := mw.app.Preferences()
	cache := ""
	if dir, err := os.UserCacheDir(); err == nil {
		cache = filepath.Join(dir, "eventmap", "tiles")
	}
	return TileSettings{
		Enabled:     p.Bool(prefTilesOn),
		URL:         p.String(prefTilesURL),
		UserAgent:   p.StringWithFallback(prefTilesAgent, "eventmap (desktop news map)"),
		CacheDir:    p.StringWithFallback(prefTilesCache, cache),
		Attribution: p.String(prefTilesAttributon),
	}
}

// applyTiles starts (or stops) drawing the online tile source over the
// basemap.
func (mw *MainWindow) applyTiles(s TileSettings) error {
	if mw.tiles != nil {
		mw.tiles.Close()
		mw.tiles = nil
	}
	if !s.Enabled {
		mw.Map.SetTileOverlay(nil, "")
		return nil
	}
	f, err := tiles.NewFetcher(tiles.Source{URL: s.URL, UserAgent: s.UserAgent, CacheDir: s.CacheDir, Attribution: s.Attribution}, nil,
		func() { fyne.Do(mw.Map.Refresh) })
	if err != nil {
		mw.Map.SetTileOverlay(nil, "")
		return err
	}
	mw.tiles = f
	mw.Map.SetTileOverlay(tileOverlay{f}, s.Attribution)
	return nil
}

// tileOverlay draws an online tile source.
type tileOverlay struct{ f *tiles.Fetcher }

func (o tileOverlay) Draw(dst *image.RGBA, v viewport.View, _ bool) { o.f.Draw(dst, v) }

// saveTileSettings stores the tile settings and applies them.
func (mw *MainWindow) saveTileSettings(s TileSettings) error {
	if s.Enabled {
		if err := (tiles.Source{URL: s.URL}).Validate(); err != nil {
			return err
		}
		if strings.TrimSpace(s.UserAgent) == "" {
			return errors.New("tiles: the User-Agent must not be empty: tile servers ask for one that names the application")
		}
	}
	p := mw.app.Preferences()
	p.SetBool(prefTilesOn, s.Enabled)
	p.SetString(prefTilesURL, s.URL)
	p.SetString(prefTilesAgent, s.UserAgent)
	p.SetString(prefTilesCache, s.CacheDir)
	p.SetString(prefTilesAttributon, s.Attribution)
	return mw.applyTiles(s)
}

// switchDB opens another database and remembers it.
func (mw *MainWindow) switchDB(path string) {
	mw.app.Preferences().SetString(prefDBPath, path)
	mw.explorer.c.CloseStore()
	mw.OpenDB(path)
	mw.dbPath = path
}

// showSettings opens the settings: theme, review threshold, database,
// online tiles.
func (mw *MainWindow) showSettings() {
	themes := widget.NewRadioGroup([]string{"System", "Light", "Dark"}, nil)
	themes.Horizontal = true
	switch ThemeMode(mw.app.Preferences().StringWithFallback(prefTheme, string(ThemeSystem))) {
	case ThemeLight:
		themes.SetSelected("Light")
	case ThemeDark:
		themes.SetSelected("Dark")
	default:
		themes.SetSelected("System")
	}
	themes.OnChanged = func(s string) { mw.SetTheme(ThemeMode(strings.ToLower(s))) }

	dbLabel := widget.NewLabel(dbDisplayName(mw.dbPath))
	dbLabel.Wrapping = fyne.TextWrapBreak
	// Open an existing database with the open dialog, which never writes;
	// a new one is made as events.db in a chosen folder, so that no
	// existing file is ever truncated.
	open := widget.NewButton("Open Another…", func() {
		mw.pickFile([]string{".db"}, func(path string) {
			mw.switchDB(path)
			dbLabel.SetText(path)
		})
	})
	create := widget.NewButton("New in Folder…", func() {
		mw.pickFolder(func(dir string) {
			path := filepath.Join(dir, "events.db")
			mw.switchDB(path) // an existing events.db there is opened, not replaced
			dbLabel.SetText(path)
		})
	})
	choose := container.NewHBox(open, create)
	if mw.cfg.DBFixed {
		open.Disable()
		create.Disable()
		dbLabel.SetText(dbDisplayName(mw.dbPath) + " (set by " + store.EnvDB + ")")
	}

	ts := mw.tileSettings()
	on := widget.NewCheck("Draw an online tile source over the offline map", nil)
	on.SetChecked(ts.Enabled)
	url := widget.NewEntry()
	url.SetPlaceHolder("https://tile.example.org/{z}/{x}/{y}.png")
	url.SetText(ts.URL)
	agent := widget.NewEntry()
	agent.SetText(ts.UserAgent)
	cache := widget.NewEntry()
	cache.SetText(ts.CacheDir)
	attr := widget.NewEntry()
	attr.SetPlaceHolder("© the source's contributors")
	attr.SetText(ts.Attribution)
	note := newSecondaryText(true)
	setSecondaryText(note, "Off by default: Event Map works offline. Use a tile source only within its terms of use, and give its attribution.")
	review, threshold := reviewSetting(mw.explorer.c.ReviewThreshold())
	form := widget.NewForm(
		widget.NewFormItem("Theme", themes),
		widget.NewFormItem("Needs review", review),
		widget.NewFormItem("Database", container.NewVBox(dbLabel, choose)),
		widget.NewFormItem("Online tiles", container.NewVBox(on, note)),
		widget.NewFormItem("URL template", url),
		widget.NewFormItem("User-Agent", agent),
		widget.NewFormItem("Disk cache", cache),
		widget.NewFormItem("Attribution", attr),
	)
	d := dialog.NewCustomConfirm("Settings", "Apply", "Close", fixedWidth(560, form), func(ok bool) {
		if !ok {
			return
		}
		if err := mw.saveReviewThreshold(threshold.Value / 100); err != nil {
			mw.showError(fmt.Errorf("app: needs review: %w", err))
		}
		s := TileSettings{Enabled: on.Checked, URL: strings.TrimSpace(url.Text), UserAgent: strings.TrimSpace(agent.Text),
			CacheDir: strings.TrimSpace(cache.Text), Attribution: strings.TrimSpace(attr.Text)}
		if err := mw.saveTileSettings(s); err != nil {
			mw.showError(fmt.Errorf("online tiles: %w", err))
		}
	}, mw.Window)
	d.Show()
}
