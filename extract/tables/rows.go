package tables

import (
	"slices"
	"strings"

	"github.com/cnbudget/cnbudget/extract/numbers"
)

// rawRow is a row as printed: its code, name cells and figure cells, before the
// figures are put in columns.
type rawRow struct {
	code       string
	force      Column // the column of a panel's total (人员经费合计), else Other
	name       []cell
	values     []valueCell
	start, end int
}

// valueCell is a figure cell, or a blank one (a blank mark, or an empty cell of a reader
// that keeps them), with its position in the line.
type valueCell struct {
	cell
	index int
	blank bool
	value numbers.Decimal
}

// row reads a line's cells as a coded row, or a 合计 row; a row of the economic table's
// two panels (301 … 302 …) yields its left half here and queues the right.
func (p *parser) row(cs []cell) ([]rawRow, bool) {
	var rows []rawRow
	i := 0
	for i < len(cs) {
		r, next, ok := p.oneRow(cs, i)
		if !ok {
			break
		}
		rows = append(rows, r)
		i = next
	}
	return rows, len(rows) > 0
}

// oneRow reads a row starting at cell i; next is the cell after it.
func (p *parser) oneRow(cs []cell, i int) (r rawRow, next int, ok bool) {
	blanks := 0
	for i < len(cs) && cs[i].start == cs[i].end {
		i++
		blanks++
	}
	if i >= len(cs) {
		return r, i, false
	}
	first := p.text[cs[i].start:cs[i].end]
	r.start = cs[i].start
	kind := p.cur.Kind
	switch {
	case isTotal(compactName(first)):
		r.code = "total"
		i++
	case kind == Economic && panelTotal(compactName(first)) != Other:
		r.code, r.force = "total", panelTotal(compactName(first))
		i++
	default:
		code, rest, n := p.code(cs, i, blanks)
		if code == "" || !validCode(kind, code) {
			return r, i, false
		}
		r.code = code
		i += n
		if rest.start < rest.end {
			r.name = append(r.name, rest)
		}
	}
	// the name: text cells up to the first figure
	for i < len(cs) {
		s := p.text[cs[i].start:cs[i].end]
		if cs[i].start == cs[i].end || blankMark(s) {
			if len(r.name) > 0 || r.code == "total" && cs[i].start != cs[i].end {
				break
			}
			i++ // an empty 款 or 项 cell before the name, or the 合计 row's empty name cell
			continue
		}
		if _, ok := figure(s); ok {
			break
		}
		if r.code != "total" && len(r.name) > 0 && p.code2(cs, i) {
			break
		}
		if r.code != "total" {
			r.name = append(r.name, cs[i])
		}
		i++
	}
	// the figures, up to the end or the next panel's code
	for ; i < len(cs); i++ {
		c := cs[i]
		s := p.text[c.start:c.end]
		if c.start == c.end || blankMark(s) {
			r.values = append(r.values, valueCell{cell: c, index: i, blank: true})
			continue
		}
		if v, ok := figure(s); ok {
			if len(r.values) > 0 && kind == Economic && p.code2(cs, i) {
				break
			}
			r.values = append(r.values, valueCell{cell: c, index: i, value: v})
			continue
		}
		break
	}
	r.end = cs[max(0, i-1)].end
	if r.code != "total" && len(r.name) == 0 && len(r.values) == 0 {
		return r, i, false
	}
	if r.code == "total" && !slices.ContainsFunc(r.values, func(v valueCell) bool { return !v.blank }) {
		return r, i, false // 合计 | 基本支出 | 项目支出: a header whose first column is the total
	}
	return r, i, true
}

// code2 reports whether cell i starts the second panel's row: a code followed by a name.
func (p *parser) code2(cs []cell, i int) bool {
	s := p.text[cs[i].start:cs[i].end]
	if !allDigits(s) || len(s) != 3 && len(s) != 5 {
		return false
	}
	return (s[0] == '3' || s[0] == '5') && p.nameAfter(cs, i+1)
}

