package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"eventmap/geo/evaluation"
	"eventmap/geo/evaluation/loco"
	"eventmap/geo/gazetteer"
	"eventmap/geo/geoparse"
)

func runEval(ctx context.Context, e env) int {
	fs := newFlagSet(e, "eval", "eventmap eval [--json] [--loco] [--history=false] [--far FILE] [--demonyms yes|no|auto] CORPUS.xml...")
	asJSON := fs.Bool("json", false, "print a JSON array with one object per corpus")
	demonyms := fs.String("demonyms", "auto", "report demonyms (\"Russian\") as toponyms: yes, no, or auto (no for the GeoVirus format, which does not annotate them)")
	useLOCO := fs.Bool("loco", false, "leave one corpus out: score each corpus with a resolver model trained on the other corpora only (needs two or more)")
	farFile := fs.String("far", "", "also write every place chosen more than 161 km from the gold one to this file, as tab-separated values with a header (\"-\": standard output)")
	history := fs.Bool("history", true, "parse each corpus in date order, each article with the places the earlier days' articles of its source were given, as a store that is fed every day gives them (--history=false: each article on its own)")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || *useLOCO && fs.NArg() < 2 {
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
	options := func(c *evaluation.Corpus) geoparse.Options {
		return geoparse.Options{NoDemonyms: *demonyms == "no" || *demonyms == "auto" && !c.AnnotatesDemonyms()}
	}
	var corpora []*evaluation.Corpus
	status := 0
	for _, path := range fs.Args() {
		c, err := readCorpus(path)
		if err != nil {
			fmt.Fprintln(e.stderr, "eventmap eval:", err)
			status = 1
			continue
		}
		corpora = append(corpora, c)
	}
	results := []evaluation.Result{}
	if *useLOCO {
		if len(corpora) < 2 {
			fmt.Fprintln(e.stderr, "eventmap eval: --loco: fewer than two corpora could be read")
			return 1
		}
		folds, err := loco.Run(ctx, g, corpora, options, *history)
		if err != nil {
			fmt.Fprintln(e.stderr, "eventmap eval:", err)
			return 1
		}
		for _, f := range folds {
			results = append(results, f.Result)
		}
	} else {
		for _, c := range corpora {
			r, err := loco.Evaluate(ctx, c, geoparse.New(g, options(c)), *history)
			if err != nil {
				fmt.Fprintf(e.stderr, "eventmap eval: %s: %v\n", c.Name, err)
				return 1
			}
			results = append(results, r)
		}
	}
	if *farFile != "" {
		if err := writeFar(e, *farFile, results); err != nil {
			fmt.Fprintln(e.stderr, "eventmap eval:", err)
			return 1
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintln(e.stderr, "eventmap eval:", err)
			return 1
		}
		return status
	}
	if *useLOCO {
		fmt.Fprintln(e.stdout, "leave one corpus out: each corpus scored with a model trained on the others")
	} else {
		fmt.Fprintln(e.stdout, "embedded model (trained on the evaluation corpora: in-sample for them; use --loco for held-out figures)")
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tdocs\tgold\tpredicted\tprecision\trecall\tF1\tacc@161\tfar, same place\tmean km\tmedian km\tAUC\tECE\tdocs/s\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.0f\t%.1f\t%.3f\t%.3f\t%.0f\t\n", r.Corpus, r.Documents, r.Gold,
			r.Predicted, r.Precision, r.Recall, r.F1, r.Acc161, r.FarSamePlace, r.MeanKM, r.MedianKM, r.AUC, r.ECE, r.DocsPerSec)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, "\nreliability of the confidence (share within 161 km per confidence bin; count in brackets)")
	tw = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	var head strings.Builder
	head.WriteString("corpus\t")
	for b := 0; b < 10; b++ {
		fmt.Fprintf(&head, "%.1f–%.1f\t", float64(b)/10, float64(b+1)/10)
	}
	fmt.Fprintln(tw, head.String())
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t", r.Corpus)
		for _, b := range r.Reliability {
			if b.Count == 0 {
				fmt.Fprint(tw, "–\t")
				continue
			}
			fmt.Fprintf(tw, "%.2f (%d)\t", b.Accuracy, b.Count)
		}
		fmt.Fprintln(tw)
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

// writeFar writes the far picks of the results to path ("-": standard
// output) as tab-separated values with a header.
func writeFar(e env, path string, results []evaluation.Result) error {
	var b strings.Builder
	b.WriteString("corpus\tdocument\tstart\tend\tphrase\tgold_name\tgold_geonameid\tgold_lat\tgold_lon\tchosen_name\tchosen_id\tkind\tcountry\tadmin1\tlat\tlon\tconfidence\tkm\tsame_place\n")
	clean := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, r := range results {
		for _, f := range r.Far {
			fmt.Fprintf(&b, "%s\t%s\t%d\t%d\t%s\t%s\t%d\t%.5f\t%.5f\t%s\t%d\t%s\t%s\t%s\t%.5f\t%.5f\t%.3f\t%.0f\t%t\n",
				clean(r.Corpus), clean(f.Document), f.Start, f.End, clean(f.Phrase), clean(f.Gold.Name), f.Gold.GeoNameID,
				f.Gold.Point.Lat(), f.Gold.Point.Lon(), clean(f.Chosen.Name), f.Chosen.ID, f.Chosen.Kind, f.Chosen.Country,
				f.Chosen.Admin1, f.Chosen.Point.Lat(), f.Chosen.Point.Lon(), f.Chosen.Confidence, f.KM, f.SamePlace)
		}
	}
	if path == "-" {
		_, err := io.WriteString(e.stdout, b.String())
		return err
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("--far: %w", err)
	}
	return nil
}
