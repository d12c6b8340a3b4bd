package app

import (
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

// greenTiles serves plain green 256 px tiles on the loopback interface.
func greenTiles(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i+1], img.Pix[i+3] = 0xc0, 0xff
		}
		png.Encode(w, img)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestOnlineTiles(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	if mw.tileSettings().Enabled || mw.tiles != nil {
		t.Fatal("online tiles are on by default")
	}
	srv := greenTiles(t)
	bad := []TileSettings{
		{Enabled: true, URL: "https://tile.example.org/{z}/{x}.png", UserAgent: "x"},
		{Enabled: true, URL: srv.URL + "/{z}/{x}/{y}.png", UserAgent: ""},
	}
	for _, s := range bad {
		if err := mw.saveTileSettings(s); err == nil {
			t.Errorf("settings %+v accepted", s)
		}
	}
	s := TileSettings{Enabled: true, URL: srv.URL + "/{z}/{x}/{y}.png", UserAgent: "eventmap-test", CacheDir: filepath.Join(t.TempDir(), "tiles"), Attribution: "© Test Tiles"}
	if err := mw.saveTileSettings(s); err != nil {
		t.Fatal(err)
	}
	if got := mw.tileSettings(); got != s {
		t.Errorf("settings read back %+v", got)
	}
	win := test.NewTempWindow(t, mw.Map)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(400, 300))
	mw.Map.SetView(orb.Point{10, 20}, 3)
	if err := mw.tiles.Prefetch(mw.Map.View()); err != nil {
		t.Fatal(err)
	}
	img := win.Canvas().Capture()
	if r, g, b, _ := img.At(200, 150).RGBA(); !(g > 0xb000 && r < 0x2000 && b < 0x2000) {
		t.Errorf("map centre %x %x %x, want the tiles' green", r>>8, g>>8, b>>8)
	}
	markup := test.RenderObjectToMarkup(mw.Map)
	if !strings.Contains(markup, "Natural Earth · © Test Tiles") {
		t.Errorf("attribution not shown")
	}
	// Off again: the basemap is back.
	s.Enabled = false
	if err := mw.saveTileSettings(s); err != nil {
		t.Fatal(err)
	}
	img = win.Canvas().Capture()
	if c := color.RGBAModel.Convert(img.At(200, 150)).(color.RGBA); c.G == 0xc0 && c.R == 0 {
		t.Errorf("tiles still drawn: %v", c)
	}
}