// code reads the classification code starting at cell i: whole (2010601), split over
// 类 | 款 | 项 cells (201 | 06 | 01), a 款 or 项 alone completed from the row above, or
// run into the name (2010601行政运行). It returns the code, the name's text when it
// shares the code's cell, and how many cells the code took.
func (p *parser) code(cs []cell, i, blanks int) (string, cell, int) {
	s := p.text[cs[i].start:cs[i].end]
	if j := digitsPrefix(s); j > 0 && j < len(s) && (j == 3 || j == 5 || j == 7) {
		rest := cell{cs[i].start + j, cs[i].end}
		for rest.start < rest.end && p.text[rest.start] == ' ' {
			rest.start++
		}
		return s[:j], rest, 1
	}
	if !allDigits(s) {
		return "", cell{}, 0
	}
	switch len(s) {
	case 5, 7:
		return s, cell{}, 1
	case 3:
		code, n := s, 1
		for n < 3 && i+n < len(cs) {
			t := p.text[cs[i+n].start:cs[i+n].end]
			// a 款 or 项 cell is followed by the name, or by the figures when the name
			// was wrapped above the row; a figure never starts with 0 (05)
			if !allDigits(t) || len(t) > 2 || !(p.nameAfter(cs, i+n+1) || len(t) == 2 && (t[0] == '0' || len(p.pend) > 0)) {
				break
			}
			code += pad2(t)
			n++
		}
		return code, cell{}, n
	case 1, 2:
		if p.lastCode == "" || !p.nameAfter(cs, i+1) {
			return "", cell{}, 0
		}
		last := p.lastCode
		level := 0 // 1: a 款 under the last 类; 2: a 项 under the last 款
		switch {
		case p.opt.KeepsBlanks && p.head.kuan > 0 && i == p.head.kuan:
			level = 1
		case p.opt.KeepsBlanks && p.head.xiang > 0 && i == p.head.xiang:
			level = 2
		case p.opt.KeepsBlanks && blanks > 0 && blanks <= 2:
			level = blanks
		}
		switch {
		case level == 1 || level == 0 && len(last) == 3:
			return last[:3] + pad2(s), cell{}, 1
		case len(last) >= 5:
			return last[:5] + pad2(s), cell{}, 1
		}
	}
	return "", cell{}, 0
}

// nameAfter reports whether cells from i on hold a name before any figure: what tells a
// code's 款 or 项 cell from a figure.
func (p *parser) nameAfter(cs []cell, i int) bool {
	for ; i < len(cs); i++ {
		s := p.text[cs[i].start:cs[i].end]
		if cs[i].start == cs[i].end {
			continue
		}
		if allDigits(s) && len(s) <= 2 {
			continue // the next code cell
		}
		_, isFig := figure(s)
		return !isFig && !blankMark(s)
	}
	return false
}

