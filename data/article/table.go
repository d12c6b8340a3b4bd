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

// Import reads the rows. Each row is read strictly (RFC 4180 quoting, with
// a stray quote inside an unquoted field tolerated): a row whose quotes do
// not close, or that a broken quote merges with the rows after it, is
// reported by its first line as a bad Item, and reading goes on at the line
// after that, so the rows it would have swallowed are still stored.
func (c CSV) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	max := c.MaxRow
	if max <= 0 {
		max = DefaultMaxArticle
	}
	comma := byte(',')
	if strings.HasSuffix(strings.ToLower(in.Name), ".tsv") {
		comma = '\t'
	}
	sp := &csvSplitter{r: bufio.NewReaderSize(in.R, 64<<10), comma: comma, max: max}
	var header []string
	for header == nil {
		rec, line, err := sp.next()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("article: %s: %w", in.Name, ErrEmpty)
		}
		if err != nil {
			var re *rowError
			if errors.As(err, &re) {
				return fmt.Errorf("article: %s:%d: %w CSV header: %v", in.Name, line, ErrMalformed, re.err)
			}
			return fmt.Errorf("article: %s: %w", in.Name, err)
		}
		header = rec
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
		rec, line, err := sp.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		origin := fmt.Sprintf("%s:%d", in.Name, line)
		if err != nil {
			var re *rowError
			if !errors.As(err, &re) {
				return fmt.Errorf("article: %s: %w", in.Name, err)
			}
			if !yield(Item{Err: fmt.Errorf("article: %s: %w CSV row: %v", origin, ErrMalformed, re.err)}) {
				return nil
			}
			continue
		}
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return rec[i]
		}
		var it Item
		switch {
		case xi >= len(rec):
			it.Err = fmt.Errorf("article: %s: %w: the row has %d fields, the text is in column %d", origin, ErrMissingColumn, len(rec), xi+1)
		case strings.TrimSpace(rec[xi]) == "":
			it.Err = fmt.Errorf("article: %s: %w (empty text)", origin, ErrNoText)
		default:
			a := model.Article{Format: model.FormatCSV, Origin: origin, Title: field(ti), URL: field(ui), Source: field(si), Text: field(xi)}
			all := a.Text + a.Title + a.URL + a.Source
			if !utf8.ValidString(all) {
				it.Err = fmt.Errorf("article: %s: %w", origin, ErrInvalidUTF8)
				break
			}
			if strings.IndexByte(all, 0) >= 0 {
				it.Err = fmt.Errorf("article: %s: %w (a NUL byte in the row)", origin, ErrBinary)
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

// rowError is a CSV row that cannot be read exactly.
type rowError struct{ err error }

func (e *rowError) Error() string { return e.err.Error() }

// errUnclosed is the cause of a row whose quoted field never closes.
var errUnclosed = errors.New("a quoted field is not closed before the end of the file")

// rawLine is one physical line of a CSV input (with its newline).
type rawLine struct {
	n       int
	b       []byte
	tooLong bool
}

// csvSplitter cuts a CSV stream into rows by following its quotes, and
// parses each row on its own, so that a broken row can be reported and
// reading resumed at the line after its first.
type csvSplitter struct {
	r     *bufio.Reader
	comma byte
	max   int
	lines int       // physical lines read from r
	queue []rawLine // lines to read again after a broken row
	eof   bool
}

// line returns the next physical line, from the queue first.
func (s *csvSplitter) line() (rawLine, error) {
	if len(s.queue) > 0 {
		l := s.queue[0]
		s.queue = s.queue[1:]
		return l, nil
	}
	if s.eof {
		return rawLine{}, io.EOF
	}
	var buf []byte
	tooLong := false
	for {
		part, err := s.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(part) > s.max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, part...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return rawLine{}, err
			}
			s.eof = true
			if len(buf) == 0 && !tooLong {
				return rawLine{}, io.EOF
			}
		}
		s.lines++
		return rawLine{n: s.lines, b: buf, tooLong: tooLong}, nil
	}
}

// next returns the fields of the next row and the line it starts on. A
// row that cannot be read is a *rowError; io.EOF ends the input.
func (s *csvSplitter) next() ([]string, int, error) {
	for {
		var lines []rawLine
		size := 0
		inQuote, fieldStart := false, true
		for {
			l, err := s.line()
			if errors.Is(err, io.EOF) && len(lines) > 0 {
				// The input ends inside a quoted field.
				s.requeue(lines[1:])
				return nil, lines[0].n, &rowError{errUnclosed}
			}
			if err != nil {
				return nil, 0, err
			}
			if l.tooLong {
				if len(lines) > 0 {
					s.requeue(append(lines[1:], l))
					return nil, lines[0].n, &rowError{fmt.Errorf("%w: a quoted field runs into a line over %d KiB", errUnclosed, s.max>>10)}
				}
				return nil, l.n, &rowError{fmt.Errorf("%w: line over %d KiB", ErrTooLarge, s.max>>10)}
			}
			lines = append(lines, l)
			size += len(l.b)
			for i := 0; i < len(l.b); i++ {
				c := l.b[i]
				switch {
				case inQuote:
					if c == '"' {
						if i+1 < len(l.b) && l.b[i+1] == '"' {
							i++
						} else {
							inQuote = false
						}
					}
				case c == s.comma:
					fieldStart = true
				case c == '"' && fieldStart:
					inQuote, fieldStart = true, false
				case c == '\n':
					fieldStart = true
				default:
					fieldStart = false
				}
			}
			if !inQuote {
				break
			}
			if size > s.max {
				s.requeue(lines[1:])
				return nil, lines[0].n, &rowError{fmt.Errorf("%w (or the row is over %d KiB)", errUnclosed, s.max>>10)}
			}
		}
		rec, err := s.parse(lines)
		if err != nil {
			s.requeue(lines[1:])
			return nil, lines[0].n, &rowError{err}
		}
		if rec != nil {
			return rec, lines[0].n, nil
		}
		// A blank line: no row.
	}
}

// requeue puts lines back to be read again, before any queued ones.
func (s *csvSplitter) requeue(lines []rawLine) {
	if len(lines) == 0 {
		return
	}
	s.queue = append(append([]rawLine(nil), lines...), s.queue...)
}

// parse reads the one row held by lines; nil for a blank line.
func (s *csvSplitter) parse(lines []rawLine) ([]string, error) {
	var b []byte
	for _, l := range lines {
		b = append(b, l.b...)
	}
	read := func(lazy bool) ([]string, error) {
		r := csv.NewReader(bytes.NewReader(b))
		r.Comma = rune(s.comma)
		r.FieldsPerRecord = -1
		r.LazyQuotes = lazy
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if _, err := r.Read(); !errors.Is(err, io.EOF) {
			return nil, errors.New("a quote closes in the middle of a field")
		}
		return rec, nil
	}
	rec, err := read(false)
	if err != nil && errors.Is(err, csv.ErrBareQuote) && len(lines) == 1 {
		// A stray quote inside an unquoted field (5" screen): harmless.
		return read(true)
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, csv.ErrQuote) {
			err = errors.New("a quoted field ends with a stray quote, or a quote is not closed and swallowed the lines after it")
		}
		return nil, err
	}
	return rec, nil
}
