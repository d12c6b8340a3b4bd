package mapwidget

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"eventmap/geo/basemap"
	"eventmap/geo/viewport"
)

// Interfaces the map view implements.
var (
	_ fyne.Widget         = (*MapView)(nil)
	_ fyne.Draggable      = (*MapView)(nil)
	_ fyne.Scrollable     = (*MapView)(nil)
	_ fyne.DoubleTappable = (*MapView)(nil)
	_ fyne.Tappable       = (*MapView)(nil)
	_ fyne.Focusable      = (*MapView)(nil)
	_ desktop.Hoverable   = (*MapView)(nil)
)

// Home is where the map opens: the whole world, centred a little north so
// that the inhabited latitudes fill the view.
var homeCenter = orb.Point{15, 25}

const homeZoom = 2.0

// Zoom steps of the map's controls.
const (
	keyZoomStep    = 1.0      // +/− keys and buttons
	scrollZoomUnit = 1.0 / 50 // zoom per unit of scroll: a wheel notch (25 on Linux and Windows) is half a level
	keyPanFraction = 0.2      // arrow keys pan by this part of the view
)

// MapView is the interactive world map: drag to pan, scroll or use the
// +/− buttons and keys to zoom around the cursor, double-click to zoom in,
// arrows to pan. It draws the offline basemap with a scale bar, and reports
// the longitude/latitude under the pointer through OnPointer.
//
// All methods must be called on the Fyne UI goroutine.
type MapView struct {
	widget.BaseWidget

	// OnPointer is called as the pointer moves over the map with the
	// longitude/latitude under it; ok is false when the pointer is off
	// the world or has left the map.
	OnPointer func(ll orb.Point, ok bool)
	// OnViewChanged is called after the view has been panned or zoomed.
	OnViewChanged func(v viewport.View)
	// OnFrame is called after each frame of the map is drawn.
	OnFrame func()
	// OnHover is called as the pointer moves over the map, with its
	// position in device pixels of the view.
	OnHover func(px, py float64)
	// OnTap is called when the map is tapped, with the position in device
	// pixels of the view.
	OnTap func(px, py float64)
	// OnKey is called with the keys the focused map does not use (such as
	// space), so that the window's own keys work after a click on the map.
	OnKey func(ev *fyne.KeyEvent)

	warmGen     atomic.Int64 // bumped by every view change: stale warming stops
	overlays    []Overlay
	tileLayer   Overlay // an online tile source, drawn under the overlays
	attribution string  // its credit, shown after Natural Earth's
	tip         *mapTip

	renderer *basemap.Renderer
	view     viewport.View // Width/Height in device pixels
	size     fyne.Size     // logical size the view was last laid out at
	scroll   float64       // scroll zoom not yet applied (below one step)
	focused  bool
	buffers  [2]*image.RGBA
	frame    int
	// placeControls moves the scale bar clear of what the overlays drew;
	// set by the renderer.
	placeControls func()
	// controls returns the rectangles the controls cover, in device
	// pixels; set by the renderer.
	controls func(scale float64) []image.Rectangle
}

// NewMapView returns a map drawing with the given renderer, showing the
// whole world.
func NewMapView(r *basemap.Renderer) *MapView {
	m := &MapView{renderer: r, view: viewport.New(homeCenter, homeZoom, 1, 1, 1)}
	m.ExtendBaseWidget(m)
	return m
}

// View returns what the map shows now.
func (m *MapView) View() viewport.View { return m.view }

// SetView centres the map on a longitude/latitude at a zoom.
func (m *MapView) SetView(center orb.Point, zoom float64) {
	v := viewport.New(center, zoom, m.view.Width, m.view.Height, m.view.Scale)
	m.setView(v)
}

// ResetView shows the whole world again.
func (m *MapView) ResetView() { m.SetView(homeCenter, homeZoom) }

// ZoomIn zooms in one step around the centre of the map.
func (m *MapView) ZoomIn() { m.setView(m.view.ZoomBy(keyZoomStep)) }

