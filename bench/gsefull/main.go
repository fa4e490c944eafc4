// Command gsefull is the baseline of cnbudget's bench: gse loading its full embedded
// simplified and traditional Chinese dictionary (the HMM model left out, as in
// extract/terms's BenchmarkNewFullDictionary) and cutting a text with it, which is
// what a program using gse as it ships does. It prints one JSON object: the load
// time, the live heap after loading, the number of tokens, and the median wall and
// CPU time of one Cut over -rounds cuts. Its peak RSS is measured by whoever runs it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/go-ego/gse"
)

func main() {
	file := flag.String("file", "", "the text `file` to cut")
	rounds := flag.Int("rounds", 0, "cuts to time after one warm-up cut")
	flag.Parse()
	text, err := os.ReadFile(*file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gsefull:", err)
		os.Exit(1)
	}
	w0, c0 := time.Now(), cpuTime()
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	if err := seg.LoadDictEmbed("zh"); err != nil {
		fmt.Fprintln(os.Stderr, "gsefull: loading the dictionary:", err)
		os.Exit(1)
	}
	loadWall, loadCPU := time.Since(w0), cpuTime()-c0
	if seg.Dict.NumTokens() == 0 {
		fmt.Fprintln(os.Stderr, "gsefull: gse was built without its embedded dictionaries (-tags ne)")
		os.Exit(1)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	tokens := len(seg.Cut(string(text)))
	var walls, cpus []float64
	for range *rounds {
		w, c := time.Now(), cpuTime()
		seg.Cut(string(text))
		walls = append(walls, time.Since(w).Seconds())
		cpus = append(cpus, (cpuTime() - c).Seconds())
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"entries":   seg.Dict.NumTokens(),
		"load_wall": loadWall.Seconds(),
		"load_cpu":  loadCPU.Seconds(),
		"heap":      ms.HeapAlloc,
		"tokens":    tokens,
		"cut_wall":  median(walls),
		"cut_cpu":   median(cpus),
	})
}

// cpuTime returns the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}
