// Package batch extracts a folder of disclosures — thousands of PDFs, text files and
// saved web pages in nested folders, some broken — into one output a data team loads
// (see package sink for the formats), with a list of what failed and why beside it.
//
// A batch is resumable and counts nothing twice: documents are identified by the
// sha256 of their bytes, and a run skips every document its output or its error list
// already holds, so running the same command again after an interruption does only
// what is left. Cancelling the context stops reading new files, stops the documents
// in flight (the next run does them) and leaves a valid output; a killed run leaves at most a torn last line or
// row, which the next run repairs.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/cnbudget/cnbudget/batch/sink"
	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/record"
	"github.com/cnbudget/cnbudget/extract/source"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// Extractor turns one document into its record; *extract.Extractor is one, and so is a
// client of remote servers (package batch/remote). It must be safe for concurrent use.
type Extractor interface {
	Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error)
}

// DefaultTimeout is the default limit on the time one document may take.
const DefaultTimeout = 2 * time.Minute

// DefaultLogInterval is the default time between progress lines when progress goes to
// a file or pipe rather than a terminal.
const DefaultLogInterval = 5 * time.Second

// Options configure a batch.
type Options struct {
	// Out is the output file; its extension names the format unless Format is set.
	Out string
	// Format is the output format, or "" for the one Out's extension names.
	Format sink.Format
	// Extractor extracts the documents. Required.
	Extractor Extractor
	// Workers is the number of documents extracted at once; 0 means runtime.NumCPU().
	// Memory use is bounded by it, not by the number of files.
	Workers int
	// Timeout limits the time one document may take; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes is the size above which a file fails as TOO_LARGE without being read;
	// 0 means extract.DefaultMaxBytes.
	MaxBytes int64
	// Progress, if not nil, receives progress reports: a bar when it is a terminal, a
	// line every LogInterval otherwise.
	Progress io.Writer
	// LogInterval is the time between progress lines; 0 means DefaultLogInterval.
	LogInterval time.Duration
}

// ErrorsPath returns the path of the error list of the output out: OUT.errors.jsonl.
func ErrorsPath(out string) string { return out + ".errors.jsonl" }

// Summary counts what a run did.
type Summary struct {
	// Documents is the number of distinct documents found (by sha256), plus files that
	// could not be read.
	Documents int
	// Done is the number of documents skipped because the output already held them.
	Done int
	// FailedBefore is the number of documents skipped because the error list already
	// held them.
	FailedBefore int
	// Duplicates is the number of files skipped because an earlier file of this run had
	// the same bytes.
	Duplicates int
	// Succeeded is the number of documents extracted and written in this run.
	Succeeded int
	// Failed counts the documents that failed in this run, by reason.
	Failed map[string]int
	// Facts is the number of facts in the records written in this run.
	Facts int
	// Warnings counts the warnings of the records written in this run, by code.
	Warnings map[string]int
	// Elapsed is the run's duration.
	Elapsed time.Duration
	// Interrupted is set when the run stopped early because its context was cancelled;
	// the output is valid, and running again goes on where this run stopped.
	Interrupted bool
}

// Files returns the number of files dealt with: written, failed, or skipped.
func (s *Summary) Files() int {
	return s.Done + s.FailedBefore + s.Duplicates + s.Succeeded + s.failed()
}

func (s *Summary) failed() int {
	n := 0
	for _, c := range s.Failed {
		n += c
	}
	return n
}

// AllSucceeded reports whether every document of the batch is in the output: none
// failed in this run and none is on the error list from an earlier one.
func (s *Summary) AllSucceeded() bool { return s.failed() == 0 && s.FailedBefore == 0 }

// DocsPerSecond returns the rate at which this run extracted documents.
func (s *Summary) DocsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Succeeded+s.failed()) / s.Elapsed.Seconds()
}

// job is one file on its way through the pipeline.
type job struct {
	path    string
	sha     string
	content []byte
	err     error // why the file cannot be extracted, found while reading it
}

// result is what became of a job, or of a file that was not extracted.
type result struct {
	job
	rec   *sink.Encoded // the record, encoded for the output
	facts int           // the number of facts in the record
	warns []string      // the record's warning codes
	skip  *int          // for a skipped file: the Summary counter to count it in
	dup   bool          // a file with the bytes of one met earlier in this run
	// interrupted marks a document the run's cancellation stopped: it is not written,
	// neither as a record nor as a failure, so that the next run extracts it.
	interrupted bool
}

