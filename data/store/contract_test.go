package store_test

import (
	"path/filepath"
	"testing"

	"eventmap/data/store"
	"eventmap/data/store/storetest"
)

// TestContract runs the stores' contract suite on the BuntDB file.
func TestContract(t *testing.T) {
	reopen := func(t *testing.T, s storetest.Store, opts store.Options) storetest.Store {
		t.Helper()
		path := s.Path()
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s2, err := store.Open(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		return s2
	}
	storetest.Run(t, storetest.Backend{
		New: func(t *testing.T) storetest.Store {
			s, err := store.Open(filepath.Join(t.TempDir(), "events.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		Reopen: func(t *testing.T, s storetest.Store) storetest.Store {
			return reopen(t, s, store.Options{DeferIndexes: true})
		},
		OpenReadOnly: func(t *testing.T, s storetest.Store) storetest.Store {
			return reopen(t, s, store.Options{ReadOnly: true})
		},
	})
}
