package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/buntdb"
)

// RepairReport is what Repair did.
type RepairReport struct {
	// Damage is what was found before the repair.
	Damage *Damage
	// Backup is the copy of the original file ("" when nothing needed
	// repairing).
	Backup string
	// Removed counts the incomplete articles whose remains were removed
	// (at most: some named by the damage may have left nothing).
	Removed int
	// Articles and Events count what the repaired database holds.
	Articles, Events int
}

// Repair rebuilds a damaged database file from the records that can be
// read. It first copies the file to a backup next to it
// (PATH.damaged-YYYYMMDD-HHMMSS, never overwriting one), then writes the
// whole records into a new file that replaces PATH, and removes what is left
// of the incomplete articles (Damage.Articles) so that every article left
// has all its events. A file with no damage is left alone. It takes the
// database's write lock: it fails with ErrLocked while the file is open
// elsewhere.
func Repair(path string) (RepairReport, error) {
	var rep RepairReport
	lf, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return rep, fmt.Errorf("store: %w", err)
	}
	if err := lockFile(lf, true); err != nil {
		lf.Close()
		if errors.Is(err, errLockHeld) {
			return rep, fmt.Errorf("%w: %s (close the other eventmap first)", ErrLocked, path)
		}
		return rep, fmt.Errorf("store: locking %s.lock: %w", path, err)
	}
	unlock := func() {
		if lf != nil {
			_ = unlockFile(lf)
			_ = lf.Close()
			lf = nil
		}
	}
	defer unlock()

	src, err := os.Open(path)
	if err != nil {
		return rep, fmt.Errorf("store: %w", err)
	}
	defer src.Close()
	fi, err := src.Stat()
	if err != nil {
		return rep, fmt.Errorf("store: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return rep, fmt.Errorf("store: %s is not a regular file", path)
	}
	sc := &aofScanner{r: src, size: fi.Size()}
	d, err := sc.scan(nil)
	if err != nil {
		return rep, fmt.Errorf("store: checking %s: %w", path, err)
	}
	d.Path = path
	_ = checkAgainstMark(path, d) // fills in Truncated
	rep.Damage = d
	if d.Damaged() {
		rep.Backup, err = backup(src, path, fi.Mode().Perm())
		if err != nil {
			return rep, err
		}
		if err := rewrite(sc, path, fi.Mode().Perm(), d.Articles); err != nil {
			return rep, err
		}
	}
	src.Close()
	unlock()
	// Opening the rebuilt file finishes the job: the pending key written
	// by rewrite names the incomplete articles, and Open removes them.
	s, err := Open(path, Options{})
	if err != nil {
		return rep, err
	}
	if d.Damaged() {
		// Records lost in the middle may leave parts of articles whose keys
		// did not show in the unreadable bytes: remove those too.
		n, err := s.dropIncomplete()
		rep.Removed = len(d.Articles) + n
		if err == nil {
			err = s.Close()
		}
		if err != nil {
			s.Close()
			return rep, err
		}
		// Reopen for the counts after the removal.
		if s, err = Open(path, Options{}); err != nil {
			return rep, err
		}
	}
	st := s.Stats()
	rep.Articles, rep.Events = st.Articles, st.Events
	if err := s.Close(); err != nil {
		return rep, err
	}
	return rep, nil
}

// backup copies the file to PATH.damaged-STAMP and syncs it.
func backup(src *os.File, path string, perm os.FileMode) (string, error) {
	stamp := time.Now().UTC().Format("20060102-150405")
	name := path + ".damaged-" + stamp
	var out *os.File
	var err error
	for i := 2; ; i++ {
		out, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, os.ErrExist) {
			break
		}
		name = path + ".damaged-" + stamp + "-" + strconv.Itoa(i)
	}
	if err != nil {
		return "", fmt.Errorf("store: backing up %s: %w", path, err)
	}
	if _, err := io.Copy(out, io.NewSectionReader(src, 0, 1<<62)); err != nil {
		out.Close()
		os.Remove(name)
		return "", fmt.Errorf("store: backing up %s to %s: %w", path, name, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(name)
		return "", fmt.Errorf("store: backing up %s to %s: %w", path, name, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("store: backing up %s to %s: %w", path, name, err)
	}
	return name, nil
}

// rewrite writes the whole records of sc into PATH.repair, then a pending
// key naming the incomplete articles, and renames it over path.
func rewrite(sc *aofScanner, path string, perm os.FileMode, incomplete []string) error {
	tmp := path + ".repair"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return fmt.Errorf("store: repairing %s: %w", path, err)
	}
	ok := false
	defer func() {
		if !ok {
			out.Close()
			os.Remove(tmp)
		}
	}()
	w := bufio.NewWriterSize(out, 1<<20)
	var copyErr error
	if _, err := sc.scan(func(r aofRecord) {
		if copyErr == nil {
			_, copyErr = io.Copy(w, io.NewSectionReader(sc.r, r.start, r.end-r.start))
		}
	}); err != nil {
		return fmt.Errorf("store: repairing %s: %w", path, err)
	}
	if copyErr != nil {
		return fmt.Errorf("store: repairing %s: %w", path, copyErr)
	}
	if len(incomplete) > 0 {
		v := strings.Join(incomplete, ",")
		fmt.Fprintf(w, "*3\r\n$3\r\nset\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(keyPending), keyPending, len(v), v)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("store: repairing %s: %w", path, err)
	}
	if err := out.Sync(); err != nil {
		return fmt.Errorf("store: repairing %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("store: repairing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: repairing %s: %w", path, err)
	}
	ok = true
	return nil
}

// dropIncomplete removes every article whose records are not all there
// (its description, its text, as many events as the description counts),
// and events whose article is gone. It returns how many articles it
// removed.
func (s *Store) dropIncomplete() (int, error) {
	type parts struct {
		meta, text bool
		want, have int
	}
	arts := map[string]*parts{}
	get := func(id string) *parts {
		p := arts[id]
		if p == nil {
			p = &parts{want: -1}
			arts[id] = p
		}
		return p
	}
	err := s.db.View(func(tx *buntdb.Tx) error {
		if err := tx.AscendKeys(prefixArticle+"*", func(k, v string) bool {
			p := get(strings.TrimPrefix(k, prefixArticle))
			var info struct {
				Events int `json:"events"`
			}
			if json.Unmarshal([]byte(v), &info) == nil {
				p.meta, p.want = true, info.Events
			}
			return true
		}); err != nil {
			return err
		}
		if err := tx.AscendKeys(prefixText+"*", func(k, _ string) bool {
			get(strings.TrimPrefix(k, prefixText)).text = true
			return true
		}); err != nil {
			return err
		}
		for _, pre := range []string{prefixDated, prefixUndated} {
			if err := tx.AscendKeys(pre+"*", func(k, _ string) bool {
				id, _, _ := strings.Cut(strings.TrimPrefix(k, pre), ":")
				get(id).have++
				return true
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: %s: %w", s.path, err)
	}
	var bad []string
	for id, p := range arts {
		if !p.meta || !p.text || p.have != p.want {
			bad = append(bad, id)
		}
	}
	if len(bad) == 0 {
		return 0, nil
	}
	s.log.Warn("store: removing incomplete articles", "path", s.path, "articles", len(bad))
	err = s.db.Update(func(tx *buntdb.Tx) error {
		for _, id := range bad {
			if err := deleteArticleKeys(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, s.writeErr(err)
	}
	return len(bad), nil
}
