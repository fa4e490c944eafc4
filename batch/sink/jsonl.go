package sink

import (
	"fmt"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// jsonlSink writes one protojson record per line.
type jsonlSink struct {
	lines *LineFile
}

func openJSONL(path string) (Sink, map[string]bool, error) {
	done := make(map[string]bool)
	lines, err := OpenLines(path, func(line []byte) error {
		var rec cnbudgetv1.Record
		if err := protojson.Unmarshal(line, &rec); err != nil {
			return err
		}
		s, err := sha(&rec)
		if err != nil {
			return err
		}
		done[s] = true
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &jsonlSink{lines: lines}, done, nil
}

func (s *jsonlSink) Write(rec *cnbudgetv1.Record) error {
	if _, err := sha(rec); err != nil {
		return err
	}
	b, err := protojson.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encoding record: %w", err)
	}
	return s.lines.Append(b)
}

func (s *jsonlSink) Close() error { return s.lines.Close() }
