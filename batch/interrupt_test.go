package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/batch/sink"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// fakeExtractor makes a record of facts, lists and warnings from a document's bytes
// without reading them, after a delay: it starts at once and takes long enough for a
// batch to be interrupted at random points, which is what these tests need of it.
type fakeExtractor struct{ delay time.Duration }

func (x fakeExtractor) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	if len(doc.Content) == 0 {
		return nil, fail.Errorf("fake", fail.Empty, "empty document")
	}
	select {
	case <-time.After(x.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	n := int64(len(doc.Content))
	sp := &cnbudgetv1.Span{Start: 3, End: 9, Page: 1, Quote: "预算总额"}
	rec := &cnbudgetv1.Record{
		ExtractorVersion: "fake",
		Header:           &cnbudgetv1.Header{UnitName: &cnbudgetv1.Text{Value: filepath.Base(doc.Name), Span: sp}},
		Revenue:          &cnbudgetv1.Revenue{Total: &cnbudgetv1.Amount{Fen: n * 100, Span: sp}},
		Expenditure: &cnbudgetv1.Expenditure{Functions: []*cnbudgetv1.FunctionSpending{
			{Name: "科学技术支出", Amount: &cnbudgetv1.Amount{Fen: n, Span: sp}},
			{Name: "卫生健康支出", Amount: &cnbudgetv1.Amount{Fen: -n, Span: sp}},
		}},
		Contact: &cnbudgetv1.Contact{Phones: []*cnbudgetv1.Text{{Value: "023-1"}, {Value: "023-2"}}},
	}
	if n%3 == 0 {
		rec.Warnings = []*cnbudgetv1.Warning{{Code: cnbudgetv1.WarningCode_WARNING_CODE_SUM_MISMATCH, Message: "parts do not add up", Keys: []string{"revenue.total"}}}
	}
	return rec, nil
}

// helperEnv names the variables that make the test binary run one batch and exit.
const (
	helperIn     = "CNBUDGET_TEST_BATCH_IN"
	helperOut    = "CNBUDGET_TEST_BATCH_OUT"
	helperFormat = "CNBUDGET_TEST_BATCH_FORMAT"
	helperDelay  = "CNBUDGET_TEST_BATCH_DELAY"
)

// TestHelperBatch is not a test: run by TestInterrupt as a child process, it runs one
// batch with fakeExtractor until done or interrupted by SIGINT, and exits 0, 130 or 1.
func TestHelperBatch(t *testing.T) {
	in := os.Getenv(helperIn)
	if in == "" {
		t.Skip("run by TestInterrupt")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fmt.Println("ready") // to be interrupted from now on
	delay, _ := time.ParseDuration(os.Getenv(helperDelay))
	s, err := Run(ctx, []string{in}, Options{
		Out:       os.Getenv(helperOut),
		Format:    sink.Format(os.Getenv(helperFormat)),
		Extractor: fakeExtractor{delay: delay},
		MaxBytes:  corpusMaxBytes,
		Workers:   4,
	})
	switch {
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	case s.Interrupted:
		os.Exit(130)
	}
	os.Exit(0)
}

// TestInterrupt interrupts a batch several times at random points, by SIGINT and by
// SIGKILL, resumes it each time, and checks that it ends with the output and error list
// of an uninterrupted run; after each SIGINT the output must be valid as it stands.
func TestInterrupt(t *testing.T) {
	if os.Getenv(helperIn) != "" {
		t.Skip("in the helper process")
	}
	c := makeCorpus(t, t.TempDir(), corpusSize())
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	for _, f := range sink.Formats {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			ref := filepath.Join(dir, "ref."+string(f))
			if code := runHelper(t, c.dir, ref, f, 0, nil); code != 0 {
				t.Fatalf("uninterrupted run: exit %d", code)
			}
			want, wantFails := dump(t, ref, f), readFailures(t, ref)

			out := filepath.Join(dir, "out."+string(f))
			kills := []os.Signal{os.Interrupt, syscall.SIGKILL, os.Interrupt, syscall.SIGKILL, syscall.SIGKILL, os.Interrupt}
			interrupted := 0
			for _, sig := range kills {
				after := time.Duration(30+rng.IntN(500)) * time.Millisecond
				code := runHelper(t, c.dir, out, f, after, sig)
				switch {
				case code == 0:
					continue // finished before the signal
				case sig == os.Interrupt && code != 130:
					t.Fatalf("after SIGINT: exit %d, want 130", code)
				case sig == os.Interrupt:
					dump(t, out, f) // valid as it stands, with no repair
					readFailures(t, out)
				}
				interrupted++
			}
			if code := runHelper(t, c.dir, out, f, 0, nil); code != 0 {
				t.Fatalf("resumed run: exit %d", code)
			}
			t.Logf("interrupted %d of %d times", interrupted, len(kills))
			if got := dump(t, out, f); !maps.Equal(got, want) {
				t.Errorf("resumed output holds %d documents, uninterrupted %d; or their records differ", len(got), len(want))
				for sha, line := range want {
					if got[sha] != line {
						t.Errorf("first difference at %s:\n got %s\nwant %s", sha, got[sha], line)
						break
					}
				}
			}
			// Messages may differ: which of several empty files is met first and which
			// are its duplicates depends on where the runs stopped.
			if got := readFailures(t, out); !maps.EqualFunc(got, wantFails, sameFailure) {
				t.Errorf("resumed error list holds %d files, uninterrupted %d", len(got), len(wantFails))
			}
		})
	}
}

// runHelper runs TestHelperBatch in a child process, sends it sig after the given time
// unless sig is nil, and returns its exit status (-1 when killed). A run to be
// interrupted extracts slowly, so that it is still busy when the signal comes.
func runHelper(t *testing.T, in, out string, f sink.Format, after time.Duration, sig os.Signal) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBatch$")
	delay := time.Duration(0)
	if sig != nil {
		delay = 10 * time.Millisecond
	}
	cmd.Env = append(os.Environ(), helperIn+"="+in, helperOut+"="+out, helperFormat+"="+string(f), helperDelay+"="+delay.String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Signal only once the helper handles SIGINT, or it would die of it.
	r := bufio.NewReader(stdout)
	if _, err := r.ReadString('\n'); err != nil {
		t.Fatalf("helper did not start: %v: %s", err, stderr.String())
	}
	if sig != nil {
		timer := time.AfterFunc(after, func() { cmd.Process.Signal(sig) })
		defer timer.Stop()
	}
	io.Copy(io.Discard, r) // until the helper exits
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ee.ExitCode() == 1 {
			t.Logf("helper: %s", stderr.String())
		}
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

func sameFailure(a, b Failure) bool {
	return a.Path == b.Path && a.SHA256 == b.SHA256 && a.Reason == b.Reason
}
