package facts

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/numbers"
)

// A table flattened into text has its cells separated by "|": a row per line
// (科目名称 | 合计 | 基本支出) or a cell per line (一、一般公共预算财政拨款收入 |, 1 |, 1,486.54 |).
// tableFacts reads the rows whose first cell is a label the rules know and whose next
// cells are figures: the label's value is the first figure (after a 行次 row number).
// Figures take the unit the table declares; a table that declares none, or whose first
// figure column may be last year's, gives nothing. Facts from tables rank below the same
// facts stated in sentences.

// cell is one cell of a flattened table.
type cell struct {
	start, end int  // byte offsets of the trimmed cell text
	num        int  // index into Doc.Numbers when the cell is one figure, else -1
	line       int  // the line the cell stands on, counted within its table
	alone      bool // the only cell of its line: the table is flattened a cell per line
	blank      bool // an empty cell, kept where a table flattened a cell per line has one
}

// tableRule marks facts read from tables, for dedupe.
const tableRule = "table"

func tableFacts(d *Doc) []Fact {
	var fs []Fact
	decls := declScopes(d)
	next := 0 // the length at which fs is next compacted
	for _, region := range tableRegions(d) {
		if inStandardTable(d, region[0].start) {
			continue
		}
		fs = compactEvery(append(fs, regionFacts(d, region, decls)...), &next)
	}
	return fs
}

// tableRegions returns the cells of each run of lines that contain "|".
func tableRegions(d *Doc) [][]cell {
	var regions [][]cell
	var cur []cell
	ni, lineNo := 0, 0
	for start := 0; start < len(d.Match); {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		end := strings.IndexByte(d.Match[start:], '\n')
		if end < 0 {
			end = len(d.Match)
		} else {
			end += start
		}
		line := d.Match[start:end]
		if !strings.Contains(line, "|") {
			if len(cur) > 0 {
				regions = append(regions, cur)
				cur = nil
			}
			start = end + 1
			continue
		}
		lineNo++
		first := len(cur)
		for cs := start; cs <= end; {
			ce := strings.IndexByte(d.Match[cs:end], '|')
			if ce < 0 {
				ce = end
			} else {
				ce += cs
			}
			s, e := trimSpan(d.Match, cs, ce)
			if s < e {
				c := cell{start: s, end: e, num: -1, line: lineNo}
				for ni < len(d.Numbers) && d.Numbers[ni].Start < s {
					ni++
				}
				// a figure cell holds one plain figure: 2024年度 or 45.5% is a heading or a ratio
				if ni < len(d.Numbers) && d.Numbers[ni].Start == s && d.Numbers[ni].End >= e-1 && d.Numbers[ni].Measure == "" {
					c.num = ni
				}
				cur = append(cur, c)
			}
			cs = ce + 1
		}
		if len(cur) == first+1 && first > 0 && strings.HasSuffix(d.Match[cur[first].start:cur[first].end], "表") {
			// a table's title begins a table of its own: the rows before it (a page's
			// metadata, another table) are no heads of its columns
			regions = append(regions, cur[:first])
			cur = append([]cell(nil), cur[first:]...)
			first = 0
		}
		switch {
		case len(cur) == first+1:
			cur[first].alone = true
		case len(cur) == first && first > 0 && cur[first-1].alone:
			// a blank cell of a table flattened a cell per line: the row it ends has no
			// figure, and the next row's number (栏次) is not one
			cur = append(cur, cell{start: start, end: start, num: -1, line: lineNo, alone: true, blank: true})
		}
		start = end + 1
	}
	if len(cur) > 0 {
		regions = append(regions, cur)
	}
	return append(regions, cellLines(d)...)
}

