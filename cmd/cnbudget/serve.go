package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"strings"
	"time"

	"google.golang.org/grpc/credentials"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/server"
)

// serveConfig is the configuration of the serve command, from flags and environment.
type serveConfig struct {
	addr            string
	maxBytes        int64
	requestTimeout  time.Duration
	maxInFlight     int
	streamWorkers   int
	streamWindow    int64
	connWindow      int64
	tlsCert, tlsKey string
	authToken       string
	keepaliveTime   time.Duration
	keepaliveTO     time.Duration
	drainDelay      time.Duration
	shutdownTimeout time.Duration
	logFormat       string
	logLevel        slog.Level
	debugAddr       string
	httpAddr        string
}

// envName is the environment variable that sets flag name: CNBUDGET_ and the name in
// upper case with dashes as underscores (--max-bytes: CNBUDGET_MAX_BYTES).
func envName(flagName string) string {
	return "CNBUDGET_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseServeFlags reads the configuration: a flag wins over its environment variable,
// which wins over the default.
func parseServeFlags(args []string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("cnbudget serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:50051", "`host:port` to listen on (:50051 for every interface)")
	fs.Int64Var(&c.maxBytes, "max-bytes", extract.DefaultMaxBytes, "largest document accepted, in `bytes`; the gRPC receive limit is 1 MiB more")
	fs.DurationVar(&c.requestTimeout, "request-timeout", server.DefaultRequestTimeout, "bound on the work on one document, on top of the client's deadline")
	fs.IntVar(&c.maxInFlight, "max-in-flight", server.DefaultMaxInFlight(), "documents worked on at once; calls beyond it get RESOURCE_EXHAUSTED")
	fs.IntVar(&c.streamWorkers, "stream-workers", runtime.GOMAXPROCS(0), "documents of one ExtractStream worked on at once")
	fs.Int64Var(&c.streamWindow, "stream-window", server.DefaultStreamWindow, "HTTP/2 flow-control window of a call, in `bytes` (64 KiB or more; 0 with --conn-window 0: gRPC's own)")
	fs.Int64Var(&c.connWindow, "conn-window", server.DefaultConnWindow, "HTTP/2 flow-control window of a connection, in `bytes`: the most request data it holds unread (64 KiB or more; 0: gRPC's own)")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "PEM certificate `file` to serve TLS (with --tls-key)")
	fs.StringVar(&c.tlsKey, "tls-key", "", "PEM private key `file` to serve TLS (with --tls-cert)")
	fs.StringVar(&c.authToken, "auth-token", "", "bearer `token` every call but health must carry (prefer the environment variable)")
	fs.DurationVar(&c.keepaliveTime, "keepalive-time", server.DefaultKeepaliveTime, "ping a connection silent this long")
	fs.DurationVar(&c.keepaliveTO, "keepalive-timeout", server.DefaultKeepaliveTimeout, "close a connection whose ping is not answered within this")
	fs.DurationVar(&c.drainDelay, "drain-delay", 0, "on SIGINT/SIGTERM, report NOT_SERVING this long before refusing new calls")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGINT/SIGTERM, wait this long for calls in flight, then cut them off")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.debugAddr, "debug-addr", "", "`host:port` for Go's profiles at /debug/pprof/ (off when empty; keep it off public interfaces)")
	fs.TextVar(&c.logLevel, "log-level", slog.LevelInfo, "log level: debug, info, warn or error")
	fs.StringVar(&c.httpAddr, "http", "", "`host:port` to serve the same API over HTTP/JSON too, with /healthz, /openapi.json and an upload form at / (off when empty)")
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		name := envName(f.Name)
		f.Usage += " (env " + name + ")"
		if v, ok := os.LookupEnv(name); ok && envErr == nil {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = fmt.Errorf("%s=%q: %w", name, v, err)
			}
		}
	})
	if envErr != nil {
		return c, envErr
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments: %q", fs.Args())
	case (c.tlsCert == "") != (c.tlsKey == ""):
		return c, errors.New("--tls-cert and --tls-key go together")
	case c.maxBytes <= 0:
		return c, errors.New("--max-bytes must be positive")
	case !validWindow(c.streamWindow) || !validWindow(c.connWindow):
		return c, errors.New("--stream-window and --conn-window take 0 or 65536 to 2147483647 bytes")
	case (c.streamWindow == 0) != (c.connWindow == 0):
		return c, errors.New("--stream-window 0 and --conn-window 0 go together: gRPC's own windows replace both")
	case c.logFormat != "text" && c.logFormat != "json":
		return c, fmt.Errorf("--log-format %q: want text or json", c.logFormat)
	}
	return c, nil
}

