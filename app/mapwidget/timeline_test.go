package mapwidget

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"eventmap/data/eventindex"
)

// newTestTimeline puts a timeline of 600×74 over [first, last) in a window.
func newTestTimeline(t *testing.T, mode themeMode, first, last time.Time) (*Timeline, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(themeFor(mode))
	tl := NewTimeline()
	win := test.NewTempWindow(t, tl)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(600, 74))
	ix := testIndex(first, last)
	tl.SetData(first, last, first, last, func(from, to time.Time, s eventindex.Step) []eventindex.Bucket {
		return ix.Histogram(from, to, s, nil)
	})
	return tl, win
}

// desktopDrag drags the timeline the way the desktop driver does: each event
// carries the pointer's new position and the distance since the last one.
func desktopDrag(tl *Timeline, x, dx float32) {
	const steps = 4
	for i := 1; i <= steps; i++ {
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x+dx*float32(i)/steps, 30)}, Dragged: fyne.Delta{DX: dx / steps}})
	}
	tl.DragEnd()
}

func TestTimelineGolden(t *testing.T) {
	cases := []struct {
		name        string
		first, last time.Time
		from, to    time.Time
		step        eventindex.Step
	}{
		{"days", day(2023, 9, 1), day(2023, 10, 1), day(2023, 9, 10), day(2023, 9, 17), eventindex.Day},
		{"weeks", day(2022, 1, 1), day(2024, 1, 1), day(2023, 1, 1), day(2023, 7, 1), eventindex.Week},
		{"years", day(1990, 1, 1), day(2024, 1, 1), day(2000, 1, 1), day(2010, 1, 1), eventindex.Year},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl, win := newTestTimeline(t, themeLight, c.first, c.last)
			tl.SetRange(c.from, c.to)
			if _, step := tl.Buckets(); step != c.step {
				t.Errorf("step %v, want %v", step, c.step)
			}
			assertGolden(t, "timeline/"+c.name+".png", win.Canvas().Capture())
		})
	}
}

func TestTimelineDragging(t *testing.T) {
	first, last := day(2020, 1, 1), day(2021, 1, 1) // 366 days over 600 px
	pxPerDay := float32(600) / 366
	at := func(d time.Time) float32 { return float32(d.Sub(first).Hours()/24) * pxPerDay }
	near := func(a, b time.Time) bool { return a.Sub(b).Abs() < 36*time.Hour }

	cases := []struct {
		name           string
		start          [2]time.Time
		x, dx          float32
		wantFrom, want time.Time
	}{
		{"a drag on the full range draws a new one", [2]time.Time{first, last}, at(day(2020, 3, 1)), at(day(2020, 5, 1)) - at(day(2020, 3, 1)), day(2020, 3, 1), day(2020, 5, 1)},
		{"the left handle moves the start", [2]time.Time{day(2020, 3, 1), day(2020, 9, 1)}, at(day(2020, 3, 1)), 50 * pxPerDay, day(2020, 4, 20), day(2020, 9, 1)},
		{"the right handle moves the end", [2]time.Time{day(2020, 3, 1), day(2020, 9, 1)}, at(day(2020, 9, 1)), -31 * pxPerDay, day(2020, 3, 1), day(2020, 8, 1)},
		{"the window moves whole", [2]time.Time{day(2020, 3, 1), day(2020, 4, 1)}, at(day(2020, 3, 15)), 61 * pxPerDay, day(2020, 5, 1), day(2020, 6, 1)},
		{"the window stops at the end", [2]time.Time{day(2020, 11, 1), day(2020, 12, 1)}, at(day(2020, 11, 15)), 200 * pxPerDay, day(2020, 12, 2), last},
		{"a handle cannot cross the other", [2]time.Time{day(2020, 3, 1), day(2020, 4, 1)}, at(day(2020, 3, 1)), 100 * pxPerDay, day(2020, 4, 1), day(2020, 4, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl, _ := newTestTimeline(t, themeLight, first, last)
			tl.SetRange(c.start[0], c.start[1])
			var calls int
			// The owner accepts every range asked for.
			tl.OnChanged = func(from, to time.Time) { calls++; tl.ShowRange(from, to) }
			desktopDrag(tl, c.x, c.dx)
			from, to := tl.Range()
			if !near(from, c.wantFrom) || !near(to, c.want) {
				t.Errorf("range %s, want %s", FormatRange(from, to), FormatRange(c.wantFrom, c.want))
			}
			if calls == 0 {
				t.Errorf("OnChanged not called while dragging")
			}
		})
	}
}

