package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"eventmap/app/mapwidget"
	"eventmap/data/export"
	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/data/store"
)

// scenarioEvent is one event of spreadDB.
type scenarioEvent struct {
	title, place string
	at           orb.Point
	when         time.Time // zero for undated
	kind         model.PlaceKind
}

// spreadEvents are the events of a collection like the one the issue was
// found with: the bulk in 2020, one old date (1848), one far in the
// future (2091), one undated, and places on both sides of the Pacific.
func spreadEvents() []scenarioEvent {
	var evs []scenarioEvent
	for i := range 60 {
		evs = append(evs, scenarioEvent{fmt.Sprintf("Story %d", i), fmt.Sprintf("Town %d", i), orb.Point{-10 + float64(i%20), 40 + float64(i%10)}, day(2020, 1, 1).AddDate(0, 0, 3*i), model.KindCity})
	}
	return append(evs,
		scenarioEvent{"Revolutions", "Paris", orb.Point{2.35, 48.86}, day(1848, 2, 24), model.KindCity},
		scenarioEvent{"A plan", "Oslo", orb.Point{10.75, 59.91}, day(2091, 1, 1), model.KindCity},
		scenarioEvent{"Undated", "Bergen", orb.Point{5.32, 60.39}, time.Time{}, model.KindCity},
		scenarioEvent{"Missiles", "Pyongyang", orb.Point{125.75, 39.02}, day(2020, 3, 2), model.KindCity},
		scenarioEvent{"Storm", "Pierre", orb.Point{-100.35, 44.37}, day(2020, 3, 3), model.KindCity},
	)
}

// writeScenarioDB writes events into a new database, one article each.
func writeScenarioDB(t *testing.T, evs []scenarioEvent) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutBatch(context.Background(), scenarioRecords(evs), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func scenarioRecords(evs []scenarioEvent) []store.Record {
	var recs []store.Record
	for i, e := range evs {
		text := fmt.Sprintf("%s: something happened in %s (%d).", e.title, e.place, i)
		a := model.Article{ID: model.ContentID(text), Title: e.title, Source: "example.org", Text: text, Published: day(2020, 6, 1)}
		prec := model.Day
		if e.when.IsZero() {
			prec = model.Undated
		}
		p := model.Place{ID: e.place, Name: e.place, Kind: e.kind, Point: e.at}
		ev := model.Event{ID: a.ID + "-0", ArticleID: a.ID, PlaceID: e.place, PlaceName: e.place, Point: e.at, Time: e.when, Precision: prec, Snippet: text}
		recs = append(recs, store.Record{Article: a, Events: []model.Event{ev},
			Mentions: []model.Mention{{Name: e.place, Place: p, Span: model.Span{Start: strings.Index(text, e.place), End: strings.Index(text, e.place) + len(e.place)}, Confidence: 0.9}}})
	}
	return recs
}

// exportedRows exports the shown events as CSV, as Ctrl+E does, and
// counts the rows.
func exportedRows(t *testing.T, mw *MainWindow) int {
	t.Helper()
	var buf bytes.Buffer
	n, err := exportShown(context.Background(), &buf, export.CSV, mw.explorer.c.Store(), mw.explorer.c.Query(), mw.explorer.c.ShownIDs())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != n {
		t.Fatalf("export says %d events, wrote %d rows", n, len(rows)-1)
	}
	return n
}

// inRange is the "… in range" number of the count line.
func inRange(t *testing.T, mw *MainWindow) int {
	t.Helper()
	text := mw.explorer.count.Text
	_, after, ok := strings.Cut(text, " · ")
	var n int
	if _, err := fmt.Sscanf(strings.ReplaceAll(after, ",", ""), "%d in range", &n); !ok || err != nil {
		t.Fatalf("count line %q", text)
	}
	return n
}

// TestScenarioOneDateRange (issue 14, defect 1): the date fields, the
// timeline's handles, the list, the counts and the export always use one
// range, through what a user does.
func TestScenarioOneDateRange(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	x, bar := mw.explorer, mw.bar
	agree := func(step string, wantFrom, wantTo string, want int) {
		t.Helper()
		if bar.from.Text != wantFrom || bar.to.Text != wantTo {
			t.Errorf("%s: fields %s … %s, want %s … %s", step, bar.from.Text, bar.to.Text, wantFrom, wantTo)
		}
		from, to := x.timeline.Range()
		if got := from.Format(time.DateOnly) + " " + to.AddDate(0, 0, -1).Format(time.DateOnly); got != wantFrom+" "+wantTo {
			t.Errorf("%s: handles at %s, want %s %s", step, got, wantFrom, wantTo)
		}
		if n := inRange(t, mw); n != want {
			t.Errorf("%s: %d in range, want %d", step, n, want)
		}
		if n := exportedRows(t, mw); n != want {
			t.Errorf("%s: %d exported, want %d", step, n, want)
		}
		mw.Map.ResetView()
		mw.Map.SetView(orb.Point{0, 0}, 0)
		listed := 0
		for _, i := range x.listItems {
			if x.c.Shown(i) {
				listed++
			}
		}
		if listed != len(x.listItems) {
			t.Errorf("%s: %d of %d listed events are outside the range", step, len(x.listItems)-listed, len(x.listItems))
		}
	}
	// First start: the bulk of the dates (2020, padded), not the 1848 and
	// 2091 outliers; the fields say so and the counts agree.
	agree("first start", "2019-12-23", "2020-07-04", 62)
	if !bar.all.Visible() || bar.all.Disabled() {
		t.Error("no All time control on first start")
	}
	// Zooming the timeline with the wheel changes what it shows, not the
	// range.
	for range 3 {
		x.timeline.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 30)}, Scrolled: fyne.Delta{DY: 120}})
	}
	agree("after zooming the timeline", "2019-12-23", "2020-07-04", 62)
	// Typed dates outside the span shown move the timeline there.
	bar.from.SetText("2009-01-01")
	bar.to.SetText("2020-01-31")
	bar.applyEntries()
	agree("typed 2009", "2009-01-01", "2020-01-31", 11)
	if first, _ := x.timeline.Span(); first.After(day(2009, 1, 1)) {
		t.Errorf("the timeline shows from %s, not the typed 2009", mapwidget.FormatDay(first))
	}
	// From after To is explained, and nothing changes.
	bar.from.SetText("2020-05-01")
	bar.to.SetText("2020-02-01")
	bar.applyEntries()
	if !bar.note.Visible() || !strings.Contains(bar.note.Text, "after the To date") {
		t.Errorf("note %q (visible %v)", bar.note.Text, bar.note.Visible())
	}
	bar.from.SetText("2009-01-01")
	bar.to.SetText("2020-01-31")
	agree("after From > To", "2009-01-01", "2020-01-31", 11)
	// All time: every event, the undated one too.
	test.Tap(bar.all)
	agree("all time", "1848-02-24", "2091-01-01", 65)
	if bar.note.Visible() {
		t.Errorf("the note stays: %q", bar.note.Text)
	}
}