// cellLines returns tables flattened a cell per line with no "|" at all, as web pages
// give them: a run of at least eight short lines, no sentence among them, a third of
// them figures.
func cellLines(d *Doc) [][]cell {
	var regions [][]cell
	var run []cell
	figures := 0
	flush := func() {
		if len(run) >= 8 && figures*4 >= len(run) {
			regions = append(regions, run)
		}
		run, figures = nil, 0
	}
	ni := 0
	for start := 0; start < len(d.Match); {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		end := strings.IndexByte(d.Match[start:], '\n')
		if end < 0 {
			end = len(d.Match)
		} else {
			end += start
		}
		s, e := trimSpan(d.Match, start, end)
		line := d.Match[s:e]
		switch {
		case s == e:
			// blank lines separate cells in such pages; they do not end the table
		case strings.Contains(line, "|") || proseMarks.In(line) || strings.Contains(line, ",") && !figureLine(line) ||
			utf8.RuneCountInString(line) > 30:
			flush()
		default:
			c := cell{start: s, end: e, num: -1, line: len(run) + 1, alone: true}
			for ni < len(d.Numbers) && d.Numbers[ni].Start < s {
				ni++
			}
			if ni < len(d.Numbers) && d.Numbers[ni].Start == s && d.Numbers[ni].End >= e && d.Numbers[ni].Measure == "" {
				c.num = ni
				figures++
			}
			run = append(run, c)
		}
		start = end + 1
	}
	flush()
	return regions
}

func trimSpan(s string, start, end int) (int, int) {
	for start < end && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	return start, end
}

// regionFacts reads one table.
func regionFacts(d *Doc, cells []cell, decls []declScope) []Fact {
	// The header: the cells before the first figure.
	var header []string
	for _, c := range cells {
		if c.num >= 0 {
			break
		}
		header = append(header, d.Match[c.start:c.end])
	}
	head := strings.Join(header, " ")
	cols := columnHeads(d, cells)
	fs := headedCounts(d, cells, header)
	fs = append(fs, rowCounts(d, cells, cols)...)
	headRow, used := headRowFacts(d, cells, decls)
	fs = append(fs, headRow...)
	col := valueColumn(cols, d.Header.Kind, d.Header.Year)
	if d.Header.Kind == "final_accounts" && col == 0 {
		col = actualHalf(cols, groupHeads(d, cells))
	}
	if col < 0 {
		return fs // no column is surely this year's figure
	}
	unit := tableUnit(d, decls, cells)
	if unit == numbers.NoUnit {
		return fs
	}
	rowNumbers := strings.Contains(head, "行次")
	topic := topic{d: d, off: cells[0].start, head: &fixedText{text: head}}
	totals := 0 // how many bare 总计/合计 rows seen: revenue's first, then expenditure's
	next := 0   // the length at which fs is next compacted
	for i := 0; i < len(cells); i++ {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		fs = compactEvery(fs, &next)
		c := cells[i]
		if c.num >= 0 || c.blank || used[i] {
			continue
		}
		// A row's figures follow its label: on its line when the table keeps its rows,
		// in the next cells when it is flattened a cell per line. There a label that
		// follows other labels heads a column block (三公 tables with merged headers),
		// unless the table numbers its rows (行次), so it gives nothing.
		// After a run of labels, only a row whose figures are few is a row: a long run of
		// figures after labels belongs to a block of column heads.
		rowStart := i == 0 || cells[i-1].num >= 0 || rowNumbers
		// for a label split over two cells: the two joined (rules read this), and the
		// same as written (values quote this)
		split, splitName := "", ""
		if c.alone && i+2 < len(cells) && cells[i+1].num < 0 && cells[i+1].alone && !cells[i+1].blank && cells[i+2].num >= 0 &&
			(rowStart || figureRun(cells, i+2) <= 2) {
			// a label the page broke over two lines: 一、一般公共预⏎算拨款⏎2,316.48
			joined := d.Match[c.start:c.end] + d.Match[cells[i+1].start:cells[i+1].end]
			if k, _ := matchMoney(amount{label: cleanLabel(joined), topic: topic, part: true, bare: true}); k != "" {
				split, splitName = joined, d.Text[c.start:c.end]+d.Text[cells[i+1].start:cells[i+1].end]
				i++
			}
		}
		if c.alone && !rowStart && split == "" && figureRun(cells, i+1) > 2 {
			continue
		}
		var figs []numbers.Number
		for j := i + 1; j < len(cells) && cells[j].num >= 0 && (c.alone || cells[j].line == c.line); j++ {
			figs = append(figs, d.Numbers[cells[j].num])
		}
		if rowNumbers && len(figs) >= 2 && figs[0].Value.Scale == 0 && figs[0].Value.Coef < 1000 {
			figs = figs[1:]
		}
		switch {
		case !c.alone:
			// a row kept on its line: its figures stand under the column heads
			if col >= len(figs) {
				continue
			}
			figs = figs[col:]
		case len(cols) > 1 && len(figs) == len(cols):
			// a whole row a cell per line, under heads read the same way
			figs = figs[col:]
		}
		if len(figs) == 0 {
			continue
		}
		n := figs[0]
		if n.Unit != numbers.NoUnit || n.Measure != "" {
			continue
		}
		fen, ok := n.Value.Fen(unit)
		if !ok {
			continue
		}
		label := cleanLabel(d.Match[c.start:c.end])
		if split != "" {
			label = cleanLabel(split)
		}
		key := ""
		switch label {
		case "总计", "合计":
			switch {
			case strings.Contains(head, "收入") && strings.Contains(head, "支出"):
				key = [2]string{"revenue.total", "expenditure.total"}[min(totals, 1)]
				totals++
			case topic.has(sanggongTopic, true) || lineBefore(d.Match, cells[0].start, sanggongTopic) || sanggongRowsAfter(d, cells, i):
				key = "sanggong.total" // the 合计 of a 三公 table
			}
		default:
			key, _ = matchMoney(amount{label: label, topic: topic, part: true, bare: true})
			if key == "expenditure.function" {
				if split != "" {
					key += "." + splitFunctionName(split, splitName)
				} else {
					key += "." + functionName(d, c.start, c.end)
				}
			}
		}
		if key == "" || fen == 0 && strings.HasPrefix(key, "expenditure.function.") {
			// A table lists every class, most of them empty; an empty one states nothing
			// about the body's spending that a reader would record.
			continue
		}
		fs = append(fs, Fact{Key: key, Type: Money, Fen: fen, Unit: unit.Fen(), Step: step(n, unit), Start: n.Start, End: n.End, Rule: tableRule})
	}
	return fs
}

