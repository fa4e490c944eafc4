package sink

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// testRecord returns a record of document i with amounts, counts, lists and a warning.
func testRecord(i int) *cnbudgetv1.Record {
	sp := &cnbudgetv1.Span{Start: int32(i), End: int32(i + 4), Page: 2, Quote: "三公经费"}
	return &cnbudgetv1.Record{
		Document: &cnbudgetv1.DocumentInfo{
			Name: fmt.Sprintf("county/doc%03d.pdf", i), MediaType: "application/pdf",
			Sha256: fmt.Sprintf("%064x", i+1), Size: int64(1000 + i), Pages: 3, Encoding: "utf-8",
		},
		Header: &cnbudgetv1.Header{
			Kind:       &cnbudgetv1.KindFact{Value: cnbudgetv1.Kind_KIND_BUDGET},
			FiscalYear: &cnbudgetv1.Integer{Value: 2023},
			UnitName:   &cnbudgetv1.Text{Value: fmt.Sprintf("东河县第%d局", i)},
			Region:     &cnbudgetv1.Text{Value: "东河县"},
		},
		Organization: &cnbudgetv1.Organization{Departments: []*cnbudgetv1.Text{{Value: "办公室"}, {Value: "业务科"}}},
		Staffing:     &cnbudgetv1.Staffing{Retired: &cnbudgetv1.Integer{Value: int64(i % 5)}},
		Revenue: &cnbudgetv1.Revenue{
			Total:  &cnbudgetv1.Amount{Fen: 154790000 + int64(i), Span: sp},
			Change: &cnbudgetv1.Amount{Fen: -4000000},
			Other:  &cnbudgetv1.Amount{Fen: 300, Approximate: true},
		},
		Expenditure: &cnbudgetv1.Expenditure{Functions: []*cnbudgetv1.FunctionSpending{
			{Name: "科学技术支出", Amount: &cnbudgetv1.Amount{Fen: 120700000}},
			{Name: "住房保障支出", Amount: &cnbudgetv1.Amount{Fen: 7830000, Repaired: true}},
		}},
		Sanggong:    &cnbudgetv1.Sanggong{Total: &cnbudgetv1.Amount{Fen: int64(i) * 1000000, Span: sp}},
		Procurement: &cnbudgetv1.Procurement{Items: []*cnbudgetv1.ProcurementItem{{Item: "电脑", Quantity: 3, Measure: "台"}}},
		Contact:     &cnbudgetv1.Contact{Phones: []*cnbudgetv1.Text{{Value: "023-51522382"}}},
		Warnings: []*cnbudgetv1.Warning{{
			Code: cnbudgetv1.WarningCode_WARNING_CODE_UNIT_REPAIRED, Message: "stated 7.83元; the sums prove 万元",
			Keys: []string{"expenditure.function.住房保障支出"},
		}},
		ExtractorVersion: "test",
	}
}

// writeAll opens path in f, checks it holds want, writes records from..to-1 and closes it.
func writeAll(t *testing.T, path string, f Format, want, from, to int) {
	t.Helper()
	s, done, err := Open(path, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != want {
		t.Fatalf("reopened output holds %d documents, want %d", len(done), want)
	}
	for i := range want {
		if !done[fmt.Sprintf("%064x", i+1)] {
			t.Fatalf("reopened output lacks document %d", i)
		}
	}
	for i := from; i < to; i++ {
		if err := WriteRecord(s, testRecord(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestResume writes in two sessions and checks that the second one sees the first's
// documents and that the file holds both.
func TestResume(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out."+string(f))
			writeAll(t, path, f, 0, 0, 5)
			writeAll(t, path, f, 5, 5, 12)
			writeAll(t, path, f, 12, 12, 12)
		})
	}
}

func TestWriteNeedsSHA256(t *testing.T) {
	for _, f := range Formats {
		s, _, err := Open(filepath.Join(t.TempDir(), "out."+string(f)), f)
		if err != nil {
			t.Fatal(err)
		}
		rec := testRecord(0)
		rec.Document.Sha256 = ""
		if _, err := s.Encode(rec); err == nil {
			t.Errorf("%s: a record without sha256 was written", f)
		}
		s.Close()
	}
}

// TestTornTail cuts the last line or row of a line file short, as a killed run leaves
// it, and checks that opening it drops that row, keeps the others and appends cleanly.
func TestTornTail(t *testing.T) {
	for _, f := range []Format{JSONL, CSV} {
		for _, cut := range []int{1, 7, 40} {
			t.Run(fmt.Sprintf("%s/cut%d", f, cut), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "out."+string(f))
				writeAll(t, path, f, 0, 0, 4)
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b[:len(b)-cut], 0o644); err != nil {
					t.Fatal(err)
				}
				writeAll(t, path, f, 3, 3, 6)
				writeAll(t, path, f, 6, 6, 6)
			})
		}
	}
}