// TestScenarioImportKeepsTheRange (issue 14, defect 14; issue 15 item 5):
// events added by an import reload the view without resetting the user's
// range; all time stays all time and takes the new events in.
func TestScenarioImportKeepsTheRange(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	x := mw.explorer
	if err := mw.ShowRange(day(2020, 2, 1), day(2020, 3, 1)); err != nil {
		t.Fatal(err)
	}
	before := inRange(t, mw)
	more := scenarioRecords([]scenarioEvent{{"Pasted", "Lyon", orb.Point{4.83, 45.76}, day(2020, 2, 10), model.KindCity}, {"Pasted later", "Nice", orb.Point{7.26, 43.7}, day(2022, 1, 1), model.KindCity}})
	if _, err := x.c.Store().PutBatch(context.Background(), more, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	x.Reload() // what the importer does when it is done
	if mw.bar.from.Text != "2020-02-01" || mw.bar.to.Text != "2020-02-29" || inRange(t, mw) != before+1 {
		t.Errorf("after the import: fields %s … %s, %d in range (was %d)", mw.bar.from.Text, mw.bar.to.Text, inRange(t, mw), before)
	}
	test.Tap(mw.bar.all)
	n := inRange(t, mw)
	more = scenarioRecords([]scenarioEvent{{"Pasted again", "Rome", orb.Point{12.5, 41.9}, day(2021, 1, 1), model.KindCity}})
	if _, err := x.c.Store().PutBatch(context.Background(), more, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	x.Reload()
	if !x.c.Range().All || inRange(t, mw) != n+1 {
		t.Errorf("all time after an import: %+v, %d in range, want %d", x.c.Range(), inRange(t, mw), n+1)
	}
}

// TestScenarioZoomToResults (defect 3): results in North Korea and South
// Dakota are all in view after Zoom to results, across the Pacific.
func TestScenarioZoomToResults(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	x := mw.explorer
	if err := mw.ShowRange(day(2020, 3, 2), day(2020, 3, 4)); err != nil { // "Missiles" and "Storm"
		t.Fatal(err)
	}
	if n := inRange(t, mw); n != 2 {
		t.Fatalf("%d results, want 2", n)
	}
	mw.Map.SetView(orb.Point{12, 42}, 6) // Italy
	x.ZoomToResults()
	v := mw.Map.View()
	for _, p := range []orb.Point{{125.75, 39.02}, {-100.35, 44.37}} {
		px, py := v.PixelOf(p)
		for _, shift := range []float64{360, -360} {
			if px < 0 || px > float64(v.Width) {
				// A copy of the world, across the antimeridian.
				px, py = v.PixelOf(orb.Point{p[0] + shift, p[1]})
			}
		}
		margin := 0.05 * float64(min(v.Width, v.Height))
		if px < margin || py < margin || px > float64(v.Width)-margin || py > float64(v.Height)-margin {
			t.Errorf("%v at %.0f,%.0f of a %dx%d view", p, px, py, v.Width, v.Height)
		}
	}
	if !strings.HasPrefix(x.count.Text, "2 in view") {
		t.Errorf("count %q", x.count.Text)
	}
	if v.Zoom > 3 {
		t.Errorf("zoom %.1f for results across the Pacific", v.Zoom)
	}
}

// TestScenarioTipAfterDragAndZoom (defect 8): no tip stays after the map
// moved from under it.
func TestScenarioTipAfterDragAndZoom(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	x := mw.explorer
	mw.Map.SetView(orb.Point{125.75, 39.02}, 6)
	mw.Window.Canvas().Capture() // a frame clusters the events
	var px, py float64
	for _, c := range x.layer.Clusters() {
		px, py = c.X, c.Y
	}
	for _, move := range []struct {
		name string
		do   func()
	}{
		{"drag", func() { mw.Map.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 200, DY: 0}}) }},
		{"zoom", func() { mw.Map.ZoomOut() }},
		{"scroll", func() {
			mw.Map.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 10)}, Scrolled: fyne.Delta{DY: 100}})
		}},
	} {
		mw.Map.SetView(orb.Point{125.75, 39.02}, 6)
		x.mapHovered(px, py)
		if tip, shown := mw.Map.Tip(); !shown || !strings.Contains(tip, "Missiles") {
			t.Fatalf("%s: no tip over the event: %q", move.name, tip)
		}
		move.do()
		if tip, shown := mw.Map.Tip(); shown {
			t.Errorf("after a %s the tip %q stays", move.name, tip)
		}
	}
}

