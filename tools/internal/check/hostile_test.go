package check

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// siteWithin runs Site on root, failing the test if it does not return
// at all (the hang guard is generous: these cases take milliseconds).
func siteWithin(t *testing.T, root string) problem.List {
	t.Helper()
	type result struct {
		problems problem.List
		err      error
	}
	done := make(chan result, 1)
	go func() {
		ps, err := Site(root)
		done <- result{ps, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.problems
	case <-time.After(2 * time.Minute):
		t.Fatal("check did not return: it hangs on this content tree")
		return nil
	}
}

// wantProblem fails unless exactly one problem is about file and its
// message and fix hold the given parts.
func wantProblem(t *testing.T, problems problem.List, file string, line int, message, fix string) {
	t.Helper()
	var found []problem.Problem
	for _, p := range problems {
		if p.File == file {
			found = append(found, p)
		}
	}
	if len(found) != 1 || found[0].Line != line || !strings.Contains(found[0].Message, message) || !strings.Contains(found[0].Fix, fix) {
		t.Errorf("problems about %s: %v\nwant one on line %d with %q, fix %q\nall: %v", file, found, line, message, fix, problems)
	}
}

// TestHostileContentTree: what would hang or exhaust a reader is a
// problem with its path, found without opening it or decoding it.
func TestHostileContentTree(t *testing.T) {
	root := copyValid(t)
	fifo := filepath.Join(root, "content/nl/pijp.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// A FIFO that is not Markdown would hang Hugo just the same.
	if err := syscall.Mkfifo(filepath.Join(root, "content/de/bild.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("Lorem ipsum dolor sit amet.\n", 2<<20/28+1)
	os.WriteFile(filepath.Join(root, "content/nl/groot.md"), []byte("+++\ntitle = \"Groot\"\n+++\n"+big), 0o644)
	deep := "+++\ntitle = \"Diep\"\n[params]\nx = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n+++\n"
	os.WriteFile(filepath.Join(root, "content/nl/diep.md"), []byte(deep), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(root, "content/nl/link.md"))
	os.WriteFile(filepath.Join(root, "content/de/diep.md"), []byte("+++\ntitle = \"Tief\"\n"+strings.Repeat("a.", 5000)+"b = 1\n+++\n"), 0o644)

	problems := siteWithin(t, root)
	wantProblem(t, problems, "content/nl/pijp.md", 0, "a named pipe (FIFO), not a regular file: it was not read", "remove it")
	wantProblem(t, problems, "content/de/bild.png", 0, "a named pipe (FIFO)", "remove it")
	wantProblem(t, problems, "content/nl/groot.md", 0, "2049 KB, more than 1024 KB", "keep the file under 1024 KB")
	wantProblem(t, problems, "content/nl/diep.md", 4, "nests more than 24 levels deep", "flatten")
	wantProblem(t, problems, "content/de/diep.md", 3, "nests more than 24 levels deep", "flatten")
	wantProblem(t, problems, "content/nl/link.md", 0, "a symbolic link: it was not read", "remove it")
}

// TestHostileHugoFolders: what Hugo would hang on or publish through a
// link in its other folders is refused the same way (static files may be
// large: they may be images or documents).
func TestHostileHugoFolders(t *testing.T) {
	root := copyValid(t)
	for _, dir := range []string{"layouts", "static/img"} {
		os.MkdirAll(filepath.Join(root, dir), 0o755)
	}
	syscall.Mkfifo(filepath.Join(root, "layouts/home.html"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(root, "static/img/passwd.png"))
	os.WriteFile(filepath.Join(root, "static/img/foto.jpg"), make([]byte, 2<<20), 0o644)
	os.Remove(filepath.Join(root, "i18n/de.toml"))
	syscall.Mkfifo(filepath.Join(root, "i18n/de.toml"), 0o644)
	problems := siteWithin(t, root)
	wantProblem(t, problems, "layouts/home.html", 0, "a named pipe (FIFO)", "remove it")
	wantProblem(t, problems, "static/img/passwd.png", 0, "a symbolic link", "remove it")
	wantProblem(t, problems, "i18n/de.toml", 0, "a named pipe (FIFO)", "remove it")
	for _, p := range problems {
		if p.File == "static/img/foto.jpg" {
			t.Errorf("a large static file is a problem: %s", p)
		}
	}
}

// TestDeepInterfaceStrings: an i18n file is bounded like content.
func TestDeepInterfaceStrings(t *testing.T) {
	root := copyValid(t)
	path := filepath.Join(root, "i18n/de.toml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, append(b, []byte("\n[deep]\nother = "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n")...), 0o644)
	line := strings.Count(string(b), "\n") + 3
	problems := siteWithin(t, root)
	wantProblem(t, problems, "i18n/de.toml", line, "nests more than 24 levels deep", "flatten")
}

// TestTooManyFiles: a tree with more entries than any site stops being
// read at the limit, and says so.
func TestTooManyFiles(t *testing.T) {
	root := copyValid(t)
	dir := filepath.Join(root, "content/nl/veel")
	os.MkdirAll(dir, 0o755)
	for i := range 10001 {
		f, err := os.Create(filepath.Join(dir, strconv.Itoa(i)+".png"))
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	var found bool
	for _, p := range siteWithin(t, root) {
		if strings.Contains(p.Message, "hold more than 10000 files") && strings.HasPrefix(p.File, "content/nl/veel/") {
			found = true
		}
	}
	if !found {
		t.Error("no problem says the content holds too many files")
	}
}
