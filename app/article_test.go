package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
)

// TestArticleTabFollowsSelection: after an event is selected (on the map
// or in the list), the Article tab shows its article, not "No article
// open".
func TestArticleTabFollowsSelection(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	pick := func(p orb.Point) {
		t.Helper()
		for i := range x.c.Index().Len() {
			if x.c.Index().Point(i) == p {
				x.selectEvent(i, false)
				return
			}
		}
		t.Fatalf("no event at %v", p)
	}
	pick(orb.Point{131.882, 43.116})
	mw.side.SelectIndex(1)
	markup := test.RenderObjectToMarkup(mw.side)
	if strings.Contains(markup, "No article open") || !strings.Contains(markup, "Kim pledges support") {
		t.Fatalf("the Article tab does not show the selected event's article:\n%s", markup)
	}
	// Another event of another article: the tab follows.
	pick(orb.Point{3.39, 6.45})
	if x.article.title.Text != "Floods in Lagos" {
		t.Errorf("article %q after selecting a Lagos event", x.article.title.Text)
	}
}

// wrapParagraph is a paragraph with several highlighted places, two of
// them of two words, and punctuation right after a highlight.
const wrapParagraph = "Officials in Khabarovsk said the convoy left Vladivostok early on Tuesday and reached the Vostochny Cosmodrome by nightfall, while ships in the Sea of Japan waited off Nakhodka.\nA second paragraph names Ussuriysk."

func wrapRuns() []flowRun {
	var runs []flowRun
	at := 0
	for _, n := range []string{"Khabarovsk", "Vladivostok", "Vostochny Cosmodrome", "Sea of Japan", "Nakhodka", "Ussuriysk"} {
		i := at + strings.Index(wrapParagraph[at:], n)
		runs = append(runs, flowRun{Text: wrapParagraph[at:i]}, flowRun{Text: n, OnTapped: func() {}})
		at = i + len(n)
	}
	return append(runs, flowRun{Text: wrapParagraph[at:]})
}

// TestArticleWrapsAtWords: at any width the article's text breaks lines
// only between words: every word is drawn whole, inside the width, in
// reading order, with no overlap; a highlight may end a line.
func TestArticleWrapsAtWords(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(ThemeFor(ThemeLight))
	words := strings.Fields(wrapParagraph)
	linkAtEnd := false
	for _, width := range []float32{180, 230, 260, 300, 350, 410, 600} {
		f := newFlowText(wrapRuns()...)
		win := test.NewTempWindow(t, f)
		win.SetPadded(false)
		win.Resize(fyne.NewSize(width, 400))
		objs := test.WidgetRenderer(f).Objects()
		var drawn []string
		var prev fyne.CanvasObject
		for _, o := range objs {
			var text string
			switch w := o.(type) {
			case *canvas.Text:
				text = w.Text
			case *flowLink:
				text = w.text.Text
			}
			drawn = append(drawn, text)
			if o.Position().X+o.Size().Width > width+0.5 || o.Position().X < 0 {
				t.Errorf("width %.0f: %q is drawn at x %.0f…%.0f", width, text, o.Position().X, o.Position().X+o.Size().Width)
			}
			if prev != nil {
				sameLine := prev.Position().Y == o.Position().Y
				if sameLine && o.Position().X < prev.Position().X+prev.Size().Width-0.5 {
					t.Errorf("width %.0f: %q overlaps the word before it", width, text)
				}
				if !sameLine && o.Position().Y < prev.Position().Y {
					t.Errorf("width %.0f: %q is above the word before it", width, text)
				}
				if _, ok := prev.(*flowLink); ok && !sameLine {
					linkAtEnd = true
				}
			}
			prev = o
		}
		// Whole words: the words drawn, glued back where no space was,
		// are the paragraph's words.
		joined := strings.Join(drawn, " ")
		for _, w := range words {
			if !strings.Contains(joined, strings.TrimRight(w, ".,")) {
				t.Errorf("width %.0f: the word %q is not drawn whole", width, w)
			}
		}
		if h := f.MinSize().Height; h > 400 || h < 40 {
			t.Errorf("width %.0f: height %.0f", width, h)
		}
	}
	if !linkAtEnd {
		t.Error("no width put a highlight at the end of a line")
	}
	for _, width := range []float32{260, 410} {
		f := newFlowText(wrapRuns()...)
		win := test.NewTempWindow(t, f)
		win.SetPadded(false)
		win.Resize(fyne.NewSize(width, f.MinSize().Height))
		win.Resize(fyne.NewSize(width, f.MinSize().Height))
		assertGolden(t, fmt.Sprintf("article/wrap_%.0f.png", width), win.Canvas().Capture())
	}
}

// TestNotAPlace: the correction panel's "Not a place" removes the place
// and its events from the article and the map, lists it with an Undo, and
// Undo brings it back.
func TestNotAPlace(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	loaded := make(chan error, 4)
	x.onLoaded = func(_ int, err error) { loaded <- err }
	wait := func() {
		t.Helper()
		select {
		case err := <-loaded:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("events not reloaded")
		}
	}
	var shown error
	mw.errorShown = func(err error) { shown = err }
	for i := range x.c.Index().Len() {
		if x.c.Index().Point(i) == (orb.Point{131.882, 43.116}) {
			x.selectEvent(i, false)
		}
	}
	a := x.article
	a.pick(1) // Vladivostok
	var notPlace *widget.Button
	for _, o := range a.fix.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Not a place" {
			notPlace = b
		}
	}
	if notPlace == nil {
		t.Fatal("no \"Not a place\" in the correction panel")
	}
	test.Tap(notPlace)
	wait()
	if shown != nil {
		t.Fatal(shown)
	}
	names := func() string {
		var out []string
		for _, m := range a.mentions {
			out = append(out, m.Name)
		}
		return strings.Join(out, ",")
	}
	if got := names(); got != "Vostochny Cosmodrome,East Sea" {
		t.Errorf("mentions after the removal: %s", got)
	}
	if x.c.Index().Len() != 12 {
		t.Errorf("%d events after the removal, want 12", x.c.Index().Len())
	}
	if len(a.removed.Objects) != 1 || !strings.Contains(test.RenderObjectToMarkup(a.removed), "“Vladivostok” is not a place") {
		t.Fatalf("the removal is not listed:\n%s", test.RenderObjectToMarkup(a.removed))
	}
	undo := findAll(a.removed, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == "Undo"
	})
	if len(undo) != 1 {
		t.Fatal("no Undo button")
	}
	undone := make(chan struct{}, 1)
	a.onUndone = func() { undone <- struct{}{} }
	test.Tap(undo[0].obj.(*widget.Button))
	select {
	case <-undone:
	case <-time.After(2 * time.Minute):
		t.Fatal("the undo did not finish")
	}
	wait()
	if shown != nil {
		t.Fatal(shown)
	}
	if !strings.Contains(names(), "Vladivostok") || len(a.removed.Objects) != 0 {
		t.Errorf("after the undo: mentions %s, %d removals listed", names(), len(a.removed.Objects))
	}
}