// Run extracts the documents that paths name (files, folders recursively, glob
// patterns) into opts.Out and returns what it did. Documents that fail are listed in
// ErrorsPath(opts.Out) and the batch goes on; Run's error is for the batch itself (a
// path that names nothing, an output that cannot be written). When ctx is cancelled,
// Run stops the documents in flight (leaving them for the next run), closes the output
// and returns a Summary with Interrupted set.
func Run(ctx context.Context, paths []string, opts Options) (*Summary, error) {
	if opts.Extractor == nil {
		return nil, errors.New("batch: no extractor")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = extract.DefaultMaxBytes
	}
	if opts.LogInterval <= 0 {
		opts.LogInterval = DefaultLogInterval
	}
	format := opts.Format
	if format == "" {
		f, err := sink.FormatOf(opts.Out)
		if err != nil {
			return nil, err
		}
		format = f
	}
	inputs, err := expand(paths)
	if err != nil {
		return nil, err
	}
	skip, err := ownFiles(opts.Out, format)
	if err != nil {
		return nil, err
	}

	out, done, err := sink.Open(opts.Out, format)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", opts.Out, err)
	}
	failures, failed, err := openFailures(ErrorsPath(opts.Out))
	if err != nil {
		out.Close()
		return nil, fmt.Errorf("opening %s: %w", ErrorsPath(opts.Out), err)
	}

	s := &Summary{Failed: map[string]int{}, Warnings: map[string]int{}}
	start := time.Now()
	stopped, runErr := run(ctx, inputs, skip, opts, done, failed, out, failures, s)
	s.Elapsed = time.Since(start)
	s.Interrupted = stopped && runErr == nil
	if err := out.Close(); err != nil && runErr == nil {
		runErr = fmt.Errorf("closing %s: %w", opts.Out, err)
	}
	if err := failures.close(); err != nil && runErr == nil {
		runErr = fmt.Errorf("closing %s: %w", ErrorsPath(opts.Out), err)
	}
	return s, runErr
}

// ownFiles returns a test for the batch's own output files, so that an output inside
// an input folder is not read as input.
func ownFiles(out string, f sink.Format) (func(string) bool, error) {
	own := map[string]bool{}
	for _, p := range append(sink.Companions(out, f), out, ErrorsPath(out), ErrorsPath(out)+".tmp") {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		own[abs] = true
	}
	return func(path string) bool {
		abs, err := filepath.Abs(path)
		return err == nil && own[abs]
	}, nil
}

// run is the pipeline: one goroutine walks and reads the files in order, so that which
// of two identical files counts is the same in every run; opts.Workers goroutines
// extract; the caller's goroutine writes, so the sinks need no locks. It reports
// whether ctx stopped the walk before its end.
func run(ctx context.Context, inputs []string, skip func(string) bool, opts Options,
	done, failedBefore map[string]bool, out sink.Sink, failures *failureLog, s *Summary) (stopped bool, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Count the files beside the real walk, for the progress report's ETA.
	var mu sync.Mutex
	total, known := 0, false
	counted := func() progressCount {
		mu.Lock()
		defer mu.Unlock()
		return progressCount{total, known}
	}
	if opts.Progress != nil {
		go func() {
			n := 0
			walk(inputs, skip, func(string) bool {
				n++
				if n%1024 == 0 {
					mu.Lock()
					total = n
					mu.Unlock()
				}
				return ctx.Err() == nil
			})
			mu.Lock()
			total, known = n, ctx.Err() == nil
			mu.Unlock()
		}()
	}

	jobs := make(chan job, opts.Workers)
	results := make(chan result, opts.Workers)
	var walkErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		seen := map[string]bool{}
		walkErr = walk(inputs, skip, func(path string) bool {
			if ctx.Err() != nil {
				stopped = true
				return false
			}
			j := read(path, opts.MaxBytes)
			switch {
			case j.sha == "":
			case done[j.sha]:
				results <- result{job: job{path: path}, skip: &s.Done}
				return true
			case failedBefore[failureKey(j.sha, path)]:
				results <- result{job: job{path: path}, skip: &s.FailedBefore}
				return true
			case seen[j.sha]:
				results <- result{job: job{path: path, sha: j.sha}, dup: true}
				return true
			}
			seen[j.sha] = true
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				stopped = true
				return false
			}
		})
	}()
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- extractJob(ctx, opts, out, j)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	p := newProgress(opts.Progress, opts.LogInterval)
	w := &writer{out: out, failures: failures, s: s, fate: map[string]*result{}, waiting: map[string][]string{}}
	var writeErr error
	for r := range results {
		if writeErr == nil {
			if err := w.write(r); err != nil {
				writeErr = err
				cancel() // stop reading; drain what is in flight without writing it
			}
		}
		p.update(s, counted(), false)
	}
	p.update(s, counted(), true)
	p.finish()
	if writeErr != nil {
		return stopped, writeErr
	}
	return stopped, walkErr
}

// read reads the file at path and hashes it. A file over maxBytes is hashed as it
// streams past and not kept; a file of a type the extractor does not read is kept out
// of the pipeline's work by its err.
func read(path string, maxBytes int64) job {
	j := job{path: path}
	f, err := os.Open(path)
	if err != nil {
		j.err = &readError{err}
		return j
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		j.err = &readError{err}
		return j
	}
	h := sha256.New()
	if st.Size() > maxBytes {
		if _, err := io.Copy(h, f); err != nil {
			j.err = &readError{err}
			return j
		}
		j.sha = hex.EncodeToString(h.Sum(nil))
		j.err = fail.Errorf("batch", fail.TooLarge, "file of %d bytes is over the limit of %d", st.Size(), maxBytes)
		return j
	}
	content := make([]byte, 0, st.Size()+1)
	content, err = readAll(f, content)
	if err != nil {
		j.err = &readError{err}
		return j
	}
	h.Write(content)
	j.sha = hex.EncodeToString(h.Sum(nil))
	if !supported(path, content) {
		j.err = fail.Errorf("batch", fail.Unsupported, "unknown file type %q", filepath.Ext(path))
		return j
	}
	j.content = content
	return j
}

