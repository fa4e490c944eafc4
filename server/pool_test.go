package server

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestPoolReusesGoroutines checks what the pool is for: calls one after another run on
// the goroutine kept from the call before, calls at once each get one, and a pool left
// idle ends its goroutines.
func TestPoolReusesGoroutines(t *testing.T) {
	base := runtime.NumGoroutine()
	p := newPool(200 * time.Millisecond)

	// One after another: one goroutine serves them all.
	var mu sync.Mutex
	seen := map[uint64]bool{}
	for range 50 {
		done := make(chan struct{})
		p.do(func() {
			mu.Lock()
			seen[goid()] = true
			mu.Unlock()
			close(done)
		})
		<-done
		// Give the goroutine the moment it needs to get back to waiting for work.
		time.Sleep(time.Millisecond)
	}
	// One goroutine, but a loaded machine may now and then not have run it back to its
	// wait within the millisecond; a goroutine a call would give 50.
	if len(seen) > 4 {
		t.Errorf("50 calls one after another ran on %d goroutines, want 1", len(seen))
	}

	// At once: eight calls that wait for each other need eight goroutines.
	var started, release sync.WaitGroup
	started.Add(8)
	release.Add(1)
	for range 8 {
		p.do(func() { started.Done(); release.Wait() })
	}
	started.Wait() // would hang if the pool queued a call behind a busy goroutine
	release.Done()

	// Idle: the goroutines end.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines after the pool went idle, want %d", n, base)
	}
}

// goid returns the id of the calling goroutine, read from its stack header.
func goid() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	// "goroutine 123 [running]:"
	var id uint64
	for _, c := range b[len("goroutine "):] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
