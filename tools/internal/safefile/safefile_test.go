//go:build unix

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
		"big.md":  "big.md is 2 KB, more than 1 KB",
		"sub":     "sub is a folder, not a regular file",
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

// folder makes a folder with a file in it and, beside it, a secret file
// the folder must never lead to.
func folder(t *testing.T) (dir, secret string) {
	t.Helper()
	parent := t.TempDir()
	dir = filepath.Join(parent, "org")
	secret = filepath.Join(parent, "secret.txt")
	must(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "org.toml"), []byte("name = \"x\"\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "sub", "logo.svg"), []byte("<svg/>"), 0o644))
	must(t, os.WriteFile(secret, []byte("SECRET"), 0o600))
	return dir, secret
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	dir, secret := folder(t)
	must(t, os.Symlink(secret, filepath.Join(dir, "outside.svg")))
	must(t, os.Symlink("org.toml", filepath.Join(dir, "inside.toml")))
	must(t, os.Symlink(filepath.Dir(secret), filepath.Join(dir, "linked")))
	must(t, syscall.Mkfifo(filepath.Join(dir, "fifo.svg"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "big.svg"), make([]byte, 2049), 0o644))
	d, err := Open(dir)
	must(t, err)
	defer d.Close()
	if b, err := d.ReadFile("org.toml", 1024); err != nil || string(b) != "name = \"x\"\n" {
		t.Errorf("org.toml: %q %v", b, err)
	}
	if b, err := d.ReadFile("sub/logo.svg", 6); err != nil || string(b) != "<svg/>" {
		t.Errorf("a file in a sub-folder, exactly at the limit: %q %v", b, err)
	}
	for _, tt := range []struct {
		name string
		want error
		msg  string
	}{
		{"outside.svg", ErrLink, "outside.svg is a symbolic link"},
		{"inside.toml", ErrLink, "inside.toml is a symbolic link"},
		{"linked/secret.txt", ErrLink, "reached through a symbolic link (linked)"},
		{"fifo.svg", ErrNotRegular, "fifo.svg is a named pipe (FIFO)"},
		{"sub", ErrNotRegular, "sub is a folder"},
		{"big.svg", ErrTooLarge, "big.svg is 3 KB, more than 2 KB"},
		{"../secret.txt", ErrNotLocal, "not a name inside the folder"},
		{"/etc/passwd", ErrNotLocal, "not a name inside the folder"},
		{"sub/../org.toml", ErrNotLocal, "not a name inside the folder"},
		{"missing.svg", fs.ErrNotExist, "missing.svg"},
		{"org.toml/x", fs.ErrNotExist, "org.toml/x"},
	} {
		b, err := d.ReadFile(tt.name, 2048)
		var e *Error
		if !errors.Is(err, tt.want) || !errors.As(err, &e) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: got %q, %v; want %v with %q", tt.name, b, err, tt.want, tt.msg)
		}
		if strings.Contains(string(b), "SECRET") {
			t.Errorf("%s: read the file outside the folder", tt.name)
		}
	}
}

// TestFIFOSwappedIn: a file replaced by a FIFO between its check and its
// opening is refused at once, not waited on.
func TestFIFOSwappedIn(t *testing.T) {
	dir, _ := folder(t)
	d, err := Open(dir)
	must(t, err)
	defer d.Close()
	beforeOpen = func(name string) {
		p := filepath.Join(dir, name)
		must(t, os.Remove(p))
		must(t, syscall.Mkfifo(p, 0o644))
	}
	defer func() { beforeOpen = func(string) {} }()
	done := make(chan error, 1)
	go func() { _, err := d.ReadFile("org.toml", 1024); done <- err }()
	// A blocked open would never send; the test binary's own timeout
	// would end the run, which fails the test.
	if err := <-done; !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "changed while it was being read") {
		t.Errorf("got %v, want a refusal", err)
	}
}

func TestOpen(t *testing.T) {
	dir, secret := folder(t)
	link := filepath.Join(filepath.Dir(dir), "link")
	must(t, os.Symlink(dir, link))
	for _, name := range []string{link, link + "/", link + "/."} {
		if _, err := Open(name); !errors.Is(err, ErrLink) {
			t.Errorf("a linked folder, as %q: %v", name, err)
		}
	}
	if _, err := Open(secret); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a file as folder: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing folder: %v", err)
	}
}
