package assets

import _ "embed"

//go:generate go run ./internal/gazgen -out gazetteer.bin

// gazetteerFile is the offline gazetteer: GeoNames cities500, Natural Earth
// countries and admin-1 regions and the project's curated table, in the
// format of eventmap/geo/gazetteer/gazfile.
//
//go:embed gazetteer.bin
var gazetteerFile string

// Gazetteer returns the embedded gazetteer file, for gazetteer.Embedded.
func Gazetteer() string { return gazetteerFile }
