package record

import (
	"github.com/cnbudget/cnbudget/extract/tables"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// LinePrefix begins the key of every table-line fact: line.TABLE.CODE.COLUMN.
const LinePrefix = "line."

// tableMessage makes the record's form of a table read by the tables stage; span turns
// byte offsets of the normalised text into a Span.
func tableMessage(t tables.Table, span func(start, end int) *cnbudgetv1.Span) *cnbudgetv1.Table {
	m := &cnbudgetv1.Table{
		Kind:  cnbudgetv1.TableKind(t.Kind),
		Id:    t.Kind.ID(),
		Title: t.Title,
		Unit:  t.Unit.String(),
		Span:  span(t.Start, t.End),
	}
	if sp := span(t.Last, t.Last); sp != nil {
		m.LastPage = sp.GetPage()
	}
	for _, c := range t.Columns {
		m.Columns = append(m.Columns, c.Key())
	}
	for _, r := range t.Rows {
		row := &cnbudgetv1.TableRow{Code: r.Code, Span: span(r.Start, r.End)}
		if r.Code != "total" && r.Name != "" {
			row.Name = &cnbudgetv1.Text{Value: r.Name, Span: span(r.NameStart, r.NameEnd)}
		}
		amt := func(c tables.Column) *cnbudgetv1.Amount {
			a := r.Cells[c]
			if !a.Set {
				return nil
			}
			return &cnbudgetv1.Amount{Fen: a.Fen, Span: span(a.Start, a.End)}
		}
		row.Total, row.Appropriation = amt(tables.Total), amt(tables.Appropriation)
		row.Basic, row.Project = amt(tables.Basic), amt(tables.Project)
		row.Personnel, row.Public = amt(tables.Personnel), amt(tables.Public)
		m.Rows = append(m.Rows, row)
	}
	return m
}

// LineFacts returns the table-line facts of rec in the flat form of FIELDS.md, table by
// table and row by row: line.TABLE.CODE.name, then each set column in catalog order.
func LineFacts(rec *cnbudgetv1.Record) []Fact {
	var out []Fact
	for _, t := range rec.GetTables() {
		for _, r := range t.GetRows() {
			key := LinePrefix + t.GetId() + "." + r.GetCode() + "."
			if n := r.GetName(); n.GetValue() != "" {
				out = append(out, Fact{key + "name", n.GetValue(), n.GetSpan()})
			}
			for _, c := range [...]struct {
				col string
				a   *cnbudgetv1.Amount
			}{{"total", r.GetTotal()}, {"appropriation", r.GetAppropriation()}, {"basic", r.GetBasic()},
				{"project", r.GetProject()}, {"personnel", r.GetPersonnel()}, {"public", r.GetPublic()}} {
				if c.a != nil {
					out = append(out, Fact{key + c.col, FormatFen(c.a.GetFen()), c.a.GetSpan()})
				}
			}
		}
	}
	return out
}
