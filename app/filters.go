package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"eventmap/data/model"
)

// anyPrecision is the filter value that keeps every date precision.
const anyPrecision model.Precision = 255

// filter is what the filters ask for; the zero value (with precision set
// to anyPrecision) keeps everything.
type filter struct {
	text      string
	source    string
	kind      model.PlaceKind
	precision model.Precision
}

// none reports whether the filter keeps every event.
func (f filter) none() bool {
	return f.text == "" && f.source == "" && f.kind == "" && f.precision == anyPrecision
}

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
		{"Any date", anyPrecision}, {"To the day", model.Day}, {"To the month", model.Month},
		{"To the year", model.Year}, {"Undated", model.Undated},
	}
)

const anySource = "Any source"

// filterBar holds the kind, date precision and source filters.
type filterBar struct {
	x                  *Explorer
	box                fyne.CanvasObject
	kind, prec, source *widget.Select
}

func newFilterBar(x *Explorer) *filterBar {
	x.filter.precision = anyPrecision
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
			if k.label == s && x.filter.kind != k.kind {
				x.filter.kind = k.kind
				x.applyFilter()
			}
		}
	})
	b.prec = widget.NewSelect(precs, func(s string) {
		for _, p := range precisionChoices {
			if p.label == s && x.filter.precision != p.p {
				x.filter.precision = p.p
				x.applyFilter()
			}
		}
	})
	b.source = widget.NewSelect([]string{anySource}, func(s string) {
		src := s
		if s == anySource {
			src = ""
		}
		if x.filter.source != src {
			x.filter.source = src
			x.applyFilter()
		}
	})
	b.kind.SetSelectedIndex(0)
	b.prec.SetSelectedIndex(0)
	b.source.SetSelectedIndex(0)
	b.box = container.NewGridWithColumns(3, b.kind, b.prec, b.source)
	return b
}

// setSources offers the sources of the stored articles.
func (b *filterBar) setSources(sources []string) {
	b.source.Options = append([]string{anySource}, sources...)
	if b.x.filter.source == "" {
		b.source.SetSelectedIndex(0)
	}
	b.source.Refresh()
}
