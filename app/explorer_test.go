package app

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"eventmap/app/mapwidget"
	"eventmap/data/export"
	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/viewport"
)

// sampleDB writes a database with a few events: the founding article's
// places, and a cluster of ten around Lagos.
func sampleDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := func(title, text string, evs ...model.Event) store.Record {
		a := model.Article{ID: model.ContentID(text), Title: title, Source: "example.org", URL: "https://example.org/" + title[:4], Text: text, Published: day(2023, 9, 13)}
		for i := range evs {
			evs[i].ArticleID, evs[i].ID = a.ID, fmt.Sprintf("%s-%d", a.ID, i)
		}
		return store.Record{Article: a, Events: evs}
	}
	ev := func(place string, p orb.Point, t time.Time, prec model.Precision) model.Event {
		return model.Event{PlaceID: place, PlaceName: place, Point: p, Time: t, Precision: prec, Snippet: "Something at " + place + "."}
	}
	var lagos []model.Event
	for i := range 10 {
		lagos = append(lagos, ev("Lagos", orb.Point{3.39 + float64(i)*0.01, 6.45}, day(2022, 7, 1+i), model.Day))
	}
	kim := rec("Kim pledges support", "Kim met Putin at the Vostochny Cosmodrome.\nHis last trip was to Vladivostok in 2019.\nMissiles fell into the East Sea.",
		ev("Vostochny Cosmodrome", orb.Point{128.334, 51.884}, day(2023, 9, 13), model.Day),
		ev("Vladivostok", orb.Point{131.882, 43.116}, day(2019, 1, 1), model.Year),
		ev("Sea of Japan", orb.Point{134.5, 40}, day(2023, 9, 13), model.Day))
	place := func(id, name string, p orb.Point) model.Place {
		return model.Place{ID: id, Name: name, Kind: model.KindCity, Country: "RU", Point: p}
	}
	cosmo := place("Vostochny Cosmodrome", "Vostochny Cosmodrome", orb.Point{128.334, 51.884})
	cosmo.Kind = model.KindLandmark
	text := kim.Article.Text
	span := func(name string) model.Span {
		i := strings.Index(text, name)
		return model.Span{Start: i, End: i + len(name)}
	}
	kim.Events[0].Span, kim.Events[1].Span, kim.Events[2].Span = span("Vostochny Cosmodrome"), span("Vladivostok"), span("East Sea")
	sea := model.Place{ID: "Sea of Japan", Name: "Sea of Japan", Kind: model.KindWater, Point: orb.Point{134.5, 40},
		Extent: orb.Bound{Min: orb.Point{127.5, 33.5}, Max: orb.Point{142.2, 51.7}}}
	kim.Mentions = []model.Mention{
		{Span: span("Vostochny Cosmodrome"), Name: "Vostochny Cosmodrome", Place: cosmo, Confidence: 0.97},
		{Span: span("Vladivostok"), Name: "Vladivostok", Place: place("Vladivostok", "Vladivostok", orb.Point{131.882, 43.116}), Confidence: 0.6,
			RunnersUp: []model.Candidate{{Place: place("gn:1", "Vladivostok Airport", orb.Point{132.148, 43.399}), Score: 0.3}}},
		{Span: span("East Sea"), Name: "East Sea", Place: sea, Confidence: 0.9},
	}
	recs := []store.Record{kim, rec("Floods in Lagos", "Floods hit Lagos.", lagos...)}
	if _, err := st.PutBatch(context.Background(), recs, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path
}

// openExplorer opens a main window on a database and waits for its events.
func openExplorer(t *testing.T, db string) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ThemeFor(ThemeLight))
	loaded := make(chan error, 1)
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mw.Window.Close() })
	// Background work runs at once, on the test's goroutine, as Fyne's
	// test driver runs fyne.Do where it is called.
	mw.explorer.spawn = func(work func()) { work() }
	mw.explorer.onLoaded = func(n int, err error) { loaded <- err }
	mw.explorer.Open(db)
	select {
	case err := <-loaded:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("events not loaded")
	}
	mw.explorer.onLoaded = nil
	return mw
}