// readAll reads r to its end into buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// readError is a file that could not be read: reason UNREADABLE.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// extractJob extracts j's document, within opts.Timeout. When ctx is cancelled the
// extraction stops, and a document it stopped is marked interrupted, left for the next
// run: an interrupted batch exits promptly, whatever the size of the documents in flight.
func extractJob(ctx context.Context, opts Options, out sink.Sink, j job) result {
	r := result{job: j}
	if j.err != nil {
		return r
	}
	dctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	rec, err := safeExtract(dctx, opts.Extractor, extract.Document{Name: j.path, Content: j.content})
	r.content = nil // let the bytes go as soon as possible
	if err != nil {
		r.err = err
		r.interrupted = ctx.Err() != nil
		return r
	}
	if rec.Document == nil {
		rec.Document = &cnbudgetv1.DocumentInfo{}
	}
	d := rec.Document
	d.Name, d.Sha256, d.Size = j.path, j.sha, int64(len(j.content))
	if d.MediaType == "" {
		d.MediaType = source.Sniff(j.content, j.path, "")
	}
	if r.rec, err = out.Encode(rec); err != nil {
		r.err = fail.Wrap("batch", fail.Internal, "encoding the record", err)
		return r
	}
	r.facts = len(record.Facts(rec))
	for _, w := range rec.GetWarnings() {
		r.warns = append(r.warns, record.WarningCodeName(w.GetCode()))
	}
	return r
}

// safeExtract calls x.Extract, turning a panic into an INTERNAL failure of this
// document rather than the end of the batch.
func safeExtract(ctx context.Context, x Extractor, doc extract.Document) (rec *cnbudgetv1.Record, err error) {
	defer func() {
		if v := recover(); v != nil {
			rec, err = nil, fail.Errorf("batch", fail.Internal, "extractor panicked: %v", v)
		}
	}()
	rec, err = x.Extract(ctx, doc)
	if err == nil && rec == nil {
		err = fail.Errorf("batch", fail.Internal, "extractor returned no record")
	}
	return rec, err
}

// writer writes results to the output and the error list, and counts them.
type writer struct {
	out      sink.Sink
	failures *failureLog
	s        *Summary
	// fate is what became of each document extracted in this run, by sha256: the result
	// with its record dropped.
	fate map[string]*result
	// waiting holds the paths of duplicates whose first file is still being extracted.
	waiting map[string][]string
}

// write writes r. A duplicate file counts as such when its first file succeeded and is
// listed with the same reason when that failed, once that is known; duplicates still
// waiting when the run ends are not written, and the next run sees to them.
func (w *writer) write(r result) error {
	switch {
	case r.interrupted:
		return nil
	case r.skip != nil:
		*r.skip++
		return nil
	case r.dup:
		if f, ok := w.fate[r.sha]; ok {
			return w.duplicate(f, r.path)
		}
		w.waiting[r.sha] = append(w.waiting[r.sha], r.path)
		return nil
	}
	if err := w.document(r); err != nil {
		return err
	}
	if r.sha == "" {
		return nil
	}
	first := &result{job: job{path: r.path, sha: r.sha, err: r.err}}
	w.fate[r.sha] = first
	for _, path := range w.waiting[r.sha] {
		if err := w.duplicate(first, path); err != nil {
			return err
		}
	}
	delete(w.waiting, r.sha)
	return nil
}

// document writes the result of an extraction.
func (w *writer) document(r result) error {
	s := w.s
	s.Documents++
	if r.err != nil {
		reason := Reason(r.err)
		s.Failed[reason]++
		return w.failures.add(Failure{Path: r.path, SHA256: r.sha, Reason: reason, Message: r.err.Error()})
	}
	if err := w.out.Write(r.rec); err != nil {
		return fmt.Errorf("writing %s: %w", r.path, err)
	}
	s.Succeeded++
	s.Facts += r.facts
	for _, code := range r.warns {
		s.Warnings[code]++
	}
	return nil
}

// duplicate deals with a file at path with the bytes of first.
func (w *writer) duplicate(first *result, path string) error {
	if first.err == nil {
		w.s.Duplicates++
		return nil
	}
	reason := Reason(first.err)
	w.s.Failed[reason]++
	return w.failures.add(Failure{Path: path, SHA256: first.sha, Reason: reason,
		Message: fmt.Sprintf("same bytes as %s: %v", first.path, first.err)})
}

// Reason returns the error list's reason for err: the extractor's fail kind (EMPTY,
// BINARY, ...), UNREADABLE for a file that could not be read, UNAVAILABLE when no
// server answered.
func Reason(err error) string {
	var re *readError
	if errors.As(err, &re) {
		return Unreadable
	}
	var r interface{ Reason() string }
	if errors.As(err, &r) {
		return r.Reason()
	}
	return fail.KindOf(err).String()
}
