package main

import (
	"context"
	"fmt"
	"io"
)

func runBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "cnbudget batch: not built yet")
	return 1
}
