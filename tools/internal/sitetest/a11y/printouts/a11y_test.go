package printouts

import (
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestAccessibilityAndRequests: axe-core finds no WCAG 2.1 A/AA violation
// on any of the printouts (agendas, question lists, preparation sheets), in either language, and none of them
// requests another host or logs an error (a CSP violation is logged as one).
func TestAccessibilityAndRequests(t *testing.T) {
	sitetest.CheckFamily(t, built, sitetest.Printouts, []string{"/de/gespraeche/zielvereinbarungsgespraech/agenda/", "/gesprekken/planningsgesprek/vragen/"})
}
