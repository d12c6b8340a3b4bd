package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ThemeMode is the user's choice of light or dark.
type ThemeMode string

// The theme modes: follow the system, or force one variant.
const (
	ThemeSystem ThemeMode = "system"
	ThemeLight  ThemeMode = "light"
	ThemeDark   ThemeMode = "dark"
)

// ThemeFor returns the Fyne theme for a mode: the default theme, with its
// variant forced for ThemeLight and ThemeDark.
func ThemeFor(mode ThemeMode) fyne.Theme {
	switch mode {
	case ThemeLight:
		return &variantTheme{variant: theme.VariantLight}
	case ThemeDark:
		return &variantTheme{variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// variantTheme is the default theme with one variant forced.
type variantTheme struct{ variant fyne.ThemeVariant }

func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.variant)
}

func (t *variantTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *variantTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *variantTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
