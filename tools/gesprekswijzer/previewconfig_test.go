package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// fakeHugo serves a page carrying the generation of the preview config it
// was last told to take, as Hugo's server does once it has reloaded.
type fakeHugo struct {
	mu     sync.Mutex
	served int // 0: the page carries no generation (Hugo's error page)
	*httptest.Server
}

func newFakeHugo(t *testing.T) *fakeHugo {
	h := &fakeHugo{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		fmt.Fprint(w, `<!doctype html><title>x</title>`)
		if h.served > 0 {
			fmt.Fprintf(w, `<template data-gesprekswijzer-preview="%d"></template>`, h.served)
		}
	}))
	t.Cleanup(h.Close)
	return h
}

// take makes the page show what the file holds now.
func (h *fakeHugo) take(t *testing.T, f *previewConfig) int {
	t.Helper()
	gen, _ := fileState(t, f)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.served = gen
	return gen
}

// fileState is the generation the file holds and its text without it.
func fileState(t *testing.T, f *previewConfig) (int, string) {
	t.Helper()
	b, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	var v previewParams
	if _, err := toml.Decode(string(b), &v); err != nil {
		t.Fatalf("the preview config is not TOML: %v\n%s", err, b)
	}
	gen := v.Params.Preview.Generation
	return gen, strings.Replace(string(b), fmt.Sprintf("generation = %d", gen), "", 1)
}

// seen waits until follow has seen the page at generation gen.
func seen(t *testing.T, f *previewConfig, gen int) {
	t.Helper()
	guard := time.Now().Add(30 * time.Second)
	for {
		f.mu.Lock()
		shown := f.shown
		f.mu.Unlock()
		if shown >= gen {
			return
		}
		if time.Now().After(guard) {
			t.Fatalf("follow never saw the page at generation %d (it saw %d)", gen, shown)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// followed is a new preview config that a fake Hugo has taken, followed
// every interval until t ends.
func followed(t *testing.T, every, patience time.Duration) (*previewConfig, *fakeHugo) {
	t.Helper()
	f, err := newPreviewConfig(filepath.Join(t.TempDir(), "preview.toml"))
	if err != nil {
		t.Fatal(err)
	}
	hugo := newFakeHugo(t)
	hugo.take(t, f)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	f.follow(stop, func() string { return hugo.URL + "/" }, every, patience)
	seen(t, f, 1)
	return f, hugo
}

// TestPreviewConfigWaitsForHugo: over generated sequences of edits
// (problems shown, problems put right, a new overlay) and of Hugo taking
// the file, the preview never writes its config while Hugo's page still
// shows an older write of it: Hugo's server deadlocks on a config change
// during a reload (see previewConfig). The file is at most one
// generation ahead of the page. Once Hugo has taken every write and the
// edits stop, the file holds the last edit: nothing is lost by waiting.
func TestPreviewConfigWaitsForHugo(t *testing.T) {
	for seed := range uint64(40) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 7))
			// Patience far beyond the test: no change counts as lost.
			f, hugo := followed(t, time.Millisecond, time.Hour)

			var list problem.List
			var overlay []byte
			for step := range 30 {
				switch rng.IntN(4) {
				case 0:
					list = problem.List{{File: "orgs/x/org.toml", Line: rng.IntN(40) + 1, Message: fmt.Sprintf("problem %d", rng.IntN(5))}}
					if err := f.show(list, true); err != nil {
						t.Fatal(err)
					}
				case 1:
					list = nil
					if err := f.show(nil, false); err != nil {
						t.Fatal(err)
					}
				case 2:
					overlay, list = []byte(fmt.Sprintf("baseURL = \"https://example.org/%d/\"\n\n[params]\n  name = \"Org %d\"\n", step, rng.IntN(3))), nil
					if err := f.showOverlay(overlay); err != nil {
						t.Fatal(err)
					}
				case 3:
					seen(t, f, hugo.take(t, f))
				}
				gen, _ := fileState(t, f)
				hugo.mu.Lock()
				served := hugo.served
				hugo.mu.Unlock()
				if gen > served+1 {
					t.Fatalf("step %d: the file is at generation %d while the page shows %d: written during Hugo's reload", step, gen, served)
				}
			}
			// Hugo takes each write until the file stays as it is.
			for {
				before, _ := fileState(t, f)
				seen(t, f, hugo.take(t, f))
				f.mu.Lock()
				pending := !f.matches()
				f.mu.Unlock()
				after, _ := fileState(t, f)
				if after == before && !pending {
					break
				}
				if after == before {
					time.Sleep(time.Millisecond) // follow's next tick writes it
				}
			}
			_, text := fileState(t, f)
			want := &previewConfig{path: filepath.Join(t.TempDir(), "want.toml")}
			want.overlay, want.list, want.stale = overlay, list, len(list) > 0
			if err := want.writeIfChanged(); err != nil {
				t.Fatal(err)
			}
			if _, wantText := fileState(t, want); text != wantText {
				t.Errorf("the file holds\n%s\nnot the last edit\n%s", text, wantText)
			}
		})
	}
}

// TestFollowWritesAgainALostChange: a page that still shows an older
// generation after patience has missed the change event (a file watcher
// drops events when its queue overflows): the same text is written
// again, once per patience. A page with no generation at all (Hugo's
// error page) is not written to again; a change waiting for it is written
// after patience.
func TestFollowWritesAgainALostChange(t *testing.T) {
	f, hugo := followed(t, 5*time.Millisecond, 100*time.Millisecond)
	list := problem.List{{File: "orgs/x/org.toml", Line: 6, Message: "base_url is not an address"}}
	if err := f.show(list, true); err != nil {
		t.Fatal(err)
	}
	_, text := fileState(t, f)
	waitGen := func(gen int) {
		t.Helper()
		guard := time.Now().Add(30 * time.Second)
		for g, _ := fileState(t, f); g < gen; g, _ = fileState(t, f) {
			if time.Now().After(guard) {
				t.Fatalf("the file stays at generation %d, want %d", g, gen)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitGen(3) // the page missed generation 2
	if _, again := fileState(t, f); again != text {
		t.Errorf("written again with another text:\n%s\nwant\n%s", again, text)
	}

	// Hugo's error page: no generation. Nothing is written again...
	hugo.mu.Lock()
	hugo.served = 0
	hugo.mu.Unlock()
	gen, _ := fileState(t, f)
	f.mu.Lock()
	f.shown = gen // as if the page had shown it, then broke
	f.mu.Unlock()
	if err := f.show(nil, false); err != nil { // written at once
		t.Fatal(err)
	}
	if err := f.show(list, true); err != nil { // waits: the page has not shown the write before
		t.Fatal(err)
	}
	if g, _ := fileState(t, f); g != gen+1 {
		t.Fatalf("generation %d after a write and a waiting change, want %d", g, gen+1)
	}
	// ...but the change waiting is written after patience.
	waitGen(gen + 2)
	if _, now := fileState(t, f); now != text {
		t.Errorf("the change waiting was not written:\n%s", now)
	}
}

// TestShowWritesOnlyChanges: the same problems again write nothing (Hugo
// would rebuild for nothing); a new overlay does.
func TestShowWritesOnlyChanges(t *testing.T) {
	f, err := newPreviewConfig(filepath.Join(t.TempDir(), "preview.toml"))
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
	if err := f.showOverlay([]byte("[params]\n  name = \"x\"\n")); err != nil || f.gen != 3 {
		t.Errorf("showOverlay: generation %d (%v), want 3", f.gen, err)
	}
}
