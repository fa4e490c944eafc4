// Package server serves the extractor over gRPC: cnbudget.v1.ExtractorService with
// grpc.health.v1 health checking and server reflection, behind the limits a shared
// service needs (message size, per-document deadline, documents in flight, keepalive),
// an optional bearer token, a recovery interceptor that turns a panic into INTERNAL for
// that call alone, one log line per call, and a graceful shutdown that finishes the
// calls in flight.
//
// New builds a Server around anything that satisfies Extractor; Serve runs it on a
// listener; Shutdown drains it. cmd/cnbudget's serve command is a thin shell around them.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"

	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// Extractor is what the server needs of the extraction core. *extract.Extractor provides
// Extract; Segment cuts a text into the segmenter's tokens. Both must be safe for
// concurrent use and should stop early when ctx is done.
type Extractor interface {
	Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error)
	Segment(ctx context.Context, text string) ([]*cnbudgetv1.Token, error)
}

// ServiceName is the full name of the extractor's gRPC service, as health checks and
// reflection name it.
const ServiceName = "cnbudget.v1.ExtractorService"

// Defaults for the zero values of Options.
const (
	// DefaultMaxRecvBytes is the default limit on one request message: large enough for a
	// document of extract.DefaultMaxBytes with its name and id (grpc's own default is 4 MiB).
	DefaultMaxRecvBytes = extract.DefaultMaxBytes + 1<<20
	// DefaultRequestTimeout bounds the work on one document when Options leave it unset.
	DefaultRequestTimeout = 2 * time.Minute
	// DefaultKeepaliveTime is how long a connection may stay silent before the server pings it.
	DefaultKeepaliveTime = 2 * time.Minute
	// DefaultKeepaliveTimeout is how long the server waits for the answer to a ping.
	DefaultKeepaliveTimeout = 20 * time.Second
	// MinClientPingInterval is the most often a client may ping; more often and the server
	// closes the connection. The client package pings every 30s.
	MinClientPingInterval = 10 * time.Second
	// DefaultStreamWindow and DefaultConnWindow are the HTTP/2 flow-control windows the
	// server grants each call and each connection: how many request bytes a client may
	// send ahead of the server reading them. gRPC's own start at 64 KiB and grow with its
	// estimate of the link, but a server busy extracting reads, and so grants more window,
	// only between documents: under ghz at concurrency 16 with 10 KB documents, a single
	// core sat idle 5-6% of the time waiting for request bytes the window held back in
	// the client. 16 such documents need 166 KB; these leave room for PDFs of a few MB.
	DefaultStreamWindow = 1 << 20
	DefaultConnWindow   = 4 << 20
)

// DefaultMaxInFlight returns the default bound on documents worked on at once: four per
// processor, enough to keep the processors busy while some calls wait on I/O.
func DefaultMaxInFlight() int { return 4 * runtime.GOMAXPROCS(0) }

// Options configure a Server. The zero value serves plaintext with the defaults above.
type Options struct {
	// MaxRecvBytes limits one request message; 0 means DefaultMaxRecvBytes. A larger
	// message is refused by gRPC with RESOURCE_EXHAUSTED (on a stream, that ends the stream).
	MaxRecvBytes int
	// RequestTimeout bounds the work on one document (a unary call, or one document of a
	// stream) on top of any deadline of the client; 0 means DefaultRequestTimeout and a
	// negative value means no bound of the server's own.
	RequestTimeout time.Duration
	// MaxInFlight bounds the documents (and Segment texts) worked on at once across all
	// calls; 0 means DefaultMaxInFlight(). A unary call beyond it fails at once with
	// RESOURCE_EXHAUSTED; a stream waits for a slot and stops reading meanwhile, so gRPC's
	// flow control holds its client back. Nothing queues without bound.
	MaxInFlight int
	// StreamWorkers bounds the documents of one stream worked on at once; 0 means
	// GOMAXPROCS. Results come back as they finish, so out of order.
	StreamWorkers int
	// AuthToken, when set, must come with every call as "authorization: Bearer TOKEN";
	// calls without it fail with UNAUTHENTICATED. Health checks stay open.
	AuthToken string
	// Creds are the transport credentials, e.g. credentials.NewTLS; nil serves plaintext.
	Creds credentials.TransportCredentials
	// KeepaliveTime and KeepaliveTimeout: the server pings a connection silent for
	// KeepaliveTime and closes it when no answer comes within KeepaliveTimeout; 0 means
	// the defaults above.
	KeepaliveTime    time.Duration
	KeepaliveTimeout time.Duration
	// StreamWindow and ConnWindow are the HTTP/2 flow-control windows of a call and of a
	// connection, in bytes: how much a client may send before the server has read it, and
	// so the most request data one connection can hold in the server's memory unread. 0
	// means DefaultStreamWindow and DefaultConnWindow; a negative value in either means
	// gRPC's own windows for both (64 KiB, grown by its bandwidth estimate up to 16 MiB).
	// gRPC takes no window under 64 KiB.
	StreamWindow int32
	ConnWindow   int32
	// DrainDelay is how long Shutdown reports NOT_SERVING while still serving, so that
	// load balancers stop sending before new calls are refused. 0 means none.
	DrainDelay time.Duration
	// Logger receives one line per call; nil means slog.Default().
	Logger *slog.Logger
}

// Server is a gRPC server for an Extractor. Make one with New.
type Server struct {
	grpc     *grpc.Server
	health   *health.Server
	svc      *service
	log      *slog.Logger
	delay    time.Duration
	stopOnce sync.Once
}

