package mapwidget

import (
	"image"
	"math"

	"github.com/paulmach/orb"

	"eventmap/data/model"
	"eventmap/geo/basemap"
	"eventmap/geo/labels"
	"eventmap/geo/viewport"
)

// mapData is what the event layer draws areas and labels with: the
// basemap's country outlines and the map's labels.
type mapData struct {
	atlas   *basemap.Atlas
	admin1  *basemap.Admin1          // nil until SetAdmin1
	outline map[string]*basemap.Area // by place ID; nil: none embedded
	painter basemap.Painter
	labels  *labels.Layer // nil until SetLabels
	extra   []labels.Label
}

// outlineOf returns a place's outline, or nil: countries have theirs in
// the basemap, states and provinces in the admin-1 outlines (once
// SetAdmin1 has given them); other areas have none embedded.
func (l *EventLayer) outlineOf(p model.Place) *basemap.Area {
	d := &l.mapData
	if ar, ok := d.outline[p.ID]; ok {
		return ar
	}
	var ar *basemap.Area
	switch {
	case p.Kind == model.KindCountry && d.atlas != nil:
		ar, _ = d.atlas.CountryArea(p.Country, p.Name)
	case p.Kind == model.KindAdmin && d.admin1 != nil:
		ar, _ = d.admin1.AreaByPlaceID(p.ID)
	default:
		return nil // not an outlined kind, or its outlines are not loaded yet
	}
	if d.outline == nil {
		d.outline = make(map[string]*basemap.Area)
	}
	d.outline[p.ID] = ar
	return ar
}

// drawAreas draws the areas that shown events happened in, under the
// markers: a country or a state with its true outline, tinted; any other
// area (a sea, a region) is named under its marker by drawLabels — never
// drawn as its bounding box.
func (l *EventLayer) drawAreas(dst *image.RGBA, v viewport.View, dark bool) {
	d := &l.mapData
	d.extra = d.extra[:0]
	if len(l.places) == 0 {
		return
	}
	if l.shownFor != l.index || l.shownRng != l.rng || l.shownSel != l.sel {
		l.shown = l.shownAreas()
		l.shownFor, l.shownRng, l.shownSel = l.index, l.rng, l.sel
	}
	fill, rim := markerLight, markerLight
	if dark {
		fill, rim = markerDark, markerDark
	}
	fill.A, rim.A = 0x1c, 0x90 // a light tint: the land stays readable
	for _, p := range l.shown {
		if ar := l.outlineOf(p); ar != nil {
			d.painter.Draw(dst, v, ar, fill, rim, 1.2)
			continue
		}
		text := p.Name
		kind := labels.KindAdmin1
		if p.Kind == model.KindWater {
			kind = labels.KindWater
		}
		if s := l.labelSet(); s != nil {
			if al, ok := s.Area(p.Point); ok && al.Kind == kind {
				text = al.Text // the map's own name for it ("Sea of Japan (East Sea)")
			}
		}
		d.extra = append(d.extra, labels.Label{Text: text, Kind: kind, Point: p.Point, DY: clusterRadius(1) + 6}) // clear of the marker's occupied box
	}
}

func (l *EventLayer) labelSet() *labels.Set {
	if l.mapData.labels == nil {
		return nil
	}
	return l.mapData.labels.Set()
}

// drawLabels names the map around the markers and cluster counts drawn,
// and the map's controls.
func (l *EventLayer) drawLabels(dst *image.RGBA, v viewport.View, dark bool) {
	d := &l.mapData
	if d.labels == nil {
		return
	}
	occupied := make([]image.Rectangle, 0, len(l.clusters)+len(l.keepOut))
	occupied = append(occupied, l.keepOut...)
	for _, c := range l.clusters {
		r := (clusterRadius(c.Count) + 2) * v.Scale
		occupied = append(occupied, image.Rect(int(math.Floor(c.X-r)), int(math.Floor(c.Y-r)), int(math.Ceil(c.X+r)), int(math.Ceil(c.Y+r))))
	}
	l.placed = d.labels.Draw(dst, v, dark, occupied, d.extra)
}

// InCountry tells whether a point lies in a country, on the basemap's
// coarsest level (enough to find a place for its name): the test a
// labels.Layer's InCountry takes.
func InCountry(a *basemap.Atlas) func(ll orb.Point, code string) bool {
	return func(ll orb.Point, code string) bool {
		c, ok := a.CountryAt(ll, "110m")
		return ok && c.Code() == code
	}
}

// SetAtlas gives the basemap whose country outlines are drawn for events
// in a country; nil draws none.
func (l *EventLayer) SetAtlas(a *basemap.Atlas) {
	l.mapData.atlas = a
	l.mapData.outline = nil // look the outlines up again
}

// SetAdmin1 gives the outlines of states and provinces drawn for events
// in one; nil draws none.
func (l *EventLayer) SetAdmin1(a *basemap.Admin1) {
	l.mapData.admin1 = a
	l.mapData.outline = nil // look the outlines up again
}

// SetLabels gives the map's labels, drawn around the markers; nil draws
// none.
func (l *EventLayer) SetLabels(ly *labels.Layer) { l.mapData.labels = ly }
