package hugo

import (
	"strings"
	"testing"
)

// Hugo silently skips a config file that does not exist; we must not.
func TestMissingConfigIsAnError(t *testing.T) {
	dir := t.TempDir()
	err := Build(Options{Source: dir, Configs: []string{"config.toml", "overlay.toml"}, Destination: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "config.toml") {
		t.Fatalf("Build with missing config files: err = %v, want one naming config.toml", err)
	}
}
