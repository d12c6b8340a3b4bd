package evaluation

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Prediction is one place a geoparser found: its span in characters of
// the text and where it put it.
type Prediction struct {
	Start, End int
	Point      orb.Point
	// ID, Name and Bound identify the chosen place (its GeoNames id, 0
	// when unknown, its name and its extent): a far pick of the same
	// place as the gold one is counted apart (Result.FarSamePlace).
	ID    int64
	Name  string
	Bound orb.Bound
	// Kind, Country and Admin1 describe the chosen place for reports
	// (such as "settlement", "US", "IL"); they may be empty.
	Kind, Country, Admin1 string
	// Confidence is the parser's probability that Point is right
	// (within 161 km); negative when the parser gives none.
	Confidence float64
}

// Parser is what is evaluated: it returns the places it finds in a
// document's text (it may use the document's date).
type Parser func(ctx context.Context, d Document) ([]Prediction, error)

// Result is the score of a parser on one corpus. The JSON keys are the
// ones "eventmap eval --json" prints.
type Result struct {
	Corpus    string `json:"corpus"`
	Documents int    `json:"documents"`
	// Gold counts the aligned gold toponyms; Predicted the distinct
	// predicted spans; Correct the predicted spans that match a gold
	// span exactly.
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Resolved counts the correct spans whose gold toponym has
	// coordinates: the ones the distance measures are taken over.
	Resolved int     `json:"resolved"`
	Acc161   float64 `json:"acc161"`
	MeanKM   float64 `json:"mean_km"`
	MedianKM float64 `json:"median_km"`
	AUC      float64 `json:"auc"`
	// FarSamePlace counts the resolved toponyms more than 161 km off
	// whose chosen place is the gold place by GeoNames id, or an area of
	// the gold place's name that contains the gold point: a difference in
	// the representative point of a large area, not a wrong place.
	FarSamePlace int `json:"far_same_place"`
	// Reliability is the calibration table of the parser's confidence
	// over the resolved toponyms, in ten bins of width 0.1; ECE is the
	// expected calibration error (the bins' mean |accuracy - confidence|
	// weighted by their share). Both are empty when the parser gives no
	// confidence.
	Reliability []Bin   `json:"reliability,omitempty"`
	ECE         float64 `json:"ece"`
	// Far lists the resolved toponyms more than 161 km off, in the order
	// of the documents (not in the JSON: "eventmap eval --far" writes it).
	Far []FarPick `json:"-"`
	// Unaligned gold toponyms were left out (see Corpus.Unaligned).
	Unaligned  int     `json:"unaligned"`
	Failed     int     `json:"failed_documents"`
	DocsPerSec float64 `json:"docs_per_sec"`
}

// Bin is one row of a reliability table: the resolved toponyms whose
// confidence is in [Low, High).
type Bin struct {
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	Count      int     `json:"count"`
	Confidence float64 `json:"confidence"` // mean confidence
	Accuracy   float64 `json:"accuracy"`   // share within 161 km
}

// FarPick is a resolved toponym whose chosen place is more than 161 km
// from the gold one.
type FarPick struct {
	Document   string     // the document's ID
	Start, End int        // the span, in characters
	Phrase     string     // the gold phrase
	Gold       Toponym    // the gold place
	Chosen     Prediction // the parser's place
	KM         float64    // the distance between them
	SamePlace  bool       // the chosen place is the gold place itself (see Result.FarSamePlace)
}

// calibrationBins is the number of bins of the reliability table.
const calibrationBins = 10

// maxErrorKM is half the Earth's circumference, the largest error there
// is; it normalises the AUC.
const maxErrorKM = 20039

// Evaluate runs the parser on every document of the corpus and scores it.
// A document the parser fails on counts as one with no predictions.
func Evaluate(ctx context.Context, c *Corpus, parse Parser) (Result, error) {
	var s Scorer
	start := time.Now()
	for _, d := range c.Docs {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		preds, err := parse(ctx, d)
		if err != nil {
			s.Failed++
			preds = nil
		}
		s.Add(d, preds)
	}
	r := s.Result(c.Name)
	r.Unaligned = c.Unaligned
	if secs := time.Since(start).Seconds(); secs > 0 {
		r.DocsPerSec = float64(len(c.Docs)) / secs
	}
	return r, nil
}

