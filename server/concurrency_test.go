package server_test

import (
	"context"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/client"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

// 50 clients, each with its own connection over a loopback port, call Extract and
// ExtractStream at once; run with -race. Every document gets its own record back.
func TestConcurrentClients(t *testing.T) {
	const clients, perClient = 50, 4
	ts := startTCP(t, newFake(), server.Options{MaxInFlight: 2 * clients})
	ctx := ctxT(t, 60*time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- oneClient(ctx, ts.addr, c, perClient)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func oneClient(ctx context.Context, addr string, c, n int) error {
	cl, err := client.Dial(addr)
	if err != nil {
		return err
	}
	defer cl.Close()
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("c%d-u%d", c, i)
		resp, err := cl.Extract(ctx, &cnbudgetv1.ExtractRequest{Name: name, Content: []byte("文档 " + name)})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if got := resp.GetRecord().GetDocument().GetName(); got != name {
			return fmt.Errorf("%s: got the record of %q", name, got)
		}
	}
	stream, err := cl.ExtractStream(ctx)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("c%d-s%d", c, i)
		if err := stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: id, Name: id, Content: []byte("文档 " + id)}); err != nil {
			return err
		}
	}
	stream.CloseSend()
	seen := map[string]bool{}
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if resp.GetRecord().GetDocument().GetName() != resp.GetId() || seen[resp.GetId()] {
			return fmt.Errorf("client %d: wrong or repeated answer %v", c, resp)
		}
		seen[resp.GetId()] = true
	}
	if len(seen) != n {
		return fmt.Errorf("client %d: %d of %d stream documents answered", c, len(seen), n)
	}
	return nil
}
