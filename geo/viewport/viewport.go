// Package viewport holds the maths of a Web Mercator map view: where a
// longitude/latitude lands on the screen at a given zoom, how panning and
// zooming move the view, and which tiles cover it.
//
// Positions on the map are kept in world units: the Web Mercator square
// scaled to [0,1]×[0,1], x growing east from the antimeridian and y growing
// south from 85.0511° N (the same fractions as orb/maptile at zoom 0). At zoom
// z the world is TileSize·2^z logical pixels wide. The x axis wraps: x and
// x+1 are the same meridian, so a view may straddle the antimeridian.
package viewport

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// TileSize is the edge of a map tile in logical pixels.
const TileSize = 256

// MaxLatitude is the latitude where the Web Mercator square ends.
const MaxLatitude = 85.05112877980659

// Zoom limits and the step that zoom values snap to. Snapping keeps the
// number of distinct tile scales small so that cached tiles are reused.
const (
	MinZoom  = 0.0
	MaxZoom  = 17.0
	ZoomStep = 1.0 / 8
)

// earthCircumference is the length of the equator on the Web Mercator
// sphere, in metres.
const earthCircumference = 2 * math.Pi * 6378137

// View is what a map shows: the world point at its centre, the zoom, and
// the size of the area it is drawn into.
type View struct {
	// Center is the centre of the view in world units. X may lie outside
	// [0,1) when the view has been panned around the world; Y is in [0,1].
	Center orb.Point
	// Zoom is the map zoom level; 0 shows the world in one tile.
	Zoom float64
	// Width and Height are the size of the view in device pixels.
	Width, Height int
	// Scale is the number of device pixels per logical pixel (1 on most
	// screens, 2 on HiDPI ones).
	Scale float64
}

// New returns a view of w×h device pixels at the given scale, centred on
// the given longitude/latitude at the given zoom.
func New(center orb.Point, zoom float64, w, h int, scale float64) View {
	if scale <= 0 {
		scale = 1
	}
	v := View{Center: ToWorld(center), Zoom: SnapZoom(zoom), Width: w, Height: h, Scale: scale}
	return v.Clamp()
}

// ToWorld converts a longitude/latitude to world units. Latitudes beyond
// ±MaxLatitude are clamped to the edge of the square.
func ToWorld(ll orb.Point) orb.Point {
	lat := math.Max(-MaxLatitude, math.Min(MaxLatitude, ll[1]))
	m := project.WGS84.ToMercator(orb.Point{wrapLon(ll[0]), lat})
	x := m[0]/earthCircumference + 0.5
	if ll[0] == 180 {
		x = 1
	}
	return orb.Point{x, math.Max(0, math.Min(1, 0.5-m[1]/earthCircumference))}
}

// ToLonLat converts world units to a longitude/latitude, wrapping the
// longitude into [-180, 180) and clamping the latitude to the square.
func ToLonLat(w orb.Point) orb.Point {
	x := w[0] - math.Floor(w[0])
	y := math.Max(0, math.Min(1, w[1]))
	m := orb.Point{(x - 0.5) * earthCircumference, (0.5 - y) * earthCircumference}
	ll := project.Mercator.ToWGS84(m)
	return orb.Point{wrapLon(ll[0]), ll[1]}
}

