package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// badRequestReason returns the reason of the BadRequest violation of field "content" in
// err's status, or "" when there is none.
func badRequestReason(err error) string {
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				if v.GetField() == "content" {
					return v.GetReason()
				}
			}
		}
	}
	return ""
}

// errorInfoReason returns the reason of the ErrorInfo in err's status, or "".
func errorInfoReason(err error) string {
	for _, d := range status.Convert(err).Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info.GetReason()
		}
	}
	return ""
}

func TestExtract(t *testing.T) {
	f := newFake()
	f.maxBytes = 4096
	ts := startBufconn(t, f, server.Options{})
	tests := []struct {
		name      string
		content   []byte
		code      codes.Code
		reason    string // ErrorInfo reason
		violation bool   // a BadRequest violation of "content" with the same reason
	}{
		{"good.txt", []byte("某县2023年部门预算情况说明"), codes.OK, "", false},
		{"empty.txt", nil, codes.InvalidArgument, "EMPTY", true},
		{"image.png", pngDoc, codes.InvalidArgument, "BINARY", true},
		{"short.pdf", truncatedPDF, codes.InvalidArgument, "DAMAGED", true},
		{"huge.txt", make([]byte, 5000), codes.ResourceExhausted, "TOO_LARGE", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{
				Name: tt.name, MediaType: "text/plain", Content: tt.content,
			})
			if got := status.Code(err); got != tt.code {
				t.Fatalf("code = %v (%v), want %v", got, err, tt.code)
			}
			if tt.code == codes.OK {
				doc := resp.GetRecord().GetDocument()
				if doc.GetName() != tt.name || doc.GetMediaType() != "text/plain" || doc.GetSize() != int64(len(tt.content)) {
					t.Errorf("record's document = %v, want name, media type and size of the request", doc)
				}
				return
			}
			if got := errorInfoReason(err); got != tt.reason {
				t.Errorf("ErrorInfo reason = %q, want %q", got, tt.reason)
			}
			if got := badRequestReason(err); tt.violation && got != tt.reason {
				t.Errorf("BadRequest violation of content: reason %q, want %q", got, tt.reason)
			}
		})
	}
}

// The server answers exactly what the core answers: the same record for the seed, and for
// each bad document the code the table gives the core's error.
func TestExtractMatchesCore(t *testing.T) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := startBufconn(t, x, server.Options{})
	tables, err := os.ReadFile("../testdata/tables/f02_district_budget.html")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{"seed.txt": seed(t), "empty.txt": nil, "image.png": pngDoc, "short.pdf": truncatedPDF, "tables.html": tables}
	for name, content := range docs {
		t.Run(name, func(t *testing.T) {
			ctx := ctxT(t, 30*time.Second)
			want, wantErr := x.Extract(ctx, extract.Document{Name: name, Content: content})
			resp, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: name, Content: content})
			if wantErr != nil {
				if got, want := status.Code(err), server.Code(fail.KindOf(wantErr)); got != want {
					t.Fatalf("code = %v, want %v (the core said %v)", got, want, wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Extract: %v; the core read it", err)
			}
			if !proto.Equal(resp.GetRecord(), want) {
				t.Errorf("record over gRPC differs from the core's:\n got %v\nwant %v", resp.GetRecord(), want)
			}
			if name == "tables.html" && len(resp.GetRecord().GetTables()) != 5 {
				t.Errorf("a disclosure with five standard tables of coded rows came back with %d", len(resp.GetRecord().GetTables()))
			}
		})
	}
}

// noSegmenter is an extractor whose Segment answers with a status of its own.
type noSegmenter struct{ *fake }

func (noSegmenter) Segment(context.Context, string) ([]*cnbudgetv1.Token, error) {
	return nil, status.Error(codes.Unimplemented, "no segmenter")
}

func TestSegment(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{})
	text := "一般公共预算拨款"
	resp, err := ts.client.Segment(ctxT(t, 10*time.Second), &cnbudgetv1.SegmentRequest{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, tok := range resp.GetTokens() {
		if int(tok.GetStart()) != i || tok.GetEnd() != tok.GetStart()+1 || tok.GetPos() == "" {
			t.Errorf("token %d = %v: offsets or pos lost on the way", i, tok)
		}
		b.WriteString(tok.GetText())
	}
	if b.String() != text {
		t.Errorf("tokens join to %q, want %q", b.String(), text)
	}

	// A status error of the extractor reaches the client as it is.
	ts2 := startBufconn(t, noSegmenter{newFake()}, server.Options{})
	_, err = ts2.client.Segment(ctxT(t, 10*time.Second), &cnbudgetv1.SegmentRequest{Text: text})
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("Segment without a segmenter: %v, want UNIMPLEMENTED", err)
	}
}

