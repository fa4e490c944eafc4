package server_test

import (
	"os"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// TestDamagedPDFs sends the seed's LibreOffice PDF damaged the ways files get damaged
// (cut short, bytes flipped in the body, bytes flipped in the cross-reference table)
// through the real core: each answer is a record of the pages that could be read or
// INVALID_ARGUMENT, within 10 s, and the server goes on serving.
func TestDamagedPDFs(t *testing.T) {
	pdf, err := os.ReadFile("../testdata/pdf/seed-lo.pdf")
	if err != nil {
		t.Skipf("no PDF fixture: %v", err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := startBufconn(t, x, server.Options{})
	flip := func(b []byte, from, to int) []byte {
		c := append([]byte(nil), b...)
		for i := from; i < to && i < len(c); i += 7 {
			c[i] ^= 0x5a
		}
		return c
	}
	xref := len(pdf) - 400
	damaged := map[string][]byte{
		"cut at a quarter": pdf[:len(pdf)/4],
		"cut at a half":    pdf[:len(pdf)/2],
		"cut near the end": pdf[:len(pdf)-200],
		"flipped body":     flip(pdf, len(pdf)/3, len(pdf)/3+2000),
		"flipped xref":     flip(pdf, xref, xref+300),
	}
	for name, content := range damaged {
		t.Run(name, func(t *testing.T) {
			ctx := ctxT(t, 10*time.Second)
			start := time.Now()
			resp, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: "seed.pdf", Content: content})
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			switch {
			case err == nil:
				if resp.GetRecord().GetDocument().GetPages() == 0 {
					t.Errorf("a record with no pages read")
				}
			case status.Code(err) != codes.InvalidArgument:
				t.Errorf("code %v, want INVALID_ARGUMENT or a record: %v", status.Code(err), err)
			}
			// The server still serves.
			if _, err := ts.client.Extract(ctxT(t, 10*time.Second), &cnbudgetv1.ExtractRequest{Name: "seed.txt", Content: seed(t)}); err != nil {
				t.Fatalf("after %s, a good document failed: %v", name, err)
			}
		})
	}
}
