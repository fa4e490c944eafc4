package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/test/bufconn"

	"github.com/cnbudget/cnbudget/client"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// Documents the fake extractor treats specially, by their first bytes.
var (
	pngDoc       = append([]byte("\x89PNG\r\n\x1a\n"), 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x10, 0x7f)
	truncatedPDF = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty")
	blockDoc     = []byte("BLOCK until released or the context ends")
	panicDoc     = []byte("PANIC in a dependency")
	stubbornDoc  = []byte("STUBBORN: ignores its context for a while")
)

// fake is an Extractor whose behaviour tests steer by the document's first bytes: empty,
// PNG and truncated PDF documents fail as the core fails them; BLOCK waits for release or
// the context; PANIC panics; STUBBORN sleeps without heeding the context. Any other
// document yields a record naming it.
type fake struct {
	maxBytes int
	release  chan struct{} // closed to let BLOCK documents go
	entered  chan struct{} // one send per BLOCK document started
	ctxErr   chan error    // the context error each BLOCK document saw
	calls    atomic.Int64
	// first, when set, is returned by the first call only.
	first atomic.Pointer[error]
}

func newFake() *fake {
	return &fake{
		release: make(chan struct{}),
		entered: make(chan struct{}, 1000),
		ctxErr:  make(chan error, 1000),
	}
}

func (f *fake) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	f.calls.Add(1)
	if e := f.first.Swap(nil); e != nil {
		return nil, *e
	}
	c := doc.Content
	switch {
	case len(c) == 0:
		return nil, fail.Errorf("extract", fail.Empty, "empty document")
	case f.maxBytes > 0 && len(c) > f.maxBytes:
		return nil, fail.Errorf("extract", fail.TooLarge, "%d bytes over the limit", len(c))
	case bytes.HasPrefix(c, []byte("\x89PNG")):
		return nil, fail.Errorf("sniff", fail.Binary, "binary data, not a document")
	case bytes.HasPrefix(c, []byte("%PDF-")):
		return nil, fail.Errorf("pdf", fail.Damaged, "truncated file")
	case bytes.HasPrefix(c, panicDoc):
		panic("a dependency fell over")
	case bytes.HasPrefix(c, stubbornDoc):
		time.Sleep(3 * time.Second)
	case bytes.HasPrefix(c, blockDoc):
		f.entered <- struct{}{}
		select {
		case <-f.release:
		case <-ctx.Done():
			f.ctxErr <- ctx.Err()
			return nil, ctx.Err()
		}
	}
	sum := sha256.Sum256(c)
	return &cnbudgetv1.Record{
		Document:         &cnbudgetv1.DocumentInfo{Name: doc.Name, MediaType: doc.MediaType, Size: int64(len(c)), Sha256: hex.EncodeToString(sum[:])},
		ExtractorVersion: "fake",
	}, nil
}

// Segment cuts text into one token per rune, or panics on "PANIC".
func (f *fake) Segment(ctx context.Context, text string) ([]*cnbudgetv1.Token, error) {
	if text == "PANIC" {
		panic("segmenter fell over")
	}
	var toks []*cnbudgetv1.Token
	i := int32(0)
	for _, r := range text {
		toks = append(toks, &cnbudgetv1.Token{Text: string(r), Pos: "x", Start: i, End: i + 1})
		i++
	}
	return toks, nil
}

// waitEntered waits until n BLOCK documents have started.
func (f *fake) waitEntered(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		select {
		case <-f.entered:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d of %d blocking documents started", i, n)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log into.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a running server and a client connected to it.
type testServer struct {
	srv    *server.Server
	client *client.Client
	logs   *syncBuffer
	addr   string // loopback address, for servers on a real port
	served chan error
}

// startBufconn runs a server for x in process over bufconn and connects a client to it.
// Unless opts has a Logger, the server logs JSON at debug level into ts.logs.
func startBufconn(t testing.TB, x server.Extractor, opts server.Options, copts ...client.Option) *testServer {
	t.Helper()
	lis := bufconn.Listen(1 << 20)
	ts := start(t, lis, x, opts)
	copts = append(copts, client.WithDialOptions(grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return lis.DialContext(ctx)
	})))
	c, err := client.Dial("passthrough:///bufnet", copts...)
	if err != nil {
		t.Fatal(err)
	}
	ts.client = c
	t.Cleanup(func() { c.Close() })
	return ts
}

// startTCP runs a server for x on a loopback port and connects a client to it.
func startTCP(t testing.TB, x server.Extractor, opts server.Options, copts ...client.Option) *testServer {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, lis, x, opts)
	ts.addr = lis.Addr().String()
	c, err := client.Dial(ts.addr, copts...)
	if err != nil {
		t.Fatal(err)
	}
	ts.client = c
	t.Cleanup(func() { c.Close() })
	return ts
}

func start(t testing.TB, lis net.Listener, x server.Extractor, opts server.Options) *testServer {
	ts := &testServer{logs: &syncBuffer{}, served: make(chan error, 1)}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewJSONHandler(ts.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ts.srv = server.New(x, opts)
	go func() { ts.served <- ts.srv.Serve(lis) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ts.srv.Shutdown(ctx)
		if err := <-ts.served; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if t.Failed() && testing.Verbose() {
			t.Logf("server log:\n%s", ts.logs.String())
		}
	})
	return ts
}

// seed returns the seed document kept in testdata.
func seed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ctxT returns a context that ends with the test or after d.
func ctxT(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
