package sink

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/parquet-go/parquet-go"
	"google.golang.org/protobuf/encoding/protojson"
)

// A Parquet file cannot be appended to once its footer is written, and a file without
// its footer cannot be read. So the records of a run go to a journal of JSON lines beside
// the output (OUT.journal), which a crash at worst tears at its last line; Close writes a
// new file holding the old file's rows and the journal's to OUT.tmp, renames it over OUT
// and removes the journal. A run killed at any point leaves OUT as the last complete run
// left it and the journal with every record written since, and the next run goes on
// from both.

func journalPath(path string) string { return path + ".journal" }
func tempPath(path string) string    { return path + ".tmp" }

// rowsPerGroup bounds the rows a writer holds in memory before it writes a row group.
const rowsPerGroup = 4096

// parquetSink journals records and builds the Parquet file on Close.
type parquetSink struct {
	path    string
	journal *jsonlSink
}

func openParquet(path string) (Sink, map[string]bool, error) {
	for _, p := range []string{tempPath(path), tempPath(LinesPath(path, Parquet))} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
	}
	done := make(map[string]bool)
	err := readParquet(path, func(rows []parquetRow) error {
		for _, r := range rows {
			done[r.SHA256] = true
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	j, jdone, err := openJSONL(journalPath(path))
	if err != nil {
		return nil, nil, err
	}
	for s := range jdone {
		done[s] = true
	}
	return &parquetSink{path: path, journal: j.(*jsonlSink)}, done, nil
}

// readParquet calls fn with the document rows of the Parquet file at path, a chunk at
// a time; a missing or empty file has no rows.
func readParquet(path string, fn func([]parquetRow) error) error {
	return readParquetRows(path, fn)
}

func (s *parquetSink) Encode(rec *cnbudgetv1.Record) (*Encoded, error) { return s.journal.Encode(rec) }
func (s *parquetSink) Write(e *Encoded) error                          { return s.journal.Write(e) }

// Close merges the old file and the journal into a new file and puts it in place: the
// lines file first, then the documents, then the journal is removed. A run killed
// between two of these steps leaves the journal, and the next Close merges again,
// skipping what is already in place.
func (s *parquetSink) Close() error {
	if err := s.journal.Close(); err != nil {
		return err
	}
	if err := s.writeLines(); err != nil {
		return err
	}
	tmp := tempPath(s.path)
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // a no-op once renamed
	w := parquet.NewGenericWriter[parquetRow](f,
		parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(rowsPerGroup),
		parquet.CreatedBy("cnbudget", "", ""))
	seen := make(map[string]bool)
	write := func(rows []parquetRow) error {
		for _, r := range rows {
			if seen[r.SHA256] {
				continue // in both: a run killed between the rename and the journal's removal
			}
			seen[r.SHA256] = true
			if _, err := w.Write([]parquetRow{r}); err != nil {
				return err
			}
		}
		return nil
	}
	err = readParquet(s.path, write)
	if err == nil {
		err = readJournal(journalPath(s.path), func(rec *cnbudgetv1.Record) error {
			return write([]parquetRow{rowOf(rec)})
		})
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return err
	}
	syncDir(filepath.Dir(s.path))
	return os.Remove(journalPath(s.path))
}

func readJournal(path string, fn func(*cnbudgetv1.Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = ScanLines(bufio.NewReader(f), func(line []byte) error {
		rec := new(cnbudgetv1.Record)
		if err := protojson.Unmarshal(line, rec); err != nil {
			return err
		}
		return fn(rec)
	})
	return err
}

// syncDir makes a rename in dir durable; where that is not possible it does nothing.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// writeLines writes OUT.lines.parquet anew: the old file's rows and the table rows of the
// journal's records, except those of documents the old file already holds.
func (s *parquetSink) writeLines() error {
	path := LinesPath(s.path, Parquet)
	tmp := tempPath(path)
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // a no-op once renamed
	w := parquet.NewGenericWriter[lineRow](f,
		parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(rowsPerGroup),
		parquet.CreatedBy("cnbudget", "", ""))
	have := make(map[string]bool)
	err = readParquetRows(path, func(rows []lineRow) error {
		for _, r := range rows {
			have[r.SHA256] = true
		}
		_, err := w.Write(rows)
		return err
	})
	if err == nil {
		err = readJournal(journalPath(s.path), func(rec *cnbudgetv1.Record) error {
			if have[rec.GetDocument().GetSha256()] {
				return nil
			}
			_, err := w.Write(linesOf(rec))
			return err
		})
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// readParquetRows calls fn with the rows of the Parquet file of T at path, a chunk at a
// time; a missing or empty file has no rows.
func readParquetRows[T any](path string, fn func([]T) error) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return nil
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	r := parquet.NewGenericReader[T](pf)
	defer r.Close()
	buf := make([]T, 256)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if ferr := fn(buf[:n]); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
}
