package pgstore_test

import (
	"context"
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
