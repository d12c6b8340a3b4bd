package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/data/store"
	"eventmap/geo/gazetteer"
	gp "eventmap/geo/geoparse"
	"eventmap/geo/geoparse/timex"
)

func TestConvertOffsetsSensesAndDates(t *testing.T) {
	text := "Café in Kyiv. Then Odesa."
	kyiv := gazetteer.Place{ID: 703448, Name: "Kyiv", Kind: gazetteer.KindSettlement, Country: "UA", Point: orb.Point{30.52, 50.45}}
	odesa := gazetteer.Place{ID: 698740, Name: "Odesa", Kind: gazetteer.KindSettlement, Country: "UA", Point: orb.Point{30.73, 46.48}}
	sea := gazetteer.Place{ID: -7, Name: "Black Sea", Kind: gazetteer.KindSea, Point: orb.Point{34, 43}, Bound: orb.Bound{Min: orb.Point{27, 40}, Max: orb.Point{42, 47}}}
	res := &gp.Result{
		Mentions: []gp.Mention{
			{Start: 8, End: 12, Text: "Kyiv", Place: kyiv, Confidence: 0.9, Alternatives: []gp.Alternative{{Place: sea, Confidence: 0.1}}},
			{Start: 19, End: 24, Text: "Odesa", Place: odesa, Confidence: 0.8},
		},
		Events: []gp.Event{
			{Mention: 0, Place: kyiv, Sentence: timex.Span{Start: 0, End: 13}, Date: time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC), Precision: timex.PrecisionDay},
			{Mention: 1, Place: odesa, Sentence: timex.Span{Start: 14, End: 25}, Precision: timex.PrecisionNone},
			{Mention: 0, Place: kyiv, Date: time.Date(1200, 1, 1, 0, 0, 0, 0, time.UTC), Precision: timex.PrecisionYear},
		},
	}
	user := model.Place{ID: "user:odesa-port", Name: "Port of Odesa", Point: orb.Point{30.75, 46.5}}
	out := convert(text, res, Senses{"odesa": user})
	// "é" is two bytes: every byte offset after it is one more than the rune offset.
	if m := out.Mentions[0]; m.Span != (model.Span{Start: 9, End: 13}) || text[m.Span.Start:m.Span.End] != "Kyiv" {
		t.Errorf("Kyiv span %+v", m.Span)
	}
	if m := out.Mentions[0]; m.Place.ID != "gn:703448" || m.Place.Kind != model.KindCity || len(m.RunnersUp) != 1 || m.RunnersUp[0].Place.ID != "gz:7" || m.RunnersUp[0].Place.Kind != model.KindWater || m.RunnersUp[0].Place.Extent.IsEmpty() {
		t.Errorf("Kyiv mention %+v", m)
	}
	if m := out.Mentions[1]; m.Place != user || !m.Corrected {
		t.Errorf("the user's sense of Odesa was not applied: %+v", m)
	}
	if len(out.Events) != 3 {
		t.Fatalf("%d events", len(out.Events))
	}
	if e := out.Events[0]; e.Precision != model.Day || e.Snippet != "Café in Kyiv." || e.PlaceID != "gn:703448" {
		t.Errorf("event 0 %+v", e)
	}
	if e := out.Events[1]; e.Precision != model.Undated || !e.Time.IsZero() || e.PlaceID != user.ID || e.Point != user.Point {
		t.Errorf("event 1 %+v", e)
	}
	if e := out.Events[2]; e.Precision != model.Undated {
		t.Errorf("a date in 1200 is kept as undated, got %+v", e)
	}
}

