package remote_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/batch"
	"github.com/cnbudget/cnbudget/batch/remote"
	"github.com/cnbudget/cnbudget/client"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// replica is an extractor behind one test server: it counts the documents it answers
// and takes a little time over each, so that a batch is still running when a replica
// is stopped.
type replica struct {
	served atomic.Int64
}

func (r *replica) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	if len(doc.Content) == 0 {
		return nil, fail.Errorf("test", fail.Empty, "empty document")
	}
	select {
	case <-time.After(5 * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	r.served.Add(1)
	return &cnbudgetv1.Record{
		Header:  &cnbudgetv1.Header{UnitName: &cnbudgetv1.Text{Value: string(doc.Content)}},
		Revenue: &cnbudgetv1.Revenue{Total: &cnbudgetv1.Amount{Fen: int64(len(doc.Content))}},
	}, nil
}

func (r *replica) Segment(context.Context, string) ([]*cnbudgetv1.Token, error) { return nil, nil }

// startServer serves r on a loopback port and returns the server and its address.
func startServer(t *testing.T, r *replica) (*server.Server, string) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(r, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	go srv.Serve(lis)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return srv, lis.Addr().String()
}

// TestReplicas runs a batch against three servers, stops one of them part-way (by a
// drain, or cut off at once), and checks that all three did work and that every
// document is in the output exactly once, with the empty ones in the error list.
func TestReplicas(t *testing.T) {
	const docs, empty = 400, 10
	in := t.TempDir()
	for i := range docs {
		content := fmt.Sprintf("东河县第%d局2023年部门预算", i)
		if i%(docs/empty) == 0 {
			content = ""
		}
		p := filepath.Join(in, fmt.Sprintf("d%d", i%4), fmt.Sprintf("doc%03d.txt", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, mode := range []string{"drain", "cut"} {
		t.Run(mode, func(t *testing.T) {
			reps := make([]*replica, 3)
			srvs := make([]*server.Server, 3)
			addrs := make([]string, 3)
			for i := range reps {
				reps[i] = &replica{}
				srvs[i], addrs[i] = startServer(t, reps[i])
			}
			c, err := client.Dial(strings.Join(addrs, ","))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			rx := remote.New(c, remote.Options{Backoff: 20 * time.Millisecond})
			defer rx.Close()

			// Stop the first replica once it has answered a few documents.
			stopped := make(chan int64, 1)
			finished := make(chan struct{})
			go func() {
				for reps[0].served.Load() < 20 {
					select {
					case <-finished:
						stopped <- -1
						return
					case <-time.After(time.Millisecond):
					}
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Second)
				if mode == "cut" {
					cancel() // no time for the calls in flight: they are cut off
				}
				srvs[0].Shutdown(ctx)
				cancel()
				stopped <- reps[0].served.Load()
			}()

			out := filepath.Join(t.TempDir(), "out.jsonl")
			s, err := batch.Run(context.Background(), []string{in}, batch.Options{Out: out, Extractor: rx, Workers: 12})
			close(finished)
			if err != nil {
				t.Fatal(err)
			}
			at := <-stopped
			if at < 0 {
				t.Errorf("the batch finished before replica 0 answered 20 documents")
			}
			t.Logf("replica 0 stopped after %d documents; served %d, %d, %d", at,
				reps[0].served.Load(), reps[1].served.Load(), reps[2].served.Load())
			for i, r := range reps {
				if r.served.Load() == 0 {
					t.Errorf("replica %d got no documents", i)
				}
			}
			if s.Succeeded != docs-empty || s.Failed["EMPTY"] != empty || len(s.Failed) != 1 {
				t.Errorf("summary %+v: want %d succeeded and %d EMPTY", s, docs-empty, empty)
			}
			b, _ := os.ReadFile(out)
			if n := strings.Count(string(b), "\n"); n != docs-empty {
				t.Errorf("output has %d lines, want %d", n, docs-empty)
			}
			eb, _ := os.ReadFile(batch.ErrorsPath(out))
			if n := strings.Count(string(eb), `"reason":"EMPTY"`); n != empty {
				t.Errorf("error list names %d empty files, want %d:\n%s", n, empty, eb)
			}
		})
	}
}