// wrapLon brings a longitude into [-180, 180).
func wrapLon(lon float64) float64 {
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// SnapZoom rounds a zoom to the nearest ZoomStep and clamps it to
// [MinZoom, MaxZoom].
func SnapZoom(z float64) float64 {
	z = math.Round(z/ZoomStep) * ZoomStep
	return math.Max(MinZoom, math.Min(MaxZoom, z))
}

// WorldSize is the width (and height) of the whole world in device pixels.
func (v View) WorldSize() float64 {
	return TileSize * math.Exp2(v.Zoom) * v.Scale
}

// Origin is the world-pixel position (device pixels from the top-left of
// the world square, x unwrapped) of the view's top-left corner, rounded
// to whole pixels so that tiles land on the pixel grid.
func (v View) Origin() (x, y int) {
	s := v.WorldSize()
	return int(math.Floor(v.Center[0]*s - float64(v.Width)/2)),
		int(math.Floor(v.Center[1]*s - float64(v.Height)/2))
}

// PixelToWorld converts a position in the view (device pixels from its
// top-left corner) to world units. X is not wrapped.
func (v View) PixelToWorld(px, py float64) orb.Point {
	s := v.WorldSize()
	ox, oy := v.Origin()
	return orb.Point{(float64(ox) + px) / s, (float64(oy) + py) / s}
}

// WorldToPixel converts world units to a position in the view, choosing
// the copy of the world whose x is nearest the centre of the view.
func (v View) WorldToPixel(w orb.Point) (px, py float64) {
	x := w[0] + math.Round(v.Center[0]-w[0])
	s := v.WorldSize()
	ox, oy := v.Origin()
	return x*s - float64(ox), w[1]*s - float64(oy)
}

// LonLatAt returns the longitude/latitude under a position in the view and
// whether that position lies on the map (not above or below the world).
func (v View) LonLatAt(px, py float64) (orb.Point, bool) {
	w := v.PixelToWorld(px, py)
	return ToLonLat(w), w[1] >= 0 && w[1] <= 1
}

// PixelOf returns where a longitude/latitude appears in the view, on the
// copy of the world nearest the centre.
func (v View) PixelOf(ll orb.Point) (px, py float64) {
	return v.WorldToPixel(ToWorld(ll))
}

// Pan moves the map by dx, dy device pixels, the way dragging it would:
// a positive dx moves the map right, so the view looks further west.
func (v View) Pan(dx, dy float64) View {
	s := v.WorldSize()
	v.Center[0] -= dx / s
	v.Center[1] -= dy / s
	return v.Clamp()
}

// ZoomAround changes the zoom to z (snapped and clamped) while keeping the
// world point under the view position (px, py) where it is on the screen.
func (v View) ZoomAround(z, px, py float64) View {
	z = SnapZoom(z)
	if z == v.Zoom {
		return v
	}
	anchor := v.PixelToWorld(px, py)
	v.Zoom = z
	s := v.WorldSize()
	// After the zoom the anchor must be at (px, py) again.
	v.Center[0] = anchor[0] - (px-float64(v.Width)/2)/s
	v.Center[1] = anchor[1] - (py-float64(v.Height)/2)/s
	return v.Clamp()
}

// ZoomBy is ZoomAround by a relative amount around the centre of the view.
func (v View) ZoomBy(dz float64) View {
	return v.ZoomAround(v.Zoom+dz, float64(v.Width)/2, float64(v.Height)/2)
}

// Resize returns the view drawn into an area of w×h device pixels at the
// given scale, keeping its centre and zoom.
func (v View) Resize(w, h int, scale float64) View {
	if scale > 0 {
		v.Scale = scale
	}
	v.Width, v.Height = w, h
	return v.Clamp()
}

// Clamp keeps the view inside the world: the zoom within its limits, the
// poles no further in than the edges of the view when the world is taller
// than the view (and the world centred vertically when it is not), and x
// within one turn of the world so that it never drifts far.
func (v View) Clamp() View {
	if v.Scale <= 0 {
		v.Scale = 1
	}
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom))
	s := v.WorldSize()
	half := float64(v.Height) / 2 / s
	if half >= 0.5 {
		v.Center[1] = 0.5
	} else {
		v.Center[1] = math.Max(half, math.Min(1-half, v.Center[1]))
	}
	// Only wrap x when it leaves [-1, 2): small pans around the
	// antimeridian then keep the same tile numbers.
	if v.Center[0] < -1 || v.Center[0] >= 2 {
		v.Center[0] -= math.Floor(v.Center[0])
	}
	return v
}

// CenterLonLat returns the longitude/latitude at the centre of the view.
func (v View) CenterLonLat() orb.Point {
	return ToLonLat(v.Center)
}

// Bounds returns the longitude/latitude boxes the view shows: one box, or
// two when the view straddles the antimeridian, or the whole range of
// longitudes when the view is wider than the world.
func (v View) Bounds() []orb.Bound {
	tl := v.PixelToWorld(0, 0)
	br := v.PixelToWorld(float64(v.Width), float64(v.Height))
	top := ToLonLat(orb.Point{0, tl[1]})[1]
	bottom := ToLonLat(orb.Point{0, br[1]})[1]
	if br[0]-tl[0] >= 1 {
		return []orb.Bound{{Min: orb.Point{-180, bottom}, Max: orb.Point{180, top}}}
	}
	x0 := tl[0] - math.Floor(tl[0])
	x1 := x0 + (br[0] - tl[0])
	lon := func(x float64) float64 { return x*360 - 180 }
	if x1 <= 1 {
		return []orb.Bound{{Min: orb.Point{lon(x0), bottom}, Max: orb.Point{lon(x1), top}}}
	}
	return []orb.Bound{
		{Min: orb.Point{lon(x0), bottom}, Max: orb.Point{180, top}},
		{Min: orb.Point{-180, bottom}, Max: orb.Point{lon(x1 - 1), top}},
	}
}

// MetersPerPixel is the ground distance covered by one logical pixel at
// the given latitude.
func (v View) MetersPerPixel(lat float64) float64 {
	return earthCircumference * math.Cos(lat*math.Pi/180) / (TileSize * math.Exp2(v.Zoom))
}

// Tile is one standard web map tile: column X and row Y (from the top left)
// at zoom Z, as XYZ tile sources number them.
type Tile struct {
	X, Y, Z uint32
}

// XYZTiles lists the standard web map tiles (256 px, integer zoom) that
// cover the view at the integer zoom nearest to the view's, with x wrapped
// into range. It is what an XYZ tile source is asked for.
func (v View) XYZTiles() []Tile {
	z := uint32(math.Max(0, math.Round(v.Zoom)))
	n := 1 << uint(z)
	tl := v.PixelToWorld(0, 0)
	br := v.PixelToWorld(float64(v.Width), float64(v.Height))
	x0, x1 := int(math.Floor(tl[0]*float64(n))), int(math.Ceil(br[0]*float64(n)))-1
	y0 := max(0, int(math.Floor(tl[1]*float64(n))))
	y1 := min(n-1, int(math.Ceil(br[1]*float64(n)))-1)
	if x1-x0 >= n {
		x0, x1 = 0, n-1
	}
	var tiles []Tile
	seen := make(map[Tile]bool)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			t := Tile{X: uint32(((x % n) + n) % n), Y: uint32(y), Z: z}
			if !seen[t] {
				seen[t] = true
				tiles = append(tiles, t)
			}
		}
	}
	return tiles
}