func TestExplorerLoadsAndLists(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	if x.c.Index().Len() != 13 {
		t.Fatalf("%d events loaded", x.c.Index().Len())
	}
	// The timeline covers the events' span.
	first, last := x.timeline.Span()
	if !first.Equal(day(2019, 1, 1)) || !last.Equal(day(2023, 9, 14)) {
		t.Errorf("timeline span %v – %v", first, last)
	}
	// The whole world is in view: every event is listed, by date.
	if len(x.listItems) != 13 || !strings.Contains(x.count.Text, "13 in view") {
		t.Errorf("list %d, count %q", len(x.listItems), x.count.Text)
	}
	// Narrowing the range narrows the list and the map.
	x.timeline.SetRange(day(2023, 1, 1), day(2024, 1, 1))
	if len(x.listItems) != 2 || x.c.Index().ID(x.listItems[0]) == "" {
		t.Errorf("list after narrowing %v", x.listItems)
	}
	// Zooming the map to Lagos lists only Lagos (in the full range).
	x.timeline.SetRange(first, last)
	mw.Map.SetView(orb.Point{3.4, 6.45}, 8)
	if len(x.listItems) != 10 {
		t.Errorf("%d events listed around Lagos", len(x.listItems))
	}
}

func TestExplorerSelection(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	mw.Map.SetView(orb.Point{128.334, 51.884}, 7)
	win := test.NewTempWindow(t, mw.Map)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(400, 300))
	win.Canvas().Capture() // draw a frame, which clusters the events
	cs := x.layer.Clusters()
	if len(cs) != 1 || cs[0].Count != 1 {
		t.Fatalf("clusters %+v", cs)
	}
	// Hovering names the event; tapping it selects it and shows it.
	x.mapHovered(cs[0].X, cs[0].Y)
	if tip, shown := mw.Map.Tip(); !shown || !strings.Contains(tip, "Kim pledges support · Vostochny Cosmodrome · 13 Sep 2023") {
		t.Errorf("tip %q", tip)
	}
	test.TapAt(mw.Map, fyne.NewPos(float32(cs[0].X), float32(cs[0].Y)))
	if sel := x.layer.Selected(); sel < 0 || x.c.Index().Point(sel) != (orb.Point{128.334, 51.884}) {
		t.Fatalf("selected %d", sel)
	}
	if !x.detail.box.Visible() || x.detail.title.Text != "Kim pledges support" || !x.detail.link.Visible() {
		t.Errorf("detail %q visible %v", x.detail.title.Text, x.detail.box.Visible())
	}
	assertGolden(t, "mapview/selected.png", win.Canvas().Capture())
	// Away from any event, hovering hides the tip.
	x.mapHovered(5, 5)
	if _, shown := mw.Map.Tip(); shown {
		t.Error("tip still shown")
	}
	// The list has one row per article, newest first; selecting the
	// article's row selects all its events and fits the map to them.
	mw.Map.SetView(orb.Point{0, 0}, 0)
	if len(x.articles) != 2 || len(x.articles[0].events) != 3 || len(x.articles[1].events) != 10 {
		t.Fatalf("article rows %+v", x.articles)
	}
	x.list.Select(0)
	if g := x.c.SelectedGroup(); len(g) != 3 {
		t.Errorf("selecting the article selected %v", g)
	}
	v := mw.Map.View()
	for _, p := range []orb.Point{{128.334, 51.884}, {131.882, 43.116}, {134.5, 40}} {
		if px, py := v.PixelOf(p); px < 0 || py < 0 || px > float64(v.Width) || py > float64(v.Height) {
			t.Errorf("%v out of view at %.0f,%.0f", p, px, py)
		}
	}
	if v.Zoom < 4 {
		t.Errorf("the map did not zoom to the article's places: zoom %v", v.Zoom)
	}
	// By place: one row per place in view with its count, the most
	// events first.
	mw.Map.SetView(orb.Point{60, 20}, 0)
	if len(x.byPlace) != 4 || x.byPlace[0].key != "Lagos" || len(x.byPlace[0].events) != 10 {
		t.Errorf("place rows %+v", x.byPlace)
	}
}