// Segment over gRPC gives the core's tokens.
func TestSegmentMatchesCore(t *testing.T) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := startBufconn(t, x, server.Options{})
	ctx := ctxT(t, 30*time.Second)
	text := "2023年一般公共预算拨款收入123.45万元"
	want, err := x.Segment(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ts.client.Segment(ctx, &cnbudgetv1.SegmentRequest{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || len(resp.GetTokens()) != len(want) {
		t.Fatalf("%d tokens over gRPC, %d from the core", len(resp.GetTokens()), len(want))
	}
	for i := range want {
		if !proto.Equal(resp.GetTokens()[i], want[i]) {
			t.Errorf("token %d: %v, want %v", i, resp.GetTokens()[i], want[i])
		}
	}
}

// A stream of 100 documents, some bad: every document is answered once, the good ones
// with their record, the bad ones with the failure Extract would give them.
func TestExtractStream100(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{StreamWorkers: 4, MaxInFlight: 8})
	type want struct {
		code   codes.Code
		reason string
	}
	wants := map[string]want{}
	contents := map[string][]byte{}
	for i := 0; i < 100; i++ {
		id := fmt.Sprintf("doc-%03d", i)
		switch i % 10 {
		case 3:
			contents[id], wants[id] = nil, want{codes.InvalidArgument, "EMPTY"}
		case 6:
			contents[id], wants[id] = pngDoc, want{codes.InvalidArgument, "BINARY"}
		case 9:
			contents[id], wants[id] = truncatedPDF, want{codes.InvalidArgument, "DAMAGED"}
		case 4:
			if i == 44 {
				contents[id], wants[id] = panicDoc, want{codes.Internal, "INTERNAL"}
				break
			}
			fallthrough
		default:
			contents[id], wants[id] = []byte("文档 "+id), want{codes.OK, ""}
		}
	}
	stream, err := ts.client.ExtractStream(ctxT(t, 30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for i := 0; i < 100; i++ {
			id := fmt.Sprintf("doc-%03d", i)
			if err := stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: id, Name: id + ".txt", Content: contents[id]}); err != nil {
				return
			}
		}
		stream.CloseSend()
	}()
	seen := map[string]bool{}
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("stream ended with %v after %d answers", err, len(seen))
		}
		id := resp.GetId()
		w, ok := wants[id]
		if !ok || seen[id] {
			t.Fatalf("answer for unknown or repeated id %q", id)
		}
		seen[id] = true
		if w.code == codes.OK {
			if resp.GetRecord().GetDocument().GetName() != id+".txt" {
				t.Errorf("%s: got %v, want its record", id, resp)
			}
			continue
		}
		f := resp.GetFailure()
		if codes.Code(f.GetCode()) != w.code || f.GetReason() != w.reason || f.GetMessage() == "" {
			t.Errorf("%s: failure %v, want code %v reason %s and a message", id, f, w.code, w.reason)
		}
	}
	if len(seen) != 100 {
		t.Errorf("%d documents answered, want 100", len(seen))
	}
}

// Over a stream the real core's answers are the same as its direct answers.
func TestExtractStreamMatchesCore(t *testing.T) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := startBufconn(t, x, server.Options{})
	docs := [][]byte{seed(t), nil, pngDoc, truncatedPDF, seed(t)}
	ctx := ctxT(t, 60*time.Second)
	stream, err := ts.client.ExtractStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: fmt.Sprint(i), Name: fmt.Sprintf("%d.txt", i), Content: d}); err != nil {
			t.Fatal(err)
		}
	}
	stream.CloseSend()
	n := 0
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		var i int
		fmt.Sscan(resp.GetId(), &i)
		want, wantErr := x.Extract(ctx, extract.Document{Name: fmt.Sprintf("%d.txt", i), Content: docs[i]})
		if wantErr != nil {
			if got, want := codes.Code(resp.GetFailure().GetCode()), server.Code(fail.KindOf(wantErr)); got != want || resp.GetFailure().GetReason() != fail.KindOf(wantErr).String() {
				t.Errorf("document %d: %v, want code %v for the core's %v", i, resp, want, wantErr)
			}
			continue
		}
		if !proto.Equal(resp.GetRecord(), want) {
			t.Errorf("document %d: record differs from the core's", i)
		}
	}
	if n != len(docs) {
		t.Errorf("%d answers for %d documents", n, len(docs))
	}
}

