package article

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"eventmap/data/model"
)

// The usual names of each field in a table, tried in order, ignoring case.
var (
	titleNames  = []string{"title", "headline", "name"}
	dateNames   = []string{"date", "published", "published_at", "pubdate", "time", "datetime", "timestamp", "dltime"}
	textNames   = []string{"text", "body", "content", "article", "description", "story"}
	urlNames    = []string{"url", "link", "href"}
	sourceNames = []string{"source", "domain", "publisher", "site", "outlet"}
)

func pick(explicit string, usual []string, has func(string) bool) string {
	if explicit != "" {
		return explicit
	}
	for _, n := range usual {
		if has(n) {
			return n
		}
	}
	return ""
}

// JSONLines reads one article per line, each a JSON object with the fields
// named by Columns (title, date, text, url, source by default). A line that
// is not an object, or has no text, is reported as a bad Item and the rest of
// the file goes on.
type JSONLines struct {
	Columns Columns
	// MaxLine is the longest line read; 0 means DefaultMaxArticle.
	MaxLine int
}

func (JSONLines) streams() {}

// Format returns model.FormatJSONL.
func (JSONLines) Format() model.Format { return model.FormatJSONL }

// Sniff is true when the input starts with a JSON object that is not a
// JSON Feed.
func (JSONLines) Sniff(head []byte) bool {
	h := bytes.TrimSpace(head)
	return bytes.HasPrefix(h, []byte("{")) && !bytes.Contains(h, []byte("jsonfeed.org/version"))
}

// Extensions returns .jsonl, .ndjson and .jsonlines.
func (JSONLines) Extensions() []string { return []string{".jsonl", ".ndjson", ".jsonlines"} }

// Import reads the lines.
func (j JSONLines) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	max := j.MaxLine
	if max <= 0 {
		max = DefaultMaxArticle
	}
	r := bufio.NewReaderSize(in.R, 64<<10)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(r, max)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("article: %s: %w", in.Name, err)
		}
		eof := errors.Is(err, io.EOF)
		origin := fmt.Sprintf("%s:%d", in.Name, n)
		switch {
		case tooLong:
			if !yield(Item{Err: fmt.Errorf("article: %s: %w: line over %d KiB", origin, ErrTooLarge, max>>10)}) {
				return nil
			}
		case len(bytes.TrimSpace(line)) == 0:
		default:
			if !yield(j.item(line, origin)) {
				return nil
			}
		}
		if eof {
			return nil
		}
	}
}

func (j JSONLines) item(line []byte, origin string) Item {
	if !utf8.Valid(line) {
		return Item{Err: fmt.Errorf("article: %s: %w", origin, ErrInvalidUTF8)}
	}
	var obj map[string]any
	if err := json.Unmarshal(line, &obj); err != nil {
		return Item{Err: fmt.Errorf("article: %s: %w JSON: %v", origin, ErrMalformed, err)}
	}
	lower := make(map[string]any, len(obj))
	for k, v := range obj {
		lower[strings.ToLower(k)] = v
	}
	has := func(k string) bool { _, ok := lower[strings.ToLower(k)]; return ok }
	get := func(k string) string {
		switch v := lower[strings.ToLower(k)].(type) {
		case string:
			return v
		case float64:
			return fmt.Sprint(int64(v))
		}
		return ""
	}
	c := j.Columns
	textKey := pick(c.Text, textNames, has)
	a := model.Article{
		Format: model.FormatJSONL,
		Origin: origin,
		Title:  get(pick(c.Title, titleNames, has)),
		URL:    get(pick(c.URL, urlNames, has)),
		Source: get(pick(c.Source, sourceNames, has)),
		Text:   get(textKey),
	}
	if d := get(pick(c.Date, dateNames, has)); d != "" {
		a.Published = parseDateOrZero(d)
	}
	if strings.TrimSpace(a.Text) == "" {
		name := textKey
		if name == "" {
			name = "text"
		}
		return Item{Err: fmt.Errorf("article: %s: %w: no %q field", origin, ErrMissingColumn, name)}
	}
	finish(&a)
	return Item{Article: a}
}

