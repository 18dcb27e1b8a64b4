// Package hugo runs the Hugo version pinned in go.mod, in this process, so
// that nobody needs a Hugo binary of their own and every build uses the same
// one.
package hugo

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/gohugoio/hugo/commands"
)

// Options describe one Hugo run.
type Options struct {
	Source      string   // the site root
	Configs     []string // config files, merged in order (relative to Source or absolute)
	Destination string   // build output; for Serve, where the preview is rendered (never the project's public/)
	BaseURL     string   // optional override of baseURL
	Quiet       bool     // print errors only, not the build summary
	LogLevel    string   // optional: debug, info, warn or error
}

// Hugo keeps global state (flags, caches); runs in one process take turns.
var mu sync.Mutex

// Build renders the site into o.Destination. Any warning fails the build
// (--panicOnWarning): a warning here is a broken template or a deprecation
// that will break with the next Hugo.
func Build(o Options) error {
	args, err := o.args()
	if err != nil {
		return err
	}
	args = append(args, "--destination", o.Destination, "--panicOnWarning", "--printI18nWarnings", "--printPathWarnings")
	if o.LogLevel != "" {
		args = append(args, "--logLevel", o.LogLevel)
	}
	return run(args, o.Quiet)
}

// Serve starts Hugo's live-reloading server on 127.0.0.1:port and returns
// when it stops (Ctrl+C).
func Serve(o Options, port int) error {
	args, err := o.args()
	if err != nil {
		return err
	}
	if o.Destination == "" {
		// Hugo's server writes to publishDir (public/) by default: the
		// folder build owns, written without its marker, and shared by
		// every preview started from the project.
		return fmt.Errorf("hugo: a preview needs a folder of its own (Options.Destination)")
	}
	args = append([]string{"server"}, args...)
	// Hugo's server deadlocks when a config file changes while it still
	// reloads the last change; the caller must not change one then (see
	// previewConfig in the gesprekswijzer command). --noBuildLock, which
	// avoids the deadlock, lets two builds run at once, and Hugo then
	// panics.
	args = append(args, "--bind", "127.0.0.1", "--port", fmt.Sprint(port), "--printI18nWarnings", "--destination", o.Destination)
	return run(args, false)
}

// run runs Hugo with args. quiet discards Hugo's standard output (the
// build summary) while it runs. Hugo's own --quiet is not used because it
// discards the error log as well, leaving only "logged 1 error(s)" and
// not which; this way errors still go to standard error. Hugo reads
// os.Stdout when it starts, and runs take turns, so the swap is safe.
func run(args []string, quiet bool) (err error) {
	mu.Lock()
	defer mu.Unlock()
	if quiet {
		null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		saved := os.Stdout
		os.Stdout = null
		defer func() {
			os.Stdout = saved
			null.Close()
		}()
	}
	defer func() {
		// --panicOnWarning panics; turn it into an error naming the warning.
		if r := recover(); r != nil {
			err = fmt.Errorf("hugo: %v", r)
		}
	}()
	if err := commands.Execute(args); err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	return nil
}

// args checks every config file exists, because Hugo silently skips a
// config file that does not, and a variant built without its overlay would
// look like a success.
func (o Options) args() ([]string, error) {
	src, list, err := o.resolve()
	if err != nil {
		return nil, err
	}
	args := []string{"--source", src, "--config", list}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL)
	}
	return args, nil
}

// resolve returns the absolute site root and the config files as Hugo's
// --config takes them (absolute, comma-separated), each checked to exist.
func (o Options) resolve() (src, list string, err error) {
	src, err = filepath.Abs(o.Source)
	if err != nil {
		return "", "", err
	}
	configs := o.Configs
	if len(configs) == 0 {
		configs = []string{"config.toml"}
	}
	for i, c := range configs {
		path := c
		if !filepath.IsAbs(path) {
			path = filepath.Join(src, c)
		}
		if _, err := os.Stat(path); err != nil {
			return "", "", fmt.Errorf("hugo config %s: %w", path, err)
		}
		if i > 0 {
			list += ","
		}
		list += path
	}
	return src, list, nil
}
