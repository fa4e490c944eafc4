// Package remote extracts documents on running cnbudget servers instead of in-process:
// its Extractor sends each document over an ExtractStream of the service and waits for
// the answer, so that a batch can spread its work over replicas.
//
// Streams are kept open and reused, one document in flight on each, and reopened every
// so often so that new replicas get work; round-robin balancing (see package client)
// places each new stream on the next replica. A replica that goes away costs the
// documents in flight on it a retry on another stream, not their results.
package remote

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// Defaults for the zero values of Options.
const (
	DefaultRetries    = 8
	DefaultBackoff    = 100 * time.Millisecond
	DefaultMaxBackoff = 3 * time.Second
	DefaultReuse      = 8
	DefaultMaxAge     = time.Second
)

// Options configure an Extractor.
type Options struct {
	// Retries is how many times a document is sent again after its stream failed
	// (the replica went away, was overloaded or drained); 0 means DefaultRetries.
	Retries int
	// Backoff is the wait before the first retry, doubled for each further one up to
	// MaxBackoff; 0 means the defaults.
	Backoff, MaxBackoff time.Duration
	// Reuse is how many documents a stream carries, and MaxAge how long it stays open,
	// before it is closed and a new one opened on whichever replica the balancer picks
	// next. Streams opened while only some replicas were connected would otherwise keep
	// the others idle. 0 means DefaultReuse and DefaultMaxAge.
	Reuse  int
	MaxAge time.Duration
}

// Extractor extracts documents on remote servers. It is safe for concurrent use; each
// concurrent call uses a stream of its own.
type Extractor struct {
	client cnbudgetv1.ExtractorServiceClient
	opts   Options

	mu   sync.Mutex
	idle []*stream // open streams with no document in flight
}

