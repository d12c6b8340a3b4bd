package article

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventmap/data/model"
)

// importString runs the default Set on one named input.
func importString(t testing.TB, name, content string, opts Options) ([]model.Article, []error, error) {
	t.Helper()
	var arts []model.Article
	var bad []error
	err := NewSet(opts).Import(context.Background(), Input{Name: name, R: strings.NewReader(content)}, func(it Item) bool {
		if it.Err != nil {
			bad = append(bad, it.Err)
		} else {
			arts = append(arts, it.Article)
		}
		return true
	})
	return arts, bad, err
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []model.Article // only the fields set are compared (and Text by prefix)
	}{
		{
			name: "text with header", file: "a.txt",
			content: " date 2023-09-13 Kim pledges support\n\nKim Jong-un met Putin at Vostochny.\n",
			want:    []model.Article{{Format: model.FormatText, Title: "Kim pledges support", Published: date("2023-09-13"), Text: "Kim Jong-un met Putin"}},
		},
		{
			name: "text with header, no extension", file: "stdin",
			content: "date 2023-09-13 Title\nBody.",
			want:    []model.Article{{Format: model.FormatText, Title: "Title", Published: date("2023-09-13"), Text: "Body."}},
		},
		{
			name: "text with a bad header date stays undated", file: "a.txt",
			content: "date 2023-13-45 Title\nBody.",
			want:    []model.Article{{Format: model.FormatText, Title: "Title", Text: "Body."}},
		},
		{
			name: "plain text", file: "a.txt",
			content: "Floods in Dhaka\n\nHeavy rain flooded Dhaka on Monday.",
			want:    []model.Article{{Format: model.FormatText, Title: "Floods in Dhaka", Text: "Floods in Dhaka"}},
		},
		{
			name: "markdown with front matter", file: "a.md",
			content: "---\ntitle: Quake\ndate: 2023-02-06\nsource: Example News\nurl: https://example.com/q\n---\n# Heading\n\nA **strong** quake hit [Gaziantep](https://x.org).\n",
			want:    []model.Article{{Format: model.FormatMarkdown, Title: "Quake", Published: date("2023-02-06"), Source: "Example News", URL: "https://example.com/q", Text: "Heading\n\nA strong quake hit Gaziantep."}},
		},
		{
			name: "markdown title from heading", file: "a.md",
			content: "# Storm in Lisbon\n\nWind.\n",
			want:    []model.Article{{Format: model.FormatMarkdown, Title: "Storm in Lisbon", Text: "Storm in Lisbon"}},
		},
		{
			name: "html", file: "page.html",
			content: `<!DOCTYPE html><html><head><title>Fire in Lyon</title>
<link rel="canonical" href="https://news.example.org/fire">
<meta property="article:published_time" content="2024-03-02T10:00:00Z">
<script>document.write("EVIL SCRIPT TEXT")</script></head>
<body><nav>Menu Home About</nav><article><h1>Fire in Lyon</h1>
<p>A fire broke out in an old warehouse in Lyon on Saturday morning, firefighters said. The blaze was brought under control by noon, and nobody was hurt.</p>
<p>The warehouse, near the Rhône, had been empty for years. Police are investigating the cause of the fire, which sent smoke over the city.</p>
<script>alert("EVIL SCRIPT TEXT")</script></article></body></html>`,
			want: []model.Article{{Format: model.FormatHTML, Title: "Fire in Lyon", URL: "https://news.example.org/fire", Source: "news.example.org", Published: time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC), Text: "A fire broke out"}},
		},
		{
			name: "rss", file: "feed.xml",
			content: `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>
<item><title>One</title><link>https://d.example/1</link><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>&lt;p&gt;Rain in &lt;b&gt;Oslo&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Two</title><link>https://d.example/2</link><pubDate>not a date</pubDate><description>Snow in Bergen.</description></item>
</channel></rss>`,
			want: []model.Article{
				{Format: model.FormatFeed, Title: "One", URL: "https://d.example/1", Source: "Daily", Published: time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC), Text: "Rain in Oslo."},
				{Format: model.FormatFeed, Title: "Two", URL: "https://d.example/2", Source: "Daily", Text: "Snow in Bergen."},
			},
		},
		{
			name: "atom", file: "x.atom",
			content: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E</title><link href="https://a.example/e"/><updated>2020-05-01T00:00:00Z</updated><content type="html">Wind in Cork.</content></entry></feed>`,
			want: []model.Article{{Format: model.FormatFeed, Title: "E", URL: "https://a.example/e", Published: date("2020-05-01"), Text: "Wind in Cork."}},
		},
		{
			name: "json feed", file: "feed.json",
			content: `{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "https://j.example/1", "title": "Hot", "content_text": "Heat in Seville.", "date_published": "2022-07-14T08:00:00+02:00"}]}`,
			want:    []model.Article{{Format: model.FormatFeed, Title: "Hot", URL: "https://j.example/1", Source: "J", Published: time.Date(2022, 7, 14, 6, 0, 0, 0, time.UTC), Text: "Heat in Seville."}},
		},
		{
			name: "jsonl", file: "a.jsonl",
			content: `{"title": "A", "date": "2021-01-02", "text": "Text A in Quito.", "url": "https://www.q.example/a"}` + "\n\n" + `{"headline": "B", "body": "Text B.", "published": "sometime"}` + "\n",
			want: []model.Article{
				{Format: model.FormatJSONL, Title: "A", Published: date("2021-01-02"), URL: "https://www.q.example/a", Source: "q.example", Text: "Text A"},
				{Format: model.FormatJSONL, Title: "B", Text: "Text B."},
			},
		},
		{
			name: "csv", file: "a.csv",
			content: "Title,Date,Text,URL\nA,2021-01-02,\"Text, with comma\",https://c.example/a\nB,,Text B,\n",
			want: []model.Article{
				{Format: model.FormatCSV, Title: "A", Published: date("2021-01-02"), URL: "https://c.example/a", Text: "Text, with comma"},
				{Format: model.FormatCSV, Title: "B", Text: "Text B"},
			},
		},
		{
			name: "tsv", file: "a.tsv",
			content: "title\ttext\nA\tText A\n",
			want:    []model.Article{{Format: model.FormatCSV, Title: "A", Text: "Text A"}},
		},
		{
			name: "lgl", file: "c.xml",
			content: `<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><feedid>1</feedid><title>T</title><domain>x.com</domain><url>http://x.com/a</url><dltime>2009-03-20 12:24:52.002364-05</dltime><text><![CDATA[Alexandria woman charged.]]></text><toponyms count="0"></toponyms></article></articles>`,
			want: []model.Article{{Format: model.FormatLGL, Title: "T", Source: "x.com", URL: "http://x.com/a", Published: time.Date(2009, 3, 20, 17, 24, 52, 2364000, time.UTC), Text: "Alexandria woman charged."}},
		},
		{
			name: "geovirus", file: "g.xml",
			content: `<articles><article><source>https://en.wikinews.org/wiki/X</source><text>Hogs culled in Pandi. More text.</text><locations/></article></articles>`,
			want:    []model.Article{{Format: model.FormatGeoVirus, Title: "Hogs culled in Pandi.", Source: "en.wikinews.org", URL: "https://en.wikinews.org/wiki/X", Text: "Hogs culled"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, bad, err := importString(t, tt.file, tt.content, Options{})
			if err != nil || len(bad) > 0 {
				t.Fatalf("err %v, bad %v", err, bad)
			}
			if len(arts) != len(tt.want) {
				t.Fatalf("got %d articles, want %d: %+v", len(arts), len(tt.want), arts)
			}
			for i, w := range tt.want {
				g := arts[i]
				if g.ID != model.ContentID(g.Text) || g.ID == "" {
					t.Errorf("ID %q", g.ID)
				}
				if g.Format != w.Format || g.Title != w.Title || !g.Published.Equal(w.Published) || g.URL != w.URL ||
					(w.Source != "" && g.Source != w.Source) || !strings.HasPrefix(g.Text, w.Text) {
					t.Errorf("article %d:\n got %+v\nwant %+v", i, g, w)
				}
				if strings.Contains(g.Text, "EVIL") || strings.Contains(g.Text, "<") {
					t.Errorf("markup or script in text: %q", g.Text)
				}
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>`
	tests := []struct {
		name, file, content string
		opts                Options
		want                error  // the whole input fails with this
		wantBad             string // or: one item fails with this text
		wantN               int    // articles still read
	}{
		{name: "binary", file: "photo.jpg", content: "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", want: ErrBinary},
		{name: "binary named .txt", file: "a.txt", content: "abc\x00def", want: ErrBinary},
		{name: "control bytes", file: "a.txt", content: strings.Repeat("\x01\x02\x03abc", 100), want: ErrBinary},
		{name: "invalid utf-8", file: "a.txt", content: "caf\xe9 in Paris", want: ErrInvalidUTF8},
		{name: "utf-16", file: "a.txt", content: "\xff\xfeh\x00i\x00", want: ErrInvalidUTF8},
		{name: "empty", file: "a.txt", content: "", want: ErrEmpty},
		{name: "white space only", file: "a.md", content: " \n\t\n", want: ErrEmpty},
		{name: "header only", file: "a.txt", content: "date 2023-01-01 Title\n", want: ErrEmpty},
		{name: "too large", file: "a.txt", content: strings.Repeat("word ", 300), opts: Options{MaxSize: 1000}, want: ErrTooLarge},
		{name: "malformed corpus xml", file: "c.xml", content: "<articles><article><text>A</text></article><article><text>B</tex></article></articles>", want: ErrMalformed},
		{name: "truncated corpus xml", file: "c.xml", content: "<articles><article><text>A</text></article><article><text>B", want: ErrMalformed},
		{name: "entity bomb in corpus", file: "c.xml", content: bomb + `<articles><article><text>&lol9;</text></article></articles>`, want: ErrMalformed},
		{name: "entity bomb in rss", file: "f.rss", content: bomb + `<rss><channel><item><title>x</title><description>&lol9;</description></item></channel></rss>`, wantN: 1},
		{name: "malformed rss", file: "f.rss", content: `<rss><channel><item><title>x</title><description>y</descr`, want: ErrMalformed},
		{name: "rss item without text", file: "f.rss", content: `<rss version="2.0"><channel><item><title>x</title></item><item><description>ok</description></item></channel></rss>`, wantBad: "no article text", wantN: 1},
		{name: "html without text", file: "p.html", content: "<html><body><script>var x = 1;</script></body></html>", want: ErrNoText},
		{name: "csv without text column", file: "a.csv", content: "title,date\nA,2020-01-01\n", want: ErrMissingColumn},
		{name: "csv short row", file: "a.csv", content: "title,date,text\nA,2020-01-01\nB,2020-01-02,Text B\n", wantBad: "a.csv:2: missing column", wantN: 1},
		{name: "csv broken quote (read leniently)", file: "a.csv", content: "title,text\nA,\"unclosed\nB,x", wantN: 1},
		{name: "csv header only", file: "a.csv", content: "title,text\n", wantN: 0},
		{name: "jsonl bad line", file: "a.jsonl", content: "{\"text\": \"ok\"}\n{not json}\n[1]\n{\"title\": \"no text\"}\n{\"text\": \"ok 2\"}", wantBad: "a.jsonl:2: malformed JSON", wantN: 2},
		{name: "jsonl long line", file: "a.jsonl", content: "{\"text\": \"" + strings.Repeat("x", 2000) + "\"}\n{\"text\": \"ok\"}\n", opts: Options{MaxArticle: 1000}, wantBad: "a.jsonl:1: too large", wantN: 1},
		{name: "far future date", file: "a.txt", content: "date 9999-01-01 T\nBody", wantN: 1},
		{name: "front matter unclosed", file: "a.md", content: "---\ntitle: x\nBody", want: ErrMalformed},
		{name: "front matter bad yaml", file: "a.md", content: "---\ntitle: [x\n---\nBody", want: ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, bad, err := importString(t, tt.file, tt.content, tt.opts)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
				if !strings.Contains(err.Error(), tt.file) {
					t.Errorf("error %q does not name the file", err)
				}
				if len(arts) != 0 {
					t.Errorf("a failed input gave %d articles", len(arts))
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if len(arts) != tt.wantN {
				t.Errorf("got %d articles, want %d (bad: %v)", len(arts), tt.wantN, bad)
			}
			if tt.wantBad != "" && (len(bad) == 0 || !strings.Contains(bad[0].Error(), tt.wantBad)) {
				t.Errorf("bad items %v, want one containing %q", bad, tt.wantBad)
			}
			for _, a := range arts {
				if !a.Published.IsZero() && !model.InRange(a.Published) {
					t.Errorf("out-of-range date kept: %v", a.Published)
				}
				if len(a.Text) > 1000 {
					t.Errorf("entity expanded: text of %d bytes", len(a.Text))
				}
			}
		})
	}
}

// endless reads n bytes of "a" without holding them.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	for i := range p {
		p[i] = 'a'
	}
	e.n -= int64(len(p))
	return len(p), nil
}

func TestHugeInputs(t *testing.T) {
	// A 200 MB text stream is refused after reading past the limit, without
	// holding it.
	s := NewSet(Options{})
	err := s.Import(context.Background(), Input{Name: "stdin", R: &endless{200 << 20}}, func(Item) bool { return true })
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "stdin") {
		t.Fatalf("200 MB text: %v", err)
	}
	// A 200 MB JSON Lines stream of one endless line: that line is refused,
	// nothing else is.
	r := io.MultiReader(strings.NewReader(`{"text": "`), &endless{200 << 20}, strings.NewReader("\"}\n{\"text\": \"fine\"}\n"))
	var n, bad int
	err = s.Import(context.Background(), Input{Name: "big.jsonl", R: r}, func(it Item) bool {
		if it.Err != nil {
			bad++
		} else {
			n++
		}
		return true
	})
	if err != nil || n != 1 || bad != 1 {
		t.Fatalf("200 MB jsonl: err %v, %d articles, %d bad", err, n, bad)
	}
	// A 200 MB file on disk (sparse) is refused by size too.
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("date 2020-01-01 Big\n")
	f.Truncate(200 << 20)
	f.Close()
	err = s.ImportFile(context.Background(), path, func(Item) bool { return true })
	if err == nil || !strings.Contains(err.Error(), "huge.txt") {
		t.Fatalf("200 MB file: %v", err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		p    model.Precision
		err  error
	}{
		{"2023-09-13", "2023-09-13T00:00:00Z", model.Day, nil},
		{"2009-03-20 12:24:52.002364-05", "2009-03-20T17:24:52.002364Z", model.Day, nil},
		{"2016-12-19", "2016-12-19T00:00:00Z", model.Day, nil},
		{"Mon, 02 Jan 2006 15:04:05 GMT", "2006-01-02T15:04:05Z", model.Day, nil},
		{"2024-03-02T10:00:00+01:00", "2024-03-02T09:00:00Z", model.Day, nil},
		{"September 13, 2023", "2023-09-13T00:00:00Z", model.Day, nil},
		{"13 September 2023", "2023-09-13T00:00:00Z", model.Day, nil},
		{"2023-09", "2023-09-01T00:00:00Z", model.Month, nil},
		{"2023", "2023-01-01T00:00:00Z", model.Year, nil},
		{"  2023-09-13  ", "2023-09-13T00:00:00Z", model.Day, nil},
		{"", "", model.Undated, ErrDate},
		{"yesterday", "", model.Undated, ErrDate},
		{"2023-02-30", "", model.Undated, ErrDate},
		{"9999-01-01", "", model.Undated, ErrDateRange},
		{"0001-01-01", "", model.Undated, ErrDateRange},
		{"1066", "", model.Undated, ErrDateRange},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, p, err := ParseDate(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if s := got.Format(time.RFC3339Nano); s != tt.want || p != tt.p {
				t.Errorf("got %s %v, want %s %v", s, p, tt.want, tt.p)
			}
		})
	}
}

// sharedDir returns ../shared beside the repository, or skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipping: %s is absent (the seed article and corpora live there)", shared)
	}
	return shared
}

