package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/batch"
	"github.com/cnbudget/cnbudget/batch/remote"
	"github.com/cnbudget/cnbudget/batch/sink"
	"github.com/cnbudget/cnbudget/client"
	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// Exit statuses of cnbudget batch, documented in batch/README.md.
const (
	batchOK          = 0   // every document is in the output
	batchError       = 1   // the batch itself failed: output not writable, server not reachable, ...
	batchUsage       = 2   // bad flags or arguments
	batchSomeFailed  = 3   // finished, but some documents failed: see OUT.errors.jsonl
	batchInterrupted = 130 // interrupted; the output is valid, and running again resumes
)

// batchConfig is the configuration of the batch command.
type batchConfig struct {
	out, format, server, token string
	workers                    int
	timeout, logInterval       time.Duration
	maxBytes                   int64
	paths                      []string
}

func parseBatchFlags(args []string, stderr io.Writer) (batchConfig, error) {
	var c batchConfig
	fs := flag.NewFlagSet("cnbudget batch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cnbudget batch -o OUT [flags] PATH...")
		fmt.Fprintln(stderr, "\nExtracts every document under the PATHs (files, folders, glob patterns) into OUT,")
		fmt.Fprintln(stderr, "resumably; failures go to OUT.errors.jsonl. Exit status: 0 all succeeded, 1 error,")
		fmt.Fprintln(stderr, "2 usage, 3 some documents failed, 130 interrupted (run again to resume).")
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.out, "o", "", "output `file`: .jsonl, .csv, .parquet or .sqlite (same as --out)")
	fs.StringVar(&c.out, "out", "", "output `file`: .jsonl, .csv, .parquet or .sqlite")
	fs.StringVar(&c.format, "format", "", "output format when OUT's extension does not say: jsonl, csv, parquet, sqlite")
	fs.IntVar(&c.workers, "workers", 0, "documents extracted at once (default: the number of CPUs; with --server, 16)")
	fs.StringVar(&c.server, "server", "", "extract on cnbudget serve replicas at `target`: dns:///host:port or host:port,host:port")
	fs.StringVar(&c.token, "token", "", "bearer token for --server (default: $CNBUDGET_AUTH_TOKEN)")
	fs.DurationVar(&c.timeout, "timeout", batch.DefaultTimeout, "limit on the time one document may take")
	fs.Int64Var(&c.maxBytes, "max-bytes", extract.DefaultMaxBytes, "files larger than this many `bytes` fail as TOO_LARGE")
	fs.DurationVar(&c.logInterval, "log-interval", batch.DefaultLogInterval, "time between progress lines when stderr is not a terminal")
	// Flags may come after the paths too: cnbudget batch data/ -o out.csv.
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return c, err
		}
		args = fs.Args()
		for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			c.paths = append(c.paths, args[0])
			args = args[1:]
		}
		if len(args) > 0 && args[0] == "--" {
			c.paths = append(c.paths, args[1:]...)
			break
		}
	}
	switch {
	case c.out == "":
		return c, errors.New("no output: give -o FILE")
	case len(c.paths) == 0:
		return c, errors.New("no input: give one or more files, folders or glob patterns")
	case c.workers < 0:
		return c, errors.New("--workers must be positive")
	case c.maxBytes <= 0:
		return c, errors.New("--max-bytes must be positive")
	}
	if c.token == "" {
		c.token = os.Getenv("CNBUDGET_AUTH_TOKEN")
	}
	return c, nil
}

