package facts

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// compositionWords name the sections that describe a body's composition.
var compositionWords = []string{"单位构成", "机构设置", "内设机构", "部门构成", "单位组成", "机构情况", "组织机构", "机构及人员",
	"基本情况", "部门概况", "单位概况", "职能职责", "主要职责", "主要职能", "机构与人员"}

// compositionRe matches a title that names a composition section, as compositionTopic
// does; each heading's title is matched once.
var compositionRe = wordsRe(compositionWords...)

// compositionTopic reports whether a heading's title, or a path of titles, names a
// composition section. (Plain word tests: a regexp alternation of them costs far more.)
func compositionTopic(s string) bool {
	for _, w := range compositionWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// officeDuty is a line that begins with an office and its duties: 综合管理科(行政许可服务科):负责…
var officeDuty = regexp.MustCompile(`^(\p{Han}{2,12})(?:[（(][^（()）\n]{1,20}[)）])?[：:](?:主要)?(?:负责|承担|主管|协助|组织|统筹)`)

// officeName is the name of an internal office: 综合科, 办公室, 财务股.
var officeName = nameShape{1, 12, []string{"办公室", "科", "股", "室", "处", "部", "组", "办", "队", "委员会"}}

// unitName is the name of a unit that can stand on its own: 县科技馆, 某某中心.
var unitName = nameShape{3, 28, []string{"馆", "中心", "站", "所", "院", "队", "校", "学校", "小学", "中学", "大学", "园", "场", "处", "局", "会", "社", "台", "厂"}}

// innerName is the name of anything a body sets up inside itself (内设办公室、植保站).
var innerName = nameShape{1, 12, []string{"办公室", "科", "股", "室", "处", "部", "组", "办", "队", "站", "所", "中心", "馆", "部门", "会", "委", "支部"}}

// anyName is an office's or a unit's name.
var anyName = nameShapes{officeName, unitName}

// nameShape is a name made of Han characters only: min to max of them, then one of the
// suffixes. It matches what the regexp ^\p{Han}{min,max}(?:suffix|…)$ matches, without
// the regexp: names are tried on every heading and list item, and the regexp's
// backtracking over the repetition cost 3% of an extraction.
type nameShape struct {
	min, max int
	suffixes []string
}

// MatchString reports whether s has the shape.
func (n nameShape) MatchString(s string) bool {
	runes := 0
	for i, r := range s {
		// an office named for two (园长/书记室) has a slash between its names
		if !unicode.Is(unicode.Han, r) && !(r == '/' && i > 0 && i < len(s)-1) {
			return false
		}
		runes++
	}
	for _, suf := range n.suffixes {
		if strings.HasSuffix(s, suf) {
			if k := runes - utf8.RuneCountInString(suf); k >= n.min && k <= n.max {
				return true
			}
		}
	}
	return false
}

// nameShapes matches a string that has any of its shapes.
type nameShapes []nameShape

// MatchString reports whether s has one of the shapes.
func (ns nameShapes) MatchString(s string) bool {
	for _, n := range ns {
		if n.MatchString(s) {
			return true
		}
	}
	return false
}

// matcher is what a list's items are checked with: a regexp or a nameShape.
type matcher interface {
	MatchString(s string) bool
}

// subordinateMark says that a unit is subordinate to the body.
var subordinateMark = words{"下属", "所属", "直属", "附属", "二级单位", "二级预算单位", "事业单位"}

// listIntro introduces a list of offices or units: 内设办公室、财务处和机关党委.
var listIntro = regexp.MustCompile(`(包括|内设(?:机构)?|(?:^|[^建开增假预铺架敷下内])设(?:有|置)?|(?:科室|处室|股室)(?:(?:\d+|[一二两三四五六七八九十]+)个|(?:主要)?(?:设有|有|包括)[：:]?)|下设(?:机构)?|下属(?:单位|事业单位)?设?|所属(?:二级预算单位|预算单位|单位|事业单位)?|(?:事业)?单位(?:\d+|[一二两三四五六七八九十]+)(?:个|家)[，,]?(?:分别(?:是|为)|即)|(?:单位|机构)分别(?:是|为)|(?:^|[。；;])分别(?:是|为)|附属(?:机构|单位))(?:有|包括|为|是)?(?:(?:\d+|[一二两三四五六七八九十]+)(?:个|家))?(?:科室|股室|机构|事业单位|单位)?[：:]?`)

// orgFacts reads the offices and subordinate units named in the composition section.
func orgFacts(d *Doc) []Fact {
	// whether a heading off falls under names a composition section
	inComposition := func(d *Doc, off int) bool { return d.underTitle(off, compositionRe, false) }
	var depts, subs []Fact
	// Numbered items whose title is a name: 2、综合科。承担… 4、巫溪县科技馆（属于科协下属事业单位）。
	introMemo := map[int]bool{}
	for _, h := range d.Outline.Headings {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		title := dutyless(strings.TrimRight(h.Title, "。；;，,"))
		if h.Marker == "" || len(title) > 3*40 ||
			!officeName.MatchString(title) && !openParens.In(title) && !unitName.MatchString(title) {
			continue
		}
		introduced := introducesUnits(d, h.Start, introMemo)
		if !inComposition(d, h.Start) && !introduced {
			continue
		}
		name, paren := splitParen(title)
		start := h.Start
		switch {
		case strings.Contains(paren, "本部") || strings.Contains(paren, "本级"):
			// the body itself, at the head of its units
		case unitName.MatchString(name) && (subordinateMark.MatchString(paren) || underSubordinates(d, h.Start) || introduced):
			subs = append(subs, Fact{Key: "org.subordinate", Type: String, Text: name, Start: start, End: start + len(name), Rule: "item"})
		case officeName.MatchString(name) && paren == "" && !underSubordinates(d, h.Start):
			depts = append(depts, Fact{Key: "org.department", Type: String, Text: name, Start: start, End: start + len(name), Rule: "item"})
		}
	}
	for _, m := range linesMatching(d.Match, officeDuty, hasDuty) {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		if name := d.Match[m[2]:m[3]]; officeName.MatchString(name) && inComposition(d, m[0]) {
			depts = append(depts, Fact{Key: "org.department", Type: String, Text: name, Start: m[2], End: m[3], Rule: "duty"})
		}
	}
	// Lists after 内设 or 下属, and a unit named in brackets after a count (1个事业单位（即县科技馆）).
	intros := listIntros(d.Match)
	for k, m := range intros {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		intro := d.Match[m[2]:m[3]]
		if r, _ := utf8.DecodeRuneInString(d.Match[m[1]:]); strings.HasSuffix(intro, "设") && strings.ContainsRune("施计置立定备想法", r) {
			continue // 设施, 设计, 设置: not 设 introducing offices
		}
		inner := strings.Contains(intro, "内设") || (strings.Contains(intro, "设") && !strings.Contains(intro, "下设") && !strings.Contains(intro, "属")) ||
			strings.Contains(intro, "科室") || strings.Contains(intro, "处室") || strings.Contains(intro, "股室") ||
			strings.HasSuffix(d.Match[max(0, m[0]-len("内部")):m[0]], "内部") // 单位内部下设办公室、财务室
		if !inner && !inComposition(d, m[0]) {
			continue
		}
		// The list proper: past a count and 分别为 (下属二级机构3个：A、B; 内设机构10个，分别为A、B),
		// up to the end of its clause or a closing count (A、B3个事业单位).
		// A list ends where the next introduction begins another.
		lead := listStart.FindString(d.Match[m[1]:])
		if r, w := utf8.DecodeLastRuneInString(lead); r == '（' || r == '(' {
			lead = lead[:len(lead)-w] // the list in brackets after its count is read below
		}
		begin := m[1] + len(lead)
		end := len(d.Match)
		for _, next := range intros[k+1:] {
			if next[0] >= begin {
				end = next[0]
				break
			}
		}
		if i := listItemEnds.Index(d.Match[begin:end]); i >= 0 {
			end = begin + i
		}
		if r, w := utf8.DecodeRuneInString(d.Match[begin:end]); r == '（' || r == '(' {
			// a list in brackets after its count: 设5个内设机构（党政办公室、…、城市管理科）
			begin += w
			if i := closeParens.Index(d.Match[begin:end]); i >= 0 {
				end = begin + i
			}
		}
		m[1] = begin
		if inner {
			// A list parted by commas alone (下设办公室,财务室,工程科等业务科室) runs to
			// the end of its sentence, when every part is an office.
			if stop := clauseStops.Index(d.Match[begin:min(len(d.Match), begin+maxCommaList)]); stop > 0 && end < begin+stop {
				clause := d.Match[begin : begin+stop]
				if !strings.Contains(clause, "、") && len(listItems(d.Match, begin, begin+stop, innerName)) == len(splitList(d.Match, begin, begin+stop, "，,")) {
					end = begin + stop
				}
			}
			// 设 alone is a common verb: only a list of two or more offices counts. What
			// a body sets up inside itself are its offices, whatever they are called
			// (植保站, 土肥站).
			items := listItems(d.Match, m[1], end, innerName)
			if len(items) < 2 && !strings.Contains(intro, "内设") && !countedList.MatchString(d.Match[m[0]:begin]) &&
				!strings.HasPrefix(d.Match[max(0, m[0]-len("机")):], "机关设") { // 局机关设办公室
				continue
			}
			if notNames(d.Match, m[0], begin, end, len(items)) {
				continue
			}
			// 设置6个事业机构分别是：…; 设置A、B2个事业机构
			units := strings.Contains(d.Match[m[0]:begin], "事业") ||
				strings.Contains(closingCount.FindString(d.Match[end:min(len(d.Match), end+64)]), "事业")
			for _, it := range items {
				if it[1] == len(d.Match) {
					break // the text is cut inside the list: its last item may be cut too
				}
				if units {
					if unitName.MatchString(d.Match[it[0]:it[1]]) {
						subs = append(subs, Fact{Key: "org.subordinate", Type: String, Text: d.Match[it[0]:it[1]], Start: it[0], End: it[1], Rule: "list"})
					}
					continue
				}
				depts = append(depts, Fact{Key: "org.department", Type: String, Text: d.Match[it[0]:it[1]], Start: it[0], End: it[1], Rule: "list"})
			}
			continue
		}
		// 下设 names offices or units; 下属 and 所属 name units, and so does 包括 after them
		// in its clause (下属二级预算单位包括：…特警支队).
		offices := strings.HasPrefix(intro, "下设") || intro == "包括" && !unitsBefore(d.Match, m[0])
		unitsIntro := strings.Contains(intro, "单位") && !offices
		items := listItems(d.Match, m[1], end, anyName)
		if notNames(d.Match, m[0], begin, end, len(items)) {
			continue
		}
		for _, it := range items {
			if it[1] == len(d.Match) {
				break // the text is cut inside the list: its last item may be cut too
			}
			name := d.Match[it[0]:it[1]]
			if b, ok := trailingBracket(name); ok {
				name = name[:b] // told by its first name: 某某中心（某某站）
			}
			switch {
			case offices && officeName.MatchString(name) && !countedUnitsAfter.MatchString(d.Match[it[1]:min(len(d.Match), it[1]+64)]):
				depts = append(depts, Fact{Key: "org.department", Type: String, Text: d.Match[it[0]:it[1]], Start: it[0], End: it[1], Rule: "list"})
			case unitName.MatchString(name) || unitsIntro && officeName.MatchString(name):
				// a list the text says are units holds units, whatever their names end in
				// (行政单位分别是：…警务保障部(一)、…民警门诊部)
				subs = append(subs, Fact{Key: "org.subordinate", Type: String, Text: d.Match[it[0]:it[1]], Start: it[0], End: it[1], Rule: "list"})
			}
		}
	}
	for _, m := range bracketUnit.FindAllStringSubmatchIndex(d.Match, -1) {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		if !inComposition(d, m[0]) {
			continue
		}
		for _, it := range splitList(d.Match, m[2], m[3], "、，,和及与") {
			if name := d.Match[it[0]:it[1]]; unitName.MatchString(name) {
				subs = append(subs, Fact{Key: "org.subordinate", Type: String, Text: name, Start: it[0], End: it[1], Rule: "bracket"})
			}
		}
	}
	subs = append(subs, countedUnits(d)...)
	subs = append(subs, unitsDescribed(d, inComposition)...)
	ds, us := closedLists(d, inComposition)
	depts, subs = append(depts, ds...), append(subs, us...)
	ds, us = numberedRuns(d, inComposition)
	depts, subs = append(depts, ds...), append(subs, us...)
	return notSelf(d, append(realOffices(depts), fullNames(realUnits(subs))...))
}

// describedUnit is the part of a sentence before 事业单位 that says what a unit is:
// 某某县文化馆为副科级公益一类, of 某某县文化馆为副科级公益一类事业单位.
var describedUnit = regexp.MustCompile(`^(\p{Han}{3,28}?)(?:为|是|系)[\p{Han}、（()）]{0,20}$`)

// unitsDescribed returns the units of the composition section that a sentence of their
// own describes as public institutions, other than the document's body.
func unitsDescribed(d *Doc, inComposition func(*Doc, int) bool) []Fact {
	self := d.Header.Unit
	if self == "" {
		return nil // the body may be describing itself
	}
	var fs []Fact
	text := d.Match
	for i := 0; ; {
		if d.poll.Done() {
			return nil // canceled: Extract returns the context's error
		}
		j := strings.Index(text[i:], "事业单位")
		if j < 0 {
			break
		}
		j += i
		i = j + len("事业单位")
		// the sentence up to 事业单位: a name, a verb, at most 20 characters of kind
		start := max(0, j-3*(28+1+20)-3)
		for !utf8.RuneStart(text[start]) {
			start++
		}
		if k := sentenceEnds.LastIndex(text[start:j]); k >= 0 {
			start += k + len(runeAt(text, start+k))
		} else if start > 0 {
			continue // no sentence of that length
		}
		m := describedUnit.FindStringSubmatchIndex(text[start:j])
		if m == nil {
			continue
		}
		name := text[start+m[2] : start+m[3]]
		if !unitName.MatchString(name) || strings.HasSuffix(self, name) || strings.HasSuffix(name, self) || !inComposition(d, start) {
			continue
		}
		fs = append(fs, Fact{Key: "org.subordinate", Type: String, Text: name, Start: start + m[2], End: start + m[3], Rule: "described"})
	}
	return fs
}

// listClosing is the count and kind that close a list with no introduction of its
// own: …、离退休干部管理处10个管理部门; …、办公室等五个科室; …5个直属事业单位.
var listClosing = regexp.MustCompile(`(等)?(\d+|[一二两三四五六七八九十]+)个(\p{Han}{0,6}?)(部门|机构|单位|科室|处室|股室|站所)`)

// listVerbs end the words before a list's first item: 北京市地震局下辖办公室、….
var listVerbs = []string{"下辖", "下设", "设有", "设置", "共有", "包括", "分别为", "分别是", "有", "设", "为"}

// closedLists returns the offices and the units of the lists in the composition section
// that are closed by as many items as their count says, and say what they are: offices
// (部门, 机构, 科室) or units (单位, 事业机构).
func closedLists(d *Doc, inComposition func(*Doc, int) bool) (depts, subs []Fact) {
	keep := func(l string) bool { return strings.Contains(l, "个") && strings.Contains(l, "、") }
	for _, m := range linesMatching(d.Match, listClosing, keep) {
		if d.poll.Done() {
			return nil, nil // canceled: Extract returns the context's error
		}
		count, ok := smallCount(d.Match[m[4]:m[5]])
		if !ok || count < 2 {
			continue
		}
		end := m[0]
		start := end
		for n := 0; start > 0 && n < 200; n++ {
			r, w := utf8.DecodeLastRuneInString(d.Match[:start])
			if strings.ContainsRune("，,。；;：:\n", r) {
				break
			}
			start -= w
		}
		first := d.Match[start:end]
		if i := strings.Index(first, "、"); i >= 0 {
			first = first[:i]
		} else {
			continue
		}
		for _, v := range listVerbs {
			if i := strings.LastIndex(first, v); i >= 0 {
				start += i + len(v)
				first = first[i+len(v):]
			}
		}
		if !inComposition(d, start) {
			continue
		}
		kind := d.Match[m[6]:m[9]]
		units := strings.Contains(kind, "事业") || strings.HasSuffix(kind, "单位") || strings.HasSuffix(kind, "站所")
		shape := matcher(innerName)
		if units {
			shape = unitName
		}
		items := listItems(d.Match, start, end, shape)
		if len(items) != count || len(splitList(d.Match, start, end, "、")) != count {
			continue // not every item a name of the kind, or not the list the count closes
		}
		for _, it := range items {
			f := Fact{Key: "org.department", Type: String, Text: d.Match[it[0]:it[1]], Start: it[0], End: it[1], Rule: "closed list"}
			if units {
				f.Key = "org.subordinate"
				subs = append(subs, f)
			} else {
				depts = append(depts, f)
			}
		}
	}
	return depts, subs
}

// numberedItem is one item of a list numbered on a single line: （1）党政办公室；.
var numberedItem = regexp.MustCompile(`[（(]\d{1,2}[)）]([^；;。，,（()）\n]{2,30}(?:[（(][^（()）\n]{1,30}[)）])?)`)

// numberedRuns returns the offices and units of lists numbered on one line
// ((1)党政办公室;(2)党群工作办公室;…) in the composition section: units when the line
// before says 事业 or 单位.
func numberedRuns(d *Doc, inComposition func(*Doc, int) bool) (depts, subs []Fact) {
	keep := func(l string) bool {
		return (strings.HasPrefix(l, "(1)") || strings.HasPrefix(l, "（1）")) && (strings.Contains(l, "(2)") || strings.Contains(l, "（2）"))
	}
	lineOf := -1
	var items [][]int
	flush := func() {
		if len(items) < 2 || !inComposition(d, items[0][0]) {
			items = nil
			return
		}
		prevStart := strings.LastIndexByte(d.Match[:max(0, items[0][0]-1)], '\n') + 1
		before := d.Match[prevStart:max(prevStart, items[0][0]-1)]
		units := strings.Contains(before, "事业") || strings.Contains(before, "单位") || strings.Contains(before, "站所")
		shape := matcher(innerName)
		if units {
			shape = unitName
		}
		for _, m := range items {
			for _, it := range listItems(d.Match, m[2], m[3], shape) {
				f := Fact{Key: "org.department", Type: String, Text: d.Match[it[0]:it[1]], Start: it[0], End: it[1], Rule: "numbered"}
				if units {
					f.Key = "org.subordinate"
					subs = append(subs, f)
				} else {
					depts = append(depts, f)
				}
			}
		}
		items = nil
	}
	for _, m := range linesMatching(d.Match, numberedItem, keep) {
		if d.poll.Done() {
			return nil, nil // canceled: Extract returns the context's error
		}
		line := strings.LastIndexByte(d.Match[:m[0]], '\n')
		if line != lineOf {
			flush()
			lineOf = line
		}
		items = append(items, m)
	}
	flush()
	return depts, subs
}

// notNames reports whether the list text[begin:end] after its introduction
// text[intro:begin] counts things rather than names offices: its items carry counts of
// their own (设有4个有人值守台站、265个无人值守强震台), or one item stands for many
// (下设三个年级组).
func notNames(text string, intro, begin, end, items int) bool {
	parts := splitList(text, begin, end, "、，,")
	for _, p := range parts[min(1, len(parts)):] {
		if startsCount(text[p[0]:p[1]]) {
			return true
		}
	}
	if items == 1 {
		if m := countIn.FindStringSubmatch(text[intro:begin]); m != nil {
			if n, ok := smallCount(m[1]); ok && n > 1 {
				return true
			}
		}
	}
	return false
}

// countIn is a count in a list's introduction: 下设三个.
var countIn = regexp.MustCompile(`(\d+|[一二两三四五六七八九十]+)(?:个|家)`)

// unitsBefore reports whether the clause before off speaks of subordinate units.
func unitsBefore(text string, off int) bool {
	lo := max(0, off-90)
	for lo < off && !utf8.RuneStart(text[lo]) {
		lo++
	}
	clause := text[lo:off]
	if i := listClauseEnds.LastIndex(clause); i >= 0 {
		clause = clause[i:]
	}
	return subordinateMark.MatchString(clause)
}

// countedUnitsAfter is a count of units that closes a list: 某某大队一个下属单位.
var countedUnitsAfter = regexp.MustCompile(`^(?:共|计)?(?:\d+|[一二两三四五六七八九十]+)(?:个|家)(?:下属|所属|二级)?(?:预算)?(?:事业)?单位`)

// countedList is an introduction that counts its list: 设置1个综合办事机构：.
var countedList = regexp.MustCompile(`(?:\d+|[一二两三四五六七八九十]+)个`)

// notSelf drops the names that are the document's body itself or begin as a clause does
// (根据不同的学科 of a duty): a body is no office or unit of its own.
func notSelf(d *Doc, fs []Fact) []Fact {
	self := d.Header.Unit
	out := fs[:0]
	for _, f := range fs {
		name := d.Match[f.Start:f.End]
		if self != "" && (name == self || strings.HasSuffix(self, name) && utf8.RuneCountInString(name) >= 6) || clauseLead.MatchString(name) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// clauseLead begins a clause, never a name.
var clauseLead = regexp.MustCompile(`^(?:根据|按照|依据|依照|通过|采用|为了|对于|关于|经过)`)

// maxCommaList bounds, in bytes, a list of offices parted by commas alone: the rest of a
// sentence is read once for each list, so it must not be the rest of a long line.
const maxCommaList = 600

// realOffices drops the names that are a kind of office rather than an office: what
// ends in 科室, 处室 or 股室 after a kind's word (设职能处室5个, 医技科室, 行政后勤科室),
// not an office's own (教科室).
func realOffices(depts []Fact) []Fact {
	out := depts[:0]
	for _, f := range depts {
		kind := strings.HasSuffix(f.Text, "科室") || strings.HasSuffix(f.Text, "处室") || strings.HasSuffix(f.Text, "股室")
		if !kind || utf8.RuneCountInString(f.Text) == 3 { // 教科室 is an office; 处室, 医技科室 are kinds
			out = append(out, f)
		}
	}
	return out
}

// bracketUnit names units in brackets after their count: 1个事业单位（即县科技馆）, 下属事业单位2个（即A、B）.
var bracketUnit = regexp.MustCompile(`事业单位(?:\d+个|[一二两三四五六七八九十]+个)?[（(](?:即|为|系|包括|分别为|分别是)?([\p{Han}、和及]{2,120})[)）]`)

// splitParen splits 巫溪县科技馆（属于科协下属事业单位） into the name and the bracket's text.
func splitParen(s string) (name, paren string) {
	i := openParens.Index(s)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// splitList returns the items of the list text[start:end] separated by the runes of seps
// outside brackets: 公共事业管理科（燃气管理办公室、供暖管理办公室） is one item.
func splitList(text string, start, end int, seps string) [][2]int {
	var out [][2]int
	i := start
	depth := 0
	for j := start; j <= end; {
		r, w := rune(0), 0
		if j < end {
			r, w = utf8.DecodeRuneInString(text[j:])
		}
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth = max(0, depth-1)
		}
		if j == end || depth == 0 && strings.ContainsRune(seps, r) {
			if j > i {
				out = append(out, [2]int{i, j})
			}
			if j == end {
				break
			}
			i = j + w
		}
		j += w
	}
	return out
}

// fullNames keeps, of the units named, each once and by its fullest name: 县科技馆 is
// dropped when 巫溪县科技馆 is named too.
//
// Names are short (unitName's shape), so every suffix of every name is noted with the
// length of the longest name that ends with it, rather than every name compared with
// every other.
func fullNames(subs []Fact) []Fact {
	longest := map[string]int{} // a suffix of a name → the length of the longest name ending with it
	for _, t := range subs {
		for i := range len(t.Text) + 1 {
			longest[t.Text[i:]] = max(longest[t.Text[i:]], len(t.Text))
		}
	}
	out := subs[:0]
	for _, s := range subs {
		if longest[s.Text] > len(s.Text) || longest[strings.TrimLeft(s.Text, "县市区镇")] > len(s.Text) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// rankWords begin a rank, not a name: 下设一级局.
var rankWords = regexp.MustCompile(`^(?:[一二三四五六七八九十]|正|副)(?:级|类|科级|处级)`)

// realUnits drops names that are a rank or a kind of unit rather than a unit.
func realUnits(subs []Fact) []Fact {
	out := subs[:0]
	for _, s := range subs {
		if !rankWords.MatchString(s.Text) {
			out = append(out, s)
		}
	}
	return out
}

// introducesUnits reports whether the list item at off follows, past the items before
// it, a line that announces subordinate units (…以及下属5家预算单位…，具体包括：).
// The answer for each item line is kept in memo (by the line's start), so that the
// items of a long list each look back one line, not over all the items before them.
func introducesUnits(d *Doc, off int, memo map[int]bool) bool {
	first := strings.LastIndexByte(d.Match[:off], '\n') + 1 // the start of the item's line
	var passed []int                                        // item lines walked over, to remember
	result := false
	for end := first; end > 0; {
		if v, ok := memo[end]; ok {
			result = v
			break
		}
		passed = append(passed, end)
		start := strings.LastIndexByte(d.Match[:end-1], '\n') + 1
		line := strings.TrimSpace(d.Match[start : end-1])
		if line == "" || listMark.MatchString(line) {
			end = start
			continue
		}
		result = (strings.HasSuffix(line, "：") || strings.HasSuffix(line, ":")) &&
			(strings.Contains(line, "下属") || strings.Contains(line, "所属") || strings.Contains(line, "预算单位") || strings.Contains(line, "二级单位"))
		break
	}
	for _, p := range passed {
		memo[p] = result
	}
	return result
}

// subordinateHeading titles a section about subordinate units: 下属事业单位情况.
var subordinateHeading = words{"下属", "所属", "直属", "二级预算单位"}

// subordinateHeadingRe matches what subordinateHeading does, for titleMatches.
var subordinateHeadingRe = wordsRe(subordinateHeading...)

// underSubordinates reports whether off lies under a heading about subordinate units.
func underSubordinates(d *Doc, off int) bool {
	for _, h := range d.Outline.At(off) {
		if h.Start < off && d.titleMatches(h.Start, h.Title, subordinateHeadingRe) {
			return true
		}
	}
	return false
}

// itemTail ends a list's last item: a count of the list, or a bracketed gloss.
var itemTail = regexp.MustCompile(`(?:(?:共|计|共计)?(?:\d+|[一二两三四五六七八九十]+)(?:个|家|所)(?:\p{Han}{0,6})|[（(][^（()）]{1,12}[)）]|等\p{Han}{0,8}|组成|构成)$`)

// listStart is what may stand between a list's introduction and its first item.
var listStart = regexp.MustCompile(`^(?:[^，,。；;：:\n]{0,12}?(?:[：:]|——|[，,](?:分别(?:是|为|有)|包括|主要有|即)[：:]?)|[^，,。；;：:\n（(]{0,12}?(?:\d+|[一二两三四五六七八九十]+)(?:个|家)(?:[：:]|——|[（(]))`)

// listLead may begin a list's first item: 分别为办公室、…
var listLead = regexp.MustCompile(`^(?:分别为|分别是|分别有|包括|主要有|有|即|为|是)[：:]?`)

// listItems returns the items of the list text[start:end] that are names of the kind
// re matches. Items are separated by 、 and commas; an item joined with 和, 及 or 与 is
// taken apart when every part is such a name, else kept whole (资环能源和安全科 is one
// office), and a part naming the body itself (…(本级)) is dropped.
func listItems(text string, start, end int, re matcher) [][2]int {
	var out [][2]int
	for _, it := range splitList(text, start, end, "、，,") {
		item := text[it[0]:it[1]]
		if i := colons.LastIndex(item); i >= 0 {
			// 2个所属二级预算单位：A — the list proper begins after the colon
			it[0] += i + len(runeAt(item, i))
			item = item[i+len(runeAt(item, i)):]
		}
		if l := listLead.FindString(item); l != "" {
			it[0] += len(l)
			item = item[len(l):]
		}
		if t := strings.TrimSuffix(item, "等"); t != item {
			it[1] -= len("等")
			item = t
		}
		// A second name in brackets is part of the name (人事处（机关党委）); a note
		// in brackets is not (经济发展办公室（挂统计办公室牌子）).
		alias := 0 // the length of a bracketed second name that ends the item
		if b, ok := trailingBracket(item); ok {
			if isAlias(item[b:]) {
				alias = len(item) - b
			}
			it[1] -= len(item) - b
			item = item[:b]
		}
		// A closing count, gloss or verb: …中心两个事业单位, …中心（事业单位）组成.
		dropped := false
		for k := 0; k < 2; k++ {
			if m := itemTail.FindStringIndex(item); m != nil && m[0] > 0 {
				if strings.Contains(item[m[0]:], "本级") {
					dropped = true
					break
				}
				it[1] -= len(item) - m[0]
				item = item[:m[0]]
			}
		}
		if dropped {
			continue
		}
		// The parts joined with 和, 及 or 与: a part that is no name goes on into the
		// next (招商和企业服务中心), and a bracket may end a part as it ends an item.
		var parts [][2]int
		from := -1 // the start of a part that is no name on its own
		for _, p := range splitList(text, it[0], it[1], "和及与") {
			if from >= 0 {
				p[0] = from
			}
			name, end := text[p[0]:p[1]], p[1]
			if b, ok := trailingBracket(name); ok {
				if !isAlias(name[b:]) {
					end = p[0] + b
				}
				name = name[:b]
			}
			switch {
			case strings.Contains(name, "本级"):
				from = -1
			case re.MatchString(name):
				parts = append(parts, [2]int{p[0], end})
				from = -1
			default:
				from = p[0]
			}
		}
		ok := from < 0
		switch {
		case alias > 0 && re.MatchString(item):
			out = append(out, [2]int{it[0], it[1] + alias})
		case ok && len(parts) > 0:
			out = append(out, parts...)
		case re.MatchString(item):
			out = append(out, it)
		}
	}
	return out
}

// trailingBracket returns where the bracket that ends item opens, when item ends with
// one and a name stands before it.
func trailingBracket(item string) (int, bool) {
	r, w := utf8.DecodeLastRuneInString(item)
	if r != '）' && r != ')' {
		return 0, false
	}
	depth := 0
	for i := len(item) - w; i > 0; {
		r, n := utf8.DecodeLastRuneInString(item[:i])
		i -= n
		switch r {
		case '）', ')':
			depth++
		case '（', '(':
			if depth == 0 {
				return i, i > 0
			}
			depth--
		}
	}
	return 0, false
}

// aliasNotes begin a bracket that notes something of a name rather than giving its
// second name: 挂…牌子, 含…, 即…, 本级.
var aliasNotes = []string{"挂", "加挂", "含", "即", "简称", "以下", "本级", "本部", "参公", "参照", "属", "系", "为", "不含", "包括"}

// isAlias reports whether the bracket b (with its brackets) gives a second name of what
// it follows: one or more names of offices or units, 、-separated, and nothing else.
func isAlias(b string) bool {
	if numberedBracket(b) {
		return true // 警务保障部(一): the number tells one unit from its like
	}
	_, w := utf8.DecodeRuneInString(b)
	_, lw := utf8.DecodeLastRuneInString(b)
	in := b[w : len(b)-lw]
	for _, n := range aliasNotes {
		if strings.HasPrefix(in, n) {
			return false
		}
	}
	if strings.Contains(in, "牌子") {
		return false
	}
	for _, part := range strings.Split(in, "、") {
		if !innerName.MatchString(part) && !unitName.MatchString(part) {
			return false
		}
	}
	return in != ""
}

// numberedBracket reports whether the bracket b holds a number only: (一), （2）.
func numberedBracket(b string) bool {
	_, w := utf8.DecodeRuneInString(b)
	_, lw := utf8.DecodeLastRuneInString(b)
	in := b[w : len(b)-lw]
	return in != "" && strings.Trim(in, "0123456789一二三四五六七八九十") == ""
}

// linesMatching returns re's submatch indexes in text, in text's offsets, running re
// only on the lines that pass keep; re must not match across a line break.
func linesMatching(text string, re *regexp.Regexp, keep func(string) bool) [][]int {
	var out [][]int
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if line := text[start:end]; keep(line) {
			for _, m := range re.FindAllStringSubmatchIndex(line, -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += start
					}
				}
				out = append(out, m)
			}
		}
		start = end + 1
	}
	return out
}

// dutyless returns an item's title without the duties that follow its name: 院办公室，负责….
func dutyless(title string) string {
	head := title[:min(len(title), 3*(12+22)+1)]
	i := nameEnds.Index(head)
	if i <= 0 {
		return title
	}
	rest := strings.TrimPrefix(title[i+len(runeAt(title, i)):], "主要")
	for _, v := range dutyVerbs {
		if strings.HasPrefix(rest, v) {
			return title[:i]
		}
	}
	return title
}

// dutyVerbs begin an office's duties.
var dutyVerbs = []string{"负责", "承担", "主管", "协助", "组织", "统筹"}

// hasDuty reports whether a line can match officeDuty: a colon near its start (after a
// name of at most 12 characters and a short bracket) and a duty verb right after it.
func hasDuty(l string) bool {
	head := l[:min(len(l), 3*(12+22)+1)]
	i := colons.Index(head)
	if i < 0 {
		return false
	}
	rest := l[i+len(runeAt(l, i)):]
	rest = strings.TrimPrefix(rest, "主要")
	for _, v := range dutyVerbs {
		if strings.HasPrefix(rest, v) {
			return true
		}
	}
	return false
}

// listIntros returns listIntro's submatch indexes in text. The regexp begins with an
// alternation, which Go's regexp cannot skip ahead with, so it runs only on a short window
// around each word that can introduce a list: 下属, 所属, 分别, and a 设 that is no part of
// 建设, 设施, 设置 and their like (most 设 in these texts are 建设).
func listIntros(text string) [][]int {
	var out [][]int
	last := -1 // start of the last match, to keep each once
	for _, word := range []string{"设", "属", "分别", "即", "科室", "处室", "股室", "包括"} {
		for i := 0; ; {
			j := strings.Index(text[i:], word)
			if j < 0 {
				break
			}
			j += i
			i = j + len(word)
			before, _ := utf8.DecodeLastRuneInString(text[:j])
			after, _ := utf8.DecodeRuneInString(text[i:])
			switch word {
			case "设":
				if strings.ContainsRune("建开增假预铺架敷属、", before) || strings.ContainsRune("施计立定备想法", after) ||
					after == '置' && !startsCount(text[i+len("置"):]) && !countClosed(text[i+len("置"):]) { // 设置 of 机构设置; 设置4个内设机构 lists
					continue
				}
			case "科室", "处室", "股室": // 医技科室8个：…
				if !startsCount(text[i:]) && !namesAfter(text[i:]) {
					continue
				}
			case "属":
				if before != '下' && before != '所' && before != '附' {
					continue
				}
			}
			// back far enough for the words before the keyword that the regexp reads
			// (内设, 下属; 事业单位2个，分别), and no further, so the leftmost match is this one
			back := 3
			if word == "分别" || word == "即" {
				back = 36
			}
			lo, hi := window(text, j, back, 72)
			m := listIntro.FindStringSubmatchIndex(text[lo:hi])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			if m[0] > j || m[1] < j || m[0] == last {
				continue // a match elsewhere in the window is found from its own word
			}
			last = m[0]
			out = append(out, m)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// closingCount ends a list with its count and kind: …、财政所5个党政内设机构.
var closingCount = regexp.MustCompile(`^(?:\d+|[一二两三四五六七八九十]+)个\p{Han}{0,6}?(?:机构|单位|科室|股室|处室|部门)`)

// countClosedList is a list of two or more items closed by its count.
var countClosedList = regexp.MustCompile(`^\p{Han}{1,24}、[\p{Han}、]{1,200}?(?:\d+|[一二两三四五六七八九十]+)个\p{Han}{0,6}?(?:机构|单位|科室|股室|处室|部门)`)

// countClosed reports whether s begins a list of two or more items closed by its count
// within its clause: 党政办公室、…、财政所5个党政内设机构.
func countClosed(s string) bool {
	s = s[:min(len(s), 400)]
	if end := listClauseEnds.Index(s); end >= 0 {
		s = s[:end]
	}
	return countClosedList.MatchString(s)
}

// namesAfter reports whether s begins with a verb that names what a kind of office holds:
// (临床科室)有内科、外科.
func namesAfter(s string) bool {
	s = strings.TrimPrefix(s, "主要")
	return strings.HasPrefix(s, "有") || strings.HasPrefix(s, "设有") || strings.HasPrefix(s, "包括")
}

// startsCount reports whether s begins with a count of things: 4个, 十二个.
func startsCount(s string) bool {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !('0' <= r && r <= '9') && !strings.ContainsRune("一二两三四五六七八九十", r) {
			break
		}
		i += w
	}
	return i > 0 && strings.HasPrefix(s[i:], "个")
}

// window returns the bounds of the text around off, back at most before bytes and on at
// most after bytes, within off's line and on rune boundaries.
func window(text string, off, before, after int) (int, int) {
	lo := max(0, off-before)
	if nl := strings.LastIndexByte(text[lo:off], '\n'); nl >= 0 {
		lo += nl + 1
	}
	for lo < off && !utf8.RuneStart(text[lo]) {
		lo++
	}
	hi := min(off+after, len(text))
	if nl := strings.IndexByte(text[off:hi], '\n'); nl >= 0 {
		hi = off + nl
	}
	for hi < len(text) && hi > off && !utf8.RuneStart(text[hi]) {
		hi--
	}
	return lo, hi
}