// poolIdle is how long a goroutine that worked on a document waits for the next
// before it ends.
const poolIdle = 10 * time.Second

// New returns a Server for x with opts, health reporting NOT_SERVING until Serve.
// x should be ready (its dictionary loaded): Serve reports SERVING at once.
func New(x Extractor, opts Options) *Server {
	opts = opts.withDefaults()
	svc := &service{
		x:        x,
		timeout:  opts.RequestTimeout,
		slots:    make(chan struct{}, opts.MaxInFlight),
		workers:  opts.StreamWorkers,
		log:      opts.Logger,
		draining: make(chan struct{}),
		pool:     newPool(poolIdle),
	}
	gopts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(opts.MaxRecvBytes),
		grpc.KeepaliveParams(keepalive.ServerParameters{
			Time:    opts.KeepaliveTime,
			Timeout: opts.KeepaliveTimeout,
		}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			MinTime:             MinClientPingInterval,
			PermitWithoutStream: true,
		}),
		grpc.ChainUnaryInterceptor(
			logUnary(opts.Logger),
			recoverUnary(opts.Logger),
			authUnary(opts.AuthToken),
		),
		grpc.ChainStreamInterceptor(
			logStream(opts.Logger),
			recoverStream(opts.Logger),
			authStream(opts.AuthToken),
		),
	}
	if opts.StreamWindow > 0 && opts.ConnWindow > 0 {
		gopts = append(gopts, grpc.InitialWindowSize(opts.StreamWindow), grpc.InitialConnWindowSize(opts.ConnWindow))
	}
	if opts.Creds != nil {
		gopts = append(gopts, grpc.Creds(opts.Creds))
	}
	s := &Server{
		grpc:   grpc.NewServer(gopts...),
		health: health.NewServer(),
		svc:    svc,
		log:    opts.Logger,
		delay:  opts.DrainDelay,
	}
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_NOT_SERVING)
	s.health.SetServingStatus(ServiceName, healthpb.HealthCheckResponse_NOT_SERVING)
	cnbudgetv1.RegisterExtractorServiceServer(s.grpc, svc)
	healthpb.RegisterHealthServer(s.grpc, &drainingHealth{Server: s.health, draining: svc.draining})
	reflection.Register(s.grpc)
	return s
}

func (o Options) withDefaults() Options {
	if o.MaxRecvBytes <= 0 {
		o.MaxRecvBytes = DefaultMaxRecvBytes
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight()
	}
	if o.StreamWindow == 0 {
		o.StreamWindow = DefaultStreamWindow
	}
	if o.ConnWindow == 0 {
		o.ConnWindow = DefaultConnWindow
	}
	if o.StreamWorkers <= 0 {
		o.StreamWorkers = runtime.GOMAXPROCS(0)
	}
	if o.KeepaliveTime <= 0 {
		o.KeepaliveTime = DefaultKeepaliveTime
	}
	if o.KeepaliveTimeout <= 0 {
		o.KeepaliveTimeout = DefaultKeepaliveTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Serve reports SERVING and serves calls on lis until Shutdown, when it returns nil.
// It returns the listener's error otherwise.
func (s *Server) Serve(lis net.Listener) error {
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	s.health.SetServingStatus(ServiceName, healthpb.HealthCheckResponse_SERVING)
	err := s.grpc.Serve(lis)
	if errors.Is(err, grpc.ErrServerStopped) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("server: serve %s: %w", lis.Addr(), err)
	}
	return nil
}

// Shutdown drains the server: health turns NOT_SERVING at once; after the DrainDelay new
// calls are refused and open streams stop taking documents, answer the ones they have read
// and end with UNAVAILABLE (so their clients resend the rest elsewhere); Shutdown returns
// once every call in flight has finished. If ctx ends first, the remaining calls are cut
// off and Shutdown returns ctx's error. Calls after the first do nothing.
func (s *Server) Shutdown(ctx context.Context) error {
	err := errors.New("server: shutdown already called")
	s.stopOnce.Do(func() {
		err = s.shutdown(ctx)
	})
	return err
}

func (s *Server) shutdown(ctx context.Context) error {
	s.health.Shutdown()
	s.log.Info("draining", slog.Duration("delay", s.delay))
	if s.delay > 0 {
		t := time.NewTimer(s.delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}
	close(s.svc.draining)
	done := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
		s.log.Info("stopped")
		return nil
	case <-ctx.Done():
		s.grpc.Stop()
		<-done
		s.log.Warn("stopped before the calls in flight finished", slog.Any("err", ctx.Err()))
		return fmt.Errorf("server: shutdown: %w", ctx.Err())
	}
}

// drainingHealth is the health service with one change: Watch streams end when the
// server drains, since GracefulStop would otherwise wait for them until cut off.
type drainingHealth struct {
	*health.Server
	draining <-chan struct{}
}

func (h *drainingHealth) Watch(req *healthpb.HealthCheckRequest, stream healthpb.Health_WatchServer) error {
	ctx, cancel := context.WithCancel(stream.Context())
	defer cancel()
	go func() {
		select {
		case <-h.draining:
			cancel()
		case <-ctx.Done():
		}
	}()
	return h.Server.Watch(req, watchStream{stream, ctx})
}

// watchStream replaces a stream's context.
type watchStream struct {
	healthpb.Health_WatchServer
	ctx context.Context
}

func (w watchStream) Context() context.Context { return w.ctx }
