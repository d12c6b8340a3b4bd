// Package article reads news articles from the files users bring: plain
// text and Markdown (with an optional date/title header or YAML front
// matter), HTML pages, RSS/Atom/JSON feeds, JSON Lines and CSV tables, and the
// LGL and GeoVirus evaluation corpora.
//
// Each format is an Importer. A Set holds them all and picks one for an
// input by its content first (Sniff) and its file name extension second,
// after checking that the input is text: binary data, invalid UTF-8, empty
// inputs and inputs over the size limit fail with an error that names the
// input and the cause.
//
// Whole-document formats (text, Markdown, HTML, feeds, corpora) are read into
// memory up to Options.MaxSize and parsed before any article is handed on, so
// a malformed file yields no article at all. Table formats (JSON Lines, CSV)
// stream: one bad row is reported as an Item with an error and the rest of
// the file goes on.
package article

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"eventmap/data/model"
)

// Limits.
const (
	// DefaultMaxSize is the largest whole-document input read (64 MiB).
	// Larger text, HTML, feed and corpus files are refused with ErrTooLarge;
	// JSON Lines and CSV files of any size stream.
	DefaultMaxSize = 64 << 20
	// DefaultMaxArticle is the largest single article (one JSON line, one
	// CSV row): 4 MiB.
	DefaultMaxArticle = 4 << 20
	// sniffLen is how much of an input is looked at to choose its importer.
	sniffLen = 8 << 10
)

// Sentinel errors, wrapped with the input's name.
var (
	ErrBinary        = errors.New("binary data, not text")
	ErrInvalidUTF8   = errors.New("invalid UTF-8 (convert the file to UTF-8)")
	ErrEmpty         = errors.New("empty")
	ErrTooLarge      = errors.New("too large")
	ErrMalformed     = errors.New("malformed")
	ErrNoText        = errors.New("no article text found")
	ErrMissingColumn = errors.New("missing column")
	// ErrNotRegular is a named pipe, socket or device where a file was
	// expected.
	ErrNotRegular = errors.New("not a regular file (a pipe, socket or device is not read)")
)

// Input is one file or stream to import.
type Input struct {
	// Name names the input in errors and in Article.Origin: a path, or
	// "stdin".
	Name string
	// R reads its content.
	R io.Reader
}

// Item is one article read from an input, or (when Err is set) the reason
// one entry of the input (a JSON line, a CSV row) could not be read.
type Item struct {
	Article model.Article
	Err     error
}

// Importer reads one format.
type Importer interface {
	// Format is the format it reads.
	Format() model.Format
	// Sniff reports whether head, the first bytes of an input, are
	// certainly in this format. It is false when unsure.
	Sniff(head []byte) bool
	// Extensions lists the lower-case file name extensions (with the
	// dot) that it reads when no importer's Sniff is sure.
	Extensions() []string
	// Import reads the articles of an input and calls yield for each,
	// stopping when yield returns false. The error is for the input as a
	// whole.
	Import(ctx context.Context, in Input, yield func(Item) bool) error
}

// streamer is implemented by importers that read their input as a stream
// (with their own per-article limit) rather than as one document.
type streamer interface{ streams() }

// Columns maps the fields of an article to the column names (CSV) or keys
// (JSON Lines) of a table. Empty fields use the usual names: title/headline,
// date/published/time, text/body/content, url/link, source/domain/publisher.
type Columns struct {
	Title, Date, Text, URL, Source string
}

// Options configure a Set.
type Options struct {
	// MaxSize is the largest whole-document input; 0 means DefaultMaxSize.
	MaxSize int64
	// MaxArticle is the largest table row; 0 means DefaultMaxArticle.
	MaxArticle int
	// Columns maps table columns to article fields.
	Columns Columns
}

// Set is the importers for every format, and the logic that picks one.
type Set struct {
	opts      Options
	importers []Importer
	fallback  Importer
}

// NewSet returns the importers for every built-in format.
func NewSet(opts Options) *Set {
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.MaxArticle <= 0 {
		opts.MaxArticle = DefaultMaxArticle
	}
	text := Text{}
	return &Set{
		opts: opts,
		// Order matters: the more specific sniffers first.
		importers: []Importer{
			Corpus{},
			Feed{},
			HTML{},
			JSONLines{Columns: opts.Columns, MaxLine: opts.MaxArticle},
			CSV{Columns: opts.Columns, MaxRow: opts.MaxArticle},
			Markdown{},
			text,
		},
		fallback: text,
	}
}

// Importers returns the importers of the set.
func (s *Set) Importers() []Importer { return s.importers }

// Detect chooses the importer for an input by its first bytes, then by the
// extension of its name, falling back to plain text.
func (s *Set) Detect(name string, head []byte) Importer {
	head = bytes.TrimPrefix(head, bom)
	for _, im := range s.importers {
		if im.Sniff(head) {
			return im
		}
	}
	ext := strings.ToLower(filepath.Ext(name))
	for _, im := range s.importers {
		for _, e := range im.Extensions() {
			if e == ext {
				return im
			}
		}
	}
	return s.fallback
}

var bom = []byte("\xef\xbb\xbf")

// ImportFile imports the file at path. See Import. Only a regular file (or
// a symbolic link to one) is read: a named pipe, socket or device fails with
// ErrNotRegular before it is opened, so it cannot block.
func (s *Set) ImportFile(ctx context.Context, path string, yield func(Item) bool) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("article: %w", err)
	}
	if fi.IsDir() {
		return fmt.Errorf("article: %s: is a folder", path)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("article: %s: %w", path, ErrNotRegular)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("article: %w", err)
	}
	defer f.Close()
	return s.Import(ctx, Input{Name: path, R: f}, yield)
}