// addRow puts the figures of each printed row in their columns and keeps the row.
func (p *parser) addRow(rs []rawRow) {
	// text lines since the last row: the first part of a name the page wrapped above its
	// row (when the row has no name), else the rest of the last row's name
	if len(p.pend) > 0 {
		if len(rs[0].name) == 0 && rs[0].code != "total" {
			// when the last row's name was wrapped around it too, the lines before the
			// last are the rest of that name (…缴费支 / row / 出 / 机关事业单位职业年金缴 / row)
			if last := len(p.pend) - 1; last > 0 && p.prevWrapped {
				p.pend, rs[0].name = p.pend[:last], p.pend[last:]
				p.flushPend()
			} else {
				rs[0].name, p.pend = p.pend, nil
			}
			p.wrappedNow = true
		} else {
			p.flushPend()
		}
	}
	leaves := p.head.columns()
	for _, r := range rs {
		row := Row{Code: r.code, Start: r.start, End: r.end}
		if r.code != "total" {
			p.lastCode = r.code
			for k, c := range r.name {
				if k == 0 {
					row.NameStart, row.NameEnd = c.start, c.end
				}
				row.Name += compactName(p.text[c.start:c.end])
			}
		}
		if r.force != Other {
			row.panel = true
			// a panel's total: its figure is the panel's column of the table's total row
			for _, v := range r.values {
				if fen, ok := v.value.Fen(p.cur.Unit); ok && !v.blank && p.cur.Unit != numbers.NoUnit {
					row.Cells[r.force] = Amount{Set: true, Fen: fen, Start: v.start, End: v.end}
					break
				}
			}
			if n := len(p.cur.Rows); n > 0 && p.cur.Rows[n-1].Code == "total" {
				prev := &p.cur.Rows[n-1]
				prev.Cells[r.force], prev.End = row.Cells[r.force], row.End
				continue
			}
			p.cur.Rows = append(p.cur.Rows, row)
			continue
		}
		p.place(&row, r.values, leaves)
		if p.opt.PageOf != nil {
			if pg := p.opt.PageOf(r.start); pg != p.page {
				p.page = pg
				p.block++
			}
		}
		row.values, row.block = r.values, p.block
		p.cur.Rows = append(p.cur.Rows, row)
	}
	p.prevRow = true
	p.prevWrapped, p.wrappedNow = p.wrappedNow, false
	p.evidence = true
}

// place puts a row's figures in the table's columns: by their place under the header
// when the reader knows it, by cell position when it keeps blank cells, else in order
// when no blank can have been lost.
func (p *parser) place(row *Row, vs []valueCell, leaves []headerCell) {
	unit := p.cur.Unit
	if unit == numbers.NoUnit || len(leaves) == 0 {
		return
	}
	set := func(col Column, v valueCell) {
		if col == Other || col >= NumColumns || !allowed(p.cur.Kind, col) || row.Cells[col].Set || v.blank {
			return
		}
		fen, ok := v.value.Fen(unit)
		if !ok {
			return
		}
		row.Cells[col] = Amount{Set: true, Fen: fen, Start: v.start, End: v.end}
	}
	placed := p.opt.Place != nil
	for _, l := range leaves {
		placed = placed && l.placed
	}
	switch {
	case placed:
		for _, v := range vs {
			if v.blank {
				continue
			}
			x0, x1, ok := p.opt.Place(v.start)
			if !ok {
				return
			}
			mid := (x0 + x1) / 2
			best, dist := -1, 0.0
			for k, l := range leaves {
				d := l.mid() - mid
				if d < 0 {
					d = -d
				}
				if best < 0 || d < dist {
					best, dist = k, d
				}
			}
			set(leaves[best].col, v)
		}
	case (p.opt.KeepsBlanks || slices.ContainsFunc(vs, func(v valueCell) bool { return v.blank })) && alignedBy(vs, leaves, p.opt.KeepsBlanks) != noShift:
		// every cell is written (the reader keeps blank cells, or the row shows its
		// blanks): a figure's column is the header's at its position, as it stands, or
		// counted from the first figure column (a header's 项目 may span the code and
		// name columns)
		shift := alignedBy(vs, leaves, p.opt.KeepsBlanks)
		for _, v := range vs {
			for _, l := range leaves {
				if l.index == v.index-shift {
					set(l.col, v)
				}
			}
		}
	case p.opt.KeepsBlanks && len(vs) <= len(leaves):
		// the header's cells stand elsewhere (a merged cell written once): in order
		for k, v := range vs {
			set(leaves[k].col, v)
		}
	case len(vs) == len(leaves):
		for k, v := range vs {
			set(leaves[k].col, v)
		}
	case len(vs) > 0 && leaves[0].col == Total:
		set(Total, vs[0]) // blanks were lost: only the first figure's column is sure
		row.Partial = len(vs) > 1
	}
}

