package geoparse

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"eventmap/geo/evaluation"
	"eventmap/geo/gazetteer"
)

// TestCorpora scores the parser on the evaluation corpora and fails when
// a score drops below a floor set well under the measured one (see
// README_SECTION.md), to catch regressions.
func TestCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	tests := []struct {
		file           string
		noDemonyms     bool // GeoVirus does not annotate demonyms
		minF1, minAcc  float64
		minDocs, minGd int
	}{
		{"lgl.xml", false, 0.74, 0.87, 588, 5000},
		{"TR-News.xml", false, 0.80, 0.85, 118, 1300},
		{"GeoVirus.xml", true, 0.85, 0.88, 229, 2100},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(shared, "corpora", tt.file)
			f, err := os.Open(path)
			if err != nil {
				t.Skipf("corpus not available (%v): the shared folder is absent", err)
			}
			defer f.Close()
			c, err := evaluation.ReadCorpus(f, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			p := New(gazetteer.Embedded(gazetteer.Options{}), Options{NoDemonyms: tt.noDemonyms})
			r, err := evaluation.Evaluate(context.Background(), c, func(ctx context.Context, d evaluation.Document) ([]evaluation.Prediction, error) {
				res, err := p.Parse(ctx, d.Text, d.Date)
				if err != nil {
					return nil, err
				}
				out := make([]evaluation.Prediction, len(res.Mentions))
				for i, m := range res.Mentions {
					out[i] = evaluation.Prediction{Start: m.Start, End: m.End, Point: m.Place.Point}
				}
				return out, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: P %.3f R %.3f F1 %.3f acc@161 %.3f mean %.0f km median %.1f km AUC %.3f",
				tt.file, r.Precision, r.Recall, r.F1, r.Acc161, r.MeanKM, r.MedianKM, r.AUC)
			if r.Documents < tt.minDocs || r.Gold < tt.minGd || r.Failed > 0 {
				t.Errorf("documents %d, gold %d, failed %d", r.Documents, r.Gold, r.Failed)
			}
			if r.F1 < tt.minF1 {
				t.Errorf("F1 %.3f < %.2f", r.F1, tt.minF1)
			}
			if r.Acc161 < tt.minAcc {
				t.Errorf("acc@161 %.3f < %.2f", r.Acc161, tt.minAcc)
			}
		})
	}
}
