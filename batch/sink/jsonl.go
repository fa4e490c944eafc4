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

func (s *jsonlSink) Encode(rec *cnbudgetv1.Record) (*Encoded, error) {
	if _, err := sha(rec); err != nil {
		return nil, err
	}
	b, err := protojson.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encoding record: %w", err)
	}
	return &Encoded{rec: rec, data: b}, nil
}

func (s *jsonlSink) Write(e *Encoded) error { return s.lines.Append(e.data) }

func (s *jsonlSink) Close() error { return s.lines.Close() }
