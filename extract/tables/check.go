package tables

import (
	"context"
	"fmt"
)

// Problem is an inconsistency of a document's tables: a sum that does not hold
// (table_sum_mismatch), or a table its contents list announces that it lacks
// (table_missing).
type Problem struct {
	Code       string // table_sum_mismatch or table_missing
	Message    string
	Start, End int // the row, cell or contents line it is about
	// OtherStart and OtherEnd are the other place it names (the rows that do not add
	// up to it); OtherEnd is not past OtherStart when there is none.
	OtherStart, OtherEnd int
}

// Check returns the problems of r: in each table, a class (类) that is not the sum of
// its 款, a 款 not the sum of its 项, the 合计 row not the sum of the classes, a row
// whose total is not the sum of its parts (basic + project, personnel + public); and
// each standard table the contents list names that the document does not print. A sum
// is exact in the table's own unit: tables come out of the budget system, so even one
// unit off is reported, never repaired.
func Check(ctx context.Context, r Result) ([]Problem, error) {
	var ps []Problem
	for _, t := range r.Tables {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ps = append(ps, checkTable(t)...)
	}
	present := map[Kind]bool{}
	for _, p := range r.Present {
		present[p.Kind] = true
	}
	reported := map[Kind]bool{}
	for _, l := range r.Listed {
		if !present[l.Kind] && !reported[l.Kind] {
			reported[l.Kind] = true
			ps = append(ps, Problem{Code: "table_missing", Start: l.Start, End: l.End,
				Message: fmt.Sprintf("the contents list names the %s table, which the document does not contain", l.Kind.ID())})
		}
	}
	return ps, ctx.Err()
}

func checkTable(t Table) []Problem {
	var ps []Problem
	cols := columnsOf[t.Kind]
	// the parts of a row's total
	var parts [2]Column
	switch t.Kind {
	case Economic:
		parts = [2]Column{Personnel, Public}
	case Income:
		parts = [2]Column{}
	default:
		parts = [2]Column{Basic, Project}
	}
	partial := false // a row whose other columns could not be told: only totals are checked
	for _, row := range t.Rows {
		partial = partial || row.Partial
	}
	for _, row := range t.Rows {
		tot, a, b := row.Cells[Total], row.Cells[parts[0]], row.Cells[parts[1]]
		if parts[0] != Other && !row.Partial && tot.Set && (a.Set || b.Set) && a.Fen+b.Fen != tot.Fen {
			ps = append(ps, Problem{Code: "table_sum_mismatch", Start: tot.Start, End: tot.End, OtherStart: a.Start, OtherEnd: max(a.End, b.End),
				Message: fmt.Sprintf("%s table, row %s: the total %s is not %s + %s (%s)", t.Kind.ID(), row.Code,
					money(tot.Fen), parts[0].Key(), parts[1].Key(), money(a.Fen+b.Fen))})
		}
	}
	// levels: each code's children are the rows whose code extends it by two digits
	// (5 → 7, 3 → 5); the total row's children are the classes
	for _, col := range cols {
		if partial && col != Total {
			continue
		}
		sums := map[string]int64{}
		has := map[string]bool{}
		var classes int64
		anyClass := false
		for _, row := range t.Rows {
			c := row.Cells[col]
			if !c.Set || row.Code == "total" {
				continue
			}
			if len(row.Code) > 3 {
				parent := row.Code[:len(row.Code)-2]
				sums[parent] += c.Fen
				has[parent] = true
			} else {
				classes += c.Fen
				anyClass = true
			}
		}
		for _, row := range t.Rows {
			c := row.Cells[col]
			if !c.Set {
				continue
			}
			switch {
			case row.Code == "total" && anyClass && classes != c.Fen:
				ps = append(ps, Problem{Code: "table_sum_mismatch", Start: c.Start, End: c.End,
					Message: fmt.Sprintf("%s table, %s column: the 合计 row %s is not the sum of the classes (%s)", t.Kind.ID(), col.Key(), money(c.Fen), money(classes))})
			case row.Code != "total" && has[row.Code] && sums[row.Code] != c.Fen:
				ps = append(ps, Problem{Code: "table_sum_mismatch", Start: c.Start, End: c.End,
					Message: fmt.Sprintf("%s table, %s column: row %s is %s, its rows add up to %s", t.Kind.ID(), col.Key(), row.Code, money(c.Fen), money(sums[row.Code]))})
			}
		}
	}
	return ps
}

func money(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
