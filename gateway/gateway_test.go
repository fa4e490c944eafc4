package gateway_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/gateway"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

func TestHTTPStatus(t *testing.T) {
	withReason := func(c codes.Code, reason string) *status.Status {
		st, _ := status.New(c, "x").WithDetails(&errdetails.ErrorInfo{Reason: reason, Domain: "cnbudget.v1"})
		return st
	}
	for _, tt := range []struct {
		st   *status.Status
		want int
	}{
		{withReason(codes.ResourceExhausted, "TOO_LARGE"), 413},
		{status.New(codes.ResourceExhausted, "grpc: received message larger than max (5 vs. 4)"), 413},
		{withReason(codes.ResourceExhausted, "OVERLOADED"), 429},
		{withReason(codes.InvalidArgument, "BINARY"), 400},
		{status.New(codes.Unauthenticated, "x"), 401},
		{status.New(codes.Unavailable, "x"), 503},
		{status.New(codes.DeadlineExceeded, "x"), 504},
		{status.New(codes.Internal, "x"), 500},
	} {
		if got := gateway.HTTPStatus(tt.st); got != tt.want {
			t.Errorf("%v %v: %d, want %d", tt.st.Code(), tt.st.Details(), got, tt.want)
		}
	}
}

// blocker is an extractor whose Extract waits for release.
type blocker struct {
	entered chan struct{}
	release chan struct{}
}

func (b *blocker) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	b.entered <- struct{}{}
	select {
	case <-b.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &cnbudgetv1.Record{Document: &cnbudgetv1.DocumentInfo{Name: doc.Name}}, nil
}

func (b *blocker) Segment(ctx context.Context, text string) ([]*cnbudgetv1.Token, error) {
	return nil, nil
}

// A busy server answers 429 with Retry-After, and a draining one 503, over HTTP as the
// gRPC server answers RESOURCE_EXHAUSTED (OVERLOADED) and UNAVAILABLE.
func TestOverloadedAndDraining(t *testing.T) {
	b := &blocker{entered: make(chan struct{}, 1), release: make(chan struct{})}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(b, server.Options{MaxInFlight: 1, Logger: log})
	pipe := bufconn.Listen(1 << 20)
	go srv.Serve(pipe)
	conn, err := grpc.NewClient("passthrough:///pipe", grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return pipe.DialContext(ctx) }))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	h, err := gateway.New(conn, gateway.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	defer hs.Close()
	post := func() *http.Response {
		resp, err := http.Post(hs.URL+"/v1/extract", "application/json", strings.NewReader(`{"name":"a.txt","content":"6aKE566X"}`))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	first := make(chan int, 1)
	go func() { first <- post().StatusCode }()
	<-b.entered
	resp := post()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second call while the only slot is taken: %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	close(b.release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("first call: %d, want 200", code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if resp := post(); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after shutdown: %d, want 503", resp.StatusCode)
	}
	if r, err := http.Get(hs.URL + "/healthz"); err != nil || r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("health after shutdown: %v %v, want 503", r.StatusCode, err)
	}
}
