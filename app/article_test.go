package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
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
		for i := range x.index.Len() {
			if x.index.Point(i) == p {
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