// sanggongRowsAfter reports whether the rows after cells[i] are those of a 三公 table
// that has no 三公 in its title: the reception row and the travel-abroad or vehicle row
// among the next labels.
func sanggongRowsAfter(d *Doc, cells []cell, i int) bool {
	reception, other := false, false
	labels := 0
	for _, c := range cells[i+1:] {
		if c.num >= 0 || c.blank {
			continue
		}
		if labels++; labels > 8 {
			break
		}
		l := d.Match[c.start:c.end]
		reception = reception || strings.Contains(l, "公务接待")
		other = other || strings.Contains(l, "因公出国") || strings.Contains(l, "公务用车")
	}
	return reception && other
}

// headRowFacts reads a table flattened a cell per line whose labels head its columns and
// whose one row of figures follows them: 合计, 因公出国（境）费, …, 公务接待费, then
// 8.6, 0, …, 2.6. The labels before them (a title, a stub's head) are not paired. Only runs
// whose labels are all known amounts are read; used marks their cells.
func headRowFacts(d *Doc, cells []cell, decls []declScope) (fs []Fact, used map[int]bool) {
	for i := 0; i < len(cells); {
		if cells[i].num >= 0 || cells[i].blank || !cells[i].alone {
			i++
			continue
		}
		j := i
		for j < len(cells) && cells[j].num < 0 && !cells[j].blank && cells[j].alone {
			j++
		}
		labels, figs := j-i, figureRun(cells, j)
		end := j + figs
		if figs < 3 || labels < figs || end < len(cells) && cells[end].blank {
			i = max(j, i+1)
			continue
		}
		first := j - figs // the first label paired with a figure
		topic := topic{d: d, off: cells[i].start}
		sanggong := topic.has(sanggongTopic, true) || lineBefore(d.Match, cells[i].start, sanggongTopic)
		keys := make([]string, figs)
		known := true
		for k := i; k < first; k++ {
			// a label left over must be a title or a stub's head, not an amount
			label := cleanLabel(d.Match[cells[k].start:cells[k].end])
			if key, _ := matchMoney(amount{label: label, topic: topic, part: true, bare: true}); key != "" || label == "合计" {
				known = false
			}
		}
		for k := range figs {
			label := cleanLabel(d.Match[cells[first+k].start:cells[first+k].end])
			switch {
			case label == "合计" || label == "总计":
				if sanggong || sanggongRowsAfter(d, cells, first+k) {
					keys[k] = "sanggong.total"
				}
			default:
				keys[k], _ = matchMoney(amount{label: label, topic: topic, part: true, bare: true})
			}
			if !strings.HasPrefix(keys[k], "sanggong.") {
				known = false
			}
		}
		unit := tableUnit(d, decls, cells)
		if !known || unit == numbers.NoUnit {
			i = end
			continue
		}
		if used == nil {
			used = map[int]bool{}
		}
		for k := range figs {
			n := d.Numbers[cells[j+k].num]
			used[first+k] = true
			if fen, ok := n.Value.Fen(unit); ok {
				fs = append(fs, Fact{Key: keys[k], Type: Money, Fen: fen, Unit: unit.Fen(), Step: step(n, unit), Start: n.Start, End: n.End, Rule: tableRule})
			}
		}
		i = end
	}
	return fs, used
}

