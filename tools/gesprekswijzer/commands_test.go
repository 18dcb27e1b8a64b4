package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md's command table and docs/commands.md from the command table")

// TestHelp: `help` lists every command; `help NAME` explains each, with
// its usage line and every flag; an unknown one is a misuse (exit 2).
func TestHelp(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"help"}, &out, &errb); code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out.String(), "  "+c.Name+" ") {
			t.Errorf("help does not list %s:\n%s", c.Name, out.String())
		}
		if c.Short == "" || c.Long == "" || !strings.HasPrefix(c.Long, c.Name+" ") {
			t.Errorf("%s: its short or long help is missing (the long one begins with its name)", c.Name)
		}
		var one bytes.Buffer
		if code := run([]string{"help", c.Name}, &one, &errb); code != 0 {
			t.Errorf("help %s: exit %d", c.Name, code)
		}
		if !strings.HasPrefix(one.String(), "usage: "+c.usageLine()+"\n") {
			t.Errorf("help %s does not begin with its usage line:\n%s", c.Name, one.String())
		}
		fs, _ := c.flagSet(&errb)
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(one.String(), "-"+f.Name) {
				t.Errorf("help %s does not explain -%s", c.Name, f.Name)
			}
			if f.Usage == "" {
				t.Errorf("%s -%s has no help", c.Name, f.Name)
			}
		})
	}
	errb.Reset()
	if code := run([]string{"help", "frobnicate"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), `no command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, %q", code, errb.String())
	}
	// Each command's own -h prints its usage line, as a misuse does.
	for _, c := range commands() {
		errb.Reset()
		if code := run([]string{c.Name, "-h"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "usage: "+c.usageLine()) {
			t.Errorf("%s -h: exit %d, %q", c.Name, code, errb.String())
		}
	}
}

// TestReadmeCommandTable: the README's command table and
// docs/commands.md are made from the command table: an edit to a
// command's help shows in both (go test ./tools/gesprekswijzer -run
// TestReadmeCommandTable -update rewrites them).
func TestReadmeCommandTable(t *testing.T) {
	const begin, end = "<!-- commands: made from the command table, go test ./tools/gesprekswijzer -run TestReadmeCommandTable -update -->\n", "<!-- /commands -->\n"
	readme := filepath.Join("..", "..", "README.md")
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no command table between %q and %q", strings.TrimSpace(begin), strings.TrimSpace(end))
	}
	want := s[:i+len(begin)] + readmeTable() + s[j:]
	doc := filepath.Join("..", "..", "docs", "commands.md")
	d, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(readme, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(doc, []byte(commandsDoc()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if s != want {
		t.Errorf("README.md's command table is not the command table's; run with -update. Want:\n%s", readmeTable())
	}
	if string(d) != commandsDoc() {
		t.Errorf("docs/commands.md is not made from the command table; run with -update")
	}
	var out, errb bytes.Buffer
	if code := run([]string{"help", "-markdown"}, &out, &errb); code != 0 || out.String() != commandsDoc() {
		t.Errorf("help -markdown: exit %d, not docs/commands.md", code)
	}
}
