package app

import (
	"image"
	"image/draw"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
)

// captureObject draws the main window and cuts out one of its objects.
func captureObject(t *testing.T, mw *MainWindow, o fyne.CanvasObject) image.Image {
	t.Helper()
	c := mw.Window.Canvas()
	full := c.Capture()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	s := c.Scale()
	r := image.Rect(int(pos.X*s), int(pos.Y*s), int((pos.X+o.Size().Width)*s), int((pos.Y+o.Size().Height)*s)).Intersect(full.Bounds())
	if r.Empty() {
		t.Fatalf("the object at %v, %v is not in the window", pos, o.Size())
	}
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), full, r.Min, draw.Src)
	return out
}

// TestEventListGolden draws both tabs of the event list over the whole
// world: "By article" has one row per article with its places as chips
// and its count, "By place" one row per place with its count.
func TestEventListGolden(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	mw.Window.Resize(fyne.NewSize(1000, 640))
	mw.Map.SetView(orb.Point{60, 20}, 0)
	if len(x.articles) != 2 || len(x.byPlace) != 4 {
		t.Fatalf("rows: %d articles, %d places", len(x.articles), len(x.byPlace))
	}
	x.lists.SelectIndex(0)
	assertGolden(t, "explorer/list_by_article.png", captureObject(t, mw, x.listBox))
	x.lists.SelectIndex(1)
	assertGolden(t, "explorer/list_by_place.png", captureObject(t, mw, x.listBox))
}

// TestEventListKeyboard moves through each list with the arrow keys and
// selects a row with Space: the map's selection and the card follow.
func TestEventListKeyboard(t *testing.T) {
	for _, tab := range []string{"By article", "By place"} {
		t.Run(tab, func(t *testing.T) {
			mw := openExplorer(t, sampleDB(t))
			x := mw.explorer
			mw.Window.Resize(fyne.NewSize(1000, 640))
			mw.Map.SetView(orb.Point{60, 20}, 0)
			list, rows := x.list, &x.articles
			if tab == "By place" {
				list, rows = x.places, &x.byPlace
			}
			for i, ti := range x.lists.Items {
				if ti.Text == tab {
					x.lists.SelectIndex(i)
				}
			}
			c := mw.Window.Canvas()
			// Tab reaches the list from the search field.
			c.Focus(x.searchEntry)
			for range 50 {
				if c.Focused() == list {
					break
				}
				c.FocusNext()
			}
			if c.Focused() != list {
				t.Fatalf("Tab never reached the %s list (focus on %T)", tab, c.Focused())
			}
			// Down, Up, Down: the focus is on the second row; Space selects it.
			want := (*rows)[1]
			for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyUp, fyne.KeyDown} {
				list.TypedKey(&fyne.KeyEvent{Name: k})
			}
			list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
			if got := x.c.SelectedGroup(); !sameInts(got, want.events) {
				t.Fatalf("Space on the second row selected %v, want %v (%s)", got, want.events, want.key)
			}
			sel := x.layer.Selected()
			if sel < 0 || !containsInt(want.events, sel) {
				t.Errorf("the map selects %d, not an event of %s", sel, want.key)
			}
			if !x.detail.box.Visible() {
				t.Error("the card is not shown")
			}
			if _, ok := c.Focused().(*widget.List); !ok {
				t.Errorf("selecting moved the focus to %T", c.Focused())
			}
			// The map shows the row's events.
			v := mw.Map.View()
			for _, i := range want.events {
				if px, py := v.PixelOf(x.c.Index().Point(i)); px < 0 || py < 0 || px > float64(v.Width) || py > float64(v.Height) {
					t.Errorf("event %d out of view at %.0f,%.0f", i, px, py)
				}
			}
		})
	}
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	seen := make(map[int]int)
	for _, v := range a {
		seen[v]++
	}
	for _, v := range b {
		if seen[v] == 0 {
			return false
		}
		seen[v]--
	}
	return true
}

func containsInt(s []int, v int) bool {
	for _, w := range s {
		if w == v {
			return true
		}
	}
	return false
}
