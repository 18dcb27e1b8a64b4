package pages

import (
	"fmt"
	"maps"
	"sync"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestAccessibilityAndRequests: axe-core finds no WCAG 2.1 A/AA violation
// on any page in either language, and no page requests another host or
// logs an error (a CSP violation is logged as one). The pages are shared
// out over two browser contexts that work side by side.
func TestAccessibilityAndRequests(t *testing.T) {
	t.Parallel()
	_, all := sitetest.PagesOfKind(t, built)
	const shares = 2
	var mu sync.Mutex
	checked := map[string]bool{}
	t.Run("pages", func(t *testing.T) {
		for i := range shares {
			t.Run(fmt.Sprint(i+1, "of", shares), func(t *testing.T) {
				t.Parallel()
				var share []string
				for j := i; j < len(all); j += shares {
					share = append(share, all[j])
				}
				got := sitetest.CheckAccessibility(t, built, share)
				mu.Lock()
				maps.Copy(checked, got)
				mu.Unlock()
			})
		}
	})
	for _, must := range []string{"/", "/de/", "/gesprekscyclus/", "/de/gespraechszyklus/", "/gesprekken/planningsgesprek/", "/de/gespraeche/zielvereinbarungsgespraech/agenda/", "/gesprekken/planningsgesprek/vragen/"} {
		if !checked[must] {
			t.Errorf("%s was not checked: is it built?", must)
		}
	}
}
