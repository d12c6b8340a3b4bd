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
	"strings"
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
}

// MainWindow is eventmap's main window and the parts of it other code
// talks to.
type MainWindow struct {
	Window fyne.Window
	Map    *MapView

	app      fyne.App
	cfg      Config
	atlas    *basemap.Atlas
	status   *widget.Label
	side     *container.AppTabs
	explorer *Explorer
	tiles    *tiles.Fetcher
	dbPath   string
	gazOnce  sync.Once
	gaz      *gazetteer.Gazetteer
	imports  *importer
	bar      *timelineBar
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
	mw.Map = NewMapView(basemap.NewRenderer(atlas, 0))
	mw.status = widget.NewLabel("")
	mw.status.Truncation = fyne.TextTruncateEllipsis
	mw.Map.OnPointer = mw.pointerMoved
	mw.explorer = newExplorer(mw, cfg.Logger)
	mw.imports = &importer{mw: mw}
	mw.explorer.onFirstLoad = mw.firstLoad
	mw.explorer.onLoaded = cfg.OnLoaded
	mw.Map.OnViewChanged = func(v viewport.View) {
		mw.updateStatus()
		mw.explorer.viewChanged(v)
	}
	mw.ctx, mw.cancel = context.WithCancel(context.Background())
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
	mw.side = container.NewAppTabs(
		container.NewTabItemWithIcon("Events", theme.ListIcon(), mw.explorer.eventsPanel()),
		container.NewTabItemWithIcon("Article", theme.DocumentIcon(), mw.explorer.article.box),
	)
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
	mw.bar = newTimelineBar(mw.explorer.timeline)
	return mw.bar.box
}

// typedKey handles the keys typed when no widget has the focus: space
// plays or pauses the timeline, the rest moves the map.
func (mw *MainWindow) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		mw.bar.TogglePlay()
		return
	}
	mw.Map.TypedKey(ev)
}

// firstLoad runs once the database is open: on the very first start, with
// an empty database, it loads the built-in sample collection.
func (mw *MainWindow) firstLoad(articles int) {
	prefs := mw.app.Preferences()
	if articles > 0 || mw.cfg.NoSample || prefs.Bool(prefSampleOffered) || mw.explorer.store == nil || mw.explorer.store.ReadOnly() {
		return
	}
	prefs.SetBool(prefSampleOffered, true)
	mw.imports.loadSample(func(s ingest.Summary, err error) {
		if err != nil || len(s.Failures) > 0 {
			mw.imports.showSummary(s, err)
		}
	})
}

// gazetteer returns the embedded gazetteer, loaded on first use.
func (mw *MainWindow) gazetteer() *gazetteer.Gazetteer {
	mw.gazOnce.Do(func() { mw.gaz = gazetteer.Embedded(gazetteer.Options{}) })
	return mw.gaz
}

// OpenDB opens the event database at path and loads its events in the
// background; Config.OnLoaded hears when they are there.
func (mw *MainWindow) OpenDB(path string) { mw.explorer.Open(mw.ctx, path) }

// ShowRange sets the timeline's range (to is exclusive).
func (mw *MainWindow) ShowRange(from, to time.Time) { mw.explorer.timeline.SetRange(from, to) }

// ShowBound fits the map to a longitude/latitude box.
func (mw *MainWindow) ShowBound(b orb.Bound) { mw.explorer.zoomTo(b) }

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