// Import checks that an input is text, chooses its importer and reads it,
// calling yield for each article (or bad entry) until yield returns false.
// Errors name the input and wrap the sentinel errors of this package.
//
// A table (JSON Lines, CSV) whose first bytes are mostly text is read even
// when a few of them are not: its bad lines are reported one by one.
func (s *Set) Import(ctx context.Context, in Input, yield func(Item) bool) error {
	br := bufio.NewReaderSize(in.R, sniffLen)
	head, err := peekHead(in.Name, br)
	if err != nil {
		return err
	}
	im := s.Detect(in.Name, head)
	_, streams := im.(streamer)
	if err := checkText(head, len(head) < sniffLen); err != nil && !(streams && mostlyText(head)) {
		return fmt.Errorf("article: %s: %w", in.Name, err)
	}
	if streams {
		return im.Import(ctx, Input{Name: in.Name, R: br}, yield)
	}
	b, err := readRest(in.Name, br, s.opts.MaxSize, im.Format())
	if err != nil {
		return err
	}
	return im.Import(ctx, Input{Name: in.Name, R: bytes.NewReader(b)}, yield)
}

// ReadDocument reads a whole input that must be text, such as the article
// given to "eventmap geoparse": it refuses binary data, invalid UTF-8 and
// empty input from the first few KiB (so /dev/zero fails at once), and
// stops reading at max bytes (0 means DefaultMaxSize) with ErrTooLarge, so
// an endless stream cannot fill the memory. A leading byte-order mark is
// dropped.
func ReadDocument(in Input, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	br := bufio.NewReaderSize(in.R, sniffLen)
	head, err := peekHead(in.Name, br)
	if err != nil {
		return nil, err
	}
	if err := checkText(head, len(head) < sniffLen); err != nil {
		return nil, fmt.Errorf("article: %s: %w", in.Name, err)
	}
	return readRest(in.Name, br, max, model.FormatText)
}

// peekHead returns the first bytes of an input, failing on an empty one.
func peekHead(name string, br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("article: %s: %w", name, err)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(head, bom))) == 0 && len(head) < sniffLen {
		return nil, fmt.Errorf("article: %s: %w", name, ErrEmpty)
	}
	return head, nil
}

// readRest reads a whole document of at most max bytes and checks that it
// is text.
func readRest(name string, br *bufio.Reader, max int64, f model.Format) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		return nil, fmt.Errorf("article: %s: %w", name, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("article: %s: %w: over the limit of %d MiB for a %s file", name, ErrTooLarge, max>>20, f)
	}
	b = bytes.TrimPrefix(b, bom)
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("article: %s: %w", name, ErrEmpty)
	}
	if err := checkText(b, true); err != nil {
		return nil, fmt.Errorf("article: %s: %w", name, err)
	}
	return b, nil
}

// mostlyText reports whether head, the start of a table, is text with a
// few bad lines rather than binary data: at least one line is text, and at
// most half of them hold NUL bytes, control bytes or invalid UTF-8. (A
// random or zero-filled file has no good line at all.)
func mostlyText(head []byte) bool {
	good, bad := 0, 0
	for line := range bytes.SplitSeq(head, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if checkText(line, false) == nil && !bytes.ContainsFunc(line, func(r rune) bool {
			return r < 0x20 && r != '\r' && r != '\t' && r != '\f'
		}) {
			good++
		} else {
			bad++
		}
	}
	return good > 0 && bad <= good
}

// checkText reports ErrBinary or ErrInvalidUTF8 for b. When complete is
// false, b is a prefix and may end inside a character.
func checkText(b []byte, complete bool) error {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return fmt.Errorf("%w (UTF-16: convert the file to UTF-8)", ErrInvalidUTF8)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("%w (a NUL byte at offset %d)", ErrBinary, i)
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if !complete && len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				return nil
			}
			return fmt.Errorf("%w: at byte %d", ErrInvalidUTF8, i)
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != 0x1b {
			if bin := controlShare(b); bin {
				return fmt.Errorf("%w (control byte 0x%02x at offset %d)", ErrBinary, r, i)
			}
		}
		i += n
	}
	return nil
}

// controlShare reports whether more than 1% of b are control bytes.
func controlShare(b []byte) bool {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			n++
		}
	}
	return n*100 > len(b)
}

// finish fills in the fields every importer derives the same way: the ID,
// a title from the first line, the source from the URL's host.
func finish(a *model.Article) {
	a.Text = strings.TrimSpace(strings.ReplaceAll(a.Text, "\r\n", "\n"))
	a.ID = model.ContentID(a.Text)
	a.Title = model.OneLine(a.Title)
	if a.Title == "" {
		a.Title = firstLine(a.Text, 100)
	}
	a.URL = strings.TrimSpace(a.URL)
	a.Source = model.OneLine(a.Source)
	if a.Source == "" && a.URL != "" {
		if u, err := url.Parse(a.URL); err == nil {
			a.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if !a.Published.IsZero() && !model.InRange(a.Published) {
		a.Published = zeroTime
	}
}

// firstLine returns the first non-blank line of s, cut to at most max runes
// at a word boundary.
func firstLine(s string, max int) string {
	for line := range strings.SplitSeq(s, "\n") {
		line = model.OneLine(line)
		if line == "" {
			continue
		}
		if utf8.RuneCountInString(line) <= max {
			return line
		}
		r := []rune(line)[:max]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > max/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	return ""
}

// itemName names entry n (from 1) of an input.
func itemName(in string, n int) string { return fmt.Sprintf("%s#%d", in, n) }

// yieldAll hands on collected articles.
func yieldAll(ctx context.Context, arts []model.Article, yield func(Item) bool) error {
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !yield(Item{Article: a}) {
			return nil
		}
	}
	return nil
}
