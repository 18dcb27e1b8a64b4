package variants

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// fill gives every field reachable from v a value other than its zero
// value, and fails the test for any field that JSON cannot carry.
func fill(t *testing.T, v reflect.Value, path string, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("text %d <&>", *n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(t, s.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, path+"[key]", n)
			fill(t, e, path+"[value]", n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), path, n)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				t.Errorf("%s.%s is not exported: it would not reach the variants worker", path, f.Name)
				continue
			}
			if f.Tag.Get("json") == "-" {
				t.Errorf("%s.%s is left out of JSON: it would not reach the variants worker", path, f.Name)
				continue
			}
			fill(t, v.Field(i), path+"."+f.Name, n)
		}
	default:
		t.Errorf("%s is a %s, which JSON cannot carry to the variants worker", path, v.Kind())
	}
}

// TestOrgReachesTheWorkerWhole: every field of a validated organisation,
// including any added later, survives the hand-over to a worker.
func TestOrgReachesTheWorkerWhole(t *testing.T) {
	var sent org.Org
	n := 0
	fill(t, reflect.ValueOf(&sent).Elem(), "org.Org", &n)
	b, err := json.Marshal(job{Org: &sent, Out: "/out"})
	if err != nil {
		t.Fatal(err)
	}
	var got job
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got.Org, sent) {
		t.Errorf("the organisation changed on its way to the worker:\nsent %+v\ngot  %+v", sent, *got.Org)
	}
}

// TestSiteReachesTheWorkerWhole: the loaded site, handed to a worker,
// prepares exactly the overlay the loaded site itself prepares.
func TestSiteReachesTheWorkerWhole(t *testing.T) {
	loaded, orgs, err := load(root, []string{filepath.Join(root, "orgs", "grenslanders"), filepath.Join(root, "orgs", "provincie-voorbeeld")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(start{Site: loaded})
	if err != nil {
		t.Fatal(err)
	}
	var got start
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		a, b := overlayFiles(t, loaded, o), overlayFiles(t, got.Site, o)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the worker's overlay differs from the parent's", o.Slug)
		}
		if len(a) < 3 {
			t.Errorf("%s: an overlay of %d files", o.Slug, len(a))
		}
	}
	if !reflect.DeepEqual(site.VerifyFor(loaded, orgs[1]), site.VerifyFor(got.Site, orgs[1])) {
		t.Error("the worker verifies against other options than the parent would")
	}
}

// overlayFiles prepares o's overlay and returns its files by relative
// path (the temporary folder's name taken out).
func overlayFiles(t *testing.T, s *content.Site, o *org.Org) map[string]string {
	t.Helper()
	ov, err := Prepare(s, o)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(ov.Dir)
	files := map[string]string{}
	filepath.WalkDir(ov.Dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(ov.Dir, p)
			files[rel] = strings.ReplaceAll(string(b), ov.Dir, "OVERLAY")
		}
		return err
	})
	return files
}

// TestWorkerValidatesNothingAgain: a worker builds the organisation it is
// given as it is; it does not read its org.toml (here there is none any
// more), nor check the content again.
func TestWorkerValidatesNothingAgain(t *testing.T) {
	parent, out := t.TempDir(), t.TempDir()
	dir := projecttest.NewOrg(t, parent, "acme", fmt.Sprintf(projecttest.MinimalOrg, "Acme"))
	loaded, orgs, err := load(root, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "org.toml"))
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.Encode(start{Site: loaded})
	enc.Encode(job{Org: orgs[0], Out: filepath.Join(out, "acme")})
	var replies, stderr bytes.Buffer
	if code := runWorker(&in, &replies, &stderr); code != 0 {
		t.Fatalf("worker exit %d: %s", code, stderr.String())
	}
	var r reply
	if err := json.Unmarshal(replies.Bytes(), &r); err != nil || r.Err != "" || r.Slug != "acme" || r.Pages < 5 {
		t.Fatalf("reply %+v (%v): %s", r, err, stderr.String())
	}
	if err := publish.Complete(filepath.Join(out, "acme")); err != nil {
		t.Error(err)
	}
}

// TestWorkerWithoutSite: a worker that is not handed a site first says so.
func TestWorkerWithoutSite(t *testing.T) {
	var stderr bytes.Buffer
	if code := runWorker(strings.NewReader(`{"org":{"Slug":"x"},"out":"/tmp/x"}`), io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "no site to build") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
}

// TestWorkerEnvKeepsTheOperatorsTuning: a worker gets the runtime tuned
// for builds, unless the operator's environment says otherwise: a GOGC,
// GOMEMLIMIT or GOMAXPROCS set there reaches the worker unchanged and
// alone (the runtime reads the last of two, so a second would win).
func TestWorkerEnvKeepsTheOperatorsTuning(t *testing.T) {
	count := func(env []string, key string) (n int, last string) {
		for _, kv := range env {
			if k, v, _ := strings.Cut(kv, "="); k == key {
				n, last = n+1, v
			}
		}
		return
	}
	tuned := workerEnv([]string{"PATH=/bin"}, 1)
	for key, want := range map[string]string{"GOGC": "200", "GOMEMLIMIT": workerMemLimit, "GOMAXPROCS": "1", WorkerEnv: "1"} {
		if n, v := count(tuned, key); n != 1 || v != want {
			t.Errorf("tuned: %s set %d times, last %q, want once %q", key, n, v, want)
		}
	}
	own := workerEnv([]string{"GOGC=50", "GOMEMLIMIT=1GiB", "GOMAXPROCS=3"}, 1)
	for key, want := range map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB", "GOMAXPROCS": "3"} {
		if n, v := count(own, key); n != 1 || v != want {
			t.Errorf("operator's: %s set %d times, last %q, want once %q", key, n, v, want)
		}
	}
}