// sanggongTopic names the 三公 expenses.
var sanggongTopic = regexp.MustCompile(`三公`)

// lineBefore reports whether the line of off up to off, or one of the two lines before
// it (a table's title and its unit line), matches re.
func lineBefore(text string, off int, re *regexp.Regexp) bool {
	end := off
	for range 3 {
		i := strings.LastIndexByte(text[:max(0, end-1)], '\n')
		line := text[i+1 : max(i+1, end)]
		if re.MatchString(line) {
			return true
		}
		if i < 0 {
			return false
		}
		end = i + 1
	}
	return false
}

// figureLine reports whether line is one figure: digits, separators, a sign.
func figureLine(line string) bool {
	for i := 0; i < len(line); i++ {
		if c := line[i]; !('0' <= c && c <= '9') && c != '.' && c != ',' && c != '-' {
			return false
		}
	}
	return true
}

// figureRun returns how many figure cells follow one another from cells[i].
func figureRun(cells []cell, i int) int {
	n := 0
	for ; i < len(cells) && cells[i].num >= 0; i++ {
		n++
	}
	return n
}

// splitFunctionName returns the class named in a label joined from two cells, as written.
func splitFunctionName(match, text string) string {
	all := functionRe.FindAllStringIndex(match, -1)
	if len(all) == 0 || len(text) != len(match) {
		return ""
	}
	m := all[len(all)-1]
	return text[m[0]:m[1]]
}

// columnHeads returns the heads of the figure columns of a table kept in rows: the
// cells after the first of the line before the first figure's line (项目 | 年初预算数 |
// 决算数 → 年初预算数, 决算数). It returns nil for a table flattened a cell per line.
func columnHeads(d *Doc, cells []cell) []string {
	first := -1
	for i, c := range cells {
		if c.num >= 0 {
			first = i
			break
		}
	}
	if first <= 0 {
		return nil
	}
	if cells[first].alone {
		// a cell per line: the stub's head, the column heads, then the first row's label
		// (项目 | 预算数 | 决算数 | 合计 | 30.8 | 25.7)
		var heads []string
		for _, c := range cells[:first] {
			if !c.blank {
				heads = append(heads, d.Match[c.start:c.end])
			}
		}
		if len(heads) < 4 {
			return nil
		}
		return heads[1 : len(heads)-1]
	}
	lineHeads := func(line int) []string {
		var heads []string
		for _, c := range cells[:first] {
			if c.line == line && !c.blank {
				heads = append(heads, d.Match[c.start:c.end])
			}
		}
		return heads
	}
	heads := lineHeads(cells[first].line - 1)
	if above := lineHeads(cells[first].line - 2); len(above) > len(heads) {
		// the line before is the second row of a split head (增、减金额 | 增、减幅度 under
		// 比上年增、减情况): the row above it heads the columns
		heads = above
	}
	if len(heads) < 2 {
		return nil
	}
	return heads[1:]
}

