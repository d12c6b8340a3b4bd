//go:build unix

package store

import (
	"os"
	"syscall"
)

// fileID identifies a file across renames: its inode. BuntDB's compaction
// replaces the file, and with it the id.
func fileID(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
