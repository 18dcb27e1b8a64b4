package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// A command is one of the program's commands, as cmd/go's base.Command:
// its usage line, its help and its flags are one value, from which the
// dispatch (run), `help`, `help NAME`, the README's command table and
// docs/commands.md are all made (TestReadmeCommandTable keeps the two
// files in step).
type command struct {
	Name  string
	Args  string // what follows the name in the usage line
	Short string // one line: `help` and the README's table
	// Long is the whole story for `help NAME` and docs/commands.md: plain
	// text, paragraphs split by a blank line; a docs/*.md it names
	// becomes a link in the Markdown.
	Long string
	// Flags defines the command's flags on fs and returns what runs the
	// command once they are parsed, with the arguments left over: one
	// definition serves the dispatch and the help.
	Flags func(fs *flag.FlagSet) func(args []string, stdout, stderr io.Writer) int
	// Leading: the command takes an argument before its flags (`new
	// METHOD_ID -lang …`, `server-config nginx -o …`), handed to it as
	// the first of its arguments.
	Leading bool
}

// commands returns the command table, made anew for each run: a run's
// flags never leak into the next (the tests run many in one process).
func commands() []*command {
	return []*command{checkCommand(), buildCommand(), serveCommand(), newCommand(),
		variantsCommand(), serverConfigCommand(), versionCommand(), helpCommand()}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (c *command) usageLine() string {
	return strings.TrimSpace("gesprekswijzer " + c.Name + " " + c.Args)
}

// flagSet returns the command's flags, defined, and what runs it.
func (c *command) flagSet(stderr io.Writer) (*flag.FlagSet, func([]string, io.Writer, io.Writer) int) {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n", c.usageLine())
		if c.hasFlags() {
			fs.PrintDefaults()
		}
		fmt.Fprintf(fs.Output(), "(gesprekswijzer help %s explains it)\n", c.Name)
	}
	var runner func([]string, io.Writer, io.Writer) int
	if c.Flags != nil {
		runner = c.Flags(fs)
	}
	return fs, runner
}

func (c *command) hasFlags() bool {
	if c.Flags == nil {
		return false
	}
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	c.Flags(fs)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// dispatch runs the command with args: the leading argument, if the
// command takes one, then its flags, then the rest.
func (c *command) dispatch(args []string, stdout, stderr io.Writer) int {
	fs, runner := c.flagSet(stderr)
	var lead []string
	if c.Leading && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		lead, args = args[:1], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	return runner(append(lead, fs.Args()...), stdout, stderr)
}

// usageError prints what was wrong with a command's arguments and its
// usage line; the exit status of a misuse is 2.
func usageError(c string, stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "gesprekswijzer %s: %s\nusage: %s\n", c, fmt.Sprintf(format, a...), lookup(c).usageLine())
	return 2
}

// summary is what `help` prints: every command with its usage line and
// short help.
func summary() string {
	var b strings.Builder
	b.WriteString("gesprekswijzer: conversation guides, agendas, question lists and forms.\n\nUsage:\n  gesprekswijzer <command> [arguments]\n  (from a checkout: go run ./tools/gesprekswijzer <command>, or scripts/gesprekswijzer <command>)\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-13s %s\n", c.Name, c.Short)
	}
	b.WriteString("\nRun inside the repository (any subfolder will do).\n`gesprekswijzer help <command>` tells more about a command.\n")
	return b.String()
}