func TestClusterTapZoomsIn(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	mw.Map.SetView(orb.Point{3.4, 6.45}, 4)
	win := test.NewTempWindow(t, mw.Map)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(400, 300))
	win.Canvas().Capture()
	var lagos *viewport.View
	for _, c := range x.layer.Clusters() {
		if c.Count == 10 {
			x.mapTapped(c.X, c.Y)
			v := mw.Map.View()
			lagos = &v
		}
	}
	if lagos == nil || lagos.Zoom < 5 {
		t.Fatalf("tapping the cluster of 10 did not zoom in: %+v", lagos)
	}
	assertGolden(t, "mapview/lagos_zoomed.png", win.Canvas().Capture())
}

func TestMapWithClustersGolden(t *testing.T) {
	for _, mode := range []ThemeMode{ThemeLight, ThemeDark} {
		t.Run(string(mode), func(t *testing.T) {
			m, win := newTestMap(t, mode, 480, 320)
			l := mapwidget.NewEventLayer()
			l.SetIndex(testIndex(day(2020, 1, 1), day(2021, 1, 1)))
			m.AddOverlay(l)
			m.SetView(orb.Point{15, 25}, 1.5)
			assertGolden(t, "mapview/clusters_"+string(mode)+".png", win.Canvas().Capture())
		})
	}
}

func TestCountLabel(t *testing.T) {
	cases := map[int]string{1: "1", 999: "999", 1000: "1k", 1234: "1.2k", 45_600: "45k", 999_999: "999k", 1_000_000: "1M", 1_340_000: "1.3M"}
	for n, want := range cases {
		if got := mapwidget.CountLabel(n); got != want {
			t.Errorf("CountLabel(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOpenErrorIsShown(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	done := make(chan error, 1)
	mw.explorer.onLoaded = func(_ int, err error) { done <- err }
	bad := filepath.Join(t.TempDir(), "no-such-folder", "events.db")
	mw.explorer.Open(bad)
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("error %v, want one naming %s", err, bad)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no error reported")
	}
}

func TestArticleViewAndCorrection(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	for i := range x.c.Index().Len() {
		if x.c.Index().Point(i) == (orb.Point{131.882, 43.116}) {
			x.selectEvent(i, true)
		}
	}
	test.Tap(x.detail.read)
	a := x.article
	if a.box.Objects[0] != a.content || a.title.Text != "Kim pledges support" {
		t.Fatalf("article not shown: %q", a.title.Text)
	}
	var links []string
	for _, r := range a.body.Runs() {
		if r.OnTapped != nil {
			links = append(links, r.Text)
		}
	}
	if strings.Join(links, ",") != "Vostochny Cosmodrome,Vladivostok,East Sea" {
		t.Errorf("highlights %v", links)
	}
	if len(a.events.Objects) != 3 {
		t.Errorf("%d events listed", len(a.events.Objects))
	}
	win := test.NewTempWindow(t, a.box)
	win.Resize(fyne.NewSize(360, 520))
	assertGolden(t, "article/highlights.png", win.Canvas().Capture())

	// Tapping a highlight flies the map there and offers the runner-up.
	mw.Map.SetView(orb.Point{0, 0}, 2)
	for _, r := range a.body.Runs() {
		if r.OnTapped != nil && r.Text == "Vladivostok" {
			r.OnTapped()
		}
	}
	if c := mw.Map.View().CenterLonLat(); planar.Distance(c, orb.Point{131.882, 43.116}) > 0.1 {
		t.Errorf("the map is at %v", c)
	}
	var use *widget.Button
	for _, o := range a.fix.Objects {
		if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "Vladivostok Airport") {
			use = b
		}
	}
	if use == nil {
		t.Fatal("no button for the runner-up")
	}
	loaded := make(chan error, 4)
	x.onLoaded = func(_ int, err error) { loaded <- err }
	wait := func() {
		t.Helper()
		select {
		case err := <-loaded:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("events not reloaded")
		}
	}
	var shown error
	mw.errorShown = func(err error) { shown = err }
	test.Tap(use)
	if shown != nil {
		t.Fatal(shown)
	}
	wait()
	_, ms, err := x.c.Store().Article(context.Background(), a.articleID)
	if err != nil {
		t.Fatal(err)
	}
	if ms[1].Place.ID != "gn:1" || !ms[1].Corrected {
		t.Errorf("mention after correction %+v", ms[1])
	}
	hits, _ := x.c.Store().Events(context.Background(), store.Query{ArticleID: a.articleID, Undated: true})
	moved := false
	for _, h := range hits {
		moved = moved || h.Point == (orb.Point{132.148, 43.399})
	}
	if !moved {
		t.Errorf("the event did not move to the corrected place: %+v", hits)
	}

	// Picking the place on the map.
	a.pick(1)
	for _, o := range a.fix.Objects {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Pick the place") {
			test.Tap(b)
		}
	}
	if x.pickPlace == nil {
		t.Fatal("pick mode not on")
	}
	v := mw.Map.View()
	px, py := v.PixelOf(orb.Point{132, 43.2})
	x.mapTapped(px, py)
	if shown != nil {
		t.Fatal(shown)
	}
	wait()
	_, ms, _ = x.c.Store().Article(context.Background(), a.articleID)
	if !strings.HasPrefix(ms[1].Place.ID, "user:") || planar.Distance(ms[1].Place.Point, orb.Point{132, 43.2}) > 0.05 {
		t.Errorf("picked place %+v", ms[1].Place)
	}
}

