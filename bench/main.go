// Command bench measures cnbudget against the baselines of issue 6 in one run and
// prints a Markdown table of the figures, the ratios and whether each target is met:
//
//	go run ./bench            # from the repository root; about three minutes
//	go run ./bench -rounds 5  # quicker, noisier
//
// It builds cnbudget and the gse baseline (bench/gsefull), then measures, each as a
// median of repeated runs on this machine:
//
//   - cold start: `cnbudget extract --format flat` on the seed as a whole process,
//     against a process loading gse's full dictionary and cutting the seed;
//   - throughput: the whole extraction of the seed in-process on one core, against
//     jieba's cut of the same text (bench/jieba_cut.py, Debian's python3-jieba);
//   - scaling: CPU per byte from 1 KB to the seed repeated 1,000 times (10 MB), peak
//     RSS per document size, and peak RSS of a batch of 50 and of 500 documents;
//   - hostile: CPU per byte of each hostile shape (internal/hostile) from 10 KB to
//     10 MB, and worst: wall time and peak RSS of `extract` on each at 32 MiB;
//   - PDF: reading the seed's PDFs in-process, against pdftotext as a whole process;
//   - server: `cnbudget serve` on loopback under ghz at concurrency 16, against the
//     single-core in-process throughput times the number of cores.
//
// A baseline that is not installed (jieba, pdftotext, ghz) is reported as skipped. The
// work done is fixed by the flags: the same runs every time, only the timings vary.
// It is a program, not a test, so `go test ./...` never runs it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// row is one line of the results table.
type row struct {
	what, target, ours, base, ratio, met string
}

// bench holds what every comparison needs.
type bench struct {
	ctx     context.Context
	root    string // the repository root
	tmp     string // scratch folder, removed at the end
	bin     string // the cnbudget binary built for this run
	seed    string // path of the seed document
	seedB   []byte
	rounds  int
	rows    []row
	notes   []string
	perCore time.Duration // CPU time of one in-process extraction of the seed
}

func main() {
	if os.Getenv(launchEnv) != "" {
		launch()
		return
	}
	if os.Getenv(pinEnv) != "" {
		execPinned()
		return
	}
	if os.Getenv(extractEnv) != "" {
		extractLoop()
		return
	}
	rounds := flag.Int("rounds", 11, "repetitions each median is taken over")
	out := flag.String("o", "", "also write the table to this `file`")
	skip := flag.String("skip", "", "comma-separated comparisons to leave out: cold,throughput,scaling,hostile,worst,pdf,server,instructions")
	flag.Parse()
	if err := realMain(*rounds, *out, *skip); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func realMain(rounds int, out, skip string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "cnbudget-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	b := &bench{ctx: context.Background(), root: root, tmp: tmp, rounds: max(3, rounds),
		seed: filepath.Join(root, "testdata", "seed", "000_01eaaa56c59ac9d2.txt")}
	if b.seedB, err = os.ReadFile(b.seed); err != nil {
		return err
	}
	logf("building cnbudget")
	b.bin = filepath.Join(tmp, "cnbudget")
	if err := b.goBuild(b.bin, "./cmd/cnbudget"); err != nil {
		return err
	}
	load0 := loadAvg()
	start := time.Now()
	steps := []struct {
		name string
		run  func() error
	}{
		{"cold", b.coldStart},
		{"throughput", b.throughput},
		{"scaling", b.scaling},
		{"hostile", b.hostile},
		{"worst", b.worst},
		{"pdf", b.pdf},
		{"server", b.server},
		{"instructions", b.instructions},
	}
	for _, s := range steps {
		if strings.Contains(","+skip+",", ","+s.name+",") {
			continue
		}
		logf("measuring %s", s.name)
		if err := s.run(); err != nil {
			b.rows = append(b.rows, row{what: s.name, ours: "error: " + err.Error()})
		}
	}
	var w io.Writer = os.Stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = io.MultiWriter(os.Stdout, f)
	}
	b.print(w, load0, time.Since(start))
	return nil
}

// print writes the machine, the table and the notes as Markdown.
func (b *bench) print(w io.Writer, load0 string, took time.Duration) {
	fmt.Fprintf(w, "Machine: %s; %d cores (GOMAXPROCS %d); %s; %s; load average %s at the start, %s at the end; %d rounds per median; took %s.\n\n",
		cpuModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), kernel(), runtime.Version(), load0, loadAvg(), b.rounds, took.Round(time.Second))
	fmt.Fprintln(w, "| comparison | target | cnbudget | baseline | ratio | met |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range b.rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.what, r.target, r.ours, r.base, r.ratio, r.met)
	}
	if len(b.notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range b.notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
	}
}

// goBuild builds the package pkg of the repository into out.
func (b *bench) goBuild(out, pkg string) error {
	cmd := exec.CommandContext(b.ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = b.root
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w: %s", pkg, err, msg)
	}
	return nil
}

// writeTemp writes data to a file in the scratch folder and returns its path.
func (b *bench) writeTemp(name string, data []byte) (string, error) {
	p := filepath.Join(b.tmp, name)
	return p, os.WriteFile(p, data, 0o644)
}

// met says whether a target holds.
func met(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run bench inside the cnbudget repository (no go.mod found above the working directory)")
		}
		dir = parent
	}
}

// lookTool finds a baseline program on PATH or in Go's bin folder.
func lookTool(name string) (string, bool) {
	if p, err := exec.LookPath(name); err == nil {
		return p, true
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "bin", name)
		if _, err := os.Stat(p); err == nil {
			return p, true
		}
	}
	return "", false
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.Lines(string(data)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func kernel() string {
	data, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return runtime.GOOS
	}
	return "Linux " + strings.TrimSpace(string(data))
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return f[0]
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}