func TestTimelineTapMovesWindow(t *testing.T) {
	first, last := day(2020, 1, 1), day(2021, 1, 1)
	tl, _ := newTestTimeline(t, themeLight, first, last)
	tl.SetRange(day(2020, 1, 1), day(2020, 2, 1))
	test.TapAt(tl, fyne.NewPos(300, 30)) // the middle of the year
	from, to := tl.Range()
	if to.Sub(from) != 31*24*time.Hour || from.Month() != time.June {
		t.Errorf("range after tap %s", FormatRange(from, to))
	}
}

func TestTimelineTicks(t *testing.T) {
	cases := []struct {
		first, last time.Time
		max         int
		want        string
	}{
		{day(2023, 9, 1), day(2023, 9, 6), 8, "[1 Sep 2023 2 Sep 2023 3 Sep 2023 4 Sep 2023 5 Sep 2023 6 Sep 2023]"},
		{day(2023, 1, 15), day(2023, 12, 31), 6, "[Apr 2023 Jul 2023 Oct 2023]"},
		{day(2023, 1, 15), day(2023, 12, 31), 12, "[Feb 2023 Mar 2023 Apr 2023 May 2023 Jun 2023 Jul 2023 Aug 2023 Sep 2023 Oct 2023 Nov 2023 Dec 2023]"},
		{day(1990, 1, 1), day(2024, 1, 1), 8, "[1990 1995 2000 2005 2010 2015 2020]"},
		{day(2015, 1, 1), day(2024, 1, 1), 10, "[2015 2016 2017 2018 2019 2020 2021 2022 2023 2024]"},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range TimelineTicks(c.first, c.last, c.max) {
			got = append(got, tk.Label)
		}
		if fmt.Sprint(got) != c.want {
			t.Errorf("%s–%s max %d: %v, want %s", FormatDay(c.first), FormatDay(c.last), c.max, got, c.want)
		}
	}
}

func TestTimelineScrollZoomsTheSpan(t *testing.T) {
	first, last := day(2000, 1, 1), day(2024, 1, 1)
	tl, _ := newTestTimeline(t, themeLight, first, last)
	changed := false
	tl.OnChanged = func(time.Time, time.Time) { changed = true }
	// Scroll up over the middle: less time shown, around 2012.
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 30)}, Scrolled: fyne.Delta{DY: 120}})
	s0, s1 := tl.Span()
	if l := s1.Sub(s0); l > 5*365*24*time.Hour || !s0.Before(day(2012, 1, 1)) || !s1.After(day(2012, 1, 1)) {
		t.Errorf("span after zooming in %s", FormatRange(s0, s1))
	}
	// Zooming the span shown leaves the range alone: it still covers
	// everything, beyond the span shown.
	if from, to := tl.Range(); changed || !from.Equal(first) || !to.Equal(last) {
		t.Errorf("range %s (changed %v), span %s", FormatRange(from, to), changed, FormatRange(s0, s1))
	}
	// Scrolling far down shows all the data, never more.
	for range 10 {
		tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 30)}, Scrolled: fyne.Delta{DY: -200}})
	}
	if s0, s1 := tl.Span(); !s0.Equal(first) || !s1.Equal(last) {
		t.Errorf("span after zooming out %s", FormatRange(s0, s1))
	}
	// Never less than a week.
	for range 30 {
		tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 30)}, Scrolled: fyne.Delta{DY: 300}})
	}
	if s0, s1 := tl.Span(); s1.Sub(s0) < minSpan {
		t.Errorf("span %v shorter than a week", s1.Sub(s0))
	}
}
