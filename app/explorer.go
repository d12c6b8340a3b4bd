package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

// Explorer ties the stored events to the window: it loads them off the UI
// goroutine into an in-memory index, draws them on the map, counts them on
// the timeline, lists those in view, and shows the one selected.
//
// All methods must be called on the Fyne UI goroutine unless noted.
type Explorer struct {
	mw          *MainWindow
	log         *slog.Logger
	store       *store.Store
	index       *eventindex.Index
	layer       *EventLayer
	timeline    *Timeline
	rng         eventindex.Range
	filter      filter                 // what the filters ask for
	sel         *eventindex.Set        // the events the filters keep; nil for all
	places      map[string]model.Place // the events' places by ID
	filters     *filterBar
	searchEntry *widget.Entry
	article     *articleView
	// pickPlace, when set, takes the next tap on the map as a place.
	pickPlace func(ll orb.Point)

	list      *widget.List
	listItems []int // index positions, in time order
	listEmpty fyne.CanvasObject
	listBox   *fyne.Container
	count     *widget.Label
	detail    *eventDetail

	// onLoaded, when set, is called after each load of the events with
	// their number, or the error that stopped it.
	onLoaded func(n int, err error)
	// onFirstLoad, when set, is called once the database is open, with
	// its number of articles.
	onFirstLoad func(articles int)
	// onFiltered, when set, is called after the filters were applied.
	onFiltered func()
	// spawn runs background work (go work() unless a test replaces it to
	// run the work later, in order, without concurrency).
	spawn func(work func())
}

func newExplorer(mw *MainWindow, log *slog.Logger) *Explorer {
	x := &Explorer{mw: mw, log: log, layer: NewEventLayer(), timeline: NewTimeline(), spawn: func(work func()) { go work() }}
	x.timeline.OnChanged = x.rangeChanged
	x.count = widget.NewLabel("")
	x.count.Truncation = fyne.TextTruncateEllipsis
	x.list = widget.NewList(
		func() int { return len(x.listItems) },
		func() fyne.CanvasObject { return newEventRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { x.bindRow(id, o.(*eventRow)) },
	)
	x.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(x.listItems) {
			x.selectEvent(x.listItems[id], true)
		}
	}
	x.listEmpty = emptyState("No events yet", "Articles you import become dated events here, listed by date and following the map.")
	x.listBox = container.NewStack(x.listEmpty)
	x.detail = newEventDetail()
	x.article = newArticleView(x)
	x.detail.read.OnTapped = x.readArticle
	x.searchEntry = widget.NewEntry()
	x.searchEntry.SetPlaceHolder("Search titles, places and sentences")
	x.searchEntry.ActionItem = widget.NewButtonWithIcon("", theme.SearchIcon(), func() { x.Search(x.searchEntry.Text) })
	x.searchEntry.OnSubmitted = x.Search
	x.filters = newFilterBar(x)
	mw.Map.AddOverlay(x.layer)
	x.layer.mapData.atlas = mw.atlas // country outlines (maplabels.go)
	mw.Map.OnTap = x.mapTapped
	mw.Map.OnHover = x.mapHovered
	return x
}

// eventsPanel is the side panel's Events tab.
func (x *Explorer) eventsPanel() fyne.CanvasObject {
	zoom := widget.NewButtonWithIcon("Zoom to results", theme.ZoomFitIcon(), x.ZoomToResults)
	top := container.NewVBox(x.searchEntry, x.filters.box, container.NewBorder(nil, nil, nil, zoom, x.count), x.detail.box)
	return container.NewBorder(top, nil, nil, nil, x.listBox)
}

// Open opens the database at path and loads its events, in the background.
// Errors are shown in the window.
func (x *Explorer) Open(ctx context.Context, path string) {
	go func() {
		// The window searches no box of the store (the map draws from
		// its own index), so the store's spatial indexes are left to the
		// first box search: a large database opens seconds sooner.
		st, err := store.Open(path, store.Options{Logger: x.log, DeferIndexes: true})
		if err != nil {
			fyne.Do(func() { x.loadFailed(fmt.Errorf("opening the database %s: %w", path, err)) })
			return
		}
		ld, err := loadIndex(ctx, st)
		if err != nil {
			st.Close()
			fyne.Do(func() { x.loadFailed(fmt.Errorf("reading events from %s: %w", path, err)) })
			return
		}
		fyne.Do(func() {
			x.store = st
			x.setLoaded(ld)
			if x.onFirstLoad != nil {
				x.onFirstLoad(st.Stats().Articles)
			}
			if x.onLoaded != nil {
				x.onLoaded(ld.index.Len(), nil)
			}
		})
	}()
}

