package geoparse

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"eventmap/geo/gazetteer"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Example is one annotated text for Train.
type Example struct {
	Text string
	Date time.Time // the article's date, zero when unknown
	Gold []GoldPlace
	// Collection names the corpus the text comes from: the span
	// classifier's threshold is chosen on collections it was not fitted
	// on, when there are several.
	Collection string
	// NoDemonyms is set when the annotators left adjectives and demonyms
	// out ("French"): they teach the span classifier nothing.
	NoDemonyms bool
	// Source names where the text was published (such as the host of its
	// address), empty when unknown: the texts of a source are parsed in
	// date order with what the parser gave its earlier texts as hints
	// (see Memory), as a user's store gives them.
	Source string
}

// GoldPlace is an annotated place name: its span in runes of the text and
// where it is.
type GoldPlace struct {
	Start, End int
	Point      orb.Point
	// NoPoint is set when the annotation gives no coordinates: the name
	// teaches recognition only.
	NoPoint bool
}

// TrainOptions tune Train; the zero value is the default.
type TrainOptions struct {
	// Rounds of feature extraction and fitting (default 3): the context
	// features depend on the model, so each round extracts them with the
	// model of the round before. From the seed model the weights move by
	// up to 4.3 in the first round and 0.9 in the second; from the third
	// on they alternate between two near fixed points (0.1 apart at most)
	// on the evaluation corpora.
	Rounds int
	// Epochs of gradient descent per round (default 400).
	Epochs int
	// L2 is the weight of the ridge penalty (default 1e-3 per example).
	L2 float64
}

// rightKM is how near a candidate must be to the gold place to count as
// the right one (100 miles, the standard measure).
const rightKM = 161

// ErrNoExamples is returned by Train when the examples teach nothing: no
// annotated name has a right candidate among several.
var ErrNoExamples = errors.New("geoparse: no usable training examples")

// Train fits a model to annotated texts. It parses each text with the
// parser options opt (whose Model is the starting point, nil for
// SeedModel: never the embedded DefaultModel, which has seen the corpora
// it was generated from), records the features of the candidates of every name
// whose span is annotated, and fits the weights by conditional logistic
// regression (the right candidate against the others of its name); then
// it fits the calibration of the confidences: a logistic regression of
// whether the chosen place is within 161 km of the annotation on the
// resolver's probability and the kind of choice, over confidences given
// by weights trained on the other half of the texts.
func Train(ctx context.Context, g *gazetteer.Gazetteer, opt Options, docs []Example, topt TrainOptions) (*Model, error) {
	if topt.Rounds <= 0 {
		topt.Rounds = 3
	}
	if topt.Epochs <= 0 {
		topt.Epochs = 400
	}
	if topt.L2 <= 0 {
		topt.L2 = 1e-3
	}
	m := SeedModel()
	if opt.Model != nil {
		m = *opt.Model
	}
	m.Calibration = calibration{}
	m.Spans = spanFeatures{}
	if err := fitSpans(ctx, New(g, Options{Model: &m}), docs, topt, &m); err != nil {
		return nil, err
	}
	start := m
	w, err := fitWeights(ctx, g, opt, start, docs, topt)
	if err != nil {
		return nil, err
	}
	m.Weights = w
	// The calibration is fitted on confidences the weights give to texts
	// they were not trained on (cross-fitted, see calibrationSplits): on its
	// own training texts a ranker is surer than it will be on new ones.
	var cxs []calibration
	var right []bool
	for _, split := range calibrationSplits(docs) {
		for fold := range split.folds {
			var train, held []Example
			for i, d := range docs {
				if split.of(i) == fold {
					held = append(held, d)
				} else {
					train = append(train, d)
				}
			}
			fm := start
			fm.Weights, err = fitWeights(ctx, g, opt, start, train, topt)
			if errors.Is(err, ErrNoExamples) {
				continue // too few texts to split: calibrate on what the other folds give
			}
			if err != nil {
				return nil, err
			}
			o := opt
			o.Model = &fm
			x, r, err := confidences(ctx, New(g, o), held)
			if err != nil {
				return nil, err
			}
			cxs, right = append(cxs, x...), append(right, r...)
		}
	}
	m.Calibration = fitCalibration(cxs, right)
	return &m, nil
}

// split assigns each text to one of its folds.
type split struct {
	of    func(i int) int
	folds int
}

