// Package sink writes the records of a batch to a file that a data team loads — JSON
// lines, CSV, Parquet or SQLite — in a way a batch can resume: opening an output repairs
// whatever a killed run left torn and reports which documents it already holds, by
// sha256, so that no document is written twice.
package sink

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// Format is an output format.
type Format string

// The output formats.
const (
	JSONL   Format = "jsonl"   // one protojson record per line
	CSV     Format = "csv"     // one row per document, FIELDS.md keys as columns
	Parquet Format = "parquet" // one row per document, typed columns
	SQLite  Format = "sqlite"  // tables documents, facts, warnings and lines
)

// Formats lists the formats in the order the help text names them.
var Formats = []Format{JSONL, CSV, Parquet, SQLite}

// ParseFormat returns the format named s ("jsonl", "csv", "parquet", "sqlite").
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimPrefix(s, ".")))
	switch f {
	case JSONL, CSV, Parquet, SQLite:
		return f, nil
	case "ndjson":
		return JSONL, nil
	case "db", "sqlite3":
		return SQLite, nil
	}
	return "", fmt.Errorf("unknown output format %q (want jsonl, csv, parquet or sqlite)", s)
}

// FormatOf returns the format that path's extension names.
func FormatOf(path string) (Format, error) {
	ext := filepath.Ext(path)
	if ext == "" {
		return "", fmt.Errorf("output %s has no extension: name the format with --format", path)
	}
	return ParseFormat(ext)
}

// Sink is an output that takes one record per document. Close leaves a complete, valid
// file; a process killed before Close leaves a file that the next Open repairs.
type Sink interface {
	// Encode does the costly part of writing rec — marshalling it — and is safe to
	// call from any goroutine, so that a batch does it in its workers. The record's
	// document.sha256 must be set: it identifies the document.
	Encode(rec *cnbudgetv1.Record) (*Encoded, error)
	// Write appends a record encoded by the same sink's Encode. It is called from one
	// goroutine at a time.
	Write(e *Encoded) error
	// Close finishes the output.
	Close() error
}

// Encoded is a record made ready for a sink's Write.
type Encoded struct {
	rec      *cnbudgetv1.Record
	data     []byte        // the line or row, for the line formats
	facts    []record.Fact // the record's facts, for SQLite
	lines    []lineRow     // the record's table rows, for SQLite
	csvLines []byte        // the same as CSV rows, for CSV
}

// WriteRecord encodes rec and writes it to s.
func WriteRecord(s Sink, rec *cnbudgetv1.Record) error {
	e, err := s.Encode(rec)
	if err != nil {
		return err
	}
	return s.Write(e)
}

// Open opens the output at path in format f, creating it if need be, repairing a torn
// end, and returns it with the set of sha256 digests of the documents it already holds.
func Open(path string, f Format) (Sink, map[string]bool, error) {
	switch f {
	case JSONL:
		return openJSONL(path)
	case CSV:
		return openCSV(path)
	case Parquet:
		return openParquet(path)
	case SQLite:
		return openSQLite(path)
	}
	return nil, nil, fmt.Errorf("unknown output format %q", f)
}

// Companions returns the files beside an output of format f at path that the sink
// itself writes, so that a batch reading a folder that holds its own output skips them.
func Companions(path string, f Format) []string {
	switch f {
	case CSV:
		return []string{LinesPath(path, f)}
	case Parquet:
		lines := LinesPath(path, f)
		return []string{journalPath(path), tempPath(path), lines, tempPath(lines)}
	case SQLite:
		return []string{path + "-journal", path + "-wal", path + "-shm"}
	}
	return nil
}

func sha(rec *cnbudgetv1.Record) (string, error) {
	s := rec.GetDocument().GetSha256()
	if s == "" {
		return "", fmt.Errorf("record of %q has no document sha256", rec.GetDocument().GetName())
	}
	return s, nil
}
