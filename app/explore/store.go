package explore

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/data/pgstore"
	"eventmap/data/store"
)

// Store is what the explorer asks of the event database: the BuntDB file
// of data/store or the shared PostGIS database of data/pgstore.
type Store interface {
	ingest.Store
	ScanPoints(ctx context.Context, fn func(store.EventPoint) bool) error
	Place(ctx context.Context, id string) (model.Place, error)
	Articles(ctx context.Context, fn func(store.ArticleInfo) bool) error
	Article(ctx context.Context, id string) (store.ArticleInfo, []model.Mention, error)
	Events(ctx context.Context, q store.Query) ([]store.Hit, error)
	Event(ctx context.Context, id string) (store.Hit, error)
	Search(ctx context.Context, q store.Query, fn func(store.Hit) bool) error
	CorrectMention(ctx context.Context, articleID string, span model.Span, place model.Place) error
	// RejectMention records that a mention is not a place and removes it
	// with its events; UndoCorrection takes back any correction.
	RejectMention(ctx context.Context, articleID string, span model.Span) error
	UndoCorrection(ctx context.Context, articleID string, span model.Span) error
	Corrections(ctx context.Context, articleID string) ([]store.Correction, error)
	// ScanSureness reads how sure the geoparser was of each event's place.
	ScanSureness(ctx context.Context, fn func(store.Sureness) bool) error
	Stats() store.Stats
	// ReadOnly reports that the store refuses writes (a read-only file,
	// or a database role that may only read).
	ReadOnly() bool
	// Path names the database: a file, or a URL without its password.
	Path() string
	Close() error
}

// changeNotifier is a Store that tells when others change it (PostGIS).
type changeNotifier interface {
	Changes(ctx context.Context) <-chan struct{}
}

// OpenStore opens the database a path or postgres:// URL names, as the
// window wants it. A BuntDB file's spatial index (for exports and searches
// by box or date) is built in the background, since the map draws from
// the explorer's own index; reads go on meanwhile, and a box search that
// comes first waits for it.
func OpenStore(ctx context.Context, path string, log *slog.Logger) (Store, error) {
	if pgstore.IsURL(path) {
		return pgstore.Open(ctx, path, pgstore.Options{Logger: log})
	}
	s, err := store.Open(path, store.Options{Logger: log, DeferIndexes: true})
	if err != nil {
		return nil, err
	}
	go func() {
		if err := s.BuildIndexes(); err != nil && !errors.Is(err, store.ErrClosed) {
			log.Warn("building the spatial index", "db", path, "err", err)
		}
	}()
	return s, nil
}

// displayName names a database in messages: the file, or the PostGIS
// database's URL without its password.
func displayName(path string) string {
	if pgstore.IsURL(path) {
		return pgstore.Redact(path)
	}
	return path
}

// liveSettle is how long the controller waits after a change by someone
// else before reading the events again, so that a burst of commits (an
// ingest writes a batch every second or so) costs one reload, not one
// each.
const liveSettle = 300 * time.Millisecond

// watch reloads the events, keeping the range, the filters and the
// selection, whenever another process changes st (only stores that can
// tell, such as PostGIS), for as long as st is the open store.
func (c *Controller) watch(st Store) {
	cn, ok := st.(changeNotifier)
	if !ok {
		return
	}
	ch := cn.Changes(c.ctx)
	go func() {
		for range ch {
			// Merge what follows within liveSettle.
			t := time.NewTimer(liveSettle)
		settle:
			for {
				select {
				case _, ok := <-ch:
					if !ok {
						t.Stop()
						return
					}
				case <-t.C:
					break settle
				}
			}
			c.cfg.Do(func() {
				if c.st == st {
					c.Reload(c.cfg.OnReloaded)
				}
			})
		}
	}()
}
