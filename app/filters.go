package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"eventmap/app/explore"
	"eventmap/data/model"
)

// The choices of the kind and date filters, with their labels.
var (
	kindChoices = []struct {
		label string
		kind  model.PlaceKind
	}{
		{"Any place", ""}, {"Cities, towns", model.KindCity}, {"Countries", model.KindCountry},
		{"States, counties", model.KindAdmin}, {"Regions", model.KindRegion},
		{"Seas, rivers", model.KindWater}, {"Landmarks", model.KindLandmark},
	}
	precisionChoices = []struct {
		label string
		p     model.Precision
	}{
		{"Any date", explore.AnyPrecision}, {"To the day", model.Day}, {"To the month", model.Month},
		{"To the year", model.Year}, {"Undated", model.Undated},
	}
)

const anySource = "Any source"

// filterBar holds the kind, date precision and source filters, and the
// needs-review filter.
type filterBar struct {
	x                  *Explorer
	box                fyne.CanvasObject
	kind, prec, source *widget.Select
	review             *widget.Check
}

func newFilterBar(x *Explorer) *filterBar {
	b := &filterBar{x: x}
	var kinds, precs []string
	for _, k := range kindChoices {
		kinds = append(kinds, k.label)
	}
	for _, p := range precisionChoices {
		precs = append(precs, p.label)
	}
	b.kind = widget.NewSelect(kinds, func(s string) {
		for _, k := range kindChoices {
			if k.label == s {
				f := x.c.Filter()
				f.Kind = k.kind
				x.c.SetFilter(f)
			}
		}
	})
	b.prec = widget.NewSelect(precs, func(s string) {
		for _, p := range precisionChoices {
			if p.label == s {
				f := x.c.Filter()
				f.Precision = p.p
				x.c.SetFilter(f)
			}
		}
	})
	b.source = widget.NewSelect([]string{anySource}, func(s string) {
		f := x.c.Filter()
		f.Source = s
		if s == anySource {
			f.Source = ""
		}
		x.c.SetFilter(f)
	})
	b.kind.SetSelectedIndex(0)
	b.prec.SetSelectedIndex(0)
	b.source.SetSelectedIndex(0)
	b.review = widget.NewCheck(reviewLabel(0), func(on bool) {
		f := x.c.Filter()
		f.Review = on
		x.c.SetFilter(f)
	})
	b.box = container.NewVBox(container.NewGridWithColumns(3, b.kind, b.prec, b.source), b.review)
	return b
}

// setReviewCount writes how many events need review on the filter.
func (b *filterBar) setReviewCount(n int) {
	if s := reviewLabel(n); s != b.review.Text {
		b.review.SetText(s)
	}
}

// setSources offers the sources of the stored articles.
func (b *filterBar) setSources(sources []string) {
	b.source.Options = append([]string{anySource}, sources...)
	if b.x.c.Filter().Source == "" {
		b.source.SetSelectedIndex(0)
	}
	b.source.Refresh()
}