// loadFailed reports an error of Open.
func (x *Explorer) loadFailed(err error) {
	if !errors.Is(err, context.Canceled) {
		x.mw.showError(err)
	}
	if x.onLoaded != nil {
		x.onLoaded(0, err)
	}
}

// Close closes the database. It may be called from any goroutine once the
// window is gone.
func (x *Explorer) Close() {
	if x.store != nil {
		x.store.Close()
	}
}

// DBPath returns the path of the open database, or "".
func (x *Explorer) DBPath() string {
	if x.store == nil {
		return ""
	}
	return x.store.Path()
}

// loaded is what loadIndex reads.
type loaded struct {
	index *eventindex.Index
	// places are the events' places by ID (their kind, and their extent
	// for areas).
	places map[string]model.Place
	// sources are the articles' sources, sorted.
	sources []string
}

// loadIndex reads every event's position and time from the store, and the
// places and sources the filters offer. It runs off the UI goroutine.
func loadIndex(ctx context.Context, st *store.Store) (loaded, error) {
	var pts []store.EventPoint
	places := make(map[string]model.Place)
	if err := st.ScanPoints(ctx, func(p store.EventPoint) bool {
		pts = append(pts, p)
		if _, ok := places[p.PlaceID]; !ok {
			places[p.PlaceID] = model.Place{}
		}
		return true
	}); err != nil {
		return loaded{}, err
	}
	for id := range places {
		if p, err := st.Place(ctx, id); err == nil {
			places[id] = p
		}
	}
	seen := make(map[string]bool)
	var sources []string
	if err := st.Articles(ctx, func(a store.ArticleInfo) bool {
		if a.Source != "" && !seen[a.Source] {
			seen[a.Source] = true
			sources = append(sources, a.Source)
		}
		return true
	}); err != nil {
		return loaded{}, err
	}
	slices.Sort(sources)
	return loaded{index: eventindex.New(pts), places: places, sources: sources}, nil
}

// Reload reads the events again (after an import or a correction).
func (x *Explorer) Reload(ctx context.Context) {
	st := x.store
	if st == nil {
		return
	}
	go func() {
		ld, err := loadIndex(ctx, st)
		if err != nil {
			fyne.Do(func() { x.loadFailed(err) })
			return
		}
		fyne.Do(func() {
			x.setLoaded(ld)
			if x.onLoaded != nil {
				x.onLoaded(ld.index.Len(), nil)
			}
		})
	}()
}

// setLoaded shows what loadIndex read.
func (x *Explorer) setLoaded(ld loaded) {
	x.places = ld.places
	x.layer.SetPlaces(areaPlaces(ld.places)) // outlined or named: see maplabels.go
	x.filters.setSources(ld.sources)
	x.setIndex(ld.index)
}

// setIndex shows a new set of events.
func (x *Explorer) setIndex(ix *eventindex.Index) {
	selected := ""
	if i := x.layer.Selected(); x.index != nil && i >= 0 && i < x.index.Len() {
		selected = x.index.ID(i)
	}
	x.index = ix
	x.sel = nil
	if !x.filter.none() {
		defer x.applyFilter() // filter the new events again
	}
	x.layer.SetIndex(ix)
	if i, ok := ix.Find(selected); ok && selected != "" {
		x.layer.Select(i) // the same event, after a reload
	} else {
		x.detail.clear()
	}
	first, last, ok := ix.Span()
	if ok {
		// Whole days around the events, so the first and last show; at
		// first the span without the stray dates at either end (a
		// "by 2050" or an "in 1939"), which scrolling brings back.
		step := eventindex.Day
		ext0, ext1 := step.Floor(first), step.Next(step.Floor(last))
		lo, hi := robustSpan(ix)
		sel := x.sel
		// SetData calls rangeChanged with the span shown.
		x.timeline.SetData(ext0, ext1, step.Floor(lo), step.Next(step.Floor(hi)), func(from, to time.Time, s eventindex.Step) []eventindex.Bucket {
			return ix.Histogram(from, to, s, sel)
		})
		return
	}
	x.rng = eventindex.Range{Undated: true}
	x.layer.SetFilter(x.rng, nil)
	x.mw.Map.Refresh()
	x.updateList()
}

