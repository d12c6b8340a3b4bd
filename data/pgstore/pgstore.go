// Package pgstore keeps eventmap's articles, events, places and corrections
// in a PostgreSQL database with PostGIS, so that a team shares one corpus:
// several machines ingest into it at once and every window sees the others'
// events. It behaves like the embedded BuntDB store (data/store), whose value
// types (Record, Query, Hit …) it takes and returns; both pass one contract
// test suite (data/store/storetest).
//
// # Schema
//
// Open creates the schema on first connect and migrates it later: the
// versions applied are rows of schema_migrations, and a transaction-scoped
// advisory lock keeps two processes from migrating at once. Events carry a
// PostGIS point (geometry, EPSG:4326) under a GiST index together with
// their time (btree_gist), so that a box × time search reads only what it
// returns, and their time alone under a B-tree index; articles are keyed by
// their content hash, so two machines ingesting the same article store it
// once. The timeline's histogram reads per-day counts (day_counts) that
// every write keeps up to date in its own transaction; each connection
// counts in its own shard of rows, so concurrent writers do not wait on
// each other's days.
//
// # Writes
//
// PutBatch writes a batch in one transaction (events with COPY), so an
// ingest killed at any moment leaves no half-stored article. Concurrent
// writers take their row locks in one order (articles, places and days
// sorted) and a batch that still meets a deadlock or a serialization
// failure is retried.
//
// # Live updates
//
// Every write sends a NOTIFY on the channel "eventmap_changes" when it
// commits; Changes listens for them, so a window can reload within a
// fraction of a second of another machine's ingest.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"eventmap/data/store"
)

// notifyChannel is the channel writes NOTIFY on.
const notifyChannel = "eventmap_changes"

// IsURL reports whether a --db value names a PostgreSQL database
// ("postgres://…" or "postgresql://…") rather than a BuntDB file.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact returns a connection URL with any password in it replaced by
// "xxxxx", for messages and logs. Something that does not parse as a URL is
// returned as "postgres://(unreadable URL)".
func Redact(conn string) string {
	u, err := url.Parse(conn)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Options configure Open.
type Options struct {
	// ReadOnly refuses writes with store.ErrReadOnly even when the role
	// could write. (A role without the right to insert is read-only
	// whatever this says.)
	ReadOnly bool
	// Logger receives notes on migrations and on the change listener; nil
	// discards them.
	Logger *slog.Logger
	// MaxConns caps the connection pool; 0 means pgx's default.
	MaxConns int32
}

// Store is an open eventmap database on PostgreSQL. Its methods are safe for
// concurrent use.
type Store struct {
	pool     *pgxpool.Pool
	cfg      *pgxpool.Config
	name     string // the redacted URL
	readOnly bool
	log      *slog.Logger

	done chan struct{} // closed by Close, to stop the change listeners

	// metas caches what hits show of their articles (which an article's
	// ID, the hash of its text, mostly fixes).
	metaMu sync.Mutex
	metas  map[string]articleMeta

	mu     sync.Mutex
	closed bool
}

// Open connects to the database named by a postgres:// URL, creating or
// migrating eventmap's schema when needed (which needs a role that may
// create tables; a read-only role opens a database that is already set up).
// With Options.ReadOnly nothing is created or migrated: a database without
// eventmap's schema is an error.
// The password comes from the URL, PGPASSWORD, ~/.pgpass or a service file
// (service=NAME); sslmode and the other libpq settings are honoured. Errors
// name the database with the password removed.
func Open(ctx context.Context, conn string, opts Options) (*Store, error) {
	name := Redact(conn)
	cfg, err := pgxpool.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %s", name, redactErr(err, conn))
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	// The searches are small: starting parallel workers costs them more
	// than it saves (unless the URL says otherwise).
	if _, set := cfg.ConnConfig.RuntimeParams["max_parallel_workers_per_gather"]; !set {
		cfg.ConnConfig.RuntimeParams["max_parallel_workers_per_gather"] = "0"
	}
	s := &Store{cfg: cfg, name: name, readOnly: opts.ReadOnly, log: opts.Logger, done: make(chan struct{}), metas: map[string]articleMeta{}}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %s: %s", name, redactErr(err, conn))
	}
	if err := s.pool.Ping(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("pgstore: cannot connect to %s: %s", name, redactErr(err, conn))
	}
	if opts.ReadOnly {
		// A reader changes nothing, the schema included.
		have, err := s.schemaVersion(ctx)
		if err == nil && have == 0 {
			err = fmt.Errorf("pgstore: %s has no eventmap data yet: ingest into it first (eventmap ingest --db …)", name)
		} else if err == nil && have != len(migrations) {
			err = fmt.Errorf("pgstore: %s has schema version %d; this eventmap reads version %d (run a newer eventmap, or ingest into it once with this one to migrate it)", name, have, len(migrations))
		}
		if err != nil {
			s.pool.Close()
			return nil, err
		}
	} else if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, err
	}
	var canWrite bool
	if err := s.pool.QueryRow(ctx, `SELECT has_table_privilege('articles', 'INSERT') AND has_table_privilege('events', 'INSERT')`).Scan(&canWrite); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("pgstore: %s: checking the role's rights: %w", name, err)
	}
	if !canWrite {
		s.readOnly = true
	}
	return s, nil
}

// redactErr is err's message with the password of conn (if any) removed.
func redactErr(err error, conn string) string {
	msg := err.Error()
	if u, perr := url.Parse(conn); perr == nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
		if pw := u.Query().Get("password"); pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
	}
	return msg
}

