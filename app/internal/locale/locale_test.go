package locale

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSettle(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, ""},
		{map[string]string{"LANG": "C"}, ""},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "fr"},
		{map[string]string{"LC_MESSAGES": "pt_BR.UTF-8", "LANG": "C.UTF-8"}, ""},
		{map[string]string{}, ""},
	}
	for _, c := range cases {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		Settle(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LANGUAGE"] != c.want {
			t.Errorf("%v: LANGUAGE=%q, want %q", c.env, env["LANGUAGE"], c.want)
		}
	}
}

// TestEveryFynePackageSettles checks that every package of the module that
// imports Fyne (in its code or its tests) also imports this package,
// directly or through another package of the module, so that no binary or
// test of the module meets Fyne before the locale is settled.
func TestEveryFynePackageSettles(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	const self = "eventmap/app/internal/locale"
	imports := map[string]map[string]bool{} // package → what its files import
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := "eventmap"
		if rel != "." {
			pkg += "/" + filepath.ToSlash(rel)
		}
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			imports[pkg][strings.Trim(im.Path.Value, `"`)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	settled := map[string]bool{}
	var reaches func(pkg string, seen map[string]bool) bool
	reaches = func(pkg string, seen map[string]bool) bool {
		if pkg == self {
			return true
		}
		if v, ok := settled[pkg]; ok {
			return v
		}
		if seen[pkg] {
			return false
		}
		seen[pkg] = true
		for im := range imports[pkg] {
			if imports[im] != nil && reaches(im, seen) {
				settled[pkg] = true
				return true
			}
		}
		return false
	}
	checked := 0
	for pkg, ims := range imports {
		usesFyne := false
		for im := range ims {
			usesFyne = usesFyne || strings.HasPrefix(im, "fyne.io/")
		}
		if !usesFyne {
			continue
		}
		checked++
		if !reaches(pkg, map[string]bool{}) {
			t.Errorf("%s imports Fyne but not %s (add `import _ %q`)", pkg, self, self)
		}
	}
	if checked == 0 {
		t.Errorf("no package of the module imports Fyne: the walk from %s found nothing", root)
	}
}

// moduleRoot finds the folder holding go.mod, upwards from here.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("locale: no go.mod above the test's folder")
		}
		dir = up
	}
}