// readLine reads one line of at most max bytes; a longer one is skipped to
// its end and reported as tooLong.
func readLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		part, isPrefix, err := r.ReadLine()
		if err != nil {
			if errors.Is(err, io.EOF) && (len(buf) > 0 || tooLong) {
				return buf, tooLong, nil
			}
			return buf, tooLong, err
		}
		if !tooLong {
			if len(buf)+len(part) > max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, part...)
			}
		}
		if !isPrefix {
			return buf, tooLong, nil
		}
	}
}

// CSV reads a table with a header row, one article per row, columns chosen
// by Columns (title, date, text, url, source by default; .tsv files are
// tab-separated). A file with no text column fails whole; a row that is
// short of the text column, or whose text is empty, is a bad Item.
type CSV struct {
	Columns Columns
	// MaxRow is the largest row read; 0 means DefaultMaxArticle.
	MaxRow int
}

func (CSV) streams() {}

// Format returns model.FormatCSV.
func (CSV) Format() model.Format { return model.FormatCSV }

// Sniff is never sure: CSV is chosen by extension.
func (CSV) Sniff([]byte) bool { return false }

// Extensions returns .csv and .tsv.
func (CSV) Extensions() []string { return []string{".csv", ".tsv"} }

// Import reads the rows.
func (c CSV) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	max := c.MaxRow
	if max <= 0 {
		max = DefaultMaxArticle
	}
	br := bufio.NewReader(in.R)
	r := csv.NewReader(br)
	if strings.HasSuffix(strings.ToLower(in.Name), ".tsv") {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("article: %s: %w", in.Name, ErrEmpty)
		}
		return fmt.Errorf("article: %s: %w CSV header: %v", in.Name, ErrMalformed, err)
	}
	col := map[string]int{}
	var names []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
		names = append(names, h)
	}
	has := func(k string) bool { _, ok := col[strings.ToLower(k)]; return ok }
	idx := func(explicit string, usual []string) int {
		k := pick(explicit, usual, has)
		if i, ok := col[strings.ToLower(k)]; ok {
			return i
		}
		return -1
	}
	cols := c.Columns
	ti, di, xi, ui, si := idx(cols.Title, titleNames), idx(cols.Date, dateNames), idx(cols.Text, textNames), idx(cols.URL, urlNames), idx(cols.Source, sourceNames)
	if xi < 0 {
		want := cols.Text
		if want == "" {
			want = strings.Join(textNames, "/")
		}
		return fmt.Errorf("article: %s: %w: no text column %q (the columns are %s; map one to the text)", in.Name, ErrMissingColumn, want, strings.Join(names, ", "))
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		origin := in.Name
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				origin = fmt.Sprintf("%s:%d", in.Name, pe.StartLine)
			}
			if pe != nil && !errors.Is(err, csv.ErrFieldCount) {
				// A broken quote spoils the rest of the file.
				return fmt.Errorf("article: %s: %w CSV: %v", in.Name, ErrMalformed, err)
			}
			if !yield(Item{Err: fmt.Errorf("article: %s: %w: %v", origin, ErrMalformed, err)}) {
				return nil
			}
			continue
		}
		if l, _ := r.FieldPos(0); l > 0 {
			origin = fmt.Sprintf("%s:%d", in.Name, l)
		}
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return rec[i]
		}
		size := 0
		for _, f := range rec {
			size += len(f)
		}
		var it Item
		switch {
		case size > max:
			it.Err = fmt.Errorf("article: %s: %w: row over %d KiB", origin, ErrTooLarge, max>>10)
		case xi >= len(rec):
			it.Err = fmt.Errorf("article: %s: %w: the row has %d fields, the text is in column %d", origin, ErrMissingColumn, len(rec), xi+1)
		case strings.TrimSpace(rec[xi]) == "":
			it.Err = fmt.Errorf("article: %s: %w (empty text)", origin, ErrNoText)
		default:
			a := model.Article{Format: model.FormatCSV, Origin: origin, Title: field(ti), URL: field(ui), Source: field(si), Text: field(xi)}
			if !utf8.ValidString(a.Text + a.Title + a.URL + a.Source) {
				it.Err = fmt.Errorf("article: %s: %w", origin, ErrInvalidUTF8)
				break
			}
			if d := field(di); d != "" {
				a.Published = parseDateOrZero(d)
			}
			finish(&a)
			it.Article = a
		}
		if !yield(it) {
			return nil
		}
	}
}
