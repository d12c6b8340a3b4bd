package gazetteer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"eventmap/geo/gazetteer/gazfile"
	"eventmap/geo/gazetteer/geonames"

	"github.com/paulmach/orb"
)

// Default import limits: a GeoNames allCountries.zip is about 0.4 GB and
// its allCountries.txt about 1.7 GB.
const (
	DefaultMaxFileBytes  = 4 << 30 // a file as given (zipped or not)
	DefaultMaxEntryBytes = 8 << 30 // one unzipped entry
)

// maxReportedRows bounds the malformed rows an ImportReport lists.
const maxReportedRows = 100

// ErrRefused is wrapped by the error of a file that Import refuses to read:
// a zip entry that escapes its folder, a file or entry over the size limits.
var ErrRefused = errors.New("gazetteer: file refused")

// ImportOptions configures Import.
type ImportOptions struct {
	MaxFileBytes  int64 // refuse a file larger than this (DefaultMaxFileBytes when 0)
	MaxEntryBytes int64 // refuse an unzipped entry larger than this (DefaultMaxEntryBytes when 0)
	AllScripts    bool  // keep alternate names in every script, not only Latin
	BatchRows     int   // rows per batch handed from the parser to the writer (10000 when 0)
	// Progress, when set, is called from time to time with the bytes read
	// so far and the total of the files' sizes.
	Progress func(done, total int64)
}

// RowError is a malformed row that Import skipped.
type RowError struct {
	File string // file (and zip entry) name
	Line int    // 1-based line number
	Err  error  // what is wrong
}