// alignedBy returns how far a row's cells stand from the header's when every figure of
// the row stands at the position of a header cell: as they are (0), or counted from the
// row's first figure column and the header's, whichever the reader makes likelier first;
// noShift when neither.
func alignedBy(vs []valueCell, leaves []headerCell, keeps bool) int {
	if len(vs) == 0 || len(leaves) == 0 {
		return noShift
	}
	fits := func(shift int) bool {
		n := 0
		for _, v := range vs {
			if v.blank {
				continue
			}
			n++
			if !slices.ContainsFunc(leaves, func(l headerCell) bool { return l.index == v.index-shift }) {
				return false
			}
		}
		return n > 0
	}
	// a reader that keeps every cell writes the header's cells where the rows' stand;
	// a text writes a merged header cell once, so its columns count from the first figure's
	shifts := []int{vs[0].index - leaves[0].index, 0}
	if keeps {
		shifts[0], shifts[1] = shifts[1], shifts[0]
	}
	for _, shift := range shifts {
		if fits(shift) {
			return shift
		}
	}
	return noShift
}

// noShift says a row's figures do not stand under the header's cells.
const noShift = -1 << 30

// figure reads a cell that holds one plain figure: 1,234,567 / 1234.56 / -12.5 / 0.
func figure(s string) (numbers.Decimal, bool) {
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "－") {
		neg = true
		s = strings.TrimLeft(s, "-－")
	}
	if s == "" {
		return numbers.Decimal{}, false
	}
	var coef int64
	scale, digits, group := 0, 0, -1
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits >= 18 {
				return numbers.Decimal{}, false
			}
			coef = coef*10 + int64(c-'0')
			digits++
			if dot {
				scale++
			} else if group >= 0 {
				group++
			}
		case c == ',' && !dot && digits > 0:
			if group >= 0 && group != 3 {
				return numbers.Decimal{}, false
			}
			group = 0
		case c == '.' && !dot && digits > 0:
			if group >= 0 && group != 3 {
				return numbers.Decimal{}, false
			}
			dot, group = true, -1
		default:
			return numbers.Decimal{}, false
		}
	}
	if group >= 0 && group != 3 || dot && scale == 0 {
		return numbers.Decimal{}, false
	}
	if neg {
		coef = -coef
	}
	for scale > 0 && coef%10 == 0 {
		coef /= 10
		scale--
	}
	return numbers.Decimal{Coef: coef, Scale: scale}, true
}

// blankMark reports a cell that prints a blank: -, —, ／.
func blankMark(s string) bool {
	switch strings.TrimSpace(s) {
	case "-", "—", "－", "--", "——", "/", "／", "…":
		return true
	}
	return false
}

// panelTotal returns the column of a panel's total row of the economic table printed in
// two panels (人员经费合计 | … | 公用经费合计 | …), or Other.
func panelTotal(s string) Column {
	switch s {
	case "人员经费合计", "人员支出合计", "人员经费小计":
		return Personnel
	case "公用经费合计", "公用支出合计", "公用经费小计":
		return Public
	}
	return Other
}

func isTotal(s string) bool {
	switch s {
	case "合计", "总计", "本年收入合计", "本年支出合计", "收入合计", "支出合计", "合计数", "支出总计", "收入总计":
		return true
	}
	return false
}

// validCode reports whether code is a classification code of a table of kind k:
// functional codes of 3, 5 or 7 digits starting 2, economic codes of 3 or 5 starting 3 or 5.
func validCode(k Kind, code string) bool {
	switch k {
	case Economic:
		return (len(code) == 3 || len(code) == 5) && (code[0] == '3' || code[0] == '5')
	case None:
		return false
	}
	return (len(code) == 3 || len(code) == 5 || len(code) == 7) && code[0] == '2'
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// pad2 writes a 款 or 项 cell as two digits: a page that dropped the leading zero (2)
// still means 02.
func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