// ZoomOut zooms out one step around the centre of the map.
func (m *MapView) ZoomOut() { m.setView(m.view.ZoomBy(-keyZoomStep)) }

// Pan moves the map by dx, dy logical pixels, as a drag would.
func (m *MapView) Pan(dx, dy float32) {
	s := m.view.Scale
	m.setView(m.view.Pan(float64(dx)*s, float64(dy)*s))
}

func (m *MapView) setView(v viewport.View) {
	v = fillWidth(v)
	if v == m.view {
		return
	}
	m.view = v
	m.HideTip() // what it named has moved from under the pointer
	m.Refresh()
	m.warmAround(v)
	if m.OnViewChanged != nil {
		m.OnViewChanged(v)
	}
}

// warmDelay is how long the view must stay put before the next zoom
// steps are warmed.
const warmDelay = 120 * time.Millisecond

// warmAround draws, in the background, the tiles of the views one zoom
// step in and out of v, so that zooming does not wait for them. A newer
// view change stops it.
func (m *MapView) warmAround(v viewport.View) {
	gen := m.warmGen.Add(1)
	st := m.Style()
	r := m.renderer
	go func() {
		// Only once the view has settled: not for every step of a drag.
		time.Sleep(warmDelay)
		for _, dz := range []float64{0.5, -0.5, 1, -1} {
			if m.warmGen.Load() != gen {
				return
			}
			r.Warm(v.ZoomBy(dz), st)
		}
	}()
}

// fillWidth zooms v in, around its centre, until one world is at least as
// wide as the view: the world is never shown side by side with its copies
// (where events would be drawn on one of them only).
func fillWidth(v viewport.View) viewport.View {
	if v.Width <= 0 {
		return v
	}
	least := math.Log2(float64(v.Width) / (viewport.TileSize * v.Scale))
	least = math.Ceil(least/viewport.ZoomStep) * viewport.ZoomStep
	if v.Zoom >= least {
		return v
	}
	return v.ZoomBy(least - v.Zoom)
}

// devicePos converts a position in the widget to device pixels.
func (m *MapView) devicePos(p fyne.Position) (float64, float64) {
	return float64(p.X) * m.view.Scale, float64(p.Y) * m.view.Scale
}

// Dragged pans the map with the pointer.
func (m *MapView) Dragged(ev *fyne.DragEvent) { m.Pan(ev.Dragged.DX, ev.Dragged.DY) }

// DragEnd ends a pan.
func (m *MapView) DragEnd() {}

// Scrolled zooms around the pointer: up (away from the user) zooms in.
func (m *MapView) Scrolled(ev *fyne.ScrollEvent) {
	m.scroll += float64(ev.Scrolled.DY) * scrollZoomUnit
	steps := math.Trunc(m.scroll / viewport.ZoomStep)
	if steps == 0 {
		return
	}
	m.scroll -= steps * viewport.ZoomStep
	px, py := m.devicePos(ev.Position)
	m.setView(m.view.ZoomAround(m.view.Zoom+steps*viewport.ZoomStep, px, py))
}

// DoubleTapped zooms in one step around the tapped point.
func (m *MapView) DoubleTapped(ev *fyne.PointEvent) {
	px, py := m.devicePos(ev.Position)
	m.setView(m.view.ZoomAround(m.view.Zoom+keyZoomStep, px, py))
}

// Tapped gives the map the keyboard focus and reports the tap.
func (m *MapView) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
	if m.OnTap != nil {
		px, py := m.devicePos(ev.Position)
		m.OnTap(px, py)
	}
}

// AddOverlay draws o over the basemap in every frame, after the overlays
// added before it.
func (m *MapView) AddOverlay(o Overlay) {
	m.overlays = append(m.overlays, o)
	m.Refresh()
}

// SetTileOverlay draws o (an online tile source) over the basemap and
// under the other overlays, with its attribution; nil removes it.
func (m *MapView) SetTileOverlay(o Overlay, attribution string) {
	m.tileLayer, m.attribution = o, attribution
	m.Refresh()
}

