// Package pgtest gives tests a PostgreSQL database of their own, made from
// the throwaway cluster that .ci/with-postgis starts (make test runs the
// tests under it), or skips them, saying why, when there is none.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable that holds the URL of a database
// with PostGIS, used as the template of the tests' databases. The
// superuser of its cluster must be able to connect to its "postgres"
// database.
const EnvURL = "EVENTMAP_TEST_PG"

// NewDB creates an empty database with PostGIS for t, dropped when t ends,
// and returns its URL. Without EVENTMAP_TEST_PG it skips t.
func NewDB(t testing.TB) string {
	t.Helper()
	tmpl := os.Getenv(EnvURL)
	if tmpl == "" {
		t.Skip("no PostgreSQL: " + EnvURL + " is not set (make test starts a throwaway PostGIS cluster with .ci/with-postgis; where PostgreSQL 15 and PostGIS cannot be installed, the PostGIS half of the tests skips)")
	}
	u, err := url.Parse(tmpl)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	template := u.Path[1:]
	admin := *u
	admin.Path = "/postgres"
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin.String())
	if err != nil {
		t.Fatalf("connecting to the test cluster: %v", err)
	}
	defer conn.Close(ctx)
	// Two CREATE DATABASE from one template at once fail ("source
	// database is being accessed"): take turns.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(4242)`); err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE `+pgx.Identifier{template}.Sanitize())
	_, _ = conn.Exec(ctx, `SELECT pg_advisory_unlock(4242)`)
	if err != nil {
		t.Fatalf("creating a test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c, err := pgx.Connect(ctx, admin.String())
		if err != nil {
			t.Logf("dropping %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	db := *u
	db.Path = "/" + name
	return db.String()
}
