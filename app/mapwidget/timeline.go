package mapwidget

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"eventmap/data/eventindex"
)

// Interfaces the timeline implements.
var (
	_ fyne.Widget       = (*Timeline)(nil)
	_ fyne.Scrollable   = (*Timeline)(nil)
	_ fyne.Draggable    = (*Timeline)(nil)
	_ fyne.Tappable     = (*Timeline)(nil)
	_ desktop.Hoverable = (*Timeline)(nil)
)

// HistogramFunc counts events per bucket of a step over [from, to).
type HistogramFunc func(from, to time.Time, step eventindex.Step) []eventindex.Bucket

// Timeline shows how many events happened when, as a histogram along the
// bottom of the window, with a date range chosen by two handles. Drag a
// handle to move one end, drag the window between them to move the range,
// drag elsewhere to draw a new range, tap outside the window to move it
// there, scroll to zoom the span of time shown.
//
// All methods must be called on the Fyne UI goroutine.
type Timeline struct {
	widget.BaseWidget

	// OnChanged is called with the new range while it is being changed.
	OnChanged func(from, to time.Time)

	hist        HistogramFunc
	ext0, ext1  time.Time // the span of all the data, the widest shown
	first, last time.Time // the span shown
	from, to    time.Time // the chosen range, within the span
	buckets     []eventindex.Bucket
	step        eventindex.Step
	size        fyne.Size

	mark      time.Time // the selected event's time, drawn as a line; zero for none
	drag      dragMode
	dragStart time.Time // the time under the pointer when a drag began
	dragFrom  time.Time
	dragTo    time.Time
	hover     float32
}

type dragMode int

const (
	dragNone dragMode = iota
	dragFrom
	dragTo
	dragWindow
	dragNew
)

// timelineBarsHeight and timelineAxisHeight split the widget: bars above,
// date labels below (logical pixels).
const (
	timelineBarsHeight = 56
	timelineAxisHeight = 18
	timelineHandleGrab = 7 // how near a handle a drag takes it
)

// NewTimeline returns an empty timeline.
func NewTimeline() *Timeline {
	t := &Timeline{hover: -1}
	t.ExtendBaseWidget(t)
	return t
}

// SetData sets the span of all the data [ext0, ext1), the part of it shown
// [first, last), and the function counting events; the range drawn
// becomes the span shown until ShowRange draws another. Scrolling over
// the timeline zooms the span shown within the data's.
func (t *Timeline) SetData(ext0, ext1, first, last time.Time, hist HistogramFunc) {
	t.hist = hist
	if !ext1.After(ext0) {
		ext1 = ext0.Add(24 * time.Hour)
	}
	t.ext0, t.ext1 = ext0, ext1
	t.first, t.last = maxTime(first, ext0), minTime(last, ext1)
	if !t.last.After(t.first) {
		t.first, t.last = ext0, ext1
	}
	t.from, t.to = t.first, t.last
	t.recount()
	t.Refresh()
}

// SetExtent changes the span of all the data (after more events arrived)
// and the function counting events, keeping the span shown where it is.
func (t *Timeline) SetExtent(ext0, ext1 time.Time, hist HistogramFunc) {
	if t.hist == nil {
		t.SetData(ext0, ext1, ext0, ext1, hist)
		return
	}
	if !ext1.After(ext0) {
		ext1 = ext0.Add(24 * time.Hour)
	}
	t.hist = hist
	t.ext0, t.ext1 = minTime(ext0, t.first), maxTime(ext1, t.last)
	t.recount()
	t.Refresh()
}

// ShowRange draws the chosen range [from, to), without calling OnChanged.
// A range reaching outside the span shown moves the span to it, with a
// margin (widening the data's span if need be).
func (t *Timeline) ShowRange(from, to time.Time) {
	t.from, t.to = from, to
	if from.Before(t.first) || to.After(t.last) {
		margin := max(to.Sub(from)/20, 24*time.Hour)
		first, last := from.Add(-margin), to.Add(margin)
		if !from.Before(t.ext0) {
			first = maxTime(first, t.ext0)
		}
		if !to.After(t.ext1) {
			last = minTime(last, t.ext1)
		}
		t.ext0, t.ext1 = minTime(t.ext0, first), maxTime(t.ext1, last)
		t.first, t.last = first, last
		t.recount()
	}
	t.Refresh()
}

