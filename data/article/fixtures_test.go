package article

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventmap/data/model"
)

// fixtures is the project's shared fixtures directory (testdata/ at the
// top of the repository).
func fixtures(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// TestSharedFixtures reads the small articles in every import format under
// testdata/articles: each file is read in its format, with no failure, and
// gives its articles with their titles and dates.
func TestSharedFixtures(t *testing.T) {
	tests := []struct {
		file   string
		format model.Format
		titles []string
		dates  []string // "" for undated
	}{
		{"beirut.txt", model.FormatText, []string{"BEIRUT (AP) — Protesters marched in Beirut and Tripoli on Monday."}, []string{""}},
		{"halifax.md", model.FormatMarkdown, []string{"Ferry service resumes in Halifax"}, []string{"2024-05-02"}},
		{"nairobi.html", model.FormatHTML, []string{"Market opens in Nairobi"}, []string{"2024-04-18"}},
		{"harbours.rss", model.FormatFeed, []string{"Rain closes roads in Oslo", "Snow delays trains to Bergen"}, []string{"2024-03-12", "2024-03-13"}},
		{"weather.atom", model.FormatFeed, []string{"Storm warning for Cork", "Flooding in Galway"}, []string{"2024-01-21", "2024-01-22"}},
		{"heat.json", model.FormatFeed, []string{"Heat wave in Seville"}, []string{"2023-07-09"}},
		{"wire.jsonl", model.FormatJSONL, []string{"Bridge closed in Porto", "Snow in Sapporo"}, []string{"2024-03-09", "2024-02-04"}},
		{"markets.csv", model.FormatCSV, []string{"Potato harvest in Cusco", "Port strike in Callao"}, []string{"2023-11-20", "2023-11-22"}},
	}
	s := NewSet(Options{})
	seen := make(map[string]bool)
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			var arts []model.Article
			err := s.ImportFile(context.Background(), fixtures("articles", tt.file), func(it Item) bool {
				if it.Err != nil {
					t.Error(it.Err)
				} else {
					arts = append(arts, it.Article)
				}
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != len(tt.titles) {
				t.Fatalf("%d articles, want %d", len(arts), len(tt.titles))
			}
			for i, a := range arts {
				got := ""
				if !a.Published.IsZero() {
					got = a.Published.UTC().Format(time.DateOnly)
				}
				if a.Format != tt.format || a.Title != tt.titles[i] || got != tt.dates[i] {
					t.Errorf("article %d: %v %q %q; want %v %q %q", i, a.Format, a.Title, got, tt.format, tt.titles[i], tt.dates[i])
				}
				if a.Text == "" || a.ID != model.ContentID(a.Text) || strings.Contains(a.Text, "<") || strings.Contains(a.Text, "script text") {
					t.Errorf("article %d text %q", i, a.Text)
				}
			}
		})
	}
	// Every fixture is covered here, so a new one gets its expectations.
	entries, err := os.ReadDir(fixtures("articles"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !seen[e.Name()] {
			t.Errorf("testdata/articles/%s has no expectations in TestSharedFixtures", e.Name())
		}
	}
}
