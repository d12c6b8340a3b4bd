// Package explore holds the state of eventmap's explorer, apart from any
// window: the open event database, the in-memory index of its events, the
// filters, the date range and the selected event, and the one way they
// are loaded. Views (the map, the timeline, the date fields, the list, the
// counts, the exports) read this state and subscribe to its changes; none
// keeps a copy of its own, so they all show the same range and the same
// events by construction.
//
// A Controller is confined to one goroutine (the UI's): its methods must
// all be called there. Work on the store runs through Config.Go with a
// context, and its result comes back through Config.Do, where a
// generation check drops the results of loads or filters that a newer one
// replaced.
package explore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
)

// Change says what changed; listeners receive a set of them.
type Change uint8

// The changes a listener hears of.
const (
	// Loaded: a new index of events (a database opened or reloaded).
	Loaded Change = 1 << iota
	// RangeChanged: the date range.
	RangeChanged
	// FilterChanged: the filters, or the events they keep.
	FilterChanged
	// SelectionChanged: the selected event.
	SelectionChanged
)

// Has reports whether c includes any of what.
func (c Change) Has(what Change) bool { return c&what != 0 }

// AnyPrecision is the Filter.Precision that keeps every date precision.
const AnyPrecision model.Precision = 255

// Filter is what the filters ask for. NoFilter keeps everything.
type Filter struct {
	Text      string          // in the title, place name or sentence, ignoring case
	Source    string          // the article's source; "" for any
	Kind      model.PlaceKind // the place's kind; "" for any
	Precision model.Precision // the date's precision; AnyPrecision for any
	Review    bool            // only the events whose place needs review (see NeedsReview)
}

// NoFilter is the filter that keeps every event.
var NoFilter = Filter{Precision: AnyPrecision}

// None reports whether f keeps every event.
func (f Filter) None() bool {
	return f.Text == "" && f.Source == "" && f.Kind == "" && f.Precision == AnyPrecision && !f.Review
}

// Range is a date range chosen by the user: [From, To) with whole days,
// or All time (every event, the undated ones too).
type Range struct {
	From, To time.Time
	All      bool
}

// ErrFromAfterTo is returned by SetRange for a range that ends before it
// starts.
var ErrFromAfterTo = errors.New("explore: the From date is after the To date")

// Config is what a Controller needs from its host.
type Config struct {
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// Open opens the database at a path or postgres:// URL; nil uses
	// OpenStore.
	Open func(path string) (Store, error)
	// Go runs work off the UI goroutine; nil runs go work().
	Go func(work func())
	// Do runs f on the UI goroutine (fyne.Do in the app); nil runs f at
	// once, which suits tests that call everything from one goroutine.
	Do func(f func())
	// OnError hears every error of the background work (a database that
	// does not open, a failed filter), already naming the file.
	OnError func(error)
	// OnReloaded, when set, hears of the reloads that the controller
	// starts itself, when another process changed the store.
	OnReloaded func(events, articles int, err error)
}

// Controller owns the explorer's state. See the package comment.
type Controller struct {
	cfg       Config
	ctx       context.Context
	st        Store
	ix        *eventindex.Index
	places    map[string]model.Place
	areas     map[string]model.Place
	sources   []string
	filter    Filter
	sel       *eventindex.Set
	rng       Range
	hasRange  bool // a range was set for the open database
	selected  string
	group     []string // the events selected with it (an article's, a place's)
	loadGen   uint64
	filterGen uint64
	listeners []func(Change)
	// sure is the geoparser's confidence in the place of each event of
	// sureFor, by position (1 for a place the user chose or confirmed,
	// or whose confidence is not stored); nil until read. It is replaced,
	// never changed, so background filters may read it.
	sure      []float32
	sureFor   *eventindex.Index
	threshold float64
}

// New returns a controller with no database. ctx bounds all its
// background work; cancelling it stops loads and filters.
func New(ctx context.Context, cfg Config) *Controller {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Open == nil {
		log := cfg.Logger
		cfg.Open = func(path string) (Store, error) { return OpenStore(ctx, path, log) }
	}
	if cfg.Go == nil {
		cfg.Go = func(work func()) { go work() }
	}
	if cfg.Do == nil {
		cfg.Do = func(f func()) { f() }
	}
	if cfg.OnError == nil {
		cfg.OnError = func(error) {}
	}
	return &Controller{cfg: cfg, ctx: ctx, filter: NoFilter, rng: Range{All: true}, threshold: DefaultReviewThreshold}
}

