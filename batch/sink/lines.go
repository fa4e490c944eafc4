package sink

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// LineFile is an append-only file of newline-terminated lines, each written with a single
// write so that a crash can tear at most the last line.
type LineFile struct {
	f *os.File
}

// OpenLines opens or creates the line file at path for appending. It first reads every
// line with scan (if not nil), which returns an error for a line it cannot read; a last line that is
// unreadable or lacks its newline — the torn end of a killed run — is cut off, while an
// unreadable line before the last is an error, since cutting there would lose good lines.
func OpenLines(path string, scan func(line []byte) error) (*LineFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	good, err := ScanLines(f, scan)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &LineFile{f: f}, nil
}

// ScanLines calls scan (if not nil) on each complete line of r and returns the offset
// just past the last good one. An unterminated last line, or a last line scan rejects,
// is not counted; a rejected line before the last is an error.
func ScanLines(r io.Reader, scan func([]byte) error) (int64, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var good int64
	var bad error
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && bad != nil {
			return 0, fmt.Errorf("line %d: %w", n-1, bad)
		}
		if errors.Is(err, io.EOF) {
			return good, nil // an unterminated last line is torn: drop it
		}
		if err != nil {
			return 0, err
		}
		body := bytes.TrimSuffix(line, []byte("\n"))
		if len(bytes.TrimSpace(body)) == 0 {
			good += int64(len(line))
			continue
		}
		if scan != nil {
			bad = scan(body)
		}
		if bad == nil {
			good += int64(len(line))
		}
	}
}

// Append writes line and a newline in one write.
func (l *LineFile) Append(line []byte) error {
	buf := make([]byte, 0, len(line)+1)
	buf = append(append(buf, line...), '\n')
	_, err := l.f.Write(buf)
	return err
}

// Close syncs and closes the file.
func (l *LineFile) Close() error {
	err := l.f.Sync()
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	return err
}
