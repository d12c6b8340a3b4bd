package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestMenuShortcutsHaveRoom: in every menu and submenu, an item's label
// ends well before its shortcut (at least two paddings, as a reader sees
// a gap), instead of running into it.
func TestMenuShortcutsHaveRoom(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ThemeFor(ThemeLight))
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	gap := 2 * theme.InnerPadding()
	var check func(menu *fyne.Menu)
	check = func(menu *fyne.Menu) {
		m := widget.NewMenu(menu)
		win := test.NewTempWindow(t, m)
		win.Resize(m.MinSize())
		texts := findAll(m, func(o fyne.CanvasObject) bool { _, ok := o.(*canvas.Text); return ok })
		labels := map[string]bool{}
		for _, it := range menu.Items {
			labels[it.Label] = it.Shortcut != nil
			if it.ChildMenu != nil {
				check(it.ChildMenu)
			}
		}
		for i, p := range texts {
			tx := p.obj.(*canvas.Text)
			if hasShortcut, ok := labels[tx.Text]; !ok || !hasShortcut || i+1 >= len(texts) {
				continue
			}
			next := texts[i+1] // the shortcut's first text, on the same row
			if end := p.pos.X + tx.MinSize().Width; next.pos.X-end < gap {
				t.Errorf("menu %q: %q ends at %.0f, %.0f px from its shortcut %q", menu.Label, tx.Text, end, next.pos.X-end, next.obj.(*canvas.Text).Text)
			}
		}
	}
	for _, menu := range mw.Window.MainMenu().Items {
		check(menu)
	}
}
