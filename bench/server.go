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

	"github.com/cnbudget/cnbudget/extract"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// Load of the server comparison: requests and concurrency given to ghz.
const (
	serverRequests    = 4000 // the run on shared cores
	roundRequests     = 300  // each round of the run on cores of its own
	roundExtractions  = 200  // in-process extractions each round, as in a round of the throughput row
	serverRoundsPer   = 3    // rounds of the run on cores of its own for each of -rounds
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

// load is what one ghz run against the server measured.
type load struct {
	rps       float64
	p50, p99  time.Duration
	serverCPU time.Duration // the server's CPU time per call
	ghzCPU    time.Duration // ghz's CPU time per call
}

// server runs `cnbudget serve` on loopback under ghz at concurrency 16 and compares its
// requests per second with the in-process single-core throughput times the cores the
// server has.
//
// The target's measure is the run where the server and ghz each have cores of their own
// (the machine's CPUs split in two, both bound with sched_setaffinity): ghz spends about
// half as much CPU per call as the server, and on cores it shares with the server that
// CPU is taken from the server, so the shared run measures ghz as much as the server. The
// in-process figure it is set against is measured on the server's cores in the same
// rounds, alternating with ghz, so both see the same machine. The shared run is kept in
// the table, with ghz's share of the CPU in a note.
func (b *bench) server() error {
	ghz, ok := lookTool("ghz")
	if !ok {
		b.rows = append(b.rows, row{"server", "", "", "ghz not installed (go install github.com/bojand/ghz/cmd/ghz@latest)", "-", "skipped"})
		return nil
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	doc := extract.Document{Name: "seed.txt", Content: b.seedB}
	inProcess := func() (cost, error) {
		return measure(1, roundExtractions, func() error {
			_, err := x.Extract(b.ctx, doc)
			return err
		})
	}
	reqPath, err := b.requestFile()
	if err != nil {
		return err
	}
	cores := runtime.NumCPU()

	// Cores of their own: the server on the first half of the CPUs, ghz on the rest.
	all, err := allowedCPUs()
	if err == nil && len(all) < 2 {
		err = fmt.Errorf("%d CPU", len(all))
	}
	if err != nil {
		b.notes = append(b.notes, "server: not measured on cores of its own ("+err.Error()+")")
	} else {
		srvCPUs, ghzCPUs := all[:(len(all)+1)/2], all[(len(all)+1)/2:]
		// The machine's speed moves from one second to the next by more than the
		// difference measured, so the rounds are short (about 0.3 s of extraction, 0.5 s
		// of calls), to keep the two figures of a round close in time, and many. The
		// median of a run still moves: 76-84% over fourteen runs here.
		rounds := serverRoundsPer * b.rounds
		var rps, shares, cpuShares, inproc, inprocCPU, srvCPU, p50s, p99s []float64
		wrap, env, err := pinned(srvCPUs)
		if err != nil {
			return err
		}
		err = b.withServer(wrap, env, func(addr string, pid int) error {
			for i := range rounds {
				if err := pinThreads(srvCPUs); err != nil {
					return err
				}
				c, err := inProcess()
				if perr := pinThreads(all); err == nil {
					err = perr
				}
				if err != nil {
					return err
				}
				l, err := b.ghz(ghz, reqPath, addr, pid, ghzCPUs, roundRequests, i == 0)
				if err != nil {
					return err
				}
				// Requests per second are counted in wall time, so the in-process figure
				// they are set against is too: time the host takes the core away from
				// this machine (steal) then slows both alike. CPU time is compared below.
				ideal := float64(len(srvCPUs)) / c.wall.Seconds()
				rps, inproc, srvCPU = append(rps, l.rps), append(inproc, float64(c.wall)), append(srvCPU, float64(l.serverCPU))
				inprocCPU = append(inprocCPU, float64(c.cpu))
				shares = append(shares, l.rps/ideal)
				cpuShares = append(cpuShares, float64(c.cpu)/float64(l.serverCPU))
				p50s, p99s = append(p50s, float64(l.p50)), append(p99s, float64(l.p99))
			}
			return nil
		})
		if err != nil {
			return err
		}
		n := len(srvCPUs)
		perCore, perCoreCPU := time.Duration(median(inproc)), time.Duration(median(inprocCPU))
		share, cpuShare := median(shares), median(cpuShares)
		p50, p99 := time.Duration(median(p50s)), time.Duration(median(p99s))
		b.rows = append(b.rows,
			row{fmt.Sprintf("server: ghz -c %d on loopback, req/s; server on CPU %s, ghz on CPU %s", serverConcurrency, cpuList(srvCPUs), cpuList(ghzCPUs)),
				"≥ 80% of in-process single core × cores",
				fmt.Sprintf("%.0f req/s", median(rps)), fmt.Sprintf("%.0f req/s (%d × 1/%s, in-process on CPU %s, wall)", float64(n)/perCore.Seconds(), n, ms(perCore), cpuList(srvCPUs)),
				fmt.Sprintf("%.0f%%", 100*share), met(share >= serverShare)},
			row{"server: CPU per call, in-process over server", "(load-independent form of the 80%)", ms(time.Duration(median(srvCPU))),
				ms(perCoreCPU) + " in-process", fmt.Sprintf("%.0f%%", 100*cpuShare), met(cpuShare >= serverShare)},
			row{"server: latency p50 / p99", "p99 < 5 × p50", ms(p50) + " / " + ms(p99), "", ratio(float64(p99), float64(p50)), met(p50 > 0 && float64(p99) < tailTarget*float64(p50))},
		)
		b.notes = append(b.notes, fmt.Sprintf("server on cores of its own: %d rounds of %d calls at concurrency %d, each after %d in-process extractions "+
			"on the server's CPU; figures are medians over the rounds, ratios medians of each round's ratio.", rounds, roundRequests, serverConcurrency, roundExtractions))
	}

	// Shared cores: the server and ghz on every CPU, as a single machine would run them.
	if b.perCore == 0 {
		c, err := inProcess()
		if err != nil {
			return err
		}
		b.perCore = c.cpu
	}
	return b.withServer(nil, nil, func(addr string, pid int) error {
		l, err := b.ghz(ghz, reqPath, addr, pid, nil, serverRequests, true)
		if err != nil {
			return err
		}
		ideal := float64(cores) / b.perCore.Seconds()
		b.rows = append(b.rows,
			row{fmt.Sprintf("server: the same, server and ghz sharing all %d cores", cores), "(for reference: ghz's CPU is taken from the server)",
				fmt.Sprintf("%.0f req/s (p50 %s, p99 %s)", l.rps, ms(l.p50), ms(l.p99)), fmt.Sprintf("%.0f req/s (%d × 1/%s)", ideal, cores, ms(b.perCore)),
				fmt.Sprintf("%.0f%%", 100*l.rps/ideal), ""})
		b.notes = append(b.notes, fmt.Sprintf("server on shared cores: %d calls at concurrency %d; ghz used %s of CPU per call and the server %s, "+
			"so on %d shared cores req/s can reach at most %.0f%% of the ideal even on an idle machine.",
			serverRequests, serverConcurrency, ms(l.ghzCPU), ms(l.serverCPU), cores, 100*b.perCore.Seconds()/(l.serverCPU+l.ghzCPU).Seconds()))
		return nil
	})
}

// requestFile writes ghz's request, the seed as an ExtractRequest in JSON, and returns
// its path.
func (b *bench) requestFile() (string, error) {
	req, err := json.Marshal(map[string]string{"name": "seed.txt", "content": base64.StdEncoding.EncodeToString(b.seedB)})
	if err != nil {
		return "", err
	}
	return b.writeTemp("request.json", req)
}

// withServer starts `cnbudget serve` on a free loopback port, waits until it is serving,
// calls f with its address and process id, and stops it. The server is started as
// wrap's program with wrap's arguments before its own (none: the binary itself), with env
// added to its environment; wrap's program must keep the process id, as the bench binary
// binding itself to CPUs and valgrind both do.
func (b *bench) withServer(wrap, env []string, f func(addr string, pid int) error) error {
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	args := append(wrap, b.bin, "serve", "--addr", addr, "--log-format", "json", "--max-in-flight", strconv.Itoa(4*serverConcurrency))
	srv := exec.CommandContext(ctx, args[0], args[1:]...)
	srv.Env = append(os.Environ(), env...)
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
	return f(addr, srv.Process.Pid)
}

// pinned returns withServer's wrap and env that bind the server to cpus: the bench
// binary binds itself and becomes the server.
func pinned(cpus []int) (wrap, env []string, err error) {
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	return []string{self}, []string{pinEnv + "=" + cpuList(cpus)}, nil
}

// ghz runs ghz with n calls of the seed against the server at addr (process pid), bound
// to cpus if any, after a warm-up of 200 calls if warm, and returns what it measured.
func (b *bench) ghz(ghz, reqPath, addr string, pid int, cpus []int, n int, warm bool) (load, error) {
	var env []string
	if len(cpus) > 0 {
		env = []string{pinEnv + "=" + cpuList(cpus)}
	}
	call := []string{"--insecure", "--call", "cnbudget.v1.ExtractorService.Extract", "-D", reqPath, "-O", "json",
		"-c", strconv.Itoa(serverConcurrency)}
	if warm {
		if _, err := runEnv(b.ctx, env, ghz, append(call, "-n", "200", addr)...); err != nil {
			return load{}, err
		}
	}
	cpu0 := procCPU(pid)
	p, err := runEnv(b.ctx, env, ghz, append(call, "-n", strconv.Itoa(n), addr)...)
	if err != nil {
		return load{}, err
	}
	serverCPU := procCPU(pid) - cpu0
	var rep ghzReport
	if err := json.Unmarshal(p.stdout, &rep); err != nil {
		return load{}, fmt.Errorf("reading ghz's report: %w", err)
	}
	if rep.Status["OK"] != int64(n) {
		return load{}, fmt.Errorf("ghz: %d of %d calls OK: %v", rep.Status["OK"], n, rep.Status)
	}
	l := load{rps: rep.RPS, serverCPU: serverCPU / time.Duration(n), ghzCPU: p.cpu / time.Duration(n)}
	for _, lat := range rep.Latency {
		switch lat.Percentage {
		case 50:
			l.p50 = time.Duration(lat.Latency)
		case 99:
			l.p99 = time.Duration(lat.Latency)
		}
	}
	return l, nil
}

// cpuList formats cpus as pinEnv takes them.
func cpuList(cpus []int) string {
	s := make([]string, len(cpus))
	for i, c := range cpus {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, ",")
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
