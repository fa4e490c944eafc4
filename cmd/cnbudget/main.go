// Command cnbudget extracts structured records from Chinese government budget and
// final-accounts explanations: one file at a time (extract), a folder at a time (batch),
// or as a gRPC service (serve).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: run gets the arguments after the subcommand's name.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	return map[string]command{
		"extract": {"extract facts from documents (files or stdin) as json, flat or csv", runExtract},
		"batch":   {"extract a folder of documents into jsonl, csv, parquet or sqlite, resumably", runBatch},
		"serve":   {"serve the Extractor gRPC API", runServe},
		"segment": {"print the tokens the segmenter cuts a text into", runSegment},
		"version": {"print the extractor's version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal cancels ctx, which every stage of the work looks at; from
		// then on the signals are the system's again, so a second one ends the
		// process at once.
		<-ctx.Done()
		stop()
	}()
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Main runs the cnbudget command with args (without the program name) and returns the
// exit status; tests call it to run the whole program in-process.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "cnbudget: unknown command %q (run cnbudget help)\n", args[0])
		return 2
	}
	return c.run(ctx, args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: cnbudget COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun cnbudget COMMAND -h for a command's flags.")
}
