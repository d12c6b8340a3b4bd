package mapwidget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// themeMode picks the variant the widgets are tested in.
type themeMode string

const (
	themeLight themeMode = "light"
	themeDark  themeMode = "dark"
)

// themeFor returns Fyne's default theme with its variant forced, as the
// app's theme forces it.
func themeFor(mode themeMode) fyne.Theme {
	v := theme.VariantLight
	if mode == themeDark {
		v = theme.VariantDark
	}
	return forcedTheme{v}
}

type forcedTheme struct{ variant fyne.ThemeVariant }

func (t forcedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.variant)
}

func (t forcedTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t forcedTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t forcedTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
