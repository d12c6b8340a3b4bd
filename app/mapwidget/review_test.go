package mapwidget

import (
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"fmt"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// TestReviewMarkersGolden: markers of places that need review are dashed
// rings, selected or not, in both themes, beside plain markers.
func TestReviewMarkersGolden(t *testing.T) {
	var pts []store.EventPoint
	for k := range 10 {
		pts = append(pts, store.EventPoint{ID: fmt.Sprint(k), Point: orb.Point{float64(2 + 4*(k%5)), float64(50 - 5*(k/5))},
			Unix: day(2020, 1, 1+k).Unix(), Precision: model.Day})
	}
	ix := eventindex.New(pts)
	for _, mode := range []themeMode{themeLight, themeDark} {
		t.Run(string(mode), func(t *testing.T) {
			m, win := newTestMap(t, mode, 480, 320)
			l := NewEventLayer()
			l.SetIndex(ix)
			l.SetReview(func(i int) bool { id, _ := strconv.Atoi(ix.ID(i)); return id%2 == 1 })
			sel, _ := ix.Find("3")
			l.Select(sel)
			m.AddOverlay(l)
			m.SetView(orb.Point{10, 47.5}, 5)
			assertGolden(t, "mapview/review_"+string(mode)+".png", win.Canvas().Capture())
			rings := 0
			for _, c := range l.Clusters() {
				if c.Count != 1 {
					t.Errorf("a cluster of %d: the markers should stand alone", c.Count)
				}
				if l.NeedsReview(c.Event) {
					rings++
				}
			}
			if rings != 5 {
				t.Errorf("%d markers need review, want 5", rings)
			}
		})
	}
}
