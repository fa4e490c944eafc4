package tables

import (
	"strings"

	"github.com/cnbudget/cnbudget/extract/numbers"
)

// parser reads a document's lines in order, one table at a time.
type parser struct {
	text string
	opt  Options

	cur *Table   // the table being read, nil between tables
	sum *Summary // the summary table being read, nil between them
	// rowNumbers says the summary table numbers its lines (行次): a small whole number
	// after a label is the line's number, never its amount
	rowNumbers bool
	evidence   bool // cur has a unit, a header or rows: it is printed, not listed
	head       header
	prevRow    bool    // the line before was a row of cur
	pend       []cell  // text lines since the last row: a wrapped name's parts
	stream     *rawRow // the row being read from a table flattened a cell per line
	block      int     // counts the table's pages (repeated headers, page numbers), for regroup
	page       int     // the page of the last row, when the document has pages
	// the “三公” table being read: its header cells, how many header lines, and whether
	// its line of figures has been read
	sgHead  []sanggongHead
	sgLines int
	sgDone  bool
	// prevWrapped says the last row's name began on a line above it, so lines after it
	// may end it; wrappedNow is set while the row being added is such a row
	prevWrapped, wrappedNow bool
	lastCode                string // the code of the last row with one, for a 款 or 项 alone

	all     []Table // every table read, kinds None included
	sums    []Summary
	present []Listed
	listed  []Listed
}

// line reads text[start:end], one line.
func (p *parser) line(start, end int) {
	raw := p.text[start:end]
	compact := without(raw, " |\t")
	if compact == "" {
		return
	}
	if i := titleEnd(compact); i > 0 && !strings.Contains(raw, "|") {
		// a title run into its 编制单位 or 单位 line (…决算表编制单位：X单位：元)
		if k, ok := titleKind(compact[:i]); ok {
			p.close()
			p.open(k, compact[:i], start, end)
			if ds := numbers.ScanUnitDecls(raw); len(ds) > 0 {
				p.cur.Unit = ds[0].Unit
				if p.sum != nil {
					p.sum.Unit = ds[0].Unit
				}
			}
			p.evidence = true
			return
		}
	}
	if k, ok := titleKind(compact); ok && !strings.Contains(raw, "|") || ok && onlyCell(raw) {
		p.close()
		p.open(k, compact, start, end)
		return
	}
	if p.cur == nil {
		return
	}
	if strings.Contains(compact, "单位:") || strings.Contains(compact, "单位：") || strings.HasPrefix(compact, "编制") {
		if ds := numbers.ScanUnitDecls(raw); len(ds) > 0 && p.cur.Unit == numbers.NoUnit {
			p.cur.Unit = ds[0].Unit
			if p.sum != nil {
				p.sum.Unit = ds[0].Unit
			}
		}
		p.evidence = true
		p.cur.Last = start
		return
	}
	if strings.HasPrefix(compact, "注") || strings.HasPrefix(compact, "说明:") || strings.HasPrefix(compact, "说明：") {
		p.close()
		return
	}
	cs := splitCells(p.text, start, end, maxCellsPerLine)
	if cs == nil {
		p.close()
		return
	}
	if p.sum == nil && len(cs) == 1 && p.streamCell(cs[0]) {
		p.cur.Last = start
		return
	}
	p.flushStream()
	if p.sum != nil {
		if prose(compact) {
			p.close()
			return
		}
		if strings.Contains(compact, "行次") {
			p.rowNumbers = true
		}
		if p.sum.Kind == SummarySanggong {
			p.sanggongLine(cs)
		} else {
			p.pairs(cs)
		}
		p.sum.Last = start
		return
	}
	if r, ok := p.row(cs); ok {
		p.addRow(r)
		p.cur.Last = start
		return
	}
	switch {
	case len(p.cur.Rows) == 0 && p.head.add(p, cs):
		p.evidence = true
	case pageNumber(compact), headerWords(compact), headerLine(p.text, cs):
		if len(p.cur.Rows) > 0 {
			p.block++ // a new page of the table: its columns may stand elsewhere
		}
	case fragment(p.text, cs) && p.evidence:
		p.pend = append(p.pend, cs[0])
		return
	case len(p.cur.Rows) == 0 && !prose(compact):
		// a header line without figure columns (项目, 类 | 款 | 项)
	default:
		p.close()
		return
	}
	p.cur.Last = start
}

