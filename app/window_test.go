package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

func TestMainWindow(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{Version: "v1.2.3 (commit abc)"})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	if mw.Window.Title() != Title {
		t.Errorf("title %q", mw.Window.Title())
	}
	// Empty states, not fake data.
	markup := test.RenderObjectToMarkup(mw.Window.Content())
	for _, want := range []string{"No events yet", "Timeline", "Zoom 2.00"} {
		if !strings.Contains(markup, want) {
			t.Errorf("window does not show %q", want)
		}
	}
	mw.side.SelectIndex(1)
	if markup := test.RenderObjectToMarkup(mw.Window.Content()); !strings.Contains(markup, "No article open") {
		t.Errorf("the article tab does not show its empty state")
	}
	min := mw.Window.Content().MinSize()
	if min.Width > 1000 || min.Height > 700 || min.Width < 400 {
		t.Errorf("minimum size %v", min)
	}
	// Moving the pointer over Russia names it in the status line.
	mw.Map.SetView(orb.Point{100, 60}, 4)
	mw.pointerMoved(orb.Point{100, 60}, true)
	if got := mw.status.Text; !strings.Contains(got, "Russia") || !strings.Contains(got, "60.000° N") {
		t.Errorf("status %q", got)
	}
	mw.pointerMoved(orb.Point{}, false)
	if got := mw.status.Text; strings.Contains(got, "Russia") {
		t.Errorf("status %q after the pointer left", got)
	}
	if !strings.Contains(AboutText("v1"), "Natural Earth") || !strings.Contains(AboutText("v1"), "GeoNames") || !strings.Contains(AboutText("v1"), "SCOWL") {
		t.Error("About box lacks the data credits")
	}
}

func TestThemeChoiceIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	mw.SetTheme(ThemeDark)
	if got := a.Preferences().String(prefTheme); got != string(ThemeDark) {
		t.Errorf("preference %q", got)
	}
	if mw.Map.Style() != darkStyleForTest() {
		t.Errorf("map not dark after choosing the dark theme")
	}
	mw.SetTheme(ThemeLight)
	if mw.Map.Style() == darkStyleForTest() {
		t.Errorf("map still dark after choosing the light theme")
	}
	_ = fyne.CurrentApp()
}

// TestMenuAndShortcutHelpAgree: every shortcut of the menus is in the
// shortcut help with its key, and the help names no shortcut the menus
// lack.
func TestMenuAndShortcutHelpAgree(t *testing.T) {
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	help := map[string]string{}
	for _, line := range mw.shortcutHelp() {
		if strings.HasPrefix(line[0], modifierName()+"+") {
			help[line[0]] = line[1]
		}
	}
	inMenus := map[string]bool{}
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
			sc, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok {
				continue
			}
			label := (&shortcut{key: sc.KeyName}).keyLabel()
			inMenus[label] = true
			if sc.Modifier != fyne.KeyModifierShortcutDefault {
				t.Errorf("%q does not use the platform's shortcut modifier", it.Label)
			}
			if help[label] == "" {
				t.Errorf("%q (%s) is missing from the shortcut help", it.Label, label)
			}
		}
	}
	for _, m := range mw.Window.MainMenu().Items {
		walk(m.Items)
	}
	for label, what := range help {
		if !inMenus[label] {
			t.Errorf("the help lists %s (%s), which no menu item has", label, what)
		}
	}
	if len(inMenus) < 8 {
		t.Errorf("only %d shortcuts in the menus", len(inMenus))
	}
}

func TestFormatLonLat(t *testing.T) {
	cases := map[orb.Point]string{
		{128.334, 51.884}:  "51.884° N, 128.334° E",
		{-74.006, 40.7128}: "40.713° N, 74.006° W",
		{151.2093, -33.87}: "33.870° S, 151.209° E",
	}
	for ll, want := range cases {
		if got := FormatLonLat(ll); got != want {
			t.Errorf("FormatLonLat(%v) = %q, want %q", ll, got, want)
		}
	}
}
