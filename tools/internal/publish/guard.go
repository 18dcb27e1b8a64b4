package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// SourceFolders are the project's folders that no output may lie in
// (besides every hidden one, such as .git).
var SourceFolders = []string{"archetypes", "assets", "content", "data", "docs", "i18n", "layouts", "node_modules", "orgs", "resources", "skeletons", "static", "themes", "tools"}

// Check decides whether path may be used as an output of the project
// o.Root, before anything is written: its place (Place), and, if it
// exists, that this tool wrote it or it is empty. It returns the path
// with every symbolic link resolved. A refusal is a problem.Problem
// naming the path, why, and what to do.
func Check(path string, o Options) (string, error) {
	if o.Owner != nil {
		// An organisation's output is a folder of its own: through a
		// link, a build would replace the folder it points at and write
		// its lock and spare beside that one, outside the output folder.
		if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(path)
			return "", problem.Problem{File: path, Message: fmt.Sprintf("refusing to write the output here: it is a symbolic link (to %s), and an organisation's output is never written through one", target),
				Fix: "remove the link (rm " + path + "; what it points to stays as it is) and run again"}
		}
	}
	resolved, err := Place(path, o)
	if err != nil {
		return "", err
	}
	if err := replaceable(resolved, o); err != nil {
		var p problem.Problem
		if errors.As(err, &p) {
			p.File = path
			return "", p
		}
		return "", err
	}
	return resolved, nil
}

// Place decides whether path is a place for an output of the project
// o.Root: not the project itself, not inside one of its source or hidden
// folders, not holding the project, and apart from o.Sources. It returns
// the path with every symbolic link resolved.
func Place(path string, o Options) (string, error) {
	resolved, err := resolve(path)
	if err != nil {
		return "", err
	}
	refuse := func(why, fix string) (string, error) {
		return "", problem.Problem{File: path, Message: "refusing to write the output here: " + why, Fix: fix}
	}
	const elsewhere = "choose an output folder outside the project's sources with -o, e.g. -o public"
	if o.Root != "" {
		root, err := resolve(o.Root)
		if err != nil {
			return "", err
		}
		switch {
		case resolved == root:
			return refuse("it is the project itself, which the output would replace", elsewhere)
		case within(resolved, root):
			return refuse(fmt.Sprintf("it contains the project (%s), which the output would replace", root), elsewhere)
		case within(root, resolved):
			rel, _ := filepath.Rel(root, resolved)
			top := strings.Split(rel, string(filepath.Separator))[0]
			info, err := os.Lstat(filepath.Join(root, top))
			switch {
			case strings.HasPrefix(top, "."):
				return refuse(fmt.Sprintf("it lies inside %s, a hidden folder of the project", top), elsewhere)
			case isSource(top):
				return refuse(fmt.Sprintf("it lies inside %s/, a source folder of the project", top), elsewhere)
			case err == nil && !info.IsDir():
				return refuse(fmt.Sprintf("%s is a file of the project", top), elsewhere)
			}
		}
	}
	for _, src := range o.Sources {
		s, err := resolve(src)
		if err != nil {
			return "", err
		}
		if s == resolved || within(resolved, s) || within(s, resolved) {
			return refuse(fmt.Sprintf("it overlaps %s, which this run reads", src), "choose an output folder apart from the folders the run reads")
		}
	}
	return resolved, nil
}

func isSource(name string) bool {
	for _, s := range SourceFolders {
		if strings.EqualFold(name, s) {
			return true
		}
	}
	return false
}

// within reports whether inner lies strictly inside outer.
func within(outer, inner string) bool {
	rel, err := filepath.Rel(outer, inner)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// replaceable: an existing output may be replaced only when this tool
// wrote it (its marker says so) or when it is an empty folder, and, when
// o.Owner is set, only for the owner its marker names (or with
// o.ForceOwner, or when the marker names none).
func replaceable(path string, o Options) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	const fix = "choose another folder with -o, or move this one away (if it is an old build, delete it) and run again"
	if !info.IsDir() {
		return problem.Problem{File: path, Message: "refusing to replace it: it is " + kind(info) + ", not an output folder", Fix: fix}
	}
	if m, err := ReadMarker(path); err == nil {
		return owned(path, m.Owner, o)
	}
	if ours(path) {
		return nil
	}
	return problem.Problem{File: path, Message: fmt.Sprintf("refusing to replace it: this folder was not written by gesprekswijzer (it holds no %s)", Marker), Fix: fix}
}

func kind(info fs.FileInfo) string {
	if info.Mode()&fs.ModeSymlink != 0 {
		return "a symbolic link"
	}
	return "a file"
}

// Resolve makes path absolute and resolves every symbolic link in the
// part of it that exists, as Place does before it judges a path.
func Resolve(path string) (string, error) { return resolve(path) }

func resolve(path string) (string, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest), nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// owned refuses to replace an output that was built for another
// organisation folder than o.Owner, unless o.ForceOwner.
func owned(path string, was *Owner, o Options) error {
	if o.Owner == nil || was == nil || was.Folder == o.Owner.Folder || o.ForceOwner {
		return nil
	}
	return problem.Problem{File: path,
		Message: fmt.Sprintf("refusing to replace it: it was built for the organisation in %s (%q), and %s (%q) declares the same slug", was.Folder, was.Name, o.Owner.Folder, o.Owner.Name),
		Fix:     fmt.Sprintf("if %s is to take this output over, run again with -force-owner (or delete %s first); otherwise give it a slug of its own", o.Owner.Folder, path)}
}
