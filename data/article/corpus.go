package article

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"eventmap/data/model"
)

// Corpus reads the geoparsing evaluation corpora: LGL and TR-News
// (<article docid><title><url><domain><dltime><text>…) and GeoVirus
// (<article><source><text>…), one article per <article>. The gold toponyms
// are not read. LGL's dltime is the article's date; GeoVirus articles are
// undated and take their title from their first sentence.
type Corpus struct{}

// Format returns model.FormatLGL (each article says which corpus it is).
func (Corpus) Format() model.Format { return model.FormatLGL }

// Sniff is true for an XML document whose root is <articles>.
func (Corpus) Sniff(head []byte) bool { return xmlRoot(bytes.TrimSpace(head)) == "articles" }

// Extensions returns none: a corpus is always recognised by its content.
func (Corpus) Extensions() []string { return nil }

type corpusArticle struct {
	DocID  string `xml:"docid,attr"`
	Title  string `xml:"title"`
	URL    string `xml:"url"`
	Domain string `xml:"domain"`
	DLTime string `xml:"dltime"`
	Source string `xml:"source"`
	Text   string `xml:"text"`
}

// Import reads the corpus. A malformed document (such as one that uses an
// entity it does not define, as an entity-expansion bomb does) fails whole,
// with its line number.
func (Corpus) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	d := xml.NewDecoder(in.R)
	d.Strict = true
	var arts []model.Article
	var bad []Item
	n := 0
	for {
		if n&63 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("article: %s: %w XML: %v", in.Name, ErrMalformed, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "article" {
			continue
		}
		n++
		var ca corpusArticle
		if err := d.DecodeElement(&ca, &se); err != nil {
			return fmt.Errorf("article: %s: %w XML in article %d: %v", in.Name, ErrMalformed, n, err)
		}
		origin := itemName(in.Name, n)
		if ca.DocID != "" {
			origin = in.Name + "#" + ca.DocID
		}
		a := model.Article{Format: model.FormatLGL, Origin: origin, Text: ca.Text, Title: ca.Title, URL: ca.URL, Source: ca.Domain}
		if ca.Source != "" && ca.URL == "" {
			a.Format = model.FormatGeoVirus
			a.URL = ca.Source
		}
		if ca.DLTime != "" {
			a.Published = parseDateOrZero(ca.DLTime)
		}
		if strings.TrimSpace(a.Text) == "" {
			bad = append(bad, Item{Err: fmt.Errorf("article: %s: %w", origin, ErrNoText)})
			continue
		}
		if a.Title == "" {
			a.Title = firstSentence(a.Text)
		}
		finish(&a)
		arts = append(arts, a)
	}
	if n == 0 {
		return fmt.Errorf("article: %s: %w: no <article> elements", in.Name, ErrEmpty)
	}
	for _, b := range bad {
		if !yield(b) {
			return nil
		}
	}
	return yieldAll(ctx, arts, yield)
}

// firstSentence returns the text up to its first full stop, cut to 100 runes.
func firstSentence(s string) string {
	s = model.OneLine(s)
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	return firstLine(s, 100)
}