// calibrationSplits returns the ways the texts are split for fitting the
// calibration: into two halves, and by collection when there are several.
// The halves give confidences of weights that saw texts like the ones
// they are given; the collections, of weights that never saw their kind
// of text, as a user's news is new to the embedded model. The calibration
// is fitted on both, each text counting twice.
func calibrationSplits(docs []Example) []split {
	out := []split{{of: func(i int) int { return i % 2 }, folds: 2}}
	index := map[string]int{}
	for _, d := range docs {
		if _, ok := index[d.Collection]; !ok {
			index[d.Collection] = len(index)
		}
	}
	if len(index) >= 2 {
		out = append(out, split{of: func(i int) int { return index[docs[i].Collection] }, folds: len(index)})
	}
	return out
}

// fitWeights fits the ranker's weights on docs, starting from m, in
// topt.Rounds rounds of feature extraction and fitting.
func fitWeights(ctx context.Context, g *gazetteer.Gazetteer, opt Options, m Model, docs []Example, topt TrainOptions) ([numFeatures]float64, error) {
	for round := 0; round < topt.Rounds; round++ {
		o := opt
		o.Model = &m
		sets, err := rankingSets(ctx, New(g, o), docs)
		if err != nil {
			return m.Weights, err
		}
		if len(sets) == 0 {
			return m.Weights, ErrNoExamples
		}
		m.Weights = fitRanker(sets, m.Weights, topt.Epochs, topt.L2)
	}
	return m.Weights, nil
}

// rankingSet is one annotated name: the features of its candidates and
// which of them is right.
type rankingSet struct {
	fs    []features
	right int
}

// goldAt indexes the annotated places of a text by span.
func goldAt(gold []GoldPlace) map[[2]int]orb.Point {
	m := make(map[[2]int]orb.Point, len(gold))
	for _, g := range gold {
		if !g.NoPoint {
			m[[2]int{g.Start, g.End}] = g.Point
		}
	}
	return m
}

// rankingSets parses the texts and returns a ranking set for every name
// that has an annotated span and a right candidate among several.
func rankingSets(ctx context.Context, p *Parser, docs []Example) ([]rankingSet, error) {
	var sets []rankingSet
	err := parseStream(ctx, p, docs, func(d *Example) recorder {
		gold := goldAt(d.Gold)
		rec := func(spans []span, g *group, fs []features) {
			if len(fs) < 2 { // nil: the final choice, not needed here
				return
			}
			for _, si := range g.spans {
				pt, ok := gold[[2]int{spans[si].start, spans[si].end}]
				if !ok {
					continue
				}
				best, bestD := -1, math.Inf(1)
				for ci := range g.cands {
					if d := geo.DistanceHaversine(pt, g.cands[ci].Point) / 1000; d < bestD {
						best, bestD = ci, d
					}
				}
				if bestD <= rightKM {
					sets = append(sets, rankingSet{fs: append([]features(nil), fs...), right: best})
				}
				return
			}
		}
		return rec
	})
	return sets, err
}

// fitRanker fits the weights of a conditional logit model, starting from
// w, by full-batch gradient descent with Adam steps and a ridge penalty.
func fitRanker(sets []rankingSet, w [numFeatures]float64, epochs int, l2 float64) [numFeatures]float64 {
	var mom, vel [numFeatures]float64
	n := float64(len(sets))
	scores := make([]float64, 0, 64)
	for ep := 1; ep <= epochs; ep++ {
		var grad [numFeatures]float64
		for _, s := range sets {
			scores = scores[:0]
			mx := math.Inf(-1)
			for i := range s.fs {
				v := dot(&w, &s.fs[i])
				scores = append(scores, v)
				mx = math.Max(mx, v)
			}
			sum := 0.0
			for i, v := range scores {
				scores[i] = math.Exp(v - mx)
				sum += scores[i]
			}
			// gradient of the negative log-likelihood: E[f] - f_right
			for i := range s.fs {
				pi := scores[i] / sum
				for k := range grad {
					grad[k] += pi * s.fs[i][k]
				}
			}
			for k := range grad {
				grad[k] -= s.fs[s.right][k]
			}
		}
		adamStep(w[:], grad[:], mom[:], vel[:], n, l2, ep)
	}
	return w
}

func dot(w *[numFeatures]float64, f *features) float64 {
	s := 0.0
	for k, v := range f {
		s += w[k] * v
	}
	return s
}