// TestSeedArticle geoparses the founding article through the adapter.
func TestSeedArticle(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "seed")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no seed article in %s", dir)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	a := model.Article{ID: model.ContentID(text), Text: text, Published: time.Date(2023, 9, 13, 0, 0, 0, 0, time.UTC)}
	res, err := Geoparse(gp.New(gazetteer.Embedded(gazetteer.Options{}), gp.Options{})).Parse(context.Background(), a, Memory{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Vostochny Cosmodrome": "2023-09-13", "Vladivostok": "2019", "Sea of Japan": "2023-09-13"}
	for _, e := range res.Events {
		w, ok := want[e.PlaceName]
		if !ok {
			continue
		}
		got := e.Time.Format("2006-01-02")
		if e.Precision == model.Year {
			got = e.Time.Format("2006")
		}
		if got == w {
			delete(want, e.PlaceName)
		}
		if !e.Span.Valid(len(text)) || strings.TrimSpace(text[e.Span.Start:e.Span.End]) == "" {
			t.Errorf("event %s has a bad span %+v", e.PlaceName, e.Span)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing events: %v", want)
	}
}

func TestHintsFromSenses(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want int64
		ok   bool
	}{
		{"gn:4951788", 4951788, true},
		{"gz:12", -12, true},
		{"gz:0", 0, false},
		{"gn:12abc", 0, false},
		{"user:7", 0, false},
	} {
		if got, ok := gazetteerID(tt.id); ok != tt.ok || ok && got != tt.want {
			t.Errorf("gazetteerID(%q) = %d, %v", tt.id, got, ok)
		}
	}
	h := Hints(Memory{Senses: Senses{"Zürich": {ID: "gn:2657896"}, "elsewhere": {ID: "user:1"}}})
	if len(h.Senses) != 1 || h.Senses["zurich"] != 2657896 || h.Seen != nil {
		t.Errorf("hints %v", h)
	}
	if Hints(Memory{}) != nil {
		t.Error("hints of no memory")
	}
	// The history: folded names (those that fold alike add up), gazetteer
	// ids, other places left out.
	h = Hints(Memory{Seen: History{
		"são paulo": {"gn:3448439": 2, "gz:7": 1},
		"sao paulo": {"gn:3448439": 1},
		"wagner":    {store.NotAPlaceID: 3, "user:1": 1},
	}})
	if got := fmt.Sprint(h.Seen); h.Senses != nil || got != "map[sao paulo:map[-7:1 3448439:3]]" {
		t.Errorf("hints of a history: senses %v, seen %s", h.Senses, got)
	}
}

// TestGeoparseHintsSteerOtherNames checks that a preferred sense reaches
// the geoparser: the article's other names move towards it.
func TestGeoparseHintsSteerOtherNames(t *testing.T) {
	gpr := Geoparse(gp.New(gazetteer.Embedded(gazetteer.Options{}), gp.Options{}))
	a := model.Article{ID: "a", Text: "Flooding closed roads in Springfield and Salem."}
	springfield := PlaceOf(mustGet(t, 4951788)) // Springfield, Massachusetts
	res, err := gpr.Parse(context.Background(), a, Memory{Senses: Senses{"springfield": springfield}})
	if err != nil {
		t.Fatal(err)
	}
	var salem *model.Mention
	for i := range res.Mentions {
		switch res.Mentions[i].Name {
		case "Springfield":
			if !res.Mentions[i].Corrected || res.Mentions[i].Place.ID != springfield.ID {
				t.Errorf("Springfield %+v", res.Mentions[i])
			}
		case "Salem":
			salem = &res.Mentions[i]
		}
	}
	if salem == nil || salem.Place.Country != "US" || salem.Place.Point[0] < -72 {
		t.Errorf("Salem %+v, want Salem, Massachusetts", salem)
	}
}

func mustGet(t *testing.T, id int64) gazetteer.Place {
	t.Helper()
	p, err := gazetteer.Embedded(gazetteer.Options{}).Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSourceHistoryMovesAPlace runs the real geoparser through two
// imports: a paper's first articles name Springfield with its state; in a
// later import its bare "Springfield" goes where they went, while the same
// sentence from a paper with no such history keeps the geoparser's own
// choice.
func TestSourceHistoryMovesAPlace(t *testing.T) {
	const springfieldMA = "gn:4951788"
	ctx := context.Background()
	dir := t.TempDir()
	const bare, other = "Flooding closed roads in Springfield on Monday.", "Flooding closed roads in Springfield on Tuesday."
	writeFiles(t, dir, map[string]string{
		"one/a.jsonl": jsonl("valley-gazette",
			"Flooding closed roads in Springfield, Massachusetts on Monday.",
			"The mayor of Springfield, Massachusetts opened a school.",
			"Springfield, Massachusetts hosted a parade."),
		"two/a.jsonl": jsonl("valley-gazette", bare),
		"two/b.jsonl": jsonl("other-times", other),
	})
	s := openStore(t)
	cfg := Config{Store: s, Geoparser: Geoparse(gp.New(gazetteer.Embedded(gazetteer.Options{}), gp.Options{}))}
	for _, run := range []string{"one", "two"} {
		if sum, err := Run(ctx, cfg, []string{filepath.Join(dir, run)}); err != nil || len(sum.Failures) > 0 {
			t.Fatalf("import %s: %+v, %v", run, sum, err)
		}
	}
	placeOf := func(text string) string {
		t.Helper()
		_, ms, err := s.Article(ctx, model.ContentID(text))
		if err != nil || len(ms) != 1 {
			t.Fatalf("%q: mentions %+v, %v", text, ms, err)
		}
		return ms[0].Place.ID
	}
	if got := placeOf(bare); got != springfieldMA {
		t.Errorf("the gazette's bare Springfield is %s, want %s where its earlier articles put it", got, springfieldMA)
	}
	if got := placeOf(other); got == springfieldMA {
		t.Errorf("another paper's bare Springfield went to Massachusetts too: the test shows nothing")
	}
}
