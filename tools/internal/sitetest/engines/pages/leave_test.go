package pages

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestLeavingWaitsForScripts: the harness does not leave a page while a
// script the test set going is still on its way. The form's tools come
// over a slow link here (half, then the rest 2 s later); the test opens
// the menu, which loads them, and goes to another page at once. Leaving
// cut the script off, which Firefox reports as a script failing its
// integrity check: that failed TestPhoneReflow/firefox in CI.
func TestLeavingWaitsForScripts(t *testing.T) {
	files := http.FileServer(http.Dir(built))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if !strings.Contains(r.URL.Path, "/js/form-tools.") {
			files.ServeHTTP(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(built, filepath.FromSlash(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Content-Length", fmt.Sprint(len(b)))
		w.Write(b[:len(b)/2])
		w.(http.Flusher).Flush()
		select { // the slow link, not a wait for the page
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
			return
		}
		w.Write(b[len(b)/2:])
	}))
	t.Cleanup(srv.Close)
	sitetest.EachEngine(t, srv.URL, func(t *testing.T, f *sitetest.Form) {
		f.OpenPage(sitetest.NLForm)
		f.Eval(`(() => { for (const m of document.querySelectorAll("details")) m.open = true; return true })()`, nil)
		f.Poll(`[...document.scripts].some(s => s.src.includes("/js/form-tools."))`)
		f.OpenPage(sitetest.DEForm)
	})
}