// runBatch runs cnbudget batch; ctx is cancelled on SIGINT or SIGTERM, upon which the
// documents in flight are stopped (the next run does them) and the output closed.
func runBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, err := parseBatchFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return batchOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "cnbudget batch:", err)
		return batchUsage
	}
	opts := batch.Options{
		Out:         c.out,
		Workers:     c.workers,
		Timeout:     c.timeout,
		MaxBytes:    c.maxBytes,
		Progress:    stderr,
		LogInterval: c.logInterval,
	}
	if c.format != "" {
		if opts.Format, err = sink.ParseFormat(c.format); err != nil {
			fmt.Fprintln(stderr, "cnbudget batch:", err)
			return batchUsage
		}
	} else if _, err := sink.FormatOf(c.out); err != nil {
		fmt.Fprintln(stderr, "cnbudget batch:", err)
		return batchUsage
	}
	if c.server != "" {
		var copts []client.Option
		if c.token != "" {
			copts = append(copts, client.WithToken(c.token))
		}
		cl, err := client.Dial(c.server, copts...)
		if err != nil {
			fmt.Fprintln(stderr, "cnbudget batch:", err)
			return batchError
		}
		defer cl.Close()
		if err := checkServer(ctx, cl); err != nil {
			fmt.Fprintf(stderr, "cnbudget batch: --server %s: %v\n", c.server, err)
			return batchError
		}
		rx := remote.New(cl, remote.Options{})
		defer rx.Close()
		opts.Extractor = rx
		if opts.Workers == 0 {
			opts.Workers = 16
		}
	} else {
		x, err := extract.New(extract.Options{MaxBytes: c.maxBytes})
		if err != nil {
			fmt.Fprintln(stderr, "cnbudget batch: loading the extractor:", err)
			return batchError
		}
		opts.Extractor = x
		if opts.Workers == 0 {
			opts.Workers = runtime.NumCPU()
		}
	}
	// Progress and the interrupt notice both write to stderr, from two goroutines: an
	// *os.File takes that (and stays one, so the progress bar still sees a terminal);
	// any other writer is locked.
	if _, ok := stderr.(*os.File); !ok {
		stderr = &lockedWriter{w: stderr}
		opts.Progress = stderr
	}
	// On the first SIGINT the batch stops the documents in flight and closes its output;
	// a second one stops it at once, which is safe, as after kill -9: the next run repairs.
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			fmt.Fprintln(stderr, "\ncnbudget batch: stopping; the documents in flight are left for the next run; interrupt again to stop at once")
			signal.Reset(os.Interrupt, syscall.SIGTERM)
		case <-stopped:
		}
	}()
	s, err := batch.Run(ctx, c.paths, opts)
	if s != nil {
		writeSummary(stdout, s, c.out)
	}
	switch {
	case err != nil:
		fmt.Fprintln(stderr, "cnbudget batch:", err)
		return batchError
	case s.Interrupted:
		fmt.Fprintln(stderr, "cnbudget batch: interrupted; run the same command again to go on")
		return batchInterrupted
	case !s.AllSucceeded():
		return batchSomeFailed
	}
	return batchOK
}

// checkServer makes one small call, so that a wrong address or token stops the batch
// at once instead of failing every document.
func checkServer(ctx context.Context, cl *client.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := cl.Segment(ctx, &cnbudgetv1.SegmentRequest{Text: "预算"})
	switch status.Code(err) {
	case codes.Unavailable, codes.DeadlineExceeded, codes.Unauthenticated, codes.PermissionDenied, codes.Unimplemented:
		return err
	}
	return nil // answered: the server is there and lets us in
}

// writeSummary prints what the run did.
func writeSummary(w io.Writer, s *batch.Summary, out string) {
	fmt.Fprintf(w, "documents:   %d new, %d already in %s, %d already failed, %d duplicate files\n",
		s.Documents, s.Done, out, s.FailedBefore, s.Duplicates)
	failed := 0
	for _, n := range s.Failed {
		failed += n
	}
	fmt.Fprintf(w, "succeeded:   %d\n", s.Succeeded)
	fmt.Fprintf(w, "failed:      %d%s\n", failed, counts(s.Failed))
	fmt.Fprintf(w, "facts:       %d\n", s.Facts)
	warnings := 0
	for _, n := range s.Warnings {
		warnings += n
	}
	fmt.Fprintf(w, "warnings:    %d%s\n", warnings, counts(s.Warnings))
	fmt.Fprintf(w, "rate:        %.1f documents/s over %s\n", s.DocsPerSecond(), s.Elapsed.Round(time.Millisecond))
	if failed > 0 || s.FailedBefore > 0 {
		fmt.Fprintf(w, "errors:      %s\n", batch.ErrorsPath(out))
	}
}

// counts writes m as " (A 3, B 1)", largest first, or "" when m is empty.
func counts(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// lockedWriter serialises writes from several goroutines to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
