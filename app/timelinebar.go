package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
// on the left, the exact dates of the range on the right.
type timelineBar struct {
	box      fyne.CanvasObject
	t        *Timeline
	play     *widget.Button
	speed    *widget.Select
	from, to *widget.Entry
	dates    *fyne.Container // the date fields
	rate     float64
	stop     chan struct{}
}

func newTimelineBar(t *Timeline) *timelineBar {
	b := &timelineBar{t: t, rate: 1}
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
	prev := t.OnChanged
	t.OnChanged = func(from, to time.Time) {
		b.showRange(from, to)
		if prev != nil {
			prev(from, to)
		}
	}
	dates := container.NewGridWrap(fyne.NewSize(132, b.from.MinSize().Height), b.from, b.to)
	// Hidden until there are dates to show: empty, the fields drew grey
	// blocks where their ✓ goes.
	b.dates = dates
	dates.Hide()
	controls := container.NewVBox(container.NewHBox(b.play, b.speed))
	b.box = container.NewPadded(container.NewBorder(nil, nil, controls, dates, t))
	return b
}

// showRange puts a range into the date fields (to is exclusive).
func (b *timelineBar) showRange(from, to time.Time) {
	b.dates.Show()
	b.from.SetText(from.UTC().Format("2006-01-02"))
	last := to.Add(-time.Second)
	if last.Before(from) {
		last = from
	}
	b.to.SetText(last.UTC().Format("2006-01-02"))
}

// applyEntries sets the range from the date fields, when both are valid.
func (b *timelineBar) applyEntries() {
	from, err1 := time.Parse("2006-01-02", strings.TrimSpace(b.from.Text))
	to, err2 := time.Parse("2006-01-02", strings.TrimSpace(b.to.Text))
	if err1 != nil || err2 != nil {
		return
	}
	b.t.SetRange(from, to.AddDate(0, 0, 1))
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
	if b.t.hist == nil {
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
