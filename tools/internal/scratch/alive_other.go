//go:build !unix

package scratch

import "os"

// alive reports whether a process with this id runs. On Windows
// FindProcess fails for a process that is gone; elsewhere it always
// succeeds, and folders are kept.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
