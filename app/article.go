package app

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"eventmap/app/mapwidget"
	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/gazetteer"
)

// articleView is the side panel's Article tab: the source article with
// every recognised place highlighted (tap one to fly there and to correct
// it), its events, and a link to the original.
type articleView struct {
	x *Explorer

	box     *fyne.Container // what the tab shows: empty state or article
	empty   fyne.CanvasObject
	content *container.Scroll // the article, scrolled
	stack   *fyne.Container   // what content scrolls

	title  *widget.Label
	meta   *widget.RichText
	link   *widget.Hyperlink
	body   *flowText
	events *fyne.Container
	fix    *fyne.Container // the correction panel
	// removed lists the names the user said are not places, with Undo.
	removed *fyne.Container

	// onUndone, when set, is called once an undo is stored (for tests).
	onUndone func()

	articleID string
	info      store.ArticleInfo
	mentions  []model.Mention
	current   int    // the mention being looked at, or -1
	showGen   uint64 // the last Show asked for; older ones are dropped
}

func newArticleView(x *Explorer) *articleView {
	a := &articleView{x: x, current: -1}
	a.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.title.Wrapping = fyne.TextWrapWord
	a.meta = newSecondaryText(true)
	a.link = widget.NewHyperlink("Open the original article", nil)
	a.body = newFlowText()
	a.events = container.NewVBox()
	a.fix = container.NewVBox()
	a.removed = container.NewVBox()
	a.empty = emptyState("No article open", "Select an event to read its article here, with every place it names highlighted.")
	a.stack = container.NewVBox(a.title, a.meta, a.link, a.fix, a.removed, widget.NewSeparator(), a.body,
		widget.NewSeparator(), widget.NewLabelWithStyle("Events in this article", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.events)
	a.content = container.NewVScroll(a.stack)
	a.box = container.NewStack(a.empty)
	return a
}

// articleData is what Show reads of an article.
type articleData struct {
	info        store.ArticleInfo
	mentions    []model.Mention
	events      []store.Hit
	corrections []store.Correction
}

// Show reads an article from the store, off the UI goroutine, and shows
// it; done, when set, then hears nil, or the error that kept it from
// showing. A later Show replaces one still reading (done is not called).
func (a *articleView) Show(articleID string, done func(error)) {
	a.showGen++
	gen := a.showGen
	var d articleData
	a.x.c.Run(func(ctx context.Context, st Store) error {
		var err error
		if d.info, d.mentions, err = st.Article(ctx, articleID); err != nil {
			return err
		}
		if d.events, err = st.Events(ctx, store.Query{ArticleID: articleID, Undated: true}); err != nil {
			return fmt.Errorf("app: reading the events of article %s: %w", articleID, err)
		}
		if d.corrections, err = st.Corrections(ctx, articleID); err != nil {
			return fmt.Errorf("app: reading the corrections of article %s: %w", articleID, err)
		}
		return nil
	}, func(err error) {
		if gen != a.showGen {
			return
		}
		if err == nil {
			a.render(articleID, d)
		}
		if done != nil {
			done(err)
		}
	})
}

// render shows an article read by Show.
func (a *articleView) render(articleID string, d articleData) {
	info, ms := d.info, d.mentions
	a.articleID, a.info, a.mentions = articleID, info, ms
	slices.SortFunc(a.mentions, func(p, q model.Mention) int { return p.Span.Start - q.Span.Start })
	a.title.SetText(orDefault(info.Title, "Untitled article"))
	meta := []string{}
	if !info.Published.IsZero() {
		meta = append(meta, mapwidget.FormatDay(info.Published))
	}
	if info.Source != "" {
		meta = append(meta, info.Source)
	}
	meta = append(meta, plural(len(ms), "place")+" recognised")
	setSecondaryText(a.meta, strings.Join(meta, " · "))
	if u, err := url.Parse(info.URL); err == nil && info.URL != "" && (u.Scheme == "http" || u.Scheme == "https") {
		a.link.SetURL(u)
		a.link.Show()
	} else {
		a.link.Hide()
	}
	a.body.SetRuns(a.runs())
	a.showRemoved(d.corrections)
	a.showEvents(d.events)
	a.showFix()
	a.box.Objects = []fyne.CanvasObject{a.content}
	a.box.Refresh()
}

// follow shows the article of the event just selected in the Article tab
// (without switching to it). Errors are logged, not shown: the event card
// already shows the event.
func (a *articleView) follow(h store.Hit) {
	if h.ArticleID == a.articleID {
		return
	}
	a.current = -1
	a.Show(h.ArticleID, func(err error) {
		if err != nil {
			a.x.log.Warn("showing the article of the selected event", "article", h.ArticleID, "err", err)
		}
	})
}

// runs builds the article's text with its mentions as links (tap one to
// look at it); each line of the text is a paragraph.
func (a *articleView) runs() []flowRun {
	text := a.info.Text
	var runs []flowRun
	at := 0
	for k, m := range a.mentions {
		if !m.Span.Valid(len(text)) || m.Span.Start < at {
			continue
		}
		if m.Span.Start > at {
			runs = append(runs, flowRun{Text: text[at:m.Span.Start]})
		}
		k := k
		runs = append(runs, flowRun{Text: text[m.Span.Start:m.Span.End], OnTapped: func() { a.pick(k) }})
		at = m.Span.End
	}
	if at < len(text) {
		runs = append(runs, flowRun{Text: text[at:]})
	}
	return runs
}

// showEvents lists the article's events as buttons that select them.
func (a *articleView) showEvents(hits []store.Hit) {
	a.events.Objects = nil
	for _, h := range hits {
		id := h.ID
		b := widget.NewButton(h.PlaceName+" · "+formatWhen(h.Time, h.Precision), func() {
			if i, ok := a.x.c.Index().Find(id); ok {
				a.x.selectEvent(i, true)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		a.events.Add(b)
	}
	a.events.Refresh()
}

// pick looks at mention k: the map flies to its place, and the correction
// panel offers other places.
func (a *articleView) pick(k int) {
	if k < 0 || k >= len(a.mentions) {
		return
	}
	a.current = k
	m := a.mentions[k]
	a.x.flyToPlace(m.Place)
	a.showFix()
}

// showFix fills the correction panel for the current mention.
func (a *articleView) showFix() {
	a.fix.Objects = nil
	defer a.relayout()
	if a.current < 0 || a.current >= len(a.mentions) {
		return
	}
	m := a.mentions[a.current]
	how := fmt.Sprintf("confidence %.0f%%", 100*m.Confidence)
	review := !m.Corrected && m.Confidence < a.x.c.ReviewThreshold()
	if m.Corrected {
		how = "your choice"
	} else if review {
		how += ", under the review threshold: confirm it or choose another"
	}
	head := widget.NewLabel(fmt.Sprintf("“%s” is placed at %s, %s.", m.Name, a.placeLabel(m.Place), how))
	head.Wrapping = fyne.TextWrapWord
	a.fix.Add(head)
	if a.x.c.Store() != nil && a.x.c.Store().ReadOnly() {
		note := widget.NewLabel("The database is open read-only: places cannot be corrected here.")
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		a.fix.Add(note)
		return
	}
	if !m.Corrected {
		p := m.Place
		confirm := widget.NewButtonWithIcon("Confirm "+a.placeLabel(p), theme.ConfirmIcon(), func() { a.correct(p) })
		confirm.Alignment = widget.ButtonAlignLeading
		if review {
			confirm.Importance = widget.HighImportance
		}
		a.fix.Add(confirm)
	}
	for _, c := range m.RunnersUp {
		p := c.Place
		b := widget.NewButtonWithIcon("Use "+a.placeLabel(p), theme.ConfirmIcon(), func() { a.correct(p) })
		b.Alignment = widget.ButtonAlignLeading
		a.fix.Add(b)
	}
	notPlace := widget.NewButtonWithIcon("Not a place", theme.ContentRemoveIcon(), func() { a.reject() })
	notPlace.Alignment = widget.ButtonAlignLeading
	a.fix.Add(notPlace)
	results := container.NewVBox()
	search := widget.NewEntry()
	search.SetPlaceHolder("Search the gazetteer for another place")
	search.OnSubmitted = func(q string) { a.searchPlaces(q, results) }
	search.ActionItem = widget.NewButtonWithIcon("", theme.SearchIcon(), func() { a.searchPlaces(search.Text, results) })
	pickOnMap := widget.NewButtonWithIcon("Pick the place on the map", theme.VisibilityIcon(), nil)
	pickOnMap.OnTapped = func() {
		pickOnMap.SetText("Click the map where “" + m.Name + "” is…")
		a.x.pickPlace = func(ll orb.Point) {
			a.correct(model.Place{
				ID:   fmt.Sprintf("user:%.5f_%.5f", ll[1], ll[0]),
				Name: m.Name, Kind: model.KindUnknown, Point: ll,
			})
		}
	}
	a.fix.Add(search)
	a.fix.Add(results)
	a.fix.Add(pickOnMap)
}

// relayout places the article's parts again after the correction panel
// changed its height: refreshing the panel alone would draw it over the
// text below it.
func (a *articleView) relayout() {
	a.fix.Refresh()
	a.content.Refresh()
	a.stack.Refresh()
}

// reject records that the current mention is not a place: it and its
// events go, here and in later articles from the same source.
func (a *articleView) reject() {
	a.x.pickPlace = nil
	if a.current < 0 || a.current >= len(a.mentions) {
		return
	}
	m, id := a.mentions[a.current], a.articleID
	a.x.c.Run(func(ctx context.Context, st Store) error {
		return st.RejectMention(ctx, id, m.Span)
	}, func(err error) {
		if err != nil {
			a.x.mw.showError(fmt.Errorf("app: removing “%s”: %w", m.Name, err))
			return
		}
		if a.articleID == id {
			a.current = -1
			a.Show(id, a.showErr)
		}
		a.x.Reload()
	})
}

// showErr shows an error of Show in the window.
func (a *articleView) showErr(err error) {
	if err != nil {
		a.x.mw.showError(err)
	}
}

// showRemoved lists the article's names that the user said are not
// places, each with a button that undoes it.
func (a *articleView) showRemoved(cs []store.Correction) {
	a.removed.Objects = nil
	defer a.relayout()
	for _, c := range cs {
		if !store.IsNotAPlace(c.Place) {
			continue
		}
		sp := c.Span
		label := widget.NewLabel("“" + c.Name + "” is not a place (your correction).")
		label.Wrapping = fyne.TextWrapWord
		undo := widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), func() { a.undo(sp) })
		a.removed.Add(container.NewBorder(nil, nil, nil, undo, label))
	}
	// Hidden when empty, so that it takes no space between the parts.
	a.removed.Hidden = len(a.removed.Objects) == 0
}

// undo takes back the correction at span and geoparses the article again,
// off the UI goroutine (the geoparser may still have to load).
func (a *articleView) undo(sp model.Span) {
	id := a.articleID
	gp := a.x.mw.imports.geoparser
	a.x.c.Run(func(ctx context.Context, st Store) error {
		if err := st.UndoCorrection(ctx, id, sp); err != nil {
			return fmt.Errorf("app: undoing the correction: %w", err)
		}
		return ingest.Reparse(ctx, ingest.Config{Store: st, Geoparser: gp()}, id)
	}, func(err error) {
		if err != nil {
			a.x.mw.showError(err)
			return
		}
		if a.articleID == id {
			a.Show(id, a.showErr)
		}
		a.x.Reload()
		if a.onUndone != nil {
			a.onUndone()
		}
	})
}

// searchPlaces lists gazetteer places called q as buttons that choose them.
func (a *articleView) searchPlaces(q string, into *fyne.Container) {
	into.Objects = nil
	defer a.relayout()
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	cands, err := a.x.mw.gazetteer().Lookup(q, gazetteer.LookupOptions{Limit: 8})
	if err != nil {
		a.x.mw.showError(fmt.Errorf("searching the gazetteer for %q: %w", q, err))
		return
	}
	if len(cands) == 0 {
		into.Add(widget.NewLabel("No place called “" + q + "”."))
		return
	}
	for _, c := range cands {
		p := ingest.PlaceOf(c.Place)
		b := widget.NewButtonWithIcon("Use "+a.placeLabel(p), theme.ConfirmIcon(), func() { a.correct(p) })
		b.Alignment = widget.ButtonAlignLeading
		into.Add(b)
	}
}

// correct saves the user's place for the current mention (another place,
// or the same one confirmed), then shows the article and the map again
// with it.
func (a *articleView) correct(p model.Place) {
	a.x.pickPlace = nil
	if a.current < 0 || a.current >= len(a.mentions) {
		return
	}
	m, id, cur := a.mentions[a.current], a.articleID, a.current
	if st := a.x.c.Store(); st != nil && st.ReadOnly() {
		a.x.mw.showError(readOnlyError(st, "cannot save the place of “"+m.Name+"”"))
		return
	}
	a.x.c.Run(func(ctx context.Context, st Store) error {
		return st.CorrectMention(ctx, id, m.Span, p)
	}, func(err error) {
		if err != nil {
			a.x.mw.showError(fmt.Errorf("app: saving the place of “%s”: %w", m.Name, err))
			return
		}
		if a.articleID == id {
			a.Show(id, func(err error) {
				a.showErr(err)
				a.current = cur
				a.showFix()
			})
		}
		a.x.flyToPlace(p)
		a.x.Reload()
	})
}

func placeKindLabel(p model.Place) string {
	if p.Kind == model.KindUnknown {
		return "place"
	}
	return string(p.Kind)
}

// placeLabel names a place so that namesakes can be told apart: with its
// region, kind and country, "Gainesville, Texas (city, US)".
func (a *articleView) placeLabel(p model.Place) string {
	name := p.Name
	if id, err := strconv.ParseInt(strings.TrimPrefix(p.ID, "gn:"), 10, 64); err == nil && strings.HasPrefix(p.ID, "gn:") {
		g := a.x.mw.gazetteer()
		if gp, err := g.Get(id); err == nil && gp.Admin1 != "" && gp.Kind != gazetteer.KindAdmin1 {
			if r, err := g.Admin1(gp.Country, gp.Admin1); err == nil && r.Name != "" && r.Name != p.Name {
				name += ", " + r.Name
			}
		}
	}
	parts := []string{placeKindLabel(p)}
	if p.Country != "" {
		parts = append(parts, p.Country)
	}
	return name + " (" + strings.Join(parts, ", ") + ")"
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