// ShowTip shows a small card with text next to a point of the view
// (device pixels), such as the title of the event under the pointer.
func (m *MapView) ShowTip(text string, px, py float64) {
	if m.tip == nil {
		return
	}
	s := m.view.Scale
	m.tip.show(text, fyne.NewPos(float32(px/s), float32(py/s)), m.size)
}

// Tip returns the text of the card ShowTip showed, and whether it is
// shown now.
func (m *MapView) Tip() (text string, shown bool) {
	if m.tip == nil {
		return "", false
	}
	return m.tip.text.Text, m.tip.shown
}

// HideTip hides the card ShowTip showed.
func (m *MapView) HideTip() {
	if m.tip != nil {
		m.tip.hide()
	}
}

// MouseIn reports the position under the pointer.
func (m *MapView) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved reports the position under the pointer.
func (m *MapView) MouseMoved(ev *desktop.MouseEvent) {
	if m.OnPointer == nil {
		m.OnPointer = func(orb.Point, bool) {}
	}
	px, py := m.devicePos(ev.Position)
	ll, ok := m.view.LonLatAt(px, py)
	m.OnPointer(ll, ok)
	if m.OnHover != nil {
		m.OnHover(px, py)
	}
}

// MouseOut reports that the pointer has left the map.
func (m *MapView) MouseOut() {
	if m.OnPointer != nil {
		m.OnPointer(orb.Point{}, false)
	}
	m.HideTip()
}

// FocusGained is called when the map gets the keyboard focus.
func (m *MapView) FocusGained() { m.focused = true }

// FocusLost is called when the map loses the keyboard focus.
func (m *MapView) FocusLost() { m.focused = false }

// TypedRune zooms with + and −.
func (m *MapView) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomIn()
	case '-', '_':
		m.ZoomOut()
	case '0':
		m.ResetView()
	}
}

// TypedKey pans with the arrow keys and zooms with the keypad's + and −.
func (m *MapView) TypedKey(ev *fyne.KeyEvent) {
	w, h := float32(m.size.Width)*keyPanFraction, float32(m.size.Height)*keyPanFraction
	switch ev.Name {
	case fyne.KeyLeft:
		m.Pan(w, 0)
	case fyne.KeyRight:
		m.Pan(-w, 0)
	case fyne.KeyUp:
		m.Pan(0, h)
	case fyne.KeyDown:
		m.Pan(0, -h)
	case fyne.KeyPlus, fyne.KeyEqual:
		m.ZoomIn()
	case fyne.KeyMinus:
		m.ZoomOut()
	case fyne.KeyHome:
		m.ResetView()
	default:
		if m.OnKey != nil && m.focused {
			m.OnKey(ev)
		}
	}
}

// MinSize is small enough for a narrow window, large enough to use.
func (m *MapView) MinSize() fyne.Size { return fyne.NewSize(360, 240) }

// dark reports whether the current theme has a dark background.
func (m *MapView) dark() bool {
	bg := m.Theme().Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r, g, b, _ := bg.RGBA()
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff
}

// Style returns the basemap colours for the widget's theme: dark ones on
// a dark background.
func (m *MapView) Style() basemap.Style {
	if m.dark() {
		return basemap.DarkStyle()
	}
	return basemap.LightStyle()
}

