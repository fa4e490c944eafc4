package batch

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress reports how far a batch has got: a bar redrawn in place on a terminal, or a
// log line every interval otherwise.
type progress struct {
	w        io.Writer
	tty      bool
	interval time.Duration
	start    time.Time
	last     time.Time
}

func newProgress(w io.Writer, interval time.Duration) *progress {
	if w == nil {
		return nil
	}
	now := time.Now()
	p := &progress{w: w, tty: isTerminal(w), interval: interval, start: now, last: now}
	if p.tty {
		p.interval = 200 * time.Millisecond
	}
	return p
}

// isTerminal reports whether w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressCount is the number of files found so far, and whether that is all of them.
type progressCount struct {
	total int
	known bool
}

// update reports s if the interval has passed since the last report, or if force is set.
func (p *progress) update(s *Summary, c progressCount, force bool) {
	if p == nil {
		return
	}
	now := time.Now()
	if !force && now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	total, known := c.total, c.known
	done := s.Files()
	worked := s.Succeeded + s.failed() // documents extracted in this run, not skipped
	elapsed := now.Sub(p.start)
	rate := 0.0
	if elapsed > 0 {
		rate = float64(worked) / elapsed.Seconds()
	}
	eta := "?"
	if known && rate > 0 {
		eta = (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	of := "?"
	if known {
		of = fmt.Sprint(total)
	}
	if !p.tty {
		fmt.Fprintf(p.w, "batch: %d/%s files, %d failed, %.1f docs/s, ETA %s\n", done, of, s.failed(), rate, eta)
		return
	}
	const width = 30
	bar := strings.Repeat(" ", width)
	if known && total > 0 {
		n := done * width / total
		bar = strings.Repeat("=", n) + strings.Repeat(" ", width-n)
	}
	fmt.Fprintf(p.w, "\r[%s] %d/%s  %.1f docs/s  %d failed  ETA %s\x1b[K", bar, done, of, rate, s.failed(), eta)
}

// finish ends the bar's line on a terminal.
func (p *progress) finish() {
	if p != nil && p.tty {
		fmt.Fprintln(p.w)
	}
}