// Subscribe adds a listener, called on the UI goroutine after every
// change with what changed.
func (c *Controller) Subscribe(f func(Change)) { c.listeners = append(c.listeners, f) }

func (c *Controller) notify(ch Change) {
	for _, f := range c.listeners {
		f(ch)
	}
}

// Context is the context of the controller's work.
func (c *Controller) Context() context.Context { return c.ctx }

// Store returns the open database, or nil.
func (c *Controller) Store() Store { return c.st }

// Index returns the index of the loaded events, or nil before the first
// load.
func (c *Controller) Index() *eventindex.Index { return c.ix }

// Places returns the loaded events' places by ID.
func (c *Controller) Places() map[string]model.Place { return c.places }

// Areas returns the places drawn as areas (IsArea) by ID.
func (c *Controller) Areas() map[string]model.Place { return c.areas }

// Sources returns the stored articles' sources, sorted.
func (c *Controller) Sources() []string { return c.sources }

// DBPath returns the path of the open database, or "".
func (c *Controller) DBPath() string {
	if c.st == nil {
		return ""
	}
	return c.st.Path()
}

// Open opens the database at path and loads its events in the
// background, then closes the database it replaces. A later Open or
// Reload makes the results of this one stale: they are dropped (and the
// database it opened closed). done, when set, is called on the UI
// goroutine with the number of events and of articles, or the error.
func (c *Controller) Open(path string, done func(events, articles int, err error)) {
	c.loadGen++
	gen := c.loadGen
	c.cfg.Go(func() {
		st, err := c.cfg.Open(path)
		if err != nil {
			c.finishLoad(gen, nil, loaded{}, fmt.Errorf("explore: opening the database %s: %w", displayName(path), err), done)
			return
		}
		ld, err := load(c.ctx, st, false)
		if err != nil {
			st.Close()
			c.finishLoad(gen, nil, loaded{}, fmt.Errorf("explore: reading events from %s: %w", st.Path(), err), done)
			return
		}
		c.finishLoad(gen, st, ld, nil, done)
	})
}

// Reload reads the events of the open database again (after an import or
// a correction), keeping the range unless it was all time, the filters
// and the selected event where it still is.
func (c *Controller) Reload(done func(events, articles int, err error)) {
	st := c.st
	if st == nil {
		return
	}
	c.loadGen++
	gen := c.loadGen
	c.cfg.Go(func() {
		ld, err := load(c.ctx, st, true)
		if err != nil {
			err = fmt.Errorf("explore: reading events from %s: %w", st.Path(), err)
		}
		c.finishLoad(gen, nil, ld, err, done)
	})
}

// finishLoad brings a load's result to the UI goroutine. opened is the
// store the load opened (nil for a reload).
func (c *Controller) finishLoad(gen uint64, opened Store, ld loaded, err error, done func(int, int, error)) {
	c.cfg.Do(func() {
		if gen != c.loadGen {
			// A newer load replaced this one.
			if opened != nil {
				opened.Close()
			}
			return
		}
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				c.cfg.Logger.Error("loading events", "err", err)
				c.cfg.OnError(err)
			}
			if done != nil {
				done(0, 0, err)
			}
			return
		}
		if opened != nil {
			if c.st != nil && c.st != opened {
				c.st.Close()
			}
			c.st = opened
			c.watch(opened)
			c.hasRange = false
			c.selected, c.group = "", nil
		}
		c.setLoaded(ld)
		if done != nil {
			done(ld.index.Len(), c.st.Stats().Articles, nil)
		}
	})
}

// CloseStore closes the open database and forgets its events (before the
// file is replaced or another chosen). A load under way is dropped.
func (c *Controller) CloseStore() {
	c.loadGen++
	if c.st != nil {
		c.st.Close()
	}
	c.st = nil
}

// Close closes the database. It may be called from any goroutine once the
// views are gone.
func (c *Controller) Close() {
	if c.st != nil {
		c.st.Close()
	}
}

// loaded is what load reads.
type loaded struct {
	index   *eventindex.Index
	places  map[string]model.Place
	sources []string
	sure    []float32 // see Controller.sure; nil when not read
}

// load reads every event's position and time from the store, and the
// places and sources the filters offer; with sure, also how sure the
// geoparser was of each event's place (a reload reads it at once, so that
// the markers and the needs-review filter do not flicker; an open leaves
// it for later, so that the map shows the events sooner). It runs off the
// UI goroutine.
func load(ctx context.Context, st Store, sure bool) (loaded, error) {
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
	ld := loaded{index: eventindex.New(pts), places: places, sources: sources}
	if sure {
		var err error
		if ld.sure, err = sureness(ctx, st, ld.index); err != nil {
			return loaded{}, err
		}
	}
	return ld, nil
}

