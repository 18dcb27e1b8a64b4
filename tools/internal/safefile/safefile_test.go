package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadRefusesWhatItMustNotRead(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.md"), []byte("hallo"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.md"), []byte(strings.Repeat("x", 2048)), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "link.md"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()

	if b, err := Read(root, "ok.md", 1024); err != nil || string(b) != "hallo" {
		t.Errorf("ok.md: %q, %v", b, err)
	}
	for name, want := range map[string]string{
		"pipe.md": "pipe.md is a named pipe (FIFO), not a regular file", // opened without blocking
		"big.md":  "big.md is 2 KB, over the limit of 1 KB",
		"sub":     "sub is a directory, not a regular file",
	} {
		_, err := Read(root, name, 1024)
		var fe *Error
		if !errors.As(err, &fe) || err.Error() != want || fe.Fix() == "" {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	if b, err := Read(root, "link.md", 1024); err == nil {
		t.Errorf("a link out of the folder was followed: %q", b)
	}
}

func TestCheckNeedsNoOpen(t *testing.T) {
	dir := t.TempDir()
	syscall.Mkfifo(filepath.Join(dir, "p"), 0o644)
	info, err := os.Lstat(filepath.Join(dir, "p"))
	if err != nil {
		t.Fatal(err)
	}
	var fe *Error
	if err := Check("p", info, 10); !errors.As(err, &fe) || fe.Mode&fs.ModeNamedPipe == 0 || fe.TooLarge() {
		t.Errorf("Check = %v", err)
	}
}