func TestReceiveLimit(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{MaxRecvBytes: 1024})
	_, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{Content: make([]byte, 2048)})
	if status.Code(err) != codes.ResourceExhausted {
		t.Errorf("2 KiB over a 1 KiB limit: %v, want RESOURCE_EXHAUSTED", err)
	}
	if _, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{Content: make([]byte, 512)}); err != nil {
		t.Errorf("512 bytes under a 1 KiB limit: %v", err)
	}
}

// The default limit is 32 MiB, not gRPC's 4 MiB.
func TestDefaultReceiveLimit(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{})
	if _, err := ts.client.Extract(ctxT(t, 30*time.Second), &cnbudgetv1.ExtractRequest{Content: make([]byte, 16<<20)}); err != nil {
		t.Errorf("16 MiB document: %v", err)
	}
}

func TestInFlightBound(t *testing.T) {
	f := newFake()
	ts := startBufconn(t, f, server.Options{MaxInFlight: 2})
	ctx := ctxT(t, 20*time.Second)
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() {
			_, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: blockDoc})
			errs <- err
		}()
	}
	f.waitEntered(t, 2)
	_, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("one more")})
	if status.Code(err) != codes.ResourceExhausted || errorInfoReason(err) != "OVERLOADED" {
		t.Errorf("third document with two in flight: %v, want RESOURCE_EXHAUSTED, OVERLOADED", err)
	}
	close(f.release)
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Errorf("blocked document: %v", err)
		}
	}
	if _, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("after")}); err != nil {
		t.Errorf("after the others finished: %v; slots not released?", err)
	}
}

// A client that goes away cancels the work on its document, and frees its slot.
func TestClientCancel(t *testing.T) {
	f := newFake()
	ts := startBufconn(t, f, server.Options{MaxInFlight: 1})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: blockDoc})
		errc <- err
	}()
	f.waitEntered(t, 1)
	cancel()
	if err := <-errc; status.Code(err) != codes.Canceled {
		t.Errorf("cancelled call: %v, want CANCELED", err)
	}
	select {
	case err := <-f.ctxErr:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("extractor's context ended with %v, want Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the extractor's context was not cancelled when the client went away")
	}
	if err := retryBusy(t, func() error {
		_, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{Content: []byte("next")})
		return err
	}); err != nil {
		t.Errorf("next call after the cancelled one: %v", err)
	}
}

// retryBusy calls f until it is no longer RESOURCE_EXHAUSTED (a slot is released just
// after its call returns), for at most a few seconds.
func retryBusy(t *testing.T, f func() error) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := f()
		if status.Code(err) != codes.ResourceExhausted || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDeadline(t *testing.T) {
	t.Run("client", func(t *testing.T) {
		f := newFake()
		ts := startBufconn(t, f, server.Options{})
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: blockDoc})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("%v, want DEADLINE_EXCEEDED", err)
		}
		select {
		case err := <-f.ctxErr:
			// The server's copy of the deadline or the client's RST_STREAM, whichever first.
			if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
				t.Errorf("extractor's context ended with %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the client's deadline did not reach the extractor")
		}
	})
	t.Run("server", func(t *testing.T) {
		f := newFake()
		ts := startBufconn(t, f, server.Options{RequestTimeout: 200 * time.Millisecond})
		_, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{Content: blockDoc})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("%v, want DEADLINE_EXCEEDED", err)
		}
	})
	t.Run("extractor ignores it", func(t *testing.T) {
		ts := startBufconn(t, newFake(), server.Options{RequestTimeout: 100 * time.Millisecond})
		start := time.Now()
		_, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{Content: stubbornDoc})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("%v, want DEADLINE_EXCEEDED", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("answered after %v: the server waited for an extractor that ignores its context", d)
		}
	})
	t.Run("stream document", func(t *testing.T) {
		ts := startBufconn(t, newFake(), server.Options{RequestTimeout: 200 * time.Millisecond})
		stream, err := ts.client.ExtractStream(ctxT(t, 10*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: "slow", Content: blockDoc})
		stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: "fast", Content: []byte("quick")})
		stream.CloseSend()
		got := map[string]codes.Code{}
		for {
			resp, err := stream.Recv()
			if err != nil {
				if err != io.EOF {
					t.Fatal(err)
				}
				break
			}
			got[resp.GetId()] = codes.Code(resp.GetFailure().GetCode())
		}
		if got["slow"] != codes.DeadlineExceeded || got["fast"] != codes.OK || len(got) != 2 {
			t.Errorf("answers %v, want slow DEADLINE_EXCEEDED and fast OK", got)
		}
	})
}