// Frame draws the map as the window shows it, at w×h device pixels: the
// basemap, the tile overlay and the overlays. It is the map raster's
// generator, and draws one frame for benchmarks.
func (m *MapView) Frame(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	scale := 1.0
	if m.size.Width > 0 {
		scale = float64(w) / float64(m.size.Width)
	}
	if w != m.view.Width || h != m.view.Height || scale != m.view.Scale {
		m.view = fillWidth(m.view.Resize(w, h, scale))
	}
	m.frame++
	buf := m.buffers[m.frame%2]
	if buf == nil || buf.Rect.Dx() != w || buf.Rect.Dy() != h {
		buf = image.NewRGBA(image.Rect(0, 0, w, h))
		m.buffers[m.frame%2] = buf
	}
	dark := m.dark()
	st := basemap.LightStyle()
	if dark {
		st = basemap.DarkStyle()
	}
	m.renderer.Render(buf, m.view, st)
	if m.tileLayer != nil {
		m.tileLayer.Draw(buf, m.view, dark)
	}
	var keep []image.Rectangle
	if m.controls != nil {
		keep = m.controls(m.view.Scale)
	}
	for _, o := range m.overlays {
		if k, ok := o.(KeepOut); ok {
			k.KeepOut(keep)
		}
		o.Draw(buf, m.view, dark)
	}
	if m.placeControls != nil {
		m.placeControls() // clear of what this frame drew
	}
	if m.OnFrame != nil {
		m.OnFrame()
	}
	return buf
}

// CreateRenderer builds the map's drawing: the basemap raster, the zoom
// buttons and the scale bar.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	r := &mapRenderer{m: m}
	r.raster = canvas.NewRaster(m.Frame)
	r.raster.ScaleMode = canvas.ImageScalePixels
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), m.ZoomIn)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), m.ZoomOut)
	home := widget.NewButtonWithIcon("", theme.HomeIcon(), m.ResetView)
	r.buttons = container.NewVBox(zoomIn, zoomOut, home)
	caption := m.Theme().Size(theme.SizeNameCaptionText)
	r.scaleBar = newScaleBar(caption)
	r.attribution = canvas.NewText("Natural Earth", color.Black)
	r.attribution.TextSize = caption
	m.tip = newMapTip(caption + 1)
	m.placeControls = r.layoutScaleBar
	m.controls = r.controlRects
	r.objects = []fyne.CanvasObject{r.raster, r.scaleBar.container, r.attribution, r.buttons, m.tip.box}
	r.applyTheme()
	return r
}

type mapRenderer struct {
	m           *MapView
	raster      *canvas.Raster
	buttons     *fyne.Container
	scaleBar    *scaleBar
	attribution *canvas.Text
	objects     []fyne.CanvasObject
}

func (r *mapRenderer) Layout(size fyne.Size) {
	m := r.m
	if size != m.size {
		m.size = size
		s := m.view.Scale
		m.view = fillWidth(m.view.Resize(int(math.Round(float64(size.Width)*s)), int(math.Round(float64(size.Height)*s)), s))
	}
	r.raster.Resize(size)
	r.raster.Move(fyne.NewPos(0, 0))
	pad := r.m.Theme().Size(theme.SizeNamePadding)
	bs := r.buttons.MinSize()
	r.buttons.Resize(bs)
	r.buttons.Move(fyne.NewPos(size.Width-bs.Width-pad*2, pad*2))
	r.layoutScaleBar()
	as := r.attribution.MinSize()
	r.attribution.Move(fyne.NewPos(size.Width-as.Width-pad*2, size.Height-as.Height-pad))
}

// controlRects returns the rectangles of the zoom buttons, the attribution
// and the scale bar, in device pixels at scale, with a small margin.
func (r *mapRenderer) controlRects(scale float64) []image.Rectangle {
	out := make([]image.Rectangle, 0, 3)
	for _, o := range []fyne.CanvasObject{r.buttons, r.attribution, r.scaleBar.container} {
		p, sz := o.Position(), o.Size()
		if sz.Width <= 0 || sz.Height <= 0 {
			sz = o.MinSize()
		}
		const margin = 2
		out = append(out, image.Rect(int(math.Floor(float64(p.X-margin)*scale)), int(math.Floor(float64(p.Y-margin)*scale)),
			int(math.Ceil(float64(p.X+sz.Width+margin)*scale)), int(math.Ceil(float64(p.Y+sz.Height+margin)*scale))))
	}
	return out
}

