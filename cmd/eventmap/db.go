package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"eventmap/data/export"
	"eventmap/data/ingest"
	"eventmap/data/pgstore"
	"eventmap/data/store"
)

// dbFlagHelp is the help of every command's --db flag.
const dbFlagHelp = "database: a BuntDB file or a postgres:// URL (default $" + store.EnvDB + " or the user's data folder)"

// cliStore is what the commands ask of a store: the BuntDB file of
// data/store or the PostGIS database of data/pgstore.
type cliStore interface {
	ingest.Store
	export.Searcher
	// Path names the database in messages (a URL without its password).
	Path() string
	Close() error
}

// openDB opens the database a --db flag names (or the default one). A
// postgres:// URL opens a PostGIS database; anything else is a BuntDB file,
// which, for writing, is created with its folder when missing. For reading,
// a missing file is a clear error.
func openDB(ctx context.Context, flagValue string, write bool) (cliStore, error) {
	path, err := dbPath(flagValue)
	if err != nil {
		return nil, err
	}
	if pgstore.IsURL(path) {
		s, err := pgstore.Open(ctx, path, pgstore.Options{ReadOnly: !write})
		if err != nil {
			return nil, err
		}
		if write && s.ReadOnly() {
			s.Close()
			return nil, fmt.Errorf("%w: the role of %s may not write; ingest with a role that may (see the README, \"Share a corpus with a team\")", store.ErrReadOnly, s.Path())
		}
		return s, nil
	}
	if !write {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: import articles first with \"eventmap ingest\", or name one with --db", path)
		}
		return store.Open(path, store.Options{ReadOnly: true})
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	// The spatial indexes are not needed to store articles: leave them to
	// the first box search, so that a large database opens and takes new
	// articles sooner.
	return store.Open(path, store.Options{DeferIndexes: true})
}
