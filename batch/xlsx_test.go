package batch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/batch/sink"
)

// TestWorkbooks: a batch reads .xlsx workbooks, and one saved under another name, and
// lists a legacy .xls with what to do about it.
func TestWorkbooks(t *testing.T) {
	b, err := os.ReadFile("../testdata/xlsx/county_budget.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	xls := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)
	xls = append(xls, "W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00"...)
	for name, content := range map[string][]byte{
		"a/budget.xlsx":  b,
		"a/budget2.XLSX": append(b[:len(b):len(b)], 0), // other bytes, same workbook (a zip ignores what follows it)
		"b/export.dat":   append(b[:len(b):len(b)], 0, 0),
		"c/old.xls":      xls,
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out.jsonl")
	s, err := Run(context.Background(), []string{dir}, Options{Out: out, Extractor: newExtractor(t), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if s.Succeeded != 3 {
		t.Errorf("summary %+v: want the three workbooks read", s)
	}
	got := dump(t, out, sink.JSONL)
	if len(got) != 3 {
		t.Errorf("output holds %d documents, want 3", len(got))
	}
	fails := readFailures(t, out)
	f := fails[filepath.Join(dir, "c/old.xls")]
	if f.Reason != "UNSUPPORTED" || !strings.Contains(f.Message, "save it as .xlsx") {
		t.Errorf("old.xls: %+v", f)
	}
}
