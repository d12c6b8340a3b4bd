package app

import (
	"fmt"

	"eventmap/app/explore"
	"eventmap/data/pgstore"
)

// Store is what the window asks of the event database: the BuntDB file of
// data/store or the shared PostGIS database of data/pgstore.
type Store = explore.Store

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
