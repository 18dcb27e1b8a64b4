package pages

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestPrint: the filled form prints on A4 with what was typed and without
// the screen's controls or the private note, where the engine's
// automation can print (Chromium: DevTools; Firefox: BiDi
// browsingContext.print). WebKitGTK's WebDriver has no print command: the
// test asserts that it still has none, so that it is measured once it
// does.
func TestPrint(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		f.TypeInto("#f-meta-department", "Klantcontactcentrum")
		f.SetValue("#f-meta-date", "2027-03-14")
		f.TypeInto("#f-competenties", "Gesprekstechniek en planning")
		f.TypeInto("#f-resultaatafspraken-1-what", "Wachttijd halveren")
		f.TypeInto("#f-private-manager", "Geheimnotitie")
		f.TypeInto("#f-signoff-employee-name", "Fatma Yilmaz")
		f.WaitSaved("Fatma Yilmaz")
		pdf, err := f.PrintA4()
		if errors.Is(err, sitetest.ErrNotSupported) {
			if f.Engine.Name != "webkit" {
				t.Fatalf("%s cannot print: %v", f.Engine.Name, err)
			}
			t.Logf("%s: printing to PDF not supported by its WebDriver: not measured", f.Engine.Name)
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		text := sitetest.PDFText(t, pdf)
		for _, want := range []string{"Klantcontactcentrum", "Gesprekstechniek en planning", "Wachttijd halveren", "Fatma Yilmaz", "Formulier: Planningsgesprek", "Handtekening"} {
			if !strings.Contains(text, want) {
				t.Errorf("the printed form lacks %q", want)
			}
		}
		for _, never := range []string{"Geheimnotitie", "Concepten en bestanden", "Exporteren"} {
			if strings.Contains(text, never) {
				t.Errorf("the printed form shows %q", never)
			}
		}
		// pdftotext ends every page with a form feed
		pages := strings.Count(text, "\f")
		if pages < 1 || pages > 4 {
			t.Errorf("the filled form prints on %d A4 pages", pages)
		}
		t.Logf("%s: the filled form prints on %d A4 pages", f.Engine.Name, pages)
	})
}

// framed serves the built site with one more page, /__frame/, a blank
// page of the same origin without the site's Content-Security-Policy: a
// test puts a page of the site in a frame there, of the size of a phone
// (in an engine whose window cannot be that small), or to watch it load
// from outside. Nothing is cached, and between hold and release the
// scripts (.js) are held back, so that what a page shows before its
// scripts run can be seen.
type framed struct {
	URL  string
	mu   sync.Mutex
	held chan struct{}
}

func newFramed(t *testing.T) *framed {
	t.Helper()
	s := &framed{}
	files := http.FileServer(http.Dir(built))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path == "/__frame/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html lang="nl"><meta charset="utf-8"><title>frame</title><link rel="icon" href="data:,"><body style="margin:0">`)
			return
		}
		s.mu.Lock()
		held := s.held
		s.mu.Unlock()
		if held != nil && strings.HasSuffix(r.URL.Path, ".js") {
			// Held until released, whatever the client does meanwhile:
			// giving up on it with an empty 200 handed Firefox a script
			// with the SHA-384 of nothing, which its integrity refused.
			<-held
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { s.release(); srv.Close() })
	s.URL = srv.URL
	return s
}

func (s *framed) hold() {
	s.mu.Lock()
	s.held = make(chan struct{})
	s.mu.Unlock()
}

func (s *framed) release() {
	s.mu.Lock()
	if s.held != nil {
		close(s.held)
		s.held = nil
	}
	s.mu.Unlock()
}

// inFrame loads the site's page u in a frame of w × h CSS px on /__frame/
// and waits until the frame's document exists; expressions then reach it
// as frame() (its window).
func inFrame(f *sitetest.Form, u string, w, h int) {
	f.T.Helper()
	f.Navigate(f.Base + "/__frame/") // f.Base: a framed site
	f.Eval(fmt.Sprintf(`(() => { const i = document.createElement("iframe");
		i.style.cssText = "border:0;display:block;width:%dpx;height:%dpx"; i.src = %s; document.body.append(i);
		window.frame = () => i.contentWindow; return true })()`, w, h, sitetest.JSString(u)), nil)
}

// sideways is how far the document is wider than its viewport (0 is right).
const sideways = `Math.max(d.documentElement.scrollWidth, d.body.scrollWidth) - d.documentElement.clientWidth`

// TestPhoneReflow: at 320 CSS px (WCAG 2.1 SC 1.4.10 Reflow) a form page
// in both languages and "Mijn gesprekken" do not scroll sideways, with
// the drafts menu open. Where the engine's window cannot be 320 px wide
// (WebKitGTK's MiniBrowser: 447 px at least) the page is measured in a
// frame of 320 px: its layout viewport is then 320 px as on the phone.
func TestPhoneReflow(t *testing.T) {
	base := newFramed(t).URL
	pages := []string{sitetest.NLForm, sitetest.DEForm, sitetest.OverviewPage(t, built, "nl")}
	t.Parallel()
	sitetest.EachEngine(t, base, func(t *testing.T, f *sitetest.Form) {
		err := f.Tab.SetViewport(320, 640)
		window := err == nil
		if !window {
			if !errors.Is(err, sitetest.ErrNotSupported) {
				t.Fatal(err)
			}
			t.Logf("%s: %v; measured in a 320 px frame", f.Engine.Name, err)
		}
		for _, u := range pages {
			doc := "document"
			if window {
				f.OpenPage(u)
			} else {
				inFrame(f, u, 320, 640)
				doc = "frame().document"
				f.Poll(`frame().document.documentElement?.hasAttribute("data-js")`)
			}
			// innerWidth: the viewport with its scroll bar, which takes
			// room where scroll bars do not overlay (Firefox headless)
			var width, over int
			f.Eval(fmt.Sprintf(`(() => { const d = %s; for (const m of d.querySelectorAll("details")) m.open = true; return d.defaultView.innerWidth })()`, doc), &width)
			if width != 320 {
				t.Fatalf("%s: the viewport is %d px wide, want 320", u, width)
			}
			f.Eval(fmt.Sprintf(`(() => { const d = %s; return %s })()`, doc, sideways), &over)
			if over > 0 {
				t.Errorf("%s at 320 px: the page is %d px wider than the screen", u, over)
			}
		}
	})
}

// TestAxe: axe-core finds no WCAG 2.1 A/AA violation on a form page with
// its drafts menu open, in each engine (some rules, colour contrast among
// them, read what the engine renders).
func TestAxe(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		f.Reveal("#draft-name")
		for _, v := range f.Axe() {
			t.Errorf("axe: %s", v)
		}
	})
}
