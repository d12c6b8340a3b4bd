package loco

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"eventmap/geo/evaluation"
	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse"

	"github.com/paulmach/orb"
)

func TestExamples(t *testing.T) {
	c := &evaluation.Corpus{Name: "x", Docs: []evaluation.Document{{
		Text: "Rain in Lagos and Abuja.",
		Gold: []evaluation.Toponym{
			{Start: 8, End: 13, Phrase: "Lagos", Point: orb.Point{3.39, 6.45}, HasPoint: true},
			{Start: 18, End: 23, Phrase: "Abuja"}, // no coordinates: for recognition only
		},
	}}}
	ex := Examples(c)
	if len(ex) != 1 || len(ex[0].Gold) != 2 || ex[0].Gold[0] != (geoparse.GoldPlace{Start: 8, End: 13, Point: orb.Point{3.39, 6.45}}) ||
		ex[0].Gold[1] != (geoparse.GoldPlace{Start: 18, End: 23, NoPoint: true}) || ex[0].NoDemonyms {
		t.Errorf("examples %+v", ex)
	}
	c.Docs[0].Source = "https://example.org/news" // the GeoVirus format: no demonyms annotated
	if ex := Examples(c); !ex[0].NoDemonyms {
		t.Error("examples of a GeoVirus-format corpus do not say that demonyms are not annotated")
	}
}

func TestRunNeedsTwoCorpora(t *testing.T) {
	_, err := Run(context.Background(), nil, []*evaluation.Corpus{{Name: "one"}}, func(*evaluation.Corpus) geoparse.Options { return geoparse.Options{} }, true)
	if !errors.Is(err, ErrTooFewCorpora) {
		t.Errorf("error %v, want ErrTooFewCorpora", err)
	}
}

// named is an annotated one-name text.
type named struct {
	text, name string
	lat, lon   float64
}

// corpus builds a corpus of one-name texts.
func corpus(name string, docs ...named) *evaluation.Corpus {
	c := &evaluation.Corpus{Name: name}
	for _, d := range docs {
		s := len([]rune(d.text[:strings.Index(d.text, d.name)]))
		c.Docs = append(c.Docs, evaluation.Document{Text: d.text, Gold: []evaluation.Toponym{{
			Start: s, End: s + len([]rune(d.name)), Phrase: d.name, Point: orb.Point{d.lon, d.lat}, HasPoint: true,
		}}})
	}
	return c
}

// TestRunHoldsOut checks that the model a corpus is scored with learned
// nothing from it: changing the held-out corpus's annotations leaves its
// fold's model as it was (and equal to a model trained from the seed on
// the other corpora), while the folds that train on it change.
func TestRunHoldsOut(t *testing.T) {
	g := gazetteer.Embedded(gazetteer.Options{})
	a := corpus("a",
		named{"The mayor of Springfield resigned on Monday, Illinois officials said.", "Springfield", 39.80, -89.64},
		named{"Floods closed roads in Portland, the Oregon governor said.", "Portland", 45.52, -122.68})
	b := corpus("b",
		named{"Police in Birmingham, across Alabama, made arrests.", "Birmingham", 33.52, -86.80},
		named{"Voters in Paris went to the polls as France chose a president.", "Paris", 48.85, 2.35})
	c := corpus("c",
		named{"Fans in Manchester cheered as England won.", "Manchester", 53.48, -2.24},
		named{"Snow fell on Moscow as Russia shivered.", "Moscow", 55.75, 37.62})
	opts := func(*evaluation.Corpus) geoparse.Options { return geoparse.Options{} }
	run := func(cs ...*evaluation.Corpus) []Fold {
		t.Helper()
		folds, err := Run(t.Context(), g, cs, opts, true)
		if err != nil {
			t.Fatal(err)
		}
		return folds
	}
	before := run(a, b, c)
	want, err := Train(t.Context(), g, geoparse.Options{}, []*evaluation.Corpus{b, c})
	if err != nil {
		t.Fatal(err)
	}
	if *before[0].Model != *want {
		t.Error("the held-out fold's model is not the one trained from the seed on the other corpora")
	}
	// Annotate a's names at their namesakes elsewhere.
	moved := corpus("a",
		named{"The mayor of Springfield resigned on Monday, Illinois officials said.", "Springfield", 42.10, -72.59},
		named{"Floods closed roads in Portland, the Oregon governor said.", "Portland", 43.66, -70.26})
	after := run(moved, b, c)
	if *after[0].Model != *before[0].Model {
		t.Error("the model scoring corpus a changed with a's own annotations")
	}
	if *after[1].Model == *before[1].Model && *after[2].Model == *before[2].Model {
		t.Error("the folds trained on corpus a did not change with its annotations: the test cannot tell")
	}
}

// TestSourceAndOrder checks where a document's history is kept and the
// order documents are parsed in with history.
func TestSourceAndOrder(t *testing.T) {
	for _, c := range []struct {
		d    evaluation.Document
		want string
	}{
		{evaluation.Document{Source: "https://en.WikiNews.org/wiki/X", URL: "http://other.example/a"}, "en.wikinews.org"},
		{evaluation.Document{URL: "http://www.thetowntalk.example/article/1"}, "www.thetowntalk.example"},
		{evaluation.Document{Source: "not a url", URL: ""}, ""},
	} {
		if got := SourceOf(c.d); got != c.want {
			t.Errorf("SourceOf(%+v) = %q, want %q", c.d, got, c.want)
		}
	}
	day := func(d int) time.Time { return time.Date(2009, 3, d, 0, 0, 0, 0, time.UTC) }
	c := &evaluation.Corpus{Name: "c", Docs: []evaluation.Document{{ID: "a", Date: day(3)}, {ID: "b"}, {ID: "c", Date: day(1)}, {ID: "d"}}}
	var got []string
	for _, d := range InDateOrder(c).Docs {
		got = append(got, d.ID)
	}
	if strings.Join(got, "") != "bdca" {
		t.Errorf("date order %v, want b d c a", got)
	}
	if c.Docs[0].ID != "a" {
		t.Error("InDateOrder changed the corpus it was given")
	}
}
