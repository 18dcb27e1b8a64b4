//go:build !linux

package variants

import "syscall"

// dieWithParent: elsewhere a worker notices its parent is gone when its
// standard input ends, after the organisation it is building.
func dieWithParent() *syscall.SysProcAttr { return nil }
