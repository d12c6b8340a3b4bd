package labels

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/paulmach/orb"

	"eventmap/geo/viewport"
)

// Style is the look of the labels on one basemap style.
type Style struct {
	Country, Water, Admin1, City color.NRGBA
	// Halo surrounds every label, in the basemap's own tones, so that it
	// stays readable over borders, coasts and other labels' surroundings.
	Halo color.NRGBA
	// Dot is the fill of a city's dot; its rim is the halo colour.
	Dot color.NRGBA
}

// LightStyle goes with the light basemap (eventmap/geo/basemap.LightStyle).
func LightStyle() Style {
	return Style{
		Country: color.NRGBA{0x3a, 0x32, 0x44, 0xff},
		Water:   color.NRGBA{0x3f, 0x6e, 0x9a, 0xff},
		Admin1:  color.NRGBA{0x7a, 0x6f, 0x80, 0xff},
		City:    color.NRGBA{0x26, 0x26, 0x2b, 0xff},
		Halo:    color.NRGBA{0xfb, 0xfa, 0xf6, 0xd8},
		Dot:     color.NRGBA{0x40, 0x40, 0x48, 0xff},
	}
}

// DarkStyle goes with the dark basemap (eventmap/geo/basemap.DarkStyle).
func DarkStyle() Style {
	return Style{
		Country: color.NRGBA{0xd6, 0xd2, 0xdc, 0xff},
		Water:   color.NRGBA{0x8c, 0xb4, 0xdc, 0xff},
		Admin1:  color.NRGBA{0xa8, 0xa4, 0xb0, 0xff},
		City:    color.NRGBA{0xee, 0xee, 0xf0, 0xff},
		Halo:    color.NRGBA{0x12, 0x15, 0x1a, 0xd0},
		Dot:     color.NRGBA{0xe0, 0xe0, 0xe6, 0xff},
	}
}

// Font sizes of the kinds of label, in logical pixels.
const (
	countrySize = 13
	waterSize   = 11
	admin1Size  = 10
	citySize    = 11
	bigCitySize = 12 // cities of a million or more
	haloPx      = 1.6
	dotRadius   = 2.6
	dotGap      = 3 // between the dot and the name
	wrapOver    = 16
)

// Layer places and draws the labels of a set. Its Draw keeps the last
// view's placement, and every label's drawn image, so that drawing the
// same view again costs only copies. A Layer must be used from one
// goroutine at a time.
type Layer struct {
	// InCountry, when set, tells whether a longitude/latitude lies in the
	// country with an ISO alpha-2 code. With it, a country whose label
	// point is out of view while the country fills part of the view is
	// named at a point of the view inside it.
	InCountry func(ll orb.Point, code string) bool

	set   *Set
	fonts [3]*opentype.Font // regular, bold, italic

	mu      sync.Mutex
	faces   map[faceKey]font.Face
	sprites map[spriteKey]*sprite
	widths  map[spriteKey]float64
	inView  map[inViewKey][]image.Point // see pointsInView

	last struct {
		ok       bool
		v        viewport.View
		dark     bool
		occupied []image.Rectangle
		extra    []Label
		placed   []Placed
	}
}

type faceKey struct {
	font int
	size float64
}

type spriteKey struct {
	text  string
	kind  Kind
	big   bool
	scale float64
	dark  bool
	left  bool // a city's name left of its dot
	noDot bool // a city's name alone, beside a marker that covers its dot
}

type sprite struct {
	img    *image.RGBA
	anchor image.Point // where the label's point falls in img
	pad    int         // halo margin around the text
}

// Fonts are the TrueType or OpenType fonts labels are set in: the
// program's own (the UI's), so that labels add nothing to its size.
type Fonts struct {
	Regular []byte // regions, towns
	Bold    []byte // countries, cities of a million or more
	Italic  []byte // water
}

// NewLayer returns a layer for a set; a nil set draws nothing until
// SetSet gives one.
func NewLayer(s *Set, f Fonts) (*Layer, error) {
	ly := &Layer{set: s, faces: make(map[faceKey]font.Face), sprites: make(map[spriteKey]*sprite),
		widths: make(map[spriteKey]float64), inView: make(map[inViewKey][]image.Point)}
	for i, ttf := range [][]byte{f.Regular, f.Bold, f.Italic} {
		fnt, err := opentype.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("labels: font %d of 3: %w", i+1, err)
		}
		ly.fonts[i] = fnt
	}
	return ly, nil
}

// SetSet replaces the labels drawn.
func (ly *Layer) SetSet(s *Set) {
	ly.set = s
	ly.last.ok = false
}

// Set returns the labels drawn, or nil.
func (ly *Layer) Set() *Set { return ly.set }

