package client_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/client"
	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// counter is an extractor that counts its calls and fails the first `unavailable` of
// them with UNAVAILABLE, as a replica going away would, and the document "bad" with
// INVALID_ARGUMENT.
type counter struct {
	calls       atomic.Int64
	unavailable int64
}

func (c *counter) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	if c.calls.Add(1) <= c.unavailable {
		return nil, status.Error(codes.Unavailable, "replica restarting")
	}
	if string(doc.Content) == "bad" {
		return nil, status.Error(codes.InvalidArgument, "bad document")
	}
	return &cnbudgetv1.Record{Document: &cnbudgetv1.DocumentInfo{Name: doc.Name}}, nil
}

func (c *counter) Segment(ctx context.Context, text string) ([]*cnbudgetv1.Token, error) {
	return []*cnbudgetv1.Token{{Text: text}}, nil
}

// serve runs a server for x on a loopback port and returns its port.
func serve(t *testing.T, x server.Extractor, opts server.Options) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(x, opts)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(lis) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	})
	_, port, _ := net.SplitHostPort(lis.Addr().String())
	return port
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestDialTargets(t *testing.T) {
	port := serve(t, &counter{}, server.Options{})
	for _, target := range []string{
		"127.0.0.1:" + port,
		"localhost:" + port, // may resolve to ::1 too, where nothing listens: round_robin skips it
		"dns:///127.0.0.1:" + port,
		"passthrough:///127.0.0.1:" + port,
		"127.0.0.1:" + port + ", 127.0.0.1:" + port,
	} {
		t.Run(target, func(t *testing.T) {
			c, err := client.Dial(target)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			resp, err := c.Extract(ctxT(t), &cnbudgetv1.ExtractRequest{Name: "a", Content: []byte("x")})
			if err != nil || resp.GetRecord().GetDocument().GetName() != "a" {
				t.Fatalf("Extract: %v %v", resp, err)
			}
			h, err := c.Health.Check(ctxT(t), &healthpb.HealthCheckRequest{Service: server.ServiceName})
			if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
				t.Errorf("health: %v %v", h, err)
			}
		})
	}
	for _, bad := range []string{"", " , ", "a:1,dns:///b:2"} {
		if c, err := client.Dial(bad); err == nil {
			c.Close()
			t.Errorf("Dial(%q) succeeded, want an error", bad)
		}
	}
}

// A comma-separated list of replicas is balanced round-robin: every replica gets calls.
func TestRoundRobin(t *testing.T) {
	a, b := &counter{}, &counter{}
	target := "127.0.0.1:" + serve(t, a, server.Options{}) + ",127.0.0.1:" + serve(t, b, server.Options{})
	c, err := client.Dial(target)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const n = 20
	for i := 0; i < n; i++ {
		if _, err := c.Extract(ctxT(t), &cnbudgetv1.ExtractRequest{Content: []byte("x")}); err != nil {
			t.Fatal(err)
		}
	}
	if a.calls.Load()+b.calls.Load() != n || a.calls.Load() < n/4 || b.calls.Load() < n/4 {
		t.Errorf("replicas got %d and %d of %d calls, want both a fair share", a.calls.Load(), b.calls.Load(), n)
	}
}

// UNAVAILABLE is retried for Extract; other errors are not.
func TestRetryUnavailable(t *testing.T) {
	x := &counter{unavailable: 2}
	c, err := client.Dial("127.0.0.1:" + serve(t, x, server.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Extract(ctxT(t), &cnbudgetv1.ExtractRequest{Content: []byte("x")}); err != nil {
		t.Fatalf("Extract after two UNAVAILABLE answers: %v", err)
	}
	if got := x.calls.Load(); got != 3 {
		t.Errorf("%d attempts, want 3", got)
	}
	before := x.calls.Load()
	if _, err := c.Extract(ctxT(t), &cnbudgetv1.ExtractRequest{Content: []byte("bad")}); status.Code(err) != codes.InvalidArgument {
		t.Errorf("bad document: %v, want INVALID_ARGUMENT", err)
	}
	if got := x.calls.Load() - before; got != 1 {
		t.Errorf("INVALID_ARGUMENT tried %d times, want once", got)
	}
}

func TestToken(t *testing.T) {
	port := serve(t, &counter{}, server.Options{AuthToken: "tok"})
	c, err := client.Dial("127.0.0.1:"+port, client.WithToken("tok"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Extract(ctxT(t), &cnbudgetv1.ExtractRequest{Content: []byte("x")}); err != nil {
		t.Errorf("with the token: %v", err)
	}
}

// WithMaxMessageBytes bounds what the client sends.
func TestMaxMessageBytes(t *testing.T) {
	port := serve(t, &counter{}, server.Options{})
	c, err := client.Dial("127.0.0.1:"+port, client.WithMaxMessageBytes(1024))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.Extract(ctxT(t), &cnbudgetv1.ExtractRequest{Content: make([]byte, 4096)})
	if status.Code(err) != codes.ResourceExhausted {
		t.Errorf("4 KiB with a 1 KiB limit: %v, want RESOURCE_EXHAUSTED", err)
	}
}
