package article

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
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

// Import reads the feed's items. An XML feed that is not well-formed (an
// item without its end tag, an unclosed element inside an item) is read item
// by item: each item that is whole is stored, and each broken one is
// reported with its number and line, instead of the parser's guess
// silently dropping or merging items.
func (Feed) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	b, err := io.ReadAll(in.R)
	if err != nil {
		return fmt.Errorf("article: %s: %w", in.Name, err)
	}
	if h := bytes.TrimSpace(b); !bytes.HasPrefix(h, []byte("{")) {
		if xerr := wellFormed(b); xerr != nil {
			return importBrokenFeed(ctx, in.Name, b, xerr, yield)
		}
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("article: %s: %w feed: %v", in.Name, ErrMalformed, err)
	}
	var arts []model.Article
	var bad []Item
	for i, it := range f.Items {
		a, berr := feedArticle(f, it, itemName(in.Name, i+1))
		switch {
		case berr != nil:
			bad = append(bad, Item{Err: berr})
		case a != nil:
			arts = append(arts, *a)
		}
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

// feedArticle turns one feed item into an article; nil for a nil item.
func feedArticle(f *gofeed.Feed, it *gofeed.Item, origin string) (*model.Article, error) {
	if it == nil {
		return nil, nil
	}
	a := model.Article{
		Format: model.FormatFeed,
		Origin: origin,
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
		return nil, fmt.Errorf("article: %s: %w (item %q has no content or description)", a.Origin, ErrNoText, a.Title)
	}
	finish(&a)
	return &a, nil
}

// newXMLDecoder returns a strict decoder that knows HTML's named entities
// (feeds use &nbsp; and the like) and reads any declared charset as is
// (the input is checked to be UTF-8 before).
func newXMLDecoder(b []byte, entities map[string]string) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = entities
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// wellFormed returns the first XML syntax error of b, or nil.
func wellFormed(b []byte) error {
	d := newXMLDecoder(b, entityNames(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// itemStart finds the start tags of RSS items and Atom entries.
var itemStart = regexp.MustCompile(`<(item|entry)[\s>/]`)

// importBrokenFeed reads a feed that is not well-formed one item at a time:
// the part before the first item (the channel, with its title) is closed
// after each whole item and parsed with it; a broken item is reported.
func importBrokenFeed(ctx context.Context, name string, b []byte, xerr error, yield func(Item) bool) error {
	starts := itemStart.FindAllIndex(b, -1)
	if len(starts) == 0 {
		return fmt.Errorf("article: %s: %w feed: %v", name, ErrMalformed, xerr)
	}
	prolog := b[:starts[0][0]]
	closers := closingTags(prolog)
	lineAt := func(off int) int { return 1 + bytes.Count(b[:off], []byte("\n")) }
	var items []Item
	good := 0
	for i, st := range starts {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := len(b)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		origin := fmt.Sprintf("%s:%d", name, lineAt(st[0]))
		n, err := elementEnd(b[st[0]:end], entityNames(prolog))
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			se.Line += lineAt(st[0]) - 1 // a line of the file, not of the item
		}
		if err != nil {
			items = append(items, Item{Err: fmt.Errorf("article: %s: %w feed item %d: %v", origin, ErrMalformed, i+1, err)})
			continue
		}
		doc := make([]byte, 0, len(prolog)+n+len(closers))
		doc = append(append(append(doc, prolog...), b[st[0]:st[0]+n]...), closers...)
		f, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
		if err != nil || len(f.Items) != 1 {
			if err == nil {
				err = fmt.Errorf("%d items read from it", len(f.Items))
			}
			items = append(items, Item{Err: fmt.Errorf("article: %s: %w feed item %d: %v", origin, ErrMalformed, i+1, err)})
			continue
		}
		a, err := feedArticle(f, f.Items[0], itemName(name, i+1))
		switch {
		case err != nil:
			items = append(items, Item{Err: err})
		case a != nil:
			items = append(items, Item{Article: *a})
			good++
		}
	}
	if good == 0 {
		return fmt.Errorf("article: %s: %w feed: no item is whole (%v)", name, ErrMalformed, items[0].Err)
	}
	for _, it := range items {
		if !yield(it) {
			return nil
		}
	}
	return nil
}

// entityRE finds the entities a document's internal DTD declares.
var entityRE = regexp.MustCompile(`<!ENTITY\s+([^\s%]+)\s`)

// entityNames maps the entities declared in b to "" (for checking the
// structure only) on top of HTML's.
func entityNames(b []byte) map[string]string {
	m := maps.Clone(xml.HTMLEntity)
	for _, sub := range entityRE.FindAllSubmatch(b, -1) {
		m[string(sub[1])] = ""
	}
	return m
}

// elementEnd returns the length of the element b starts with, or why it is
// not whole (an unclosed or mismatched tag).
func elementEnd(b []byte, entities map[string]string) (int, error) {
	d := newXMLDecoder(b, entities)
	depth := 0
	var open string
	for {
		tok, err := d.Token()
		var se *xml.SyntaxError
		if errors.Is(err, io.EOF) || errors.As(err, &se) && se.Msg == "unexpected EOF" {
			return 0, fmt.Errorf("<%s> is not closed before the next item", open)
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				open = t.Name.Local
			}
			depth++
		case xml.EndElement:
			depth--
			if depth == 0 {
				return int(d.InputOffset()), nil
			}
		}
	}
}

// closingTags returns the end tags of the elements left open at the end of
// prolog, innermost first.
func closingTags(prolog []byte) []byte {
	d := xml.NewDecoder(bytes.NewReader(prolog))
	d.Strict = false
	var stack []string
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := t.Name.Local
			if t.Name.Space != "" {
				n = t.Name.Space + ":" + n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	var out []byte
	for i := len(stack) - 1; i >= 0; i-- {
		out = append(out, "</"+stack[i]+">"...)
	}
	return out
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
