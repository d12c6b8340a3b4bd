package article

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"eventmap/data/model"
)

// checkArticles fails on articles that break the importers' promises.
func checkArticles(t *testing.T, im Importer, in string) {
	err := im.Import(context.Background(), Input{Name: "fuzz", R: strings.NewReader(in)}, func(it Item) bool {
		if it.Err != nil {
			if !strings.Contains(it.Err.Error(), "fuzz") {
				t.Errorf("item error does not name the input: %v", it.Err)
			}
			return true
		}
		a := it.Article
		if a.ID != model.ContentID(a.Text) || strings.TrimSpace(a.Text) == "" {
			t.Errorf("article with ID %q and text %q", a.ID, a.Text)
		}
		if !a.Published.IsZero() && !model.InRange(a.Published) {
			t.Errorf("date out of range kept: %v", a.Published)
		}
		if strings.ContainsAny(a.Title, "\n\t") {
			t.Errorf("title on several lines: %q", a.Title)
		}
		if utf8.ValidString(in) && !utf8.ValidString(a.Text) {
			t.Errorf("invalid UTF-8 out of valid input")
		}
		return true
	})
	if err != nil && !strings.Contains(err.Error(), "fuzz") {
		t.Errorf("error does not name the input: %v", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-09-13", "2009-03-20 12:24:52.002364-05", "Mon, 02 Jan 2006 15:04:05 GMT", "Wed Nov 23, 2016 | 4:58pm EST", "9999-99-99", "December 9th 2016", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, p, err := ParseDate(s)
		if err != nil {
			if !tm.IsZero() || p != model.Undated {
				t.Errorf("error with a time: %v %v", tm, p)
			}
			return
		}
		if !model.InRange(tm) || p == model.Undated || tm.Location().String() != "UTC" {
			t.Errorf("ParseDate(%q) = %v %v", s, tm, p)
		}
	})
}

func FuzzText(f *testing.F) {
	f.Add(" date 2023-09-13 Title\n\nBody in Paris.\n")
	f.Add("Plain\ntext")
	f.Add("date x\n")
	f.Fuzz(func(t *testing.T, s string) { checkArticles(t, Text{}, s) })
}

func FuzzMarkdown(f *testing.F) {
	f.Add("---\ntitle: T\ndate: 2023-01-01\nurl: http://x\n---\n# H\n\n**b** [l](u)\n")
	f.Add("---\n---\n")
	f.Add("# only\n")
	f.Fuzz(func(t *testing.T, s string) { checkArticles(t, Markdown{}, s) })
}

func FuzzHTML(f *testing.F) {
	f.Add(`<!DOCTYPE html><html><head><title>T</title><link rel="canonical" href="https://x.org/a"></head><body><article><p>Fire in Lyon on Saturday, firefighters said, and more words to make a paragraph long enough.</p><script>x()</script></article></body></html>`)
	f.Add("<html><body></body></html>")
	f.Add("<p>")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 8<<10 {
			return // readability is quadratic on some deep trees; keep each run short
		}
		checkArticles(t, HTML{}, s)
	})
}

func FuzzFeed(f *testing.F) {
	f.Add(`<?xml version="1.0"?><rss version="2.0"><channel><title>D</title><item><title>One</title><link>https://d/1</link><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>Rain.</description></item></channel></rss>`)
	f.Add(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>E</title><content>x</content></entry></feed>`)
	f.Add(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"content_text": "x"}]}`)
	f.Fuzz(func(t *testing.T, s string) { checkArticles(t, Feed{}, s) })
}

func FuzzJSONLines(f *testing.F) {
	f.Add(`{"title": "A", "date": "2021-01-02", "text": "T", "url": "https://q/a"}` + "\n{bad}\n")
	f.Add(`{"body": 5}`)
	f.Fuzz(func(t *testing.T, s string) { checkArticles(t, JSONLines{MaxLine: 1 << 16}, s) })
}

func FuzzCSV(f *testing.F) {
	f.Add("title,date,text,url\nA,2021-01-02,\"T, x\",https://c/a\nB,,T2,\n")
	f.Add("text\n\"unclosed\n")
	f.Add("a,b\n1,2\n")
	f.Fuzz(func(t *testing.T, s string) { checkArticles(t, CSV{MaxRow: 1 << 16}, s) })
}

func FuzzCorpus(f *testing.F) {
	f.Add(`<articles><article docid="1"><title>T</title><url>http://x.com/a</url><dltime>2009-03-20 12:24:52.002364-05</dltime><text><![CDATA[Alexandria.]]></text></article></articles>`)
	f.Add(`<articles><article><source>https://en.wikinews.org/wiki/X</source><text>Pandi.</text></article></articles>`)
	f.Add(`<!DOCTYPE a [<!ENTITY b "c">]><articles><article><text>&b;</text></article></articles>`)
	f.Fuzz(func(t *testing.T, s string) { checkArticles(t, Corpus{}, s) })
}

// FuzzImport runs the whole Set: text checks, sniffing, every importer.
func FuzzImport(f *testing.F) {
	f.Add("a.txt", "date 2023-01-01 T\nBody")
	f.Add("a.csv", "title,text\nA,B\n")
	f.Add("x", "<rss><channel><item><description>x</description></item></channel></rss>")
	f.Add("x.bin", "\x00\x01")
	f.Fuzz(func(t *testing.T, name, s string) {
		err := NewSet(Options{MaxSize: 1 << 16, MaxArticle: 1 << 12}).Import(context.Background(), Input{Name: "fuzz" + name, R: strings.NewReader(s)}, func(it Item) bool {
			if it.Err == nil && it.Article.ID != model.ContentID(it.Article.Text) {
				t.Errorf("bad ID")
			}
			return true
		})
		if err != nil && !strings.Contains(err.Error(), "fuzz") {
			t.Errorf("error does not name the input: %v", err)
		}
	})
}