// IsArea reports whether a place is an area the map draws as one when
// events there are shown: a country or state with its outline, a region
// or a sea named at its point.
func IsArea(p model.Place) bool {
	switch p.Kind {
	case model.KindCountry, model.KindAdmin, model.KindRegion, model.KindWater:
		return true
	}
	return false
}

// setLoaded takes a new index: the range is kept unless it was all time
// or none was set for this database yet (then the bulk of the dates is
// chosen), the filters are applied again, and the selection follows its
// event.
func (c *Controller) setLoaded(ld loaded) {
	c.ix, c.places, c.sources = ld.index, ld.places, ld.sources
	if ld.sure != nil {
		c.sure, c.sureFor = ld.sure, ld.index
	}
	c.areas = make(map[string]model.Place)
	for id, p := range ld.places {
		if IsArea(p) {
			c.areas[id] = p
		}
	}
	if !c.hasRange {
		// An empty database keeps choosing until it has dated events.
		c.rng = DefaultRange(c.ix)
		c.hasRange = c.ix.Dated() > 0
	}
	c.sel = nil
	if c.selected != "" {
		if _, ok := c.ix.Find(c.selected); !ok {
			c.selected, c.group = "", nil
		}
	}
	c.notify(Loaded | RangeChanged | FilterChanged | SelectionChanged)
	if !c.filter.None() {
		c.applyFilter()
	}
	if ld.sure == nil {
		c.readSureness()
	}
}

// DefaultRange is the range a database opens on: the shortest span that
// holds the bulk of the dated events (all but the outlying 2 %, and at
// least two of them, so that one stray "in 1848" or "by 2091" does not
// squeeze the rest into a thin line), padded by a twentieth of its length
// on each side, in whole days. It is all time when that is everything
// anyway, when there are fewer than minTrim dated events, or none.
func DefaultRange(ix *eventindex.Index) Range {
	first, last, ok := ix.Span()
	n := ix.Dated()
	if !ok || n < minTrim {
		return Range{All: true}
	}
	cut := max(2, int(math.Round(float64(n)*0.02)))
	keep := n - cut
	at := func(i int) time.Time { t, _ := ix.Time(i); return t }
	lo, hi := at(0), at(keep-1)
	for i := 1; i+keep-1 < n; i++ {
		if a, b := at(i), at(i+keep-1); b.Sub(a) < hi.Sub(lo) {
			lo, hi = a, b
		}
	}
	pad := max(hi.Sub(lo)/20, 24*time.Hour)
	from, to := dayFloor(lo.Add(-pad)), dayFloor(hi.Add(pad)).AddDate(0, 0, 1)
	if !from.After(dayFloor(first)) && !to.Before(dayFloor(last).AddDate(0, 0, 1)) {
		return Range{All: true}
	}
	return Range{From: from, To: to}
}

// minTrim is the least number of dated events of which DefaultRange
// leaves outliers out.
const minTrim = 20

