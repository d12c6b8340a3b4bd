package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"eventmap/app/explore"
)

// prefReviewThreshold is the preference key of the confidence under which
// a place needs review.
const prefReviewThreshold = "review.threshold"

// reviewThreshold reads the review threshold from the preferences.
func (mw *MainWindow) reviewThreshold() float64 {
	return mw.app.Preferences().FloatWithFallback(prefReviewThreshold, explore.DefaultReviewThreshold)
}

// applyReviewThreshold gives the stored review threshold to the explorer;
// a stored value that is not a confidence is logged and the default kept.
func (mw *MainWindow) applyReviewThreshold() {
	if err := mw.explorer.c.SetReviewThreshold(mw.reviewThreshold()); err != nil {
		mw.explorer.log.Warn("ignoring the stored review threshold", "key", prefReviewThreshold, "err", err)
	}
}

// saveReviewThreshold sets the review threshold and stores it.
func (mw *MainWindow) saveReviewThreshold(t float64) error {
	if err := mw.explorer.c.SetReviewThreshold(t); err != nil {
		return err
	}
	mw.app.Preferences().SetFloat(prefReviewThreshold, t)
	return nil
}

// reviewSetting is the Settings control of the review threshold: a slider
// in percent, with its value written beside it.
func reviewSetting(t float64) (fyne.CanvasObject, *widget.Slider) {
	s := widget.NewSlider(0, 100)
	s.Step = 5
	s.SetValue(math.Round(100 * t))
	value := widget.NewLabel("")
	show := func(v float64) { value.SetText(fmt.Sprintf("%3.0f %%", v)) }
	show(s.Value)
	s.OnChanged = show
	note := newSecondaryText(true)
	setSecondaryText(note, "Places the geoparser is less sure of than this are drawn as dashed rings and listed by the “Needs review” filter.")
	return container.NewVBox(container.NewBorder(nil, nil, nil, value, s), note), s
}

// reviewLabel is the text of the needs-review filter, with how many
// events in the range need review.
func reviewLabel(n int) string {
	if n == 0 {
		return "Needs review"
	}
	return fmt.Sprintf("Needs review (%s)", groupDigits(n))
}
