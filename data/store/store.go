// Package store keeps articles, their mentions, dated events, places and the
// user's corrections in one BuntDB file.
//
// Events are keyed by article ("e:<article>:<n>" when dated, "u:…" when
// not), so an article's events are a key range. Their spatial index is a
// grid of one-degree cells kept in memory beside the file (see grid.go),
// each cell's events sorted by time, so one search answers "events in this
// box and this date range"; events of a place are found through the place's
// point. The grid is filled in one pass when the file is opened and kept up
// to date by every write. The timeline's histogram comes from per-day
// counts kept in memory the same way, never from a scan.
//
// # Durability
//
// Writes go in batches, one BuntDB transaction per batch, framed by a small
// "pending" record written before it and removed after it (see PutBatch).
// BuntDB appends each transaction to its file in one write; if the process
// dies mid-write, Open drops the incomplete tail and, finding the pending
// record, removes whatever part of the interrupted batch got in. So a crash at
// any moment loses at most the batch in flight, and the file stays readable.
// When data reaches the disk is set by SyncPolicy. The file is compacted
// (rewritten without superseded entries) in the background when it has grown
// to twice its last compacted size, without blocking reads or writes.
//
// A Store takes an OS lock on "<path>.lock" so that two processes never write
// one file; a second Open fails with ErrLocked.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/tidwall/buntdb"

	"eventmap/data/model"
)

// Sentinel errors. Errors returned by this package wrap them, so test with
// errors.Is.
var (
	// ErrLocked means another process has the database open for writing
	// (or, for a writer, open at all).
	ErrLocked = errors.New("store: database is in use by another process")
	// ErrReadOnly means the file or its folder cannot be written, or the
	// Store was opened with Options.ReadOnly and a write was attempted.
	ErrReadOnly = errors.New("store: database is read-only")
	// ErrCorrupt means the file is not a readable eventmap database: it is
	// damaged in the middle (a damaged tail is repaired on Open) or is some
	// other kind of file. Nothing is changed in it.
	ErrCorrupt = errors.New("store: database file is corrupt")
	// ErrNotFound means that the article, place or mention asked for is not
	// in the store.
	ErrNotFound = errors.New("store: not found")
	// ErrClosed means the Store has been closed.
	ErrClosed = errors.New("store: closed")
	// ErrBadRecord means a record given to PutBatch is invalid (such as an
	// article with no text, or whose ID is not the hash of its text).
	ErrBadRecord = errors.New("store: invalid record")
)

var errLockHeld = errors.New("lock held")

// SyncPolicy says when committed writes are forced to the disk with fsync.
//
// Under every policy a committed batch is in the operating system's hands
// when PutBatch returns, so a crash of the process (even SIGKILL) loses
// nothing committed. The policy matters only when the whole machine stops
// (power loss, kernel panic).
type SyncPolicy int

const (
	// SyncEverySecond (the default) fsyncs at most once a second, in the
	// background: a machine crash loses at most the last second of commits.
	SyncEverySecond SyncPolicy = iota
	// SyncAlways fsyncs after every commit: a machine crash loses nothing
	// committed, at the cost of slower ingest.
	SyncAlways
	// SyncNever leaves flushing to the operating system (typically within
	// 30 s). Fastest; for throw-away databases and benchmarks.
	SyncNever
)

// String returns "every-second", "always" or "never".
func (p SyncPolicy) String() string {
	switch p {
	case SyncAlways:
		return "always"
	case SyncNever:
		return "never"
	}
	return "every-second"
}

func (p SyncPolicy) bunt() buntdb.SyncPolicy {
	switch p {
	case SyncAlways:
		return buntdb.Always
	case SyncNever:
		return buntdb.Never
	}
	return buntdb.EverySecond
}

