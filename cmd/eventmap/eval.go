package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"eventmap/geo/evaluation"
	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse"
)

func runEval(ctx context.Context, e env) int {
	fs := newFlagSet(e, "eval", "eventmap eval [--json] [--prior=false] [--demonyms yes|no|auto] CORPUS.xml...")
	asJSON := fs.Bool("json", false, "print a JSON array with one object per corpus")
	demonyms := fs.String("demonyms", "auto", "report demonyms (\"Russian\") as toponyms: yes, no, or auto (no for the GeoVirus format, which does not annotate them)")
	usePrior := fs.Bool("prior", true, "learn where each source's news happens from its other articles (a first, unscored pass; no gold is used)")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	switch *demonyms {
	case "yes", "no", "auto":
	default:
		fmt.Fprintf(e.stderr, "eventmap eval: --demonyms %q: want yes, no or auto\n", *demonyms)
		return 2
	}
	g := gazetteer.Embedded(gazetteer.Options{})
	if err := g.Load(); err != nil {
		fmt.Fprintln(e.stderr, "eventmap eval:", err)
		return 1
	}
	var results []evaluation.Result
	status := 0
	for _, path := range fs.Args() {
		c, err := readCorpus(path)
		if err != nil {
			fmt.Fprintln(e.stderr, "eventmap eval:", err)
			status = 1
			continue
		}
		noDem := *demonyms == "no" || *demonyms == "auto" && geoVirusFormat(c)
		p := geoparse.New(g, geoparse.Options{NoDemonyms: noDem})
		var sources *sourcePriors
		if *usePrior {
			if sources, err = learnPriors(ctx, p, c); err != nil {
				fmt.Fprintf(e.stderr, "eventmap eval: %s: %v\n", path, err)
				return 1
			}
		}
		r, err := evaluation.Evaluate(ctx, c, func(ctx context.Context, d evaluation.Document) ([]evaluation.Prediction, error) {
			var res *geoparse.Result
			var err error
			if sources != nil {
				res, err = sources.parse(ctx, p, d)
			} else {
				res, err = p.Parse(ctx, d.Text, d.Date)
			}
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
			fmt.Fprintf(e.stderr, "eventmap eval: %s: %v\n", path, err)
			return 1
		}
		results = append(results, r)
	}
	if *asJSON {
		if results == nil {
			results = []evaluation.Result{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintln(e.stderr, "eventmap eval:", err)
			return 1
		}
		return status
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tdocs\tgold\tpredicted\tprecision\trecall\tF1\tacc@161\tmean km\tmedian km\tAUC\tdocs/s\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\t%.1f\t%.3f\t%.0f\t\n", r.Corpus, r.Documents, r.Gold,
			r.Predicted, r.Precision, r.Recall, r.F1, r.Acc161, r.MeanKM, r.MedianKM, r.AUC, r.DocsPerSec)
	}
	tw.Flush()
	for _, r := range results {
		if r.Unaligned > 0 || r.Failed > 0 {
			fmt.Fprintf(e.stderr, "%s: %d gold toponyms could not be aligned to the text and were left out; %d documents failed\n", r.Corpus, r.Unaligned, r.Failed)
		}
	}
	return status
}

// readCorpus reads one corpus file, named after the file.
func readCorpus(path string) (*evaluation.Corpus, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return evaluation.ReadCorpus(f, name)
}

// geoVirusFormat reports whether a corpus came in the GeoVirus format
// (articles with a source and no date), whose annotators left demonyms out.
func geoVirusFormat(c *evaluation.Corpus) bool {
	for _, d := range c.Docs {
		if d.Source != "" {
			return true
		}
	}
	return false
}

// sourcePriors holds a geoparse.Prior per source of a corpus, and what the
// first pass found in each document.
type sourcePriors struct {
	priors map[string]*geoparse.Prior
	first  map[string]*geoparse.Result // by document id
}

// learnPriors parses every document once and counts what it finds in the
// prior of the document's source.
func learnPriors(ctx context.Context, p *geoparse.Parser, c *evaluation.Corpus) (*sourcePriors, error) {
	s := &sourcePriors{priors: map[string]*geoparse.Prior{}, first: map[string]*geoparse.Result{}}
	for _, d := range c.Docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res, err := p.Parse(ctx, d.Text, d.Date)
		if err != nil {
			continue // the scored pass reports it
		}
		k := sourceOf(d)
		if s.priors[k] == nil {
			s.priors[k] = geoparse.NewPrior()
		}
		s.priors[k].Add(res)
		s.first[d.ID] = res
	}
	return s, nil
}

// parse parses a document with the prior of the other documents of its
// source.
func (s *sourcePriors) parse(ctx context.Context, p *geoparse.Parser, d evaluation.Document) (*geoparse.Result, error) {
	pr := s.priors[sourceOf(d)]
	if pr == nil {
		return p.Parse(ctx, d.Text, d.Date)
	}
	if own := s.first[d.ID]; own != nil {
		pr.Remove(own)
		defer pr.Add(own)
	}
	return p.WithPrior(pr).Parse(ctx, d.Text, d.Date)
}

// sourceOf names the source of a document: the host of its URL.
func sourceOf(d evaluation.Document) string {
	u := d.URL
	if u == "" {
		u = d.Source
	}
	if pu, err := url.Parse(strings.TrimSpace(u)); err == nil && pu.Host != "" {
		return pu.Host
	}
	return u
}
