package server_test

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// returning wraps the real extractor and says when each Extract returns.
type returning struct {
	*extract.Extractor
	returned chan time.Time
}

func (r returning) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	defer func() { r.returned <- time.Now() }()
	return r.Extractor.Extract(ctx, doc)
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestDeadlineStopsWork calls the real extractor over loopback with a deadline far
// shorter than the document's work (a paragraph of 600,000 amounts: seconds), and checks
// that the extraction itself stops, not only the answer: the extractor returns within a
// second of the deadline, and the process spends almost no CPU in the second after that.
func TestDeadlineStopsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a 6 MB document")
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := returning{x, make(chan time.Time, 1)}
	ts := startTCP(t, r, server.Options{})
	doc := []byte("某县财政局2023年部门预算情况说明\n收入预算" + strings.Repeat("1万元，", 600_000) + "。\n")

	const deadline = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	_, err = ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: "amounts.txt", Content: doc})
	if status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("Extract = %v, want DEADLINE_EXCEEDED", err)
	}
	var returned time.Time
	select {
	case returned = <-r.returned:
	case <-time.After(30 * time.Second):
		t.Fatal("the extractor had not returned 30 s after the deadline")
	}
	if late := returned.Sub(start.Add(deadline)); late > time.Second {
		t.Errorf("the extractor returned %v after the deadline, want within 1 s", late)
	}
	// From 1 s after the deadline, the call costs nothing: a second of an idle server.
	time.Sleep(time.Until(start.Add(deadline + time.Second)))
	c0 := cpuTime(t)
	time.Sleep(time.Second)
	if used := cpuTime(t) - c0; used > 200*time.Millisecond {
		t.Errorf("the process used %v of CPU in the second from 1 s after the deadline, want next to none", used)
	}
	t.Logf("deadline %v; the extractor returned %v after it", deadline, returned.Sub(start.Add(deadline)))
}
