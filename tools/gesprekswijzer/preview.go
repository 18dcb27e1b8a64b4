package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scratch"
)

// A preview (serve, serve -org) renders into a temporary folder of its
// own, $TMPDIR/gesprekswijzer-preview-…-<pid>-…: never public/ (which
// build owns, and which Hugo's server would write without the marker
// build needs to replace it) and never a folder of another preview, so
// any number run side by side, and build runs beside them. The folder is
// removed when the preview stops; if it is killed, the next preview
// removes it (scratch.Sweep).

// newPreviewFolder sweeps the folders of previews that died and makes
// this one's.
func newPreviewFolder(name string) (string, error) {
	scratch.Sweep(scratch.Preview)
	return scratch.Make(scratch.Preview, name)
}

// portFree says, in one line, why the preview cannot listen on port.
func portFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d is taken (another preview or program listens on it): stop that one, or choose another port, e.g. -port %d", port, port+1)
		}
		return fmt.Errorf("cannot listen on 127.0.0.1:%d (%v): choose another port with -port", port, err)
	}
	return l.Close()
}

// preview runs Hugo's server on port, rendering into dir/site, and says
// "serving …" on stdout only once the server answers. It returns when the
// server stops (Ctrl+C), and removes dir.
func preview(o hugo.Options, dir string, port int, path, what string, stdout io.Writer) error {
	defer removeFolder(dir)
	// Ctrl+C (or SIGTERM) stops Hugo's server, which returns; the
	// folder is then removed above.
	o.Destination = filepath.Join(dir, "site")
	url := fmt.Sprintf("http://127.0.0.1:%d%s", port, path)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		client := &http.Client{Timeout: 2 * time.Second}
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if res, err := client.Get(url); err == nil {
				res.Body.Close()
				fmt.Fprintf(stdout, "serving %s on %s (Ctrl+C stops)\n", what, url)
				return
			}
		}
	}()
	return hugo.Serve(o, port)
}

// removeFolder removes a preview's folder once its server has stopped.
// Hugo's server returns on Ctrl+C while a rebuild it had begun (an edit
// saved a moment before) goes on writing into the folder, creating
// again what was removed; a single RemoveAll then leaves part of the
// site behind. So the folder is removed until it has stayed away for a
// second, within a bound. A quarter of a second was too short on a
// loaded machine: a rebuild paused longer than that between its writes
// and wrote the folder again (TestPreviewsLiveApart, in CI beside a
// build). What a rebuild still writes after that is the next preview's
// to sweep (scratch.Sweep: this process is gone by then). Rendering to
// memory instead (hugo server --renderToMemory) would leave nothing to
// remove. It was tried and taken out because the organisation's preview
// then missed an edit of its configuration now and then; that was Hugo's
// deadlock on its build lock (see hugo.Serve), which came back without
// it, so rendering to memory may be tried again.
func removeFolder(dir string) {
	guard := time.Now().Add(20 * time.Second)
	for away := 0; away < 20 && time.Now().Before(guard); {
		os.RemoveAll(dir)
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			away++
		} else {
			away = 0
		}
		time.Sleep(50 * time.Millisecond)
	}
}
