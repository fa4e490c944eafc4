package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// extractInterrupted is the exit status of an extract stopped by SIGINT or SIGTERM,
// as a shell reports a process ended by SIGINT.
const extractInterrupted = 130

// runExtract extracts each file (or stdin) and prints its record. A file that cannot be
// read is reported on stderr in one line and the others are still processed; the exit
// status is then 1. On SIGINT or SIGTERM it stops within the document, says so in one
// line, and exits with extractInterrupted.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output `format`: json (the record as protojson), flat (key<TAB>value lines), csv, or html (a review page of one document)")
	maxBytes := fs.Int64("max-bytes", extract.DefaultMaxBytes, "largest document to read, in `bytes`")
	quiet := fs.Bool("q", false, "do not print warnings on stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cnbudget extract [--format json|flat|csv|html] [FILE...]\n\nExtracts the facts of each FILE (stdin when none) and prints them. Warnings go to stderr.\nFormats, told by their bytes: text (UTF-8, GB18030, UTF-16), PDF, web pages, .docx, .xlsx.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *format != "json" && *format != "flat" && *format != "csv" && *format != "html" {
		fmt.Fprintf(stderr, "cnbudget extract: unknown format %q (json, flat, csv or html)\n", *format)
		return 2
	}
	if *format == "html" {
		return extractHTML(ctx, fs.Args(), *maxBytes, *quiet, stdin, stdout, stderr)
	}
	x, err := extract.New(extract.Options{MaxBytes: *maxBytes})
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget extract: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(w)
		cw.Write(record.CSVHeader())
		defer cw.Flush()
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := 0
	for i, name := range files {
		rec, err := extractFile(ctx, x, name, stdin, *maxBytes)
		if err != nil && ctx.Err() != nil {
			// SIGINT or SIGTERM: the extraction stopped where it was
			fmt.Fprintf(stderr, "cnbudget extract: %s: interrupted\n", displayName(name))
			return extractInterrupted
		}
		if err != nil {
			fmt.Fprintf(stderr, "cnbudget extract: %s: %s\n", displayName(name), oneLineErr(err))
			status = 1
			continue
		}
		if !*quiet {
			for _, wn := range rec.GetWarnings() {
				fmt.Fprintf(stderr, "cnbudget extract: %s: warning: %s: %s\n", displayName(name), record.WarningCodeName(wn.GetCode()), wn.GetMessage())
			}
		}
		switch *format {
		case "json":
			// One record: indented for people. Several: one record per line, for tools.
			opts := protojson.MarshalOptions{}
			if len(files) == 1 {
				opts.Multiline, opts.Indent = true, "  "
			}
			b, err := opts.Marshal(rec)
			if err != nil {
				fmt.Fprintf(stderr, "cnbudget extract: %s: %v\n", displayName(name), err)
				status = 1
				continue
			}
			w.Write(b)
			w.WriteByte('\n')
		case "flat":
			if len(files) > 1 {
				if i > 0 {
					w.WriteByte('\n')
				}
				fmt.Fprintf(w, "# %s\n", displayName(name))
			}
			record.WriteFlat(w, rec)
		case "csv":
			cw.Write(record.CSVRow(rec))
		}
	}
	return status
}

// extractFile reads one file ("-" for stdin) and extracts it.
func extractFile(ctx context.Context, x *extract.Extractor, name string, stdin io.Reader, maxBytes int64) (*cnbudgetv1.Record, error) {
	var r io.Reader = stdin
	docName := ""
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("is a directory (use cnbudget batch for folders)")
		}
		r, docName = f, name
	}
	b, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > maxBytes {
		return nil, fail.Errorf("read", fail.TooLarge, "over the limit of %d bytes", maxBytes)
	}
	return x.Extract(ctx, extract.Document{Name: docName, Content: b})
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// oneLineErr is err's message on one line.
func oneLineErr(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// runSegment prints the tokens of a text, one per line: text, part of speech, rune offsets.
func runSegment(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("segment", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cnbudget segment [FILE]\n\nPrints the tokens of FILE (stdin when none): text, part of speech, start and end rune offsets.")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var r io.Reader = stdin
	if fs.NArg() > 0 {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			fmt.Fprintf(stderr, "cnbudget segment: %v\n", err)
			return 1
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, extract.DefaultMaxBytes))
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget segment: %v\n", err)
		return 1
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget segment: %v\n", err)
		return 1
	}
	toks, err := x.Segment(ctx, string(b))
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget segment: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	for _, t := range toks {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\n", t.GetText(), t.GetPos(), t.GetStart(), t.GetEnd())
	}
	return 0
}

func runVersion(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "cnbudget", extract.Version)
	return 0
}
