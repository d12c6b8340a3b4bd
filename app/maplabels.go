package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"eventmap/app/mapwidget"
	"eventmap/geo/basemap"
	"eventmap/geo/labels"
)

// LoadMapLabels reads the map's labels from the gazetteer, and the
// outlines of states and provinces, in the background and shows them when
// they are ready; done, when not nil, is
// then called on the UI goroutine with the error that stopped them, if
// any.
func (mw *MainWindow) LoadMapLabels(done func(error)) {
	x := mw.explorer
	g := mw.gazetteer()
	fonts := labels.Fonts{
		Regular: theme.DefaultTextFont().Content(),
		Bold:    theme.DefaultTextBoldFont().Content(),
		Italic:  theme.DefaultTextItalicFont().Content(),
	}
	go func() {
		adm, aerr := basemap.LoadAdmin1()
		s, err := labels.FromGazetteer(g)
		var ly *labels.Layer
		if err == nil {
			ly, err = labels.NewLayer(s, fonts)
		}
		if err == nil {
			ly.InCountry = mapwidget.InCountry(mw.atlas)
		}
		fyne.Do(func() {
			if aerr != nil {
				x.log.Warn("states and provinces are drawn without their outlines", "err", aerr)
			} else {
				x.layer.SetAdmin1(adm)
			}
			if err != nil {
				x.log.Warn("the map has no labels", "err", err)
			} else {
				x.layer.SetLabels(ly)
				mw.Map.Refresh()
			}
			if done != nil {
				done(err)
			}
		})
	}()
}
