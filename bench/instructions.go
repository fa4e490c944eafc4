package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/extract"
)

// extractEnv, when set to a count, makes the bench binary extract the seed (the file its
// first argument names) that many times and exit: the in-process side of the
// instruction count, run under callgrind.
const extractEnv = "CNBUDGET_BENCH_EXTRACT"

// extractLoop is the bench binary in extractEnv's mode.
func extractLoop() {
	n, err := strconv.Atoi(os.Getenv(extractEnv))
	if err == nil && len(os.Args) < 2 {
		err = errors.New("no seed file given")
	}
	var data []byte
	if err == nil {
		data, err = os.ReadFile(os.Args[1])
	}
	var x *extract.Extractor
	if err == nil {
		x, err = extract.New(extract.Options{})
	}
	for i := 0; err == nil && i < n; i++ {
		_, err = x.Extract(context.Background(), extract.Document{Name: "seed.txt", Content: data})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench extract:", err)
		os.Exit(1)
	}
}

// Calls counted under callgrind: the difference between the two runs is the cost of
// the calls alone, without start-up and loading.
const (
	fewCalls  = 100
	manyCalls = 300
)

// instructions counts, with valgrind's callgrind, the instructions the server spends on
// one call and those one in-process extraction takes, and compares them. A count of
// instructions does not move with the machine's load, so it shows how much work the
// server adds to the extraction whatever the wall-clock figures do; it does not see
// cache misses or time lost to other processes, which the req/s figures do.
func (b *bench) instructions() error {
	valgrind, ok := lookTool("valgrind")
	ghz, ok2 := lookTool("ghz")
	if !ok || !ok2 {
		b.rows = append(b.rows, row{"server: instructions per call", "", "", "valgrind or ghz not installed (apt-get install valgrind)", "-", "skipped"})
		return nil
	}
	req, err := b.requestFile()
	if err != nil {
		return err
	}
	server := func(n int) (int64, error) { return b.serverInstructions(valgrind, ghz, req, n) }
	self, err := os.Executable()
	if err != nil {
		return err
	}
	inProcess := func(n int) (int64, error) {
		out := filepath.Join(b.tmp, fmt.Sprintf("callgrind.extract.%d", n))
		cmd := exec.CommandContext(b.ctx, valgrind, "--tool=callgrind", "--callgrind-out-file="+out, self, b.seed)
		cmd.Env = append(os.Environ(), extractEnv+"="+strconv.Itoa(n), "GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1")
		if msg, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("callgrind of %d extractions: %w: %s", n, err, lastLine(msg))
		}
		return callgrindTotal(out)
	}
	perCall := func(count func(int) (int64, error)) (float64, error) {
		few, err := count(fewCalls)
		if err != nil {
			return 0, err
		}
		many, err := count(manyCalls)
		if err != nil {
			return 0, err
		}
		return float64(many-few) / (manyCalls - fewCalls), nil
	}
	ip, err := perCall(inProcess)
	if err != nil {
		return err
	}
	sp, err := perCall(server)
	if err != nil {
		return err
	}
	b.rows = append(b.rows, row{"server: instructions per call (callgrind), in-process over server", "(the work the server adds, free of the machine's noise)",
		fmt.Sprintf("%.2f M", sp/1e6), fmt.Sprintf("%.2f M in-process", ip/1e6), fmt.Sprintf("%.0f%%", 100*ip/sp), ""})
	b.notes = append(b.notes, fmt.Sprintf("instructions: valgrind's callgrind, GOMAXPROCS=1, the calls of a run of %d less those of a run of %d, so start-up and loading cancel out; "+
		"the server's count covers everything its process does for a call (gRPC, protobuf, the log line, garbage collection).", manyCalls, fewCalls))
	return nil
}

// serverInstructions runs `cnbudget serve` under callgrind, sends it n calls of the seed
// with ghz, and returns the instructions the process executed until then.
func (b *bench) serverInstructions(valgrind, ghz, reqPath string, n int) (int64, error) {
	out := filepath.Join(b.tmp, fmt.Sprintf("callgrind.serve.%d", n))
	wrap := []string{valgrind, "--tool=callgrind", "--callgrind-out-file=" + out}
	// Go's preemption signals upset valgrind's signal handling: turned off for the count.
	env := []string{"GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1"}
	err := b.withServer(wrap, env, func(addr string, pid int) error {
		call := []string{"--insecure", "--call", "cnbudget.v1.ExtractorService.Extract", "-D", reqPath,
			"-c", strconv.Itoa(serverConcurrency), "--timeout", "0", "-n", strconv.Itoa(n), addr}
		if _, err := run(b.ctx, ghz, call...); err != nil {
			return err
		}
		// A dump now, while serving: valgrind does not always live through the process's
		// shutdown under Go's runtime, and the final file may stay empty.
		if msg, err := exec.CommandContext(b.ctx, "callgrind_control", "--dump", strconv.Itoa(pid)).CombinedOutput(); err != nil {
			return fmt.Errorf("callgrind_control: %w: %s", err, lastLine(msg))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return callgrindTotal(out + ".1")
}

// callgrindTotal reads the instruction total of a callgrind output file.
func callgrindTotal(path string) (int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "totals:"); ok {
			return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		} else if v, ok := strings.CutPrefix(line, "summary:"); ok {
			return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	return 0, fmt.Errorf("%s: no instruction total", path)
}
