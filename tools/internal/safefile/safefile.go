// Package safefile reads files of a tree that someone else wrote (a
// content folder, an i18n folder, an organisation's folder) without
// letting it hang, exhaust or mislead the reader:
//
//   - every file is opened through an os.Root, so no name, "..", or
//     symbolic link reaches outside the tree;
//   - no symbolic link is followed at all, on the file or on any folder on
//     its way, so what is read is what the tree shows;
//   - only regular files are read: a FIFO, a device, a socket or a folder
//     is refused before it is opened (Check needs only the directory
//     entry), and a FIFO swapped in at the last moment cannot block the
//     run (files are opened non-blocking and checked again once open:
//     the file opened must be the file looked at);
//   - nothing beyond a limit is ever read, however large the file is or
//     grows while it is read.
//
// A refusal is an *Error: its Reason and Fix are written for messages,
// and errors.Is tells the kind (ErrLink, ErrNotRegular, ErrTooLarge,
// ErrNotLocal).
package safefile

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

// The kinds of refusal, for errors.Is; the *Error says more.
var (
	ErrLink       = errors.New("is a symbolic link")
	ErrNotRegular = errors.New("is not a regular file")
	ErrTooLarge   = errors.New("is too large")
	ErrNotLocal   = errors.New("is not a name inside the folder")
)

// Error is a file that was not read.
type Error struct {
	Name  string      // as asked for (a path relative to the tree, or as given to ReadPath)
	Mode  fs.FileMode // the type found, when that is the reason
	Via   string      // for ErrLink: the folder on the way that is a link ("" : the file itself)
	Size  int64       // for ErrTooLarge: the size found (more than Limit)
	Limit int64
	// Folder: a folder was asked for (Open), not a file.
	Folder bool
	// Changed: the file was replaced between its check and its opening.
	Changed bool
	Err     error // ErrLink, ErrNotRegular, ErrTooLarge, ErrNotLocal, or what the system said
}

func (e *Error) Error() string {
	if e.Refused() {
		return e.Name + " is " + e.Reason()
	}
	return e.Name + ": " + e.Reason()
}

func (e *Error) Unwrap() error { return e.Err }

// Refused reports whether the file was refused for what it is (a link, not
// a regular file, too large, a name outside the folder), rather than not
// read for a reason of the system's (it does not exist, no permission).
func (e *Error) Refused() bool {
	return e.Err == ErrLink || e.Err == ErrNotRegular || e.Err == ErrTooLarge || e.Err == ErrNotLocal
}

// Reason says what the file is, without its name.
func (e *Error) Reason() string {
	switch {
	case e.TooLarge():
		return fmt.Sprintf("%s, more than %s", KB(e.Size), KB(e.Limit))
	case e.Changed:
		return "changed while it was being read"
	case e.Err == ErrLink && e.Via != "":
		return "reached through a symbolic link (" + e.Via + ")"
	case e.Err == ErrLink:
		return "a symbolic link"
	case e.Err == ErrNotRegular && e.Folder:
		return Kind(e.Mode) + ", not a folder"
	case e.Err == ErrNotRegular:
		return Kind(e.Mode) + ", not a regular file"
	case e.Err == ErrNotLocal:
		return "not a name inside the folder"
	}
	return e.Err.Error()
}

// TooLarge reports whether the file was refused for its size.
func (e *Error) TooLarge() bool { return e.Err == ErrTooLarge }

// Fix says what to do about it, in general terms; a caller that knows
// where the file comes from may say it better.
func (e *Error) Fix() string {
	switch {
	case e.TooLarge():
		return fmt.Sprintf("keep the file under %s (split it, or remove what does not belong)", KB(e.Limit))
	case e.Err == ErrNotLocal:
		return "name a file inside the folder, without .. or a leading /"
	case e.Refused():
		return "remove it, or put a regular file with its content in its place"
	}
	return "make the file readable"
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
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a file"
}