func TestSharedData(t *testing.T) {
	shared := sharedDir(t)
	tests := []struct {
		path      string
		n         int
		format    model.Format
		withDates int
	}{
		{"seed/000_2613c7de3f737748.txt", 1, model.FormatText, 1},
		{"corpora/lgl.xml", 588, model.FormatLGL, 588},
		{"corpora/TR-News.xml", 118, model.FormatLGL, 104}, // 12 empty dltime, 2 unreadable
		{"corpora/GeoVirus.xml", 229, model.FormatGeoVirus, 0},
	}
	s := NewSet(Options{})
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var arts []model.Article
			err := s.ImportFile(context.Background(), filepath.Join(shared, tt.path), func(it Item) bool {
				if it.Err != nil {
					t.Error(it.Err)
				}
				arts = append(arts, it.Article)
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			dated := 0
			for _, a := range arts {
				if a.Format != tt.format || a.Text == "" || a.Title == "" {
					t.Fatalf("article %+v", a)
				}
				if !a.Published.IsZero() {
					dated++
				}
			}
			if len(arts) != tt.n || dated != tt.withDates {
				t.Errorf("%d articles, %d dated; want %d, %d", len(arts), dated, tt.n, tt.withDates)
			}
			if tt.n == 1 {
				a := arts[0]
				if a.Title != "Kim Jong-un pledges support to Russia in 'war against west'" || a.Published.Format("2006-01-02") != "2023-09-13" {
					t.Errorf("seed article: %q %v", a.Title, a.Published)
				}
			}
			if tt.format == model.FormatLGL && tt.n == 588 {
				if a := arts[0]; a.Title != "Alexandria woman charged in connection with Kelleyland fire" || a.Source != "thetowntalk.com" ||
					a.Published.Format(time.RFC3339) != "2009-03-20T17:24:52Z" || !strings.HasPrefix(a.Text, "Alexandria woman charged") {
					t.Errorf("first LGL article: %+v", fmt.Sprint(a.Title, a.Source, a.Published))
				}
			}
		})
	}
}
