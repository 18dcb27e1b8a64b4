package jsunit

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/testenv"
)

// TestModules runs node --test over assets/js/test: every test file must
// run, and every test in it pass. Without Node it skips, unless
// GESPREKSWIJZER_REQUIRE_BROWSER is set (as in CI), where it fails.
func TestModules(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		testenv.Unavailable(t, "node is not on PATH (it comes with npm, which the browser tests need too)")
	}
	dir := filepath.Join(projecttest.RepoRoot(), "assets", "js")
	files, _ := filepath.Glob(filepath.Join(dir, "test", "*.test.js"))
	if len(files) == 0 {
		t.Fatalf("no test files in %s/test", dir)
	}
	cmd := exec.Command(node, append([]string{"--test", "--test-reporter=tap"}, files...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_OPTIONS=")
	out, err := cmd.CombinedOutput()
	report := string(out)
	count := func(what string) int {
		m := regexp.MustCompile(`(?m)^# ` + what + ` (\d+)$`).FindStringSubmatch(report)
		if m == nil {
			return -1
		}
		n := 0
		for _, c := range m[1] {
			n = n*10 + int(c-'0')
		}
		return n
	}
	pass, fail := count("pass"), count("fail")
	if err != nil || fail != 0 || pass <= 0 {
		t.Fatalf("node --test: %v; %d passed, %d failed\n%s", err, pass, fail, report)
	}
	for _, line := range strings.Split(report, "\n") {
		if strings.HasPrefix(line, "not ok") {
			t.Errorf("%s", line)
		}
	}
	t.Logf("%d tests in %d files passed", pass, len(files))
}