// A panic in a dependency is INTERNAL for that call alone.
func TestPanic(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{})
	ctx := ctxT(t, 10*time.Second)
	if _, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: panicDoc}); status.Code(err) != codes.Internal {
		t.Errorf("Extract: %v, want INTERNAL", err)
	}
	if _, err := ts.client.Segment(ctx, &cnbudgetv1.SegmentRequest{Text: "PANIC"}); status.Code(err) != codes.Internal {
		t.Errorf("Segment: %v, want INTERNAL", err)
	}
	if _, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("fine")}); err != nil {
		t.Errorf("after the panics: %v", err)
	}
	if !strings.Contains(ts.logs.String(), "a dependency fell over") {
		t.Error("the panic was not logged")
	}
}

// Shutdown with calls in flight: health turns NOT_SERVING, every call in flight is
// answered, the stream answers each document it read and ends with UNAVAILABLE, and
// new calls are refused.
func TestShutdownInFlight(t *testing.T) {
	f := newFake()
	ts := startTCP(t, f, server.Options{DrainDelay: 300 * time.Millisecond, StreamWorkers: 3})
	ctx := ctxT(t, 20*time.Second)

	const unary = 5
	errs := make(chan error, unary)
	for i := 0; i < unary; i++ {
		go func() {
			_, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: blockDoc})
			errs <- err
		}()
	}
	stream, err := ts.client.ExtractStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: fmt.Sprint(i), Content: blockDoc}); err != nil {
			t.Fatal(err)
		}
	}
	f.waitEntered(t, unary+3)

	shut := make(chan error, 1)
	go func() { shut <- ts.srv.Shutdown(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := ts.client.Health.Check(ctx, &healthpb.HealthCheckRequest{Service: server.ServiceName})
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_NOT_SERVING {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("health while draining: %v %v, want NOT_SERVING", resp, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(400 * time.Millisecond) // past the drain delay: no new calls now
	close(f.release)

	for i := 0; i < unary; i++ {
		if err := <-errs; err != nil {
			t.Errorf("call in flight at shutdown: %v", err)
		}
	}
	answered := 0
	for {
		resp, err := stream.Recv()
		if err != nil {
			if status.Code(err) != codes.Unavailable {
				t.Errorf("stream ended with %v, want UNAVAILABLE", err)
			}
			break
		}
		if resp.GetRecord() == nil {
			t.Errorf("document %s: %v, want its record", resp.GetId(), resp.GetFailure())
		}
		answered++
	}
	if answered != 3 {
		t.Errorf("stream answered %d of the 3 documents it read", answered)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if _, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("late")}); status.Code(err) != codes.Unavailable {
		t.Errorf("call after shutdown: %v, want UNAVAILABLE", err)
	}
}

func TestHealthAndReflection(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{})
	ctx := ctxT(t, 10*time.Second)
	for _, svc := range []string{"", server.ServiceName} {
		resp, err := ts.client.Health.Check(ctx, &healthpb.HealthCheckRequest{Service: svc})
		if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("health of %q: %v %v, want SERVING", svc, resp, err)
		}
	}
	names, err := listServices(ctx, ts)
	if err != nil {
		t.Fatal(err)
	}
	if !names[server.ServiceName] || !names["grpc.health.v1.Health"] {
		t.Errorf("reflection lists %v, want the extractor and health", names)
	}
}

func listServices(ctx context.Context, ts *testServer) (map[string]bool, error) {
	stream, err := reflectionpb.NewServerReflectionClient(ts.client.Conn()).ServerReflectionInfo(ctx)
	if err != nil {
		return nil, err
	}
	if err := stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		return nil, err
	}
	resp, err := stream.Recv()
	if err != nil {
		return nil, err
	}
	stream.CloseSend()
	names := map[string]bool{}
	for _, s := range resp.GetListServicesResponse().GetService() {
		names[s.GetName()] = true
	}
	return names, nil
}

// One log line per call with method, size, duration and code.
func TestLogs(t *testing.T) {
	ts := startBufconn(t, newFake(), server.Options{})
	ctx := ctxT(t, 10*time.Second)
	ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: make([]byte, 300)})
	ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: pngDoc})
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(ts.logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if m["msg"] == "rpc" && m["method"] == "/cnbudget.v1.ExtractorService/Extract" {
			lines = append(lines, m)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("%d log lines for 2 calls:\n%s", len(lines), ts.logs.String())
	}
	if size, _ := lines[0]["size"].(float64); size < 300 {
		t.Errorf("size %v for a 300-byte document", lines[0]["size"])
	}
	if lines[0]["code"] != "OK" || lines[1]["code"] != "InvalidArgument" {
		t.Errorf("codes %v, %v; want OK, InvalidArgument", lines[0]["code"], lines[1]["code"])
	}
	for _, l := range lines {
		if _, ok := l["duration"]; !ok {
			t.Errorf("no duration in %v", l)
		}
	}
}
