package basemap

import (
	"container/list"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"

	"eventmap/geo/viewport"
)

// Style is the look of the basemap.
type Style struct {
	// Background fills what lies beyond the world (above and below it
	// when the world is smaller than the view).
	Background color.NRGBA
	Sea        color.NRGBA
	Land       color.NRGBA
	Border     color.NRGBA
	Coast      color.NRGBA
	// BorderWidth and CoastWidth are line widths in logical pixels.
	BorderWidth float32
	CoastWidth  float32
}

// LightStyle is the basemap for a light theme: pale sea, warm land.
func LightStyle() Style {
	return Style{
		Background:  color.NRGBA{0xe4, 0xe7, 0xeb, 0xff},
		Sea:         color.NRGBA{0xc6, 0xdc, 0xee, 0xff},
		Land:        color.NRGBA{0xf5, 0xf2, 0xea, 0xff},
		Border:      color.NRGBA{0xa8, 0x9a, 0xb0, 0xff},
		Coast:       color.NRGBA{0x7f, 0xa3, 0xc4, 0xff},
		BorderWidth: 0.8,
		CoastWidth:  0.9,
	}
}

// DarkStyle is the basemap for a dark theme: deep sea, slate land.
func DarkStyle() Style {
	return Style{
		Background:  color.NRGBA{0x14, 0x16, 0x1a, 0xff},
		Sea:         color.NRGBA{0x17, 0x22, 0x30, 0xff},
		Land:        color.NRGBA{0x2e, 0x33, 0x3b, 0xff},
		Border:      color.NRGBA{0x5c, 0x63, 0x70, 0xff},
		Coast:       color.NRGBA{0x3f, 0x5f, 0x80, 0xff},
		BorderWidth: 0.8,
		CoastWidth:  0.9,
	}
}

// DefaultCacheTiles is the number of tiles a Renderer keeps by default:
// about 64 MB, several screens of a 1280×800 view.
const DefaultCacheTiles = 256

// Renderer draws views of an Atlas. It caches the tiles it rasterises, so
// that panning only draws the tiles that come into view; tiles missing from
// a view are drawn in parallel. A Renderer is safe for concurrent use.
type Renderer struct {
	atlas   *Atlas
	workers int

	mu    sync.Mutex
	cache *tileCache
	pool  sync.Pool // *vector.Rasterizer
}

// NewRenderer returns a renderer for the atlas that caches up to
// cacheTiles tiles (DefaultCacheTiles when cacheTiles ≤ 0).
func NewRenderer(a *Atlas, cacheTiles int) *Renderer {
	if cacheTiles <= 0 {
		cacheTiles = DefaultCacheTiles
	}
	r := &Renderer{atlas: a, workers: runtime.GOMAXPROCS(0), cache: newTileCache(cacheTiles)}
	r.pool.New = func() any { return vector.NewRasterizer(viewport.TileSize, viewport.TileSize) }
	return r
}

// tileKey names a tile: the scale of the world it belongs to, its place in
// the (unwrapped) tile grid of that world, and how it is drawn.
type tileKey struct {
	world  uint64 // math.Float64bits of the world size in device pixels
	tx, ty int
	scale  float64
	style  Style
}

// Render draws the view into dst, whose bounds must be the view's
// Width×Height from the origin.
func (r *Renderer) Render(dst *image.RGBA, v viewport.View, st Style) {
	const T = viewport.TileSize
	W := v.WorldSize()
	ox, oy := v.Origin()
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	rows := int(math.Ceil(W / T)) // tile rows in the world

	tx0, tx1 := floorDiv(ox, T), floorDiv(ox+w-1, T)
	ty0, ty1 := max(0, floorDiv(oy, T)), min(rows-1, floorDiv(oy+h-1, T))

	// Beyond the world, above and below it.
	bg := image.NewUniform(st.Background)
	if top := -oy; top > 0 {
		draw.Draw(dst, image.Rect(0, 0, w, min(top, h)), bg, image.Point{}, draw.Src)
	}
	if bottom := int(math.Ceil(W)) - oy; bottom < h {
		draw.Draw(dst, image.Rect(0, max(0, bottom), w, h), bg, image.Point{}, draw.Src)
	}
	if ty0 > ty1 {
		return
	}

	var keys []tileKey
	for ty := ty0; ty <= ty1; ty++ {
		for tx := tx0; tx <= tx1; tx++ {
			keys = append(keys, tileKey{world: math.Float64bits(W), tx: tx, ty: ty, scale: v.Scale, style: st})
		}
	}
	tiles := r.tiles(keys)
	for i, k := range keys {
		at := image.Pt(k.tx*T-ox, k.ty*T-oy)
		rect := image.Rectangle{Min: at, Max: at.Add(image.Pt(T, T))}.Intersect(dst.Rect)
		if tiles[i] == nil || rect.Empty() {
			continue
		}
		draw.Draw(dst, rect, tiles[i], rect.Min.Sub(at), draw.Src)
	}
}

