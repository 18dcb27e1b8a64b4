//go:build windows

package publish

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// lock takes an exclusive LockFileEx lock on path, creating it; Windows
// drops it when the process ends. A second run waits, and says so.
func lock(path string, say io.Writer, output string) (io.Closer, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", output, err)
	}
	h := windows.Handle(f.Fd())
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		fmt.Fprintf(say, "gesprekswijzer: waiting for another run into %s to finish (it holds %s)\n", output, path)
		err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, ol)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", output, err)
	}
	return f, nil
}

func tryLock(path string) (io.Closer, bool) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false
	}
	if windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, new(windows.Overlapped)) != nil {
		f.Close()
		return nil, false
	}
	return f, true
}
