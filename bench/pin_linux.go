//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// pinEnv, when set to a comma-separated list of CPU numbers, makes the bench binary
// bind itself to those CPUs and then become the program named by its arguments
// (execve, so the program keeps the process id the caller knows), or, with launchEnv
// also set, bind itself before starting the program it measures. A child inherits the
// CPUs of the thread that forks it, and every thread of the binary is bound first.
const pinEnv = "CNBUDGET_BENCH_CPUS"

// allowedCPUs returns the CPUs this process may run on.
func allowedCPUs() ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, fmt.Errorf("sched_getaffinity: %w", err)
	}
	var cpus []int
	for c := range 1024 {
		if set.IsSet(c) {
			cpus = append(cpus, c)
		}
	}
	return cpus, nil
}

// pinThreads binds every thread of this process to cpus. Threads the runtime starts
// later inherit the binding of the thread that starts them; the list of threads is
// read twice so that one started during the first pass is bound too.
func pinThreads(cpus []int) error {
	var set unix.CPUSet
	for _, c := range cpus {
		set.Set(c)
	}
	for range 2 {
		tasks, err := os.ReadDir("/proc/self/task")
		if err != nil {
			return err
		}
		for _, t := range tasks {
			tid, err := strconv.Atoi(t.Name())
			if err != nil {
				continue
			}
			// A thread that has exited since the listing is no error.
			if err := unix.SchedSetaffinity(tid, &set); err != nil && err != unix.ESRCH {
				return fmt.Errorf("sched_setaffinity %d: %w", tid, err)
			}
		}
	}
	return nil
}

// pinFromEnv binds this process to the CPUs pinEnv names, if it names any.
func pinFromEnv() error {
	v := os.Getenv(pinEnv)
	if v == "" {
		return nil
	}
	cpus, err := parseCPUs(v)
	if err != nil {
		return err
	}
	return pinThreads(cpus)
}

// execPinned binds this process to the CPUs of pinEnv and replaces it with the
// program os.Args[1:], whose environment lacks pinEnv.
func execPinned() {
	runtime.LockOSThread()
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "bench pin:", err)
		os.Exit(1)
	}
	if err := pinFromEnv(); err != nil {
		fail(err)
	}
	path, err := exec.LookPath(os.Args[1])
	if err != nil {
		fail(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, pinEnv+"=") {
			env = append(env, kv)
		}
	}
	fail(syscall.Exec(path, os.Args[1:], env))
}

// parseCPUs reads a comma-separated list of CPU numbers.
func parseCPUs(s string) ([]int, error) {
	var cpus []int
	for f := range strings.SplitSeq(s, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 0 || c >= 1024 {
			return nil, fmt.Errorf("%s=%q: not a list of CPU numbers", pinEnv, s)
		}
		cpus = append(cpus, c)
	}
	return cpus, nil
}
