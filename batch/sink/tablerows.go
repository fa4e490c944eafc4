package sink

import (
	"strconv"
	"strings"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// The lines output: one row per table row of every document (Record.tables), so that a
// data team has the standard tables of a whole batch in one place. Each format writes
// them where it writes its documents: the SQLite table lines, OUT.lines.csv beside a CSV,
// OUT.lines.parquet beside a Parquet file, and inside each JSON line's record as tables.

// LinesPath returns the file of the lines beside the output path of format f (CSV and
// Parquet; "" for the others, which hold their lines in the output itself).
func LinesPath(path string, f Format) string {
	switch f {
	case CSV:
		return strings.TrimSuffix(path, ".csv") + ".lines.csv"
	case Parquet:
		return strings.TrimSuffix(path, ".parquet") + ".lines.parquet"
	}
	return ""
}

// lineRow is one table row of one document. Amounts are fen; nil is a blank cell.
type lineRow struct {
	SHA256        string  `parquet:"sha256"`
	Document      string  `parquet:"document"`
	TableID       string  `parquet:"table_id"`
	Seq           int32   `parquet:"seq"`
	Code          string  `parquet:"code"`
	Name          *string `parquet:"name,optional"`
	Total         *int64  `parquet:"total,optional,decimal(2:18)"`
	Appropriation *int64  `parquet:"appropriation,optional,decimal(2:18)"`
	Basic         *int64  `parquet:"basic,optional,decimal(2:18)"`
	Project       *int64  `parquet:"project,optional,decimal(2:18)"`
	Personnel     *int64  `parquet:"personnel,optional,decimal(2:18)"`
	Public        *int64  `parquet:"public,optional,decimal(2:18)"`
}

// lineColumns are the names of the lines' columns, in every format, in order.
var lineColumns = []string{"sha256", "document", "table_id", "seq", "code", "name",
	"total", "appropriation", "basic", "project", "personnel", "public"}

// linesOf returns the table rows of rec in the order of its tables and their rows;
// seq numbers them within the document.
func linesOf(rec *cnbudgetv1.Record) []lineRow {
	var out []lineRow
	d := rec.GetDocument()
	for _, t := range rec.GetTables() {
		id := tableID(t)
		for _, r := range t.GetRows() {
			l := lineRow{
				SHA256: d.GetSha256(), Document: d.GetName(), TableID: id, Seq: int32(len(out)),
				Code: r.GetCode(), Name: text(r.GetName()),
				Total: amount(r.GetTotal()), Appropriation: amount(r.GetAppropriation()),
				Basic: amount(r.GetBasic()), Project: amount(r.GetProject()),
				Personnel: amount(r.GetPersonnel()), Public: amount(r.GetPublic()),
			}
			out = append(out, l)
		}
	}
	return out
}

// tableID returns the catalog's id of t (income, expenditure, ...): its id, or, for a
// record that lacks it, its kind's name.
func tableID(t *cnbudgetv1.Table) string {
	if t.GetId() != "" {
		return t.GetId()
	}
	if t.GetKind() == cnbudgetv1.TableKind_TABLE_KIND_UNSPECIFIED {
		return ""
	}
	return strings.ToLower(strings.TrimPrefix(t.GetKind().String(), "TABLE_KIND_"))
}

// amounts returns the row's amounts in the order of lineColumns.
func (l *lineRow) amounts() []*int64 {
	return []*int64{l.Total, l.Appropriation, l.Basic, l.Project, l.Personnel, l.Public}
}

// csv returns the row's cells: amounts as yuan with two decimals, blank when unset.
func (l *lineRow) csv() []string {
	name := ""
	if l.Name != nil {
		name = *l.Name
	}
	row := []string{l.SHA256, l.Document, l.TableID, strconv.Itoa(int(l.Seq)), l.Code, name}
	for _, a := range l.amounts() {
		if a == nil {
			row = append(row, "")
		} else {
			row = append(row, record.FormatFen(*a))
		}
	}
	return row
}
