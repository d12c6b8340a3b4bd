package article

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"eventmap/data/model"
)

// HTML reads a web page as one article: its main text, title, site name,
// canonical URL and publication time, found by go-readability. Scripts are
// dropped, never run.
type HTML struct{}

// Format returns model.FormatHTML.
func (HTML) Format() model.Format { return model.FormatHTML }

// Sniff is true for a page that starts with a doctype or an <html> tag.
func (HTML) Sniff(head []byte) bool {
	h := bytes.ToLower(bytes.TrimSpace(head))
	if len(h) > 512 {
		h = h[:512]
	}
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html")) ||
		(bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<!--"))) && bytes.Contains(h, []byte("<html"))
}

// Extensions returns .html, .htm and .xhtml.
func (HTML) Extensions() []string { return []string{".html", ".htm", ".xhtml"} }

// Import reads the page.
func (HTML) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	b, err := io.ReadAll(in.R)
	if err != nil {
		return fmt.Errorf("article: %s: %w", in.Name, err)
	}
	meta := pageMeta(b)
	var base *url.URL
	if meta.url != "" {
		base, _ = url.Parse(meta.url)
	}
	page, err := readability.FromReader(bytes.NewReader(b), base)
	if err != nil {
		return fmt.Errorf("article: %s: %w: %v", in.Name, ErrMalformed, err)
	}
	if page.Node == nil {
		return fmt.Errorf("article: %s: %w", in.Name, ErrNoText)
	}
	var text strings.Builder
	if err := page.RenderText(&text); err != nil {
		return fmt.Errorf("article: %s: %w", in.Name, err)
	}
	a := model.Article{
		Format: model.FormatHTML,
		Origin: in.Name,
		Title:  page.Title(),
		Source: page.SiteName(),
		URL:    meta.url,
		Text:   text.String(),
	}
	if t, err := page.PublishedTime(); err == nil && model.InRange(t) {
		a.Published = t.UTC()
	} else if meta.published != "" {
		a.Published = parseDateOrZero(meta.published)
	}
	if a.Title == "" {
		a.Title = meta.title
	}
	finish(&a)
	if a.Text == "" {
		return fmt.Errorf("article: %s: %w", in.Name, ErrNoText)
	}
	return yieldAll(ctx, []model.Article{a}, yield)
}

type metaInfo struct{ url, published, title string }

// pageMeta reads the canonical URL, publication time and title from a
// page's head.
func pageMeta(b []byte) metaInfo {
	var m metaInfo
	z := html.NewTokenizer(bytes.NewReader(b))
	inTitle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return m
		case html.EndTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) == atom.Head {
				return m
			}
			inTitle = false
		case html.TextToken:
			if inTitle && m.title == "" {
				m.title = strings.TrimSpace(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body {
				return m
			}
			inTitle = a == atom.Title
			if !hasAttr || (a != atom.Link && a != atom.Meta) {
				continue
			}
			attrs := map[string]string{}
			for {
				k, v, more := z.TagAttr()
				attrs[strings.ToLower(string(k))] = string(v)
				if !more {
					break
				}
			}
			switch {
			case a == atom.Link && strings.EqualFold(attrs["rel"], "canonical") && m.url == "":
				m.url = attrs["href"]
			case a == atom.Meta && (attrs["property"] == "og:url") && m.url == "":
				m.url = attrs["content"]
			case a == atom.Meta && (attrs["property"] == "article:published_time" || attrs["name"] == "date" || attrs["itemprop"] == "datePublished") && m.published == "":
				m.published = attrs["content"]
			}
		}
	}
}

// htmlText returns the text of an HTML fragment (a feed item's content):
// block elements become line breaks; scripts, styles and other non-text
// elements are dropped.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var out strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out.String()
		case html.TextToken:
			if skip == 0 {
				out.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Svg, atom.Template:
				skip++
			case atom.P, atom.Div, atom.Br, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Blockquote, atom.Section, atom.Article:
				out.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Svg, atom.Template:
				if skip > 0 {
					skip--
				}
			case atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Blockquote:
				out.WriteByte('\n')
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) == atom.Br {
				out.WriteByte('\n')
			}
		}
	}
}
