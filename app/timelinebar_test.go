package app

import (
	"eventmap/app/mapwidget"
	"testing"
	"time"
)

// TestTimelinePlayback: the bar under the timeline plays the range
// forward, a frame at a time, and its date fields set the range.
func TestTimelinePlayback(t *testing.T) {
	first, last := day(2020, 1, 1), day(2021, 1, 1)
	tl, _ := newTestTimeline(t, ThemeLight, first, last)
	// The bar's owner, as the explorer's controller is: it takes a range
	// and has the timeline and the fields draw it.
	var b *timelineBar
	setRange := func(from, to time.Time) error {
		tl.ShowRange(from, to)
		b.showRange(from, to, false)
		return nil
	}
	tl.OnChanged = func(from, to time.Time) { setRange(from, to) }
	b = newTimelineBar(tl, setRange, func() { setRange(first, last) })
	tl.SetRange(day(2020, 1, 1), day(2020, 2, 1))
	if b.from.Text != "2020-01-01" || b.to.Text != "2020-01-31" {
		t.Errorf("date fields %q %q", b.from.Text, b.to.Text)
	}
	b.rate = 1
	b.step() // one frame: a tenth of the window's length at 1×
	from, _ := tl.Range()
	if want := day(2020, 1, 1).Add(31 * 24 * time.Hour / 10); from.Sub(want).Abs() > time.Minute {
		t.Errorf("after one frame the range starts %v, want %v", from, want)
	}
	// Typing exact dates sets the range.
	b.from.SetText("2020-06-01")
	b.to.SetText("2020-06-30")
	b.applyEntries()
	if from, to := tl.Range(); !from.Equal(day(2020, 6, 1)) || !to.Equal(day(2020, 7, 1)) {
		t.Errorf("typed range %s", mapwidget.FormatRange(from, to))
	}
	// Playing to the end stops.
	tl.SetRange(day(2020, 12, 1), day(2020, 12, 31))
	b.stop = make(chan struct{})
	for range 20 {
		if b.stop == nil {
			break
		}
		b.step()
	}
	if _, to := tl.Range(); b.stop != nil || !to.Equal(last) {
		t.Errorf("playback did not stop at the end: %v", to)
	}
}
