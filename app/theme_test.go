package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// relativeLuminance is WCAG 2's relative luminance of an opaque colour.
func relativeLuminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// contrastRatio is WCAG 2's contrast ratio of two colours (1 to 21).
func contrastRatio(a, b color.Color) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestContrastRatio(t *testing.T) {
	black, white := color.Black, color.White
	if r := contrastRatio(black, white); math.Abs(r-21) > 1e-9 {
		t.Errorf("black on white %.3f, want 21", r)
	}
	if r := contrastRatio(white, white); r != 1 {
		t.Errorf("white on white %.3f, want 1", r)
	}
	// #767676 on white is the classic 4.54:1.
	if r := contrastRatio(color.NRGBA{0x76, 0x76, 0x76, 0xff}, white); math.Abs(r-4.54) > 0.01 {
		t.Errorf("#767676 on white %.3f, want 4.54", r)
	}
}

// TestTextContrast checks that every colour the app draws text in meets
// WCAG AA (4.5:1) on every background that text is drawn on, in both
// themes, and that the list's and the cards' date · place lines use one of
// those colours (not the pale "disabled" grey of a low-importance label).
func TestTextContrast(t *testing.T) {
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, colorNameSecondary, theme.ColorNamePlaceHolder,
		theme.ColorNameHyperlink, theme.ColorNameError}
	grounds := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground, theme.ColorNameButton}
	for _, mode := range []ThemeMode{ThemeLight, ThemeDark} {
		th := ThemeFor(mode)
		for _, fg := range texts {
			for _, bg := range grounds {
				if r := contrastRatio(th.Color(fg, 0), th.Color(bg, 0)); r < 4.5 {
					t.Errorf("%s theme: %s text on %s is %.2f:1, below 4.5:1", mode, fg, bg, r)
				}
			}
		}
	}
	// The date · place lines are drawn in the secondary colour.
	test := newSecondaryText(false)
	setSecondaryText(test, "13 Sep 2023 · Vladivostok")
	seg := test.Segments[0].(*widget.TextSegment)
	if seg.Style.ColorName != colorNameSecondary || secondaryTextOf(test) != "13 Sep 2023 · Vladivostok" {
		t.Errorf("secondary text %q in %q", seg.Text, seg.Style.ColorName)
	}
	for _, row := range []*widget.RichText{newEventRow().meta, newEventDetail().meta} {
		if row.Segments[0].(*widget.TextSegment).Style.ColorName != colorNameSecondary {
			t.Errorf("a date · place line is not in the secondary colour")
		}
	}
}

func TestThemeSystemFollowsTheVariant(t *testing.T) {
	th := ThemeFor(ThemeSystem)
	if th.Color(theme.ColorNameBackground, theme.VariantDark) == th.Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("the system theme does not follow the variant")
	}
	if th.Color(colorNameSecondary, theme.VariantDark) == th.Color(colorNameSecondary, theme.VariantLight) {
		t.Error("the secondary text colour does not follow the variant")
	}
}
