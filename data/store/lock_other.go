//go:build !unix && !windows

package store

import "os"

// lockFile does nothing on systems without advisory locks (such as wasm and
// plan9): there, keep one eventmap process per database by hand.
func lockFile(f *os.File, exclusive bool) error { return nil }

// unlockFile releases the lock taken by lockFile.
func unlockFile(f *os.File) error { return nil }