// TestTornHeader: a CSV killed while writing its header starts again.
func TestTornHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(path, []byte("document.name,docu"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeAll(t, path, CSV, 0, 0, 2)
	writeAll(t, path, CSV, 2, 2, 2)
}

// TestCorruptMiddle: a bad line with good lines after it is not a torn tail, and
// cutting there would lose data, so Open refuses.
func TestCorruptMiddle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	writeAll(t, path, JSONL, 0, 0, 3)
	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	lines[1] = "{not json\n"
	os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644)
	if _, _, err := Open(path, JSONL); err == nil {
		t.Fatal("opened a file with a corrupt line in the middle")
	}
}

func TestCSVOtherColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	os.WriteFile(path, []byte("a,b,c\n1,2,3\n"), 0o644)
	if _, _, err := Open(path, CSV); err == nil {
		t.Fatal("appended to a CSV with other columns")
	}
}

func TestCSVRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	writeAll(t, path, CSV, 0, 0, 1)
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want header and one row", len(lines))
	}
	header := strings.Split(lines[0], ",")
	row := strings.Split(lines[1], ",")
	get := func(key string) string {
		i := slices.Index(header, key)
		if i < 0 {
			t.Fatalf("no column %s", key)
		}
		return row[i]
	}
	for key, want := range map[string]string{
		"document.sha256":      fmt.Sprintf("%064x", 1),
		"revenue.total":        "1547900.00",
		"revenue.change":       "-40000.00",
		"revenue.other":        "", // approximate: not a fact
		"org.department":       "办公室;业务科",
		"doc.kind":             "budget",
		"expenditure.function": "科学技术支出:1207000.00;住房保障支出:78300.00",
		"warnings":             "unit_repaired",
	} {
		if got := get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// TestParquetSchema reads the Parquet file back with parquet-go and checks its column
// types — decimal amounts, integer counts, lists — and its values.
func TestParquetSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.parquet")
	writeAll(t, path, Parquet, 0, 0, 3)
	rows, err := parquet.ReadFile[parquetRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("read %d rows, want 3", len(rows))
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	schema := pf.Schema()
	for _, c := range []struct{ col, want string }{
		{"revenue_total", "DECIMAL(18,2)"},
		{"staff_retired", "INT(64"},
		{"doc_fiscal_year", "INT(64"},
		{"doc_unit_name", "STRING"},
	} {
		leaf, ok := schema.Lookup(c.col)
		if !ok {
			t.Errorf("no column %s", c.col)
			continue
		}
		if got := fmt.Sprint(leaf.Node.Type()); !strings.Contains(strings.ToUpper(got), strings.ToUpper(c.want)) &&
			!strings.Contains(strings.ToUpper(fmt.Sprint(leaf.Node.Type().LogicalType())), strings.ToUpper(c.want)) {
			t.Errorf("%s: type %s (%v), want %s", c.col, got, leaf.Node.Type().LogicalType(), c.want)
		}
	}
	if _, ok := schema.Lookup("org_department", "list", "element"); !ok {
		t.Errorf("org_department is not a LIST column")
	}
	r := rows[1]
	if r.RevenueTotal == nil || *r.RevenueTotal != 154790001 {
		t.Errorf("revenue_total = %v, want 154790001 fen", r.RevenueTotal)
	}
	if r.RevenueOther != nil {
		t.Errorf("approximate revenue_other written: %v", *r.RevenueOther)
	}
	if !slices.Equal(r.OrgDepartment, []string{"办公室", "业务科"}) || len(r.ExpenditureFunction) != 2 ||
		r.ExpenditureFunction[1].Name != "住房保障支出" || *r.ExpenditureFunction[1].Amount != 7830000 {
		t.Errorf("lists: %+v, %+v", r.OrgDepartment, r.ExpenditureFunction)
	}
	if r.DocKind == nil || *r.DocKind != "budget" || r.DocScope != nil {
		t.Errorf("doc_kind %v, doc_scope %v", r.DocKind, r.DocScope)
	}
}

// TestParquetColumnsCoverKeys: every FIELDS.md key has its Parquet column, so the record
// and the Parquet schema cannot drift apart unnoticed.
func TestParquetColumnsCoverKeys(t *testing.T) {
	cols := map[string]bool{}
	for _, f := range parquet.SchemaOf(parquetRow{}).Fields() {
		cols[f.Name()] = true
	}
	for _, key := range record.Keys() {
		if col := strings.ReplaceAll(key, ".", "_"); !cols[col] {
			t.Errorf("key %s has no Parquet column %s", key, col)
		}
	}
}

// TestParquetJournal: a run killed before Close leaves its records in the journal; the
// next Open counts them and its Close puts them in the file, once each, even when a
// run was killed between the rename and the journal's removal.
func TestParquetJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.parquet")
	writeAll(t, path, Parquet, 0, 0, 2)
	s, _, err := Open(path, Parquet)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < 5; i++ {
		WriteRecord(s, testRecord(i))
	}
	// Killed: no Close. The journal holds 2..4, the file 0..1.
	s.(*parquetSink).journal.lines.f.Close()
	if err := os.WriteFile(tempPath(path), []byte("half a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeAll(t, path, Parquet, 5, 5, 6)
	if _, err := os.Stat(journalPath(path)); err == nil {
		t.Error("journal left after Close")
	}
	if _, err := os.Stat(tempPath(path)); err == nil {
		t.Error("temporary file left after Close")
	}
	// Killed after the rename: the journal still holds documents the file has.
	os.WriteFile(journalPath(path), nil, 0o644)
	j, _, _ := openJSONL(journalPath(path))
	WriteRecord(j, testRecord(4))
	j.Close()
	writeAll(t, path, Parquet, 6, 6, 6)
	rows, err := parquet.ReadFile[parquetRow](path)
	if err != nil || len(rows) != 6 {
		t.Fatalf("%d rows (%v), want 6", len(rows), err)
	}
}

// TestParquetReaders reads the file with pyarrow and DuckDB where they are installed.
func TestParquetReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.parquet")
	writeAll(t, path, Parquet, 0, 0, 3)
	t.Run("pyarrow", func(t *testing.T) {
		if exec.Command("python3", "-c", "import pyarrow").Run() != nil {
			t.Skip("python3 with pyarrow is not installed")
		}
		out, err := exec.Command("python3", "-c", `
import sys, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
print(t.schema.field("revenue_total").type, t.num_rows, t.column("revenue_total")[1].as_py(), t.column("org_department")[0].as_py())
`, path).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if got, want := strings.TrimSpace(string(out)), "decimal128(18, 2) 3 1547900.01 ['办公室', '业务科']"; got != want {
			t.Errorf("pyarrow read %q, want %q", got, want)
		}
	})
	t.Run("duckdb", func(t *testing.T) {
		if _, err := exec.LookPath("duckdb"); err != nil {
			t.Skip("duckdb is not installed")
		}
		out, err := exec.Command("duckdb", "-csv", "-noheader", "-c",
			fmt.Sprintf("SELECT sum(revenue_total), typeof(revenue_total) FROM '%s' GROUP BY 2", path)).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if got, want := strings.TrimSpace(string(out)), "4643700.03,\"DECIMAL(18,2)\""; got != want {
			t.Errorf("duckdb read %q, want %q", got, want)
		}
	})
}

// sqliteExample is the example query of batch/README.md: the documents with the
// largest "three public" expenses.
const sqliteExample = `
SELECT d.unit_name, d.fiscal_year, f.value AS sanggong_total, f.page, f.quote
FROM facts f JOIN documents d USING (sha256)
WHERE f.key = 'sanggong.total'
ORDER BY CAST(f.value AS REAL) DESC
LIMIT 3`

func TestSQLiteExampleQuery(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.sqlite")
	writeAll(t, path, SQLite, 0, 0, 6)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(sqliteExample)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var unit, value, quote string
		var year, page int
		if err := rows.Scan(&unit, &year, &value, &page, &quote); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %s p%d %s", unit, year, value, page, quote))
	}
	want := []string{
		"东河县第5局 2023 50000.00 p2 三公经费",
		"东河县第4局 2023 40000.00 p2 三公经费",
		"东河县第3局 2023 30000.00 p2 三公经费",
	}
	if !slices.Equal(got, want) {
		t.Errorf("example query:\n got %q\nwant %q", got, want)
	}
	var nf, nw int
	db.QueryRow(`SELECT (SELECT COUNT(*) FROM facts), (SELECT COUNT(*) FROM warnings WHERE code = 'unit_repaired')`).Scan(&nf, &nw)
	if perDoc := len(record.Facts(testRecord(0))); nf != 6*perDoc || nw != 6 {
		t.Errorf("%d facts and %d warnings, want %d and 6", nf, nw, 6*perDoc)
	}
	var idx int
	db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('facts_key', 'warnings_code')`).Scan(&idx)
	if idx != 2 {
		t.Errorf("%d of the 2 indexes", idx)
	}
}
