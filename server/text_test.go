package server_test

import (
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// With include_text, Extract also answers the normalised text the spans point into (what
// the review page needs over HTTP); without it, no text. A bad document fails as without.
func TestExtractIncludeText(t *testing.T) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := startBufconn(t, x, server.Options{})
	ctx := ctxT(t, 30*time.Second)
	wantRec, wantText, err := x.ExtractText(ctx, extract.Document{Name: "seed.txt", Content: seed(t)})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: "seed.txt", Content: seed(t), IncludeText: true})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetText() != wantText || !proto.Equal(resp.GetRecord(), wantRec) {
		t.Errorf("include_text: text of %d bytes (want %d), same record: %v", len(resp.GetText()), len(wantText), proto.Equal(resp.GetRecord(), wantRec))
	}
	plain, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: "seed.txt", Content: seed(t)})
	if err != nil || plain.GetText() != "" {
		t.Errorf("without include_text: err %v, text of %d bytes", err, len(plain.GetText()))
	}
	_, err = ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: "image.png", Content: pngDoc, IncludeText: true})
	if status.Code(err) != codes.InvalidArgument || server.Reason(err) != "BINARY" {
		t.Errorf("a binary document with include_text: %v", err)
	}
	// An extractor without ExtractText says so, and gives its slot back.
	fs := startBufconn(t, newFake(), server.Options{MaxInFlight: 1})
	for range 2 {
		_, err = fs.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: seed(t), IncludeText: true})
		if status.Code(err) != codes.Unimplemented {
			t.Errorf("fake extractor with include_text: %v, want UNIMPLEMENTED", err)
		}
	}
}
