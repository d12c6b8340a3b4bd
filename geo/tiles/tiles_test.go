package tiles

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"eventmap/geo/viewport"
)

// tileServer serves 256 px tiles filled with a colour made of z, x and y,
// on the loopback interface.
func tileServer(t *testing.T, requests *atomic.Int32, agent *atomic.Value) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		agent.Store(r.Header.Get("User-Agent"))
		var z, x, y int
		if _, err := fmt.Sscanf(r.URL.Path, "/%d/%d/%d.png", &z, &x, &y); err != nil {
			http.NotFound(w, r)
			return
		}
		if z == 9 {
			w.Write([]byte("not a png"))
			return
		}
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		c := color.RGBA{uint8(z * 40), uint8(x * 30), uint8(y * 20), 255}
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
		png.Encode(w, img)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestValidateAndURL(t *testing.T) {
	cases := []struct {
		url  string
		want error
	}{
		{"https://{s}.tile.example.org/{z}/{x}/{y}.png", nil},
		{"https://tile.example.org/{z}/{x}.png", ErrNoTemplate},
		{"ftp://tile.example.org/{z}/{x}/{y}.png", ErrScheme},
		{"{z}/{x}/{y}", ErrScheme},
	}
	for _, c := range cases {
		if err := (Source{URL: c.url}).Validate(); !errors.Is(err, c.want) {
			t.Errorf("%q: %v, want %v", c.url, err, c.want)
		}
	}
	s := Source{URL: "https://{s}.example.org/{z}/{x}/{y}.png"}
	if got := s.TileURL(viewport.Tile{X: 3, Y: 5, Z: 4}); got != "https://c.example.org/4/3/5.png" {
		t.Errorf("TileURL %q", got)
	}
}

func TestFetchDrawAndCache(t *testing.T) {
	var requests atomic.Int32
	var agent atomic.Value
	srv := tileServer(t, &requests, &agent)
	cache := t.TempDir()
	arrived := make(chan struct{}, 64)
	src := Source{URL: srv.URL + "/{z}/{x}/{y}.png", UserAgent: "eventmap-test/1", CacheDir: cache}
	f, err := NewFetcher(src, nil, func() { arrived <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// A 256×256 view of the world at zoom 1 needs the four zoom-1 tiles.
	v := viewport.New(orb.Point{0, 0}, 1, 512, 512, 1)
	dst := image.NewRGBA(image.Rect(0, 0, 512, 512))
	if f.Draw(dst, v) {
		t.Fatal("tiles drawn before they were fetched")
	}
	for range 4 {
		select {
		case <-arrived:
		case <-time.After(10 * time.Second):
			t.Fatal("tiles did not arrive")
		}
	}
	if !f.Draw(dst, v) {
		t.Fatal("tiles missing after they arrived")
	}
	// Tile (1,1) at zoom 1 is the bottom right quarter.
	if got, want := dst.RGBAAt(400, 400), (color.RGBA{40, 30, 20, 255}); got != want {
		t.Errorf("bottom right pixel %v, want %v", got, want)
	}
	if agent.Load() != "eventmap-test/1" {
		t.Errorf("User-Agent %q", agent.Load())
	}
	// A second fetcher on the same cache needs no network.
	before := requests.Load()
	g, _ := NewFetcher(src, nil, func() { arrived <- struct{}{} })
	defer g.Close()
	g.Draw(dst, v)
	for range 4 {
		<-arrived
	}
	if requests.Load() != before {
		t.Errorf("%d requests although the tiles were cached", requests.Load()-before)
	}
}

func TestFetchErrors(t *testing.T) {
	var requests atomic.Int32
	var agent atomic.Value
	srv := tileServer(t, &requests, &agent)
	cases := []struct {
		name, url, want string
	}{
		{"not found", srv.URL + "/x{z}/{x}/{y}.png", "404"},
		{"not an image", srv.URL + "/{z}/{x}/{y}.png", "not an image"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := NewFetcher(Source{URL: c.url}, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			tile := viewport.Tile{X: 0, Y: 0, Z: 9}
			f.fetch(tile) // what Tile starts in the background, here in the test's goroutine
			if err := f.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
			// A failed tile is not asked for again at once.
			n := requests.Load()
			if f.Tile(tile) != nil || requests.Load() != n {
				t.Errorf("failed tile fetched again")
			}
		})
	}
}

func TestOversizeRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte{0}, maxTileBytes+10))
	}))
	defer srv.Close()
	f, _ := NewFetcher(Source{URL: srv.URL + "/{z}/{x}/{y}"}, nil, nil)
	defer f.Close()
	if _, err := f.load(viewport.Tile{X: 0, Y: 0, Z: 0}); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("error %v", err)
	}
}

func TestPrefetch(t *testing.T) {
	var requests atomic.Int32
	var agent atomic.Value
	srv := tileServer(t, &requests, &agent)
	f, _ := NewFetcher(Source{URL: srv.URL + "/{z}/{x}/{y}.png"}, nil, nil)
	defer f.Close()
	v := viewport.New(orb.Point{180, 0}, 2, 600, 400, 1) // across the antimeridian
	if err := f.Prefetch(v); err != nil {
		t.Fatal(err)
	}
	dst := image.NewRGBA(image.Rect(0, 0, 600, 400))
	if !f.Draw(dst, v) {
		t.Error("tiles missing after Prefetch")
	}
}
