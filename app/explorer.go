package app

import (
	"context"
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

	"eventmap/app/explore"
	"eventmap/app/mapwidget"
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

// Explorer is the explorer's views: the map's event layer, the timeline,
// the filters, the list and its counts, and the card of the selected
// event. Its state (the database, the events, the range, the filters, the
// selection) belongs to the Fyne-free controller explore.Controller: the
// views hand it what the user asks for, and render what it says changed.
//
// All methods must be called on the Fyne UI goroutine unless noted.
type Explorer struct {
	mw          *MainWindow
	c           *explore.Controller
	layer       *mapwidget.EventLayer
	timeline    *mapwidget.Timeline
	filters     *filterBar
	searchEntry *widget.Entry
	article     *articleView
	// pickPlace, when set, takes the next tap on the map as a place.
	pickPlace func(ll orb.Point)

	list      *widget.List
	listItems []int        // the events in view and in range, newest first
	articles  []eventGroup // listItems by article, newest first
	byPlace   []eventGroup // listItems by place, most events first
	places    *widget.List
	lists     *container.AppTabs
	listEmpty fyne.CanvasObject
	listBox   *fyne.Container
	count     *widget.Label
	detail    *eventDetail
	// timelineDB is the database whose events the timeline counts.
	timelineDB string
	// tipFor is the event the map's tip is being filled for.
	tipFor int

	// onLoaded, when set, is called after each load of the events with
	// their number, or the error that stopped it.
	onLoaded func(n int, err error)
	// onFirstLoad, when set, is called once a database is open, with its
	// number of articles.
	onFirstLoad func(articles int)
	// onRange, when set, is called after the range changed (the date
	// fields follow it).
	onRange func()
	// spawn runs background work (go work() unless a test replaces it to
	// run the work later, in order, without concurrency).
	spawn func(work func())
	log   *slog.Logger
}

func newExplorer(ctx context.Context, mw *MainWindow, log *slog.Logger) *Explorer {
	x := &Explorer{mw: mw, log: log, layer: mapwidget.NewEventLayer(), timeline: mapwidget.NewTimeline(), spawn: func(work func()) { go work() }, tipFor: -1}
	x.c = explore.New(ctx, explore.Config{
		Logger:  log,
		Go:      func(work func()) { x.spawn(work) },
		Do:      fyne.Do,
		OnError: mw.showError,
		OnReloaded: func(events, _ int, err error) {
			if x.onLoaded != nil {
				x.onLoaded(events, err)
			}
		},
	})
	x.c.Subscribe(x.changed)
	x.timeline.OnChanged = func(from, to time.Time) {
		if err := x.c.SetRange(from, to); err != nil {
			x.mw.showError(err)
		}
	}
	x.count = widget.NewLabel("")
	x.count.Truncation = fyne.TextTruncateEllipsis
	x.list = widget.NewList(
		func() int { return len(x.articles) },
		func() fyne.CanvasObject { return newEventRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { x.bindRow(id, o.(*eventRow)) },
	)
	x.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(x.articles) {
			x.selectGroup(x.articles[id])
		}
	}
	x.places = widget.NewList(
		func() int { return len(x.byPlace) },
		func() fyne.CanvasObject { return newEventRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) { x.bindPlaceRow(id, o.(*eventRow)) },
	)
	x.places.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(x.byPlace) {
			x.selectGroup(x.byPlace[id])
		}
	}
	x.lists = container.NewAppTabs(container.NewTabItem("By article", x.list), container.NewTabItem("By place", x.places))
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
	x.layer.SetReview(x.c.NeedsReview)
	mw.Map.AddOverlay(x.layer)
	x.layer.SetAtlas(mw.atlas) // country outlines
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
func (x *Explorer) Open(path string) {
	x.c.Open(path, func(events, articles int, err error) {
		if err == nil && x.onFirstLoad != nil {
			x.onFirstLoad(articles)
		}
		if x.onLoaded != nil {
			x.onLoaded(events, err)
		}
	})
}

// Reload reads the events again (after an import or a correction),
// keeping the user's range.
func (x *Explorer) Reload() {
	x.c.Reload(func(events, _ int, err error) {
		if x.onLoaded != nil {
			x.onLoaded(events, err)
		}
	})
}

// Close closes the database. It may be called from any goroutine once the
// window is gone.
func (x *Explorer) Close() { x.c.Close() }

// DBPath returns the path of the open database, or "".
func (x *Explorer) DBPath() string { return x.c.DBPath() }

// changed renders what the controller says changed.
func (x *Explorer) changed(ch explore.Change) {
	ix := x.c.Index()
	if ch.Has(explore.Loaded) {
		x.layer.SetPlaces(x.c.Areas())
		x.layer.SetIndex(ix)
		x.filters.setSources(x.c.Sources())
		first, last, ok := x.c.Extent()
		from, to, _ := x.c.Bounds()
		if !ok {
			first, last = from, to
		}
		if db := x.c.DBPath(); db != x.timelineDB {
			// Another database: the timeline shows its range.
			x.timelineDB = db
			x.timeline.SetData(first, last, from, to, x.histogram())
		} else {
			// More events: the timeline stays where the user left it.
			x.timeline.SetExtent(first, last, x.histogram())
		}
	} else if ch.Has(explore.FilterChanged) {
		x.timeline.SetHistogram(x.histogram())
	}
	if ch.Has(explore.Loaded | explore.FilterChanged) {
		x.filters.setReviewCount(x.c.ReviewCount())
	}
	if ch.Has(explore.Loaded | explore.RangeChanged) {
		if from, to, ok := x.c.Bounds(); ok {
			x.timeline.ShowRange(from, to)
		}
		if x.onRange != nil {
			x.onRange()
		}
	}
	if ch.Has(explore.SelectionChanged) {
		x.selectionChanged()
	}
	x.layer.SetFilter(x.c.IndexRange(), x.c.Selection())
	if ch.Has(explore.Loaded | explore.RangeChanged | explore.FilterChanged) {
		x.mw.Map.HideTip() // what it named may be gone
	}
	x.mw.Map.Refresh()
	x.updateList()
}

// histogram counts the events the filters keep.
func (x *Explorer) histogram() mapwidget.HistogramFunc {
	ix, sel := x.c.Index(), x.c.Selection()
	if ix == nil {
		return nil
	}
	return func(from, to time.Time, s eventindex.Step) []eventindex.Bucket {
		return ix.Histogram(from, to, s, sel)
	}
}

// selectionChanged shows the selected event on the map, the timeline and
// the card, or closes the card.
func (x *Explorer) selectionChanged() {
	i := x.c.Selected()
	x.layer.Select(i)
	x.layer.SetGroup(x.c.SelectedGroup())
	if i < 0 {
		x.timeline.SetMark(time.Time{})
		x.detail.clear()
		return
	}
	tm, _ := x.c.Index().Time(i)
	x.timeline.SetMark(tm)
	id := x.c.SelectedID()
	x.c.Hit(i, func(h store.Hit, err error) {
		if x.c.SelectedID() != id {
			return // another was selected meanwhile
		}
		if err != nil {
			x.mw.showError(fmt.Errorf("app: reading the event %s: %w", id, err))
			return
		}
		x.detail.show(h)
		x.article.follow(h)
	})
}

// Search keeps the events whose title, place or sentence contains text
// (ignoring case); an empty text shows every event again.
func (x *Explorer) Search(text string) {
	f := x.c.Filter()
	f.Text = text
	x.c.SetFilter(f)
}

// ZoomToResults fits the map to every event the range and the filters
// keep, across the antimeridian too, with a margin around them.
func (x *Explorer) ZoomToResults() {
	if b, ok := x.c.ResultsBound(); ok {
		x.fit(b, false)
	}
}

// viewChanged follows the map.
func (x *Explorer) viewChanged(viewport.View) { x.updateList() }

// updateList lists the events in view and in range.
func (x *Explorer) updateList() {
	ix := x.c.Index()
	if ix == nil || ix.Len() == 0 {
		x.listItems = nil
		x.listBox.Objects = []fyne.CanvasObject{x.listEmpty}
		x.listBox.Refresh()
		x.count.SetText("")
		return
	}
	x.listItems = newestFirst(ix, ix.InView(x.mw.Map.View(), x.c.IndexRange(), x.c.Selection()))
	x.articles, x.byPlace = groupBy(x.listItems, x.c.ArticleOf), groupBy(x.listItems, ix.PlaceID)
	slices.SortStableFunc(x.byPlace, func(a, b eventGroup) int { return len(b.events) - len(a.events) })
	x.listBox.Objects = []fyne.CanvasObject{x.lists}
	x.listBox.Refresh()
	x.list.UnselectAll()
	x.list.Refresh()
	x.places.UnselectAll()
	x.places.Refresh()
	x.count.SetText(fmt.Sprintf("%s in view · %s in range", groupDigits(len(x.listItems)), groupDigits(x.c.Count())))
	if sel := x.c.Selected(); sel >= 0 {
		art := x.c.ArticleOf(sel)
		for k, g := range x.articles {
			if g.key == art {
				x.list.ScrollTo(k)
				break
			}
		}
	}
}

// eventGroup is a row of the lists: the events of one article, or of one
// place, newest first.
type eventGroup struct {
	key    string // the article's or the place's ID
	events []int
}

// groupBy groups events by a key, in the order of their first event.
func groupBy(events []int, key func(i int) string) []eventGroup {
	var out []eventGroup
	at := make(map[string]int)
	for _, i := range events {
		k := key(i)
		g, ok := at[k]
		if !ok {
			g = len(out)
			at[k] = g
			out = append(out, eventGroup{key: k})
		}
		out[g].events = append(out[g].events, i)
	}
	return out
}

// selectGroup selects all the events of a row of the lists and fits the
// map to them.
func (x *Explorer) selectGroup(g eventGroup) {
	x.c.SelectGroup(g.events)
	ix := x.c.Index()
	var lons []float64
	b := orb.Bound{Min: ix.Point(g.events[0]), Max: ix.Point(g.events[0])}
	for _, i := range g.events {
		lons = append(lons, ix.Point(i)[0])
		b = b.Extend(ix.Point(i))
	}
	b.Min[0], b.Max[0] = explore.LonSpan(lons)
	x.fit(b, false)
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

// groupDigits writes a count with its thousands grouped, as the map's
// scale bar does.
func groupDigits(n int) string { return mapwidget.GroupDigits(n) }

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

// zoomTo fits the map to a box of events, zooming in at least one step
// (a cluster tapped always opens).
func (x *Explorer) zoomTo(b orb.Bound) { x.fit(b, true) }

// fitMargin is the part of the view left around a box fitted in it.
const fitMargin = 0.1

// fit shows the whole box b (whose east edge may pass 180° to cross the
// antimeridian) with a margin, as close as zoom level 10 for a point.
// closer zooms in at least one step.
func (x *Explorer) fit(b orb.Bound, closer bool) {
	m := x.mw.Map
	v := m.View()
	nw, se := viewport.ToWorld(orb.Point{b.Min[0], b.Max[1]}), viewport.ToWorld(orb.Point{b.Max[0], b.Min[1]})
	// World x is linear in longitude: an east edge past 180° stays east
	// of the west edge instead of wrapping round.
	nw[0], se[0] = (b.Min[0]+180)/360, (b.Max[0]+180)/360
	w, h := math.Max(se[0]-nw[0], 1e-9), math.Max(se[1]-nw[1], 1e-9)
	keep := 1 - 2*fitMargin
	fit := math.Min(float64(v.Width)*keep/(w*viewport.TileSize*v.Scale), float64(v.Height)*keep/(h*viewport.TileSize*v.Scale))
	zoom := math.Log2(fit)
	if closer {
		zoom = math.Max(math.Min(zoom, math.Max(v.Zoom+1, 10)), v.Zoom+1)
	} else {
		zoom = math.Min(zoom, 10)
	}
	c := viewport.ToLonLat(orb.Point{(nw[0] + se[0]) / 2, (nw[1] + se[1]) / 2})
	if c[0] > 180 {
		c[0] -= 360
	}
	m.SetView(c, zoom)
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
	x.article.Show(x.detail.articleID, func(err error) {
		if err != nil {
			x.mw.showError(err)
			return
		}
		x.mw.side.Select(x.mw.articleTab)
	})
}

// mapHovered names the event or cluster under the pointer.
func (x *Explorer) mapHovered(px, py float64) {
	c, ok := x.layer.HitTest(px, py, x.mw.Map.View().Scale)
	if !ok {
		x.tipFor = -1
		x.mw.Map.HideTip()
		return
	}
	if c.Count > 1 {
		x.tipFor = -1
		x.mw.Map.ShowTip(plural(c.Count, "event")+" — click to zoom in", c.X, c.Y)
		return
	}
	i := c.Event
	x.tipFor = i
	x.mw.Map.ShowTip(formatWhen(x.c.Index().Time(i)), c.X, c.Y)
	v := x.mw.Map.View()
	x.c.Hit(i, func(h store.Hit, err error) {
		if err != nil || x.tipFor != i || x.mw.Map.View() != v {
			return // the pointer or the map moved meanwhile
		}
		x.mw.Map.ShowTip(x.eventSummary(i, h), c.X, c.Y)
	})
}

// eventSummary is "Title · Place · 13 Sep 2023".
func (x *Explorer) eventSummary(i int, h store.Hit) string {
	return clipText(h.Title, 60) + " · " + h.PlaceName + " · " + formatWhen(x.c.Index().Time(i))
}

// selectEvent selects an event: the map, the list and the card follow;
// fly also centres the map on it.
func (x *Explorer) selectEvent(i int, fly bool) {
	ix := x.c.Index()
	if ix == nil || i < 0 || i >= ix.Len() {
		return
	}
	x.c.Select(i)
	if fly {
		m := x.mw.Map
		m.SetView(ix.Point(i), math.Max(m.View().Zoom, 5))
	}
	x.mw.Map.Refresh()
}

// formatWhen writes a time at its precision.
func formatWhen(t time.Time, p model.Precision) string {
	switch p {
	case model.Day:
		return mapwidget.FormatDay(t)
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

// eventRow is one row of the lists: a title, a line of details, and
// the names of places.
type eventRow struct {
	widget.BaseWidget
	title *widget.Label
	meta  *widget.RichText
	chips *widget.Label
	event string // the key of the row shown
}

func newEventRow() *eventRow {
	r := &eventRow{title: widget.NewLabel(""), meta: newSecondaryText(false), chips: widget.NewLabel("")}
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.chips.Truncation = fyne.TextTruncateEllipsis
	r.chips.Importance = widget.HighImportance
	r.ExtendBaseWidget(r)
	return r
}

// setChips names the row's places.
func (r *eventRow) setChips(names []string) {
	r.chips.SetText(strings.Join(names, " · "))
}

func (r *eventRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&tightVBox{}, r.title, r.meta, r.chips))
}

// bindRow shows an article: its title, the date of its newest event in
// view, its source and number of events, and its places as chips.
func (x *Explorer) bindRow(id widget.ListItemID, r *eventRow) {
	ix := x.c.Index()
	if id < 0 || id >= len(x.articles) || ix == nil {
		return
	}
	g := x.articles[id]
	i := g.events[0]
	when := formatWhen(ix.Time(i))
	count := ""
	if len(g.events) > 1 {
		count = " · " + plural(len(g.events), "event")
	}
	r.event = g.key
	r.title.SetText(when)
	setSecondaryText(r.meta, when+count)
	var names []string
	seen := make(map[string]bool)
	for _, e := range g.events {
		if p := ix.PlaceID(e); !seen[p] {
			seen[p] = true
			names = append(names, x.placeName(p))
		}
	}
	r.setChips(names)
	want := r.event
	x.c.Hit(i, func(h store.Hit, err error) {
		if err != nil || r.event != want {
			return // the row shows another article by now
		}
		r.title.SetText(h.Title)
		if h.Source != "" {
			setSecondaryText(r.meta, when+" · "+h.Source+count)
		}
	})
}

// bindPlaceRow shows a place with its number of events in view.
func (x *Explorer) bindPlaceRow(id widget.ListItemID, r *eventRow) {
	ix := x.c.Index()
	if id < 0 || id >= len(x.byPlace) || ix == nil {
		return
	}
	g := x.byPlace[id]
	r.event = g.key
	r.title.SetText(x.placeName(g.key))
	setSecondaryText(r.meta, plural(len(g.events), "event")+" · latest "+formatWhen(ix.Time(g.events[0])))
	r.setChips(nil)
}

// placeName is the name of a place of the loaded events.
func (x *Explorer) placeName(id string) string {
	if p, ok := x.c.Places()[id]; ok && p.Name != "" {
		return p.Name
	}
	return id
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
	meta    *widget.RichText
	snippet *widget.Label
	link    *widget.Hyperlink
	read    *widget.Button

	articleID string
}

func newEventDetail() *eventDetail {
	d := &eventDetail{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:    newSecondaryText(true),
		snippet: widget.NewLabel(""),
		link:    widget.NewHyperlink("", nil),
		read:    widget.NewButtonWithIcon("Read the article", theme.DocumentIcon(), nil),
	}
	d.title.Wrapping = fyne.TextWrapWord
	d.snippet.Wrapping = fyne.TextWrapWord
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
	setSecondaryText(d.meta, meta)
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