// Error describes the row.
func (e RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// FileReport says what Import did with one file.
type FileReport struct {
	Name      string     // the file as given
	Places    int        // place rows imported
	AltNames  int        // alternate-name rows imported
	Skipped   int        // alternate names skipped (codes, links, other scripts)
	Malformed int        // malformed rows skipped
	Rows      []RowError // the first malformed rows, with line numbers
	Err       error      // non-nil when the file was refused or unreadable
}

// ImportReport says what Import did.
type ImportReport struct {
	Files []FileReport
}

// Malformed returns the number of malformed rows in all files.
func (r *ImportReport) Malformed() int {
	n := 0
	for _, f := range r.Files {
		n += f.Malformed
	}
	return n
}

// Rows returns the number of rows imported from all files.
func (r *ImportReport) Rows() int {
	n := 0
	for _, f := range r.Files {
		n += f.Places + f.AltNames
	}
	return n
}

// Import adds GeoNames dumps to the user gazetteer: place tables
// (allCountries.txt, cities500.txt, per-country XX.txt) and alternate-name
// tables (alternateNamesV2.txt), plain or zipped. Files are streamed; a
// malformed row is counted and skipped; a file refused before reading (a
// zip entry escaping its folder, a file or entry declared over the limits)
// is reported in its FileReport and the others are imported. A zip entry
// that turns out larger than the limit while it is read fails the whole
// import. The work goes into a copy of the gazetteer that replaces it only
// when every file has been read, so a cancelled or failed import leaves
// the user gazetteer as it was. The database is reopened on its next use.
func (u *User) Import(ctx context.Context, files []string, opt ImportOptions) (ImportReport, error) {
	if opt.MaxFileBytes <= 0 {
		opt.MaxFileBytes = DefaultMaxFileBytes
	}
	if opt.MaxEntryBytes <= 0 {
		opt.MaxEntryBytes = DefaultMaxEntryBytes
	}
	if opt.BatchRows <= 0 {
		opt.BatchRows = 10000
	}
	var rep ImportReport
	var total int64
	type source struct {
		idx  int
		size int64
	}
	var ok []source
	for _, name := range files {
		fr := FileReport{Name: name}
		size, err := checkFile(name, opt)
		fr.Err = err
		rep.Files = append(rep.Files, fr)
		if err == nil {
			ok = append(ok, source{len(rep.Files) - 1, size})
			total += size
		}
	}
	if len(ok) == 0 {
		return rep, nil
	}

	if err := os.MkdirAll(filepath.Dir(u.path), 0o755); err != nil {
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	tmp := u.path + ".import"
	os.Remove(tmp)
	if err := copyFile(u.path, tmp); errors.Is(err, os.ErrNotExist) {
		err = os.WriteFile(tmp, nil, 0o644)
		if err != nil {
			return rep, fmt.Errorf("gazetteer: import: %w", err)
		}
	} else if err != nil {
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		os.Remove(tmp)
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w := &aofWriter{w: bufio.NewWriterSize(f, 1<<20)}

	var done atomic.Int64
	progress := func(n int64) {
		d := done.Add(n)
		if opt.Progress != nil {
			opt.Progress(d, total)
		}
	}
	for _, s := range ok {
		fr := &rep.Files[s.idx]
		if err := importFile(ctx, w, fr, opt, progress); err != nil {
			return rep, err
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	if err := w.w.Flush(); err != nil {
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	if err := f.Sync(); err != nil {
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	if err := f.Close(); err != nil {
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	committed = true

	// Swap the new file in; the database is reopened (and its file
	// replayed) on its next use, not here.
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.db != nil {
		u.db.Close()
		u.db = nil
	}
	if err := os.Rename(tmp, u.path); err != nil {
		os.Remove(tmp)
		return rep, fmt.Errorf("gazetteer: import: %w", err)
	}
	return rep, nil
}

// aofWriter appends "set" commands to a BuntDB file in BuntDB's own
// append-only format (the Redis protocol: *3 $3 set $len key $len value),
// which is what BuntDB replays when it opens the file. Writing them
// directly is several times faster than going through transactions.
type aofWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (a *aofWriter) set(k, v string) error {
	b := append(a.buf[:0], "*3\r\n$3\r\nset\r\n$"...)
	b = strconv.AppendInt(b, int64(len(k)), 10)
	b = append(b, "\r\n"...)
	b = append(b, k...)
	b = append(b, "\r\n$"...)
	b = strconv.AppendInt(b, int64(len(v)), 10)
	b = append(b, "\r\n"...)
	b = append(b, v...)
	b = append(b, "\r\n"...)
	a.buf = b
	_, err := a.w.Write(b)
	return err
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// checkFile refuses a file over the size limit, or a zip with an entry
// that escapes its folder or is over the entry limit. It returns the size.
func checkFile(name string, opt ImportOptions) (int64, error) {
	st, err := os.Stat(name)
	if err != nil {
		return 0, fmt.Errorf("gazetteer: %w", err)
	}
	if st.IsDir() {
		return 0, fmt.Errorf("gazetteer: %s is a folder", name)
	}
	if st.Size() > opt.MaxFileBytes {
		return 0, fmt.Errorf("%w: %s is %d bytes, over the limit of %d", ErrRefused, name, st.Size(), opt.MaxFileBytes)
	}
	if !isZip(name) {
		return st.Size(), nil
	}
	zr, err := zip.OpenReader(name)
	if err != nil {
		return 0, fmt.Errorf("gazetteer: %s: %w", name, err)
	}
	defer zr.Close()
	for _, e := range zr.File {
		if !filepath.IsLocal(e.Name) || strings.Contains(e.Name, `\`) || strings.HasPrefix(e.Name, "/") {
			return 0, fmt.Errorf("%w: %s: entry %q escapes the archive's folder", ErrRefused, name, e.Name)
		}
		if e.UncompressedSize64 > uint64(opt.MaxEntryBytes) {
			return 0, fmt.Errorf("%w: %s: entry %q is %d bytes unzipped, over the limit of %d", ErrRefused, name, e.Name, e.UncompressedSize64, opt.MaxEntryBytes)
		}
	}
	return st.Size(), nil
}

func isZip(name string) bool { return strings.EqualFold(filepath.Ext(name), ".zip") }

// countingReader reports the bytes read through it.
type countingReader struct {
	r    io.Reader
	note func(int64)
}

// Read reads from the underlying reader and reports the bytes read.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.note(int64(n))
	return n, err
}

type countingReaderAt struct {
	r    io.ReaderAt
	note func(int64)
}

// ReadAt reads from the underlying reader and reports the bytes read.
func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.note(int64(n))
	return n, err
}

func importFile(ctx context.Context, db *aofWriter, fr *FileReport, opt ImportOptions, progress func(int64)) error {
	f, err := os.Open(fr.Name)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	if !isZip(fr.Name) {
		return importStream(ctx, db, fr, filepath.Base(fr.Name), &countingReader{r: f, note: progress}, opt)
	}
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	zr, err := zip.NewReader(&countingReaderAt{r: f, note: progress}, st.Size())
	if err != nil {
		return fmt.Errorf("gazetteer: %s: %w", fr.Name, err)
	}
	for _, e := range zr.File {
		base := strings.ToLower(filepath.Base(e.Name))
		if e.FileInfo().IsDir() || !strings.HasSuffix(base, ".txt") || base == "iso-languagecodes.txt" || strings.HasPrefix(base, "readme") {
			continue
		}
		rc, err := e.Open()
		if err != nil {
			return fmt.Errorf("gazetteer: %s: %s: %w", fr.Name, e.Name, err)
		}
		lr := &limitReader{r: rc, left: opt.MaxEntryBytes, name: fr.Name + ":" + e.Name}
		err = importStream(ctx, db, fr, filepath.Base(fr.Name)+":"+e.Name, lr, opt)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// limitReader fails once more than left bytes are read: a zip entry that
// is larger than it claims.
type limitReader struct {
	r    io.Reader
	left int64
	name string
}

// Read fails once the entry has given more bytes than the limit.
func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, fmt.Errorf("%w: %s is larger unzipped than the limit", ErrRefused, l.name)
	}
	return n, err
}

// kv is one key and value to set.
type kv struct{ k, v string }

// batch is a run of rows ready to store, from the parsing goroutine.
type batch struct {
	sets   []kv
	places int
	alts   int
	skip   int
	bad    []RowError
	nbad   int
}

// importStream reads one table; a goroutine parses and folds rows into
// batches while this one writes them.
func importStream(ctx context.Context, db *aofWriter, fr *FileReport, label string, r io.Reader, opt ImportOptions) error {
	alt := strings.Contains(strings.ToLower(label), "alternatename")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 4)
	errc := make(chan error, 1)
	go func() {
		defer close(batches)
		errc <- parseRows(ctx, r, label, alt, opt, batches)
	}()
	for b := range batches {
		var err error
		for _, s := range b.sets {
			if err = db.set(s.k, s.v); err != nil {
				break
			}
		}
		if err != nil {
			cancel()
			for range batches {
			}
			return fmt.Errorf("gazetteer: import %s: %w", label, err)
		}
		fr.Places += b.places
		fr.AltNames += b.alts
		fr.Skipped += b.skip
		fr.Malformed += b.nbad
		for _, e := range b.bad {
			if len(fr.Rows) < maxReportedRows {
				fr.Rows = append(fr.Rows, e)
			}
		}
	}
	if err := <-errc; err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("gazetteer: import %s: %w", label, err)
		}
		if errors.Is(err, ErrRefused) {
			return err
		}
		return fmt.Errorf("gazetteer: import %s: %w", label, err)
	}
	return nil
}

func parseRows(ctx context.Context, r io.Reader, label string, alt bool, opt ImportOptions, out chan<- batch) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var b batch
	line := 0
	flush := func() error {
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		b = batch{sets: make([]kv, 0, len(b.sets))}
		return ctx.Err()
	}
	bad := func(err error) {
		b.nbad++
		if len(b.bad) < maxReportedRows {
			b.bad = append(b.bad, RowError{File: label, Line: line, Err: err})
		}
	}
	rows := 0
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			continue
		}
		if len(long) > 0 {
			chunk = append(long, chunk...)
			long = long[:0]
		}
		if len(chunk) > 0 {
			line++
			s := string(bytes.TrimRight(chunk, "\r\n"))
			if s != "" && !(line == 1 && strings.HasPrefix(s, "#")) {
				if alt {
					addAltRow(&b, s, opt, bad)
				} else {
					addPlaceRow(&b, s, opt, bad)
				}
				rows++
				if rows%opt.BatchRows == 0 {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	return flush()
}

func addPlaceRow(b *batch, s string, opt ImportOptions, bad func(error)) {
	p, err := geonames.ParsePlace(s)
	if err != nil {
		bad(err)
		return
	}
	kind := gazfile.KindOf(p.FeatureClass, p.FeatureCode)
	pl := Place{
		ID: p.ID, Name: p.Name, ASCIIName: p.ASCII, Kind: kind, FeatureCode: p.FeatureCode,
		Country: p.Country, Admin1: p.Admin1, Point: orb.Point{p.Lon, p.Lat}, Population: p.Population,
	}
	id := strconv.FormatInt(p.ID, 10)
	b.sets = append(b.sets, kv{placePrefix + id, encodePlace(&pl, rankOf(kind, p.FeatureCode, p.Population))})
	seen := make(map[string]bool, 4)
	add := func(name string, mt MatchType) {
		k := gazfile.Fold(name)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		b.sets = append(b.sets, kv{namePrefix + k + "\x00" + id, string('0' + byte(mt))})
	}
	add(p.Name, MatchName)
	add(p.ASCII, MatchASCII)
	rest := p.AltNames
	for rest != "" {
		var a string
		a, rest, _ = strings.Cut(rest, ",")
		if a != "" && (opt.AllScripts || gazfile.IsLatin(a)) {
			add(a, MatchAlt)
		}
	}
	b.places++
}

func addAltRow(b *batch, s string, opt ImportOptions, bad func(error)) {
	a, err := geonames.ParseAltName(s)
	if err != nil {
		bad(err)
		return
	}
	if !a.IsPlaceName() || (!opt.AllScripts && !gazfile.IsLatin(a.Name)) {
		b.skip++
		return
	}
	k := gazfile.Fold(a.Name)
	if k == "" {
		b.skip++
		return
	}
	mt := MatchAlt
	if a.Lang == "abbr" {
		mt = MatchAbbrev
	}
	b.sets = append(b.sets, kv{namePrefix + k + "\x00" + strconv.FormatInt(a.GeonameID, 10), string('0' + byte(mt))})
	b.alts++
}
