package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// BenchmarkRestore3000 restores a backup of 3,000 drafts onto a device
// that holds 3,000 (half of the backup's ids are taken there, so those
// come back as copies) in "My conversations" in Chromium, and reports
// the script time of one restore (Chromium's ScriptDuration) and its wall
// time from choosing the file to the message. docs/record.md, section 6:
// a restore reads the drafts here once.
func BenchmarkRestore3000(b *testing.B) {
	ctx := Browser(b)
	base := Serve(b, built)
	const n = 3000
	here := make([]map[string]any, n)
	backup := make([]map[string]any, n)
	for i := range n {
		here[i] = map[string]any{"id": fmt.Sprintf("h%d", i), "name": fmt.Sprintf("Hier %d", i), "created": i, "method": "planningsgesprek", "version": 1,
			"values": map[string]any{"meta.department": fmt.Sprintf("Afdeling %d", i), "competenties": "Plannen"}}
		id := fmt.Sprintf("n%d", i)
		if i%2 == 1 {
			id = fmt.Sprintf("h%d", i)
		}
		backup[i] = map[string]any{"app": "gesprekswijzer", "method": "planningsgesprek", "version": 1, "id": id, "name": fmt.Sprintf("Terug %d", i),
			"created": i, "values": map[string]any{"meta.department": fmt.Sprintf("Elders %d", i)}}
	}
	seed, _ := json.Marshal(here)
	doc, _ := json.Marshal(map[string]any{"app": "gesprekswijzer", "kind": "backup", "drafts": backup})
	file := filepath.Join(b.TempDir(), "backup-3000.json")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		b.Fatal(err)
	}
	run := func(actions ...chromedp.Action) {
		if err := chromedp.Run(ctx, actions...); err != nil {
			b.Fatal(err)
		}
	}
	scriptTime := func() float64 {
		var t float64
		run(chromedp.ActionFunc(func(ctx context.Context) error {
			metrics, err := performance.GetMetrics().Do(ctx)
			for _, m := range metrics {
				if m.Name == "ScriptDuration" {
					t = m.Value
				}
			}
			return err
		}))
		return t
	}
	run(performance.Enable(), chromedp.Navigate(base+"/mijn-gesprekken/"))
	var script, restored float64
	for b.Loop() {
		b.StopTimer()
		run(chromedp.Evaluate(fmt.Sprintf(`localStorage.clear(); for (const r of %s) localStorage.setItem("gesprekswijzer:/:planningsgesprek:" + r.id, JSON.stringify(r)); true`, seed), nil),
			chromedp.Reload(), chromedp.WaitVisible("#conversations"))
		before := scriptTime()
		b.StartTimer()
		run(chromedp.SetUploadFiles(`[data-file=restore]`, []string{file}, chromedp.ByQuery),
			chromedp.Poll(`(document.querySelector("#form-status")?.textContent ?? "").includes("backup-3000.json")`, nil))
		b.StopTimer()
		script += scriptTime() - before
		var count int
		run(chromedp.Evaluate(`Object.keys(localStorage).filter(k => /:planningsgesprek:[a-z0-9]+$/.test(k)).length`, &count))
		if count != 2*n {
			b.Fatalf("after the restore %d drafts are stored, want %d", count, 2*n)
		}
		restored++
		b.StartTimer()
	}
	b.ReportMetric(script/restored*1000, "script-ms/restore")
}