// layoutScaleBar sizes the scale bar for the view and puts it in the
// first corner of the map where the last frame drew no marker or cluster:
// bottom left, top left, bottom centre; bottom left when none is free.
func (r *mapRenderer) layoutScaleBar() {
	m := r.m
	lat := m.view.CenterLonLat()[1]
	r.scaleBar.update(m.view.MetersPerPixel(lat))
	pad := r.m.Theme().Size(theme.SizeNamePadding)
	ss := r.scaleBar.container.MinSize()
	r.scaleBar.container.Resize(ss)
	spots := []fyne.Position{
		fyne.NewPos(pad*2, m.size.Height-ss.Height-pad*2),
		fyne.NewPos(pad*2, pad*2),
		fyne.NewPos((m.size.Width-ss.Width)/2, m.size.Height-ss.Height-pad*2),
	}
	at := spots[0]
	for _, p := range spots {
		if !m.covered(p, ss) {
			at = p
			break
		}
	}
	if at != r.scaleBar.container.Position() {
		r.scaleBar.container.Move(at)
	}
}

// covered reports whether an overlay drew under the area at p of size s
// (logical pixels) in the last frame.
func (m *MapView) covered(p fyne.Position, s fyne.Size) bool {
	sc := m.view.Scale
	rect := image.Rect(int(float64(p.X)*sc), int(float64(p.Y)*sc), int(float64(p.X+s.Width)*sc), int(float64(p.Y+s.Height)*sc))
	for _, o := range m.overlays {
		if ob, ok := o.(Obstacle); ok && ob.Covers(rect) {
			return true
		}
	}
	return false
}

func (r *mapRenderer) MinSize() fyne.Size { return r.m.MinSize() }

func (r *mapRenderer) Refresh() {
	r.applyTheme()
	r.layoutScaleBar()
	r.raster.Refresh()
	canvas.Refresh(r.scaleBar.container)
}

func (r *mapRenderer) applyTheme() {
	th := r.m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	r.attribution.Color = fg
	r.attribution.Text = "Natural Earth"
	if r.m.attribution != "" {
		r.attribution.Text += " · " + r.m.attribution
	}
	r.scaleBar.setColor(fg, th.Color(theme.ColorNameBackground, v))
	r.m.tip.setColor(fg, th.Color(theme.ColorNameOverlayBackground, v), th.Color(theme.ColorNameShadow, v))
}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *mapRenderer) Destroy() {}

// scaleBar is a ruler of a round ground distance (1, 2 or 5 × 10ⁿ m) at
// the latitude of the map's centre.
type scaleBar struct {
	container         *fyne.Container
	back              *canvas.Rectangle
	line, left, right *canvas.Line
	label             *canvas.Text
}

// ScaleBarMax is the longest the scale bar may be, in logical pixels.
const ScaleBarMax = 120

func newScaleBar(textSize float32) *scaleBar {
	s := &scaleBar{
		back:  canvas.NewRectangle(color.Transparent),
		line:  canvas.NewLine(color.Black),
		left:  canvas.NewLine(color.Black),
		right: canvas.NewLine(color.Black),
		label: canvas.NewText("", color.Black),
	}
	for _, l := range []*canvas.Line{s.line, s.left, s.right} {
		l.StrokeWidth = 1.5
	}
	s.label.TextSize = textSize
	s.back.CornerRadius = 3
	s.container = container.NewWithoutLayout(s.back, s.line, s.left, s.right, s.label)
	return s
}

func (s *scaleBar) setColor(fg, bg color.Color) {
	for _, l := range []*canvas.Line{s.line, s.left, s.right} {
		l.StrokeColor = fg
	}
	s.label.Color = fg
	r, g, b, _ := bg.RGBA()
	s.back.FillColor = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xb0}
}

