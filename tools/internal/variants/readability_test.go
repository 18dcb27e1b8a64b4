package variants

import (
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// TestExampleOrgsWithinReadabilityBudget: every example organisation in
// orgs/ validates against this site, its own questions held to the
// readability budget of questions (org.Site.Readability) like the site's.
func TestExampleOrgsWithinReadabilityBudget(t *testing.T) {
	root := projecttest.RepoRoot()
	dirs, err := FindOrgs(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no example organisations in orgs/")
	}
	site, orgs, err := load(root, dirs)
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != len(dirs) {
		t.Errorf("%d of %d organisations loaded", len(orgs), len(dirs))
	}
	own := 0
	for _, o := range orgs {
		own += len(o.Questions)
	}
	if own == 0 {
		t.Error("no example organisation has questions of its own: nothing was held to the budget")
	}
	g, err := glossary.Read(root, content.MaxFileBytes)
	if err != nil {
		t.Fatal(err)
	}
	if org.SiteOf(site, g).Readability == nil {
		t.Error("the organisations were validated without the site's readability budgets")
	}
}
