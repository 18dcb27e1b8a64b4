//go:build unix

package publish

import (
	"fmt"
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive flock on path, creating it. The kernel drops
// the lock when the process ends, however it ends, so a killed run never
// leaves a stale lock. A second run waits, and says so.
func lock(path string, say io.Writer, output string) (io.Closer, error) {
	// Read-only is enough for flock; no link is followed to another file.
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", output, err)
	}
	fd := int(f.Fd())
	err = unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
	if err == unix.EWOULDBLOCK {
		fmt.Fprintf(say, "gesprekswijzer: waiting for another run into %s to finish (it holds %s)\n", output, path)
		for err = unix.Flock(fd, unix.LOCK_EX); err == unix.EINTR; err = unix.Flock(fd, unix.LOCK_EX) {
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", output, err)
	}
	return f, nil
}

// tryLock takes the lock only if nobody holds it.
func tryLock(path string) (io.Closer, bool) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		return nil, false
	}
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		f.Close()
		return nil, false
	}
	return f, true
}