// update sets the bar for a ground resolution in metres per logical pixel.
func (s *scaleBar) update(mpp float64) {
	meters, px := ScaleBarLength(mpp, ScaleBarMax)
	s.label.Text = FormatDistance(meters)
	ts := s.label.MinSize()
	const pad, tick = 4, 6
	w := float32(px)
	s.line.Position1 = fyne.NewPos(pad, pad+ts.Height+tick/2)
	s.line.Position2 = fyne.NewPos(pad+w, pad+ts.Height+tick/2)
	s.left.Position1 = fyne.NewPos(pad, pad+ts.Height)
	s.left.Position2 = fyne.NewPos(pad, pad+ts.Height+tick)
	s.right.Position1 = fyne.NewPos(pad+w, pad+ts.Height)
	s.right.Position2 = fyne.NewPos(pad+w, pad+ts.Height+tick)
	s.label.Move(fyne.NewPos(pad, pad))
	s.label.Resize(ts)
	size := fyne.NewSize(max(w, ts.Width)+2*pad, ts.Height+tick+2*pad)
	s.back.Resize(size)
	s.container.Resize(size)
	s.container.Layout = fixedSize(size)
}

// fixedSize is a layout that reports a fixed minimum size and leaves its
// objects where they were put.
type fixedSize fyne.Size

func (f fixedSize) Layout([]fyne.CanvasObject, fyne.Size) {}

func (f fixedSize) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size(f) }

// ScaleBarLength chooses the longest round distance (1, 2 or 5 × 10ⁿ
// metres) whose bar fits in maxPx logical pixels at mpp metres per pixel,
// and returns it with its length in pixels.
func ScaleBarLength(mpp, maxPx float64) (meters, px float64) {
	if mpp <= 0 || maxPx <= 0 {
		return 0, 0
	}
	limit := mpp * maxPx
	p := math.Pow(10, math.Floor(math.Log10(limit)))
	for _, f := range []float64{5, 2, 1} {
		if f*p <= limit {
			meters = f * p
			break
		}
	}
	return meters, meters / mpp
}

// FormatDistance writes a distance in metres as "500 m", "2 km" or
// "10,000 km".
func FormatDistance(meters float64) string {
	if meters < 1000 {
		return fmt.Sprintf("%.0f m", meters)
	}
	return GroupDigits(int(math.Round(meters/1000))) + " km"
}

// mapTip is the small card that names what is under the pointer.
type mapTip struct {
	box   *fyne.Container
	back  *canvas.Rectangle
	text  *canvas.Text
	shown bool
}

func newMapTip(textSize float32) *mapTip {
	t := &mapTip{back: canvas.NewRectangle(color.White), text: canvas.NewText("", color.Black)}
	t.back.CornerRadius = 4
	t.back.StrokeWidth = 1
	t.text.TextSize = textSize
	t.box = container.NewWithoutLayout(t.back, t.text)
	t.box.Hide()
	return t
}

func (t *mapTip) setColor(fg, bg, rim color.Color) {
	t.text.Color = fg
	t.back.FillColor = bg
	t.back.StrokeColor = rim
}

// show places the card beside pos, inside an area of the given size.
func (t *mapTip) show(text string, pos fyne.Position, area fyne.Size) {
	t.text.Text = text
	ts := t.text.MinSize()
	const pad = 6
	size := fyne.NewSize(ts.Width+2*pad, ts.Height+2*pad)
	x, y := pos.X+14, pos.Y+14
	if x+size.Width > area.Width {
		x = pos.X - 14 - size.Width
	}
	if y+size.Height > area.Height {
		y = pos.Y - 14 - size.Height
	}
	t.back.Resize(size)
	t.text.Move(fyne.NewPos(pad, pad))
	t.text.Resize(ts)
	t.box.Resize(size)
	t.box.Move(fyne.NewPos(max(0, x), max(0, y)))
	t.box.Show()
	t.box.Refresh()
	t.shown = true
}

func (t *mapTip) hide() {
	if t.shown {
		t.box.Hide()
		t.shown = false
	}
}

// GroupDigits writes a whole number with commas between groups of three
// digits: 8585 as "8,585".
func GroupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
