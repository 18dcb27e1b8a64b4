package check

import (
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/fieldkinds"
)

// TestEveryKindHasItsPartial: in a project with the form's templates, a
// kind of data/fieldkinds.toml without its partial (form/kind/<kind>.html)
// is named at its table's line, with the file to add; with every partial
// there, nothing is said. A project without the templates (content alone)
// is not asked for partials.
func TestEveryKindHasItsPartial(t *testing.T) {
	root := copyValid(t)
	if problems, err := Site(root); err != nil || len(problems) > 0 {
		t.Fatalf("content alone: %v %v", err, problems)
	}
	kinds, ps := fieldkinds.Load(root)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	write(t, root, "layouts/_partials/form/field.html", "{{ partial (printf \"form/kind/%s.html\" .kind) . }}\n")
	missing := kinds.Kinds[len(kinds.Kinds)/2]
	for _, k := range kinds.Kinds {
		if k.Name != missing.Name {
			write(t, root, "layouts/_partials/form/kind/"+k.Name+".html", "<p>{{ .label }}</p>\n")
		}
	}
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].File != fieldkinds.File || problems[0].Line != missing.Line ||
		!strings.Contains(problems[0].Message, `kind "`+missing.Name+`" has no partial`) ||
		!strings.Contains(problems[0].Fix, "layouts/_partials/form/kind/"+missing.Name+".html") {
		t.Fatalf("want one problem at %s:%d naming the partial of %q; got %v", fieldkinds.File, missing.Line, missing.Name, problems)
	}
	write(t, root, "layouts/_partials/form/kind/"+missing.Name+".html", "<p>{{ .label }}</p>\n")
	if problems, err := Site(root); err != nil || len(problems) > 0 {
		t.Fatalf("with every partial: %v %v", err, problems)
	}
}

// TestFieldHeldToItsKind: what a field may give comes from its kind's
// table: a kind given items in data/fieldkinds.toml requires them in its
// range, and a kind without refuses them; the message says which kinds
// take them.
func TestFieldHeldToItsKind(t *testing.T) {
	root := copyValid(t)
	// The fixture's list field has items = 3: narrow the list kind's
	// range below it, and give yesno items.
	edit(t, root, "data/fieldkinds.toml", "items = [1, 10]", "items = [4, 6]")
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	var found int
	for _, p := range problems {
		if strings.Contains(p.Message, "needs items (how many entries), not 3") && strings.Contains(p.Fix, "from 4 to 6") {
			found++
		}
	}
	if found == 0 {
		t.Errorf("a list of 3 items under a range of 4 to 6 was not refused: %v", problems)
	}
	root = copyValid(t)
	edit(t, root, "data/fieldkinds.toml", "[yesno]\nwhat = \"yes or no\"\n", "[yesno]\nwhat = \"yes or no\"\nitems = [1, 3]\n")
	edit(t, root, "data/fieldkinds.toml", "items = [1, 10]\n", "")
	problems, err = Site(root)
	if err != nil {
		t.Fatal(err)
	}
	found = 0
	for _, p := range problems {
		if strings.Contains(p.Message, `of kind "list" cannot have items`) && strings.HasSuffix(p.Fix, "use a kind that has them: yesno") {
			found++
		}
	}
	if found == 0 {
		t.Errorf("a list kind without items still took them, or the fix does not name yesno: %v", problems)
	}
}
