package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/record"
	"github.com/cnbudget/cnbudget/review"
)

// extractHTML writes the review page of one document (stdin when no file): its text with
// every fact's span highlighted, the facts, warnings and tables. A page is one document,
// so more than one file is a usage error.
func extractHTML(ctx context.Context, files []string, maxBytes int64, quiet bool, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(files) > 1 {
		fmt.Fprintln(stderr, "cnbudget extract: --format html takes one document (write each to its own page)")
		return 2
	}
	name := "-"
	if len(files) == 1 {
		name = files[0]
	}
	x, err := extract.New(extract.Options{MaxBytes: maxBytes})
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget extract: %v\n", err)
		return 1
	}
	doc, err := readDocument(name, stdin, maxBytes)
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget extract: %s: %s\n", displayName(name), oneLineErr(err))
		return 1
	}
	rec, text, err := x.ExtractText(ctx, doc)
	if err != nil {
		fmt.Fprintf(stderr, "cnbudget extract: %s: %s\n", displayName(name), oneLineErr(err))
		return 1
	}
	if !quiet {
		for _, wn := range rec.GetWarnings() {
			fmt.Fprintf(stderr, "cnbudget extract: %s: warning: %s: %s\n", displayName(name), record.WarningCodeName(wn.GetCode()), wn.GetMessage())
		}
	}
	w := bufio.NewWriter(stdout)
	if err := review.Write(w, rec, text); err != nil {
		fmt.Fprintf(stderr, "cnbudget extract: %s: %v\n", displayName(name), err)
		return 1
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "cnbudget extract: %v\n", err)
		return 1
	}
	return 0
}

// readDocument reads one file ("-" for stdin) as a document, within maxBytes.
func readDocument(name string, stdin io.Reader, maxBytes int64) (extract.Document, error) {
	var r io.Reader = stdin
	docName := ""
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return extract.Document{}, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return extract.Document{}, fmt.Errorf("is a directory (use cnbudget batch for folders)")
		}
		r, docName = f, name
	}
	b, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return extract.Document{}, err
	}
	if int64(len(b)) > maxBytes {
		return extract.Document{}, fail.Errorf("read", fail.TooLarge, "over the limit of %d bytes", maxBytes)
	}
	return extract.Document{Name: docName, Content: b}, nil
}
