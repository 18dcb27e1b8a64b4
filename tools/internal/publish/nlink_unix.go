//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// soleName reports whether a file has no other name (hard link) than
// the one it was found under.
func soleName(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1
}
