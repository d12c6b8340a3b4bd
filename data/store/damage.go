package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/buntdb"
)

// ErrDamaged means the database file holds bytes that are not whole
// records: its end was cut off (a full disk, a copy stopped half-way, a
// truncated file) or part of it was overwritten. Open refuses such a file
// and leaves it as it is; Repair rebuilds it from the records that can be
// read. Errors wrapping ErrDamaged are *DamageError and also match
// ErrCorrupt.
var ErrDamaged = errors.New("store: database file is damaged")

// ErrNotEvents means the file is a BuntDB file of another kind, such as a
// user gazetteer, not an events database.
var ErrNotEvents = errors.New("store: not an events database")

// Span is a range of bytes of a file, [Start, End).
type Span struct{ Start, End int64 }

// Damage is what Check found wrong with a database file.
type Damage struct {
	// Path is the file; Size its length in bytes.
	Path string
	Size int64
	// Records counts the whole records; Unreadable lists the byte ranges
	// that are not (the last one runs to Size when the end is cut off),
	// and Lost is their total length.
	Records    int
	Unreadable []Span
	Lost       int64
	// TailCut is true when the file ends inside a record.
	TailCut bool
	// Articles lists the articles known to be incomplete: those of a
	// batch whose write was cut off, and those whose keys show in the
	// unreadable bytes. Articles wholly in a cut-off end leave no trace
	// and cannot be named.
	Articles []string

	// Truncated is how many bytes shorter the file is than when it was
	// last written (0 when unknown): data once committed that is gone.
	Truncated int64
}

// Damaged reports whether there is any damage.
func (d *Damage) Damaged() bool { return d != nil && (len(d.Unreadable) > 0 || d.Truncated > 0) }

// String describes the damage in a sentence or two.
func (d *Damage) String() string {
	if !d.Damaged() {
		return fmt.Sprintf("%s: %d records, no damage", d.Path, d.Records)
	}
	var b strings.Builder
	if len(d.Unreadable) == 0 {
		fmt.Fprintf(&b, "%s is damaged: it is %s bytes shorter than when it was last written (%s bytes left, %d whole records)",
			d.Path, groupDigits(d.Truncated), groupDigits(d.Size), d.Records)
		return b.String()
	}
	fmt.Fprintf(&b, "%s is damaged: %s of %s bytes cannot be read", d.Path, groupDigits(d.Lost), groupDigits(d.Size))
	if d.Truncated > 0 {
		fmt.Fprintf(&b, ", and %s bytes written before are gone", groupDigits(d.Truncated))
	}
	if d.TailCut && len(d.Unreadable) == 1 {
		fmt.Fprintf(&b, " (the file ends inside a record at byte %s)", groupDigits(d.Unreadable[0].Start))
	} else {
		fmt.Fprintf(&b, " (%d unreadable stretch(es), the first at byte %s)", len(d.Unreadable), groupDigits(d.Unreadable[0].Start))
	}
	fmt.Fprintf(&b, "; %d whole records can be read", d.Records)
	switch n := len(d.Articles); {
	case n == 0:
	case n <= 5:
		fmt.Fprintf(&b, "; incomplete articles: %s", strings.Join(d.Articles, ", "))
	default:
		fmt.Fprintf(&b, "; %d incomplete articles, such as %s", n, strings.Join(d.Articles[:5], ", "))
	}
	return b.String()
}

// DamageError is the error of opening a damaged file.
type DamageError struct{ Damage *Damage }

// Error describes the damage and what to do.
func (e *DamageError) Error() string {
	return fmt.Sprintf("store: %s. Nothing was changed: run \"eventmap repair --db %s\" to rebuild it from what can be read (the original is kept as a backup)", e.Damage, e.Damage.Path)
}

// Is makes a DamageError match ErrDamaged and ErrCorrupt.
func (e *DamageError) Is(target error) bool { return target == ErrDamaged || target == ErrCorrupt }

// groupDigits writes n with thin groups of three digits: 1,234,567.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// maxRecordPart bounds one part of a record (a key or a value): larger
// lengths are taken for damage, not for data.
const maxRecordPart = 512 << 20