// SetHistogram replaces the function counting events (after a filter
// changed), keeping the span and the range.
func (t *Timeline) SetHistogram(hist HistogramFunc) {
	if t.hist == nil {
		return
	}
	t.hist = hist
	t.recount()
	t.Refresh()
}

// minSpan is the shortest span the timeline zooms in to.
const minSpan = 7 * 24 * time.Hour

// Scrolled zooms the span shown around the time under the pointer:
// scrolling up shows less time, down more, up to all the data.
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	if t.hist == nil || ev.Scrolled.DY == 0 {
		return
	}
	factor := math.Exp(-float64(ev.Scrolled.DY) / 60)
	at := t.timeAt(ev.Position.X)
	lf := math.Min(float64(t.last.Sub(t.first))*factor, float64(t.ext1.Sub(t.ext0)))
	length := max(minSpan, time.Duration(lf))
	f := float64(at.Sub(t.first)) / float64(t.last.Sub(t.first))
	first := at.Add(-time.Duration(f * float64(length)))
	if first.Before(t.ext0) {
		first = t.ext0
	}
	if first.Add(length).After(t.ext1) {
		first = t.ext1.Add(-length)
	}
	t.SetSpan(first, first.Add(length))
}

// SetSpan shows [first, last) of the data. The range stays what it is,
// even where it reaches outside the span shown.
func (t *Timeline) SetSpan(first, last time.Time) {
	t.first, t.last = maxTime(first, t.ext0), minTime(last, t.ext1)
	t.recount()
	t.Refresh()
}

// SetMark draws a line at the selected event's time (the zero time for
// none).
func (t *Timeline) SetMark(at time.Time) {
	t.mark = at
	t.Refresh()
}

// HasData reports whether SetData has given the timeline events to count.
func (t *Timeline) HasData() bool { return t.hist != nil }

// Extent returns the span of all the data.
func (t *Timeline) Extent() (first, last time.Time) { return t.ext0, t.ext1 }

// Span returns the span shown.
func (t *Timeline) Span() (first, last time.Time) { return t.first, t.last }

// Range returns the chosen range.
func (t *Timeline) Range() (from, to time.Time) { return t.from, t.to }

// Buckets returns the bars shown, and their step.
func (t *Timeline) Buckets() ([]eventindex.Bucket, eventindex.Step) { return t.buckets, t.step }

// SetRange asks for a range, as the user's drags do: it calls OnChanged,
// whose owner draws the range it accepts with ShowRange. Without
// OnChanged the range is drawn at once.
func (t *Timeline) SetRange(from, to time.Time) {
	if from.After(to) {
		from, to = to, from
	}
	if from.Equal(t.from) && to.Equal(t.to) {
		return
	}
	if t.OnChanged == nil {
		t.ShowRange(from, to)
		return
	}
	t.OnChanged(from, to)
}

func (t *Timeline) clamp(x time.Time) time.Time {
	if x.Before(t.first) {
		return t.first
	}
	if x.After(t.last) {
		return t.last
	}
	return x
}

// recount fetches the histogram for the span at a step that gives bars at
// least a few pixels wide.
func (t *Timeline) recount() {
	if t.hist == nil || t.size.Width <= 0 {
		t.buckets = nil
		return
	}
	maxBars := max(10, int(t.size.Width/4))
	t.step = eventindex.StepFor(t.first, t.last, maxBars)
	t.buckets = t.hist(t.first, t.last, t.step)
}

// timeAt converts an x position to a time in the span.
func (t *Timeline) timeAt(x float32) time.Time {
	if t.size.Width <= 0 {
		return t.first
	}
	f := float64(x) / float64(t.size.Width)
	f = math.Max(0, math.Min(1, f))
	return t.first.Add(time.Duration(f * float64(t.last.Sub(t.first))))
}

