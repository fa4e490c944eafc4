package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"
)

// proc is what one whole-process run cost.
type proc struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	rssKB  int64         // peak resident set size
	stdout []byte
}

// launchEnv, when set, makes the bench binary a launcher: it runs the program named by
// its arguments and writes that program's cost to the file the variable names. The
// costs of the programs measured are taken through it because on Linux a child's peak
// RSS includes its parent's at the fork (Go forks with CLONE_VM), and the launcher is
// small where the bench process, after extracting 10 MB documents, is not.
const launchEnv = "CNBUDGET_BENCH_RUSAGE"

// launch runs os.Args[1:] with the launcher's standard streams and records its wall
// time, CPU time and peak RSS in the file named by launchEnv.
func launch() {
	if err := pinFromEnv(); err != nil {
		fmt.Fprintln(os.Stderr, "bench launcher:", err)
		os.Exit(1)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var cpu time.Duration
	var rss int64
	if cmd.ProcessState != nil { // nil when the program could not be started
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu, rss = time.Duration(ru.Utime.Nano()+ru.Stime.Nano()), ru.Maxrss
		}
	}
	if werr := os.WriteFile(os.Getenv(launchEnv), fmt.Appendf(nil, "%d %d %d", wall, cpu, rss), 0o644); werr != nil {
		fmt.Fprintln(os.Stderr, "bench launcher:", werr)
		os.Exit(1)
	}
	if err != nil {
		if cmd.ProcessState != nil {
			os.Exit(max(1, cmd.ProcessState.ExitCode()))
		}
		fmt.Fprintln(os.Stderr, "bench launcher:", err)
		os.Exit(1)
	}
}

// run runs a program to its end through the launcher and returns its cost. A
// non-zero exit is an error carrying the program's standard error.
func run(ctx context.Context, name string, args ...string) (proc, error) {
	return runEnv(ctx, nil, name, args...)
}

// runEnv is run with env added to the program's environment (and the launcher's: pinEnv
// there binds both to CPUs).
func runEnv(ctx context.Context, env []string, name string, args ...string) (proc, error) {
	self, err := os.Executable()
	if err != nil {
		return proc{}, err
	}
	f, err := os.CreateTemp("", "cnbudget-bench-rusage-")
	if err != nil {
		return proc{}, err
	}
	f.Close()
	defer os.Remove(f.Name())
	cmd := exec.CommandContext(ctx, self, append([]string{name}, args...)...)
	cmd.Env = append(append(os.Environ(), env...), launchEnv+"="+f.Name())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	p := proc{stdout: out.Bytes()}
	if data, rerr := os.ReadFile(f.Name()); rerr == nil {
		var wall, cpu int64
		fmt.Sscan(string(data), &wall, &cpu, &p.rssKB)
		p.wall, p.cpu = time.Duration(wall), time.Duration(cpu)
	}
	if err != nil {
		return p, fmt.Errorf("%s: %w: %s", filepath.Base(name), err, lastLine(errb.Bytes()))
	}
	return p, nil
}

// runs runs a program n times and returns the median wall time, CPU time and peak
// RSS, and the output of the last run.
func runs(ctx context.Context, n int, name string, args ...string) (proc, error) {
	var walls, cpus, rss []float64
	var last proc
	for range n {
		p, err := run(ctx, name, args...)
		if err != nil {
			return p, err
		}
		walls = append(walls, float64(p.wall))
		cpus = append(cpus, float64(p.cpu))
		rss = append(rss, float64(p.rssKB))
		last = p
	}
	return proc{wall: time.Duration(median(walls)), cpu: time.Duration(median(cpus)), rssKB: int64(median(rss)), stdout: last.stdout}, nil
}

// cost is the median cost of one operation measured in-process.
type cost struct {
	wall, cpu time.Duration
	alloc     float64 // bytes allocated per operation
}

// measure calls op iters times per round for rounds rounds, on one P (GOMAXPROCS=1,
// so the garbage collector's work lands on the same core and is counted), and returns
// the median per-operation wall and CPU time. CPU time is the whole process's user and
// system time, so work on helper threads is counted too.
func measure(rounds, iters int, op func() error) (cost, error) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	for range max(1, iters/10) { // warm caches and the heap
		if err := op(); err != nil {
			return cost{}, err
		}
	}
	runtime.GC()
	var walls, cpus, allocs []float64
	for range rounds {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		w, c := time.Now(), cpuTime()
		for range iters {
			if err := op(); err != nil {
				return cost{}, err
			}
		}
		cpu, wall := cpuTime()-c, time.Since(w)
		runtime.ReadMemStats(&m1)
		walls = append(walls, float64(wall)/float64(iters))
		cpus = append(cpus, float64(cpu)/float64(iters))
		allocs = append(allocs, float64(m1.TotalAlloc-m0.TotalAlloc)/float64(iters))
	}
	return cost{wall: time.Duration(median(walls)), cpu: time.Duration(median(cpus)), alloc: median(allocs)}, nil
}

// cpuTime returns the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// median returns the median of xs (the upper one of an even count), or 0.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// lastLine returns the last non-empty line of b, for error messages.
func lastLine(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	return string(b)
}

// ms formats a duration in milliseconds.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	default:
		return fmt.Sprintf("%.2f ms", v)
	}
}

// mb formats kilobytes as megabytes.
func mb(kb int64) string { return fmt.Sprintf("%.0f MB", float64(kb)/1024) }

// ratio formats a/b as "N.N×".
func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f×", a/b)
}
