package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestMain lets the test binary act as the launcher, as the bench binary does.
func TestMain(m *testing.M) {
	if os.Getenv(launchEnv) != "" {
		launch()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 3}, // the upper of the two middle values
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestRunReportsOutputAndFailure(t *testing.T) {
	p, err := run(context.Background(), "/bin/sh", "-c", "echo hi")
	if err != nil {
		t.Fatal(err)
	}
	if string(p.stdout) != "hi\n" || p.wall <= 0 || p.rssKB <= 0 {
		t.Errorf("run(echo hi) = %q, wall %v, rss %d KB; want its output, a wall time and a peak RSS", p.stdout, p.wall, p.rssKB)
	}
	if _, err := run(context.Background(), "/bin/sh", "-c", "echo broken >&2; exit 3"); err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("run(exit 3) error = %v, want one quoting the program's stderr", err)
	}
	if _, err := run(context.Background(), "/no/such/program"); err == nil {
		t.Error("run of a missing program succeeded")
	}
}

// TestRunPeakRSSIsTheChilds checks the reason the launcher exists: a small program run
// from a large process must not report the large process's RSS as its own peak.
func TestRunPeakRSSIsTheChilds(t *testing.T) {
	big := make([]byte, 128<<20)
	for i := range big {
		big[i] = byte(i)
	}
	p, err := run(context.Background(), "/bin/true")
	if err != nil {
		t.Fatal(err)
	}
	if p.rssKB > 64<<10 {
		t.Errorf("/bin/true measured at %d KB of peak RSS from a process holding 128 MB", p.rssKB)
	}
	if big[len(big)-1] != byte(len(big)-1) {
		t.Fatal("unreachable: keeps big alive")
	}
}

func TestProcCPUReadsThisProcess(t *testing.T) {
	x := 0
	for i := range 50_000_000 { // some CPU time, so the figure cannot be zero
		x += i
	}
	if x == 0 || procCPU(os.Getpid()) <= 0 {
		t.Errorf("procCPU(self) = %v after busy work, want a positive time", procCPU(os.Getpid()))
	}
}
