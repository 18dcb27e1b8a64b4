package variants

import (
	"os"
	"path/filepath"
	"testing"
)

// copySite copies what a build reads of the site (configuration,
// content, layouts, interface strings, assets, static files and the
// glossary the check reads) into a temporary folder, for a test that
// changes it.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"content", "layouts", "i18n", "assets", "static", "docs"} {
		if _, err := os.Stat(filepath.Join(root, name)); os.IsNotExist(err) {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, name), os.DirFS(filepath.Join(root, name))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dst, "config.toml"), b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
