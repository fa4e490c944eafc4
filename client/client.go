// Package client is the Go client of the cnbudget extractor service: Dial connects to one
// or more replicas with round-robin balancing, retries of UNAVAILABLE for the unary calls,
// keepalive, and an optional bearer token and TLS; the Client is a
// cnbudgetv1.ExtractorServiceClient.
//
//	c, err := client.Dial("dns:///cnbudget.internal:50051", client.WithToken(tok))
//	if err != nil { ... }
//	defer c.Close()
//	resp, err := c.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: "a.pdf", Content: b})
package client

import (
	"context"
	"fmt"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// DefaultMaxMessageBytes is the default limit on a message either way: a document of the
// server's default limit (32 MiB) with room for its name.
const DefaultMaxMessageBytes = 32<<20 + 1<<20

// KeepaliveTime is how often the client pings a connection that has calls open but is
// silent; the server allows pings every 10s.
const KeepaliveTime = 30 * time.Second

// serviceConfig balances round-robin over every address of the target and retries the
// unary calls (which have no side effects) on UNAVAILABLE: a replica restarting or draining.
// Streams are not retried by gRPC once a response came; a batch resends what was not answered.
const serviceConfig = `{
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [
      {"service": "cnbudget.v1.ExtractorService", "method": "Extract"},
      {"service": "cnbudget.v1.ExtractorService", "method": "Segment"}
    ],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.1s",
      "maxBackoff": "2s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
}`

// Client is a connection to the extractor service, safe for concurrent use. Make one per
// process and share it; Close it when done.
type Client struct {
	cnbudgetv1.ExtractorServiceClient
	// Health checks the replicas' health (grpc.health.v1); the service is named
	// "cnbudget.v1.ExtractorService", and "" stands for the whole server.
	Health healthpb.HealthClient

	conn *grpc.ClientConn
}

// Option configures Dial.
type Option func(*options)

type options struct {
	token    string
	creds    credentials.TransportCredentials
	maxBytes int
	extra    []grpc.DialOption
}

// WithToken sends token as "authorization: Bearer TOKEN" on every call. Over plaintext the
// token travels in the clear: use it with WithTLS outside a trusted network.
func WithToken(token string) Option { return func(o *options) { o.token = token } }

// WithTLS connects with creds (e.g. credentials.NewTLS(cfg)); the default is plaintext.
func WithTLS(creds credentials.TransportCredentials) Option {
	return func(o *options) { o.creds = creds }
}

// WithMaxMessageBytes sets the largest message sent or received; the default is
// DefaultMaxMessageBytes. Keep it at most the server's receive limit.
func WithMaxMessageBytes(n int) Option { return func(o *options) { o.maxBytes = n } }

// WithDialOptions adds gRPC dial options after the client's own, e.g. a context dialer
// for an in-process listener in tests.
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(o *options) { o.extra = append(o.extra, opts...) }
}

// Dial connects to one or more replicas. target: "dns:///host:port" (client-side
// round_robin over all addresses the name resolves to), "host:port", or a comma-separated
// list "h1:p1,h2:p2" (a manual resolver, round_robin). Any other gRPC target with a scheme
// ("unix:///path", "passthrough:///addr") is used as it is. Dial does not wait for a
// connection: the first call does, and fails with UNAVAILABLE if none can be made.
func Dial(target string, opts ...Option) (*Client, error) {
	o := options{maxBytes: DefaultMaxMessageBytes}
	for _, opt := range opts {
		opt(&o)
	}
	target = strings.TrimSpace(target)
	if target == "" {
		return nil, fmt.Errorf("client: dial: empty target")
	}
	creds := o.creds
	if creds == nil {
		creds = insecure.NewCredentials()
	}
	dopts := []grpc.DialOption{
		grpc.WithTransportCredentials(creds),
		grpc.WithDefaultServiceConfig(serviceConfig),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: KeepaliveTime, Timeout: 10 * time.Second}),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(o.maxBytes),
			grpc.MaxCallSendMsgSize(o.maxBytes),
			// Keep whole documents for a retry; beyond this buffer gRPC would not retry.
			grpc.MaxRetryRPCBufferSize(o.maxBytes),
		),
	}
	if o.token != "" {
		dopts = append(dopts, grpc.WithPerRPCCredentials(bearer{token: o.token, secure: o.creds != nil}))
	}
	if strings.Contains(target, ",") {
		addrs, err := splitAddrs(target)
		if err != nil {
			return nil, err
		}
		r := manual.NewBuilderWithScheme("cnbudget-replicas")
		r.InitialState(resolver.State{Addresses: addrs})
		dopts = append(dopts, grpc.WithResolvers(r))
		target = r.Scheme() + ":///replicas"
	} else if !strings.Contains(target, "://") {
		target = "dns:///" + target
	}
	dopts = append(dopts, o.extra...)
	conn, err := grpc.NewClient(target, dopts...)
	if err != nil {
		return nil, fmt.Errorf("client: dial %s: %w", target, err)
	}
	return &Client{
		ExtractorServiceClient: cnbudgetv1.NewExtractorServiceClient(conn),
		Health:                 healthpb.NewHealthClient(conn),
		conn:                   conn,
	}, nil
}

func splitAddrs(list string) ([]resolver.Address, error) {
	var addrs []resolver.Address
	for _, a := range strings.Split(list, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if strings.Contains(a, "://") {
			return nil, fmt.Errorf("client: dial: %q in a list of replicas: give host:port only", a)
		}
		addrs = append(addrs, resolver.Address{Addr: a})
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("client: dial: no address in %q", list)
	}
	return addrs, nil
}

// Conn returns the underlying connection, for other services on the same server.
func (c *Client) Conn() *grpc.ClientConn { return c.conn }

// Close closes the connection; calls in progress fail with CANCELED.
func (c *Client) Close() error { return c.conn.Close() }

// bearer sends a bearer token with every call.
type bearer struct {
	token  string
	secure bool // refuse to send over plaintext: set when the client was given TLS
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

func (b bearer) RequireTransportSecurity() bool { return b.secure }