// validWindow reports whether n is a flow-control window the flags take: 0, for gRPC's
// own, or one gRPC accepts.
func validWindow(n int64) bool {
	return n == 0 || n >= 64<<10 && n <= math.MaxInt32
}

// window maps a window flag to server.Options, where 0 means the server's default and
// a negative value gRPC's own windows.
func window(n int64) int32 {
	if n == 0 {
		return -1
	}
	return int32(n)
}

// runServe serves the extractor until ctx is cancelled (SIGINT or SIGTERM), then drains:
// health turns NOT_SERVING and the calls in flight finish, within --shutdown-timeout.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, err := parseServeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "cnbudget serve:", err)
		return 2
	}
	hopts := &slog.HandlerOptions{Level: c.logLevel}
	var log *slog.Logger
	if c.logFormat == "json" {
		log = slog.New(slog.NewJSONHandler(stderr, hopts))
	} else {
		log = slog.New(slog.NewTextHandler(stderr, hopts))
	}
	if err := serve(ctx, c, log); err != nil {
		log.Error("serve", slog.Any("err", err))
		return 1
	}
	return 0
}

func serve(ctx context.Context, c serveConfig, log *slog.Logger) error {
	start := time.Now()
	x, err := extract.New(extract.Options{MaxBytes: c.maxBytes})
	if err != nil {
		return fmt.Errorf("load the extractor: %w", err)
	}
	// Load the segmenter's dictionary now, so the first Segment call is as fast as the rest
	// and health says SERVING only once everything is loaded.
	if _, err := x.Segment(ctx, "预算"); err != nil {
		return fmt.Errorf("load the dictionary: %w", err)
	}
	log.Info("extractor ready", slog.String("version", extract.Version), slog.Duration("load", time.Since(start)))
	opts := server.Options{
		MaxRecvBytes:     int(c.maxBytes) + 1<<20,
		RequestTimeout:   c.requestTimeout,
		MaxInFlight:      c.maxInFlight,
		StreamWorkers:    c.streamWorkers,
		StreamWindow:     window(c.streamWindow),
		ConnWindow:       window(c.connWindow),
		AuthToken:        c.authToken,
		KeepaliveTime:    c.keepaliveTime,
		KeepaliveTimeout: c.keepaliveTO,
		DrainDelay:       c.drainDelay,
		Logger:           log,
	}
	if c.tlsCert != "" {
		creds, err := credentials.NewServerTLSFromFile(c.tlsCert, c.tlsKey)
		if err != nil {
			return fmt.Errorf("load TLS: %w", err)
		}
		opts.Creds = creds
	}
	lis, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := server.New(x, opts)
	if c.debugAddr != "" {
		stop, err := serveDebug(c.debugAddr, log)
		if err != nil {
			lis.Close()
			return fmt.Errorf("debug listener: %w", err)
		}
		defer stop()
	}
	if c.httpAddr != "" {
		stopHTTP, err := startHTTP(c, srv, opts.MaxRecvBytes, log)
		if err != nil {
			lis.Close()
			return fmt.Errorf("http listener: %w", err)
		}
		defer stopHTTP() // after the gRPC server has drained: its calls in flight came from here
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	log.Info("listening", slog.String("addr", lis.Addr().String()),
		slog.Bool("tls", opts.Creds != nil), slog.Bool("auth", c.authToken != ""))

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", slog.Duration("timeout", c.shutdownTimeout))
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	serr := srv.Shutdown(sctx)
	if err := <-served; err != nil {
		return err
	}
	return serr
}

// The core is what the server serves.
var _ server.Extractor = (*extract.Extractor)(nil)

// serveDebug serves Go's runtime profiles on addr under /debug/pprof/, so an operator can
// see where a loaded server spends its time (go tool pprof http://addr/debug/pprof/profile).
// The handlers are registered on a mux of their own, never on the gRPC port.
func serveDebug(addr string, log *slog.Logger) (stop func(), err error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(lis)
	log.Info("debug listening", slog.String("addr", lis.Addr().String()))
	return func() { hs.Close() }, nil
}
