package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"eventmap/data/store"
)

const repairUsage = "eventmap repair [--db PATH] [--check]"

// runRepair checks an events database and, when it is damaged, rebuilds it
// from the records that can be read, after keeping a backup of it.
func runRepair(_ context.Context, e env) int {
	fs := newFlagSet(e, "repair", repairUsage)
	db := fs.String("db", "", "database file (default $"+store.EnvDB+" or the user's data folder)")
	check := fs.Bool("check", false, "only report the damage; change nothing")
	if err := fs.Parse(e.args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "eventmap repair: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	path, err := dbPath(*db)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap repair:", err)
		return 1
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(e.stderr, "eventmap repair: no database at %q\n", path)
		return 1
	}
	if *check {
		d, err := store.Check(path)
		if err != nil {
			fmt.Fprintln(e.stderr, "eventmap repair:", safe(err.Error()))
			return 1
		}
		fmt.Fprintln(e.stdout, safe(d.String()))
		if d.Damaged() {
			fmt.Fprintf(e.stdout, "run \"eventmap repair --db %s\" to rebuild it (the original is kept as a backup)\n", safe(path))
			return 1
		}
		return 0
	}
	rep, err := store.Repair(path)
	if err != nil {
		fmt.Fprintln(e.stderr, "eventmap repair:", safe(err.Error()))
		if rep.Backup != "" {
			fmt.Fprintf(e.stderr, "eventmap repair: the original is kept as %s\n", safe(rep.Backup))
		}
		return 1
	}
	if !rep.Damage.Damaged() {
		fmt.Fprintf(e.stdout, "%s: no damage found, nothing changed (%d articles, %d events)\n", safe(path), rep.Articles, rep.Events)
		return 0
	}
	fmt.Fprintln(e.stdout, safe(rep.Damage.String()))
	fmt.Fprintf(e.stdout, "kept the original as %s\n", safe(rep.Backup))
	if rep.Removed > 0 {
		fmt.Fprintf(e.stdout, "removed the remains of up to %d incomplete articles (ingest their files again to get them back)\n", rep.Removed)
	}
	fmt.Fprintf(e.stdout, "repaired %s: %d articles, %d events\n", safe(path), rep.Articles, rep.Events)
	return 0
}