// streamCell reads a line of a table flattened one cell per line: a code starts a row,
// the text after it is its name and the figures after that its figures, up to the next
// code. It reports whether the line was such a cell.
func (p *parser) streamCell(c cell) bool {
	if !p.evidence || p.cur.Kind == None {
		return false
	}
	s := p.text[c.start:c.end]
	switch {
	case allDigits(s) && validCode(p.cur.Kind, s), isTotal(compactName(s)):
		p.flushStream()
		code := s
		if !allDigits(s) {
			code = "total"
		}
		p.stream = &rawRow{code: code, start: c.start, end: c.end}
		return true
	case p.stream == nil:
		return false
	case blankMark(s):
		p.stream.values = append(p.stream.values, valueCell{cell: c, index: len(p.stream.values), blank: true})
	default:
		if v, ok := figure(s); ok {
			p.stream.values = append(p.stream.values, valueCell{cell: c, index: len(p.stream.values), value: v})
		} else if len(p.stream.name) == 0 && len(p.stream.values) == 0 && p.stream.code != "total" {
			p.stream.name = []cell{c}
		} else {
			if p.stream.code == "total" && len(p.stream.values) == 0 && len(p.cur.Rows) == 0 {
				// 合计 followed by more header words: the header's total column
				p.evidence = p.head.add(p, []cell{{p.stream.start, p.stream.end}}) || p.evidence
				p.stream = nil
			}
			return false
		}
	}
	p.stream.end = c.end
	return true
}

// flushStream keeps the row being read a cell per line.
func (p *parser) flushStream() {
	if p.stream == nil {
		return
	}
	r := *p.stream
	p.stream = nil
	if r.code == "total" && len(r.values) == 0 || r.code != "total" && len(r.name) == 0 && len(r.values) == 0 {
		return
	}
	p.lastCode = r.code
	p.addRow([]rawRow{r})
}

// open begins a table titled title (spaces removed) at text[start:end].
func (p *parser) open(k Kind, title string, start, end int) {
	p.cur = &Table{Kind: k, Title: title, Start: start, End: end, Last: start}
	if sk := summaryOf(title); sk != NoSummary {
		p.sum = &Summary{Kind: sk, Title: title, Start: start, End: end}
	}
	p.head = header{}
	p.lastCode = ""
}

// titleEnd returns where a title run into the line after it ends (past its 表, before
// 编制单位, 编制部门 or 单位：), or 0.
func titleEnd(s string) int {
	for _, w := range []string{"表编制单位", "表编制部门", "表单位：", "表单位:", "表金额单位"} {
		if i := strings.Index(s, w); i > 0 {
			return i + len("表")
		}
	}
	return 0
}

// onlyCell reports whether a line with "|" holds text in one cell only (a title drawn
// inside the table's frame).
func onlyCell(raw string) bool {
	n := 0
	for _, c := range strings.Split(raw, "|") {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n == 1
}

// close ends the table being read.
func (p *parser) close() {
	if p.cur == nil {
		return
	}
	p.flushStream()
	p.flushPend()
	t := *p.cur
	if p.evidence || len(t.Rows) > 0 {
		if t.Kind != None {
			p.present = append(p.present, Listed{Kind: t.Kind, Start: t.Start, End: t.End})
		}
		p.regroup(&t)
		if leaves := p.head.columns(); t.Kind != None {
			for _, l := range leaves {
				if l.col != Other && allowed(t.Kind, l.col) && !hasColumn(t.Columns, l.col) {
					t.Columns = append(t.Columns, l.col)
				}
			}
		}
		p.all = append(p.all, t)
	} else if t.Kind != None && len(p.present) == 0 {
		p.listed = append(p.listed, Listed{Kind: t.Kind, Start: t.Start, End: t.End})
	}
	if p.sum != nil && len(p.sum.Pairs) > 0 && p.sum.Unit != numbers.NoUnit {
		p.sums = append(p.sums, *p.sum)
	}
	p.cur, p.sum, p.evidence, p.prevRow, p.pend, p.rowNumbers = nil, nil, false, false, nil, false
	p.prevWrapped, p.wrappedNow = false, false
	p.sgHead, p.sgLines, p.sgDone = nil, 0, false
}

// pairs reads a line of a summary table: each label cell followed by a figure cell
// (after a 行次 number, when the table numbers its lines) is a pair.
func (p *parser) pairs(cs []cell) {
	// a figure run into the next panel's label (164,978,640一、一般公共服务支出) is two cells
	for i := 0; i < len(cs); i++ {
		s := p.text[cs[i].start:cs[i].end]
		j := 0
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' || s[j] == '.') {
			j++
		}
		if j > 0 && j < len(s) && s[j] >= 0x80 {
			if _, ok := figure(s[:j]); ok {
				cs = append(cs[:i+1], cs[i:]...)
				cs[i].end, cs[i+1].start = cs[i].start+j, cs[i].start+j
				i++
			}
		}
	}
	panel := -1 // which label of the line this is: a line holds the revenue side, then the spending side
	for i := 0; i < len(cs); i++ {
		s := p.text[cs[i].start:cs[i].end]
		if s == "" || blankMark(s) {
			if i == 0 {
				panel++ // the revenue side's label is blank
			}
			continue
		}
		if _, ok := figure(s); ok {
			continue
		}
		panel++
		j := i + 1
		for j < len(cs) && cs[j].start == cs[j].end {
			j++
		}
		if j >= len(cs) {
			return
		}
		t := p.text[cs[j].start:cs[j].end]
		v, ok := figure(t)
		if !ok {
			continue
		}
		// a 行次 number: a small whole number; the amount is the cell after it, and a
		// line whose amount cell is blank has none
		if allDigits(t) && len(t) <= 3 && (p.rowNumbers || len(t) <= 2 && j+1 < len(cs)) {
			if j+1 >= len(cs) {
				i = j
				continue
			}
			v2, ok2 := figure(p.text[cs[j+1].start:cs[j+1].end])
			switch {
			case ok2:
				j, v = j+1, v2
			case p.rowNumbers:
				i = j
				continue
			}
		}
		fen, ok := v.Fen(p.sum.Unit)
		if !ok || p.sum.Unit == numbers.NoUnit {
			i = j
			continue
		}
		p.sum.Pairs = append(p.sum.Pairs, Pair{Label: compactName(s), Start: cs[i].start, End: cs[i].end,
			Amount: Amount{Set: true, Fen: fen, Start: cs[j].start, End: cs[j].end}, Panel: min(panel, 1)})
		i = j
	}
}