// confidences parses the texts and returns, for every choice of a name
// on an annotated span, its calibration features and whether the place is
// within 161 km of the annotation.
func confidences(ctx context.Context, p *Parser, docs []Example) ([]calibration, []bool, error) {
	var xs []calibration
	var right []bool
	err := parseStream(ctx, p, docs, func(d *Example) recorder {
		gold := goldAt(d.Gold)
		rec := func(spans []span, g *group, fs []features) {
			if fs != nil {
				return
			}
			for _, si := range g.spans {
				pt, ok := gold[[2]int{spans[si].start, spans[si].end}]
				if !ok {
					continue
				}
				xs = append(xs, calFeatures(g, g.conf))
				right = append(right, geo.DistanceHaversine(pt, g.cands[g.best].Point)/1000 <= rightKM)
			}
		}
		return rec
	})
	return xs, right, err
}

// parseStream parses the texts as a user's store would see them: in date
// order, each with what the parser gave the earlier texts of its source
// (see Memory), handing every text's recorder (from recFor) the
// resolver's features.
func parseStream(ctx context.Context, p *Parser, docs []Example, recFor func(d *Example) recorder) error {
	mem := NewMemory()
	for _, i := range dateOrder(docs) {
		d := &docs[i]
		res, err := p.parse(ctx, d.Text, d.Date, recFor(d), mem.Hints(d.Source, d.Date))
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			return fmt.Errorf("geoparse: training text %d: %w", i, err)
		}
		mem.Add(d.Source, d.Date, res)
	}
	return nil
}

// dateOrder returns the indexes of the texts in date order, undated texts
// in their own order first.
func dateOrder(docs []Example) []int {
	idx := make([]int, len(docs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return docs[a].Date.Compare(docs[b].Date) })
	return idx
}

// fitCalibration fits the weights of a logistic regression of the
// outcomes on the calibration features, by gradient descent with Adam
// steps and a small ridge penalty. It returns the identity calibration
// (the resolver's probability) when there is nothing to fit.
func fitCalibration(xs []calibration, right []bool) calibration {
	var w calibration
	w[cLogit] = 1
	rows := make([][]float64, len(xs))
	for i := range xs {
		rows[i] = xs[i][:]
	}
	fitLogistic(rows, right, w[:], 600, 1e-4)
	return w
}

// spanSet is what recognition by the rules finds in annotated texts: the
// features of the spans the span classifier judges and whether each is
// annotated, the spans kept without it and how many of those are, and
// the number of annotations.
type spanSet struct {
	xs                    [][]float64
	ys                    []bool
	kept, keptRight, gold int
}

// spanSets recognises the names in the texts with the rules alone and
// returns the features of every span the span classifier would judge, and
// whether an annotation has exactly its span. The demonyms of texts whose
// annotators left them out are skipped.
func spanSets(ctx context.Context, p *Parser, docs []Example) (*spanSet, error) {
	ss := &spanSet{}
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("geoparse: %w", err)
		}
		gold := make(map[[2]int]bool, len(d.Gold))
		for _, g := range d.Gold {
			gold[[2]int{g.Start, g.End}] = true
		}
		ss.gold += len(gold)
		rs := []rune(d.Text)
		lc := &lookupCache{g: p.g, m: make(map[string][]gazetteer.Candidate)}
		toks := tokenize(rs)
		spans, err := p.candidateSpans(rs, toks, lc)
		if err != nil {
			return nil, fmt.Errorf("geoparse: training text %d: %w", i, err)
		}
		lower := lowerWords(toks)
		p.applyRules(toks, spans, lower)
		for k := range spans {
			if s := &spans[k]; s.reject == "" && !classifiable(s) && !(d.NoDemonyms && s.demonym) {
				ss.kept++
				if gold[[2]int{s.start, s.end}] {
					ss.keptRight++
				}
			}
		}
		classifySpans(toks, spans, lower, func(k int, f *spanFeatures) {
			if d.NoDemonyms && spans[k].demonym {
				return
			}
			ss.xs = append(ss.xs, append([]float64(nil), f[:]...))
			ss.ys = append(ss.ys, gold[[2]int{spans[k].start, spans[k].end}])
		})
	}
	return ss, nil
}