// Options configure Open. The zero value is a writable store with
// SyncEverySecond and background compaction.
type Options struct {
	// Sync says when writes reach the disk.
	Sync SyncPolicy
	// ReadOnly loads the file into memory under a shared lock and refuses
	// writes with ErrReadOnly. The file is never modified.
	ReadOnly bool
	// NoAutoShrink turns off background compaction.
	NoAutoShrink bool
	// ShrinkMinSize is the file size below which no background compaction
	// happens; 0 means 32 MiB.
	ShrinkMinSize int64
	// Logger receives notes on repairs; nil discards them.
	Logger *slog.Logger
	// DeferIndexes leaves the spatial index unbuilt at Open: it is built
	// by the first search that needs it, or by BuildIndexes (a quarter of
	// a second for a million events). A program that never searches by
	// box or date (an ingest) saves that time and the index's memory.
	DeferIndexes bool
}

// Store is an open eventmap database. Its methods are safe for concurrent use.
type Store struct {
	db       *buntdb.DB
	path     string
	lock     *os.File
	readOnly bool
	log      *slog.Logger

	// wmu serialises writers (PutBatch, CorrectMention, DeleteArticle), so
	// the in-memory counts follow the file.
	wmu sync.Mutex

	idxOnce sync.Once // builds the spatial index
	idxErr  error
	// idx is the spatial index, nil until built. Writers read it under
	// wmu; searches after BuildIndexes returns.
	idx *indexes

	srcOnce sync.Once // builds the index of articles by source
	srcErr  error

	mu       sync.RWMutex // guards the fields below
	closed   bool
	days     map[int64]int // dated events per day (Unix day number)
	undated  int
	articles int
	metas    map[string]*ArticleInfo // cache of article metadata
	sorted   []int64                 // sorted keys of days; nil when stale
}

// ArticleInfo is what the store keeps about an article besides its text.
type ArticleInfo struct {
	model.Article
	// Events and Mentions count the article's events and mentions.
	Events   int `json:"events"`
	Mentions int `json:"mentions"`
}

// Open opens the database at path, creating it if it does not exist. The
// path ":memory:" gives a store that lives only in memory.
//
// Errors wrap ErrLocked, ErrReadOnly or ErrCorrupt when those are the cause,
// and name the file.
func Open(path string, opts Options) (*Store, error) {
	s := &Store{
		path:     path,
		readOnly: opts.ReadOnly,
		log:      opts.Logger,
		days:     make(map[int64]int),
		metas:    make(map[string]*ArticleInfo),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if path == ":memory:" {
		s.db, err = buntdb.Open(":memory:")
	} else {
		s.db, err = s.openFile(path, opts)
	}
	if err != nil {
		if s.lock != nil {
			_ = unlockFile(s.lock)
			_ = s.lock.Close()
		}
		return nil, err
	}
	if err := s.init(opts); err != nil {
		_ = s.db.Close()
		if s.lock != nil {
			_ = unlockFile(s.lock)
			_ = s.lock.Close()
		}
		return nil, err
	}
	return s, nil
}

func (s *Store) openFile(path string, opts Options) (*buntdb.DB, error) {
	fi, statErr := os.Stat(path)
	if statErr == nil && fi.IsDir() {
		return nil, fmt.Errorf("store: %s is a folder, not a database file", path)
	}
	if statErr != nil && !errors.Is(statErr, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: %s: %w", path, statErr)
	}
	if opts.ReadOnly && statErr != nil {
		return nil, fmt.Errorf("store: %s: %w", path, statErr)
	}
	if !opts.ReadOnly && statErr == nil && fi.Mode().Perm()&0o222 == 0 {
		return nil, fmt.Errorf("%w: %s has no write permission (open it read-only, or fix its permissions)", ErrReadOnly, path)
	}
	// The lock lives in its own file: compaction replaces the database
	// file, which would drop a lock held on it.
	lockPath := path + ".lock"
	flag := os.O_RDWR | os.O_CREATE
	lf, err := os.OpenFile(lockPath, flag, 0o666)
	if err != nil && opts.ReadOnly {
		lf, err = os.Open(lockPath)
		if errors.Is(err, fs.ErrNotExist) {
			lf, err = nil, nil // a read-only folder with no writer: nothing to lock against
		}
	}
	if err != nil {
		if isPermission(err) {
			return nil, fmt.Errorf("%w: cannot create %s: %v", ErrReadOnly, lockPath, err)
		}
		return nil, fmt.Errorf("store: %s: %w", lockPath, err)
	}
	if lf != nil {
		if err := lockFile(lf, !opts.ReadOnly); err != nil {
			_ = lf.Close()
			if errors.Is(err, errLockHeld) {
				return nil, fmt.Errorf("%w: %s (close the other eventmap first)", ErrLocked, path)
			}
			return nil, fmt.Errorf("store: locking %s: %w", lockPath, err)
		}
		s.lock = lf
	}
	if statErr == nil {
		// BuntDB would quietly cut a damaged end off; say so instead.
		if err := checkBeforeOpen(path); err != nil {
			return nil, err
		}
	}
	if !opts.ReadOnly {
		if err := removeLeftovers(path); err != nil {
			return nil, err
		}
	}
	if opts.ReadOnly {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", path, err)
		}
		defer f.Close()
		db, err := buntdb.Open(":memory:")
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		if err := db.Load(f); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			_ = db.Close()
			return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
		}
		return db, nil
	}
	db, err := buntdb.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, buntdb.ErrInvalid):
			return nil, fmt.Errorf("%w: %s is damaged or is not an eventmap database (it is left untouched; restore a backup)", ErrCorrupt, path)
		case isPermission(err):
			return nil, fmt.Errorf("%w: %s: %v", ErrReadOnly, path, err)
		}
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	cfg := buntdb.Config{
		SyncPolicy:           opts.Sync.bunt(),
		AutoShrinkPercentage: 100,
		AutoShrinkMinSize:    32 << 20,
		AutoShrinkDisabled:   opts.NoAutoShrink,
	}
	if opts.ShrinkMinSize > 0 {
		cfg.AutoShrinkMinSize = int(opts.ShrinkMinSize)
	}
	if err := db.SetConfig(cfg); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return db, nil
}