// Draw places the labels of the view, around the occupied rectangles
// (device pixels of the view), and paints them into dst, whose bounds are
// the view's. The extra labels (the names of the areas events happened
// in) come after capitals and oceans, before all others. It returns what it placed.
func (ly *Layer) Draw(dst *image.RGBA, v viewport.View, dark bool, occupied []image.Rectangle, extra []Label) []Placed {
	if ly.set == nil && len(extra) == 0 {
		return nil
	}
	if !ly.last.ok || ly.last.v != v || ly.last.dark != dark || !slices.Equal(ly.last.occupied, occupied) ||
		!slices.Equal(ly.last.extra, extra) {
		ly.last.placed = ly.place(v, occupied, extra, dark)
		ly.last.v, ly.last.dark, ly.last.ok = v, dark, true
		ly.last.occupied = append(ly.last.occupied[:0], occupied...)
		ly.last.extra = append(ly.last.extra[:0], extra...)
	}
	for _, p := range ly.last.placed {
		k := p.key
		k.dark = dark
		sp := ly.sprite(k)
		r := p.Rect.Intersect(dst.Rect)
		if r.Empty() {
			continue
		}
		over(dst, r, sp.img, r.Min.Sub(p.Rect.Min))
	}
	return ly.last.placed
}

// over lays src (premultiplied, mostly transparent: a label's text and
// halo) over dst in r, from sp in src, skipping the transparent pixels
// that make up most of a label.
func over(dst *image.RGBA, r image.Rectangle, src *image.RGBA, sp image.Point) {
	w := r.Dx() * 4
	for y := 0; y < r.Dy(); y++ {
		di := dst.PixOffset(r.Min.X, r.Min.Y+y)
		si := src.PixOffset(sp.X, sp.Y+y)
		d, s := dst.Pix[di:di+w:di+w], src.Pix[si:si+w:si+w]
		for i := 0; i < w; i += 4 {
			a := uint32(s[i+3])
			switch a {
			case 0:
			case 0xff:
				copy(d[i:i+4], s[i:i+4])
			default:
				k := 0xff - a
				d[i] = uint8(uint32(s[i]) + (uint32(d[i])*k+0x7f)/0xff)
				d[i+1] = uint8(uint32(s[i+1]) + (uint32(d[i+1])*k+0x7f)/0xff)
				d[i+2] = uint8(uint32(s[i+2]) + (uint32(d[i+2])*k+0x7f)/0xff)
				d[i+3] = uint8(a + (uint32(d[i+3])*k+0x7f)/0xff)
			}
		}
	}
}

func (ly *Layer) keyFor(l Label, scale float64) spriteKey {
	return spriteKey{text: l.Text, kind: l.Kind, big: l.Kind == KindCity && l.Population >= 1_000_000, scale: scale}
}

// face returns the font face for a kind of label at a scale.
func (ly *Layer) face(kind Kind, big bool, scale float64) font.Face {
	fi, size := 0, float64(citySize)
	switch kind {
	case KindCountry:
		fi, size = 1, countrySize
	case KindWater:
		fi, size = 2, waterSize
	case KindAdmin1:
		size = admin1Size
	case KindCity:
		if big {
			fi, size = 1, bigCitySize
		}
	}
	k := faceKey{fi, size * scale}
	ly.mu.Lock()
	defer ly.mu.Unlock()
	if f, ok := ly.faces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(ly.fonts[fi], &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil
	}
	ly.faces[k] = f
	return f
}

