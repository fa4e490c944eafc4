package tables

import (
	"strings"
)

// SummaryKind is which summary table a table is: their rows are labels and figures,
// not codes.
type SummaryKind uint8

// The summary tables.
const (
	NoSummary            SummaryKind = iota
	SummaryAll                       // 收支总表, 收入支出决算总表, 财务收支预算总表
	SummaryAppropriation             // 财政拨款收支总表, 财政拨款收入支出决算总表
	SummarySanggong                  // the “三公” table: one line of figures under a header of items
)

// summaryOf names the summary table a title announces.
func summaryOf(t string) SummaryKind {
	if strings.Contains(t, "三公") && strings.HasSuffix(strings.TrimRight(t, "(续)（续）"), "表") {
		return SummarySanggong
	}
	if !strings.Contains(t, "总表") || !(strings.Contains(t, "收支") || strings.Contains(t, "收入支出")) ||
		strings.Contains(t, "三公") || strings.Contains(t, "政府性基金") || strings.Contains(t, "国有资本") {
		return NoSummary
	}
	if strings.Contains(t, "财政拨款") {
		return SummaryAppropriation
	}
	return SummaryAll
}

// titleKind reports whether s, a line with its spaces removed, is the title of a table
// (it ends in 表, perhaps followed by 续 or a page number of the contents list), and
// which standard table it names. Lines of prose, and the 编制部门 line, are no titles.
func titleKind(s string) (Kind, bool) {
	s = strings.TrimRight(s, ".…·-—0123456789 ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "(续)"), "（续）")
	s = strings.TrimSuffix(s, "续")
	if !strings.HasSuffix(s, "表") || runeLen(s) > 60 || runeLen(s) < 3 ||
		strings.ContainsAny(s, "。，；|") || strings.Contains(s, "编制") || strings.HasPrefix(s, "注") ||
		strings.Contains(s, "详见") || strings.Contains(s, "见附") {
		return None, false
	}
	return classify(s), true
}

// classify names the standard table a title announces; None for the others.
func classify(t string) Kind {
	has := func(w ...string) bool {
		for _, x := range w {
			if strings.Contains(t, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("三公", "政府采购", "绩效", "购买服务", "国有资产", "机关运行", "项目支出表", "项目支出预算表", "项目支出决算表", "明细", "人员", "情况表"):
		return None
	case has("收支") || has("收入") && has("支出"):
		return None // 收入支出决算总表, 财务收支预算总表, 财政拨款收支总表: summary tables
	case has("政府性基金"):
		return GovFund
	case has("国有资本经营"):
		return StateCapital
	case has("基本支出"):
		if has("一般公共预算", "财政拨款") {
			return Economic
		}
		return None
	case has("一般公共预算") && has("支出"):
		return General
	case has("财政拨款"):
		return None // 财政拨款支出预算表 of other templates: not a catalog table
	case has("收入"):
		return Income
	case has("支出"):
		return Expenditure
	}
	return None
}

// A header word's meaning: a catalog column, a figure column with no catalog key, or
// no figure column at all (code, name, 栏次).
const notFigures Column = NumColumns

// columnOf says which column a header cell heads.
func columnOf(h string) Column {
	h = without(h, " \n")
	if i := strings.IndexAny(h, "(（"); i > 0 {
		h = h[:i]
	}
	if len(h) > 5 && strings.HasPrefix(h, "20") && strings.Contains(h[:7], "年") {
		h = h[strings.Index(h, "年")+len("年"):]
	}
	switch h {
	case "合计", "总计", "决算数", "预算数", "本年收入合计", "本年支出合计", "收入合计", "支出合计",
		"金额", "本年收入", "本年支出", "预算金额", "决算金额", "合计数", "本年预算数", "本年决算数", "年度预算数":
		return Total
	case "财政拨款", "财政拨款收入", "一般公共预算拨款", "一般公共预算拨款收入", "一般公共预算财政拨款",
		"一般公共预算财政拨款收入", "财政拨款收入合计":
		return Appropriation
	case "基本支出":
		return Basic
	case "项目支出":
		return Project
	case "人员经费", "人员支出":
		return Personnel
	case "公用经费", "公用支出", "日常公用经费":
		return Public
	case "小计":
		return subtotal
	}
	for _, w := range []string{"收入", "支出", "经费", "结转", "结余", "拨款", "资金", "补助", "上缴", "基金", "预算"} {
		if strings.Contains(h, w) && !strings.Contains(h, "科目") && !strings.Contains(h, "名称") {
			return Other
		}
	}
	return notFigures
}

// subtotal is a 小计 header: the column of the header above it.
const subtotal Column = NumColumns + 1

// headerCell is a cell of a table's header that heads figures.
type headerCell struct {
	col    Column
	x0, x1 float64
	placed bool // x0, x1 known
	index  int  // the cell's position in its line
	line   int  // which header line, from 0
}

func (h headerCell) mid() float64 { return (h.x0 + h.x1) / 2 }

// header is what a table's header says about its figure columns.
type header struct {
	cells []headerCell
	lines int
	texts [][]string // every header line's cells, blanks included
	// kuan and xiang are the positions of the 款 and 项 heads of a code split over
	// columns, or 0: where a 款 or 项 cell alone stands tells which it is
	leaves []headerCell // the columns figures stand in, left to right
	kuan   int
	xiang  int
}

// add reads one header line.
func (h *header) add(p *parser, cs []cell) bool {
	any := false
	texts := make([]string, len(cs))
	for i, c := range cs {
		texts[i] = without(p.text[c.start:c.end], " ")
		switch texts[i] {
		case "款":
			h.kuan = i
		case "项":
			h.xiang = i
		}
	}
	h.texts = append(h.texts, texts)
	for i, c := range cs {
		if c.start == c.end {
			continue
		}
		col := columnOf(p.text[c.start:c.end])
		if col == notFigures {
			continue
		}
		hc := headerCell{col: col, index: i, line: h.lines}
		if len(cs) == 1 {
			// a header flattened a cell per line: each line is the next column
			hc.index = h.lines
		}
		if p.opt.Place != nil {
			hc.x0, hc.x1, hc.placed = p.opt.Place(c.start)
		}
		h.cells = append(h.cells, hc)
		any = true
	}
	h.lines++
	h.leaves = nil
	return any
}

// columns returns the leaf columns, left to right: header cells with no header cell of
// a lower line under them. A 小计 takes the column of the cell above it.
func (h *header) columns() []headerCell {
	if h.leaves != nil || len(h.cells) == 0 {
		return h.leaves
	}
	placed := true
	for _, c := range h.cells {
		placed = placed && c.placed
	}
	// Without places, the lowest header line with figure heads stands over the rows. A
	// cell of a line above it that stands over a code or name head of that line is no
	// figure column: the line above wrote a merged cell once and its positions are not
	// the rows' (项目 | 本年支出 over 科目编码 | 科目名称 | 小计), or it names a panel (人员经费
	// over the panel's 科目编码).
	low := -1
	for _, c := range h.cells {
		low = max(low, c.line)
	}
	trusted := func(c headerCell) bool {
		if placed || c.line == low {
			return true
		}
		lowTexts := h.texts[low]
		return c.index >= len(lowTexts) || lowTexts[c.index] == "" || columnOf(lowTexts[c.index]) != notFigures
	}
	var leaves []headerCell
	for i, c := range h.cells {
		if !trusted(c) {
			continue
		}
		parent := false
		for j, d := range h.cells {
			if j == i || d.line <= c.line {
				continue
			}
			if placed && d.mid() > c.x0 && d.mid() < c.x1 || !placed && d.index == c.index {
				parent = true
				break
			}
		}
		if parent {
			continue
		}
		if c.col == subtotal {
			c.col = Other
			for _, d := range h.cells {
				if d.line < c.line && (placed && c.mid() > d.x0 && c.mid() < d.x1 || !placed && d.index == c.index) {
					c.col = d.col
				}
			}
			if c.col == Other && len(leaves) == 0 {
				// a 小计 standing first, whose group could not be told, is the row's
				// total (本年支出: 小计 | 基本支出 | 项目支出)
				c.col = Total
			}
		}
		leaves = append(leaves, c)
	}
	// left to right: by place, or by cell position
	for i := 1; i < len(leaves); i++ {
		for j := i; j > 0 && less(leaves[j], leaves[j-1], placed); j-- {
			leaves[j], leaves[j-1] = leaves[j-1], leaves[j]
		}
	}
	h.leaves = leaves
	return leaves
}

func less(a, b headerCell, placed bool) bool {
	if placed {
		return a.mid() < b.mid()
	}
	return a.index < b.index
}
