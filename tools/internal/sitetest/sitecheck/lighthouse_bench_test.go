package sitecheck

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

// lighthousePages are the pages the issue measures: the home page, a
// guide, its agenda, question list and form, in both languages.
var lighthousePages = []string{
	"", "gesprekken/planningsgesprek/", "gesprekken/planningsgesprek/agenda/", "gesprekken/planningsgesprek/vragen/", "gesprekken/planningsgesprek/formulier/",
	"de/", "de/gespraeche/zielvereinbarungsgespraech/", "de/gespraeche/zielvereinbarungsgespraech/agenda/", "de/gespraeche/zielvereinbarungsgespraech/fragen/", "de/gespraeche/zielvereinbarungsgespraech/formular/",
}

// lighthouseResult is what a run reports: the four scores and the audits
// that held them down.
type lighthouseResult struct {
	Categories map[string]struct {
		Score     *float64
		AuditRefs []struct {
			ID     string
			Weight float64
		}
	}
	Audits map[string]struct {
		Title        string
		Score        *float64
		DisplayValue string
	}
}

// BenchmarkLighthouse is a report, not a test: it runs Lighthouse (npm
// lighthouse, pinned in package.json) in headless Chromium on the pages
// above, on mobile (Lighthouse's default: a mid-range phone on a slow
// 4G network, simulated) and on desktop (--preset=desktop), and prints
// the performance, accessibility, best-practices and SEO scores of each
// with the audits that kept a score below 100. The site is built with
// the address it is served from as its base URL, as a deployed site is,
// and served on 127.0.0.1; Chromium runs without sandbox and without
// reaching the network. Performance depends on the machine, so scores are
// reported here; the tests assert their deterministic causes (see
// lighthouse_test.go).
//
//	go test -run '^$' -bench Lighthouse -benchtime 1x ./tools/internal/sitetest
//
// LIGHTHOUSE_ORG=orgs/<slug> measures that organisation's variant (served
// under its base path) instead of the default site.
func BenchmarkLighthouse(b *testing.B) {
	cli := projecttest.NodeModule(b, "lighthouse/cli/index.js")
	node, err := exec.LookPath("node")
	if err != nil {
		sitetest.Unavailable(b, "node is missing (apt-get install nodejs)")
	}
	chromium := sitetest.Chromium(b)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	host := "http://" + ln.Addr().String()
	dir, base := b.TempDir(), "/"
	if org := os.Getenv("LIGHTHOUSE_ORG"); org != "" {
		results, err := variants.Build(variants.Options{Root: projecttest.RepoRoot(), Orgs: []string{filepath.Join(projecttest.RepoRoot(), org)}, Out: dir})
		if err != nil || results[0].Err != nil {
			b.Fatal(err, results)
		}
		u, _ := url.Parse(lighthouseBaseURL(b, filepath.Join(projecttest.RepoRoot(), org)))
		dir, base = filepath.Join(dir, results[0].Slug), u.Path
	} else if _, err := site.Build(site.Options{Root: projecttest.RepoRoot(), Out: filepath.Join(dir, "public"), BaseURL: host + "/"}); err != nil {
		b.Fatal(err)
	} else {
		dir = filepath.Join(dir, "public")
	}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir))))
	if base != "/" { // crawlers read robots.txt at the host's root
		mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, filepath.Join(dir, "robots.txt")) })
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()

	categories := []string{"performance", "accessibility", "best-practices", "seo"}
	for b.Loop() {
		out := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(out, "page\tform factor\tperformance\taccessibility\tbest practices\tSEO\tbelow 100")
		lowest := 100.0
		for _, page := range lighthouseTargets(b, dir) {
			for _, factor := range []string{"mobile", "desktop"} {
				args := []string{cli, host + base + page, "--quiet", "--output=json", "--output-path=stdout",
					"--only-categories=" + strings.Join(categories, ","),
					"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync"}
				if factor == "desktop" {
					args = append(args, "--preset=desktop")
				}
				cmd := exec.Command(node, args...)
				cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
				raw, err := cmd.Output()
				if err != nil {
					b.Fatalf("lighthouse %s %s: %v", page, factor, err)
				}
				var r lighthouseResult
				if err := json.Unmarshal(raw, &r); err != nil {
					b.Fatalf("lighthouse %s %s: %v", page, factor, err)
				}
				row := []string{"/" + page, factor}
				var low []string
				for _, c := range categories {
					cat := r.Categories[c]
					if cat.Score == nil {
						row = append(row, "—")
						continue
					}
					score := *cat.Score * 100
					lowest = min(lowest, score)
					row = append(row, fmt.Sprintf("%.0f", score))
					for _, ref := range cat.AuditRefs {
						if a := r.Audits[ref.ID]; ref.Weight > 0 && a.Score != nil && *a.Score < 1 && !slices.Contains(low, ref.ID) {
							low = append(low, ref.ID)
						}
					}
				}
				fmt.Fprintln(out, strings.Join(append(row, strings.Join(low, " ")), "\t"))
			}
		}
		out.Flush()
		b.ReportMetric(lowest, "lowest-score")
	}
}

// lighthouseTargets are the pages of the built site in dir to measure:
// those of lighthousePages it has, and, for a language whose home page it
// has but none of their guides (a variant may leave out a language's
// default method or be German only), its first method's guide, agenda,
// question list and form.
func lighthouseTargets(b *testing.B, dir string) []string {
	has := func(page string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(page), "index.html"))
		return err == nil
	}
	var pages []string
	for _, p := range lighthousePages {
		if has(p) {
			pages = append(pages, p)
		}
	}
	homes := []string{""}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && len(e.Name()) == 2 && has(e.Name()+"/") {
			homes = append(homes, e.Name()+"/")
		}
	}
	for _, home := range homes {
		if !has(home) || slices.ContainsFunc(pages, func(p string) bool {
			return p != home && strings.HasPrefix(p, home) && strings.Count(p[len(home):], "/") == 2
		}) {
			continue
		}
		agendas, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(home), "*", "*", "agenda", "index.html"))
		if len(agendas) == 0 {
			continue
		}
		slices.Sort(agendas)
		method, _ := filepath.Rel(dir, filepath.Dir(filepath.Dir(agendas[0])))
		method = filepath.ToSlash(method) + "/"
		pages = append(pages, method, method+"agenda/")
		for _, sub := range []string{"vragen", "fragen", "formulier", "formular"} {
			if has(method + sub + "/") {
				pages = append(pages, method+sub+"/")
			}
		}
	}
	if len(pages) == 0 {
		b.Fatalf("no page to measure in %s", dir)
	}
	return pages
}

// lighthouseBaseURL reads an organisation's base_url.
func lighthouseBaseURL(b *testing.B, dir string) string {
	var o struct {
		BaseURL string `toml:"base_url"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "org.toml"), &o); err != nil {
		b.Fatal(err)
	}
	return o.BaseURL
}