// Warm draws into the cache the tiles of a view that are not there yet,
// without composing the view: run it off the UI goroutine for the views
// the user is likely to go to next (a zoom step away), so that going there
// costs a copy rather than drawing.
func (r *Renderer) Warm(v viewport.View, st Style) {
	const T = viewport.TileSize
	W := v.WorldSize()
	ox, oy := v.Origin()
	rows := int(math.Ceil(W / T))
	var keys []tileKey
	for ty := max(0, floorDiv(oy, T)); ty <= min(rows-1, floorDiv(oy+v.Height-1, T)); ty++ {
		for tx := floorDiv(ox, T); tx <= floorDiv(ox+v.Width-1, T); tx++ {
			keys = append(keys, tileKey{world: math.Float64bits(W), tx: tx, ty: ty, scale: v.Scale, style: st})
		}
	}
	r.tiles(keys)
}

// tiles returns the tiles for the keys, from the cache or freshly drawn.
func (r *Renderer) tiles(keys []tileKey) []*image.RGBA {
	out := make([]*image.RGBA, len(keys))
	var missing []int
	r.mu.Lock()
	for i, k := range keys {
		if t, ok := r.cache.get(k); ok {
			out[i] = t
		} else {
			missing = append(missing, i)
		}
	}
	r.mu.Unlock()
	if len(missing) == 0 {
		return out
	}
	var wg sync.WaitGroup
	next := make(chan int, len(missing))
	for _, i := range missing {
		next <- i
	}
	close(next)
	for range min(r.workers, len(missing)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ras := r.pool.Get().(*vector.Rasterizer)
			defer r.pool.Put(ras)
			for i := range next {
				out[i] = r.drawTile(ras, keys[i])
			}
		}()
	}
	wg.Wait()
	r.mu.Lock()
	for _, i := range missing {
		r.cache.put(keys[i], out[i])
	}
	r.mu.Unlock()
	return out
}

// CachedTiles reports how many tiles the renderer holds.
func (r *Renderer) CachedTiles() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cache.ll.Len()
}

// Purge empties the tile cache.
func (r *Renderer) Purge() {
	r.mu.Lock()
	r.cache = newTileCache(r.cache.max)
	r.mu.Unlock()
}

// drawTile rasterises one tile.
func (r *Renderer) drawTile(ras *vector.Rasterizer, k tileKey) *image.RGBA {
	const T = viewport.TileSize
	W := math.Float64frombits(k.world)
	img := image.NewRGBA(image.Rect(0, 0, T, T))
	x0, y0 := float64(k.tx*T), float64(k.ty*T)
	sea := k.style.Sea
	draw.Draw(img, img.Rect, image.NewUniform(sea), image.Point{}, draw.Src)
	if below := int(math.Ceil(W - y0)); below < T {
		draw.Draw(img, image.Rect(0, max(0, below), T, T), image.NewUniform(k.style.Background), image.Point{}, draw.Src)
	}
	ly := r.atlas.layerFor(math.Log2(W / T))

	// The copies of the world (x shifted by whole turns) this tile may
	// see; outlines that cross the antimeridian reach into the next copy.
	first, last := int(math.Floor(x0/W))-1, int(math.Floor((x0+T)/W))+1
	type pass struct {
		shapes []shape
		fill   bool
		width  float32
		col    color.NRGBA
	}
	passes := []pass{
		{ly.land, true, 0, k.style.Land},
		{ly.borders, false, k.style.BorderWidth * float32(k.scale), k.style.Border},
		{ly.coast, false, k.style.CoastWidth * float32(k.scale), k.style.Coast},
	}
	for _, p := range passes {
		ras.Reset(T, T)
		drawn := false
		margin := float64(p.width) + 2
		for c := first; c <= last; c++ {
			t := transform{scale: W, dx: float64(c)*W - x0, dy: -y0, w: T, h: T}
			for i := range p.shapes {
				s := &p.shapes[i]
				if !t.touches(s, margin) {
					continue
				}
				if p.fill {
					fillRing(ras, s.pts, t, margin)
				} else {
					strokeLine(ras, s.pts, t, p.width/2, margin)
				}
				drawn = true
			}
		}
		if drawn {
			ras.Draw(img, img.Rect, image.NewUniform(p.col), image.Point{})
		}
	}
	return img
}