// New returns an Extractor that sends documents to the servers behind c (for example a
// *client.Client).
func New(c cnbudgetv1.ExtractorServiceClient, opts Options) *Extractor {
	if opts.Retries <= 0 {
		opts.Retries = DefaultRetries
	}
	if opts.Backoff <= 0 {
		opts.Backoff = DefaultBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.Reuse <= 0 {
		opts.Reuse = DefaultReuse
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = DefaultMaxAge
	}
	return &Extractor{client: c, opts: opts}
}

// Failure is a document the server could not read: Reason is its machine-readable
// reason (EMPTY, BINARY, ...), as batch's error list records it.
type Failure struct {
	Code    codes.Code
	reason  string
	Message string
}

func (f *Failure) Error() string { return fmt.Sprintf("server: %s: %s", f.reason, f.Message) }

// Reason returns the server's reason for the failure.
func (f *Failure) Reason() string { return f.reason }

// UnavailableError is a document no server answered, after every retry.
type UnavailableError struct {
	Attempts int
	Err      error // the last attempt's error
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("no server answered after %d attempts: %v", e.Attempts, e.Err)
}

func (e *UnavailableError) Unwrap() error { return e.Err }

// Reason returns "UNAVAILABLE".
func (e *UnavailableError) Reason() string { return "UNAVAILABLE" }

// Extract sends doc to a server and returns its record. A document the server cannot
// read is a *Failure; one that no server answered is an *UnavailableError; when ctx
// ends first, ctx's error (which fail.KindOf reads as TIMEOUT or CANCELED).
func (x *Extractor) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	req := &cnbudgetv1.ExtractStreamRequest{Name: doc.Name, MediaType: doc.MediaType, Content: doc.Content}
	var last error
	for attempt := 0; attempt <= x.opts.Retries; attempt++ {
		if attempt > 0 {
			if err := sleep(ctx, x.backoff(attempt)); err != nil {
				return nil, err
			}
		}
		s, err := x.get()
		if err == nil {
			var resp *cnbudgetv1.ExtractStreamResponse
			resp, err = s.do(ctx, req)
			if err == nil {
				x.put(s)
				return result(resp)
			}
			s.close()
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !retryable(err) {
			return nil, fail.Wrap("remote", fail.Internal, "stream failed", err)
		}
		last = err
	}
	return nil, &UnavailableError{Attempts: x.opts.Retries + 1, Err: last}
}

// Close closes the idle streams.
func (x *Extractor) Close() {
	x.mu.Lock()
	idle := x.idle
	x.idle = nil
	x.mu.Unlock()
	for _, s := range idle {
		s.close()
	}
}

func (x *Extractor) backoff(attempt int) time.Duration {
	d := x.opts.Backoff << (attempt - 1)
	if d <= 0 || d > x.opts.MaxBackoff {
		d = x.opts.MaxBackoff
	}
	return d
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryable reports whether a stream's error may not recur on another stream.
func retryable(err error) bool {
	switch status.Code(err) {
	case codes.Unavailable, codes.ResourceExhausted, codes.Aborted, codes.Internal, codes.Unknown, codes.Canceled:
		return true
	}
	return false
}

// result turns a response into Extract's results.
func result(resp *cnbudgetv1.ExtractStreamResponse) (*cnbudgetv1.Record, error) {
	switch r := resp.GetResult().(type) {
	case *cnbudgetv1.ExtractStreamResponse_Record:
		if r.Record == nil {
			return nil, fail.Errorf("remote", fail.Internal, "server sent an empty record")
		}
		return r.Record, nil
	case *cnbudgetv1.ExtractStreamResponse_Failure:
		f := r.Failure
		return nil, &Failure{Code: codes.Code(f.GetCode()), reason: f.GetReason(), Message: f.GetMessage()}
	}
	return nil, fail.Errorf("remote", fail.Internal, "server sent no result")
}

// get returns an idle stream, or opens one.
func (x *Extractor) get() (*stream, error) {
	x.mu.Lock()
	if n := len(x.idle); n > 0 {
		s := x.idle[n-1]
		x.idle = x.idle[:n-1]
		x.mu.Unlock()
		return s, nil
	}
	x.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cs, err := x.client.ExtractStream(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	return &stream{cs: cs, cancel: cancel, opened: time.Now()}, nil
}

// put returns s to the idle streams, or closes it once it has carried its share.
func (x *Extractor) put(s *stream) {
	if s.uses >= x.opts.Reuse || time.Since(s.opened) >= x.opts.MaxAge {
		go s.finish()
		return
	}
	x.mu.Lock()
	x.idle = append(x.idle, s)
	x.mu.Unlock()
}

// finishTimeout bounds the wait for a server to end a stream the client has finished.
const finishTimeout = 10 * time.Second

// stream is one open ExtractStream carrying one document at a time.
type stream struct {
	cs     cnbudgetv1.ExtractorService_ExtractStreamClient
	cancel context.CancelFunc
	uses   int
	opened time.Time
}

// do sends req and waits for its answer, or for ctx to end, which kills the stream.
func (s *stream) do(ctx context.Context, req *cnbudgetv1.ExtractStreamRequest) (*cnbudgetv1.ExtractStreamResponse, error) {
	s.uses++
	req.Id = strconv.Itoa(s.uses)
	stop := context.AfterFunc(ctx, s.cancel)
	defer stop()
	if err := s.cs.Send(req); err != nil {
		// Send reports io.EOF when the stream has ended; Recv has the status.
		if _, rerr := s.cs.Recv(); rerr != nil {
			return nil, rerr
		}
		return nil, err
	}
	resp, err := s.cs.Recv()
	if err != nil {
		return nil, err
	}
	if resp.GetId() != req.Id {
		return nil, status.Errorf(codes.Internal, "answer for request %q on a stream waiting for %q", resp.GetId(), req.Id)
	}
	return resp, nil
}

// finish ends the stream politely: the client half-closes and reads the end, for at
// most finishTimeout.
func (s *stream) finish() {
	t := time.AfterFunc(finishTimeout, s.cancel)
	defer t.Stop()
	if err := s.cs.CloseSend(); err == nil {
		for {
			if _, err := s.cs.Recv(); err != nil {
				break
			}
		}
	}
	s.cancel()
}

// close abandons the stream.
func (s *stream) close() { s.cancel() }
