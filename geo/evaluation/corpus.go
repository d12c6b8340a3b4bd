// Package evaluation measures a geoparser against gold-standard corpora:
// it reads the LGL / TR-News and GeoVirus XML formats, aligns their gold
// toponym spans to the text, and scores predictions with the standard
// measures: toponym recognition precision, recall and F1 by exact span, and,
// over the correctly recognised gold toponyms that have coordinates,
// accuracy within 161 km, mean and median error in km, and the AUC of the
// log error.
package evaluation

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Toponym is one gold place name in a document.
type Toponym struct {
	// Start and End are character (rune) offsets into Document.Text,
	// after alignment.
	Start, End int
	// Phrase is the name as it appears in the text.
	Phrase string
	// Point is the gold longitude/latitude when HasPoint is true.
	Point    orb.Point
	HasPoint bool
	// GeoNameID is the GeoNames id of the gold place when the corpus
	// gives one (LGL, TR-News), else 0.
	GeoNameID int64
	// Name is the gold place's own name when the corpus gives one (the
	// GeoNames name in LGL and TR-News, the Wikipedia title in
	// GeoVirus), else "".
	Name string
}

// Document is one article of a corpus with its gold toponyms.
type Document struct {
	ID, Title, URL, Source string
	// Date is the article's date when the corpus gives one (LGL and
	// TR-News do), else the zero time.
	Date time.Time
	Text string
	Gold []Toponym
}

// Corpus is a gold-standard collection.
type Corpus struct {
	// Name is what reports call the corpus, such as "LGL".
	Name string
	Docs []Document
	// Unaligned counts gold toponyms whose phrase could not be found at or
	// near their offsets; they are left out of the scores.
	Unaligned int
}

// alignWindow is how far, in characters, a gold span may be from where its
// phrase really is and still be moved there.
const alignWindow = 8

// ErrNotCorpus is returned (wrapped) for XML that is neither format.
var ErrNotCorpus = errors.New("evaluation: not an LGL/TR-News or GeoVirus corpus")

// xmlArticle covers both formats: LGL/TR-News use <toponyms><toponym>,
// GeoVirus uses <locations><location>.
type xmlArticle struct {
	DocID    string     `xml:"docid,attr"`
	Title    string     `xml:"title"`
	URL      string     `xml:"url"`
	Source   string     `xml:"source"`
	DLTime   string     `xml:"dltime"`
	Text     string     `xml:"text"`
	Toponyms []xmlTopo  `xml:"toponyms>toponym"`
	Location []xmlPlace `xml:"locations>location"`
}

type xmlTopo struct {
	Start  int       `xml:"start"`
	End    int       `xml:"end"`
	Phrase string    `xml:"phrase"`
	Gaz    xmlGaztag `xml:"gaztag"`
}

type xmlGaztag struct {
	ID   string `xml:"geonameid,attr"`
	Name string `xml:"name"`
	Lat  string `xml:"lat"`
	Lon  string `xml:"lon"`
}

type xmlPlace struct {
	Name  string `xml:"name"`
	Start int    `xml:"start"`
	End   int    `xml:"end"`
	Lat   string `xml:"lat"`
	Lon   string `xml:"lon"`
	Page  string `xml:"page"`
}

// ReadCorpus reads a corpus in either XML format. name labels it in
// reports and errors.
func ReadCorpus(r io.Reader, name string) (*Corpus, error) {
	dec := xml.NewDecoder(r)
	c := &Corpus{Name: name}
	sawArticles := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("evaluation: %s: %w", name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "articles":
			sawArticles = true
		case "article":
			var a xmlArticle
			if err := dec.DecodeElement(&a, &se); err != nil {
				return nil, fmt.Errorf("evaluation: %s: article %d: %w", name, len(c.Docs)+1, err)
			}
			c.Docs = append(c.Docs, c.document(a))
		}
	}
	if !sawArticles {
		return nil, fmt.Errorf("%w: %s has no <articles>", ErrNotCorpus, name)
	}
	return c, nil
}

// document converts one article, aligning its gold spans.
func (c *Corpus) document(a xmlArticle) Document {
	d := Document{
		ID:     strings.TrimSpace(a.DocID),
		Title:  strings.TrimSpace(a.Title),
		URL:    strings.TrimSpace(a.URL),
		Source: strings.TrimSpace(a.Source),
		Text:   a.Text,
		Date:   parseDate(a.DLTime),
	}
	if d.ID == "" {
		d.ID = strconv.Itoa(len(c.Docs) + 1)
	}
	text := []rune(a.Text)
	add := func(start, end int, phrase, lat, lon string, id int64, gname string) {
		t := Toponym{Phrase: phrase, GeoNameID: id, Name: strings.TrimSpace(gname)}
		if la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64); err1 == nil {
			if lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64); err2 == nil {
				t.Point, t.HasPoint = orb.Point{lo, la}, true
			}
		}
		s, ok := align(text, start, end, phrase)
		if !ok {
			c.Unaligned++
			return
		}
		t.Start, t.End = s, s+utf8.RuneCountInString(phrase)
		d.Gold = append(d.Gold, t)
	}
	for _, tp := range a.Toponyms {
		id, _ := strconv.ParseInt(strings.TrimSpace(tp.Gaz.ID), 10, 64)
		add(tp.Start, tp.End, tp.Phrase, tp.Gaz.Lat, tp.Gaz.Lon, id, tp.Gaz.Name)
	}
	for _, l := range a.Location {
		add(l.Start, l.End, l.Name, l.Lat, l.Lon, 0, pageTitle(l.Page))
	}
	return d
}

// pageTitle returns the title of a Wikipedia page URL without its
// disambiguation ("Pandi" for .../wiki/Pandi,_Bulacan), or "".
func pageTitle(u string) string {
	u = strings.TrimSpace(u)
	i := strings.LastIndex(u, "/wiki/")
	if i < 0 {
		return ""
	}
	t := u[i+len("/wiki/"):]
	if un, err := url.PathUnescape(t); err == nil {
		t = un
	}
	t = strings.ReplaceAll(t, "_", " ")
	if j := strings.IndexAny(t, ",("); j > 0 {
		t = t[:j]
	}
	return strings.TrimSpace(t)
}

// align finds the phrase at its offsets or at the nearest position within
// alignWindow characters, and returns its start.
func align(text []rune, start, end int, phrase string) (int, bool) {
	p := []rune(phrase)
	if len(p) == 0 {
		return 0, false
	}
	at := func(s int) bool {
		if s < 0 || s+len(p) > len(text) {
			return false
		}
		for i, r := range p {
			if text[s+i] != r {
				return false
			}
		}
		return true
	}
	for d := 0; d <= alignWindow; d++ {
		if at(start - d) {
			return start - d, true
		}
		if d > 0 && at(start+d) {
			return start + d, true
		}
	}
	return 0, false
}

// parseDate reads LGL's "2009-03-20 12:24:52.002364-05" and TR-News'
// "2016-12-19"; anything else gives the zero time.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}
	}
	return t
}

// AnnotatesDemonyms reports whether the corpus's annotators marked
// adjectives and demonyms ("Russian") as toponyms: LGL and TR-News do,
// the GeoVirus format (articles with a source and no date) does not.
func (c *Corpus) AnnotatesDemonyms() bool {
	for _, d := range c.Docs {
		if d.Source != "" {
			return false
		}
	}
	return true
}
