//go:build !linux

package main

import (
	"errors"
	"fmt"
	"os"
)

// pinEnv names the CPUs a program is bound to; binding is implemented on Linux only.
const pinEnv = "CNBUDGET_BENCH_CPUS"

func allowedCPUs() ([]int, error) { return nil, errors.ErrUnsupported }
func pinThreads(cpus []int) error { return errors.ErrUnsupported }
func pinFromEnv() error           { return nil }
func execPinned() {
	fmt.Fprintln(os.Stderr, "bench pin: binding to CPUs is implemented on Linux only")
	os.Exit(1)
}