// robustSpan is the time span of the events without the 0.5 % at either
// end.
func robustSpan(ix *eventindex.Index) (time.Time, time.Time) {
	n := ix.Dated()
	cut := n / 200
	lo, _ := ix.Time(cut)
	hi, _ := ix.Time(n - 1 - cut)
	return lo, hi
}

// rangeChanged follows the timeline: map, list and counts. A range over
// the whole span shown means no limit in time (undated events included).
func (x *Explorer) rangeChanged(from, to time.Time) {
	x.rng = eventindex.Range{From: from, To: to}
	if x.timeline.Whole() {
		x.rng = eventindex.Range{Undated: true}
	}
	x.layer.SetFilter(x.rng, x.sel)
	x.mw.Map.Refresh()
	x.updateList()
}

// Search keeps the events whose title, place or sentence contains text
// (ignoring case); an empty text shows every event again.
func (x *Explorer) Search(text string) {
	x.filter.text = strings.TrimSpace(text)
	x.applyFilter()
}

// applyFilter works out which events the filters keep, off the UI
// goroutine, and shows them.
func (x *Explorer) applyFilter() {
	if x.store == nil || x.index == nil {
		return
	}
	f, st, ix, places := x.filter, x.store, x.index, x.places
	if f.none() {
		x.sel = nil
		x.filterChanged()
		return
	}
	x.spawn(func() {
		var sel *eventindex.Set
		if f.text != "" || f.source != "" {
			hits, err := st.Events(x.mw.ctx, store.Query{Text: f.text, Source: f.source, Undated: true})
			if err != nil {
				fyne.Do(func() { x.mw.showError(fmt.Errorf("filtering the events: %w", err)) })
				return
			}
			ids := make([]string, len(hits))
			for i, h := range hits {
				ids[i] = h.ID
			}
			sel = ix.SetOf(ids)
		}
		if f.kind != "" || f.precision != anyPrecision {
			prev := sel
			sel = ix.Select(func(i int) bool {
				if prev != nil && !prev.Has(i) {
					return false
				}
				if f.kind != "" && places[ix.PlaceID(i)].Kind != f.kind {
					return false
				}
				_, p := ix.Time(i)
				return f.precision == anyPrecision || p == f.precision
			})
		}
		fyne.Do(func() {
			if x.index != ix || x.filter != f {
				return // reloaded or changed meanwhile
			}
			x.sel = sel
			x.filterChanged()
			if x.onFiltered != nil {
				x.onFiltered()
			}
		})
	})
}

// filterChanged redraws everything after the search changed.
func (x *Explorer) filterChanged() {
	x.layer.SetFilter(x.rng, x.sel)
	sel := x.sel
	ix := x.index
	x.timeline.SetHistogram(func(from, to time.Time, s eventindex.Step) []eventindex.Bucket {
		return ix.Histogram(from, to, s, sel)
	})
	x.mw.Map.Refresh()
	x.updateList()
}

// shownIDs returns the IDs of the events the filters keep when a filter
// the store cannot search by (kind, date precision) is on, else nil.
func (x *Explorer) shownIDs() map[string]bool {
	if x.index == nil || x.sel == nil || (x.filter.kind == "" && x.filter.precision == anyPrecision) {
		return nil
	}
	ids := make(map[string]bool)
	x.index.Each(x.rng, x.sel, func(i int) { ids[x.index.ID(i)] = true })
	return ids
}

// ZoomToResults fits the map to the events the range and search keep.
func (x *Explorer) ZoomToResults() {
	if x.index == nil {
		return
	}
	var b orb.Bound
	first := true
	x.index.Each(x.rng, x.sel, func(i int) {
		p := x.index.Point(i)
		if first {
			b, first = orb.Bound{Min: p, Max: p}, false
		} else {
			b = b.Extend(p)
		}
	})
	if !first {
		x.zoomTo(b)
	}
}

