package variants

import (
	"fmt"
	"io"
	"time"
)

// progress tells how a run goes. On a terminal it keeps one line up to
// date (done of total, rate, time left), and writes a failure on a line
// of its own so it stays on the screen; elsewhere (a CI log, a file) it
// writes one line per organisation as it finishes.
type progress struct {
	w        io.Writer
	terminal bool
	total    int
	now      func() time.Time
	start    time.Time
	last     time.Time // when the terminal line was last drawn
	done     int
	built    int
	same     int
	failed   int
	shown    bool // a progress line is on the screen
}

// redraw is how often the terminal line may change: a run of unchanged
// organisations finishes thousands a second.
const redraw = 100 * time.Millisecond

func newProgress(w io.Writer, terminal bool, total int, now func() time.Time) *progress {
	if now == nil {
		now = time.Now
	}
	return &progress{w: w, terminal: terminal, total: total, now: now, start: now()}
}

// add reports one organisation's result.
func (p *progress) add(r Result) {
	if p == nil || p.w == nil {
		return
	}
	p.done++
	switch {
	case r.Err != nil:
		p.failed++
	case r.Unchanged:
		p.same++
	default:
		p.built++
	}
	if !p.terminal {
		fmt.Fprintln(p.w, r)
		return
	}
	if r.Err != nil {
		p.clear()
		fmt.Fprintln(p.w, r)
	}
	if now := p.now(); r.Err != nil || p.done == p.total || now.Sub(p.last) >= redraw {
		p.last = now
		p.draw(now)
	}
}

// draw writes the progress line over the previous one.
func (p *progress) draw(now time.Time) {
	line := fmt.Sprintf("%d/%d organisations: %d built, %d unchanged", p.done, p.total, p.built, p.same)
	if p.failed > 0 {
		line += fmt.Sprintf(", %d failed", p.failed)
	}
	if elapsed := now.Sub(p.start); elapsed > 0 && p.done > 0 {
		rate := float64(p.done) / elapsed.Seconds()
		line += fmt.Sprintf(" · %.1f/s", rate)
		if left := p.total - p.done; left > 0 {
			line += " · about " + roundDuration(time.Duration(float64(left)/rate*float64(time.Second))) + " left"
		}
	}
	fmt.Fprint(p.w, "\r\x1b[K"+line)
	p.shown = true
}

// clear takes the progress line off the screen.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// finish ends the progress line, so the summary starts on a line of its
// own.
func (p *progress) finish() {
	if p != nil && p.w != nil && p.terminal && p.shown {
		fmt.Fprintln(p.w)
		p.shown = false
	}
}

// roundDuration writes a time left as people say it.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	}
	return fmt.Sprintf("%.1f h", d.Hours())
}
