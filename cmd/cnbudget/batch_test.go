package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/server"
)

// batchFolder writes n small disclosures and the given extra files under a new folder.
func batchFolder(t *testing.T, n int, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("sub%d/doc%d.txt", i%2, i)] = fmt.Sprintf(
			"西岭县第%d局2023年部门预算情况说明\n2023年收入预算总额%d.50万元。\n", i, 100+i)
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runMain(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb strings.Builder
	code = Main(ctx, args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func lines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

func TestBatchUsage(t *testing.T) {
	dir := batchFolder(t, 1, nil)
	for _, args := range [][]string{
		{"batch", dir}, // no output
		{"batch", "-o", filepath.Join(dir, "x.jsonl")}, // no input
		{"batch", "-o", filepath.Join(dir, "x.xlsx"), dir},
		{"batch", "-o", filepath.Join(dir, "x"), dir},
		{"batch", "--format", "xml", "-o", filepath.Join(dir, "x.out"), dir},
		{"batch", "--workers", "-1", "-o", filepath.Join(dir, "x.jsonl"), dir},
		{"batch", "--no-such-flag", "-o", filepath.Join(dir, "x.jsonl"), dir},
	} {
		if code, _, stderr := runMain(context.Background(), args...); code != 2 {
			t.Errorf("%q: exit %d, want 2; stderr %s", args[1:], code, stderr)
		}
	}
	// A path that names nothing fails before any work.
	out := filepath.Join(t.TempDir(), "x.jsonl")
	if code, _, _ := runMain(context.Background(), "batch", "-o", out, filepath.Join(dir, "nope")); code != 1 {
		t.Errorf("missing input: exit %d, want 1", code)
	}
	if code, _, _ := runMain(context.Background(), "batch", "-h"); code != 0 {
		t.Errorf("-h: exit %d, want 0", code)
	}
}

// TestBatchExitStatus: 0 when every document succeeded, 3 when some failed (also on a
// rerun that only skips them), with the summary and the error list saying which.
func TestBatchExitStatus(t *testing.T) {
	good := batchFolder(t, 3, nil)
	out := filepath.Join(t.TempDir(), "good.csv")
	code, stdout, stderr := runMain(context.Background(), "batch", good, "-o", out, "--workers", "2") // flags after the path
	if code != 0 {
		t.Fatalf("exit %d, want 0; %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "succeeded:   3") {
		t.Errorf("summary does not count 3 successes:\n%s", stdout)
	}
	if n := lines(t, out); n != 4 {
		t.Errorf("%s has %d lines, want a header and 3 rows", out, n)
	}

	bad := batchFolder(t, 2, map[string]string{"empty.txt": "", "sheet.xls": "\xd0\xcf\x11\xe0junk", ".hidden.txt": "x"})
	out = filepath.Join(t.TempDir(), "bad.jsonl")
	for run := range 2 {
		code, stdout, _ := runMain(context.Background(), "batch", "-o", out, bad)
		if code != 3 {
			t.Fatalf("run %d: exit %d, want 3", run, code)
		}
		if run == 0 && !strings.Contains(stdout, "failed:      2 (EMPTY 1, UNSUPPORTED 1)") {
			t.Errorf("summary does not break the failures down:\n%s", stdout)
		}
		if run == 1 && !strings.Contains(stdout, "2 already in") {
			t.Errorf("second run's summary does not say what it skipped:\n%s", stdout)
		}
		if n, e := lines(t, out), lines(t, out+".errors.jsonl"); n != 2 || e != 2 {
			t.Errorf("run %d: %d records and %d errors, want 2 and 2", run, n, e)
		}
	}
}

// TestBatchOutputInsideInput: an output inside the folder it reads is not read back as
// input, so a rerun adds nothing.
func TestBatchOutputInsideInput(t *testing.T) {
	for _, ext := range []string{"jsonl", "csv", "parquet", "sqlite"} {
		dir := batchFolder(t, 2, nil)
		out := filepath.Join(dir, "out."+ext)
		for run := range 2 {
			if code, stdout, stderr := runMain(context.Background(), "batch", "-o", out, dir); code != 0 {
				t.Fatalf("%s run %d: exit %d\n%s%s", ext, run, code, stdout, stderr)
			}
		}
	}
}

func TestBatchGlobAndFormat(t *testing.T) {
	dir := batchFolder(t, 4, map[string]string{"notes.md": "not a disclosure"})
	out := filepath.Join(t.TempDir(), "records.out")
	code, stdout, stderr := runMain(context.Background(), "batch", "--format", "jsonl", "-o", out, filepath.Join(dir, "sub0", "*.txt"))
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if n := lines(t, out); n != 2 {
		t.Errorf("the glob matched %d documents, want the 2 in sub0", n)
	}
}

func TestBatchInterrupted(t *testing.T) {
	dir := batchFolder(t, 3, nil)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code, _, _ := runMain(ctx, "batch", "-o", out, dir); code != 130 {
		t.Errorf("interrupted: exit %d, want 130", code)
	}
	if code, _, _ := runMain(context.Background(), "batch", "-o", out, dir); code != 0 || lines(t, out) != 3 {
		t.Errorf("resumed: exit %d with %d records, want 0 and 3", code, lines(t, out))
	}
}

// TestBatchServer runs the command against a server on loopback.
func TestBatchServer(t *testing.T) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(x, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	go srv.Serve(lis)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()
	dir := batchFolder(t, 5, map[string]string{"empty.txt": ""})
	out := filepath.Join(t.TempDir(), "out.sqlite")
	code, stdout, stderr := runMain(context.Background(), "batch", "--server", lis.Addr().String(), "-o", out, dir)
	if code != 3 || !strings.Contains(stdout, "succeeded:   5") || !strings.Contains(stdout, "EMPTY 1") {
		t.Errorf("exit %d, want 3 with 5 successes and 1 EMPTY\n%s%s", code, stdout, stderr)
	}
}

// TestBatchNoServer: a server that is not there stops the batch at once.
func TestBatchNoServer(t *testing.T) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := lis.Addr().String()
	lis.Close() // nothing listens there now
	dir := batchFolder(t, 2, nil)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	code, _, stderr := runMain(context.Background(), "batch", "--server", addr, "-o", out, dir)
	if code != 1 || !strings.Contains(stderr, "--server") {
		t.Errorf("exit %d, want 1 with a word on the server; stderr %s", code, stderr)
	}
	if _, err := os.Stat(out + ".errors.jsonl"); err == nil {
		t.Errorf("documents were listed as failed")
	}
}
