package store

import (
	"encoding/json"
	"testing"

	"eventmap/data/model"
)

// marshalMentions must store exactly what json.Marshal of the slice did,
// so that nothing about stored data changes.
func TestMarshalMentionsMatchesMarshal(t *testing.T) {
	p := model.Place{ID: "gn:1", Name: "São <Paulo> & \"Co\"", Kind: model.KindCity, Country: "BR", Point: [2]float64{-46.63, -23.55}}
	q := model.Place{ID: "gz:7", Name: "Lake\u2028Ōkataina", Kind: model.KindWater, Point: [2]float64{176.4, -38.1}}
	cases := [][]model.Mention{
		{},
		{{Span: model.Span{Start: 0, End: 4}, Name: "Sã", Place: p, Confidence: 0.5}},
		{
			{Span: model.Span{Start: 3, End: 9}, Name: "a<b>", Place: p, Confidence: 1, Corrected: true},
			{Span: model.Span{Start: 10, End: 20}, Name: "x", Place: q, Confidence: 0.25,
				RunnersUp: []model.Candidate{{Place: p, Score: 0.125}, {Place: q, Score: 1e-9}}},
			{Span: model.Span{Start: 21, End: 22}, Name: "\x01\t", Place: q},
		},
	}
	for i, ms := range cases {
		want, err := json.Marshal(ms)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalMentions(ms)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if got != string(want) {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
