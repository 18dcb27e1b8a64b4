//go:build unix

package safefile

import "syscall"

// openFlags open a file without waiting: a FIFO opens at once instead of
// blocking until someone writes to it.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
