// Package projecttest is the harness of tests that work on the project
// rather than on a browser, in the manner of net/http/httptest: the
// repository's root, a copy of the project to change, a free port, a
// built folder's files, an installed npm file, and the command built and
// run as a user runs it. It imports no part of the tool and no browser
// driver, so a package whose tests need only these links neither.
package projecttest

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/testenv"
)

// RepoRoot is the repository root, found from this file's location.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// FreePort asks the system for a TCP port on 127.0.0.1 that nobody
// listens on.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Files reads every file under dir, by slash-separated path relative to
// it: a built site, to compare with another byte for byte.
func Files(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err == nil {
			files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// SameTrees fails unless every file of want is in got with the same
// bytes and got has no other file: an output against a build from
// scratch.
func SameTrees(t testing.TB, what string, got, want map[string][]byte) {
	t.Helper()
	if a, b := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(a, b) {
		t.Errorf("%s: the files differ from a build from scratch:\nincremental %v\nfrom scratch %v", what, a, b)
		return
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s: %s differs from a build from scratch", what, name)
		}
	}
}

// MinimalOrg is the org.toml of the smallest organisation a variant is
// built for, with one %q for its name: Dutch only, the planning
// conversation, the example province's logo (NewOrg copies it).
const MinimalOrg = `name = %q
base_url = "https://intranet.example.org/"
languages = ["nl"]
methods = ["planningsgesprek"]
[brand]
logo = "logo.svg"
primary = "#0b4f8a"
accent = "#f2b705"
`

// NewOrg writes an organisation folder parent/slug with text as its
// org.toml and the example province's logo, and returns its path.
func NewOrg(t testing.TB, parent, slug, text string) string {
	t.Helper()
	dir := filepath.Join(parent, slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	logo, err := os.ReadFile(filepath.Join(RepoRoot(), "orgs", "provincie-voorbeeld", "logo.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "logo.svg"), logo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "org.toml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// NodeModule returns the path of a file installed by npm ci, or skips.
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		testenv.Unavailable(t, "node_modules/"+rel+" is missing (run npm ci)")
	}
	return p
}

// CopyProject copies the project into a new temporary folder for a test
// that changes it: everything a build or a check reads (configuration,
// content, layouts, assets, static files, interface strings, docs, the
// organisations), but not version control, installed packages, the tools'
// source or build output. It returns the copy's root.
func CopyProject(t testing.TB) string {
	t.Helper()
	repo := RepoRoot()
	dst := filepath.Join(t.TempDir(), "project")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || name == "tools" || name == "node_modules" || name == "resources" || strings.HasPrefix(name, "public") {
			continue
		}
		src := filepath.Join(repo, name)
		switch {
		case e.IsDir():
			err = os.CopyFS(filepath.Join(dst, name), os.DirFS(src))
		case e.Type().IsRegular():
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(filepath.Join(dst, name), b, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// BuildCommand compiles the gesprekswijzer command into dir and returns
// its path. Tests that need a built variant or a generated file run it as
// a subprocess, as a user would, rather than calling the packages behind
// it.
func BuildCommand(dir string) (string, error) {
	exe := filepath.Join(dir, "gesprekswijzer")
	cmd := exec.Command("go", "build", "-o", exe, "./tools/gesprekswijzer")
	cmd.Dir = RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./tools/gesprekswijzer: %v\n%s", err, out)
	}
	return exe, nil
}

// RunCommand runs the built command with args in the repository and
// returns its standard output; an error carries its standard error.
func RunCommand(exe string, args ...string) ([]byte, error) {
	cmd := exec.Command(exe, args...)
	cmd.Dir = RepoRoot()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("gesprekswijzer %v: %v\n%s", args, err, stderr.Bytes())
	}
	return stdout.Bytes(), nil
}

// BuildSite builds the project's default site into out with the command,
// as a user runs it: go run ./tools/gesprekswijzer build -o out. A test
// package that only needs the built site thus links no part of the tool:
// its test binary is a few megabytes instead of Hugo's eighty, and since
// Go caches what go run links, the packages of a go test ./... run link
// the command once between them rather than Hugo into each (measured:
// 10 s and 15 s of CPU per test binary that links Hugo).
func BuildSite(out string) error {
	cmd := exec.Command("go", "run", "./tools/gesprekswijzer", "build", "-o", out)
	cmd.Dir = RepoRoot()
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go run ./tools/gesprekswijzer build -o %s: %v\n%s", out, err, b)
	}
	return nil
}
