package record

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract/facts"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// catalogKeys reads the keys of ../shared/FIELDS.md's key table.
func catalogKeys(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "FIELDS.md"))
	if err != nil {
		t.Skipf("no ../shared/FIELDS.md: %v", err)
	}
	cell := regexp.MustCompile(`^\| ([a-z_.A-Z/ ]+) \|`)
	var keys []string
	inKeys := false // the "## Keys" section; the tables' section has a table of its own
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			inKeys = strings.TrimSpace(line) == "## Keys"
		}
		if !inKeys {
			continue
		}
		m := cell.FindStringSubmatch(line)
		if m == nil || m[1] == "key " || m[1] == "key" {
			continue
		}
		prev := ""
		for _, k := range strings.Split(m[1], "/") {
			k = strings.TrimSpace(k)
			if strings.HasPrefix(k, ".") {
				k = prev[:strings.LastIndex(prev, ".")] + k
			}
			keys = append(keys, k)
			prev = k
		}
	}
	return keys
}

func TestEveryCatalogKeyHasOneField(t *testing.T) {
	keys := catalogKeys(t)
	if len(keys) < 50 {
		t.Fatalf("read only %d keys from FIELDS.md", len(keys))
	}
	seen := map[string]bool{}
	for _, k := range Keys() {
		if seen[k] {
			t.Errorf("key %s maps to two fields", k)
		}
		seen[k] = true
	}
	for _, k := range keys {
		if k == "expenditure.function.NAME" {
			k = "expenditure.function.科学技术支出"
		}
		if !Known(k) {
			t.Errorf("FIELDS.md key %s has no field in the record", k)
		}
	}
	if len(Keys()) != len(keys) {
		t.Errorf("record has %d keys, FIELDS.md %d", len(Keys()), len(keys))
	}
}

func TestBuildAndFlat(t *testing.T) {
	text := "收入预算263.58万元，其中科学技术支出98.6万元。联系人：张三"
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	f := func(key string, typ facts.Type, v int64, txt, quote string) facts.Fact {
		s, e := at(quote)
		return facts.Fact{Key: key, Type: typ, Fen: v, Int: v, Text: txt, Start: s, End: e}
	}
	in := Input{
		Document: &cnbudgetv1.DocumentInfo{Name: "x.txt"},
		Text:     text,
		Facts: []facts.Fact{
			f("revenue.total", facts.Money, 263580000, "", "263.58万元"),
			f("expenditure.function.科学技术支出", facts.Money, 98600000, "", "98.6万元"),
			f("contact.name", facts.String, 0, "张三", "张三"),
			f("doc.kind", facts.Kind, 0, "budget", "收入预算"),
			f("revenue.total", facts.Money, 1, "", "263.58万元"),
			{Key: "procurement.item", Type: facts.Item, Text: "投影仪", Int: 4, Measure: "台", Start: -1, End: -1},
		},
		Warnings: []facts.Warning{{Code: "unit_repaired", Message: "m", Keys: []string{"expenditure.function.科学技术支出"}, Start: -1}},
	}
	rec, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteFlat(&buf, rec); err != nil {
		t.Fatal(err)
	}
	want := "doc.kind\tbudget\nrevenue.total\t2635800.00\nexpenditure.function.科学技术支出\t986000.00\nprocurement.item\t投影仪|4|台\ncontact.name\t张三\n" +
		"!warning\tunit_repaired\texpenditure.function.科学技术支出\tm\n" +
		"!warning\tconflict\trevenue.total\trevenue.total is stated again as 0.01; the first value, 2635800.00, is kept\n"
	if got := buf.String(); got != want {
		t.Errorf("flat:\n%s\nwant:\n%s", got, want)
	}
	sp := rec.GetContact().GetName().GetSpan()
	if sp.GetQuote() != "张三" || int(sp.GetEnd()-sp.GetStart()) != 2 || int(sp.GetStart()) != len([]rune(text))-2 {
		t.Errorf("contact span = %v", sp)
	}
	if _, err := Build(Input{Facts: []facts.Fact{{Key: "no.such.key", Type: facts.Money}}}); err == nil {
		t.Error("Build accepted an unknown key")
	}
}

func TestFormatFen(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 1: "0.01", -4000000: "-40000.00", 263580000: "2635800.00", -5: "-0.05"} {
		if got := FormatFen(fen); got != want {
			t.Errorf("FormatFen(%d) = %s, want %s", fen, got, want)
		}
	}
}

func TestCSVRow(t *testing.T) {
	rec := &cnbudgetv1.Record{
		Document:    &cnbudgetv1.DocumentInfo{Name: "a", Sha256: "ff"},
		Contact:     &cnbudgetv1.Contact{Phones: []*cnbudgetv1.Text{{Value: "1"}, {Value: "2"}}},
		Expenditure: &cnbudgetv1.Expenditure{Functions: []*cnbudgetv1.FunctionSpending{{Name: "教育支出", Amount: &cnbudgetv1.Amount{Fen: 100}}}},
	}
	h, row := CSVHeader(), CSVRow(rec)
	if len(h) != len(row) {
		t.Fatalf("header %d cells, row %d", len(h), len(row))
	}
	got := map[string]string{}
	for i := range h {
		got[h[i]] = row[i]
	}
	if got["contact.phone"] != "1;2" || got["expenditure.function"] != "教育支出:1.00" || got["document.sha256"] != "ff" {
		t.Errorf("row = %v", got)
	}
}
