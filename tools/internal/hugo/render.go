package hugo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Render builds the site as Build does, with the same settings, but in
// memory: it returns every file Hugo would have written to the
// destination (the rendered pages and the static files), by
// slash-separated path, and writes nothing.
//
// Why not Build into a folder: the build path minifies, verifies and
// fingerprints every file after Hugo, and creating a file is the dearest
// thing a build does on many file systems (a new inode costs more than
// rendering a small page). In memory each file is read by nobody but this
// process, and written once, by the caller, where it belongs.
//
// It is the same build as the hugo command's: the same configuration
// files, production environment, --panicOnWarning, --printI18nWarnings
// and --printPathWarnings, and static files copied as the command copies
// them (the union of the static mounts, the first mount winning). What
// differs is only where the files go, and that Hugo's build lock
// (.hugo_build.lock in the project) is not taken: nothing is written to
// the project, and builds in several processes must not take turns.
func Render(o Options) (map[string][]byte, error) {
	src, configs, err := o.resolve() // every config file must exist
	if err != nil {
		return nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	return render(src, configs, o)
}

func render(src, configs string, o Options) (files map[string][]byte, err error) {
	defer func() {
		// --panicOnWarning panics; turn it into an error naming the warning.
		if r := recover(); r != nil {
			err = fmt.Errorf("hugo: %v", r)
		}
	}()
	level := logg.LevelWarn
	if o.LogLevel != "" {
		if level, err = logLevel(o.LogLevel); err != nil {
			return nil, err
		}
	}
	stdout := io.Writer(io.Discard)
	if !o.Quiet {
		stdout = os.Stdout
	}
	logger := loggers.New(loggers.Options{
		Level:         level,
		DistinctLevel: logg.LevelWarn,
		StdOut:        stdout,
		StdErr:        os.Stderr,
		HandlerPost:   loggers.PanicOnWarningHook,
	})
	flags := config.New()
	flags.Set("workingDir", src)
	// Where the files go: the root of an in-memory file system.
	flags.Set("publishDir", "/")
	flags.Set("publishDirStatic", "/")
	flags.Set("publishDirDynamic", "/")
	flags.Set("panicOnWarning", true)
	flags.Set("printI18nWarnings", true)
	flags.Set("printPathWarnings", true)
	flags.Set("noBuildLock", true)
	if o.BaseURL != "" {
		flags.Set("baseURL", o.BaseURL)
	}
	conf, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          hugofs.Os,
		Filename:    configs,
		ConfigDir:   filepath.Join(src, "config"),
		Environment: "production",
		Logger:      logger,
	})
	if err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	mem := afero.NewMemMapFs()
	hfs := hugofs.NewFromSourceAndDestination(hugofs.Os, mem, flags)
	// As the command does for --printPathWarnings: count what is written
	// to each path, so that two pages writing one file are reported.
	hfs.PublishDir = hugofs.NewCreateCountingFs(hfs.PublishDir)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  conf,
		Fs:       hfs,
		LogLevel: level,
		StdOut:   stdout,
		StdErr:   os.Stderr,
	})
	if err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	defer h.Close()
	if err := h.Build(hugolib.BuildCfg{NoBuildLock: true}); err != nil {
		return nil, fmt.Errorf("hugo: %w", err)
	}
	files = map[string][]byte{}
	if err := collect(mem, "", files, nil); err != nil {
		return nil, err
	}
	rendered := len(files)
	for _, sfs := range h.BaseFs.SourceFilesystems.Static {
		if err := collect(sfs.Fs, sfs.PublishFolder, files, func(p string) error {
			return fmt.Errorf("hugo: the static file %s and a page of the site are both published as %s: rename one", p, p)
		}); err != nil {
			return nil, err
		}
	}
	if rendered == 0 {
		return nil, errors.New("hugo: the build wrote no file")
	}
	return files, nil
}

// collect reads every file of fsys into files, under the folder prefix.
// A path already in files is a collision, reported by clash (nil: none
// can happen).
func collect(fsys afero.Fs, prefix string, files map[string][]byte, clash func(string) error) error {
	return afero.Walk(fsys, string(filepath.Separator), func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("hugo: %s is not a regular file", p)
		}
		rel := path.Join(filepath.ToSlash(prefix), strings.TrimPrefix(filepath.ToSlash(p), "/"))
		if _, dup := files[rel]; dup && clash != nil {
			return clash(rel)
		}
		b, err := afero.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[rel] = b
		return nil
	})
}

func logLevel(s string) (logg.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return logg.LevelDebug, nil
	case "info":
		return logg.LevelInfo, nil
	case "warn", "warning":
		return logg.LevelWarn, nil
	case "error":
		return logg.LevelError, nil
	}
	return 0, fmt.Errorf("hugo: invalid log level %q: debug, info, warn or error", s)
}
