package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/extract/fail"
)

func TestCode(t *testing.T) {
	want := map[fail.Kind]codes.Code{
		fail.Internal:    codes.Internal,
		fail.Empty:       codes.InvalidArgument,
		fail.TooLarge:    codes.ResourceExhausted,
		fail.Binary:      codes.InvalidArgument,
		fail.Encoding:    codes.InvalidArgument,
		fail.Unsupported: codes.InvalidArgument,
		fail.Encrypted:   codes.InvalidArgument,
		fail.Damaged:     codes.InvalidArgument,
		fail.Garbled:     codes.InvalidArgument,
		fail.Timeout:     codes.DeadlineExceeded,
		fail.Canceled:    codes.Canceled,
		fail.Kind(-1):    codes.Internal,
		fail.Kind(999):   codes.Internal,
	}
	for k, c := range want {
		if got := Code(k); got != c {
			t.Errorf("Code(%v) = %v, want %v", k, got, c)
		}
	}
	// Every kind fail knows is in the table: a kind added to fail must be added here.
	for k := fail.Kind(0); !strings.HasPrefix(k.String(), "KIND_"); k++ {
		if _, ok := want[k]; !ok || int(k) >= len(kindCodes) {
			t.Errorf("kind %v has no code in the table", k)
		}
	}
}

func TestStatus(t *testing.T) {
	binary := fail.Errorf("sniff", fail.Binary, "binary data")
	tests := []struct {
		name      string
		err       error
		code      codes.Code
		reason    string
		violation bool
	}{
		{"fail error", binary, codes.InvalidArgument, "BINARY", true},
		{"wrapped", fmt.Errorf("reading a.png: %w", binary), codes.InvalidArgument, "BINARY", true},
		{"too large", fail.Errorf("extract", fail.TooLarge, "over"), codes.ResourceExhausted, "TOO_LARGE", true},
		{"timeout kind", fail.Errorf("pdf", fail.Timeout, "slow"), codes.DeadlineExceeded, "TIMEOUT", false},
		{"deadline", context.DeadlineExceeded, codes.DeadlineExceeded, "TIMEOUT", false},
		{"canceled", fmt.Errorf("x: %w", context.Canceled), codes.Canceled, "CANCELED", false},
		{"plain", errors.New("boom"), codes.Internal, "INTERNAL", false},
		{"status", status.Error(codes.Unimplemented, "no"), codes.Unimplemented, "UNIMPLEMENTED", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Status(tt.err)
			if st.Code() != tt.code {
				t.Errorf("code %v, want %v", st.Code(), tt.code)
			}
			if got := Reason(tt.err); got != tt.reason {
				t.Errorf("Reason = %q, want %q", got, tt.reason)
			}
			if got := Reason(st.Err()); got != tt.reason {
				t.Errorf("Reason of the status = %q, want %q", got, tt.reason)
			}
			var violation bool
			for _, d := range st.Details() {
				if br, ok := d.(*errdetails.BadRequest); ok {
					v := br.GetFieldViolations()[0]
					violation = v.GetField() == "content" && v.GetReason() == tt.reason && v.GetDescription() != ""
				}
			}
			if violation != tt.violation {
				t.Errorf("BadRequest violation of content: %v, want %v (details %v)", violation, tt.violation, st.Details())
			}
		})
	}
	if Status(nil).Code() != codes.OK {
		t.Error("Status(nil) is not OK")
	}
}

// The recovery interceptors turn a handler's own panic into INTERNAL.
func TestRecover(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	_, err := recoverUnary(log)(context.Background(), nil, &grpc.UnaryServerInfo{FullMethod: "/x/Y"},
		func(context.Context, any) (any, error) { panic("handler bug") })
	if status.Code(err) != codes.Internal {
		t.Errorf("unary: %v, want INTERNAL", err)
	}
	err = recoverStream(log)(nil, nil, &grpc.StreamServerInfo{FullMethod: "/x/Z"},
		func(any, grpc.ServerStream) error { panic("handler bug") })
	if status.Code(err) != codes.Internal {
		t.Errorf("stream: %v, want INTERNAL", err)
	}
}
