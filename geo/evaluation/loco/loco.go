// Package loco trains the geoparser's resolver on evaluation corpora and
// scores it leave-one-corpus-out: for each corpus, the model is fitted on
// the other corpora only and scored on the held-out one, so that no
// figure counts what the model was trained on.
package loco

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"eventmap/geo/evaluation"
	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse"
)

// ErrTooFewCorpora is returned by Run when given fewer than two corpora.
var ErrTooFewCorpora = errors.New("loco: leave-one-corpus-out needs at least two corpora")

// Examples turns a corpus into training examples for geoparse.Train:
// every document with its gold toponyms (those without coordinates teach
// recognition only), and whether the corpus annotates demonyms.
func Examples(c *evaluation.Corpus) []geoparse.Example {
	out := make([]geoparse.Example, 0, len(c.Docs))
	noDem := !c.AnnotatesDemonyms()
	for _, d := range c.Docs {
		ex := geoparse.Example{Text: d.Text, Date: d.Date, Collection: c.Name, NoDemonyms: noDem, Source: SourceOf(d)}
		for _, t := range d.Gold {
			ex.Gold = append(ex.Gold, geoparse.GoldPlace{Start: t.Start, End: t.End, Point: t.Point, NoPoint: !t.HasPoint})
		}
		out = append(out, ex)
	}
	return out
}

// Train fits a resolver model on the corpora (see geoparse.Train),
// starting from opt.Model, or from geoparse.SeedModel when it is nil, as
// Run and the generator of the embedded model do: never from the embedded
// model, which has seen every evaluation corpus.
func Train(ctx context.Context, g *gazetteer.Gazetteer, opt geoparse.Options, corpora []*evaluation.Corpus) (*geoparse.Model, error) {
	var docs []geoparse.Example
	for _, c := range corpora {
		docs = append(docs, Examples(c)...)
	}
	m, err := geoparse.Train(ctx, g, opt, docs, geoparse.TrainOptions{})
	if err != nil {
		return nil, fmt.Errorf("loco: %w", err)
	}
	return m, nil
}

// Parser returns the evaluation.Parser of a geoparser: its mentions with
// their places and confidences. With a memory, each document is parsed
// with what the geoparser gave the earlier documents of its source (see
// geoparse.Memory), as a user's store would hand them to ingest: the
// documents must then come in date order (see InDateOrder).
func Parser(p *geoparse.Parser, mem *geoparse.Memory) evaluation.Parser {
	return func(ctx context.Context, d evaluation.Document) ([]evaluation.Prediction, error) {
		var h *geoparse.Hints
		src := SourceOf(d)
		if mem != nil {
			h = mem.Hints(src, d.Date)
		}
		res, err := p.ParseWithHints(ctx, d.Text, d.Date, h)
		if err != nil {
			return nil, err
		}
		if mem != nil {
			mem.Add(src, d.Date, res)
		}
		out := make([]evaluation.Prediction, len(res.Mentions))
		for i, m := range res.Mentions {
			out[i] = evaluation.Prediction{Start: m.Start, End: m.End, Point: m.Place.Point,
				ID: m.Place.ID, Name: m.Place.Name, Bound: m.Place.Bound, Confidence: m.Confidence,
				Kind: m.Place.Kind.String(), Country: m.Place.Country, Admin1: m.Place.Admin1}
		}
		return out, nil
	}
}

// Evaluate scores a geoparser on a corpus: with history, in date order
// with a memory of each source's earlier days (see Parser); without, each
// document on its own.
func Evaluate(ctx context.Context, c *evaluation.Corpus, p *geoparse.Parser, history bool) (evaluation.Result, error) {
	if !history {
		return evaluation.Evaluate(ctx, c, Parser(p, nil))
	}
	return evaluation.Evaluate(ctx, InDateOrder(c), Parser(p, geoparse.NewMemory()))
}

// SourceOf returns the source a document's history is kept under: the
// host of its source address, else of its own address, else "" (no
// history).
func SourceOf(d evaluation.Document) string {
	for _, s := range []string{d.Source, d.URL} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return strings.ToLower(u.Host)
		}
	}
	return ""
}

// InDateOrder returns a copy of the corpus with its documents in date
// order, undated ones first in their own order.
func InDateOrder(c *evaluation.Corpus) *evaluation.Corpus {
	out := *c
	out.Docs = slices.Clone(c.Docs)
	slices.SortStableFunc(out.Docs, func(a, b evaluation.Document) int { return a.Date.Compare(b.Date) })
	return &out
}

// Fold is the score of one held-out corpus and the model it was scored
// with.
type Fold struct {
	Result evaluation.Result
	Model  *geoparse.Model
}

// Run scores each corpus with a model trained on the others. options
// gives the parser options for scoring a corpus (such as leaving out
// demonyms where its annotators did); the models are trained with the
// default options. With history, each held-out corpus is parsed in date
// order with what the parser gave the earlier days' documents of each
// source (see Parser), as the models are trained.
func Run(ctx context.Context, g *gazetteer.Gazetteer, corpora []*evaluation.Corpus, options func(*evaluation.Corpus) geoparse.Options, history bool) ([]Fold, error) {
	if len(corpora) < 2 {
		return nil, ErrTooFewCorpora
	}
	out := make([]Fold, 0, len(corpora))
	for i, held := range corpora {
		train := make([]*evaluation.Corpus, 0, len(corpora)-1)
		train = append(train, corpora[:i]...)
		train = append(train, corpora[i+1:]...)
		m, err := Train(ctx, g, geoparse.Options{}, train)
		if err != nil {
			return nil, fmt.Errorf("loco: holding out %s: %w", held.Name, err)
		}
		opt := options(held)
		opt.Model = m
		r, err := Evaluate(ctx, held, geoparse.New(g, opt), history)
		if err != nil {
			return nil, fmt.Errorf("loco: %s: %w", held.Name, err)
		}
		out = append(out, Fold{Result: r, Model: m})
	}
	return out, nil
}
