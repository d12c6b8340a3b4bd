package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"eventmap/app/explore"
)

// TestNeedsReview: with the threshold over Vladivostok's confidence (0.6)
// its event needs review: the filter lists it alone and its marker is a
// dashed ring; confirming its place in the correction panel clears it.
func TestNeedsReview(t *testing.T) {
	mw := openExplorer(t, sampleDB(t))
	x := mw.explorer
	var shown error
	mw.errorShown = func(err error) { shown = err }
	vlad := -1
	for i := range x.c.Index().Len() {
		if x.c.Index().Point(i) == (orb.Point{131.882, 43.116}) {
			vlad = i
		}
	}
	if x.c.ReviewThreshold() != explore.DefaultReviewThreshold || x.c.ReviewCount() != 0 || x.filters.review.Text != "Needs review" {
		t.Fatalf("at the default threshold: %v, %d need review, filter %q", x.c.ReviewThreshold(), x.c.ReviewCount(), x.filters.review.Text)
	}

	// The Settings threshold, stored in the preferences.
	if err := mw.saveReviewThreshold(0.7); err != nil {
		t.Fatal(err)
	}
	if got := mw.app.Preferences().Float(prefReviewThreshold); got != 0.7 {
		t.Errorf("stored threshold %v", got)
	}
	if err := mw.saveReviewThreshold(1.5); !errors.Is(err, explore.ErrThreshold) || mw.reviewThreshold() != 0.7 {
		t.Errorf("a threshold of 150%%: %v, stored %v", err, mw.reviewThreshold())
	}
	if !x.c.NeedsReview(vlad) || x.c.ReviewCount() != 1 || x.filters.review.Text != "Needs review (1)" {
		t.Fatalf("at 0.7: Vladivostok needs review %v, %d need review, filter %q", x.c.NeedsReview(vlad), x.c.ReviewCount(), x.filters.review.Text)
	}

	// The map draws it as needing review.
	if !x.layer.NeedsReview(vlad) {
		t.Error("the map's layer does not draw Vladivostok as needing review")
	}

	// The filter lists it alone.
	mw.Map.SetView(orb.Point{60, 30}, 1)
	test.Tap(x.filters.review)
	if !x.c.Filter().Review || len(x.listItems) != 1 || x.listItems[0] != vlad {
		t.Fatalf("needs review filter: %v, listed %v", x.c.Filter(), x.listItems)
	}

	// Confirming it in the correction panel.
	x.selectEvent(vlad, false)
	a := x.article
	a.pick(1)
	if head, ok := a.fix.Objects[0].(*widget.Label); !ok || !strings.Contains(head.Text, "under the review threshold") {
		t.Errorf("the correction panel does not say it needs review: %+v", a.fix.Objects[0])
	}
	var confirm *widget.Button
	for _, o := range a.fix.Objects {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Confirm Vladivostok") {
			confirm = b
		}
	}
	if confirm == nil {
		t.Fatal("no Confirm button in the correction panel")
	}
	test.Tap(confirm)
	if shown != nil {
		t.Fatal(shown)
	}
	_, ms, err := x.c.Store().Article(context.Background(), a.articleID)
	if err != nil || !ms[1].Corrected || ms[1].Place.ID != "Vladivostok" {
		t.Fatalf("mention after confirming: %+v %v", ms[1], err)
	}
	if vlad, _ = x.c.Index().Find(x.c.Index().ID(vlad)); x.c.NeedsReview(vlad) || x.c.ReviewCount() != 0 {
		t.Errorf("after confirming: needs review %v, %d need review", x.c.NeedsReview(vlad), x.c.ReviewCount())
	}
	if len(x.listItems) != 0 || x.filters.review.Text != "Needs review" {
		t.Errorf("after confirming, the filter lists %v, reads %q", x.listItems, x.filters.review.Text)
	}
	for _, o := range a.fix.Objects {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Confirm") {
			t.Errorf("a confirmed place offers %q", b.Text)
		}
	}
}

// TestStoredReviewThreshold: the threshold in the preferences is the
// explorer's at start; one that is not a confidence is ignored.
func TestStoredReviewThreshold(t *testing.T) {
	for _, tc := range []struct {
		stored, want float64
	}{{0.8, 0.8}, {7, explore.DefaultReviewThreshold}} {
		a := test.NewTempApp(t)
		a.Preferences().SetFloat(prefReviewThreshold, tc.stored)
		mw, err := NewMainWindow(a, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if got := mw.explorer.c.ReviewThreshold(); got != tc.want {
			t.Errorf("stored %v: threshold %v, want %v", tc.stored, got, tc.want)
		}
		mw.Window.Close()
	}
}

func TestReviewSettingControl(t *testing.T) {
	test.NewTempApp(t)
	box, s := reviewSetting(0.55)
	if s.Value != 55 && s.Value != 60 {
		t.Errorf("slider at %v for 0.55", s.Value)
	}
	s.SetValue(35)
	if !strings.Contains(test.RenderObjectToMarkup(box), "35 %") {
		t.Errorf("the value is not written beside the slider:\n%s", test.RenderObjectToMarkup(box))
	}
}
