package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// TestConfirmWritesAgainWhatHugoMissed: a Hugo that misses one change of
// the preview's config file (as Hugo's server now and then did on a
// loaded machine: the banner of a problem put right stayed) is brought
// to the last version: the preview sees from its page that the page is
// older than the file, and writes the file again. Without confirm the
// page stays at the version before.
func TestConfirmWritesAgainWhatHugoMissed(t *testing.T) {
	f, err := newProblemsFile(filepath.Join(t.TempDir(), "problems.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// The fake Hugo rebuilds when the file's text changes, looking every
	// 10 ms, but misses the first change it sees.
	var mu sync.Mutex
	served, reloads, missed := 0, 0, false
	var seen []byte
	stop := make(chan struct{})
	defer close(stop)
	reload := func() {
		b, err := os.ReadFile(f.path)
		if err != nil || bytes.Equal(b, seen) {
			return
		}
		seen = b
		mu.Lock()
		defer mu.Unlock()
		if served > 0 && !missed {
			missed = true
			return
		}
		var v previewParams
		if _, err := toml.Decode(string(b), &v); err == nil {
			served, reloads = v.Params.Preview.Generation, reloads+1
		}
	}
	reload()
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				reload()
			}
		}
	}()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, `<!doctype html><title>x</title><template data-gesprekswijzer-preview="%d"></template>`, served)
	}))
	defer page.Close()
	go f.confirm(stop, func() string { return page.URL + "/" }, 20*time.Millisecond, 200*time.Millisecond)

	if err := f.show(problem.List{{File: "orgs/x/org.toml", Line: 6, Message: "base_url is not an address"}}, true); err != nil {
		t.Fatal(err)
	}
	guard := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		s, m := served, missed
		mu.Unlock()
		if m && s >= 2 {
			break
		}
		if time.Now().After(guard) {
			t.Fatalf("the page still shows generation %d of the file, which is at %d (the first change missed: %v)", s, f.gen, m)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Confirmed: no more writes while nothing changes.
	f.mu.Lock()
	gen := f.gen
	f.mu.Unlock()
	time.Sleep(600 * time.Millisecond)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.gen != gen {
		t.Errorf("the file was written again (generation %d → %d) after the page had caught up", gen, f.gen)
	}
}

// TestShowWritesOnlyChanges: the same problems again write nothing (Hugo
// would rebuild for nothing); showWith writes a new generation anyway.
func TestShowWritesOnlyChanges(t *testing.T) {
	f, err := newProblemsFile(filepath.Join(t.TempDir(), "problems.toml"))
	if err != nil {
		t.Fatal(err)
	}
	list := problem.List{{File: "a", Line: 1, Message: "m"}}
	for range 2 {
		if err := f.show(list, false); err != nil {
			t.Fatal(err)
		}
	}
	if f.gen != 2 {
		t.Errorf("generation %d after one change, want 2", f.gen)
	}
	if err := f.showWith(list, false); err != nil || f.gen != 3 {
		t.Errorf("showWith: generation %d (%v), want 3", f.gen, err)
	}
}
