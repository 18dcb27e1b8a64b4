package sitetest

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
)

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
