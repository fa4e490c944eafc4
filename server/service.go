package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// service implements cnbudgetv1.ExtractorServiceServer.
type service struct {
	cnbudgetv1.UnimplementedExtractorServiceServer

	x        Extractor
	timeout  time.Duration // per document; negative for none
	slots    chan struct{} // one token per document in flight, server-wide
	workers  int           // documents in flight per stream
	log      *slog.Logger
	draining chan struct{} // closed when the server stops taking work
	pool     pool          // goroutines the documents are worked on
}

var _ cnbudgetv1.ExtractorServiceServer = (*service)(nil)

// Extract reads one document.
func (v *service) Extract(ctx context.Context, req *cnbudgetv1.ExtractRequest) (*cnbudgetv1.ExtractResponse, error) {
	if !v.tryAcquire() {
		return nil, overloaded()
	}
	if req.GetIncludeText() {
		return v.extractText(ctx, document(req.GetName(), req.GetMediaType(), req.GetContent()))
	}
	rec, err := v.extract(ctx, document(req.GetName(), req.GetMediaType(), req.GetContent()))
	if err != nil {
		return nil, Status(err).Err()
	}
	return &cnbudgetv1.ExtractResponse{Record: rec}, nil
}

// Segment cuts a text into tokens.
func (v *service) Segment(ctx context.Context, req *cnbudgetv1.SegmentRequest) (*cnbudgetv1.SegmentResponse, error) {
	if !v.tryAcquire() {
		return nil, overloaded()
	}
	toks, err := run(v, ctx, "segment", func(ctx context.Context) ([]*cnbudgetv1.Token, error) {
		return v.x.Segment(ctx, req.GetText())
	})
	if err != nil {
		return nil, Status(err).Err()
	}
	return &cnbudgetv1.SegmentResponse{Tokens: toks}, nil
}

// ExtractStream reads a batch: up to v.workers documents at once, each answered as it
// finishes, a bad one with a Failure. When the server drains, the stream stops taking
// documents, answers those it has read and ends with UNAVAILABLE.
func (v *service) ExtractStream(stream cnbudgetv1.ExtractorService_ExtractStreamServer) error {
	ctx, cancel := context.WithCancel(stream.Context())
	defer cancel()

	// Recv blocks, so it runs apart and hands over one request at a time: the loop below
	// takes the next only when it has a slot for it, which holds the client back.
	reqs := make(chan *cnbudgetv1.ExtractStreamRequest)
	recvErr := make(chan error, 1)
	go func() {
		for {
			req, err := stream.Recv()
			if err != nil {
				recvErr <- err
				return
			}
			select {
			case reqs <- req:
			case <-ctx.Done():
				return
			}
		}
	}()

	var (
		wg      sync.WaitGroup
		sendMu  sync.Mutex
		sendErr error
		workers = make(chan struct{}, v.workers)
	)
	send := func(resp *cnbudgetv1.ExtractStreamResponse) {
		sendMu.Lock()
		defer sendMu.Unlock()
		if sendErr != nil {
			return
		}
		if err := stream.Send(resp); err != nil {
			sendErr = err
			cancel()
		}
	}

	end := v.takeDocuments(ctx, reqs, recvErr, workers, func(req *cnbudgetv1.ExtractStreamRequest) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-workers }()
			start := time.Now()
			rec, err := v.extract(ctx, document(req.GetName(), req.GetMediaType(), req.GetContent()))
			send(streamResponse(req.GetId(), rec, err))
			v.log.LogAttrs(ctx, slog.LevelDebug, "document",
				slog.String("id", req.GetId()),
				slog.Int("size", len(req.GetContent())),
				slog.Duration("duration", time.Since(start)),
				slog.String("code", Status(err).Code().String()))
		}()
	})
	wg.Wait()
	if end != nil {
		return end
	}
	sendMu.Lock()
	defer sendMu.Unlock()
	return sendErr
}

// takeDocuments hands each request of a stream to start once a stream worker and a
// server-wide slot are free, until the client ends the stream (nil), the stream fails,
// or the server drains. It returns the status error the stream should end with.
func (v *service) takeDocuments(ctx context.Context, reqs <-chan *cnbudgetv1.ExtractStreamRequest,
	recvErr <-chan error, workers chan struct{}, start func(*cnbudgetv1.ExtractStreamRequest)) error {
	drained := status.Error(codes.Unavailable, "server is shutting down: resend the documents not answered")
	for {
		select {
		case <-v.draining:
			return drained
		default:
		}
		var req *cnbudgetv1.ExtractStreamRequest
		select {
		case req = <-reqs:
		case err := <-recvErr:
			if err == io.EOF {
				return nil
			}
			return Status(err).Err()
		case <-v.draining:
			return drained
		case <-ctx.Done():
			return Status(ctx.Err()).Err()
		}
		// A document taken is answered, drain or not; only the client leaving stops it.
		select {
		case workers <- struct{}{}:
		case <-ctx.Done():
			return Status(ctx.Err()).Err()
		}
		select {
		case v.slots <- struct{}{}:
		case <-ctx.Done():
			<-workers
			return Status(ctx.Err()).Err()
		}
		start(req)
	}
}

