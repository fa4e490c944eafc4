package sink

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// csvHeader returns the CSV header: record.CSVHeader's columns (the document's name and
// sha256, then the FIELDS.md keys) and the record's warning codes joined with ";".
func csvHeader() []string {
	return append(record.CSVHeader(), "warnings")
}

// csvSHA256 is the column of the document's sha256.
var csvSHA256 = slices.Index(csvHeader(), "document.sha256")

// csvSink writes one row per document to the output and the document's table rows to
// OUT.lines.csv, the lines first: a run killed between the two leaves lines of a document
// that the output lacks, which the next open cuts off, since the document is done again.
type csvSink struct {
	f     *os.File
	lines *os.File
}

func openCSV(path string) (Sink, map[string]bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	header := csvHeader()
	done, good, err := scanCSV(f, header)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	if good == 0 {
		b, err := encodeRow(header)
		if err == nil {
			_, err = f.Write(b)
		}
		if err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	lines, err := openCSVLines(LinesPath(path, CSV), done)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return &csvSink{f: f, lines: lines}, done, nil
}

// openCSVLines opens the lines file beside a CSV output whose documents are done. It
// keeps the rows up to the first one of a document that is not done — the lines a killed
// run wrote before its document's row — and cuts off the rest, with any torn row.
func openCSVLines(path string, done map[string]bool) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	good, err := scanCSVLines(f, done)
	if err == nil {
		err = f.Truncate(good)
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err == nil && good == 0 {
		var b []byte
		if b, err = encodeRow(lineColumns); err == nil {
			_, err = f.Write(b)
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// scanCSVLines returns the offset just past the last row to keep of a lines file.
func scanCSVLines(f *os.File, done map[string]bool) (int64, error) {
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.FieldsPerRecord = len(lineColumns)
	r.ReuseRecord = true
	var good int64
	for first := true; ; first = false {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return good, nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			if first && firstLineEnds(f) {
				return 0, fmt.Errorf("not a cnbudget lines CSV: %w", err)
			}
			return good, nil // a torn row
		}
		if err != nil {
			return 0, err
		}
		end := r.InputOffset()
		if !endsWithNewline(f, end) {
			return good, nil
		}
		if first {
			if !slices.Equal(row, lineColumns) {
				return 0, fmt.Errorf("written with other columns: write to a new file")
			}
		} else if !done[row[0]] {
			return good, nil // lines of a document whose row was never written
		}
		good = end
	}
}

// scanCSV reads the rows of r and returns their sha256 digests and the offset just past
// the last complete row. A row cut short by a crash (a parse error or a last row without
// its newline) is left out of the offset so the caller cuts it off; a header other than
// header is an error, since appending would misalign the columns.
func scanCSV(f *os.File, header []string) (map[string]bool, int64, error) {
	done := make(map[string]bool)
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.FieldsPerRecord = len(header)
	r.ReuseRecord = true
	var good int64
	for first := true; ; first = false {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			if first && !firstLineEnds(f) {
				break // the header itself was torn
			}
			if first && !errors.Is(err, csv.ErrFieldCount) {
				return nil, 0, fmt.Errorf("not a cnbudget batch CSV: %w", err)
			}
			if first {
				return nil, 0, fmt.Errorf("written with other columns (%d, want %d): write to a new file", len(row), len(header))
			}
			break // torn last row
		}
		if err != nil {
			return nil, 0, err
		}
		end := r.InputOffset()
		if !endsWithNewline(f, end) {
			break // torn last row
		}
		if first {
			if !slices.Equal(row, header) {
				return nil, 0, fmt.Errorf("written with other columns: write to a new file")
			}
		} else if id := row[csvSHA256]; id != "" {
			done[id] = true
		}
		good = end
	}
	return done, good, nil
}

// firstLineEnds reports whether f's first line has its newline.
func firstLineEnds(f *os.File) bool {
	b := make([]byte, 1<<16)
	n, _ := f.ReadAt(b, 0)
	return bytes.IndexByte(b[:n], '\n') >= 0
}

func endsWithNewline(f *os.File, end int64) bool {
	if end == 0 {
		return false
	}
	var b [1]byte
	_, err := f.ReadAt(b[:], end-1)
	return err == nil && b[0] == '\n'
}

func (s *csvSink) Encode(rec *cnbudgetv1.Record) (*Encoded, error) {
	if _, err := sha(rec); err != nil {
		return nil, err
	}
	codes := make([]string, len(rec.GetWarnings()))
	for i, w := range rec.GetWarnings() {
		codes[i] = record.WarningCodeName(w.GetCode())
	}
	b, err := encodeRow(append(record.CSVRow(rec), strings.Join(codes, ";")))
	if err != nil {
		return nil, err
	}
	var lines []byte
	for _, l := range linesOf(rec) {
		row, err := encodeRow(l.csv())
		if err != nil {
			return nil, err
		}
		lines = append(lines, row...)
	}
	return &Encoded{rec: rec, data: b, csvLines: lines}, nil
}

// Write writes the document's lines and then its row, each with a single write, so
// that a crash tears at most one of them.
func (s *csvSink) Write(e *Encoded) error {
	if len(e.csvLines) > 0 {
		if _, err := s.lines.Write(e.csvLines); err != nil {
			return err
		}
	}
	_, err := s.f.Write(e.data)
	return err
}

// encodeRow returns row as a line of CSV.
func encodeRow(row []string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(row); err != nil {
		return nil, err
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func (s *csvSink) Close() error {
	var err error
	for _, f := range []*os.File{s.lines, s.f} {
		if serr := f.Sync(); err == nil {
			err = serr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
