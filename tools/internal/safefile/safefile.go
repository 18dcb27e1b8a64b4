// Package safefile reads files from trees that someone else wrote (a
// content folder, an i18n folder) without ever blocking, following a link
// out of the tree or reading without bound: a named pipe, a device or a
// socket is refused before it is read, and so is a file over the limit.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Error says why a file was not read.
type Error struct {
	Name  string      // as given
	Mode  fs.FileMode // the file's type, when that was the reason
	Size  int64       // the file's size, when that was the reason
	Limit int64
}

func (e *Error) Error() string { return e.Name + " is " + e.Reason() }

// Reason says what the file is, without its name.
func (e *Error) Reason() string {
	if e.TooLarge() {
		return fmt.Sprintf("%s, over the limit of %s", KB(e.Size), KB(e.Limit))
	}
	return Kind(e.Mode) + ", not a regular file"
}

// TooLarge reports whether the file was refused for its size.
func (e *Error) TooLarge() bool { return e.Limit > 0 && e.Size > e.Limit }

// Fix says what to do about it.
func (e *Error) Fix() string {
	if e.TooLarge() {
		return fmt.Sprintf("keep the file under %s (split it, or remove what does not belong)", KB(e.Limit))
	}
	return "remove it, or put a regular file with its content in its place"
}

// KB formats a size for messages.
func KB(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// Kind names a file type for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a file"
}

// Check refuses, from its directory entry alone and without opening it,
// a file that is not regular or is larger than limit (0: no limit).
func Check(name string, info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return &Error{Name: name, Mode: info.Mode().Type()}
	}
	if limit > 0 && info.Size() > limit {
		return &Error{Name: name, Size: info.Size(), Limit: limit}
	}
	return nil
}

// Read reads name inside root. The file is opened without blocking (a
// named pipe would otherwise wait for a writer for ever), through root (no
// symbolic link leads out of it), and checked to be a regular file of at
// most limit bytes before a byte is read; at most limit bytes are read
// even if the file grows meanwhile.
func Read(root *os.Root, name string, limit int64) ([]byte, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := Check(name, info, limit); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &Error{Name: name, Size: int64(len(b)), Limit: limit}
	}
	return b, nil
}

// ReadPath reads the file at path as Read does, confined to its folder.
func ReadPath(path string, limit int64) ([]byte, error) {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	b, err := Read(root, filepath.Base(path), limit)
	var se *Error
	if errors.As(err, &se) {
		se.Name = path
	}
	return b, err
}
