package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/serverconfig"
)

// runServerConfig writes a web server's configuration for the default
// site or a variant: `server-config nginx|apache|caddy|iis [-org DIR]
// [-root PATH] [-o FILE]`. The server may come before or after the flags.
func runServerConfig(args []string, stdout, stderr io.Writer) int {
	var server string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		server, args = args[0], args[1:]
	}
	fs := newFlags("server-config", stderr)
	orgDir := fs.String("org", "", "an organisation's folder: configure its variant")
	rootDir := fs.String("root", "", "the folder of the site's files on the server")
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	rest := fs.Args()
	if server == "" && len(rest) > 0 {
		server, rest = rest[0], rest[1:]
	}
	if !slices.Contains(serverconfig.Servers, server) || len(rest) > 0 {
		fmt.Fprintf(stderr, "gesprekswijzer server-config: name one server: %s (got %q)\n", strings.Join(serverconfig.Servers, ", "), strings.Join(append([]string{server}, rest...), " "))
		return 2
	}
	r, ok := root(stderr)
	if !ok {
		return 1
	}
	cmd := "gesprekswijzer server-config " + server
	org := ""
	if *orgDir != "" {
		abs, err := filepath.Abs(*orgDir)
		if err != nil {
			fmt.Fprintln(stderr, "gesprekswijzer server-config:", err)
			return 1
		}
		org = abs
		rel, err := filepath.Rel(r, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = abs
		}
		cmd += " -org " + filepath.ToSlash(rel)
	}
	if *rootDir != "" {
		cmd += " -root " + *rootDir
	}
	site, problems, err := serverconfig.Load(r, org)
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer server-config:", err)
		return 1
	}
	if printProblems(problems, stderr) {
		fmt.Fprintln(stderr, "nothing was written")
		return 1
	}
	var buf bytes.Buffer
	if err := serverconfig.Write(&buf, site, serverconfig.Options{Server: server, Root: *rootDir, Command: cmd}); err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer server-config:", err)
		return 1
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = writeFileAtomic(*out, buf.Bytes())
		if err == nil {
			fmt.Fprintf(stderr, "wrote %s configuration for %s to %s\n", server, site.BasePath, *out)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer server-config:", err)
		return 1
	}
	return 0
}

// writeFileAtomic writes data beside name and renames it into place, so
// that a server reloading at that moment never reads half a file.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
