package variants

import (
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/project"
)

// load is project.Load as the tests here want it: the site and the
// organisations.
func load(root string, dirs []string) (*content.Site, []*org.Org, error) {
	p, err := project.Load(root, dirs)
	if err != nil {
		return nil, nil, err
	}
	return p.Site, p.Orgs, nil
}