// lines splits a long area name into two lines: at a parenthesised second
// name, or at the space nearest the middle.
func lines(l Label) []string {
	t := l.Text
	if l.Kind == KindCity || len([]rune(t)) <= wrapOver {
		if i := strings.Index(t, " ("); i > 0 && l.Kind == KindWater {
			return []string{t[:i], t[i+1:]}
		}
		return []string{t}
	}
	if i := strings.Index(t, " ("); i > 0 {
		return []string{t[:i], t[i+1:]}
	}
	best := -1
	for i, r := range t {
		if r == ' ' && (best < 0 || abs(i-len(t)/2) < abs(best-len(t)/2)) {
			best = i
		}
	}
	if best < 0 {
		return []string{t}
	}
	return []string{t[:best], t[best+1:]}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// textWidth is the width of a label's widest line in device pixels.
func (ly *Layer) textWidth(l Label, scale float64) float64 {
	k := spriteKey{text: l.Text, kind: l.Kind, scale: scale}
	ly.mu.Lock()
	w, ok := ly.widths[k]
	ly.mu.Unlock()
	if ok {
		return w
	}
	face := ly.face(l.Kind, false, scale)
	fw := fixed.Int26_6(0)
	for _, s := range lines(l) {
		fw = max(fw, font.MeasureString(face, s))
	}
	w = float64(fw) / 64
	ly.mu.Lock()
	if len(ly.widths) > 50000 {
		clear(ly.widths)
	}
	ly.widths[k] = w
	ly.mu.Unlock()
	return w
}

// sprite returns a label's image, drawn once and cached.
func (ly *Layer) sprite(k spriteKey) *sprite {
	ly.mu.Lock()
	sp, ok := ly.sprites[k]
	ly.mu.Unlock()
	if ok {
		return sp
	}
	sp = ly.drawSprite(k)
	ly.mu.Lock()
	if len(ly.sprites) > 8000 {
		clear(ly.sprites)
	}
	ly.sprites[k] = sp
	ly.mu.Unlock()
	return sp
}

func (ly *Layer) drawSprite(k spriteKey) *sprite {
	st := LightStyle()
	if k.dark {
		st = DarkStyle()
	}
	col := st.City
	switch k.kind {
	case KindCountry:
		col = st.Country
	case KindWater:
		col = st.Water
	case KindAdmin1:
		col = st.Admin1
	}
	face := ly.face(k.kind, k.big, k.scale)
	m := face.Metrics()
	ls := lines(Label{Text: k.text, Kind: k.kind})
	lineH := (m.Ascent + m.Descent).Ceil()
	textW := 0
	for _, s := range ls {
		textW = max(textW, font.MeasureString(face, s).Ceil())
	}
	textH := lineH * len(ls)
	pad := int(math.Ceil(haloPx*k.scale)) + 1
	dotW := 0
	if k.kind == KindCity && !k.noDot {
		dotW = int(math.Ceil((2*dotRadius + dotGap) * k.scale))
	}
	w, h := dotW+textW+2*pad, textH+2*pad
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	for i, s := range ls {
		lw := font.MeasureString(face, s).Ceil()
		x := pad + dotW
		if k.left {
			x = pad
		}
		if k.kind != KindCity {
			x += (textW - lw) / 2 // centred lines
		}
		d := font.Drawer{Dst: mask, Src: image.Opaque, Face: face}
		d.Dot = fixed.P(x, pad+i*lineH+m.Ascent.Ceil())
		d.DrawString(s)
	}
	var dot *image.Alpha
	anchor := image.Pt(w/2, h/2)
	if k.kind == KindCity && !k.noDot {
		dot = image.NewAlpha(mask.Rect)
		cx, cy := float32(pad)+float32(dotRadius*k.scale), float32(h)/2
		if k.left {
			cx = float32(w-pad) - float32(dotRadius*k.scale)
		}
		circle(dot, cx, cy, float32(dotRadius*k.scale))
		anchor = image.Pt(int(math.Round(float64(cx))), int(math.Round(float64(cy))))
	}
	halo := dilate(mask, haloPx*k.scale)
	if dot != nil {
		halo = maxAlpha(halo, dilate(dot, haloPx*k.scale*0.8))
	}
	img := image.NewRGBA(mask.Rect)
	paint(img, halo, st.Halo)
	paint(img, mask, col)
	if dot != nil {
		paint(img, dot, st.Dot)
	}
	return &sprite{img: img, anchor: anchor, pad: pad}
}

// paint lays col over img through an alpha mask.
func paint(img *image.RGBA, mask *image.Alpha, col color.NRGBA) {
	draw.DrawMask(img, img.Rect, image.NewUniform(col), image.Point{}, mask, image.Point{}, draw.Over)
}

// circle fills an anti-aliased disc into an alpha mask.
func circle(dst *image.Alpha, cx, cy, r float32) {
	const k = 0.5523 // cubic handle length of a quarter circle
	ras := vector.NewRasterizer(dst.Rect.Dx(), dst.Rect.Dy())
	kr := k * r
	ras.MoveTo(cx+r, cy)
	ras.CubeTo(cx+r, cy+kr, cx+kr, cy+r, cx, cy+r)
	ras.CubeTo(cx-kr, cy+r, cx-r, cy+kr, cx-r, cy)
	ras.CubeTo(cx-r, cy-kr, cx-kr, cy-r, cx, cy-r)
	ras.CubeTo(cx+kr, cy-r, cx+r, cy-kr, cx+r, cy)
	ras.ClosePath()
	ras.Draw(dst, dst.Rect, image.Opaque, image.Point{})
}

// dilate grows a mask by a radius: each pixel takes the largest alpha
// within the radius, softened at its edge, which makes the halo.
func dilate(src *image.Alpha, radius float64) *image.Alpha {
	r := int(math.Ceil(radius))
	type off struct {
		dx, dy int
		w      float64
	}
	var offs []off
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			d := math.Hypot(float64(dx), float64(dy))
			if d > radius+0.5 {
				continue
			}
			offs = append(offs, off{dx, dy, math.Min(1, radius+0.5-d)})
		}
	}
	b := src.Rect
	out := image.NewAlpha(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			best := 0.0
			for _, o := range offs {
				sx, sy := x+o.dx, y+o.dy
				if sx < b.Min.X || sy < b.Min.Y || sx >= b.Max.X || sy >= b.Max.Y {
					continue
				}
				if a := float64(src.Pix[src.PixOffset(sx, sy)]) * o.w; a > best {
					best = a
				}
			}
			out.Pix[out.PixOffset(x, y)] = uint8(best)
		}
	}
	return out
}

func maxAlpha(a, b *image.Alpha) *image.Alpha {
	for i := range a.Pix {
		a.Pix[i] = max(a.Pix[i], b.Pix[i])
	}
	return a
}