// xOf converts a time to an x position.
func (t *Timeline) xOf(x time.Time) float32 {
	span := t.last.Sub(t.first)
	if span <= 0 {
		return 0
	}
	return float32(float64(x.Sub(t.first)) / float64(span) * float64(t.size.Width))
}

// Dragged changes the range: which part moves is decided where the drag
// starts.
func (t *Timeline) Dragged(ev *fyne.DragEvent) {
	if t.hist == nil {
		return
	}
	if t.drag == dragNone {
		start := ev.Position.X - ev.Dragged.DX
		fx, tx := t.xOf(t.from), t.xOf(t.to)
		switch {
		case abs32(start-fx) <= timelineHandleGrab:
			t.drag = dragFrom
		case abs32(start-tx) <= timelineHandleGrab:
			t.drag = dragTo
		case start > fx && start < tx && (t.from.After(t.first) || t.to.Before(t.last)):
			t.drag = dragWindow
		default:
			t.drag = dragNew
		}
		t.dragStart, t.dragFrom, t.dragTo = t.timeAt(start), t.from, t.to
	}
	at := t.timeAt(ev.Position.X)
	switch t.drag {
	case dragFrom:
		t.SetRange(minTime(at, t.to), t.to)
	case dragTo:
		t.SetRange(t.from, maxTime(at, t.from))
	case dragWindow:
		d := at.Sub(t.dragStart)
		length := t.dragTo.Sub(t.dragFrom)
		from := t.dragFrom.Add(d)
		if from.Before(t.first) {
			from = t.first
		}
		if from.Add(length).After(t.last) {
			from = t.last.Add(-length)
		}
		t.SetRange(from, from.Add(length))
	case dragNew:
		t.SetRange(t.dragStart, at)
	}
}

// DragEnd finishes a drag.
func (t *Timeline) DragEnd() { t.drag = dragNone }

// Tapped moves the window to centre on the tapped time, keeping its length.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	if t.hist == nil {
		return
	}
	fx, tx := t.xOf(t.from), t.xOf(t.to)
	if ev.Position.X >= fx && ev.Position.X <= tx {
		return
	}
	length := t.to.Sub(t.from)
	from := t.timeAt(ev.Position.X).Add(-length / 2)
	if from.Before(t.first) {
		from = t.first
	}
	if from.Add(length).After(t.last) {
		from = t.last.Add(-length)
	}
	t.SetRange(from, from.Add(length))
}

// MouseIn tracks the pointer for the hover line.
func (t *Timeline) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved tracks the pointer for the hover line.
func (t *Timeline) MouseMoved(ev *desktop.MouseEvent) {
	t.hover = ev.Position.X
	t.Refresh()
}

// MouseOut hides the hover line.
func (t *Timeline) MouseOut() {
	t.hover = -1
	t.Refresh()
}

// Cursor shows a resize cursor over the handles.
func (t *Timeline) Cursor() desktop.Cursor {
	if t.hist != nil && (abs32(t.hover-t.xOf(t.from)) <= timelineHandleGrab || abs32(t.hover-t.xOf(t.to)) <= timelineHandleGrab) {
		return desktop.HResizeCursor
	}
	return desktop.DefaultCursor
}

// MinSize leaves room for the bars and the date labels.
func (t *Timeline) MinSize() fyne.Size {
	return fyne.NewSize(200, timelineBarsHeight+timelineAxisHeight)
}

// CreateRenderer builds the timeline's drawing.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t}
	r.raster = canvas.NewRaster(r.draw)
	r.raster.ScaleMode = canvas.ImageScalePixels
	r.empty = canvas.NewText("No dated events yet", color.Black)
	r.empty.Alignment = fyne.TextAlignCenter
	r.hoverText = canvas.NewText("", color.Black)
	r.hoverText.TextSize = t.Theme().Size(theme.SizeNameCaptionText)
	return r
}

type timelineRenderer struct {
	t         *Timeline
	raster    *canvas.Raster
	labels    []*canvas.Text
	empty     *canvas.Text
	hoverText *canvas.Text
	objects   []fyne.CanvasObject
}

