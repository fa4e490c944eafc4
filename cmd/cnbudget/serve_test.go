package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/proto"

	"github.com/cnbudget/cnbudget/client"
	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// lockedBuffer collects the server's log while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// listenAddr waits for the "listening" line of a JSON log and returns its address.
func listenAddr(t *testing.T, log *lockedBuffer, exited <-chan int) string {
	t.Helper()
	return logAddr(t, log, exited, "listening")
}

// logAddr waits for the line msg of a JSON log and returns its address.
func logAddr(t *testing.T, log *lockedBuffer, exited <-chan int, msg string) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		sc := bufio.NewScanner(strings.NewReader(log.String()))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == msg {
				return line.Addr
			}
		}
		select {
		case code := <-exited:
			t.Fatalf("serve exited with %d before listening:\n%s", code, log.String())
		case <-deadline:
			t.Fatalf("no %q line within 30s:\n%s", msg, log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// The whole command: serve on a loopback port, answer health and the seed with the
// record the core makes, and exit 0 after draining when its context ends.
func TestServe(t *testing.T) {
	seed, err := os.ReadFile("../../server/testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	log := &lockedBuffer{}
	exited := make(chan int, 1)
	go func() {
		exited <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--log-format", "json", "--auth-token", "tok",
			"--debug-addr", "127.0.0.1:0"}, nil, io.Discard, log)
	}()
	addr := listenAddr(t, log, exited)

	// The profiles are on their own port, not the gRPC one.
	debug := logAddr(t, log, exited, "debug listening")
	if debug == addr {
		t.Fatalf("debug handlers on the gRPC address %s", addr)
	}
	hr, err := http.Get("http://" + debug + "/debug/pprof/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	hr.Body.Close()
	if hr.StatusCode != http.StatusOK {
		t.Errorf("GET /debug/pprof/cmdline: %s, want 200", hr.Status)
	}

	c, err := client.Dial(addr, client.WithToken("tok"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	h, err := c.Health.Check(cctx, &healthpb.HealthCheckRequest{})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health: %v %v, want SERVING", h, err)
	}
	resp, err := c.Extract(cctx, &cnbudgetv1.ExtractRequest{Name: "seed.txt", Content: seed})
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := x.Extract(cctx, extract.Document{Name: "seed.txt", Content: seed})
	if err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(resp.GetRecord(), want) {
		t.Errorf("served record differs from the core's:\n got %v\nwant %v", resp.GetRecord(), want)
	}

	stop()
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("exit status %d after SIGINT, want 0:\n%s", code, log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of its context ending")
	}
	if !strings.Contains(log.String(), `"method":"/cnbudget.v1.ExtractorService/Extract"`) {
		t.Errorf("no log line for the Extract call:\n%s", log.String())
	}
}

func TestParseServeFlags(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		check   func(serveConfig) bool
		wantErr bool
	}{
		{"defaults", nil, nil, func(c serveConfig) bool {
			return c.addr == "127.0.0.1:50051" && c.maxBytes == extract.DefaultMaxBytes && c.authToken == ""
		}, false},
		{"env", map[string]string{"CNBUDGET_ADDR": ":6000", "CNBUDGET_MAX_IN_FLIGHT": "7", "CNBUDGET_AUTH_TOKEN": "t", "CNBUDGET_REQUEST_TIMEOUT": "5s"}, nil,
			func(c serveConfig) bool {
				return c.addr == ":6000" && c.maxInFlight == 7 && c.authToken == "t" && c.requestTimeout == 5*time.Second
			}, false},
		{"flag over env", map[string]string{"CNBUDGET_ADDR": ":6000"}, []string{"--addr", ":7000"},
			func(c serveConfig) bool { return c.addr == ":7000" }, false},
		{"bad env", map[string]string{"CNBUDGET_MAX_BYTES": "lots"}, nil, nil, true},
		{"cert without key", nil, []string{"--tls-cert", "c.pem"}, nil, true},
		{"stray argument", nil, []string{"extra"}, nil, true},
		{"bad log format", nil, []string{"--log-format", "xml"}, nil, true},
		{"log level", nil, []string{"--log-level", "debug"}, func(c serveConfig) bool { return c.logLevel.String() == "DEBUG" }, false},
		{"windows by default", nil, nil, func(c serveConfig) bool {
			return window(c.streamWindow) == server.DefaultStreamWindow && window(c.connWindow) == server.DefaultConnWindow
		}, false},
		{"windows set", map[string]string{"CNBUDGET_CONN_WINDOW": "16777216"}, []string{"--stream-window", "65536"}, func(c serveConfig) bool {
			return window(c.streamWindow) == 65536 && window(c.connWindow) == 16<<20
		}, false},
		{"gRPC's own windows", nil, []string{"--stream-window", "0", "--conn-window", "0"}, func(c serveConfig) bool {
			return window(c.streamWindow) < 0 && window(c.connWindow) < 0
		}, false},
		{"window under gRPC's least", nil, []string{"--conn-window", "65535"}, nil, true},
		{"window over int32", nil, []string{"--stream-window", "2147483648"}, nil, true},
		{"one window 0", nil, []string{"--stream-window", "0"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := parseServeFlags(tt.args, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.check != nil && !tt.check(c) {
				t.Errorf("config %+v", c)
			}
		})
	}
}

func TestServeUsage(t *testing.T) {
	var stderr bytes.Buffer
	if code := Main(context.Background(), []string{"serve", "--no-such-flag"}, nil, io.Discard, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "CNBUDGET_ADDR") {
		t.Errorf("usage does not name the environment variables:\n%s", stderr.String())
	}
}