// tryAcquire takes a server-wide slot if one is free.
func (v *service) tryAcquire() bool {
	select {
	case v.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// overloaded is the error of a call beyond the bound on documents in flight. Its
// RetryInfo tells a client that trying again shortly makes sense (too large does not).
func overloaded() error {
	st := status.New(codes.ResourceExhausted, "server busy: too many documents in flight, retry later")
	d, err := st.WithDetails(
		&errdetails.ErrorInfo{Reason: "OVERLOADED", Domain: ErrorDomain},
		&errdetails.RetryInfo{RetryDelay: durationpb.New(100 * time.Millisecond)},
	)
	if err != nil {
		return st.Err()
	}
	return d.Err()
}

// extract runs the extractor on doc in a slot the caller has taken.
func (v *service) extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	rec, err := run(v, ctx, "extract", func(ctx context.Context) (*cnbudgetv1.Record, error) {
		return v.x.Extract(ctx, doc)
	})
	if err == nil && rec == nil {
		err = fail.Errorf("extract", fail.Internal, "the extractor returned no record and no error")
	}
	return rec, err
}

// run calls f under the per-document deadline and releases the caller's slot when f
// returns. It returns as soon as ctx is done, even if f does not heed ctx (f then keeps
// its slot until it returns, so the bound on work in flight holds). A panic in f becomes
// an Internal error for this call alone.
func run[T any](v *service, ctx context.Context, op string, f func(context.Context) (T, error)) (T, error) {
	cancel := func() {}
	if v.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, v.timeout)
	}
	defer cancel()
	type result struct {
		val T
		err error
	}
	done := make(chan result, 1)
	v.pool.do(func() {
		defer func() { <-v.slots }()
		defer func() {
			if p := recover(); p != nil {
				v.log.Error("panic", slog.String("op", op), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
				done <- result{err: fail.Errorf(op, fail.Internal, "internal error: %v", p)}
			}
		}()
		val, err := f(ctx)
		done <- result{val, err}
	})
	select {
	case r := <-done:
		return r.val, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// pool runs functions on goroutines kept from one call to the next. An extraction needs
// a deep stack, and a goroutine started for each call grew it from the smallest size
// every time: 2% of the server's CPU under load, in stack copying. A kept goroutine has
// its stack grown already. Goroutines idle for longer than idle end, so a quiet server
// keeps none; there is never more of them than functions running at once, plus those
// about to wait for the next.
type pool struct {
	jobs chan func() // unbuffered: a send succeeds only when a goroutine waits
	idle time.Duration
}

// newPool returns a pool whose goroutines end after idle without work.
func newPool(idle time.Duration) pool {
	return pool{jobs: make(chan func()), idle: idle}
}

// do runs f on a waiting goroutine, or a new one if none waits. f must not panic.
func (p pool) do(f func()) {
	select {
	case p.jobs <- f:
	default:
		go p.work(f)
	}
}

func (p pool) work(f func()) {
	t := time.NewTimer(p.idle)
	defer t.Stop()
	for {
		f()
		f = nil // let f's captures go while waiting
		t.Reset(p.idle)
		select {
		case f = <-p.jobs:
		case <-t.C:
			return
		}
	}
}

func document(name, mediaType string, content []byte) extract.Document {
	return extract.Document{Name: name, MediaType: mediaType, Content: content}
}

// streamResponse answers the request id with rec, or with a Failure for err that carries
// the code and reason Extract would give the same document.
func streamResponse(id string, rec *cnbudgetv1.Record, err error) *cnbudgetv1.ExtractStreamResponse {
	if err != nil {
		st := Status(err)
		return &cnbudgetv1.ExtractStreamResponse{Id: id, Result: &cnbudgetv1.ExtractStreamResponse_Failure{
			Failure: &cnbudgetv1.Failure{Code: int32(st.Code()), Reason: Reason(err), Message: st.Message()},
		}}
	}
	return &cnbudgetv1.ExtractStreamResponse{Id: id, Result: &cnbudgetv1.ExtractStreamResponse_Record{Record: rec}}
}

// panicError is the error a recovered panic of a handler becomes.
func panicError(p any) error {
	return status.Error(codes.Internal, fmt.Sprintf("internal error: %v", p))
}