func dayFloor(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Extent returns the whole days that hold every dated event [first, last),
// and false when there is none.
func (c *Controller) Extent() (first, last time.Time, ok bool) {
	if c.ix == nil {
		return time.Time{}, time.Time{}, false
	}
	f, l, ok := c.ix.Span()
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	return dayFloor(f), dayFloor(l).AddDate(0, 0, 1), true
}

// Range returns the chosen date range.
func (c *Controller) Range() Range { return c.rng }

// Bounds returns the dates the range covers [from, to): for all time,
// the extent of the events. ok is false when all time has no dated event.
func (c *Controller) Bounds() (from, to time.Time, ok bool) {
	if c.rng.All {
		return c.Extent()
	}
	return c.rng.From, c.rng.To, true
}

// IndexRange is the range as the index selects events: what the map, the
// list and the counts draw from.
func (c *Controller) IndexRange() eventindex.Range {
	if c.rng.All {
		return eventindex.Range{Undated: true}
	}
	return eventindex.Range{From: c.rng.From, To: c.rng.To}
}

// SetRange chooses the dates [from, to). A range that ends before it
// starts is refused with ErrFromAfterTo, and nothing changes.
func (c *Controller) SetRange(from, to time.Time) error {
	if to.Before(from) {
		return fmt.Errorf("%w (%s > %s)", ErrFromAfterTo, from.UTC().Format(time.DateOnly), to.UTC().Format(time.DateOnly))
	}
	r := Range{From: from.UTC(), To: to.UTC()}
	if r == c.rng {
		return nil
	}
	c.rng, c.hasRange = r, true
	c.clearHiddenSelection()
	c.notify(RangeChanged)
	return nil
}

// SetAllTime chooses every event, the undated ones too.
func (c *Controller) SetAllTime() {
	if c.rng.All {
		return
	}
	c.rng, c.hasRange = Range{All: true}, true
	c.notify(RangeChanged)
}

// Filter returns the filters.
func (c *Controller) Filter() Filter { return c.filter }

// Selection returns the events the filters keep, nil for all.
func (c *Controller) Selection() *eventindex.Set { return c.sel }

// SetFilter changes the filters and works out, in the background, which
// events they keep; listeners hear FilterChanged once they are known.
func (c *Controller) SetFilter(f Filter) {
	f.Text = strings.TrimSpace(f.Text)
	if f == c.filter {
		return
	}
	c.filter = f
	c.applyFilter()
}

// applyFilter works out which events the filters keep, off the UI
// goroutine.
func (c *Controller) applyFilter() {
	c.filterGen++
	gen := c.filterGen
	f, st, ix, places, review := c.filter, c.st, c.ix, c.places, c.reviewFunc()
	if ix == nil {
		return
	}
	if f.None() || st == nil {
		c.sel = nil
		c.notify(FilterChanged)
		return
	}
	ctx := c.ctx
	c.cfg.Go(func() {
		sel, err := keep(ctx, st, ix, places, review, f)
		c.cfg.Do(func() {
			if gen != c.filterGen || ix != c.ix {
				return // changed or reloaded meanwhile
			}
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					c.cfg.OnError(fmt.Errorf("explore: filtering the events of %s: %w", st.Path(), err))
				}
				return
			}
			c.sel = sel
			c.clearHiddenSelection()
			c.notify(FilterChanged)
		})
	})
}

// keep returns the events of ix that f keeps.
func keep(ctx context.Context, st Store, ix *eventindex.Index, places map[string]model.Place, review func(int) bool, f Filter) (*eventindex.Set, error) {
	var sel *eventindex.Set
	if f.Text != "" || f.Source != "" {
		hits, err := st.Events(ctx, store.Query{Text: f.Text, Source: f.Source, Undated: true})
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		sel = ix.SetOf(ids)
	}
	if f.Kind != "" || f.Precision != AnyPrecision || f.Review {
		prev := sel
		sel = ix.Select(func(i int) bool {
			if prev != nil && !prev.Has(i) {
				return false
			}
			if f.Kind != "" && places[ix.PlaceID(i)].Kind != f.Kind {
				return false
			}
			if f.Review && !review(i) {
				return false
			}
			_, p := ix.Time(i)
			return f.Precision == AnyPrecision || p == f.Precision
		})
	}
	return sel, nil
}

// Shown reports whether event i is in the range and kept by the filters.
func (c *Controller) Shown(i int) bool {
	if c.ix == nil || i < 0 || i >= c.ix.Len() {
		return false
	}
	return c.IndexRange().Has(c.ix, i) && (c.sel == nil || c.sel.Has(i))
}

// Count returns how many events the range and the filters keep.
func (c *Controller) Count() int {
	if c.ix == nil {
		return 0
	}
	return c.ix.Count(c.IndexRange(), c.sel)
}

// Each calls fn with every event the range and the filters keep, in time
// order (undated last).
func (c *Controller) Each(fn func(i int)) {
	if c.ix != nil {
		c.ix.Each(c.IndexRange(), c.sel, fn)
	}
}

// Query is the store query of the events shown, for the exports: the
// range and the filters the store can search by. With a kind, date
// precision or needs-review filter on, ShownIDs lists the events to keep
// of its results.
func (c *Controller) Query() store.Query {
	q := store.Query{Text: c.filter.Text, Source: c.filter.Source}
	if c.rng.All {
		q.Undated = true
	} else {
		q.From, q.To = c.rng.From, c.rng.To
	}
	return q
}

// ShownIDs returns the IDs of the events shown when a filter the store
// cannot search by (kind, date precision, needs review) is on, else nil.
func (c *Controller) ShownIDs() map[string]bool {
	if c.ix == nil || c.sel == nil || (c.filter.Kind == "" && c.filter.Precision == AnyPrecision && !c.filter.Review) {
		return nil
	}
	ids := make(map[string]bool)
	c.Each(func(i int) { ids[c.ix.ID(i)] = true })
	return ids
}

