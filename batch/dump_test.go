package batch

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/cnbudget/cnbudget/batch/sink"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// dump reads the output at path strictly — no repair: a torn line or a leftover journal
// is an error — and returns one line per document, by sha256. A document held twice is
// an error.
func dump(t testing.TB, path string, f sink.Format) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(sha, line string) {
		if sha == "" {
			t.Fatalf("%s: a document without sha256: %s", path, line)
		}
		if _, dup := out[sha]; dup {
			t.Fatalf("%s: document %s written twice", path, sha)
		}
		out[sha] = line
	}
	switch f {
	case sink.JSONL:
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 && !bytes.HasSuffix(b, []byte("\n")) {
			t.Fatalf("%s: torn last line", path)
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if line == "" {
				continue
			}
			var rec cnbudgetv1.Record
			if err := protojson.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("%s: %v: %q", path, err, line)
			}
			canon, _ := protojson.Marshal(&rec)
			add(rec.GetDocument().GetSha256(), string(canon))
		}
	case sink.CSV:
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		rows, err := csv.NewReader(fh).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		col := slices.Index(rows[0], "document.sha256")
		for _, r := range rows[1:] {
			add(r[col], strings.Join(r, "\x1f"))
		}
	case sink.Parquet:
		if _, err := os.Stat(path + ".journal"); err == nil {
			t.Fatalf("%s: journal left behind", path)
		}
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		st, _ := fh.Stat()
		pf, err := parquet.OpenFile(fh, st.Size())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		r := parquet.NewReader(pf)
		defer r.Close()
		for {
			row := map[string]any{}
			err := r.Read(&row)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			b, _ := json.Marshal(row)
			add(fmt.Sprint(row["sha256"]), string(b))
		}
	case sink.SQLite:
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT d.sha256, d.name, d.record,
			(SELECT COUNT(*) FROM facts f WHERE f.sha256 = d.sha256),
			(SELECT COUNT(*) FROM warnings w WHERE w.sha256 = d.sha256)
			FROM documents d`)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer rows.Close()
		for rows.Next() {
			var sha, name, rec string
			var nf, nw int
			if err := rows.Scan(&sha, &name, &rec, &nf, &nw); err != nil {
				t.Fatal(err)
			}
			var r cnbudgetv1.Record
			if err := protojson.Unmarshal([]byte(rec), &r); err != nil {
				t.Fatal(err)
			}
			canon, _ := protojson.Marshal(&r)
			add(sha, fmt.Sprintf("%s %s %d %d", name, canon, nf, nw))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("no dump for %q", f)
	}
	return out
}

// readFailures reads the error list of out strictly, by path.
func readFailures(t testing.TB, out string) map[string]Failure {
	t.Helper()
	b, err := os.ReadFile(ErrorsPath(out))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 0 && !bytes.HasSuffix(b, []byte("\n")) {
		t.Fatalf("%s: torn last line", ErrorsPath(out))
	}
	m := map[string]Failure{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if line == "" {
			continue
		}
		var f Failure
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%s: %v", ErrorsPath(out), err)
		}
		if _, dup := m[f.Path]; dup {
			t.Fatalf("%s: %s listed twice", ErrorsPath(out), f.Path)
		}
		m[f.Path] = f
	}
	return m
}