// help is what `help NAME` prints: the usage line, the long help,
// wrapped, and the flags.
func (c *command) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s\n\n", c.usageLine())
	for _, para := range strings.Split(strings.TrimSpace(c.Long), "\n\n") {
		b.WriteString(wrap(para, 76))
		b.WriteString("\n\n")
	}
	if c.hasFlags() {
		fs, _ := c.flagSet(&b)
		b.WriteString("Flags:\n")
		fs.PrintDefaults()
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// wrap breaks a paragraph into lines of at most width characters (a
// longer word stays whole).
func wrap(para string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(para) {
		l := len([]rune(w))
		switch {
		case n == 0:
		case n+1+l > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

var docLink = regexp.MustCompile(`\b(docs/([a-z-]+\.md)|orgs/README\.md)\b`)

// markdownLong is c.Long for a page in docs/: paragraphs as they are, a
// docs/x.md it names as a link.
func (c *command) markdownLong() string {
	return docLink.ReplaceAllStringFunc(markdownText(strings.TrimSpace(c.Long)), func(m string) string {
		if rel, ok := strings.CutPrefix(m, "docs/"); ok {
			return "[" + m + "](" + rel + ")"
		}
		return "[" + m + "](../" + m + ")"
	})
}

// markdownText is plain text in Markdown: a "<" (DIR/<slug>) is not the
// start of an HTML tag.
func markdownText(s string) string { return strings.ReplaceAll(s, "<", "&lt;") }

// readmeTable is the README's command table.
func readmeTable() string {
	var b strings.Builder
	b.WriteString("| command | what it does |\n|---|---|\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "| [`%s`](docs/commands.md#%s) | %s |\n", strings.ReplaceAll(strings.TrimSpace(c.Name+" "+c.Args), "|", `\|`), c.Name, strings.ReplaceAll(markdownText(c.Short), "|", `\|`))
	}
	return b.String()
}

// commandsDoc is docs/commands.md.
func commandsDoc() string {
	var b strings.Builder
	b.WriteString("# Commands\n\n<!-- Made by `gesprekswijzer help -markdown` from the command table\n(tools/gesprekswijzer/commands*.go): edit it there. -->\n\n")
	b.WriteString("`gesprekswijzer <command>`: a released program, or from a checkout\n`scripts/gesprekswijzer <command>` or `go run ./tools/gesprekswijzer <command>`\n([Install](../README.md#install)). `gesprekswijzer help <command>` prints the\nsame as this page.\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "\n## %s\n\n```sh\n%s\n```\n\n%s\n", c.Name, c.usageLine(), c.markdownLong())
		if c.hasFlags() {
			var flags bytes.Buffer
			fs, _ := c.flagSet(&flags)
			b.WriteString("\n| flag | meaning |\n|---|---|\n")
			fs.VisitAll(func(f *flag.Flag) {
				name, usage := flag.UnquoteUsage(f)
				arg := "-" + f.Name
				if name != "" {
					arg += " " + name
				}
				if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
					usage += fmt.Sprintf(" (default: %s)", f.DefValue)
				}
				fmt.Fprintf(&b, "| `%s` | %s |\n", arg, strings.ReplaceAll(markdownText(usage), "|", `\|`))
			})
		}
	}
	b.WriteString("\n## Plain Hugo\n\nEditors who prefer plain Hugo can use the pinned one: `go tool hugo server`.\n")
	return b.String()
}

func helpCommand() *command {
	return &command{
		Name:  "help",
		Args:  "[COMMAND]",
		Short: "lists the commands, or explains one",
		Long: `help lists the commands with a line each; help COMMAND prints that command's usage, what it does and its flags.

help -markdown prints docs/commands.md (made from the same table, as is the README's command table).`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			markdown := fs.Bool("markdown", false, "print docs/commands.md, made from the command table")
			return func(args []string, stdout, stderr io.Writer) int {
				switch {
				case *markdown:
					fmt.Fprint(stdout, commandsDoc())
				case len(args) == 0:
					fmt.Fprint(stdout, summary())
				case len(args) == 1 && lookup(args[0]) != nil:
					fmt.Fprint(stdout, lookup(args[0]).help())
				default:
					fmt.Fprintf(stderr, "gesprekswijzer help: no command %q\n\n%s", strings.Join(args, " "), summary())
					return 2
				}
				return 0
			}
		},
	}
}

func versionCommand() *command {
	return &command{
		Name:  "version",
		Short: "prints this program's version, and the Go and Hugo it was built with",
		Long:  `version prints this program's version (a release's, or "dev" for one built from a checkout) and the Go and Hugo it was built with.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			return func(args []string, stdout, stderr io.Writer) int {
				if len(args) > 0 {
					return usageError("version", stderr, "unexpected %q", args[0])
				}
				fmt.Fprintln(stdout, versionLine())
				return 0
			}
		},
	}
}