// aofScanner reads the records of a BuntDB append-only file (RESP arrays:
// "*N\r\n" then N parts "$LEN\r\n" LEN bytes "\r\n"), and finds the next
// record again after bytes that are not one.
type aofScanner struct {
	r    io.ReaderAt
	size int64
	cmd  [8]byte // scratch for a record's command
}

// aofRecord is one whole command of the file.
type aofRecord struct {
	start, end int64
	// set is true for a "set", false for "del" and "flushdb"; pending is
	// true when the key is the pending-batch key, and value then holds
	// what a set gives it.
	set, pending bool
	value        string
}

// errShort marks a record cut off by the end of the file.
var errShort = errors.New("record cut off by the end of the file")

// errRecord marks bytes that are not a record.
var errRecord = errors.New("not a record")

// readNumber reads the "*N\r\n" or "$N\r\n" header line of kind c.
func readNumber(br *bufio.Reader, c byte) (n int, size int, err error) {
	l, err := br.ReadSlice('\n')
	if errors.Is(err, io.EOF) {
		return 0, len(l), errShort
	}
	if err != nil || len(l) < 4 || l[0] != c || l[len(l)-2] != '\r' {
		return 0, len(l), errRecord
	}
	for _, d := range l[1 : len(l)-2] {
		if d < '0' || d > '9' || n > maxRecordPart {
			return 0, len(l), errRecord
		}
		n = n*10 + int(d-'0')
	}
	return n, len(l), nil
}

// readRecord reads the record that starts at off, allocating nothing but
// the pending key's value.
func (s *aofScanner) readRecord(br *bufio.Reader, off int64) (aofRecord, error) {
	rec := aofRecord{start: off}
	pos := off
	n, ln, err := readNumber(br, '*')
	pos += int64(ln)
	if err != nil {
		return rec, err
	}
	if n < 1 || n > 8 {
		return rec, errRecord
	}
	cmd := s.cmd[:]
	cmdLen := 0
	for i := range n {
		size, ln, err := readNumber(br, '$')
		pos += int64(ln)
		if err != nil {
			return rec, err
		}
		if size > maxRecordPart {
			return rec, errRecord
		}
		if pos+int64(size)+2 > s.size {
			return rec, errShort
		}
		switch {
		case i == 0 && size <= len(cmd):
			if _, err := io.ReadFull(br, cmd[:size]); err != nil {
				return rec, errShort
			}
			cmdLen = size
		case i == 1 && size == len(keyPending):
			k, err := br.Peek(size)
			if err != nil {
				return rec, errShort
			}
			rec.pending = string(k) == keyPending
			br.Discard(size)
		case i == 2 && rec.pending:
			b := make([]byte, size)
			if _, err := io.ReadFull(br, b); err != nil {
				return rec, errShort
			}
			rec.value = string(b)
		default:
			if _, err := br.Discard(size); err != nil {
				return rec, errShort
			}
		}
		end, err := br.Peek(2)
		if err != nil {
			return rec, errShort
		}
		if end[0] != '\r' || end[1] != '\n' {
			return rec, errRecord
		}
		br.Discard(2)
		pos += int64(size) + 2
	}
	c := cmd[:cmdLen]
	switch {
	case bytes.EqualFold(c, []byte("set")) && (n == 3 || n == 5):
		rec.set = true
	case bytes.EqualFold(c, []byte("del")) && n == 2:
	case bytes.EqualFold(c, []byte("flushdb")) && n == 1:
	default:
		return rec, errRecord
	}
	rec.end = pos
	return rec, nil
}

