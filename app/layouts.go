package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// widthLayout gives its objects a fixed width and asks for the height
// they need at that width, so that wrapped text (which is one line high
// until it knows its width) is measured as it will be drawn. Dialogs use
// it instead of a grid cell sized from a minimum measured too early.
type widthLayout struct{ width float32 }

// Layout stacks the objects at the full size.
func (l widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the width, and the tallest object's height at that width.
func (l widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if o.Size().Width != l.width {
			// Wrapped text measures its height at the width it has.
			o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

// fixedWidth holds o at width w, as tall as it needs to be there.
func fixedWidth(w float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(widthLayout{width: w}, o)
}