// menu builds the main menu.
func (mw *MainWindow) menu() *fyne.MainMenu {
	zoomIn := fyne.NewMenuItem("Zoom In", mw.Map.ZoomIn)
	zoomIn.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	zoomOut := fyne.NewMenuItem("Zoom Out", mw.Map.ZoomOut)
	zoomOut.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	reset := fyne.NewMenuItem("Whole World", mw.Map.ResetView)
	reset.Shortcut = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}
	for _, it := range []*fyne.MenuItem{zoomIn, zoomOut, reset} {
		it := it
		mw.Window.Canvas().AddShortcut(it.Shortcut, func(fyne.Shortcut) { it.Action() })
	}
	themeItems := []*fyne.MenuItem{}
	for _, m := range []struct {
		mode  ThemeMode
		label string
	}{{ThemeSystem, "System Theme"}, {ThemeLight, "Light Theme"}, {ThemeDark, "Dark Theme"}} {
		m := m
		item := fyne.NewMenuItem(m.label, nil)
		item.Action = func() { mw.SetTheme(m.mode) }
		themeItems = append(themeItems, item)
	}
	heat := fyne.NewMenuItem("Heat Map", nil)
	heat.Action = func() {
		mw.explorer.layer.SetHeat(!mw.explorer.layer.Heat())
		heat.Checked = mw.explorer.layer.Heat()
		mw.Map.Refresh()
		mw.Window.MainMenu().Refresh()
	}
	heat.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault}
	mw.Window.Canvas().AddShortcut(heat.Shortcut, func(fyne.Shortcut) { heat.Action() })
	view := fyne.NewMenu("View", append([]*fyne.MenuItem{zoomIn, zoomOut, reset, fyne.NewMenuItemSeparator(), heat, fyne.NewMenuItemSeparator()}, themeItems...)...)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard Shortcuts", mw.showShortcuts),
		fyne.NewMenuItem("About Event Map", mw.showAbout),
	)
	importFile := fyne.NewMenuItem("Import File…", mw.showImportFiles)
	importFile.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	exportItem := fyne.NewMenuItem("Export Events", nil)
	var exportItems []*fyne.MenuItem
	for _, e := range exportFormats {
		f := e.f
		exportItems = append(exportItems, fyne.NewMenuItem(e.label, func() { mw.showExport(f) }))
	}
	exportItem.ChildMenu = fyne.NewMenu("", exportItems...)
	exportGeoJSON := fyne.NewMenuItem("Export Events as GeoJSON…", func() { mw.showExport(exportFormats[0].f) })
	exportGeoJSON.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	settings := fyne.NewMenuItem("Settings…", mw.showSettings)
	settings.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	mw.Window.Canvas().AddShortcut(settings.Shortcut, func(fyne.Shortcut) { mw.showSettings() })
	search := fyne.NewMenuItem("Search Events", func() { mw.Window.Canvas().Focus(mw.explorer.searchEntry) })
	search.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	for _, it := range []*fyne.MenuItem{importFile, exportGeoJSON, search} {
		it := it
		mw.Window.Canvas().AddShortcut(it.Shortcut, func(fyne.Shortcut) { it.Action() })
	}
	// Fyne adds Quit to the first menu.
	file := fyne.NewMenu("File",
		importFile,
		fyne.NewMenuItem("Import Folder…", mw.showImportFolder),
		fyne.NewMenuItem("Paste Article Text…", mw.showPasteText),
		fyne.NewMenuItem("Load Sample Collection", func() { mw.imports.loadSample(nil) }),
		fyne.NewMenuItemSeparator(),
		exportGeoJSON,
		exportItem,
		fyne.NewMenuItem("Export Map as PNG…", mw.showExportPNG),
		fyne.NewMenuItemSeparator(),
		search,
		fyne.NewMenuItemSeparator(),
		settings,
	)
	return fyne.NewMainMenu(file, view, help)
}

// SetTheme switches between the system, light and dark themes and
// remembers the choice.
func (mw *MainWindow) SetTheme(mode ThemeMode) {
	mw.app.Preferences().SetString(prefTheme, string(mode))
	mw.app.Settings().SetTheme(ThemeFor(mode))
}

func (mw *MainWindow) showShortcuts() {
	text := "Drag\tpan the map\n" +
		"Scroll\tzoom around the pointer\n" +
		"Double-click\tzoom in there\n" +
		"Click a cluster\tzoom in to its events\n" +
		"Arrow keys\tpan\n" +
		"+ / −\tzoom in / out\n" +
		"0 or Home\tthe whole world\n" +
		"Space\tplay or pause the timeline\n" +
		"Ctrl+H\theat map on or off\n" +
		"Ctrl+F\tsearch events\n" +
		"Ctrl+O\timport a file\n" +
		"Ctrl+E\texport events as GeoJSON"
	grid := container.New(layout.NewFormLayout())
	for _, line := range strings.Split(text, "\n") {
		k, v, _ := strings.Cut(line, "\t")
		grid.Add(widget.NewLabelWithStyle(k, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(v))
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
		"Built with Fyne, orb and BuntDB."
}