// transform maps world units to the pixels of a w×h target (a tile, or
// a view).
type transform struct{ scale, dx, dy, w, h float64 }

func (t transform) apply(x, y float64) (float32, float32) {
	return float32(x*t.scale + t.dx), float32(y*t.scale + t.dy)
}

// touches tells whether a shape's box, mapped to the target, comes within
// margin pixels of it.
func (t transform) touches(s *shape, margin float64) bool {
	return s.b.Max[0]*t.scale+t.dx >= -margin && s.b.Min[0]*t.scale+t.dx <= t.w+margin &&
		s.b.Max[1]*t.scale+t.dy >= -margin && s.b.Min[1]*t.scale+t.dy <= t.h+margin
}

// Out codes: on which sides of the target (grown by a margin) a point lies.
const (
	outLeft = 1 << iota
	outRight
	outTop
	outBottom
)

func outcode(x, y float32, margin float32, t transform) int {
	c := 0
	if x < -margin {
		c |= outLeft
	} else if x > float32(t.w)+margin {
		c |= outRight
	}
	if y < -margin {
		c |= outTop
	} else if y > float32(t.h)+margin {
		c |= outBottom
	}
	return c
}

// fillRing adds a closed ring to the rasteriser. Runs of points that all
// lie beyond the same side of the tile are replaced by their first and
// last points: the segment between them stays on that side, and the
// winding it contributes to every pixel of the tile is the same as the
// run's, so the fill is unchanged while far-away detail costs nothing.
func fillRing(ras *vector.Rasterizer, pts orb.LineString, t transform, margin float64) {
	if len(pts) < 3 {
		return
	}
	m := float32(margin)
	x, y := t.apply(pts[0][0], pts[0][1])
	ras.MoveTo(x, y)
	run := outcode(x, y, m, t)
	var px, py float32
	pending := false
	for _, p := range pts[1:] {
		x, y := t.apply(p[0], p[1])
		c := outcode(x, y, m, t)
		if run&c != 0 {
			run &= c
			px, py, pending = x, y, true
			continue
		}
		if pending {
			ras.LineTo(px, py)
			pending = false
		}
		ras.LineTo(x, y)
		run = c
	}
	if pending {
		ras.LineTo(px, py)
	}
	ras.ClosePath()
}

// strokeLine adds a polyline of the given half width as one quad per
// segment, each grown by the half width at both ends so that joins close.
// Every quad winds the same way, so overlaps add up rather than cancel.
// Segments shorter than a third of a pixel are merged into the next one.
func strokeLine(ras *vector.Rasterizer, pts orb.LineString, t transform, hw float32, margin float64) {
	if len(pts) < 2 {
		return
	}
	m := float32(margin)
	ax, ay := t.apply(pts[0][0], pts[0][1])
	for i := 1; i < len(pts); i++ {
		bx, by := t.apply(pts[i][0], pts[i][1])
		dx, dy := bx-ax, by-ay
		l2 := dx*dx + dy*dy
		if l2 < 1.0/9 && i < len(pts)-1 {
			continue
		}
		if outcode(ax, ay, m, t)&outcode(bx, by, m, t) != 0 || l2 == 0 {
			ax, ay = bx, by
			continue
		}
		l := float32(math.Sqrt(float64(l2)))
		ux, uy := dx/l*hw, dy/l*hw // along the segment
		nx, ny := -uy, ux          // across it
		sx, sy := ax-ux, ay-uy
		ex, ey := bx+ux, by+uy
		ras.MoveTo(sx+nx, sy+ny)
		ras.LineTo(ex+nx, ey+ny)
		ras.LineTo(ex-nx, ey-ny)
		ras.LineTo(sx-nx, sy-ny)
		ras.ClosePath()
		ax, ay = bx, by
	}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// tileCache is a least-recently-used cache of drawn tiles.
type tileCache struct {
	max   int
	ll    *list.List
	items map[tileKey]*list.Element
}

type cacheEntry struct {
	key tileKey
	img *image.RGBA
}

func newTileCache(max int) *tileCache {
	return &tileCache{max: max, ll: list.New(), items: make(map[tileKey]*list.Element)}
}

func (c *tileCache) get(k tileKey) (*image.RGBA, bool) {
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry).img, true
	}
	return nil, false
}

func (c *tileCache) put(k tileKey, img *image.RGBA) {
	if e, ok := c.items[k]; ok {
		e.Value.(*cacheEntry).img = img
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&cacheEntry{k, img})
	for c.ll.Len() > c.max {
		e := c.ll.Back()
		c.ll.Remove(e)
		delete(c.items, e.Value.(*cacheEntry).key)
	}
}
