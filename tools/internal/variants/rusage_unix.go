//go:build unix

package variants

import (
	"os"
	"syscall"
)

// maxRSS is a finished process's peak resident memory in KB.
func maxRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
