package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"eventmap/data/pgstore"
	"eventmap/data/pgstore/pgtest"
	"eventmap/data/store/storetest"
)

func open(t testing.TB, url string, opts pgstore.Options) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), url, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestContract runs the stores' contract suite on PostGIS.
func TestContract(t *testing.T) {
	urls := map[storetest.Store]string{}
	reopen := func(t *testing.T, s storetest.Store, opts pgstore.Options) storetest.Store {
		t.Helper()
		url := urls[s]
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s2 := open(t, url, opts)
		urls[s2] = url
		return s2
	}
	storetest.Run(t, storetest.Backend{
		New: func(t *testing.T) storetest.Store {
			url := pgtest.NewDB(t)
			s := open(t, url, pgstore.Options{})
			urls[s] = url
			return s
		},
		Reopen: func(t *testing.T, s storetest.Store) storetest.Store {
			return reopen(t, s, pgstore.Options{})
		},
		OpenReadOnly: func(t *testing.T, s storetest.Store) storetest.Store {
			return reopen(t, s, pgstore.Options{ReadOnly: true})
		},
	})
}

// TestOpenReadOnlyChangesNothing opens a database without eventmap's
// schema read-only: it fails with a message saying what to do, and creates
// no table.
func TestOpenReadOnlyChangesNothing(t *testing.T) {
	url := pgtest.NewDB(t)
	_, err := pgstore.Open(context.Background(), url, pgstore.Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "ingest into it first") {
		t.Fatalf("err = %v", err)
	}
	s := open(t, url, pgstore.Options{})
	defer s.Close()
	var v int
	if err := s.Pool().QueryRow(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&v); err != nil || v != 1 {
		t.Errorf("the writer found %d migrations applied (%v): the reader changed the schema", v, err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://ana:s3cret@db.example.org:5432/eventmap?sslmode=require": "postgres://ana:xxxxx@db.example.org:5432/eventmap?sslmode=require",
		"postgres://ana@db/eventmap":                                         "postgres://ana@db/eventmap",
		"postgresql:///eventmap?password=s3cret&sslmode=disable":             "postgresql:///eventmap?password=xxxxx&sslmode=disable",
		"postgres://%zz": "postgres://(unreadable URL)",
	} {
		if got := pgstore.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	if !pgstore.IsURL("PostgreSQL://x/y") || pgstore.IsURL("/home/ana/events.db") || pgstore.IsURL("postgres.db") {
		t.Error("IsURL is wrong")
	}
}