func isPermission(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// init checks the layout version, builds the indexes, finishes an
// interrupted batch and counts what is stored.
func (s *Store) init(opts Options) error {
	var version string
	var n int
	err := s.db.View(func(tx *buntdb.Tx) error {
		var err error
		n, err = tx.Len()
		if err != nil {
			return err
		}
		version, err = tx.Get(keyVersion)
		if errors.Is(err, buntdb.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("store: %s: %w", s.path, err)
	}
	switch {
	case version == "" && n > 0:
		return fmt.Errorf("%w: %s is %s", ErrNotEvents, s.path, s.foreignKind())
	case version != "" && version != layoutVersion:
		return fmt.Errorf("%w: %s has layout version %q; this eventmap reads %q", ErrCorrupt, s.path, version, layoutVersion)
	case version == "" && !s.readOnly:
		if err := s.db.Update(func(tx *buntdb.Tx) error {
			_, _, err := tx.Set(keyVersion, layoutVersion, nil)
			return err
		}); err != nil {
			return s.writeErr(err)
		}
	}
	if err := s.finishPending(); err != nil {
		return err
	}
	if opts.DeferIndexes {
		return s.count(nil)
	}
	// One pass counts the events and collects them for the index.
	// There are at most as many events as keys: reserve room for them
	// at once rather than grow a million-entry array step by step.
	l := indexLoad{dated: make([]gridEntry, 0, n)}
	if err := s.count(&l); err != nil {
		return err
	}
	s.idxOnce.Do(func() { s.idx = l.build() })
	return nil
}

// BuildIndexes builds the spatial index of the events if Open left it
// unbuilt (Options.DeferIndexes); it does nothing when it is built. Writes
// wait while it runs (a fraction of a second for a million events); reads
// go on.
func (s *Store) BuildIndexes() error {
	s.idxOnce.Do(func() {
		s.wmu.Lock()
		defer s.wmu.Unlock()
		st := s.Stats()
		l := indexLoad{dated: make([]gridEntry, 0, st.Events-st.Undated), undated: make([]gridEntry, 0, st.Undated)}
		err := s.db.View(func(tx *buntdb.Tx) error {
			if err := tx.AscendRange("", prefixDated, "e;", l.addDated); err != nil {
				return err
			}
			return tx.AscendRange("", prefixUndated, "u;", l.addUndated)
		})
		if err != nil {
			s.idxErr = fmt.Errorf("store: %s: building the spatial index: %w", s.path, err)
			return
		}
		s.idx = l.build()
	})
	return s.idxErr
}

// finishPending removes the remains of a batch whose write was interrupted.
func (s *Store) finishPending() error {
	var pending string
	err := s.db.View(func(tx *buntdb.Tx) error {
		v, err := tx.Get(keyPending)
		if errors.Is(err, buntdb.ErrNotFound) {
			return nil
		}
		pending = v
		return err
	})
	if err != nil || pending == "" {
		return err
	}
	ids := strings.Split(pending, ",")
	s.log.Warn("store: removing the remains of an interrupted batch", "path", s.path, "articles", len(ids))
	// A read-only store holds the file in memory: the remains are removed
	// there, and the file is left for a writer to clean up.
	err = s.db.Update(func(tx *buntdb.Tx) error {
		for _, id := range ids {
			if err := deleteArticleKeys(tx, id); err != nil {
				return err
			}
		}
		_, err := tx.Delete(keyPending)
		return err
	})
	if err != nil {
		return s.writeErr(err)
	}
	return nil
}

// deleteArticleKeys deletes everything stored for one article except its
// corrections.
func deleteArticleKeys(tx *buntdb.Tx, id string) error {
	var keys []string
	for _, k := range []string{prefixArticle + id, prefixText + id, prefixMentions + id} {
		if _, err := tx.Get(k); err == nil {
			keys = append(keys, k)
		}
	}
	for _, p := range []string{prefixDated, prefixUndated} {
		err := tx.AscendRange("", p+id+":", p+id+";", func(k, _ string) bool {
			keys = append(keys, k)
			return true
		})
		if err != nil {
			return err
		}
	}
	for _, k := range keys {
		if _, err := tx.Delete(k); err != nil && !errors.Is(err, buntdb.ErrNotFound) {
			return err
		}
	}
	return nil
}

// count builds the in-memory counts from the file.
// With l, it also collects the events for the spatial index.
func (s *Store) count(l *indexLoad) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db.View(func(tx *buntdb.Tx) error {
		err := tx.AscendRange("", prefixDated, "e;", func(k, v string) bool {
			if sec, ok := eventUnix(v); ok {
				s.days[floorDiv(sec, 86400)]++
			}
			if l != nil {
				l.addDated(k, v)
			}
			return true
		})
		if err != nil {
			return err
		}
		err = tx.AscendRange("", prefixUndated, "u;", func(k, v string) bool {
			s.undated++
			if l != nil {
				l.addUndated(k, v)
			}
			return true
		})
		if err != nil {
			return err
		}
		return tx.AscendRange("", prefixArticle, "a;", func(_, _ string) bool {
			s.articles++
			return true
		})
	})
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// writeErr turns an error from a BuntDB write into one that names the file.
func (s *Store) writeErr(err error) error {
	switch {
	case errors.Is(err, buntdb.ErrDatabaseClosed):
		return ErrClosed
	case isPermission(err):
		return fmt.Errorf("%w: %s: %v", ErrReadOnly, s.path, err)
	}
	return fmt.Errorf("store: writing %s: %w", s.path, err)
}

// Path returns the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Close writes what is pending to the disk and releases the file and its lock.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.closed = true
	s.mu.Unlock()
	err := s.db.Close()
	if err == nil {
		s.noteCommitted()
	}
	if s.lock != nil {
		_ = unlockFile(s.lock)
		_ = s.lock.Close()
	}
	if err != nil {
		return fmt.Errorf("store: closing %s: %w", s.path, err)
	}
	return nil
}

// Shrink compacts the file now, rewriting it without superseded entries.
// Reads and writes go on meanwhile. The store also does this by itself in
// the background (see Options.NoAutoShrink).
func (s *Store) Shrink() error {
	if s.readOnly {
		return ErrReadOnly
	}
	err := s.db.Shrink()
	if errors.Is(err, buntdb.ErrShrinkInProcess) {
		return nil
	}
	if err != nil {
		return s.writeErr(err)
	}
	return nil
}

// Stats are the totals of a store.
type Stats struct {
	Articles int
	Events   int // dated and undated
	Undated  int
}

// Stats returns the store's totals.
func (s *Store) Stats() Stats {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := s.undated
	for _, c := range s.days {
		n += c
	}
	return Stats{Articles: s.articles, Events: n, Undated: s.undated}
}

// view runs fn in a read transaction, mapping errors.
func (s *Store) view(ctx context.Context, fn func(tx *buntdb.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.db.View(fn)
	if errors.Is(err, buntdb.ErrDatabaseClosed) {
		return ErrClosed
	}
	return err
}

// Article returns an article with its text and mentions.
func (s *Store) Article(ctx context.Context, id string) (ArticleInfo, []model.Mention, error) {
	var info ArticleInfo
	var ms []model.Mention
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		v, err := tx.Get(prefixArticle + id)
		if errors.Is(err, buntdb.ErrNotFound) {
			return fmt.Errorf("%w: article %s", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(v), &info); err != nil {
			return fmt.Errorf("%w: article %s: %v", ErrCorrupt, id, err)
		}
		if info.Text, err = tx.Get(prefixText + id); err != nil && !errors.Is(err, buntdb.ErrNotFound) {
			return err
		}
		if v, err := tx.Get(prefixMentions + id); err == nil {
			if err := json.Unmarshal([]byte(v), &ms); err != nil {
				return fmt.Errorf("%w: mentions of %s: %v", ErrCorrupt, id, err)
			}
		}
		return nil
	})
	return info, ms, err
}

// HasArticle reports whether an article with this ID is stored.
func (s *Store) HasArticle(id string) bool {
	s.mu.RLock()
	_, ok := s.metas[id]
	s.mu.RUnlock()
	if ok {
		return true
	}
	found := false
	_ = s.db.View(func(tx *buntdb.Tx) error {
		_, err := tx.Get(prefixArticle + id)
		found = err == nil
		return nil
	})
	return found
}

// Articles calls fn for every stored article, in ID order, until it returns
// false.
func (s *Store) Articles(ctx context.Context, fn func(ArticleInfo) bool) error {
	var infos []ArticleInfo
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		return tx.AscendRange("", prefixArticle, "a;", func(_, v string) bool {
			var info ArticleInfo
			if json.Unmarshal([]byte(v), &info) == nil {
				infos = append(infos, info)
			}
			return true
		})
	})
	if err != nil {
		return err
	}
	for _, info := range infos {
		if !fn(info) {
			break
		}
	}
	return nil
}

// Place returns a stored place.
func (s *Store) Place(ctx context.Context, id string) (model.Place, error) {
	var p model.Place
	err := s.view(ctx, func(tx *buntdb.Tx) error {
		v, err := tx.Get(prefixPlace + id)
		if errors.Is(err, buntdb.ErrNotFound) {
			return fmt.Errorf("%w: place %s", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		return json.Unmarshal([]byte(v), &p)
	})
	return p, err
}

// articleInfo returns the cached metadata of an article, reading it in tx on
// a miss. It returns nil for an unknown article.
func (s *Store) articleInfo(tx *buntdb.Tx, id string) *ArticleInfo {
	s.mu.RLock()
	info, ok := s.metas[id]
	s.mu.RUnlock()
	if ok {
		return info
	}
	v, err := tx.Get(prefixArticle + id)
	if err != nil {
		return nil
	}
	info = new(ArticleInfo)
	if json.Unmarshal([]byte(v), info) != nil {
		return nil
	}
	s.mu.Lock()
	s.metas[id] = info
	s.mu.Unlock()
	return info
}

// sortedDays returns the days that have events, in order.
func (s *Store) sortedDays() []int64 {
	s.mu.RLock()
	d := s.sorted
	s.mu.RUnlock()
	if d != nil {
		return d
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sorted == nil {
		s.sorted = make([]int64, 0, len(s.days))
		for k := range s.days {
			s.sorted = append(s.sorted, k)
		}
		sort.Slice(s.sorted, func(i, j int) bool { return s.sorted[i] < s.sorted[j] })
	}
	return s.sorted
}
