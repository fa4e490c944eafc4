package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"log/slog"
	"math"
	"net"
	"net/http"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/cnbudget/cnbudget/gateway"
	"github.com/cnbudget/cnbudget/server"
)

// startHTTP serves the HTTP/JSON gateway (and the review form) on c.httpAddr. It returns
// a function that stops it, to be called after the gRPC server has drained.
//
// The gateway calls the gRPC server through a client connection over an in-memory pipe,
// not through RegisterExtractorServiceHandlerServer, which would call the service's
// methods directly: that would skip the server's interceptors (the bearer token, the log
// line, panic recovery), its receive limit and its health, each of which the HTTP face
// would then need a second copy of that could drift. Over the pipe an HTTP call is a gRPC
// call like any other, for the cost of encoding the request and the record once more
// (microseconds beside the extraction), with no port to open and nothing to configure;
// with TLS the pipe speaks TLS too, pinned to the server's own certificate.
func startHTTP(c serveConfig, srv *server.Server, maxRecv int, log *slog.Logger) (stop func(), err error) {
	pipe := bufconn.Listen(1 << 20)
	go srv.Serve(pipe) // ends when the server shuts down
	creds := insecure.NewCredentials()
	var cert tls.Certificate
	if c.tlsCert != "" {
		cert, err = tls.LoadX509KeyPair(c.tlsCert, c.tlsKey)
		if err != nil {
			return nil, err
		}
		own := cert.Certificate[0]
		creds = credentials.NewTLS(&tls.Config{
			// The peer is this process, at the end of the pipe: instead of a name to check,
			// the certificate must be the one the server was given.
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
				if len(raw) == 0 || !bytes.Equal(raw[0], own) {
					return errors.New("the in-process gRPC server presented another certificate")
				}
				return nil
			},
		})
	}
	conn, err := grpc.NewClient("passthrough:///cnbudget-in-process",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return pipe.DialContext(ctx) }),
		grpc.WithTransportCredentials(creds),
		grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(maxRecv), grpc.MaxCallRecvMsgSize(math.MaxInt32)))
	if err != nil {
		return nil, err
	}
	h, err := gateway.New(conn, gateway.Options{MaxBytes: c.maxBytes, Logger: log})
	if err != nil {
		conn.Close()
		return nil, err
	}
	lis, err := net.Listen("tcp", c.httpAddr)
	if err != nil {
		conn.Close()
		return nil, err
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if c.requestTimeout > 0 {
		// A body must arrive within the time a document may take: no slow uploads held open.
		hs.ReadTimeout = c.requestTimeout
	}
	if c.tlsCert != "" {
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		lis = tls.NewListener(lis, hs.TLSConfig)
	}
	go func() {
		if err := hs.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http serve", slog.Any("err", err))
		}
	}()
	log.Info("http listening", slog.String("addr", lis.Addr().String()), slog.Bool("tls", c.tlsCert != ""))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
		defer cancel()
		if err := hs.Shutdown(ctx); err != nil {
			hs.Close()
		}
		conn.Close()
	}, nil
}
