package sitecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// TestBuildPrintsNoDeprecation builds with Hugo's info log, where Hugo
// first announces a deprecation (long before it becomes a warning), and
// fails on any. Hugo logs to the process's stdout and stderr, so both are
// captured for the run.
func TestBuildPrintsNoDeprecation(t *testing.T) {
	// Not in parallel: it redirects the process's standard output.
	logFile := filepath.Join(t.TempDir(), "hugo.log")
	f, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = f, f
	err = hugo.Build(hugo.Options{Source: projecttest.RepoRoot(), Destination: t.TempDir(), LogLevel: "info"})
	os.Stdout, os.Stderr = stdout, stderr
	f.Close()
	log, _ := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, log)
	}
	if !strings.Contains(string(log), "INFO") {
		t.Fatalf("captured no Hugo log at info level, so this test would see no deprecation:\n%s", log)
	}
	for _, line := range strings.Split(string(log), "\n") {
		if strings.Contains(strings.ToLower(line), "deprecat") {
			t.Errorf("Hugo: %s", line)
		}
	}
}
