package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/project"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/serverconfig"
)

func serverConfigCommand() *command {
	return &command{
		Name:    "server-config",
		Args:    "nginx|apache|caddy|iis [-org orgs/<slug>] [-root PATH] [-o FILE]",
		Leading: true,
		Short:   "writes that web server's configuration: base path, security headers, 404 pages, caching",
		Long:    `server-config writes that web server's configuration for the site (or, with -org, an organisation's variant) under its base path: the 404 pages, media types, UTF-8, the Content-Security-Policy and the other security headers as HTTP headers, caching; paths that begin with a dot (the output's marker, lock files) answer 404. The file's first lines say where it goes. The server may be named before or after the flags. See docs/deploy.md.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			orgDir := fs.String("org", "", "configure the variant of the organisation in this `folder`")
			rootDir := fs.String("root", "", "the `folder` of the site's files on the server (default: /srv/gesprekswijzer[/<slug>]; not / or a system folder)")
			out := fs.String("o", "", "write to this `file` instead of standard output")
			return func(args []string, stdout, stderr io.Writer) int {
				if len(args) != 1 || !slices.Contains(serverconfig.Servers, args[0]) {
					return usageError("server-config", stderr, "name one server: %s (got %q)", strings.Join(serverconfig.Servers, ", "), strings.Join(args, " "))
				}
				server := args[0]
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
				site, err := serverSite(r, org)
				if stopped("server-config", err, stderr, "nothing was written") {
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
		},
	}
}

// serverSite describes the site for its server: the default site from
// config.toml, or the organisation in orgDir, loaded and validated as
// variants and serve -org load it (package project).
func serverSite(root, orgDir string) (*serverconfig.Site, error) {
	if orgDir == "" {
		cfg, err := content.LoadConfig(root)
		if err != nil {
			return nil, err
		}
		site, problems := serverconfig.ForSite(cfg)
		return site, problem.List(problems).Err()
	}
	proj, o, err := project.Org(root, orgDir)
	if err != nil {
		return nil, err
	}
	site, problems := serverconfig.ForOrg(proj.Site.Config, o)
	return site, problem.List(problems).Err()
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