// viewChanged follows the map.
func (x *Explorer) viewChanged(viewport.View) { x.updateList() }

// updateList lists the events in view and in range.
func (x *Explorer) updateList() {
	if x.index == nil || x.index.Len() == 0 {
		x.listItems = nil
		x.listBox.Objects = []fyne.CanvasObject{x.listEmpty}
		x.listBox.Refresh()
		x.count.SetText("")
		return
	}
	x.listItems = newestFirst(x.index, x.index.InView(x.mw.Map.View(), x.rng, x.sel))
	x.listBox.Objects = []fyne.CanvasObject{x.list}
	x.listBox.Refresh()
	x.list.UnselectAll()
	x.list.Refresh()
	total := x.index.Count(x.rng, x.sel)
	x.count.SetText(fmt.Sprintf("%s in view · %s in range", groupDigits(len(x.listItems)), groupDigits(total)))
	if sel := x.layer.Selected(); sel >= 0 {
		for k, i := range x.listItems {
			if i == sel {
				x.list.ScrollTo(k)
				break
			}
		}
	}
}

// newestFirst reorders positions in time order (undated last) so that the
// latest events come first, the undated ones still last.
func newestFirst(ix *eventindex.Index, items []int) []int {
	dated := len(items)
	for dated > 0 && items[dated-1] >= ix.Dated() {
		dated--
	}
	slices.Reverse(items[:dated])
	return items
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%s %ss", groupDigits(n), word)
}

func groupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// mapTapped selects the event under the tap, or zooms into a cluster.
func (x *Explorer) mapTapped(px, py float64) {
	if x.pickPlace != nil {
		if ll, ok := x.mw.Map.View().LonLatAt(px, py); ok {
			pick := x.pickPlace
			x.pickPlace = nil
			pick(ll)
		}
		return
	}
	c, ok := x.layer.HitTest(px, py, x.mw.Map.View().Scale)
	if !ok {
		return
	}
	if c.Count == 1 {
		x.selectEvent(c.Event, false)
		return
	}
	x.zoomTo(c.Bound)
}

// zoomTo fits the map to a box of events (a little closer for a point).
func (x *Explorer) zoomTo(b orb.Bound) {
	m := x.mw.Map
	v := m.View()
	nw, se := viewport.ToWorld(orb.Point{b.Min[0], b.Max[1]}), viewport.ToWorld(orb.Point{b.Max[0], b.Min[1]})
	w, h := math.Max(se[0]-nw[0], 1e-9), math.Max(se[1]-nw[1], 1e-9)
	fit := math.Min(float64(v.Width)*0.8/(w*viewport.TileSize*v.Scale), float64(v.Height)*0.8/(h*viewport.TileSize*v.Scale))
	zoom := math.Min(math.Log2(fit), math.Max(v.Zoom+1, 10))
	m.SetView(viewport.ToLonLat(orb.Point{(nw[0] + se[0]) / 2, (nw[1] + se[1]) / 2}), math.Max(zoom, v.Zoom+1))
}

// flyToPlace shows a place on the map: its extent for an area, a close
// view for a point.
func (x *Explorer) flyToPlace(p model.Place) {
	if !p.Extent.IsEmpty() && p.Extent.Max[0]-p.Extent.Min[0] > 0.01 {
		x.zoomTo(p.Extent)
		return
	}
	x.mw.Map.SetView(p.Point, math.Max(x.mw.Map.View().Zoom, 7))
}

// readArticle opens the selected event's article in the Article tab.
func (x *Explorer) readArticle() {
	if x.detail.articleID == "" {
		return
	}
	if err := x.article.Show(x.detail.articleID); err != nil {
		x.mw.showError(err)
		return
	}
	x.mw.side.SelectIndex(1)
}

// mapHovered names the event or cluster under the pointer.
func (x *Explorer) mapHovered(px, py float64) {
	c, ok := x.layer.HitTest(px, py, x.mw.Map.View().Scale)
	if !ok {
		x.mw.Map.HideTip()
		return
	}
	text := plural(c.Count, "event") + " — click to zoom in"
	if c.Count == 1 {
		text = x.eventSummary(c.Event)
	}
	x.mw.Map.ShowTip(text, c.X, c.Y)
}

