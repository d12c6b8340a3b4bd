package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSnapshot(t *testing.T) {
	db := testDB(t)
	out := filepath.Join(t.TempDir(), "shot.png")
	code, _, errs := runCLI("snapshot", "--db", db, "--out", out, "--size", "900x600", "--bbox", "120,40,140,60", "--from", "2019", "--to", "2023", "--theme", "dark")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 900 || b.Dy() != 600 {
		t.Errorf("size %v", b)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--db", db}, 2, "usage"},
		{[]string{"--db", db, "--out", out, "--size", "12x3"}, 2, "--size"},
		{[]string{"--db", db, "--out", out, "--theme", "pink"}, 2, "--theme"},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db"), "--out", out}, 1, "no database"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(append([]string{"snapshot"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errs)
		}
	}
}
