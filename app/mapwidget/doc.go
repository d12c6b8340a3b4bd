// Package mapwidget holds the explorer's reusable Fyne widgets: MapView,
// the interactive world map on the offline basemap; EventLayer, the
// overlay that draws events on it as markers, clusters or a heat map,
// with the outlines and names of the areas they happened in; and
// Timeline, the histogram of events over time with a chosen date range.
//
// The widgets know nothing of the window they are in: what they need of
// the application (which events need review, which places are areas, the
// map's labels) is given to them through their setters, and they tell of
// the user's actions through their On… callbacks. The map and the
// timeline take their sizes and colours from their Theme(), as Fyne's own
// widgets do; the event markers keep colours of their own, in a light and
// a dark set that follow the theme's background. All their methods must be
// called on the Fyne UI goroutine.
package mapwidget

// Fyne reads the user's language while its packages initialise: settle it
// first (see the locale package).
import _ "eventmap/app/internal/locale"
