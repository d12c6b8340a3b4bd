package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes an export to the file at path, calling write with the
// writer to fill.
//
//   - A regular file (new or existing) is written beside itself and renamed
//     over the old one when write and the close succeed, so a failed export
//     never leaves half a file under that name; an existing file keeps its
//     permissions.
//   - A symbolic link is followed: its target is written (the same way),
//     and the link stays a link.
//   - A device or named pipe (/dev/stdout, /dev/null, a FIFO) is written
//     through, not replaced.
//   - A folder is refused.
//
// Errors name path, the name the user gave, never the temporary file.
func WriteFile(path string, write func(io.Writer) error) error {
	target := path
	fi, err := os.Lstat(path)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := filepath.EvalSymlinks(path); err == nil {
			target = t
		} else if l, lerr := os.Readlink(path); lerr == nil {
			// A link to a file not made yet: write that file.
			if !filepath.IsAbs(l) {
				l = filepath.Join(filepath.Dir(path), l)
			}
			target = l
		}
		fi, err = os.Stat(target)
	}
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("export: %s: %w", path, unwrapPath(err))
	case err == nil && fi.IsDir():
		return fmt.Errorf("export: %s is a folder; name a file to write", path)
	case err == nil && !fi.Mode().IsRegular():
		return writeThrough(path, target, write)
	}
	perm := fs.FileMode(0o644)
	if err == nil {
		perm = fi.Mode().Perm()
	}
	return replaceFile(path, target, perm, write)
}

// writeThrough writes into an existing device or pipe.
func writeThrough(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("export: %s: %w", path, unwrapPath(err))
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("export: writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: writing %s: %w", path, unwrapPath(err))
	}
	return nil
}

// replaceFile writes a temporary file beside target and renames it over
// target, with the permissions perm.
func replaceFile(path, target string, perm fs.FileMode, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), ".eventmap-export-*")
	if err != nil {
		return fmt.Errorf("export: cannot write beside %s: %w", path, unwrapPath(err))
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	fail := func(err error) error { return fmt.Errorf("export: writing %s: %w", path, unwrapPath(err)) }
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fail(err)
	}
	done = true
	return nil
}

// unwrapPath drops the file name of a *fs.PathError (the temporary file's,
// or one the message already gives).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
