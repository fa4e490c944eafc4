package tables

import (
	"math"
	"slices"
)

// regroupTol is how far apart, in the reader's units (points, or rune columns), the right
// edges of one column's figures may stand.
const regroupTol = 2.0

// regroup places the figures of a table whose reader gives places by the columns its
// figures form, when they form exactly as many as the header has: figures are
// right-aligned under headers centred over wide columns, so a figure can stand nearer
// the next header than its own (a page text laid out with spaces, pdftotext -layout).
// The right edges of all the table's figures fall in groups, one a column; the k-th group
// from the left is the k-th header column. When the groups do not match the header, the
// places by nearest header stand.
func (p *parser) regroup(t *Table) {
	if p.opt.Place == nil || t.Unit == 0 {
		return
	}
	leaves := p.head.columns()
	if len(leaves) < 2 {
		return
	}
	for _, r := range t.Rows {
		if r.panel {
			return // a panel's totals are placed by their labels
		}
	}
	// each page of the table on its own: a page's columns may stand elsewhere
	for start := 0; start < len(t.Rows); {
		end := start
		for end < len(t.Rows) && t.Rows[end].block == t.Rows[start].block {
			end++
		}
		p.regroupRows(t, t.Rows[start:end], leaves)
		start = end
	}
}

// regroupRows places the figures of rows, one page of t, by the columns they form.
func (p *parser) regroupRows(t *Table, rows []Row, leaves []headerCell) {
	type fig struct {
		row, k int
		right  float64
	}
	var figs []fig
	for r := range rows {
		for k, v := range rows[r].values {
			if v.blank {
				continue
			}
			_, x1, ok := p.opt.Place(v.start)
			if !ok {
				return
			}
			figs = append(figs, fig{r, k, x1})
		}
	}
	if len(figs) == 0 {
		return
	}
	edges := make([]float64, len(figs))
	for i, f := range figs {
		edges[i] = f.right
	}
	slices.Sort(edges)
	var groups []float64 // the right edge of each group, left to right
	for i, e := range edges {
		if i == 0 || e-edges[i-1] > regroupTol {
			groups = append(groups, e)
		}
	}
	if len(groups) != len(leaves) {
		return
	}
	group := func(x float64) int {
		best, dist := 0, math.Inf(1)
		for g, e := range groups {
			if d := math.Abs(e - x); d < dist {
				best, dist = g, d
			}
		}
		return best
	}
	for r := range rows {
		row := &rows[r]
		if row.Partial {
			continue
		}
		var cells [NumColumns]Amount
		for _, v := range row.values {
			if v.blank {
				continue
			}
			_, x1, _ := p.opt.Place(v.start)
			col := leaves[group(x1)].col
			if col == Other || col >= NumColumns || !allowed(t.Kind, col) || cells[col].Set {
				continue
			}
			if fen, ok := v.value.Fen(t.Unit); ok {
				cells[col] = Amount{Set: true, Fen: fen, Start: v.start, End: v.end}
			}
		}
		row.Cells = cells
	}
}