func (r *timelineRenderer) Layout(size fyne.Size) {
	t := r.t
	resized := size != t.size
	t.size = size
	if resized {
		t.recount()
	}
	r.raster.Resize(fyne.NewSize(size.Width, timelineBarsHeight))
	r.empty.Resize(fyne.NewSize(size.Width, timelineBarsHeight))
	r.layoutLabels()
}

func (r *timelineRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *timelineRenderer) Refresh() {
	r.layoutLabels()
	r.raster.Refresh()
	canvas.Refresh(r.t)
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *timelineRenderer) Destroy() {}

// layoutLabels places the date labels under the bars and the hover label.
func (r *timelineRenderer) layoutLabels() {
	t := r.t
	fg := t.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	dim := t.Theme().Color(theme.ColorNamePlaceHolder, fyne.CurrentApp().Settings().ThemeVariant())
	ticks := TimelineTicks(t.first, t.last, int(t.size.Width/90))
	for len(r.labels) < len(ticks) {
		l := canvas.NewText("", fg)
		l.TextSize = t.Theme().Size(theme.SizeNameCaptionText)
		r.labels = append(r.labels, l)
	}
	r.objects = []fyne.CanvasObject{r.raster}
	if t.hist == nil {
		r.empty.Color = dim
		r.objects = append(r.objects, r.empty)
		return
	}
	for i, tk := range ticks {
		l := r.labels[i]
		l.Text, l.Color = tk.Label, fg
		s := l.MinSize()
		x := t.xOf(tk.Time) - s.Width/2
		x = max(0, min(x, t.size.Width-s.Width))
		l.Move(fyne.NewPos(x, timelineBarsHeight+1))
		l.Resize(s)
		r.objects = append(r.objects, l)
	}
	if t.hover >= 0 && t.hover <= t.size.Width {
		r.hoverText.Text = FormatDay(t.timeAt(t.hover))
		r.hoverText.Color = fg
		s := r.hoverText.MinSize()
		r.hoverText.Resize(s)
		r.hoverText.Move(fyne.NewPos(max(0, min(t.hover+4, t.size.Width-s.Width)), 0))
		r.objects = append(r.objects, r.hoverText)
	}
}

// draw paints the bars, the chosen range and its handles.
func (r *timelineRenderer) draw(w, h int) image.Image {
	t := r.t
	img := image.NewRGBA(image.Rect(0, 0, max(1, w), max(1, h)))
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := t.Theme()
	bg := th.Color(theme.ColorNameInputBackground, v)
	draw.Draw(img, img.Rect, image.NewUniform(bg), image.Point{}, draw.Src)
	if t.hist == nil || len(t.buckets) == 0 || t.size.Width <= 0 {
		return img
	}
	scale := float64(w) / float64(t.size.Width)
	peak := 0
	for _, b := range t.buckets {
		peak = max(peak, b.Count)
	}
	barIn := th.Color(theme.ColorNamePrimary, v)
	barOut := th.Color(theme.ColorNameDisabled, v)
	top := 4 * scale
	for _, b := range t.buckets {
		if b.Count == 0 {
			continue
		}
		x0 := float64(t.xOf(b.Start)) * scale
		x1 := float64(t.xOf(b.End)) * scale
		if x1-x0 > 3 {
			x1 -= 1 // a gap between wide bars
		}
		height := math.Max(1, (float64(h)-top)*math.Sqrt(float64(b.Count)/float64(peak)))
		col := barOut
		if !b.End.Before(t.from) && b.Start.Before(t.to) && b.End.After(t.from) {
			col = barIn
		}
		fillRect(img, x0, float64(h)-height, x1, float64(h), col)
	}
	// The chosen range: a tinted window with a handle at each end.
	fx, tx := float64(t.xOf(t.from))*scale, float64(t.xOf(t.to))*scale
	pr, pg, pb, _ := barIn.RGBA()
	tint := color.NRGBA{uint8(pr >> 8), uint8(pg >> 8), uint8(pb >> 8), 0x30}
	fillRectOver(img, fx, 0, tx, float64(h), tint)
	handle := th.Color(theme.ColorNameForeground, v)
	for _, x := range []float64{fx, tx} {
		fillRect(img, x-1.5*scale, 0, x+1.5*scale, float64(h), handle)
		fillRect(img, x-4*scale, float64(h)/2-8*scale, x+4*scale, float64(h)/2+8*scale, handle)
	}
	if !t.mark.IsZero() && !t.mark.Before(t.first) && t.mark.Before(t.last) {
		x := float64(t.xOf(t.mark)) * scale
		fillRect(img, x-1.5*scale, 0, x+1.5*scale, float64(h), selectedRing)
	}
	if t.hover >= 0 && t.hover <= t.size.Width {
		x := float64(t.hover) * scale
		fillRectOver(img, x-0.5*scale, 0, x+0.5*scale, float64(h), color.NRGBA{0x80, 0x80, 0x80, 0xa0})
	}
	return img
}

