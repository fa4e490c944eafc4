package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// Load of the server comparison: requests and concurrency given to ghz.
const (
	serverRequests    = 4000
	serverConcurrency = 16
)

// The server runs with --max-in-flight 4×16: its default, four per core, would refuse
// some of ghz's 16 concurrent calls on a 2-core machine with RESOURCE_EXHAUSTED.

// ghzReport is the part of ghz's JSON report the comparison reads.
type ghzReport struct {
	Count   int64   `json:"count"`
	RPS     float64 `json:"rps"`
	Latency []struct {
		Percentage int   `json:"percentage"`
		Latency    int64 `json:"latency"` // nanoseconds
	} `json:"latencyDistribution"`
	Status map[string]int64 `json:"statusCodeDistribution"`
}

// server runs `cnbudget serve` on loopback under ghz at concurrency 16 and compares
// its requests per second with the in-process single-core throughput times the cores.
func (b *bench) server() error {
	ghz, ok := lookTool("ghz")
	if !ok {
		b.rows = append(b.rows, row{"server", "", "", "ghz not installed (go install github.com/bojand/ghz/cmd/ghz@latest)", "-", "skipped"})
		return nil
	}
	if b.perCore == 0 {
		return fmt.Errorf("needs the throughput comparison's single-core figure (do not skip throughput)")
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	srv := exec.CommandContext(ctx, b.bin, "serve", "--addr", addr, "--log-format", "json",
		"--max-in-flight", strconv.Itoa(4*serverConcurrency))
	srv.Cancel = func() error { return srv.Process.Signal(syscall.SIGTERM) }
	srv.WaitDelay = 10 * time.Second
	if err := srv.Start(); err != nil {
		return err
	}
	defer srv.Wait()
	defer cancel()
	if err := waitServing(ctx, addr); err != nil {
		return err
	}
	req, err := json.Marshal(map[string]string{"name": "seed.txt", "content": base64.StdEncoding.EncodeToString(b.seedB)})
	if err != nil {
		return err
	}
	reqPath, err := b.writeTemp("request.json", req)
	if err != nil {
		return err
	}
	call := []string{"--insecure", "--call", "cnbudget.v1.ExtractorService.Extract", "-D", reqPath, "-O", "json",
		"-c", strconv.Itoa(serverConcurrency)}
	if _, err := run(ctx, ghz, append(call, "-n", "200", addr)...); err != nil { // warm up
		return err
	}
	cpu0 := procCPU(srv.Process.Pid)
	p, err := run(ctx, ghz, append(call, "-n", strconv.Itoa(serverRequests), addr)...)
	if err != nil {
		return err
	}
	serverCPU := procCPU(srv.Process.Pid) - cpu0
	var rep ghzReport
	if err := json.Unmarshal(p.stdout, &rep); err != nil {
		return fmt.Errorf("reading ghz's report: %w", err)
	}
	if rep.Status["OK"] != serverRequests {
		return fmt.Errorf("ghz: %d of %d calls OK: %v", rep.Status["OK"], serverRequests, rep.Status)
	}
	var p50, p99 time.Duration
	for _, l := range rep.Latency {
		switch l.Percentage {
		case 50:
			p50 = time.Duration(l.Latency)
		case 99:
			p99 = time.Duration(l.Latency)
		}
	}
	cores := runtime.NumCPU()
	ideal := float64(cores) / b.perCore.Seconds()
	share := rep.RPS / ideal
	b.rows = append(b.rows,
		row{fmt.Sprintf("server: ghz -c %d on loopback, req/s", serverConcurrency), "≥ 80% of in-process single core × cores",
			fmt.Sprintf("%.0f req/s", rep.RPS), fmt.Sprintf("%.0f req/s (%d cores × 1/%s)", ideal, cores, ms(b.perCore)),
			fmt.Sprintf("%.0f%%", 100*share), met(share >= serverShare)},
		row{"server: CPU per call, in-process over server", "(load-independent form of the 80%)", ms(serverCPU / serverRequests),
			ms(b.perCore) + " in-process", fmt.Sprintf("%.0f%%", 100*b.perCore.Seconds()/(serverCPU/serverRequests).Seconds()),
			met(float64(b.perCore) >= serverShare*float64(serverCPU/serverRequests))},
		row{"server: latency p50 / p99", "p99 < 5 × p50", ms(p50) + " / " + ms(p99), "", ratio(float64(p99), float64(p50)), met(p50 > 0 && float64(p99) < tailTarget*float64(p50))},
	)
	b.notes = append(b.notes, fmt.Sprintf("server: %d calls at concurrency %d; ghz itself used %s of CPU per call on the same %d cores, "+
		"so req/s here can reach at most %.0f%% of the target's ideal even on an idle machine; the CPU-per-call row is the same target without ghz's share.",
		serverRequests, serverConcurrency, ms(p.cpu/serverRequests), cores, 100*b.perCore.Seconds()/(serverCPU/serverRequests+p.cpu/serverRequests).Seconds()))
	return nil
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// waitServing waits up to 20 seconds for the server at addr to report SERVING.
func waitServing(ctx context.Context, addr string) error {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	hc := healthpb.NewHealthClient(conn)
	deadline := time.Now().Add(20 * time.Second)
	for {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		resp, err := hc.Check(cctx, &healthpb.HealthCheckRequest{})
		cancel()
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server at %s not serving after 20 s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// procCPU returns the user and system time process pid has used, from /proc.
func procCPU(pid int) time.Duration {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and may hold spaces.
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	const clkTck = 100 // USER_HZ on Linux
	return time.Duration(ut+st) * time.Second / clkTck
}
