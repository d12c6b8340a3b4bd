// Package tiles fetches raster map tiles from an online XYZ tile source
// (a URL template such as "https://tile.example.org/{z}/{x}/{y}.png"),
// keeps them in a disk cache and in memory, and draws the ones a view needs
// over the offline basemap. Fetching happens in the background; a view
// draws what it has and is told when more arrives.
package tiles

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // tile servers send JPEG as well as PNG
	_ "image/png"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/draw"

	"eventmap/geo/viewport"
)

// Source describes an online tile source.
type Source struct {
	// URL is the template: {z}, {x} and {y} are replaced by the tile's
	// zoom and column and row; {s} by a, b or c.
	URL string
	// UserAgent is sent with every request; tile servers ask for one that
	// names the application.
	UserAgent string
	// CacheDir keeps fetched tiles on disk ("" keeps them in memory only).
	CacheDir string
	// MaxAge is how long a cached tile is used before it is fetched again
	// (0: 30 days).
	MaxAge time.Duration
	// Attribution is the credit the source asks to be shown on the map.
	Attribution string
}

// Errors of Validate.
var (
	ErrNoTemplate = errors.New("tiles: the URL needs {z}, {x} and {y}")
	ErrScheme     = errors.New("tiles: the URL must start with http:// or https://")
)

// Validate checks the URL template.
func (s Source) Validate() error {
	for _, k := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(s.URL, k) {
			return ErrNoTemplate
		}
	}
	u, err := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0", "{s}", "a").Replace(s.URL))
	if err != nil {
		return fmt.Errorf("tiles: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ErrScheme
	}
	return nil
}

// TileURL is the URL of one tile.
func (s Source) TileURL(t viewport.Tile) string {
	sub := string("abc"[(t.X+t.Y)%3])
	return strings.NewReplacer(
		"{z}", strconv.Itoa(int(t.Z)), "{x}", strconv.Itoa(int(t.X)), "{y}", strconv.Itoa(int(t.Y)), "{s}", sub,
	).Replace(s.URL)
}

// Fetcher gets tiles for views. It is safe for concurrent use.
type Fetcher struct {
	src    Source
	client *http.Client
	// OnTile, when set, is called (from a background goroutine) whenever
	// a tile has arrived, so that the view can be drawn again.
	onTile func()

	mu       sync.Mutex
	mem      map[viewport.Tile]*list.Element // decoded tiles, least recently used last
	lru      *list.List
	pending  map[viewport.Tile]bool
	failed   map[viewport.Tile]time.Time
	lastErr  error
	sem      chan struct{}
	ctx      context.Context
	cancel   context.CancelFunc
	maxTiles int
}

type memTile struct {
	t   viewport.Tile
	img image.Image
}

// NewFetcher returns a fetcher for a valid source. onTile may be nil.
func NewFetcher(src Source, client *http.Client, onTile func()) (*Fetcher, error) {
	if err := src.Validate(); err != nil {
		return nil, err
	}
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	if src.MaxAge <= 0 {
		src.MaxAge = 30 * 24 * time.Hour
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Fetcher{
		src: src, client: client, onTile: onTile,
		mem: make(map[viewport.Tile]*list.Element), lru: list.New(),
		pending: make(map[viewport.Tile]bool), failed: make(map[viewport.Tile]time.Time),
		sem: make(chan struct{}, 4), ctx: ctx, cancel: cancel, maxTiles: 512,
	}, nil
}

// Close stops fetching.
func (f *Fetcher) Close() { f.cancel() }

// Source returns the source the fetcher reads.
func (f *Fetcher) Source() Source { return f.src }

// Err returns the last fetch error, or nil.
func (f *Fetcher) Err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lastErr
}

// retryAfter is how long a tile that failed is left alone.
const retryAfter = time.Minute

// Tile returns a tile if it is in memory; otherwise it starts fetching it
// (from the disk cache or the network) and returns nil.
func (f *Fetcher) Tile(t viewport.Tile) image.Image {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.mem[t]; ok {
		f.lru.MoveToFront(e)
		return e.Value.(*memTile).img
	}
	if f.pending[t] || time.Since(f.failed[t]) < retryAfter {
		return nil
	}
	f.pending[t] = true
	go f.fetch(t)
	return nil
}

func (f *Fetcher) fetch(t viewport.Tile) {
	img, err := f.load(t)
	f.mu.Lock()
	delete(f.pending, t)
	if err != nil {
		if f.ctx.Err() == nil {
			f.failed[t] = time.Now()
			f.lastErr = err
		}
		f.mu.Unlock()
		return
	}
	delete(f.failed, t)
	f.mem[t] = f.lru.PushFront(&memTile{t, img})
	for f.lru.Len() > f.maxTiles {
		e := f.lru.Back()
		f.lru.Remove(e)
		delete(f.mem, e.Value.(*memTile).t)
	}
	f.mu.Unlock()
	if f.onTile != nil {
		f.onTile()
	}
}

