package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flowRun is a piece of a flowText: plain text, or a link when OnTapped
// is set. A line break in Text starts a new paragraph.
type flowRun struct {
	Text     string
	OnTapped func()
}

// flowText is text with links (the article's highlighted places) that
// wraps at word boundaries at any width: a line breaks only where the text
// has a space, never inside a word and never between a link and the
// punctuation that follows it. (Fyne's RichText breaks the words after a
// link into single letters once a line wraps there.)
type flowText struct {
	widget.BaseWidget
	runs []flowRun
}

var _ fyne.Widget = (*flowText)(nil)

// newFlowText returns a flowText of runs.
func newFlowText(runs ...flowRun) *flowText {
	f := &flowText{runs: runs}
	f.ExtendBaseWidget(f)
	return f
}

// SetRuns replaces the text.
func (f *flowText) SetRuns(runs []flowRun) {
	f.runs = runs
	f.Refresh()
}

// Runs returns the text.
func (f *flowText) Runs() []flowRun { return f.runs }

// CreateRenderer builds the words.
func (f *flowText) CreateRenderer() fyne.WidgetRenderer {
	r := &flowRenderer{f: f}
	r.build()
	return r
}

// flowWord is one word drawn: a canvas.Text, or a link.
type flowWord struct {
	obj   fyne.CanvasObject
	text  *canvas.Text
	width float32
	// glued: no space before it, so no line break either.
	glued bool
	// br: a paragraph break before it.
	br bool
}

type flowRenderer struct {
	f     *flowText
	words []flowWord
	objs  []fyne.CanvasObject
	built []flowRun // the runs the words were built from
}

// build splits the runs into words.
func (r *flowRenderer) build() {
	r.words, r.objs = nil, nil
	glued, br := false, false
	for _, run := range r.f.runs {
		for i, para := range strings.Split(run.Text, "\n") {
			if i > 0 {
				br, glued = true, false
			}
			for j, w := range strings.Split(para, " ") {
				if j > 0 {
					glued = false
				}
				if w == "" {
					continue
				}
				t := canvas.NewText(w, nil)
				var obj fyne.CanvasObject = t
				if run.OnTapped != nil {
					obj = newFlowLink(t, run.OnTapped)
				}
				r.words = append(r.words, flowWord{obj: obj, text: t, glued: glued, br: br})
				r.objs = append(r.objs, obj)
				glued, br = true, false
			}
		}
	}
	r.built = r.f.runs
	r.applyTheme()
}

// applyTheme colours and measures the words.
func (r *flowRenderer) applyTheme() {
	th := r.f.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg, link := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameHyperlink, v)
	size := th.Size(theme.SizeNameText)
	for i := range r.words {
		w := &r.words[i]
		w.text.TextSize = size
		w.text.Color = fg
		if _, ok := w.obj.(*flowLink); ok {
			w.text.Color = link
		}
		w.width = w.text.MinSize().Width
	}
}

// metrics are the line height and the width of a space.
func (r *flowRenderer) metrics() (lineH, space, gap float32) {
	th := r.f.Theme()
	ts := fyne.MeasureText("M", th.Size(theme.SizeNameText), fyne.TextStyle{})
	sp := fyne.MeasureText("M M", th.Size(theme.SizeNameText), fyne.TextStyle{}).Width - 2*ts.Width
	return ts.Height, sp, th.Size(theme.SizeNameInnerPadding)
}

// place lays the words out at a width (moving them when apply is set)
// and returns the height they take. A group of glued words moves to the
// next line as one.
func (r *flowRenderer) place(width float32, apply bool) float32 {
	lineH, space, gap := r.metrics()
	pad := r.f.Theme().Size(theme.SizeNameInnerPadding)
	width -= 2 * pad
	x, y := float32(0), float32(0)
	for i := 0; i < len(r.words); {
		// The group: this word and the glued ones after it.
		j, gw := i+1, r.words[i].width
		for j < len(r.words) && r.words[j].glued {
			gw += r.words[j].width
			j++
		}
		if r.words[i].br {
			x, y = 0, y+lineH+gap
		}
		if x > 0 && x+space+gw > width {
			x, y = 0, y+lineH
		} else if x > 0 {
			x += space
		}
		for k := i; k < j; k++ {
			if apply {
				r.words[k].obj.Move(fyne.NewPos(pad+x, pad+y))
				r.words[k].obj.Resize(fyne.NewSize(r.words[k].width, lineH))
			}
			x += r.words[k].width
		}
		i = j
	}
	if len(r.words) == 0 {
		return 0
	}
	return y + lineH + 2*pad
}

func (r *flowRenderer) Layout(size fyne.Size) { r.place(size.Width, true) }

// MinSize is as wide as the widest word and as tall as the text is at the
// width it has (like wrapped labels, it settles once it knows its width).
func (r *flowRenderer) MinSize() fyne.Size {
	pad := r.f.Theme().Size(theme.SizeNameInnerPadding)
	widest := float32(0)
	for _, w := range r.words {
		widest = max(widest, w.width)
	}
	width := max(r.f.Size().Width, widest+2*pad)
	return fyne.NewSize(widest+2*pad, r.place(width, false))
}

func (r *flowRenderer) Refresh() {
	if !sameRuns(r.built, r.f.runs) {
		r.build()
	} else {
		r.applyTheme()
	}
	r.Layout(r.f.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

func sameRuns(a, b []flowRun) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *flowRenderer) Destroy() {}

// flowLink is a word of a link: tapping it runs the link's action.
type flowLink struct {
	widget.BaseWidget
	text     *canvas.Text
	onTapped func()
}

var (
	_ fyne.Tappable      = (*flowLink)(nil)
	_ desktop.Cursorable = (*flowLink)(nil)
)

func newFlowLink(t *canvas.Text, tapped func()) *flowLink {
	l := &flowLink{text: t, onTapped: tapped}
	l.ExtendBaseWidget(l)
	return l
}

// Tapped runs the link's action.
func (l *flowLink) Tapped(*fyne.PointEvent) { l.onTapped() }

// Cursor is the pointing hand of a link.
func (l *flowLink) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (l *flowLink) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.text) }
