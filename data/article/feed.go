package article

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"

	"eventmap/data/model"
)

// Feed reads an RSS, Atom or JSON Feed file (with gofeed): one article per
// item, keeping the item's title, link and date (published, else updated);
// the feed's title is the source. An item's text is its content, or else its
// description, as plain text.
type Feed struct{}

// Format returns model.FormatFeed.
func (Feed) Format() model.Format { return model.FormatFeed }

// Sniff is true for an XML document whose root is rss, feed or rdf:RDF, and
// for a JSON Feed.
func (Feed) Sniff(head []byte) bool {
	h := bytes.TrimSpace(head)
	if bytes.HasPrefix(h, []byte("{")) {
		return bytes.Contains(h, []byte("jsonfeed.org/version"))
	}
	root := xmlRoot(h)
	return root == "rss" || root == "feed" || root == "rdf:RDF"
}

// Extensions returns .rss, .atom and .xml (a .xml file that is not a
// corpus is taken for a feed).
func (Feed) Extensions() []string { return []string{".rss", ".atom", ".xml", ".json"} }

// Import reads the feed's items.
func (Feed) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	p := gofeed.NewParser()
	f, err := p.Parse(in.R)
	if err != nil {
		return fmt.Errorf("article: %s: %w feed: %v", in.Name, ErrMalformed, err)
	}
	var arts []model.Article
	var bad []Item
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		a := model.Article{
			Format: model.FormatFeed,
			Origin: itemName(in.Name, i+1),
			Title:  htmlText(it.Title),
			URL:    it.Link,
			Source: f.Title,
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			a.Published = it.UpdatedParsed.UTC()
		case it.Published != "":
			a.Published = parseDateOrZero(it.Published)
		}
		body := it.Content
		if strings.TrimSpace(htmlText(body)) == "" {
			body = it.Description
		}
		a.Text = htmlText(body)
		if strings.TrimSpace(a.Text) == "" {
			bad = append(bad, Item{Err: fmt.Errorf("article: %s: %w (item %q has no content or description)", a.Origin, ErrNoText, a.Title)})
			continue
		}
		finish(&a)
		arts = append(arts, a)
	}
	if len(arts) == 0 && len(bad) == 0 {
		return fmt.Errorf("article: %s: %w: the feed has no items", in.Name, ErrEmpty)
	}
	for _, b := range bad {
		if !yield(b) {
			return nil
		}
	}
	return yieldAll(ctx, arts, yield)
}

// xmlRoot returns the name (with prefix) of the first element of an XML
// document, skipping the prolog, comments and doctype; "" if there is none
// in head.
func xmlRoot(h []byte) string {
	for len(h) > 0 {
		h = bytes.TrimSpace(h)
		if !bytes.HasPrefix(h, []byte("<")) {
			return ""
		}
		switch {
		case bytes.HasPrefix(h, []byte("<?")):
			i := bytes.Index(h, []byte("?>"))
			if i < 0 {
				return ""
			}
			h = h[i+2:]
		case bytes.HasPrefix(h, []byte("<!--")):
			i := bytes.Index(h, []byte("-->"))
			if i < 0 {
				return ""
			}
			h = h[i+3:]
		case bytes.HasPrefix(h, []byte("<!")):
			// A doctype, perhaps with an internal subset.
			depth := 0
			i := 0
			for ; i < len(h); i++ {
				if h[i] == '[' {
					depth++
				} else if h[i] == ']' {
					depth--
				} else if h[i] == '>' && depth <= 0 {
					break
				}
			}
			if i >= len(h) {
				return ""
			}
			h = h[i+1:]
		default:
			end := bytes.IndexAny(h[1:], " \t\r\n/>")
			if end < 0 {
				return ""
			}
			return string(h[1 : end+1])
		}
	}
	return ""
}