// Selected returns the position of the selected event, or -1.
func (c *Controller) Selected() int {
	if c.selected == "" || c.ix == nil {
		return -1
	}
	i, ok := c.ix.Find(c.selected)
	if !ok {
		return -1
	}
	return i
}

// SelectedID returns the ID of the selected event, or "".
func (c *Controller) SelectedID() string { return c.selected }

// Select selects event i (-1 for none).
func (c *Controller) Select(i int) {
	id := ""
	if c.ix != nil && i >= 0 && i < c.ix.Len() {
		id = c.ix.ID(i)
	}
	if id == c.selected && len(c.group) <= 1 {
		return
	}
	c.selected, c.group = id, nil
	if id != "" {
		c.group = []string{id}
	}
	c.notify(SelectionChanged)
}

// SelectGroup selects several events at once (the events of an article,
// or of a place), the first of them foremost (its card shows).
func (c *Controller) SelectGroup(events []int) {
	if c.ix == nil || len(events) == 0 {
		c.Select(-1)
		return
	}
	c.group = c.group[:0]
	for _, i := range events {
		if i >= 0 && i < c.ix.Len() {
			c.group = append(c.group, c.ix.ID(i))
		}
	}
	c.selected = c.group[0]
	c.notify(SelectionChanged)
}

// SelectedGroup returns the positions of the selected events: the
// selected one alone, or all of a group selected together.
func (c *Controller) SelectedGroup() []int {
	if c.ix == nil {
		return nil
	}
	var out []int
	for _, id := range c.group {
		if i, ok := c.ix.Find(id); ok {
			out = append(out, i)
		}
	}
	return out
}

// ArticleOf returns the ID of the article of event i, from the event's
// ID ("<article id>-<n>", see model.Event).
func (c *Controller) ArticleOf(i int) string {
	id := c.ix.ID(i)
	if k := strings.LastIndexByte(id, '-'); k > 0 {
		return id[:k]
	}
	return id
}

// clearHiddenSelection unselects an event the range or filters hide.
func (c *Controller) clearHiddenSelection() {
	if i := c.Selected(); i >= 0 && !c.Shown(i) {
		c.selected, c.group = "", nil
		c.notify(SelectionChanged)
	}
}

// Hit reads what the views show of event i from the store, in the
// background, and calls done with it on the UI goroutine, unless the
// database changed meanwhile.
func (c *Controller) Hit(i int, done func(store.Hit, error)) {
	st, ix := c.st, c.ix
	if st == nil || ix == nil || i < 0 || i >= ix.Len() {
		return
	}
	id, ctx := ix.ID(i), c.ctx
	c.cfg.Go(func() {
		h, err := st.Event(ctx, id)
		c.cfg.Do(func() {
			if st != c.st {
				return
			}
			done(h, err)
		})
	})
}

// ResultsBound returns the smallest box that holds every event shown.
// Across the antimeridian the box's east edge passes 180° (a box from
// 125° to 257° holds Korea and South Dakota); ok is false when no event
// is shown.
func (c *Controller) ResultsBound() (b orb.Bound, ok bool) {
	var lons []float64
	minLat, maxLat := math.Inf(1), math.Inf(-1)
	c.Each(func(i int) {
		p := c.ix.Point(i)
		lons = append(lons, p[0])
		minLat, maxLat = math.Min(minLat, p[1]), math.Max(maxLat, p[1])
	})
	if len(lons) == 0 {
		return orb.Bound{}, false
	}
	west, east := LonSpan(lons)
	return orb.Bound{Min: orb.Point{west, minLat}, Max: orb.Point{east, maxLat}}, true
}

// LonSpan returns the shortest arc of longitudes that holds every one of
// lons, as west and east edges with west ≤ east; east passes 180 when the
// arc crosses the antimeridian. It sorts lons.
func LonSpan(lons []float64) (west, east float64) {
	sort.Float64s(lons)
	n := len(lons)
	// The largest gap between neighbours (the one around the world from
	// the last to the first included) is the part left out.
	gap, at := lons[0]+360-lons[n-1], n-1
	for k := 0; k+1 < n; k++ {
		if g := lons[k+1] - lons[k]; g > gap {
			gap, at = g, k
		}
	}
	if at == n-1 {
		return lons[0], lons[n-1]
	}
	return lons[at+1], lons[at] + 360
}
