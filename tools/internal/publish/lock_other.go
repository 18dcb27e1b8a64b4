//go:build !unix && !windows

package publish

import (
	"io"
	"os"
)

// lock: this system has no file locks that Go can take; runs into the
// same output are not serialised here (docs/output-folders.md, "Two runs at once").
func lock(path string, say io.Writer, output string) (io.Closer, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

func tryLock(path string) (io.Closer, bool) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	return f, err == nil
}