func TestFilters(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	// Background work runs when the test says, after the UI callback that
	// started it, as it would on the desktop.
	var pending []func()
	x.spawn = func(work func()) { pending = append(pending, work) }
	wait := func() {
		t.Helper()
		if len(pending) == 0 {
			t.Fatal("no filtering started")
		}
		for len(pending) > 0 {
			w := pending[0]
			pending = pending[1:]
			w()
		}
	}
	cases := []struct {
		name  string
		set   func()
		count int
	}{
		{"seas", func() { x.filters.kind.SetSelected("Seas, rivers") }, 1},
		{"back to any kind", func() { x.filters.kind.SetSelected("Any place") }, 13},
		{"to the year", func() { x.filters.prec.SetSelected("To the year") }, 1},
		{"any date, one source", func() {
			x.filters.prec.SetSelected("Any date")
			if !slices.Contains(x.filters.source.Options, "example.org") {
				t.Fatalf("sources offered %v", x.filters.source.Options)
			}
		}, 13},
		{"text", func() { x.Search("lagos") }, 10},
		{"text and kind", func() { x.filters.kind.SetSelected("Landmarks") }, 0},
	}
	for _, c := range cases {
		c.set()
		if !x.c.Filter().None() {
			wait()
		}
		if len(x.listItems) != c.count {
			t.Errorf("%s: %d events listed, want %d", c.name, len(x.listItems), c.count)
		}
	}
	// The export follows the filters, those the store cannot search by too.
	if q := x.c.Query(); q.Text != "lagos" {
		t.Errorf("export query %+v", q)
	}
	x.Search("")
	x.filters.kind.SetSelected("Seas, rivers")
	wait()
	var buf bytes.Buffer
	n, err := exportShown(context.Background(), &buf, export.CSV, x.c.Store(), x.c.Query(), x.c.ShownIDs())
	if err != nil || n != 1 || !strings.Contains(buf.String(), "Sea of Japan") {
		t.Errorf("export of the seas: %d events, %v\n%s", n, err, buf.String())
	}
}

func TestHeatMapAndAreasGolden(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	win := test.NewTempWindow(t, mw.Map)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(480, 320))
	mw.Map.SetView(orb.Point{130, 44}, 3.5)
	assertGolden(t, "mapview/area.png", win.Canvas().Capture())
	x.layer.SetHeat(true)
	mw.Map.SetView(orb.Point{60, 30}, 1.5)
	assertGolden(t, "mapview/heat.png", win.Canvas().Capture())
}

func TestNewestFirst(t *testing.T) {
	ix := testIndex(day(2020, 1, 1), day(2020, 1, 4)) // dated events only
	items := []int{0, 1, 2, 3}
	got := newestFirst(ix, items)
	if got[0] != 3 || got[3] != 0 {
		t.Errorf("order %v", got)
	}
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	first, _ := x.c.Index().Time(x.listItems[0])
	last, _ := x.c.Index().Time(x.listItems[len(x.listItems)-1])
	if !first.After(last) {
		t.Errorf("list runs from %v to %v, want the newest first", first, last)
	}
}