// Scorer accumulates the comparison of predictions with gold toponyms.
type Scorer struct {
	docs, gold, predicted, correct int
	// Failed counts documents the parser could not handle.
	Failed int
	errors []float64 // km, for correct spans with gold coordinates
	far    int       // far picks of the gold place itself
	picks  []FarPick
	// per confidence bin: count, sum of confidences, count within 161 km
	binN     [calibrationBins]int
	binConf  [calibrationBins]float64
	binRight [calibrationBins]int
	withConf int
}

type span struct{ start, end int }

// Add compares one document's predictions with its gold toponyms.
func (s *Scorer) Add(d Document, preds []Prediction) {
	s.docs++
	gold := make(map[span]Toponym, len(d.Gold))
	for _, g := range d.Gold {
		gold[span{g.Start, g.End}] = g
	}
	s.gold += len(gold)
	seen := make(map[span]bool, len(preds))
	for _, p := range preds {
		k := span{p.Start, p.End}
		if seen[k] {
			continue
		}
		seen[k] = true
		s.predicted++
		g, ok := gold[k]
		if !ok {
			continue
		}
		s.correct++
		if !g.HasPoint {
			continue
		}
		km := geo.DistanceHaversine(g.Point, p.Point) / 1000
		s.errors = append(s.errors, km)
		if km > 161 {
			same := samePlace(g, p)
			if same {
				s.far++
			}
			s.picks = append(s.picks, FarPick{Document: d.ID, Start: g.Start, End: g.End, Phrase: g.Phrase, Gold: g, Chosen: p, KM: km, SamePlace: same})
		}
		if p.Confidence >= 0 {
			b := min(int(p.Confidence*calibrationBins), calibrationBins-1)
			s.withConf++
			s.binN[b]++
			s.binConf[b] += p.Confidence
			if km <= 161 {
				s.binRight[b]++
			}
		}
	}
}

// Result returns the scores so far.
func (s *Scorer) Result(name string) Result {
	r := Result{Corpus: name, Documents: s.docs, Gold: s.gold, Predicted: s.predicted, Correct: s.correct, Failed: s.Failed}
	if s.predicted > 0 {
		r.Precision = float64(s.correct) / float64(s.predicted)
	}
	if s.gold > 0 {
		r.Recall = float64(s.correct) / float64(s.gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	r.Resolved = len(s.errors)
	if len(s.errors) == 0 {
		return r
	}
	r.FarSamePlace = s.far
	r.Far = slices.Clone(s.picks)
	if s.withConf > 0 {
		for b := range calibrationBins {
			bin := Bin{Low: float64(b) / calibrationBins, High: float64(b+1) / calibrationBins, Count: s.binN[b]}
			if bin.Count > 0 {
				bin.Confidence = s.binConf[b] / float64(bin.Count)
				bin.Accuracy = float64(s.binRight[b]) / float64(bin.Count)
				r.ECE += float64(bin.Count) / float64(s.withConf) * math.Abs(bin.Accuracy-bin.Confidence)
			}
			r.Reliability = append(r.Reliability, bin)
		}
	}
	errs := append([]float64(nil), s.errors...)
	sort.Float64s(errs)
	within, sum := 0, 0.0
	for _, e := range errs {
		if e <= 161 {
			within++
		}
		sum += e
	}
	r.Acc161 = float64(within) / float64(len(errs))
	r.MeanKM = sum / float64(len(errs))
	r.MedianKM = median(errs)
	r.AUC = AUC(errs)
	return r
}

// samePlace reports whether a prediction chose the gold place itself: the
// same GeoNames id, or an area of the gold place's name that contains the
// gold point (a country or region whose representative point differs).
func samePlace(g Toponym, p Prediction) bool {
	if g.GeoNameID > 0 && p.ID == g.GeoNameID {
		return true
	}
	return g.Name != "" && strings.EqualFold(g.Name, p.Name) && p.Bound.Max != p.Bound.Min && p.Bound.Contains(g.Point)
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// AUC is the area under the curve of the sorted log errors, normalised to
// [0, 1] by the log of the largest possible error (Gritta et al., "What's
// missing in geographical parsing?", 2018): 0 when every error is zero, 1
// when every error is half the world. Lower is better.
func AUC(errorsKM []float64) float64 {
	n := len(errorsKM)
	if n == 0 {
		return 0
	}
	logs := make([]float64, n)
	for i, e := range errorsKM {
		logs[i] = math.Log(1 + math.Max(0, e))
	}
	sort.Float64s(logs)
	if n == 1 {
		return logs[0] / math.Log(maxErrorKM)
	}
	area := 0.0
	for i := 1; i < n; i++ {
		area += (logs[i-1] + logs[i]) / 2
	}
	return area / (math.Log(maxErrorKM) * float64(n-1))
}
