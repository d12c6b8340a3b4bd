package ingest

import (
	"context"
	"regexp"
	"strings"

	"github.com/paulmach/orb"

	"eventmap/data/model"
)

// fakeGazetteer is the whole world of the fake geoparser.
var fakeGazetteer = map[string]model.Place{
	"Russia":      {ID: "gn:2017370", Name: "Russia", Kind: model.KindCountry, Country: "RU", Point: orb.Point{100, 60}},
	"Moscow":      {ID: "gn:524901", Name: "Moscow", Kind: model.KindCity, Country: "RU", Point: orb.Point{37.61556, 55.75222}},
	"Vladivostok": {ID: "gn:2013348", Name: "Vladivostok", Kind: model.KindCity, Country: "RU", Point: orb.Point{131.87353, 43.10562}},
	"Ukraine":     {ID: "gn:690791", Name: "Ukraine", Kind: model.KindCountry, Country: "UA", Point: orb.Point{32, 49}},
	"Alexandria":  {ID: "gn:4314550", Name: "Alexandria", Kind: model.KindCity, Country: "US", Point: orb.Point{-92.4451, 31.3113}},
	"Paris":       {ID: "gn:2988507", Name: "Paris", Kind: model.KindCity, Country: "FR", Point: orb.Point{2.3488, 48.85341}},
	"Berlin":      {ID: "gn:2950159", Name: "Berlin", Kind: model.KindCity, Country: "DE", Point: orb.Point{13.41053, 52.52437}},
}

var fakeNames = regexp.MustCompile(`\b(Russia|Moscow|Vladivostok|Ukraine|Alexandria|Paris|Berlin)\b`)

// fakeGeoparser marks each gazetteer name as a mention and makes one event
// per mention, dated by the article's publication day.
type fakeGeoparser struct {
	fail string // fail articles whose text contains this
}

func (f fakeGeoparser) Parse(ctx context.Context, a model.Article, mem Memory) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if f.fail != "" && strings.Contains(a.Text, f.fail) {
		return Result{}, errFake
	}
	var r Result
	for _, loc := range fakeNames.FindAllStringIndex(a.Text, -1) {
		name := a.Text[loc[0]:loc[1]]
		p := fakeGazetteer[name]
		if s, ok := mem.Senses[strings.ToLower(name)]; ok {
			p = s
		}
		sp := model.Span{Start: loc[0], End: loc[1]}
		r.Mentions = append(r.Mentions, model.Mention{Span: sp, Name: name, Place: p, Confidence: 0.8})
		e := model.Event{Span: sp, PlaceID: p.ID, PlaceName: p.Name, Point: p.Point, Snippet: sentence(a.Text, loc[0])}
		if !a.Published.IsZero() {
			e.Time, e.Precision = model.Day.Truncate(a.Published), model.Day
		}
		r.Events = append(r.Events, e)
	}
	return r, nil
}

type fakeErr struct{}

func (fakeErr) Error() string { return "fake geoparser failure" }

var errFake error = fakeErr{}

// sentence returns the sentence around byte i.
func sentence(text string, i int) string {
	start := strings.LastIndexAny(text[:i], ".!?\n") + 1
	end := strings.IndexAny(text[i:], ".!?\n")
	if end < 0 {
		end = len(text) - i
	}
	return model.OneLine(text[start : i+end])
}
