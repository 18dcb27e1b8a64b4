// Package publish writes a directory as a whole or not at all: output is
// built in a temporary directory beside the target and swapped in only
// when complete, so a failed build never leaves a half site and never
// touches the previous one.
package publish

import (
	"fmt"
	"os"
	"path/filepath"
)

// Stage creates an empty temporary directory beside target (on the same
// file system, so the final rename is atomic).
func Stage(target string) (string, error) {
	parent := filepath.Dir(filepath.Clean(target))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, "."+filepath.Base(target)+".building-")
}

// Swap replaces target with staged. The old target is moved aside first
// and removed only after the new one is in place; if the rename fails the
// old one is put back.
func Swap(staged, target string) error {
	target = filepath.Clean(target)
	old := ""
	if _, err := os.Lstat(target); err == nil {
		old = target + ".old"
		if err := os.RemoveAll(old); err != nil {
			return err
		}
		if err := os.Rename(target, old); err != nil {
			return fmt.Errorf("move previous output aside: %w", err)
		}
	}
	if err := os.Rename(staged, target); err != nil {
		if old != "" {
			_ = os.Rename(old, target)
		}
		return fmt.Errorf("swap in new output: %w", err)
	}
	// The staged directory was created 0700; a site is for reading.
	_ = os.Chmod(target, 0o755)
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Discard removes a staged directory after a failed build.
func Discard(staged string) { _ = os.RemoveAll(staged) }