func fillRect(img *image.RGBA, x0, y0, x1, y1 float64, c color.Color) {
	r := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
	if r.Dx() == 0 {
		r.Max.X = r.Min.X + 1
	}
	draw.Draw(img, r.Intersect(img.Rect), image.NewUniform(c), image.Point{}, draw.Src)
}

func fillRectOver(img *image.RGBA, x0, y0, x1, y1 float64, c color.Color) {
	r := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
	draw.Draw(img, r.Intersect(img.Rect), image.NewUniform(c), image.Point{}, draw.Over)
}

// Tick is a labelled date on the timeline's axis.
type Tick struct {
	Time  time.Time
	Label string
}

// TimelineTicks chooses at most max round dates in [first, last] to label
// an axis: years, quarters, months, weeks or days, whichever fits.
func TimelineTicks(first, last time.Time, max int) []Tick {
	if max < 2 || !last.After(first) {
		return nil
	}
	type unit struct {
		years, months, days int
		layout              string
	}
	units := []unit{
		{0, 0, 1, "2 Jan 2006"}, {0, 0, 2, "2 Jan 2006"}, {0, 0, 7, "2 Jan 2006"}, {0, 0, 14, "2 Jan 2006"},
		{0, 1, 0, "Jan 2006"}, {0, 3, 0, "Jan 2006"}, {0, 6, 0, "Jan 2006"},
		{1, 0, 0, "2006"}, {2, 0, 0, "2006"}, {5, 0, 0, "2006"}, {10, 0, 0, "2006"}, {20, 0, 0, "2006"},
		{50, 0, 0, "2006"}, {100, 0, 0, "2006"},
	}
	for _, u := range units {
		var ticks []Tick
		t := firstTick(first, u.years, u.months, u.days)
		for !t.After(last) {
			ticks = append(ticks, Tick{t, t.Format(u.layout)})
			if len(ticks) > max {
				break
			}
			t = t.AddDate(u.years, u.months, u.days)
		}
		if len(ticks) <= max {
			return ticks
		}
	}
	return nil
}

// firstTick is the first round date at or after t for a tick unit.
func firstTick(t time.Time, years, months, days int) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	var c time.Time
	switch {
	case years > 0:
		y = int(math.Ceil(float64(y)/float64(years))) * years
		c = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		for c.Before(t) {
			c = c.AddDate(years, 0, 0)
		}
	case months > 0:
		mm := int(m) - 1
		mm = int(math.Ceil(float64(mm)/float64(months))) * months
		c = time.Date(y, time.Month(mm+1), 1, 0, 0, 0, 0, time.UTC)
		for c.Before(t) {
			c = c.AddDate(0, months, 0)
		}
	default:
		c = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if days == 7 || days == 14 {
			c = c.AddDate(0, 0, (8-int(c.Weekday()))%7) // Mondays
		}
		for c.Before(t) {
			c = c.AddDate(0, 0, days)
		}
	}
	return c
}

// FormatDay writes a date as "13 Sep 2023".
func FormatDay(t time.Time) string { return t.UTC().Format("2 Jan 2006") }

// FormatRange writes a range of days as "13 Sep 2023 – 20 Sep 2023"; to is
// exclusive.
func FormatRange(from, to time.Time) string {
	last := to.Add(-time.Second)
	if last.Before(from) {
		last = from
	}
	return fmt.Sprintf("%s – %s", FormatDay(from), FormatDay(last))
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