// scan calls fn for each whole record in file order and returns the
// damage. NUL bytes between records are skipped, as BuntDB does.
func (s *aofScanner) scan(fn func(aofRecord)) (*Damage, error) {
	d := &Damage{Size: s.size}
	pending := ""
	off := int64(0)
	br := bufio.NewReaderSize(io.NewSectionReader(s.r, 0, s.size), 256<<10)
	for off < s.size {
		c, err := br.ReadByte()
		if err != nil {
			return d, err
		}
		if c == 0 {
			off++
			continue
		}
		br.UnreadByte()
		rec, err := s.readRecord(br, off)
		if err == nil {
			d.Records++
			if rec.pending {
				pending = rec.value // "" for a del
			}
			if fn != nil {
				fn(rec)
			}
			off = rec.end
			continue
		}
		// Damage: find the next offset where a whole record starts.
		next := s.resync(off + 1)
		if errors.Is(err, errShort) && next >= s.size {
			d.TailCut = true
		}
		d.Unreadable = append(d.Unreadable, Span{off, next})
		d.Lost += next - off
		off = next
		br.Reset(io.NewSectionReader(s.r, off, s.size-off))
	}
	ids := map[string]bool{}
	if pending != "" {
		for _, id := range strings.Split(pending, ",") {
			ids[id] = true
		}
	}
	for _, sp := range d.Unreadable {
		for _, id := range articleIDsIn(s.r, sp) {
			ids[id] = true
		}
	}
	for id := range ids {
		d.Articles = append(d.Articles, id)
	}
	slices.Sort(d.Articles)
	return d, nil
}

// resync returns the first offset at or after from where a whole record
// can be read, or the size of the file.
func (s *aofScanner) resync(from int64) int64 {
	const chunk = 64 << 10
	buf := make([]byte, chunk)
	for base := from; base < s.size; base += chunk {
		n, _ := s.r.ReadAt(buf, base)
		for i := 0; i < n; i++ {
			if buf[i] != '*' {
				continue
			}
			at := base + int64(i)
			br := bufio.NewReader(io.NewSectionReader(s.r, at, s.size-at))
			if _, err := s.readRecord(br, at); err == nil {
				return at
			}
		}
	}
	return s.size
}

// articleIDsIn returns the article ids whose keys show in a span of the
// file (up to 64 MiB of it).
func articleIDsIn(r io.ReaderAt, sp Span) []string {
	n := min(sp.End-sp.Start, 64<<20)
	b := make([]byte, n)
	n2, _ := r.ReadAt(b, sp.Start)
	b = b[:n2]
	var ids []string
	for _, p := range []string{prefixArticle, prefixText, prefixMentions, prefixDated, prefixUndated} {
		pat := []byte("\r\n" + p)
		for i := 0; ; {
			j := bytes.Index(b[i:], pat)
			if j < 0 {
				break
			}
			k := i + j + len(pat)
			end := k
			for end < len(b) && isIDByte(b[end]) {
				end++
			}
			if end-k >= 8 && end < len(b) && (b[end] == '\r' || b[end] == ':') {
				ids = append(ids, string(b[k:end]))
			}
			i = k
		}
	}
	return ids
}

func isIDByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_'
}

// Check reads a database file record by record, without opening it as a
// database or changing it, and reports what is damaged. A file with no
// damage gives a Damage whose Damaged is false.
func Check(path string) (*Damage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s := &aofScanner{r: f, size: fi.Size()}
	d, err := s.scan(nil)
	if err != nil {
		return nil, fmt.Errorf("store: checking %s: %w", path, err)
	}
	d.Path = path
	_ = checkAgainstMark(path, d) // fills in Truncated
	return d, nil
}

// checkBeforeOpen refuses a damaged file with a *DamageError.
func checkBeforeOpen(path string) error {
	d, err := Check(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return checkAgainstMark(path, d)
}

// removeLeftovers deletes the working file of a compaction that a crash
// interrupted (BuntDB writes PATH.tmp and renames it over PATH): it is
// never read, and would stay for ever. The caller holds the write lock, so
// no compaction is running.
func removeLeftovers(path string) error {
	err := os.Remove(path + ".tmp")
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: removing the leftover %s.tmp: %w", path, err)
	}
	return nil
}

// foreignKind names what a BuntDB file without the events layout is.
func (s *Store) foreignKind() string {
	gaz := false
	_ = s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendKeys("n:*", func(_, _ string) bool { gaz = true; return false })
	})
	if gaz {
		return "a user gazetteer (made by \"eventmap gazetteer import\"; name it with --gazetteer), not an events database"
	}
	return "a BuntDB file but not an eventmap database"
}
