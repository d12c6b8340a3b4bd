package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ThemeMode is the user's choice of light or dark.
type ThemeMode string

// The theme modes: follow the system, or force one variant.
const (
	ThemeSystem ThemeMode = "system"
	ThemeLight  ThemeMode = "light"
	ThemeDark   ThemeMode = "dark"
)

// colorNameSecondary is the theme colour of secondary text (the date ·
// place lines of the list and the cards): quieter than the foreground,
// yet readable (WCAG AA, 4.5:1) on every background text is drawn on.
const colorNameSecondary fyne.ThemeColorName = "eventmap.secondary"

// ThemeFor returns the Fyne theme for a mode: the default theme with text
// colours that meet WCAG AA in both variants, its variant forced for
// ThemeLight and ThemeDark and following the system for ThemeSystem.
func ThemeFor(mode ThemeMode) fyne.Theme {
	switch mode {
	case ThemeLight:
		return &readableTheme{variant: theme.VariantLight, forced: true}
	case ThemeDark:
		return &readableTheme{variant: theme.VariantDark, forced: true}
	}
	return &readableTheme{}
}

// readableTheme is the default theme with its pale text colours
// (placeholder, error, hyperlink, secondary text) darkened on light and
// lightened on dark backgrounds to meet WCAG AA; forced fixes its variant.
type readableTheme struct {
	variant fyne.ThemeVariant
	forced  bool
}

func (t *readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	light := v == theme.VariantLight // as the default theme: any other variant is dark
	// Text colours that replace the default theme's where those are too
	// pale (ratios in theme_test.go).
	switch n {
	case colorNameSecondary, theme.ColorNamePlaceHolder:
		if light {
			return color.NRGBA{R: 0x5e, G: 0x5e, B: 0x5e, A: 0xff}
		}
		return color.NRGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff}
	case theme.ColorNameError:
		if light {
			return color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
		}
		return color.NRGBA{R: 0xff, G: 0x7a, B: 0x6e, A: 0xff}
	case theme.ColorNameHyperlink:
		if light {
			return color.NRGBA{R: 0x1a, G: 0x5f, B: 0xd6, A: 0xff}
		}
		return color.NRGBA{R: 0x6e, G: 0xa8, B: 0xff, A: 0xff}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *readableTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *readableTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *readableTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// newSecondaryText returns an empty line of secondary text (a date ·
// place line) in the theme's secondary colour, which, unlike a
// low-importance label's "disabled" grey, is readable; it is truncated
// with an ellipsis, or wrapped at words.
func newSecondaryText(wrap bool) *widget.RichText {
	seg := &widget.TextSegment{Style: widget.RichTextStyleInline}
	seg.Style.ColorName = colorNameSecondary
	rt := widget.NewRichText(seg)
	if wrap {
		rt.Wrapping = fyne.TextWrapWord
	} else {
		rt.Truncation = fyne.TextTruncateEllipsis
	}
	return rt
}

// setSecondaryText shows text in a line made by newSecondaryText.
func setSecondaryText(rt *widget.RichText, text string) {
	seg := rt.Segments[0].(*widget.TextSegment)
	if seg.Text == text {
		return
	}
	seg.Text = text
	rt.Refresh()
}

// secondaryTextOf returns what a line made by newSecondaryText shows.
func secondaryTextOf(rt *widget.RichText) string { return rt.Segments[0].(*widget.TextSegment).Text }