// maxTileBytes refuses absurd responses.
const maxTileBytes = 4 << 20

// load reads a tile from the disk cache when fresh, else from the network
// (then caching it).
func (f *Fetcher) load(t viewport.Tile) (image.Image, error) {
	path := f.cachePath(t)
	if path != "" {
		if st, err := os.Stat(path); err == nil && time.Since(st.ModTime()) < f.src.MaxAge {
			if b, err := os.ReadFile(path); err == nil {
				if img, _, err := image.Decode(bytes.NewReader(b)); err == nil {
					return img, nil
				}
			}
		}
	}
	select {
	case f.sem <- struct{}{}:
	case <-f.ctx.Done():
		return nil, f.ctx.Err()
	}
	defer func() { <-f.sem }()
	u := f.src.TileURL(t)
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", u, err)
	}
	if f.src.UserAgent != "" {
		req.Header.Set("User-Agent", f.src.UserAgent)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("tiles: %s: %s", u, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxTileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", u, err)
	}
	if len(b) > maxTileBytes {
		return nil, fmt.Errorf("tiles: %s: larger than %d bytes", u, maxTileBytes)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("tiles: %s: not an image: %w", u, err)
	}
	if path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			tmp := path + ".tmp"
			if os.WriteFile(tmp, b, 0o644) == nil {
				os.Rename(tmp, path)
			}
		}
	}
	return img, nil
}

// cachePath is where a tile is kept on disk: a folder per source (a hash
// of its template), then z/x/y.
func (f *Fetcher) cachePath(t viewport.Tile) string {
	if f.src.CacheDir == "" {
		return ""
	}
	h := sha256.Sum256([]byte(f.src.URL))
	return filepath.Join(f.src.CacheDir, hex.EncodeToString(h[:6]),
		strconv.Itoa(int(t.Z)), strconv.Itoa(int(t.X)), strconv.Itoa(int(t.Y)))
}

// Prefetch loads the tiles a view needs now, in the calling goroutine, so
// that the next Draw has them all (for pictures made without a window).
// It returns the first error.
func (f *Fetcher) Prefetch(v viewport.View) error {
	var first error
	for _, t := range viewTiles(v) {
		f.mu.Lock()
		_, ok := f.mem[t]
		f.mu.Unlock()
		if ok {
			continue
		}
		img, err := f.load(t)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		f.mu.Lock()
		f.mem[t] = f.lru.PushFront(&memTile{t, img})
		f.mu.Unlock()
	}
	return first
}

// viewTiles lists the tiles (x wrapped) a view needs at the integer zoom
// nearest its own.
func viewTiles(v viewport.View) []viewport.Tile {
	var out []viewport.Tile
	z := math.Max(0, math.Round(v.Zoom))
	n := math.Exp2(z)
	tl := v.PixelToWorld(0, 0)
	br := v.PixelToWorld(float64(v.Width), float64(v.Height))
	seen := make(map[viewport.Tile]bool)
	for ty := max(0, int(math.Floor(tl[1]*n))); ty <= min(int(n)-1, int(math.Floor(br[1]*n))); ty++ {
		for tx := int(math.Floor(tl[0] * n)); tx <= int(math.Floor(br[0]*n)); tx++ {
			wrapped := ((tx % int(n)) + int(n)) % int(n)
			t := viewport.Tile{X: uint32(wrapped), Y: uint32(ty), Z: uint32(z)}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Draw paints the tiles of the view that are at hand into dst (the view's
// size), scaled from the integer zoom nearest the view's, and asks for the
// missing ones. It reports whether every tile was there.
func (f *Fetcher) Draw(dst *image.RGBA, v viewport.View) bool {
	complete := true
	z := math.Max(0, math.Round(v.Zoom))
	n := math.Exp2(z)
	size := v.WorldSize() / n // one tile in device pixels
	ox, oy := v.Origin()
	tl := v.PixelToWorld(0, 0)
	br := v.PixelToWorld(float64(v.Width), float64(v.Height))
	for ty := max(0, int(math.Floor(tl[1]*n))); ty <= min(int(n)-1, int(math.Floor(br[1]*n))); ty++ {
		for tx := int(math.Floor(tl[0] * n)); tx <= int(math.Floor(br[0]*n)); tx++ {
			wrapped := ((tx % int(n)) + int(n)) % int(n)
			img := f.Tile(viewport.Tile{X: uint32(wrapped), Y: uint32(ty), Z: uint32(z)})
			if img == nil {
				complete = false
				continue
			}
			x0 := int(math.Round(float64(tx)*size)) - ox
			y0 := int(math.Round(float64(ty)*size)) - oy
			x1 := int(math.Round(float64(tx+1)*size)) - ox
			y1 := int(math.Round(float64(ty+1)*size)) - oy
			draw.ApproxBiLinear.Scale(dst, image.Rect(x0, y0, x1, y1), img, img.Bounds(), draw.Src, nil)
		}
	}
	return complete
}
