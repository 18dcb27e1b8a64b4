package variants

import (
	"encoding/json"
	"fmt"
	"os"
)

// runEnv, set to a JSON Options, makes this test binary a variants run
// (see TestMain): a command a test can kill.
const runEnv = "GESPREKSWIJZER_TEST_VARIANTS_RUN"

// runFromEnv builds as the command does, with workers, and exits.
func runFromEnv(spec string) int {
	var o Options
	if err := json.Unmarshal([]byte(spec), &o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	o.Worker, o.Wait = workerExe, os.Stderr
	if _, err := Build(o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
