//go:build unix

package scratch

import (
	"errors"
	"syscall"
)

// alive reports whether a process with this id runs (or may: a process
// of another user answers EPERM). A reused id keeps a folder until that
// process ends too, which is harmless.
func alive(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