// groupHeads returns the heads of the line above the column heads: the groups a
// two-row header puts over them (项目 | 预算数 | 决算数 over 合计 | … | 合计 | …).
func groupHeads(d *Doc, cells []cell) []string {
	first := -1
	for i, c := range cells {
		if c.num >= 0 {
			first = i
			break
		}
	}
	if first <= 0 {
		return nil
	}
	line := cells[first].line - 2
	var heads []string
	for _, c := range cells[:first] {
		if c.line == line {
			heads = append(heads, d.Match[c.start:c.end])
		}
	}
	return heads
}

// actualHalf returns where the actual figures start in a final account's table whose
// columns come twice, under a group for the budget and then one for the actual figures
// (预算数: 合计 | 一般公共预算, 决算数: 合计 | 一般公共预算); else 0.
func actualHalf(cols, groups []string) int {
	n := len(cols)
	if n%2 == 1 && n >= 3 {
		// the row's first head was taken for the label column's (the label column's own
		// head is the merged 项目 above): the second half's first head stands for it
		cols = append([]string{cols[n/2]}, cols...)
		n++
	}
	if n < 2 || n%2 != 0 || !slices.Equal(cols[:n/2], cols[n/2:]) {
		return 0
	}
	var budget, actual = -1, -1
	for i, g := range groups {
		g = strings.ReplaceAll(g, " ", "")
		switch {
		case strings.Contains(g, "决算") || strings.Contains(g, "实际"):
			actual = i
		case strings.Contains(g, "预算"):
			budget = i
		}
	}
	if budget >= 0 && actual > budget {
		return n / 2
	}
	return 0
}

// valueColumn returns which figure column holds the year's own figures: in final
// accounts the actual one (决算数) rather than the budget quoted beside it, never last
// year's; -1 when the first column may be last year's and no column says otherwise.
// Columns that name their years (2022年预算数 | 2023年预算数 | 增减) are told by the
// document's year: its own column is taken, and a first column of an earlier year is
// last year's.
func valueColumn(cols []string, kind string, year int) int {
	if len(cols) == 0 {
		return 0
	}
	if year != 0 {
		own, earlier := -1, false
		for i, c := range cols {
			y := columnYear(c)
			switch {
			case y == 0 || strings.Contains(c, "增") || strings.Contains(c, "减") || strings.Contains(c, "变动") || strings.Contains(c, "比"):
			case y == year && own < 0 && (kind != "final_accounts" || !strings.Contains(c, "预算")):
				own = i
			case y < year && i == 0:
				earlier = true
			}
		}
		if own >= 0 {
			return own
		}
		if earlier {
			return -1
		}
	}
	pick := func(ok func(string) bool) int {
		for i, c := range cols {
			if ok(c) {
				return i
			}
		}
		return -1
	}
	thisYear := func(c string) bool { return !strings.Contains(c, "上年") }
	if kind == "final_accounts" {
		if i := pick(func(c string) bool {
			return thisYear(c) && (strings.Contains(c, "决算") || strings.Contains(c, "实际"))
		}); i >= 0 {
			return i
		}
	}
	if strings.Contains(cols[0], "上年") {
		return -1
	}
	return 0
}

