package variants

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// clock is a fake time that moves on by step every time it is read.
func clock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(step); return t }
}

// TestProgressOnATerminal: one line, redrawn in place, with done/total,
// what became of them, the rate and the time left; a failure gets a line
// of its own that stays; the line is ended before the summary.
func TestProgressOnATerminal(t *testing.T) {
	var out bytes.Buffer
	p := newProgress(&out, true, 4, clock(time.Second))
	p.add(Result{Slug: "a", Pages: 20})
	p.add(Result{Slug: "b", Unchanged: true})
	p.add(Result{Slug: "c", Err: errors.New("kapot")})
	p.add(Result{Slug: "d", Pages: 90})
	p.finish()
	s := out.String()
	draws := strings.Split(s, "\r\x1b[K")
	if len(draws) < 4 {
		t.Fatalf("the line was drawn %d times, want one per organisation:\n%q", len(draws)-1, s)
	}
	for _, want := range []string{
		"1/4 organisations: 1 built, 0 unchanged · 1.0/s · about 3 s left",
		"FAIL c",
		"3/4 organisations: 1 built, 1 unchanged, 1 failed",
		"4/4 organisations: 2 built, 1 unchanged, 1 failed",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("progress lacks %q:\n%q", want, s)
		}
	}
	if strings.Count(s, "\n") != 2 || !strings.HasSuffix(s, "\n") {
		t.Errorf("want exactly the failure and the finished line to end in a newline:\n%q", s)
	}
	if strings.Contains(s, "ok   a") {
		t.Errorf("a terminal got a line per organisation:\n%q", s)
	}
}

// TestProgressRedrawsAtMostTenTimesASecond: a run of a thousand unchanged
// organisations does not write a thousand lines to the terminal.
func TestProgressRedrawsAtMostTenTimesASecond(t *testing.T) {
	var out bytes.Buffer
	p := newProgress(&out, true, 1000, clock(time.Millisecond))
	for range 1000 {
		p.add(Result{Slug: "x", Unchanged: true})
	}
	if n := strings.Count(out.String(), "\r"); n > 12 || !strings.Contains(out.String(), "1000/1000") {
		t.Errorf("%d redraws in one second, the last %q", n, out.String()[strings.LastIndex(out.String(), "\r"):])
	}
}

// TestProgressElsewhere: not on a terminal (a CI log), a line per
// organisation as it finishes, and nothing else.
func TestProgressElsewhere(t *testing.T) {
	var out bytes.Buffer
	p := newProgress(&out, false, 3, clock(time.Second))
	p.add(Result{Slug: "a", Pages: 20, Bytes: 2048, Duration: 70 * time.Millisecond})
	p.add(Result{Slug: "b", Pages: 90, Bytes: 10240, Unchanged: true})
	p.add(Result{Slug: "c", Removed: true})
	p.finish()
	want := "ok   a                             20 pages      2 KB      70 ms\n" +
		"same b                             90 pages     10 KB  unchanged\n" +
		"gone c                            output removed: no organisation has this slug any more\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestSummary(t *testing.T) {
	s := Summary([]Result{{Slug: "a", Pages: 20, Bytes: 2048}, {Slug: "b", Unchanged: true, Pages: 90}, {Slug: "c", Err: errors.New("x")}, {Slug: "d", Removed: true}}, 1500*time.Millisecond)
	if want := "1 organisation(s) built, 1 unchanged, 1 failed, 1 output(s) removed: 20 pages, 2 KB built in 1.5 s"; s != want {
		t.Errorf("Summary = %q, want %q", s, want)
	}
}
