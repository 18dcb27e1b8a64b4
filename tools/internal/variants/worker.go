package variants

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
)

// Organisations are built in worker processes, one per core: Hugo runs
// in parallel across processes, where in one process its builds take
// turns (it keeps global state), and a worker's memory is its own. Built
// through hugo.Render, Hugo keeps little from one build to the next
// (measured: a live heap of 10–25 MB after each of 50 builds; through
// Hugo's command package it kept 2–3 MB more per build, which no later
// build freed), and a worker's resident memory levels off at 130–170 MiB
// with the collector tuned as below. Should it grow all the same, the
// worker is retired once it passes recycleRSS, so that memory stays
// bounded however many organisations there are; process start-up (about
// 50 ms, and the site handed over again) is then paid once per many
// builds.

// WorkerEnv, set in a process's environment, makes it a variants worker
// (see RunWorker); the command and the test binaries check it first.
const WorkerEnv = "GESPREKSWIJZER_VARIANTS_WORKER"

const (
	// recycleRSS: a worker whose resident memory has reached this after a
	// build is retired before the next. With workerMemLimit just above,
	// a worker stays under 250 MiB (measured: 170–220 MiB at its peak).
	recycleRSS     = 190 << 20
	workerMemLimit = "200MiB"
	// maxJobs bounds a worker's builds whatever its memory says, and
	// blindJobs where the system does not tell it (residentBytes is 0).
	maxJobs   = 200
	blindJobs = 16
)

// The parent talks to a worker in JSON values on the worker's standard
// input: first the loaded site (a start), then one job per organisation.
// The site was checked and each organisation validated in the parent; the
// worker builds exactly what it is given and reads neither again. The
// hand-over carries every exported field of content.Site and org.Org, so a
// field added to either travels without a change here (a test holds this).

// workerEnv is a worker's environment: the parent's, with WorkerEnv set,
// and, unless the parent's sets them, the Go runtime tuned for a process
// that shares the machine with as many others as there are workers:
//
//   - GOMAXPROCS: the worker's share of the cores. Each worker already
//     has a core of its own; more threads per worker only make the
//     workers' threads take turns (and spin waiting for work), which
//     costs CPU time and buys nothing.
//   - GOGC=200 and GOMEMLIMIT=200MiB: collect garbage half as often,
//     but more often again as the heap nears the limit. A build allocates
//     far more than it keeps, and the collector took a sixth of a
//     worker's time at the default; what Hugo keeps from build to build
//     is bounded by retiring the worker (recycleRSS). Measured at 200
//     organisations on 2 cores (whole runs, medians of 4 pairs): GOGC=100
//     is 13 % slower than 200; 400 is 8 % slower than 200 and peaks
//     30 MiB higher, its heap pressing on the limit (the kernel time of
//     a run doubles, the runtime returning memory and faulting it in
//     again); 300 is 4 % faster than 200 in the median (one pair of
//     four slower) but peaks 40 MiB higher, as near the limit as 400.
func workerEnv(env []string, procs int) []string {
	set := func(key string) bool {
		return slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, key+"=") })
	}
	env = append(slices.Clip(env), WorkerEnv+"=1")
	if !set("GOMAXPROCS") {
		env = append(env, fmt.Sprintf("GOMAXPROCS=%d", max(1, procs)))
	}
	if !set("GOGC") {
		env = append(env, "GOGC=200")
	}
	if !set("GOMEMLIMIT") {
		env = append(env, "GOMEMLIMIT="+workerMemLimit)
	}
	return env
}

// start is the first value a worker reads.
type start struct {
	Site *content.Site `json:"site"`
}

// job is one organisation for a worker; reply is its result.
type job struct {
	Org    *org.Org `json:"org"`
	Out    string   `json:"out"`
	Inputs string   `json:"inputs"` // the digest of its inputs (inputs.go)
	Force  bool     `json:"force"`
	// ForceOwner: the organisation may take over an output built for
	// another organisation folder with the same slug.
	ForceOwner bool `json:"forceOwner,omitempty"`
}