// columnYear returns the year a column's head names (2023年预算数), or 0.
func columnYear(c string) int {
	m := columnYearRe.FindStringSubmatch(c)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

var columnYearRe = regexp.MustCompile(`((?:19|20)\d{2})\s?年`)

// staffColumns maps the heads of a staff table's columns to the kind of post.
var staffColumns = map[string]string{"行政": "admin", "参公": "sanggong", "事业": "institution", "工勤": "worker"}

// rowCounts reads a staff table with a row per count: 项目 | 合计 | 行政 | 事业 | 工勤,
// then 编制数 | 86 | 18 | 64 | 4 and 实有人数 | 79 | …: the 合计 column is the total, the
// others the kinds of post.
func rowCounts(d *Doc, cells []cell, cols []string) []Fact {
	if len(cols) == 0 {
		return nil
	}
	var fs []Fact
	next := 0 // the length at which fs is next compacted
	for i, c := range cells {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		fs = compactEvery(fs, &next)
		if c.num >= 0 || c.alone {
			continue
		}
		var figs []numbers.Number
		for j := i + 1; j < len(cells) && cells[j].num >= 0 && cells[j].line == c.line; j++ {
			figs = append(figs, d.Numbers[cells[j].num])
		}
		if len(figs) == 0 || len(figs) > len(cols) {
			continue
		}
		label := cleanLabel(d.Match[c.start:c.end])
		key := ""
		for _, r := range compiledCountRules {
			if r.label != nil && r.topic == nil && r.label.MatchString(label) {
				key = r.Key
				break
			}
		}
		if key == "" {
			continue
		}
		for k, n := range figs {
			v, ok := n.Value.Int()
			if !ok || n.Unit != 0 {
				continue
			}
			head := strings.TrimSpace(cols[k])
			switch {
			case k == 0 && (len(cols) == 1 || strings.Contains(head, "合计") || strings.Contains(head, "小计") || strings.Contains(head, "总")):
				fs = append(fs, Fact{Key: key, Type: Integer, Int: v, Start: n.Start, End: n.End, Rule: tableRule})
			case strings.HasPrefix(key, "staff.total."):
				for word, kind := range staffColumns {
					if strings.HasPrefix(head, word) {
						fs = append(fs, Fact{Key: "staff." + kind + strings.TrimPrefix(key, "staff.total"), Type: Integer, Int: v, Start: n.Start, End: n.End, Rule: tableRule})
					}
				}
			}
		}
	}
	return fs
}

// tableUnit returns the unit a table declares: in its own cells before its first
// figure (金额单位：万元 under the title), or just before it.
func tableUnit(d *Doc, decls []declScope, cells []cell) numbers.Unit {
	first := cells[len(cells)-1].start
	for _, c := range cells {
		if c.num >= 0 {
			first = c.start
			break
		}
	}
	// the last declaration that ends before the first figure, if it ends at most 300
	// bytes before the table (declarations are in order)
	unit := numbers.NoUnit
	if i := sort.Search(len(d.Decls), func(i int) bool { return d.Decls[i].End > first }); i > 0 && d.Decls[i-1].End >= cells[0].start-300 {
		unit = d.Decls[i-1].Unit
	}
	if unit == numbers.NoUnit {
		unit = declaredUnit(decls, cells[0].start)
	}
	return unit
}

// headedCounts reads a table of counts whose column headers name them: 单位名称 |
// 编制数 | 实有人数 | 退休人数, then one row: 某某局 | 47 | 45 | 18. A row whose figures
// do not match the headers one for one gives nothing.
func headedCounts(d *Doc, cells []cell, lead []string) []Fact {
	// lead is the column headers and then the first row's label.
	header := lead[:max(0, len(lead)-1)]
	if len(header) < 2 || len(cells) < len(lead)+len(header)-1 {
		return nil
	}
	figs := cells[len(lead) : len(lead)+len(header)-1]
	var fs []Fact
	for i, c := range figs {
		if c.num < 0 {
			return nil
		}
		n := d.Numbers[c.num]
		v, ok := n.Value.Int()
		if !ok || n.Unit != 0 || v < 0 {
			continue
		}
		label := header[i+1]
		for _, r := range compiledCountRules {
			if r.label == nil || r.topic != nil || !r.label.MatchString(label) {
				continue
			}
			fs = append(fs, Fact{Key: r.Key, Type: Integer, Int: v, Start: n.Start, End: n.End, Rule: tableRule})
			break
		}
	}
	return fs
}
