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

// csvSink writes one row per document.
type csvSink struct {
	f *os.File
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
	s := &csvSink{f: f}
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
	return s, done, nil
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
	return &Encoded{rec: rec, data: b}, nil
}

// Write writes the row with a single write, so that a crash tears at most that row.
func (s *csvSink) Write(e *Encoded) error {
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
	err := s.f.Sync()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
