package sink

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"google.golang.org/protobuf/encoding/protojson"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

func fen(v int64) *cnbudgetv1.Amount { return &cnbudgetv1.Amount{Fen: v} }

// tableRecord returns testRecord(i) with two tables: the spending table with its total
// row, a class, an item with a blank basic cell; the economic table with personnel and
// public columns. Document i's amounts differ by i fen.
func tableRecord(i int) *cnbudgetv1.Record {
	rec := testRecord(i)
	n := int64(i)
	rec.Tables = []*cnbudgetv1.Table{
		{Kind: cnbudgetv1.TableKind_TABLE_KIND_EXPENDITURE, Id: "expenditure", Title: "2023年部门支出总表", Unit: "元",
			Columns: []string{"total", "basic", "project"},
			Rows: []*cnbudgetv1.TableRow{
				{Code: "total", Total: fen(294005000 + n), Basic: fen(210005000 + n), Project: fen(84000000)},
				{Code: "201", Name: &cnbudgetv1.Text{Value: "一般公共服务支出"}, Total: fen(151189000 + n), Basic: fen(150352000 + n), Project: fen(837000)},
				{Code: "2010601", Name: &cnbudgetv1.Text{Value: "行政运行"}, Total: fen(837000), Project: fen(837000)},
			}},
		// No id: the sinks take it from the kind.
		{Kind: cnbudgetv1.TableKind_TABLE_KIND_ECONOMIC, Title: "一般公共预算基本支出表", Unit: "万元",
			Columns: []string{"total", "personnel", "public"},
			Rows: []*cnbudgetv1.TableRow{
				{Code: "30101", Name: &cnbudgetv1.Text{Value: "基本工资"}, Total: fen(345670000), Personnel: fen(345670000)},
				{Code: "30201", Name: &cnbudgetv1.Text{Value: "办公费"}, Total: fen(0), Public: fen(0)},
			}},
	}
	return rec
}

// wantLines returns the lines of documents 0..n-1 as readLines gives them.
func wantLines(n int) []string {
	var out []string
	for i := range n {
		for _, l := range linesOf(tableRecord(i)) {
			out = append(out, strings.Join(l.csv(), "|"))
		}
	}
	slices.Sort(out)
	return out
}