// fitSpans fits the span classifier of m on the texts, and its
// threshold: the one with the best F1 over the collections of the texts,
// each scored by a classifier fitted on the others (so that it holds on a
// collection unlike them), or on the texts themselves when they are of one
// collection.
func fitSpans(ctx context.Context, p *Parser, docs []Example, topt TrainOptions, m *Model) error {
	var names []string
	byName := map[string][]Example{}
	for _, d := range docs {
		if _, ok := byName[d.Collection]; !ok {
			names = append(names, d.Collection)
		}
		byName[d.Collection] = append(byName[d.Collection], d)
	}
	sets := make([]*spanSet, len(names))
	all := &spanSet{}
	for i, n := range names {
		ss, err := spanSets(ctx, p, byName[n])
		if err != nil {
			return err
		}
		sets[i] = ss
		all.add(ss)
	}
	copy(m.Spans[:], fitLogistic(all.xs, all.ys, make([]float64, numSpan), topt.Epochs, topt.L2))
	var counts thresholdCounts
	if len(sets) < 2 {
		all.count(m, &counts)
	} else {
		for i, held := range sets {
			rest := &spanSet{}
			for j, o := range sets {
				if j != i {
					rest.add(o)
				}
			}
			var fm Model
			copy(fm.Spans[:], fitLogistic(rest.xs, rest.ys, make([]float64, numSpan), topt.Epochs, topt.L2))
			held.count(&fm, &counts)
		}
	}
	m.SpanThreshold = counts.best()
	return nil
}

// add appends o to ss.
func (ss *spanSet) add(o *spanSet) {
	ss.xs, ss.ys = append(ss.xs, o.xs...), append(ss.ys, o.ys...)
	ss.kept, ss.keptRight, ss.gold = ss.kept+o.kept, ss.keptRight+o.keptRight, ss.gold+o.gold
}

// The thresholds tried for the span classifier: 0.025, 0.05, ... 0.975;
// how many steps on each side a threshold's F1 is averaged over; and how
// far under the best average a threshold's may be to count as the best's
// plateau.
const (
	thresholdStep      = 0.025
	numThresholds      = 39
	thresholdSmooth    = 2
	thresholdTolerance = 0.002
)

// thresholdCounts are, per threshold, the spans kept, the kept spans
// annotated, and the annotations.
type thresholdCounts struct {
	pred, right [numThresholds]int
	gold        int
}

// count adds what the classifier of m keeps of ss at each threshold.
func (ss *spanSet) count(m *Model, c *thresholdCounts) {
	c.gold += ss.gold
	for t := range numThresholds {
		c.pred[t] += ss.kept
		c.right[t] += ss.keptRight
	}
	for i, x := range ss.xs {
		var f spanFeatures
		copy(f[:], x)
		p := m.spanProb(&f)
		for t := range numThresholds {
			if p >= float64(t+1)*thresholdStep {
				c.pred[t]++
				if ss.ys[i] {
					c.right[t]++
				}
			}
		}
	}
}

// best returns the lowest threshold of the plateau of the F1 curve. Each
// threshold's F1 is first averaged with its neighbours' (within
// thresholdSmooth steps), so that a lone peak does not count; then, of the
// run of thresholds around the best whose average is within
// thresholdTolerance of the best, the lowest is taken. Near its top the
// curve is flat, and its single best point moves with any small change to
// the training data (an F1 difference of 0.002 is some twenty spans in ten
// thousand); of thresholds as good, the lowest keeps the most places, and
// a place kept with a low confidence is one the user can review and
// correct, while a place dropped is never seen.
func (c *thresholdCounts) best() float64 {
	var f1, avg [numThresholds]float64
	for t := range numThresholds {
		if c.pred[t]+c.gold > 0 {
			f1[t] = 2 * float64(c.right[t]) / float64(c.pred[t]+c.gold)
		}
	}
	top := 0
	for t := range numThresholds {
		sum, n := 0.0, 0
		for u := max(t-thresholdSmooth, 0); u <= min(t+thresholdSmooth, numThresholds-1); u++ {
			sum += f1[u]
			n++
		}
		if avg[t] = sum / float64(n); avg[t] > avg[top] {
			top = t
		}
	}
	lo := top
	for lo > 0 && avg[lo-1] >= avg[top]-thresholdTolerance {
		lo--
	}
	return math.Round(float64(lo+1)*thresholdStep*1000) / 1000
}
