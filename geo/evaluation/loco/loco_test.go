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
			{Start: 18, End: 23, Phrase: "Abuja"}, // no coordinates: not a training example
		},
	}}}
	ex := Examples(c)
	if len(ex) != 1 || len(ex[0].Gold) != 1 || ex[0].Gold[0] != (geoparse.GoldPlace{Start: 8, End: 13, Point: orb.Point{3.39, 6.45}}) {
		t.Errorf("examples %+v", ex)
	}
}

func TestRunNeedsTwoCorpora(t *testing.T) {
	_, err := Run(context.Background(), nil, []*evaluation.Corpus{{Name: "one"}}, func(*evaluation.Corpus) geoparse.Options { return geoparse.Options{} })
	if !errors.Is(err, ErrTooFewCorpora) {
		t.Errorf("error %v, want ErrTooFewCorpora", err)
	}
}
