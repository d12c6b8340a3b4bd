package app

import (
	"eventmap/app/mapwidget"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// playFrame is how often playback moves the range.
const playFrame = 100 * time.Millisecond

// playSpeeds are the playback speeds offered: how many range lengths the
// window moves per second.
var playSpeeds = []struct {
	label string
	rate  float64
}{{"0.25×", 0.25}, {"0.5×", 0.5}, {"1×", 1}, {"2×", 2}, {"4×", 4}}

// timelineBar holds the timeline with its controls: play/pause and speed
// on the left; the exact dates of the range, the "All time" button and a
// note on the right. It shows the range its owner gives it (showRange)
// and hands what the user types to its owner (setRange, allTime).
type timelineBar struct {
	box      fyne.CanvasObject
	t        *mapwidget.Timeline
	play     *widget.Button
	speed    *widget.Select
	from, to *widget.Entry
	dates    *fyne.Container // the date fields
	all      *widget.Button
	note     *widget.Label
	rate     float64
	stop     chan struct{}

	setRange func(from, to time.Time) error
	allTime  func()
}

func newTimelineBar(t *mapwidget.Timeline, setRange func(from, to time.Time) error, allTime func()) *timelineBar {
	b := &timelineBar{t: t, rate: 1, setRange: setRange, allTime: allTime}
	b.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), b.TogglePlay)
	var labels []string
	for _, s := range playSpeeds {
		labels = append(labels, s.label)
	}
	b.speed = widget.NewSelect(labels, func(l string) {
		for _, s := range playSpeeds {
			if s.label == l {
				b.rate = s.rate
			}
		}
	})
	b.speed.SetSelected("1×")
	b.from, b.to = widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{b.from, b.to} {
		e.SetPlaceHolder("YYYY-MM-DD")
		e.Validator = validDay
		e.OnSubmitted = func(string) { b.applyEntries() }
	}
	b.all = widget.NewButtonWithIcon("All time", theme.ZoomFitIcon(), func() {
		b.explain("")
		b.allTime()
	})
	b.note = widget.NewLabel("")
	b.note.Importance = widget.DangerImportance
	b.note.Wrapping = fyne.TextWrapWord
	b.note.Hide()
	dates := container.NewGridWrap(fyne.NewSize(132, b.from.MinSize().Height), b.from, b.to)
	// Hidden until there are dates to show: empty, the fields drew grey
	// blocks where their ✓ goes.
	b.dates = dates
	dates.Hide()
	right := container.NewVBox(dates, container.NewHBox(layout.NewSpacer(), b.all))
	controls := container.NewVBox(container.NewHBox(b.play, b.speed))
	b.box = container.NewPadded(container.NewBorder(nil, b.note, controls, right, t))
	return b
}

// showRange puts a range into the date fields (to is exclusive) and
// offers "All time" unless all is already chosen. The fields stay hidden
// while there are no dates to show.
func (b *timelineBar) showRange(from, to time.Time, all bool) {
	if from.IsZero() && to.IsZero() {
		b.from.SetText("")
		b.to.SetText("")
		if b.dates.Visible() {
			b.dates.Hide()
			b.box.Refresh() // lay the bar out again without them
		}
	} else {
		if !b.dates.Visible() {
			// Shown again, the fields need a layout: sized 0, an entry's
			// rounded background is drawn with a negative size.
			b.dates.Show()
			b.box.Refresh()
		}
		b.from.SetText(from.UTC().Format("2006-01-02"))
		last := to.Add(-time.Second)
		if last.Before(from) {
			last = from
		}
		b.to.SetText(last.UTC().Format("2006-01-02"))
	}
	if all {
		b.all.Disable()
	} else {
		b.all.Enable()
	}
}

// applyEntries sets the range from the date fields, or says in the note
// under the timeline what is wrong with them.
func (b *timelineBar) applyEntries() {
	from, err1 := time.Parse("2006-01-02", strings.TrimSpace(b.from.Text))
	to, err2 := time.Parse("2006-01-02", strings.TrimSpace(b.to.Text))
	switch {
	case err1 != nil:
		b.explain(fmt.Sprintf("The From date %q is not a date: type it as YYYY-MM-DD.", b.from.Text))
	case err2 != nil:
		b.explain(fmt.Sprintf("The To date %q is not a date: type it as YYYY-MM-DD.", b.to.Text))
	case to.Before(from):
		b.explain(fmt.Sprintf("The From date %s is after the To date %s: the range is unchanged.", mapwidget.FormatDay(from), mapwidget.FormatDay(to)))
	default:
		if err := b.setRange(from, to.AddDate(0, 0, 1)); err != nil {
			b.explain(err.Error())
			return
		}
		b.explain("")
	}
}

// explain shows a note under the timeline ("" hides it).
func (b *timelineBar) explain(text string) {
	b.note.SetText(text)
	if text == "" {
		b.note.Hide()
	} else {
		b.note.Show()
	}
}

func validDay(s string) error {
	_, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return errBadDay
	}
	return nil
}

type dayError struct{}

func (dayError) Error() string { return "a date as YYYY-MM-DD" }

var errBadDay error = dayError{}

// TogglePlay starts or stops sweeping the range forward through time.
func (b *timelineBar) TogglePlay() {
	if b.stop != nil {
		b.pause()
		return
	}
	if !b.t.HasData() {
		return
	}
	from, to := b.t.Range()
	first, last := b.t.Span()
	if !to.Before(last) {
		// At the end: start again from the beginning, keeping the length.
		length := to.Sub(from)
		if length >= last.Sub(first) {
			length = last.Sub(first) / 10
		}
		b.t.SetRange(first, first.Add(length))
	}
	stop := make(chan struct{})
	b.stop = stop
	b.play.SetIcon(theme.MediaPauseIcon())
	go func() {
		tick := time.NewTicker(playFrame)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				fyne.Do(func() {
					if b.stop == stop {
						b.step()
					}
				})
			}
		}
	}()
}

// step moves the range forward by one frame of playback.
func (b *timelineBar) step() {
	from, to := b.t.Range()
	_, last := b.t.Span()
	d := time.Duration(float64(to.Sub(from)) * b.rate * playFrame.Seconds())
	if d < time.Hour {
		d = time.Hour
	}
	if !to.Add(d).Before(last) {
		b.t.SetRange(last.Add(-to.Sub(from)), last)
		b.pause()
		return
	}
	b.t.SetRange(from.Add(d), to.Add(d))
}

func (b *timelineBar) pause() {
	if b.stop != nil {
		close(b.stop)
		b.stop = nil
	}
	b.play.SetIcon(theme.MediaPlayIcon())
}
