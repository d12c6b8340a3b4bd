package mapwidget

import (
	"eventmap/data/eventindex"
	"eventmap/data/model"
	"eventmap/data/store"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

// TestScenarioWorldFillsTheView (defect 6): at the widest zoom one world
// fills the view, so that no copy of it stands beside it without its
// events; zooming out further does nothing.
func TestScenarioWorldFillsTheView(t *testing.T) {
	for _, width := range []float32{400, 900, 1600} {
		m, win := newTestMap(t, themeLight, width, 300)
		m.SetView(orb.Point{0, 0}, 0)
		for range 20 {
			m.ZoomOut()
			m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 10)}, Scrolled: fyne.Delta{DY: -200}})
		}
		win.Resize(fyne.NewSize(width+200, 300)) // a wider window too
		v := m.View()
		if v.WorldSize() < float64(v.Width) {
			t.Errorf("%.0f px wide: the world is %.0f px at zoom %.2f, narrower than the view's %d", width, v.WorldSize(), v.Zoom, v.Width)
		}
	}
}

// TestScenarioScaleBarClearOfClusters (defect 14): the scale bar moves
// away from a cluster drawn where it stands, and never covers one.
func TestScenarioScaleBarClearOfClusters(t *testing.T) {
	m, win := newTestMap(t, themeLight, 400, 300)
	m.SetView(orb.Point{0, 0}, 3)
	win.Canvas().Capture()
	r := test.WidgetRenderer(m).(*mapRenderer)
	home := r.scaleBar.container.Position()
	// A cluster of events right where the scale bar stands.
	v := m.View()
	bar := r.scaleBar.container
	ll, ok := v.LonLatAt(float64(home.X+bar.Size().Width/2)*v.Scale, float64(home.Y+bar.Size().Height/2)*v.Scale)
	if !ok {
		t.Fatal("no place under the scale bar")
	}
	var pts []store.EventPoint
	for k := range 30 {
		pts = append(pts, store.EventPoint{ID: fmt.Sprint(k), Point: orb.Point{ll[0] + float64(k%3)*0.01, ll[1]}, Unix: day(2020, 1, 1).Unix(), Precision: model.Day})
	}
	l := NewEventLayer()
	l.SetIndex(eventindex.New(pts))
	m.AddOverlay(l)
	win.Canvas().Capture()
	if len(l.Clusters()) == 0 {
		t.Fatal("no cluster drawn")
	}
	at, size := bar.Position(), bar.Size()
	if at == home {
		t.Errorf("the scale bar stays at %v over the cluster", at)
	}
	if m.covered(at, size) {
		t.Errorf("the scale bar at %v covers a cluster", at)
	}
	// Without the cluster it goes back to its corner.
	l.SetIndex(eventindex.New(nil))
	win.Canvas().Capture()
	if bar.Position() != home {
		t.Errorf("the scale bar did not return to %v: %v", home, bar.Position())
	}
}
