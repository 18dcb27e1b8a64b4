package variants

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
)

// Hugo v0.165.0 keeps about 2–3 MB per in-process build that no later
// build frees (measured: a one-page site grows the live heap by 1.7 MB per
// build, this site by 3.4 MB). Fifty organisations in one process would
// hold 170 MB more than one. So organisations are built in worker
// processes that each take at most jobsPerWorker organisations and then
// exit: memory stays flat however many there are, process start-up is
// paid once per jobsPerWorker builds, and Hugo runs in parallel across
// processes where in one process it must take turns.

// WorkerEnv, set in a process's environment, makes it a variants worker
// (see RunWorker); the command and the test binaries check it first.
const WorkerEnv = "GESPREKSWIJZER_VARIANTS_WORKER"

const jobsPerWorker = 16

// job is one organisation for a worker; reply is its result.
type job struct {
	Root string `json:"root"`
	Dir  string `json:"dir"`
	File string `json:"file"`
	Out  string `json:"out"`
}

type reply struct {
	Slug   string `json:"slug"`
	Pages  int    `json:"pages"`
	Bytes  int64  `json:"bytes"`
	Micros int64  `json:"micros"`
	Err    string `json:"err,omitempty"`
}

// RunWorker reads jobs from standard input, one JSON object per line,
// builds each and writes one reply per line to file descriptor 3 (not
// standard output, which Hugo may write to), until the input ends. It
// returns the exit status.
func RunWorker() int {
	out := os.NewFile(3, "replies")
	if out == nil {
		fmt.Fprintln(os.Stderr, "variants worker: no reply pipe on fd 3")
		return 2
	}
	return runWorker(os.Stdin, out)
}

func runWorker(in io.Reader, out io.Writer) int {
	enc := json.NewEncoder(out)
	var site *content.Site
	var info org.Site
	scan := bufio.NewScanner(in)
	scan.Buffer(make([]byte, 64<<10), 1<<20)
	for scan.Scan() {
		var j job
		if err := json.Unmarshal(scan.Bytes(), &j); err != nil {
			fmt.Fprintln(os.Stderr, "variants worker:", err)
			return 2
		}
		r := reply{Slug: filepath.Base(j.Out)}
		if site == nil || site.Root != j.Root {
			s, err := content.Load(j.Root)
			if err != nil {
				r.Err = err.Error()
				enc.Encode(r)
				continue
			}
			site, info = s, org.SiteOf(s)
		}
		o, problems := org.Load(j.Dir, j.File, info)
		if len(problems) > 0 {
			r.Err = problems[0].String()
		} else {
			res := buildOne(site, o, j.Out)
			r.Pages, r.Bytes, r.Micros = res.Pages, res.Bytes, res.Duration.Microseconds()
			if res.Err != nil {
				r.Err = res.Err.Error()
			}
		}
		if err := enc.Encode(r); err != nil {
			return 1
		}
	}
	return 0
}

// worker is a running worker process.
type worker struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Scanner
	pipe *os.File // the read end of the replies
	done int      // jobs done
}

func startWorker(exe string) (*worker, error) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
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
	return &worker{cmd: cmd, in: in, out: scan, pipe: out}, nil
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
	return r, err
}

// stop ends the worker and returns its peak memory in KB.
func (w *worker) stop() int64 {
	w.in.Close()
	w.cmd.Wait()
	w.pipe.Close()
	return maxRSS(w.cmd.ProcessState)
}