// readLines returns the lines of the output of format f at path, each as its cells
// joined with "|" (amounts as yuan with two decimals, blank when unset), sorted.
func readLines(t *testing.T, path string, f Format) []string {
	t.Helper()
	var out []string
	add := func(cells ...string) { out = append(out, strings.Join(cells, "|")) }
	switch f {
	case JSONL:
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			rec := new(cnbudgetv1.Record)
			if err := protojson.Unmarshal([]byte(line), rec); err != nil {
				t.Fatal(err)
			}
			for _, l := range linesOf(rec) {
				add(l.csv()...)
			}
		}
	case CSV:
		fh, err := os.Open(LinesPath(path, CSV))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		rows, err := csv.NewReader(fh).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], lineColumns) {
			t.Fatalf("header %v", rows[0])
		}
		for _, r := range rows[1:] {
			add(r...)
		}
	case Parquet:
		rows, err := parquet.ReadFile[lineRow](LinesPath(path, Parquet))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			add(r.csv()...)
		}
	case SQLite:
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT l.sha256, d.name, l.table_id, l.seq, l.code, l.name, total, appropriation, basic, project, personnel, public FROM lines l JOIN documents d USING (sha256)`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var l lineRow
			if err := rows.Scan(&l.SHA256, &l.Document, &l.TableID, &l.Seq, &l.Code, &l.Name,
				&l.Total, &l.Appropriation, &l.Basic, &l.Project, &l.Personnel, &l.Public); err != nil {
				t.Fatal(err)
			}
			add(l.csv()...)
		}
	}
	slices.Sort(out)
	return out
}

// writeTables writes documents from..to-1 with tables to the output, as writeAll.
func writeTables(t *testing.T, path string, f Format, want, from, to int) {
	t.Helper()
	s, done, err := Open(path, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != want {
		t.Fatalf("reopened output holds %d documents, want %d", len(done), want)
	}
	for i := from; i < to; i++ {
		if err := WriteRecord(s, tableRecord(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLines writes documents with tables in two runs and a third that adds nothing, and
// checks that every format holds each table row exactly once.
func TestLines(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out."+string(f))
			writeTables(t, path, f, 0, 0, 3)
			writeTables(t, path, f, 3, 3, 5)
			writeTables(t, path, f, 5, 5, 5)
			if got, want := readLines(t, path, f), wantLines(5); !slices.Equal(got, want) {
				t.Errorf("lines:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestLineValues pins the row of a line as a user reads it: catalog id from the kind
// when the record lacks it, yuan with two decimals, blank cells blank, a printed 0 as 0.00.
func TestLineValues(t *testing.T) {
	got := wantLines(1)
	sha := fmt.Sprintf("%064x", 1)
	for _, want := range []string{
		sha + "|county/doc000.pdf|expenditure|0|total||2940050.00||2100050.00|840000.00||",
		sha + "|county/doc000.pdf|expenditure|2|2010601|行政运行|8370.00|||8370.00||",
		sha + "|county/doc000.pdf|economic|4|30201|办公费|0.00|||||0.00",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no line %q in %q", want, got)
		}
	}
}

// TestCSVLinesKilled: a run killed after writing a document's lines but before its row
// leaves lines the next run cuts off (and writes again with the document), and a torn
// lines row is cut off too.
func TestCSVLinesKilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	writeTables(t, path, CSV, 0, 0, 2)
	// Killed between the lines and the row of document 2, with half a row more.
	s, _, err := Open(path, CSV)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Encode(tableRecord(2))
	if err != nil {
		t.Fatal(err)
	}
	cs := s.(*csvSink)
	cs.lines.Write(e.csvLines)
	cs.lines.Write(e.csvLines[:30])
	cs.lines.Close()
	cs.f.Close()
	writeTables(t, path, CSV, 2, 2, 4)
	if got, want := readLines(t, path, CSV), wantLines(4); !slices.Equal(got, want) {
		t.Errorf("lines after the killed run:\n got %q\nwant %q", got, want)
	}
}

// TestSQLiteLinesKilled: a run killed before its transaction commits loses the
// documents and their lines together.
func TestSQLiteLinesKilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.sqlite")
	writeTables(t, path, SQLite, 0, 0, 2)
	s, _, err := Open(path, SQLite)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < 4; i++ {
		WriteRecord(s, tableRecord(i))
	}
	// Killed: what is on disk now, the database and its write-ahead log with the
	// uncommitted transaction, is what the next run finds.
	crash := filepath.Join(t.TempDir(), "out.sqlite")
	for _, suffix := range []string{"", "-wal"} {
		if b, err := os.ReadFile(path + suffix); err == nil {
			os.WriteFile(crash+suffix, b, 0o644)
		}
	}
	s.(*sqliteSink).tx.Rollback()
	s.Close()
	writeTables(t, crash, SQLite, 2, 2, 3)
	if got, want := readLines(t, crash, SQLite), wantLines(3); !slices.Equal(got, want) {
		t.Errorf("lines after the killed run:\n got %q\nwant %q", got, want)
	}
}

// TestParquetLinesKilled: a run killed after the lines file was put in place but
// before the documents' file was leaves the journal; the next Close writes each line once.
func TestParquetLinesKilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.parquet")
	writeTables(t, path, Parquet, 0, 0, 2)
	s, _, err := Open(path, Parquet)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < 4; i++ {
		WriteRecord(s, tableRecord(i))
	}
	ps := s.(*parquetSink)
	ps.journal.Close()
	if err := ps.writeLines(); err != nil { // killed after this step
		t.Fatal(err)
	}
	writeTables(t, path, Parquet, 4, 4, 5)
	if got, want := readLines(t, path, Parquet), wantLines(5); !slices.Equal(got, want) {
		t.Errorf("lines after the killed run:\n got %q\nwant %q", got, want)
	}
	rows, err := parquet.ReadFile[parquetRow](path)
	if err != nil || len(rows) != 5 {
		t.Errorf("%d documents (%v), want 5", len(rows), err)
	}
}

// TestLinesTypes checks the types a data team's tools see: INTEGER fen and a view in
// yuan in SQLite, DECIMAL(18,2) in Parquet, tables in the JSON lines.
func TestLinesTypes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "out.sqlite")
	writeTables(t, db, SQLite, 0, 0, 2)
	d, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var typ, name string
	var yuan float64
	if err := d.QueryRow(`SELECT typeof(total) FROM lines WHERE code = 'total' LIMIT 1`).Scan(&typ); err != nil || typ != "integer" {
		t.Errorf("typeof(total) = %q, %v", typ, err)
	}
	if err := d.QueryRow(`SELECT total, document FROM lines_yuan WHERE code = '2010601' LIMIT 1`).Scan(&yuan, &name); err != nil || yuan != 8370 || name != "county/doc000.pdf" {
		t.Errorf("lines_yuan: %v %q %v", yuan, name, err)
	}
	// The README's query: spending by 类 (the first three digits of the code).
	rows, err := d.Query(linesExample)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var class string
		var total float64
		var docs int
		rows.Scan(&class, &docs, &total)
		got = append(got, fmt.Sprintf("%s %d %.2f", class, docs, total))
	}
	rows.Close()
	if want := []string{"201 2 3023780.01"}; !slices.Equal(got, want) {
		t.Errorf("README query: %q, want %q", got, want)
	}

	pq := filepath.Join(dir, "out.parquet")
	writeTables(t, pq, Parquet, 0, 0, 1)
	schema := parquet.SchemaOf(lineRow{})
	leaf, ok := schema.Lookup("total")
	if !ok || !strings.Contains(fmt.Sprint(leaf.Node.Type().LogicalType()), "DECIMAL(18,2)") {
		t.Errorf("Parquet total: %v", leaf.Node.Type().LogicalType())
	}

	js := filepath.Join(dir, "out.jsonl")
	writeTables(t, js, JSONL, 0, 0, 1)
	b, _ := os.ReadFile(js)
	var rec cnbudgetv1.Record
	if err := protojson.Unmarshal(b, &rec); err != nil || len(rec.GetTables()) != 2 || len(rec.GetTables()[0].GetRows()) != 3 ||
		!strings.Contains(string(b), `"tables"`) {
		t.Errorf("JSON line lacks its tables (%v): %.300s", err, b)
	}
	// The CSV writes nothing of its own for the lines: its columns are lineColumns.
	if len(lineColumns) != len(linesOf(tableRecord(0))[0].csv()) {
		t.Error("lineColumns and the CSV row differ in length")
	}
}

// linesExample is the lines query of batch/README.md: spending by 类 over a batch.
const linesExample = `
SELECT substr(code, 1, 3) AS class, COUNT(DISTINCT sha256) AS documents, SUM(total) / 100.0 AS total_yuan
FROM lines
WHERE table_id = 'expenditure' AND length(code) = 3
GROUP BY class
ORDER BY total_yuan DESC`
