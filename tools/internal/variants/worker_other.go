//go:build !linux

package variants

import "syscall"

// dieWithParent: elsewhere a worker notices its parent is gone when its
// standard input ends, after the organisation it is building.
func dieWithParent() *syscall.SysProcAttr { return nil }

// residentBytes is not measured here: workers are then retired by count
// (see worker.spent).
func residentBytes() int64 { return 0 }
