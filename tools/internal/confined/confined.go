// Package confined reads files of a folder that someone else wrote (an
// organisation's folder) without letting it lead anywhere else: every
// file is opened through an os.Root, so no name, "..", or symbolic link
// reaches outside the folder; only regular files are read, never a
// symbolic link, a FIFO, a device or a folder, and a FIFO swapped in at
// the last moment cannot block the run (files are opened non-blocking and
// checked again once open); and no read takes more than a limit, however
// large the file is or grows while it is read.
package confined

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Errors a read can fail with, for errors.Is; the *Error says more.
var (
	ErrLink       = errors.New("is a symbolic link")
	ErrNotRegular = errors.New("is not a regular file")
	ErrTooLarge   = errors.New("is too large")
	ErrNotLocal   = errors.New("is not a name inside the folder")
)

// Error is a file that was not read.
type Error struct {
	Name  string // the name asked for, relative to the folder
	Kind  string // for ErrNotRegular and ErrLink: what it is ("a named pipe (FIFO)", "a folder", …)
	Size  int64  // for ErrTooLarge: the size found (at least Limit+1)
	Limit int64
	Err   error // ErrLink, ErrNotRegular, ErrTooLarge, ErrNotLocal or what the system said
}

func (e *Error) Error() string {
	switch {
	case errors.Is(e.Err, ErrTooLarge):
		return fmt.Sprintf("%s is %d KB, more than %d KB", e.Name, kb(e.Size), kb(e.Limit))
	case e.Kind != "":
		return fmt.Sprintf("%s is %s", e.Name, e.Kind)
	}
	return fmt.Sprintf("%s %v", e.Name, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

func kb(n int64) int64 { return (n + 1023) >> 10 }

// Dir is a folder whose files are read confined to it.
type Dir struct {
	root *os.Root
}

// Open opens the folder dir. The folder itself may not be a symbolic link
// (a link would let one folder publish another's files).
func Open(dir string) (*Dir, error) {
	// Without the clean, "link/" would be looked at through the link.
	dir = filepath.Clean(dir)
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, &Error{Name: dir, Kind: "a symbolic link", Err: ErrLink}
	}
	if !info.IsDir() {
		return nil, &Error{Name: dir, Kind: kind(info.Mode()), Err: ErrNotRegular}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	// The folder may have been swapped for a link between Lstat and
	// OpenRoot: what was opened must be what was looked at.
	if opened, err := root.Stat("."); err != nil || !os.SameFile(opened, info) {
		root.Close()
		return nil, &Error{Name: dir, Kind: "a symbolic link", Err: ErrLink}
	}
	return &Dir{root: root}, nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

// Lstat describes name (a slash-separated path inside the folder)
// without following a symbolic link.
func (d *Dir) Lstat(name string) (fs.FileInfo, error) {
	if !local(name) {
		return nil, &Error{Name: name, Err: ErrNotLocal}
	}
	return d.root.Lstat(filepath.FromSlash(name))
}

// ReadFile reads the regular file name (a slash-separated path inside the
// folder), at most limit bytes. A symbolic link anywhere on the way, a
// file that is not regular or one larger than limit is an *Error, and
// nothing beyond limit+1 bytes is ever read.
func (d *Dir) ReadFile(name string, limit int64) ([]byte, error) {
	if !local(name) {
		return nil, &Error{Name: name, Err: ErrNotLocal}
	}
	// Every folder on the way and the file itself: no links at all, so
	// what is read is what the folder shows.
	var info fs.FileInfo
	parts := strings.Split(name, "/")
	for i := range parts {
		sub := path.Join(parts[:i+1]...)
		var err error
		if info, err = d.root.Lstat(filepath.FromSlash(sub)); err != nil {
			return nil, &Error{Name: name, Err: err}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, &Error{Name: name, Kind: linkKind(sub, name), Err: ErrLink}
		}
		if i < len(parts)-1 && !info.IsDir() {
			return nil, &Error{Name: name, Err: fs.ErrNotExist}
		}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{Name: name, Kind: kind(info.Mode()), Err: ErrNotRegular}
	}
	if info.Size() > limit {
		return nil, &Error{Name: name, Size: info.Size(), Limit: limit, Err: ErrTooLarge}
	}
	beforeOpen(name)
	// Non-blocking: if a FIFO was put in the file's place since Lstat,
	// opening it must not wait for a writer.
	f, err := d.root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	if !opened.Mode().IsRegular() || !os.SameFile(opened, info) {
		return nil, &Error{Name: name, Kind: "changed while it was being read", Err: ErrNotRegular}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Name: name, Size: int64(len(data)), Limit: limit, Err: ErrTooLarge}
	}
	return data, nil
}

// beforeOpen lets a test change the file between its check and its
// opening, as a hostile writer could.
var beforeOpen = func(name string) {}

func local(name string) bool {
	return name != "" && !strings.Contains(name, `\`) && filepath.IsLocal(filepath.FromSlash(name)) && path.Clean(name) == name
}

func linkKind(sub, name string) string {
	if sub == name {
		return "a symbolic link"
	}
	return "reached through a symbolic link (" + sub + ")"
}

// kind names a file mode for a message.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}
