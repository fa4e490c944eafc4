package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"

	"github.com/cnbudget/cnbudget/batch/sink"
)

// Failure is one line of the error list, OUT.errors.jsonl: a document that yielded no
// record, and why.
type Failure struct {
	Path    string `json:"path"`
	SHA256  string `json:"sha256,omitempty"` // empty when the file could not be read
	Reason  string `json:"reason"`           // EMPTY, BINARY, UNSUPPORTED, ..., see Reasons
	Message string `json:"message"`          // for people
}

// Reasons beyond the extractor's fail kinds.
const (
	// Unreadable: the file could not be read (permissions, a folder that cannot be listed).
	Unreadable = "UNREADABLE"
	// Unavailable: no server answered for the document, after retries.
	Unavailable = "UNAVAILABLE"
)

// transient reports whether a failure of this reason may not recur, so that the next run
// tries the document again instead of trusting the error list.
func transient(reason string) bool {
	switch reason {
	case "TIMEOUT", "CANCELED", "INTERNAL", Unreadable, Unavailable:
		return true
	}
	return false
}

// failureLog appends to the error list.
type failureLog struct {
	lines *sink.LineFile
}

// failureKey identifies a line of the error list: unlike the output, which holds a
// document once however many files have its bytes, the error list names every file that
// failed, so that a team can find them all.
func failureKey(sha, path string) string { return sha + "\x00" + path }

// openFailures opens or creates the error list at path and returns it with the files it
// already lists, by failureKey. Lines of transient reasons are dropped (the files are
// tried again) and so is a torn last line, by rewriting the file.
func openFailures(path string) (*failureLog, map[string]bool, error) {
	var keep []Failure
	dropped := false
	if f, err := os.Open(path); err == nil {
		good, err := sink.ScanLines(bufio.NewReader(f), func(line []byte) error {
			var fl Failure
			if err := json.Unmarshal(line, &fl); err != nil {
				return err
			}
			if fl.SHA256 == "" || transient(fl.Reason) {
				dropped = true
				return nil
			}
			keep = append(keep, fl)
			return nil
		})
		if st, serr := f.Stat(); serr == nil && st.Size() != good {
			dropped = true // a torn or unreadable last line: rewrite without it
		}
		f.Close()
		if err != nil {
			return nil, nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	failed := make(map[string]bool, len(keep))
	if dropped {
		tmp := path + ".tmp"
		if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		lf, err := sink.OpenLines(tmp, nil)
		if err != nil {
			return nil, nil, err
		}
		for _, fl := range keep {
			if k := failureKey(fl.SHA256, fl.Path); failed[k] {
				continue
			} else {
				failed[k] = true
			}
			b, _ := json.Marshal(fl)
			if err := lf.Append(b); err != nil {
				lf.Close()
				return nil, nil, err
			}
		}
		if err := lf.Close(); err != nil {
			return nil, nil, err
		}
		if err := os.Rename(tmp, path); err != nil {
			return nil, nil, err
		}
	}
	for _, fl := range keep {
		failed[failureKey(fl.SHA256, fl.Path)] = true
	}
	lines, err := sink.OpenLines(path, nil)
	if err != nil {
		return nil, nil, err
	}
	return &failureLog{lines: lines}, failed, nil
}

func (l *failureLog) add(f Failure) error {
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return l.lines.Append(b)
}

func (l *failureLog) close() error { return l.lines.Close() }
