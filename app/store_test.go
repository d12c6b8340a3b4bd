package app

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/pgstore"
	"eventmap/data/pgstore/pgtest"
	"eventmap/data/store"
)

// liveRecord is an article with one event per place, on a day.
func liveRecord(text string, when time.Time, places ...orb.Point) store.Record {
	r := store.Record{Article: model.Article{Title: text, Source: "wire.example", Text: text, Published: when}}
	for i, p := range places {
		sp := model.Span{Start: i, End: i + 1}
		pl := model.Place{ID: "gn:" + strings.Repeat("9", i+1), Name: "Place", Point: p}
		r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: "Place", Place: pl, Confidence: 0.5})
		r.Events = append(r.Events, model.Event{Span: sp, PlaceID: pl.ID, PlaceName: "Place", Point: p, Time: when, Precision: model.Day, Snippet: text})
	}
	return r
}

// TestLiveUpdates opens a window on a PostGIS store and has another
// connection ingest into it: the window shows the new events without a
// restart, keeping its view, its timeline range and its filters.
func TestLiveUpdates(t *testing.T) {
	db := pgtest.NewDB(t)
	ctx := context.Background()
	other, err := pgstore.Open(ctx, db, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lagos, accra := orb.Point{3.39, 6.45}, orb.Point{-0.19, 5.6}
	first := []store.Record{
		liveRecord("Floods in Lagos", day(2022, 7, 1), lagos, lagos),
		liveRecord("Storm warning for Lagos", day(2022, 8, 1), lagos),
		liveRecord("Storm reaches Accra", day(2022, 9, 1), accra),
	}
	if _, err := other.PutBatch(ctx, first, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	mw := openExplorer(t, db)
	x := mw.explorer
	if x.c.Index().Len() != 4 {
		t.Fatalf("%d events loaded, want 4", x.c.Index().Len())
	}
	// The user's view: a box, a range and a search.
	reloaded := make(chan int, 4)
	mw.Map.SetView(orb.Point{2, 6}, 5)
	view := mw.Map.View()
	if err := x.c.SetRange(day(2022, 7, 15), day(2022, 12, 31)); err != nil {
		t.Fatal(err)
	}
	from, to, _ := x.c.Bounds()
	x.Search("storm")
	x.onLoaded = func(n int, err error) { reloaded <- n }

	start := time.Now()
	if _, err := other.PutBatch(ctx, []store.Record{liveRecord("Storm over Lagos again", day(2022, 10, 1), lagos)}, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-reloaded:
		t.Logf("the window had the new event %v after the other's commit", time.Since(start).Round(time.Millisecond))
		if n != 5 {
			t.Errorf("%d events after the reload, want 5", n)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the window did not reload after another connection's ingest")
	}
	if got := x.c.Filter().Text; got != "storm" {
		t.Errorf("the search is now %q", got)
	}
	if f, tt, _ := x.c.Bounds(); !f.Equal(from) || !tt.Equal(to) {
		t.Errorf("the range is now %v – %v, was %v – %v", f, tt, from, to)
	}
	if mw.Map.View() != view {
		t.Errorf("the view moved: %+v, was %+v", mw.Map.View(), view)
	}
}

// TestReadOnlyStore opens the window with a role that may only read: the
// events show, and import and correction are refused with a message saying
// why instead of failing on write.
func TestReadOnlyStore(t *testing.T) {
	db := pgtest.NewDB(t)
	ctx := context.Background()
	owner, err := pgstore.Open(ctx, db, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := owner.PutBatch(ctx, []store.Record{liveRecord("Floods in Lagos", day(2022, 7, 1), orb.Point{3.39, 6.45})}, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	owner.Close()
	// A viewer role, as the README makes one.
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	role := "viewer" + strings.TrimPrefix(u.Path, "/t") // one per test database
	for _, q := range []string{
		`CREATE ROLE ` + role + ` LOGIN`,
		`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ` + role,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_, _ = conn.Exec(context.Background(), `DROP OWNED BY `+role)
		_, _ = conn.Exec(context.Background(), `DROP ROLE `+role)
		conn.Close(context.Background())
	})
	u.User = url.User(role)
	viewerURL := u.String()
	mw := openExplorer(t, viewerURL)
	x := mw.explorer
	if x.c.Index().Len() != 1 || !x.c.Store().ReadOnly() {
		t.Fatalf("%d events, read-only %v", x.c.Index().Len(), x.c.Store().ReadOnly())
	}
	var shown []error
	mw.errorShown = func(err error) { shown = append(shown, err) }
	mw.imports.Import([]string{"-"}, strings.NewReader("Protests in Accra."), nil)
	if len(shown) != 1 || !strings.Contains(shown[0].Error(), "read-only") || !strings.Contains(shown[0].Error(), role) {
		t.Errorf("import on a read-only store showed %v", shown)
	}
	if mw.imports.running {
		t.Error("the import ran")
	}
	id := model.ContentID("Floods in Lagos")
	var showErr error
	x.article.Show(id, func(err error) { showErr = err })
	if showErr != nil {
		t.Fatal(showErr)
	}
	x.article.pick(0)
	found := false
	for _, o := range x.article.fix.Objects {
		if lbl, ok := o.(*widget.Label); ok && strings.Contains(lbl.Text, "read-only") {
			found = true
		}
	}
	if !found {
		t.Error("the correction panel does not say the database is read-only")
	}
	shown = nil
	x.article.correct(model.Place{ID: "gn:1", Name: "Elsewhere", Point: orb.Point{1, 1}})
	if len(shown) != 1 || !strings.Contains(shown[0].Error(), "read-only") {
		t.Errorf("correcting on a read-only store showed %v", shown)
	}
}

func TestDBDisplayNameHidesThePassword(t *testing.T) {
	for in, want := range map[string]string{
		"/home/ana/events.db": "/home/ana/events.db",
		"postgres://ana:s3cret@db.example.org/eventmap?sslmode=require": "PostGIS database postgres://ana:xxxxx@db.example.org/eventmap?sslmode=require",
		"postgresql://viewer@db/eventmap?password=s3cret":               "PostGIS database postgresql://viewer@db/eventmap?password=xxxxx",
	} {
		if got := dbDisplayName(in); got != want {
			t.Errorf("dbDisplayName(%q) = %q, want %q", in, got, want)
		}
	}
}
