package sitecheck

import (
	"encoding/json"
	"os/exec"
	"sort"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestValidHTML runs the Nu Html Checker (npm vnu-jar) over every page.
func TestValidHTML(t *testing.T) {
	t.Parallel()
	var files []string
	for _, p := range sitetest.Pages(t, built) {
		files = append(files, p.File)
	}
	checkValidHTML(t, files)
}

// checkValidHTML runs the Nu Html Checker over the given HTML files.
func checkValidHTML(t *testing.T, files []string) {
	jar := projecttest.NodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		sitetest.Unavailable(t, "no java on PATH for the Nu Html Checker")
	}
	sort.Strings(files)
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, files...)
	out, err := exec.Command(java, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	var report struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int `json:"lastLine"`
			Extract            string
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu output is not JSON: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s (%q)", m.URL, m.LastLine, m.Type, m.Message, m.Extract)
	}
	t.Logf("checked %d pages", len(files))
}
