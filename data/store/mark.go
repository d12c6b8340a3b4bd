package store

import (
	"fmt"
	"io"
	"os"
)

// The committed-size mark tells a crash from a cut. A writer keeps, in its
// lock file, the identity of the database file and its size after the last
// batch it committed ("INODE SIZE"). On the next open:
//
//   - a file that ends inside a record at or after that size is what a
//     crash during a write leaves: the record in flight was never
//     acknowledged, and the open drops it (and the rest of its batch) as
//     BuntDB and the pending key always did;
//   - a file shorter than the mark lost data that was committed: it was
//     truncated, and Open reports it as damaged, whether or not the cut
//     falls on a record boundary.
//
// A file without a mark (a copy, a file from an older version) that ends
// inside a record is reported as damaged. The mark is written without a
// sync, so it may lag behind; it never runs ahead of what was written.
type mark struct {
	id   uint64
	size int64
}

// readMark reads the mark from a lock file; ok is false when there is
// none, or it is of no use (no file identity on this system).
func readMark(lockPath string) (m mark, ok bool) {
	b, err := os.ReadFile(lockPath)
	if err != nil || len(b) == 0 {
		return m, false
	}
	if _, err := fmt.Sscanf(string(b), "%d %d\n", &m.id, &m.size); err != nil || m.id == 0 {
		return m, false
	}
	return m, true
}

// noteCommitted writes the mark for the file as it is now. Errors are
// ignored: the mark is a hint for telling a crash from a cut.
func (s *Store) noteCommitted() {
	if s.lock == nil || s.readOnly {
		return
	}
	fi, err := os.Stat(s.path)
	if err != nil || fileID(fi) == 0 {
		return
	}
	line := fmt.Sprintf("%d %d\n", fileID(fi), fi.Size())
	if _, err := s.lock.WriteAt([]byte(line), 0); err == nil {
		_ = s.lock.Truncate(int64(len(line)))
	}
	_, _ = s.lock.Seek(0, io.SeekStart)
}

// checkAgainstMark decides whether a file's damage is a crash's in-flight
// record (nil) or damage to report, and reports a file shorter than its
// mark even when it ends on a record boundary.
func checkAgainstMark(path string, d *Damage) error {
	m, ok := readMark(path + ".lock")
	if ok {
		fi, err := os.Stat(path)
		if err != nil || fileID(fi) != m.id {
			ok = false // replaced since (a compaction, a copy): no use
		}
	}
	if ok && d.Size < m.size {
		d.Truncated = m.size - d.Size
		return &DamageError{Damage: d}
	}
	if !d.Damaged() {
		return nil
	}
	if ok && d.TailCut && len(d.Unreadable) == 1 && d.Unreadable[0].Start >= m.size {
		return nil // a crash during a write: the open drops the record in flight
	}
	return &DamageError{Damage: d}
}