// Path returns the database's URL without its password.
func (s *Store) Path() string { return s.name }

// ReadOnly reports whether the store refuses writes: it was opened with
// Options.ReadOnly, or its role may not insert into the tables.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close closes the connections.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return store.ErrClosed
	}
	s.closed = true
	close(s.done)
	s.pool.Close()
	return nil
}

func (s *Store) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// wrap maps a database error to the store's sentinel errors where one fits
// and names the database.
func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if s.isClosed() {
		return store.ErrClosed
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
		return fmt.Errorf("%w: %s: the role may not write (%s)", store.ErrReadOnly, s.name, pe.Message)
	}
	return fmt.Errorf("pgstore: %s: %s: %w", s.name, what, err)
}

// migrations are the schema's versions, applied in order. Never edit one
// that has shipped: add the next.
var migrations = []string{
	// 1: the first schema.
	`CREATE EXTENSION IF NOT EXISTS postgis;
	CREATE EXTENSION IF NOT EXISTS btree_gist;
	CREATE TABLE articles (
		id         text PRIMARY KEY,
		title      text NOT NULL DEFAULT '',
		source     text NOT NULL DEFAULT '',
		url        text NOT NULL DEFAULT '',
		published  timestamptz,
		format     text NOT NULL DEFAULT '',
		origin     text NOT NULL DEFAULT '',
		body       text NOT NULL,
		mentions   jsonb NOT NULL DEFAULT '[]',
		n_events   integer NOT NULL DEFAULT 0,
		n_mentions integer NOT NULL DEFAULT 0,
		stored_at  timestamptz NOT NULL DEFAULT now()
	);
	CREATE INDEX articles_source ON articles (lower(source));
	CREATE TABLE events (
		article_id text NOT NULL,
		n          integer NOT NULL,
		t          timestamptz,
		precision  smallint NOT NULL,
		span_start integer NOT NULL,
		span_end   integer NOT NULL,
		place_id   text NOT NULL,
		place_name text NOT NULL DEFAULT '',
		snippet    text NOT NULL DEFAULT '',
		lon        double precision NOT NULL,
		lat        double precision NOT NULL,
		geom       geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
		PRIMARY KEY (article_id, n)
	);
	CREATE INDEX events_geom_t ON events USING gist (geom, t);
	CREATE INDEX events_t ON events (t);
	CREATE TABLE places (
		id  text PRIMARY KEY,
		doc jsonb NOT NULL
	);
	CREATE TABLE corrections (
		article_id text NOT NULL,
		span_start integer NOT NULL,
		span_end   integer NOT NULL,
		doc        jsonb NOT NULL,
		PRIMARY KEY (article_id, span_start, span_end)
	);
	CREATE TABLE senses (
		source   text NOT NULL,
		name     text NOT NULL,
		place_id text NOT NULL,
		PRIMARY KEY (source, name)
	);
	CREATE TABLE day_counts (
		day   bigint NOT NULL,
		shard smallint NOT NULL,
		n     bigint NOT NULL,
		PRIMARY KEY (day, shard)
	);`,
}

// migrate brings the schema to the latest version.
func (s *Store) migrate(ctx context.Context) error {
	have, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if have == len(migrations) {
		return nil
	}
	if have > len(migrations) {
		return fmt.Errorf("%w: %s has schema version %d; this eventmap knows up to %d (update eventmap)", store.ErrCorrupt, s.name, have, len(migrations))
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("migrating", err)
	}
	defer tx.Rollback(ctx)
	// One migrating process at a time; the others wait, then find the
	// work done.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7201604511)`); err != nil {
		return s.wrap("migrating", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return s.migrateErr(err)
	}
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return s.wrap("migrating", err)
	}
	for v := have + 1; v <= len(migrations); v++ {
		if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
			return s.migrateErr(fmt.Errorf("version %d: %w", v, err))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, v); err != nil {
			return s.wrap("migrating", err)
		}
		s.log.Info("pgstore: schema migrated", "db", s.name, "version", v)
	}
	if err := tx.Commit(ctx); err != nil {
		return s.migrateErr(err)
	}
	return nil
}

func (s *Store) migrateErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "42501" || pe.Code == "0A000" || pe.Code == "58P01") {
		// insufficient_privilege, feature_not_supported, undefined_file
		// (the PostGIS files are missing).
		return fmt.Errorf("pgstore: %s has no eventmap schema yet and it cannot be created: %s (connect once as the database's owner, with PostGIS installed: see the README, \"Share a corpus with a team\")", s.name, pe.Message)
	}
	return fmt.Errorf("pgstore: %s: creating the schema: %w", s.name, err)
}

// schemaVersion reads the applied version, 0 when there is no schema.
func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var exists bool
	if err := s.pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, s.wrap("reading the schema version", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, s.wrap("reading the schema version", err)
	}
	return v, nil
}

// inTx runs fn in a transaction, retrying it (up to five times) when
// PostgreSQL gives up on it because of a deadlock or a serialization
// failure with another writer.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = pgx.BeginFunc(ctx, s.pool, fn)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001") {
			s.log.Debug("pgstore: retrying a transaction", "db", s.name, "reason", pe.Message)
			continue
		}
		return err
	}
	return err
}

// Pool returns the store's connection pool, for maintenance (VACUUM) and
// for tests.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }
