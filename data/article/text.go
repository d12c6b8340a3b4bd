package article

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"eventmap/data/model"
)

// headerRE matches the optional first line of a text article:
// "date YYYY-MM-DD Title".
var headerRE = regexp.MustCompile(`^[ \t]*date[ \t]+(\S+)[ \t]*(.*)$`)

// Text reads a plain text file as one article. An optional first line
// "date YYYY-MM-DD Title" gives its date and title (a date that cannot be
// read leaves the article undated); otherwise the first line is the title.
type Text struct{}

// Format returns model.FormatText.
func (Text) Format() model.Format { return model.FormatText }

// Sniff is true for an input whose first line is a "date ..." header.
func (Text) Sniff(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return headerRE.Match(bytes.TrimRight(line, "\r"))
}

// Extensions returns .txt and .text.
func (Text) Extensions() []string { return []string{".txt", ".text"} }

// Import reads the article.
func (Text) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	b, err := io.ReadAll(in.R)
	if err != nil {
		return fmt.Errorf("article: %s: %w", in.Name, err)
	}
	a := model.Article{Format: model.FormatText, Origin: in.Name}
	s := string(b)
	a.Text = s
	first, rest, _ := strings.Cut(s, "\n")
	if m := headerRE.FindStringSubmatch(strings.TrimRight(first, "\r")); m != nil {
		a.Published = parseDateOrZero(m[1])
		a.Title = m[2]
		a.Text = rest
	}
	finish(&a)
	if a.Text == "" {
		return fmt.Errorf("article: %s: %w (only a header)", in.Name, ErrEmpty)
	}
	return yieldAll(ctx, []model.Article{a}, yield)
}

// Markdown reads a Markdown file as one article. YAML front matter
// (between "---" lines) may give title, date, source and url; a "date ..."
// first line as for Text works too. The text keeps the words and drops the
// markup (heading marks, emphasis, link targets, images).
type Markdown struct{}

// Format returns model.FormatMarkdown.
func (Markdown) Format() model.Format { return model.FormatMarkdown }

// Sniff is true for an input that starts with YAML front matter.
func (Markdown) Sniff(head []byte) bool {
	return bytes.HasPrefix(head, []byte("---\n")) || bytes.HasPrefix(head, []byte("---\r\n"))
}

// Extensions returns .md and .markdown.
func (Markdown) Extensions() []string { return []string{".md", ".markdown", ".mdown"} }

// frontMatter is what the YAML header may hold.
type frontMatter struct {
	Title     string `yaml:"title"`
	Date      any    `yaml:"date"`
	Published any    `yaml:"published"`
	Source    string `yaml:"source"`
	URL       string `yaml:"url"`
	Link      string `yaml:"link"`
}

// maxFrontMatter bounds the YAML header.
const maxFrontMatter = 64 << 10

// Import reads the article.
func (Markdown) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	b, err := io.ReadAll(in.R)
	if err != nil {
		return fmt.Errorf("article: %s: %w", in.Name, err)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	a := model.Article{Format: model.FormatMarkdown, Origin: in.Name}
	if strings.HasPrefix(s, "---\n") {
		end := strings.Index(s[3:], "\n---")
		if end < 0 {
			return fmt.Errorf("article: %s: %w: front matter has no closing ---", in.Name, ErrMalformed)
		}
		end += 3 // s[end:] is "\n---..."
		fm := ""
		if end > 4 {
			fm = s[4:end]
		}
		if len(fm) > maxFrontMatter {
			return fmt.Errorf("article: %s: %w: front matter over %d KiB", in.Name, ErrMalformed, maxFrontMatter>>10)
		}
		var meta frontMatter
		if err := yaml.Unmarshal([]byte(fm), &meta); err != nil {
			return fmt.Errorf("article: %s: %w: front matter: %v", in.Name, ErrMalformed, err)
		}
		a.Title, a.Source, a.URL = meta.Title, meta.Source, meta.URL
		if a.URL == "" {
			a.URL = meta.Link
		}
		d := meta.Date
		if d == nil {
			d = meta.Published
		}
		switch v := d.(type) {
		case time.Time:
			if model.InRange(v) {
				a.Published = v.UTC()
			}
		case string:
			a.Published = parseDateOrZero(v)
		case int:
			a.Published = parseDateOrZero(fmt.Sprint(v))
		}
		s = s[end+4:]
		if _, rest, ok := strings.Cut(s, "\n"); ok {
			s = rest // the rest of the closing line
		} else {
			s = ""
		}
	} else if first, rest, _ := strings.Cut(s, "\n"); headerRE.MatchString(first) {
		m := headerRE.FindStringSubmatch(first)
		a.Published, a.Title, s = parseDateOrZero(m[1]), m[2], rest
	}
	text, heading := stripMarkdown(s)
	if a.Title == "" {
		a.Title = heading
	}
	a.Text = text
	finish(&a)
	if a.Text == "" {
		return fmt.Errorf("article: %s: %w", in.Name, ErrEmpty)
	}
	return yieldAll(ctx, []model.Article{a}, yield)
}

var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*|_|~~|` + "`" + `)([^*_~` + "`" + `\n]+)(\*\*|__|\*|_|~~|` + "`" + `)`)
	mdHeading  = regexp.MustCompile(`^#{1,6}[ \t]+`)
	mdList     = regexp.MustCompile(`^[ \t]*([-*+]|\d+\.)[ \t]+`)
	mdQuote    = regexp.MustCompile(`^[ \t]*>[ \t]?`)
)

// stripMarkdown turns Markdown into plain text line by line, and returns the
// first heading.
func stripMarkdown(s string) (text, heading string) {
	var out strings.Builder
	fence := false
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fence = !fence
			continue
		}
		if !fence {
			if mdHeading.MatchString(line) {
				line = mdHeading.ReplaceAllString(line, "")
				if heading == "" {
					heading = strings.TrimSpace(line)
				}
			}
			line = mdQuote.ReplaceAllString(line, "")
			line = mdList.ReplaceAllString(line, "")
			line = mdImage.ReplaceAllString(line, "")
			line = mdLink.ReplaceAllString(line, "$1")
			line = mdEmphasis.ReplaceAllString(line, "$2")
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.String(), heading
}