// flushPend attaches the text lines after the last row to its name: the rest of a name
// the page wrapped below its row.
func (p *parser) flushPend() {
	if len(p.pend) > 0 && p.prevRow && len(p.cur.Rows) > 0 {
		r := &p.cur.Rows[len(p.cur.Rows)-1]
		if r.Code != "total" {
			for _, c := range p.pend {
				r.Name += compactName(p.text[c.start:c.end])
			}
		}
	}
	p.pend = nil
}

func (p *parser) result() Result {
	res := Result{Present: p.present, Listed: p.listed}
	seenSum := map[SummaryKind]bool{}
	for _, s := range p.sums {
		if !seenSum[s.Kind] {
			seenSum[s.Kind] = true
			res.Summaries = append(res.Summaries, s)
		}
	}
	seen := map[Kind]bool{}
	for _, t := range p.all {
		if t.Kind == None || len(t.Rows) == 0 || seen[t.Kind] {
			continue
		}
		seen[t.Kind] = true
		res.Tables = append(res.Tables, t)
	}
	return res
}

func allowed(k Kind, c Column) bool {
	for _, x := range columnsOf[k] {
		if x == c {
			return true
		}
	}
	return false
}

func hasColumn(cs []Column, c Column) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// pageNumber reports a line that is a page number or a 续表 mark.
func pageNumber(s string) bool {
	if s == "续表" || s == "(续)" || s == "（续）" {
		return true
	}
	s = strings.Trim(s, "-—第页/共 ")
	if s == "" {
		return true
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(s) <= 4
}

// headerWords reports a line of a repeated header (a continuation page's): its words
// are the header's.
func headerWords(s string) bool {
	for _, w := range []string{"科目编码", "科目名称", "功能分类", "经济分类", "栏次", "行次"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return s == "类款项" || s == "类款" || s == "项目"
}

// headerLine reports a line all of whose cells are header words: a header repeated on
// a continuation page.
func headerLine(text string, cs []cell) bool {
	if fragment(text, cs) {
		return false // one cell of text: the rest of a wrapped name, told apart by its place
	}
	n := 0
	for _, c := range cs {
		if c.start == c.end {
			continue
		}
		s := compactName(text[c.start:c.end])
		switch {
		case columnOf(s) != notFigures, headerWords(s), s == "类", s == "款", s == "项",
			strings.Contains(s, "科目"), strings.Contains(s, "编码"), strings.Contains(s, "名称"):
			n++
		default:
			return false
		}
	}
	return n > 0
}

// prose reports a line of running text, which ends a table.
func prose(s string) bool {
	if strings.ContainsAny(s, "。；") {
		return true
	}
	if runeLen(s) <= 60 {
		return false
	}
	han := 0 // a long line of figures is a table's, not prose
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			han++
		}
	}
	return han > 30
}

// fragment reports a line that can be a part of a wrapped row name: one short cell of
// text without figures or sentence marks.
func fragment(text string, cs []cell) bool {
	n := 0
	var only cell
	for _, c := range cs {
		if c.start < c.end {
			n++
			only = c
		}
	}
	if n != 1 {
		return false
	}
	s := text[only.start:only.end]
	if runeLen(s) > 30 || strings.ContainsAny(s, "0123456789。，；：:") {
		return false
	}
	for _, w := range []string{"预算", "决算", "合计", "小计", "单位:", "单位：", "金额"} {
		if strings.Contains(s, w) {
			return false // a header repeated on a continuation page (一般公共预算基本支出)
		}
	}
	col := columnOf(s)
	return (col == notFigures || col == Other) && !headerWords(compactName(s)) // 缴费支出 ends a name
}

// compactName removes the spaces and line breaks the page put in a name.
func compactName(s string) string {
	return without(s, " \t\n")
}

// without returns s without the ASCII bytes of drop; s itself when it has none.
func without(s, drop string) string {
	if !strings.ContainsAny(s, drop) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(drop, s[i]) < 0 {
			b = append(b, s[i])
		}
	}
	return string(b)
}
