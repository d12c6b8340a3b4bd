package loco

import (
	"context"
	"errors"
	"testing"

	"eventmap/geo/evaluation"
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
	_, err := Run(context.Background(), nil, []*evaluation.Corpus{{Name: "one"}}, func(*evaluation.Corpus) geoparse.Options { return geoparse.Options{} })
	if !errors.Is(err, ErrTooFewCorpora) {
		t.Errorf("error %v, want ErrTooFewCorpora", err)
	}
}
