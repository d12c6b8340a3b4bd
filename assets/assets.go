// Package assets holds the files embedded in eventmap, and the generators
// that build them: the offline basemap (Natural Earth via world-atlas) and
// the application icon.
package assets

import _ "embed"

//go:generate go run ./internal/basemapgen -out basemap.bin
//go:generate go run ./internal/icongen -out icon.png

// Basemap is Natural Earth's admin-0 countries and land at 1:110m, 1:50m
// and 1:10m in the compact form that eventmap/geo/basemap decodes.
//
//go:embed basemap.bin
var Basemap []byte

// Icon is the application icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