// eventSummary is "Title · Place · 13 Sep 2023".
func (x *Explorer) eventSummary(i int) string {
	when := formatWhen(x.index.Time(i))
	if x.store == nil {
		return when
	}
	h, err := x.store.Event(context.Background(), x.index.ID(i))
	if err != nil {
		return when
	}
	return clipText(h.Title, 60) + " · " + h.PlaceName + " · " + when
}

// selectEvent highlights an event on the map, in the list and in the
// detail card; fly also centres the map on it.
func (x *Explorer) selectEvent(i int, fly bool) {
	if x.index == nil || i < 0 || i >= x.index.Len() {
		return
	}
	x.layer.Select(i)
	tm, _ := x.index.Time(i)
	x.timeline.SetMark(tm)
	if fly {
		m := x.mw.Map
		m.SetView(x.index.Point(i), math.Max(m.View().Zoom, 5))
	}
	x.mw.Map.Refresh()
	if x.store != nil {
		if h, err := x.store.Event(context.Background(), x.index.ID(i)); err == nil {
			x.detail.show(h)
		}
	}
}

// formatWhen writes a time at its precision.
func formatWhen(t time.Time, p model.Precision) string {
	switch p {
	case model.Day:
		return FormatDay(t)
	case model.Month:
		return t.Format("Jan 2006")
	case model.Year:
		return t.Format("2006")
	}
	return "undated"
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// eventRow is one line of the event list.
type eventRow struct {
	widget.BaseWidget
	title, meta *widget.Label
}

func newEventRow() *eventRow {
	r := &eventRow{title: widget.NewLabel(""), meta: widget.NewLabel("")}
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.meta.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *eventRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, r.title, r.meta))
}

func (x *Explorer) bindRow(id widget.ListItemID, r *eventRow) {
	if id < 0 || id >= len(x.listItems) {
		return
	}
	i := x.listItems[id]
	when := formatWhen(x.index.Time(i))
	r.title.SetText(when)
	r.meta.SetText("")
	if x.store == nil {
		return
	}
	h, err := x.store.Event(context.Background(), x.index.ID(i))
	if err != nil {
		return
	}
	r.title.SetText(h.Title)
	r.meta.SetText(when + " · " + h.PlaceName)
}

// tightVBox stacks objects with no padding between them.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height * 0.8
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height * 0.8
	}
	return s
}

// eventDetail is the card at the top of the Events tab that shows the
// selected event.
type eventDetail struct {
	box     *fyne.Container
	title   *widget.Label
	meta    *widget.Label
	snippet *widget.Label
	link    *widget.Hyperlink
	read    *widget.Button

	articleID string
}

func newEventDetail() *eventDetail {
	d := &eventDetail{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:    widget.NewLabel(""),
		snippet: widget.NewLabel(""),
		link:    widget.NewHyperlink("", nil),
		read:    widget.NewButtonWithIcon("Read the article", theme.DocumentIcon(), nil),
	}
	d.title.Wrapping = fyne.TextWrapWord
	d.snippet.Wrapping = fyne.TextWrapWord
	d.meta.Importance = widget.LowImportance
	d.box = container.NewVBox(d.title, d.meta, d.snippet, container.NewHBox(d.read, d.link), widget.NewSeparator())
	d.box.Hide()
	return d
}

func (d *eventDetail) show(h store.Hit) {
	d.articleID = h.ArticleID
	d.title.SetText(h.Title)
	meta := h.PlaceName + " · " + formatWhen(h.Time, h.Precision)
	if h.Source != "" {
		meta += " · " + h.Source
	}
	d.meta.SetText(meta)
	d.snippet.SetText(h.Snippet)
	if u, err := url.Parse(h.URL); err == nil && h.URL != "" && (u.Scheme == "http" || u.Scheme == "https") {
		d.link.SetText("Open the original article")
		d.link.SetURL(u)
		d.link.Show()
	} else {
		d.link.Hide()
	}
	d.box.Show()
}

func (d *eventDetail) clear() { d.box.Hide() }