// TestScenarioSpaceAfterClickOnMap (defect 9): space plays and pauses the
// timeline after a click on the map gave it the focus.
func TestScenarioSpaceAfterClickOnMap(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	test.TapAt(mw.Map, fyne.NewPos(50, 50))
	if mw.Window.Canvas().Focused() != mw.Map {
		t.Fatal("a click on the map does not focus it")
	}
	mw.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if mw.bar.stop == nil {
		t.Fatal("space after a click on the map did not start playback")
	}
	mw.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if mw.bar.stop != nil {
		t.Error("space again did not pause playback")
	}
	// The map's own keys still work.
	z := mw.Map.View().Zoom
	mw.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyPlus})
	if mw.Map.View().Zoom <= z {
		t.Error("+ no longer zooms the focused map")
	}
}

// TestScenarioHiddenEventCardCloses (defect 14): the card of the selected
// event closes when a filter or the range hides the event.
func TestScenarioHiddenEventCardCloses(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	x := mw.explorer
	ix := x.c.Index()
	for i := range ix.Len() {
		if ix.PlaceID(i) == "Pyongyang" {
			x.selectEvent(i, false)
		}
	}
	if !x.detail.box.Visible() || x.detail.title.Text != "Missiles" {
		t.Fatalf("card %q visible %v", x.detail.title.Text, x.detail.box.Visible())
	}
	x.Search("storm")
	if x.detail.box.Visible() || x.layer.Selected() >= 0 {
		t.Errorf("the card of a filtered-out event stays open")
	}
	x.Search("")
	for i := range ix.Len() {
		if ix.PlaceID(i) == "Pyongyang" {
			x.selectEvent(i, false)
		}
	}
	if err := mw.ShowRange(day(2020, 4, 1), day(2020, 5, 1)); err != nil {
		t.Fatal(err)
	}
	if x.detail.box.Visible() {
		t.Errorf("the card of an event outside the range stays open")
	}
}

// TestScenarioPasteImportKeepsTheRange (defect 14): an article pasted in
// and imported (File ▸ Paste Article Text) keeps the user's range.
func TestScenarioPasteImportKeepsTheRange(t *testing.T) {
	mw := openExplorer(t, writeScenarioDB(t, spreadEvents()))
	if err := mw.ShowRange(day(2020, 2, 1), day(2020, 3, 1)); err != nil {
		t.Fatal(err)
	}
	before := mw.explorer.c.Index().Len()
	done := make(chan error, 1)
	text := "Floods in Lyon\n\nLYON, France — Floods hit Lyon on February 10, 2020, officials said."
	mw.imports.Import([]string{"-"}, strings.NewReader(text), func(s ingest.Summary, err error) { done <- err })
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the import did not finish")
	}
	if n := mw.explorer.c.Index().Len(); n <= before {
		t.Fatalf("%d events after the import, %d before", n, before)
	}
	if mw.bar.from.Text != "2020-02-01" || mw.bar.to.Text != "2020-02-29" {
		t.Errorf("the import reset the range to %s … %s", mw.bar.from.Text, mw.bar.to.Text)
	}
	if r := mw.explorer.c.Range(); r.All || !r.From.Equal(day(2020, 2, 1)) || !r.To.Equal(day(2020, 3, 1)) {
		t.Errorf("range after the import %+v", r)
	}
}