type reply struct {
	Slug      string `json:"slug"`
	Pages     int    `json:"pages"`
	Bytes     int64  `json:"bytes"`
	Micros    int64  `json:"micros"`
	Unchanged bool   `json:"unchanged,omitempty"`
	Err       string `json:"err,omitempty"`
	RSS       int64  `json:"rss"` // the worker's resident memory after the job, bytes
}

// RunWorker reads the site and then jobs from standard input, builds each
// and writes one reply per line to file descriptor 3 (not standard
// output, which Hugo may write to), until the input ends. It returns the
// exit status.
func RunWorker() int {
	out := os.NewFile(3, "replies")
	if out == nil {
		fmt.Fprintln(os.Stderr, "variants worker: no reply pipe on fd 3")
		return 2
	}
	return runWorker(os.Stdin, out, os.Stderr)
}

func runWorker(in io.Reader, out, stderr io.Writer) int {
	dec := json.NewDecoder(in)
	enc := json.NewEncoder(out)
	var st start
	if err := dec.Decode(&st); err != nil || st.Site == nil {
		fmt.Fprintln(stderr, "variants worker: no site to build:", err)
		return 2
	}
	for {
		var j job
		err := dec.Decode(&j)
		if err == io.EOF {
			return 0
		}
		if err != nil || j.Org == nil {
			fmt.Fprintln(stderr, "variants worker:", err)
			return 2
		}
		res := buildOne(st.Site, j, stderr)
		r := reply{Slug: res.Slug, Pages: res.Pages, Bytes: res.Bytes, Micros: res.Duration.Microseconds(), Unchanged: res.Unchanged, RSS: residentBytes()}
		if res.Err != nil {
			r.Err = res.Err.Error()
		}
		if err := enc.Encode(r); err != nil {
			return 1
		}
	}
}

// worker is a running worker process.
type worker struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Scanner
	pipe *os.File // the read end of the replies
	done int      // jobs done
	rss  int64    // resident memory after the last job, bytes
}

// spent reports whether the worker should be retired before its next job.
func (w *worker) spent() bool {
	return w.done >= maxJobs || w.rss >= recycleRSS || w.rss == 0 && w.done >= blindJobs
}

// startWorker starts a worker process and hands it the loaded site.
func startWorker(exe string, stderr io.Writer, s *content.Site, procs int) (*worker, error) {
	cmd := exec.Command(exe)
	cmd.Env = workerEnv(os.Environ(), procs)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	cmd.SysProcAttr = dieWithParent()
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, replies, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.ExtraFiles = []*os.File{replies} // fd 3 in the worker
	err = cmd.Start()
	replies.Close() // the worker holds its own copy
	if err != nil {
		out.Close()
		return nil, fmt.Errorf("start variants worker %s: %w", exe, err)
	}
	scan := bufio.NewScanner(out)
	scan.Buffer(make([]byte, 64<<10), 4<<20)
	w := &worker{cmd: cmd, in: in, out: scan, pipe: out}
	if err := json.NewEncoder(in).Encode(start{Site: s}); err != nil {
		w.stop()
		return nil, fmt.Errorf("hand the site to variants worker: %w", err)
	}
	return w, nil
}

// do sends one job and waits for its reply.
func (w *worker) do(j job) (reply, error) {
	b, _ := json.Marshal(j)
	if _, err := w.in.Write(append(b, '\n')); err != nil {
		return reply{}, err
	}
	if !w.out.Scan() {
		return reply{}, errors.Join(errors.New("variants worker stopped"), w.out.Err())
	}
	var r reply
	err := json.Unmarshal(w.out.Bytes(), &r)
	w.done++
	w.rss = r.RSS
	return r, err
}

// stop ends the worker and returns its peak memory in KB.
func (w *worker) stop() int64 {
	w.in.Close()
	w.cmd.Wait()
	w.pipe.Close()
	return maxRSS(w.cmd.ProcessState)
}