// Check refuses, from its directory entry alone (an Lstat) and without
// opening it, a file that is not regular or is larger than limit (0: no
// limit).
func Check(name string, info fs.FileInfo, limit int64) error {
	switch m := info.Mode(); {
	case m&fs.ModeSymlink != 0:
		return &Error{Name: name, Mode: m.Type(), Err: ErrLink}
	case !m.IsRegular():
		return &Error{Name: name, Mode: m.Type(), Err: ErrNotRegular}
	case limit > 0 && info.Size() > limit:
		return &Error{Name: name, Size: info.Size(), Limit: limit, Err: ErrTooLarge}
	}
	return nil
}

// Read reads the regular file name (a slash-separated path inside root)
// of at most limit bytes. A symbolic link anywhere on the way, a file that
// is not regular or one larger than limit is an *Error, and nothing
// beyond limit+1 bytes is ever read.
func Read(root *os.Root, name string, limit int64) ([]byte, error) {
	if !local(name) {
		return nil, &Error{Name: name, Err: ErrNotLocal}
	}
	// Every folder on the way and the file itself: no links at all.
	var info fs.FileInfo
	parts := strings.Split(name, "/")
	for i := range parts {
		sub := path.Join(parts[:i+1]...)
		var err error
		if info, err = root.Lstat(filepath.FromSlash(sub)); err != nil {
			return nil, &Error{Name: name, Err: err}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			e := &Error{Name: name, Mode: fs.ModeSymlink, Err: ErrLink}
			if sub != name {
				e.Via = sub
			}
			return nil, e
		}
		if i < len(parts)-1 && !info.IsDir() {
			return nil, &Error{Name: name, Err: fs.ErrNotExist}
		}
	}
	if err := Check(name, info, limit); err != nil {
		return nil, err
	}
	beforeOpen(name)
	// Non-blocking: if a FIFO was put in the file's place since Lstat,
	// opening it must not wait for a writer.
	f, err := root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	if !opened.Mode().IsRegular() || !os.SameFile(opened, info) {
		return nil, &Error{Name: name, Mode: opened.Mode().Type(), Changed: true, Err: ErrNotRegular}
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

// ReadPath reads the file at path as Read does, confined to its folder;
// an *Error names the file by path.
func ReadPath(p string, limit int64) ([]byte, error) {
	root, err := os.OpenRoot(filepath.Dir(p))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	b, err := Read(root, filepath.Base(p), limit)
	var se *Error
	if errors.As(err, &se) {
		se.Name = p
	}
	return b, err
}

// Dir is a folder whose files are read confined to it, the folder itself
// included: it may not be a symbolic link (a link would let one
// organisation's name publish another folder's files).
type Dir struct {
	root *os.Root
}

// Open opens the folder dir.
func Open(dir string) (*Dir, error) {
	// Without the clean, "link/" would be looked at through the link.
	dir = filepath.Clean(dir)
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, &Error{Name: dir, Mode: fs.ModeSymlink, Folder: true, Err: ErrLink}
	}
	if !info.IsDir() {
		return nil, &Error{Name: dir, Mode: info.Mode().Type(), Folder: true, Err: ErrNotRegular}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	// The folder may have been swapped for a link between Lstat and
	// OpenRoot: what was opened must be what was looked at.
	if opened, err := root.Stat("."); err != nil || !os.SameFile(opened, info) {
		root.Close()
		return nil, &Error{Name: dir, Mode: fs.ModeSymlink, Folder: true, Err: ErrLink}
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

// ReadFile reads the regular file name inside the folder, as Read does.
func (d *Dir) ReadFile(name string, limit int64) ([]byte, error) {
	return Read(d.root, name, limit)
}

// local: a slash-separated, clean path that stays inside the folder.
func local(name string) bool {
	return name != "" && !strings.Contains(name, `\`) && filepath.IsLocal(filepath.FromSlash(name)) && path.Clean(name) == name
}
