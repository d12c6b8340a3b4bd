package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/data/pgstore"
	"eventmap/data/store"
)

// Store is what the window asks of the event database: the BuntDB file of
// data/store or the shared PostGIS database of data/pgstore.
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

// openStore opens the database a path or postgres:// URL names.
func openStore(ctx context.Context, path string, log *slog.Logger) (Store, error) {
	if pgstore.IsURL(path) {
		return pgstore.Open(ctx, path, pgstore.Options{Logger: log})
	}
	// The map draws from its own index, read with ScanPoints: the store's
	// spatial index (for exports and searches by box or date) is built
	// meanwhile in the background. Reads go on while it is built; a box
	// search that comes first waits for it.
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

// dbDisplayName is how Settings names a database: the file, or the
// PostGIS database's URL without its password.
func dbDisplayName(path string) string {
	if pgstore.IsURL(path) {
		return "PostGIS database " + pgstore.Redact(path)
	}
	return path
}

// readOnlyError is the message shown when a read-only store is asked to
// write.
func readOnlyError(st Store, what string) error {
	return fmt.Errorf("%s: the database %s is open read-only (your database role, or the file, allows reading only). Ask for a role that may write, or import with a writable database", what, st.Path())
}

// liveSettle is how long the window waits after a change by someone else
// before reading the events again, so that a burst of commits (an ingest
// writes a batch every second or so) costs one reload, not one each.
const liveSettle = 300 * time.Millisecond

// watchChanges reloads the events, keeping the view, the timeline range,
// the filters and the selection, whenever another process changes the
// store (only stores that can tell, such as PostGIS). It stops with ctx.
func (x *Explorer) watchChanges(ctx context.Context, st Store) {
	cn, ok := st.(changeNotifier)
	if !ok {
		return
	}
	ch := cn.Changes(ctx)
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
			fyne.Do(func() {
				if x.store == st {
					x.Reload(ctx)
				}
			})
		}
	}()
}
