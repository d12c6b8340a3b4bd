package assets

import "embed"

// Sample is the built-in collection of short notes that the app loads on
// first start: one text file per note, "date YYYY-MM-DD Title" on the
// first line.
//
//go:embed sample/*.txt
var Sample embed.FS
