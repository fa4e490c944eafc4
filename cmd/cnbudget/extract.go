package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cnbudget/cnbudget/extract"
)

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "cnbudget extract: not built yet")
	return 1
}

func runSegment(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "cnbudget segment: not built yet")
	return 1
}

func runVersion(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "cnbudget", extract.Version)
	return 0
}
