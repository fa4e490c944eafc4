package facts

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/internal/runeset"
	"github.com/cnbudget/cnbudget/extract/terms"
)

// Header is what a document's title line states: kind, scope, year and the publishing
// body. Offsets are byte offsets in the text; a zero End means not stated.
type Header struct {
	Kind, Scope            string // "budget"/"final_accounts", "department"/"unit"
	KindStart, KindEnd     int
	ScopeStart, ScopeEnd   int
	Year                   int
	YearStart, YearEnd     int
	Unit                   string
	UnitStart, UnitEnd     int
	Region                 string
	RegionStart, RegionEnd int
}

// Title patterns: the unit before the year (巫溪县科学技术协会2023年部门预算情况说明) or
// after it (2021年湛江市人民政府行政服务中心部门决算).
var (
	titleUnitFirst = regexp.MustCompile(`^(?:关于)?(\p{Han}[\p{Han}（）()“”]{1,48}?)\s?((?:19|20)\d{2})\s?(?:年度?(?:[省市区县州旗乡镇]级)?)?(部门|单位)?(?:本级)?(?:收支)?(预算|决算)`)
	titleYearFirst = regexp.MustCompile(`^(?:关于)?((?:19|20)\d{2})\s?年度?(\p{Han}[\p{Han}（）()“”]{1,48}?)(?:(部门|单位)|[（(]本级[)）])(?:本级)?(?:收支)?(预算|决算)`)
	titleNoUnit    = regexp.MustCompile(`^((?:19|20)\d{2})\s?年度?(部门|单位)?(?:本级)?(?:收支)?(预算|决算)`)
	unitLine       = regexp.MustCompile(`^\p{Han}[\p{Han}（）()]{1,39}$`)
	yearAnywhere   = regexp.MustCompile(`((?:19|20)\d{2})\s?年度?(?:部门|单位)(?:收支)?(预算|决算)`)
	// titleLoose is a title that names something between the year and 预算 or 决算:
	// 某某县司法局2022年“三公”经费预算情况.
	titleLoose = regexp.MustCompile(`^(?:关于)?(\p{Han}[\p{Han}（）()]{1,30}?)\s?((?:19|20)\d{2})\s?年度?(?:一般公共预算)?[\p{Han}“”"]{0,12}?(预算|决算)`)
	// notUnit is a title's part that is no body's name: 第二部分, 目录, a portal's
	// 校务公开, a table's 项目.
	notUnit       = regexp.MustCompile(`^第\p{Han}{1,3}(?:部分|章|节)|^(?:部分|章|节|项目|科目|名称|[省市县区州]级)$|目录|情况说明|公开$`)
	trailingAlias = regexp.MustCompile(`[（(][^（()）]*[)）]$`)
)

// findHeader reads the title: the first short line that names a year and 预算 or 决算,
// or such a line with the line before it when the title is broken in two
// (梧州市统计局 / 2018年部门决算公开信息, 2022年度内蒙古自治区某某局 / 部门决算公开).
//
// words, when not nil, cuts names into words (see regionReader and clauseSpeaker).
func findHeader(text string, words terms.Segmenter) Header {
	regionOf := regionReader(words)
	h := findTitle(text)
	if h.Unit == "" {
		if i, j := partUnit(text); i >= 0 {
			h.setUnit(text, i, j)
		}
	}
	// A full document names its body on a line of its own: it is the full name when the
	// title gives none, or only its beginning (上海市普陀区2023年区级部门预算).
	if i, j := labelledUnit(text); i >= 0 && (h.Unit == "" || strings.HasPrefix(text[i:j], h.Unit) && j-i > len(h.Unit)) {
		h.setUnit(text, i, j)
	}
	// A document that never repeats its title names itself in its first sentences
	// (某某县工商联属一级预算单位, 某某中心（以下简称“本部门”）为…), and gives there the
	// full name of a body its title names without its region (沐溪初级中学 of 某某县沐溪初级中学).
	i, j := speakerUnit(text, regionOf)
	if i < 0 && h.Unit == "" && words != nil {
		i, j = clauseSpeaker(text, words)
	}
	if i >= 0 && (h.Unit == "" ||
		regionOf(h.Unit) == "" && j-i > len(h.Unit) && strings.HasSuffix(text[i:j], h.Unit) && regionOf(text[i:j]) != "") {
		h.setUnit(text, i, j)
	}
	if h.Unit == "" {
		// the body at the head of its budget units: …主要包括某某委员会（本级）、某某中心
		if i, j := levelItem(text); i >= 0 {
			h.setUnit(text, i, j)
		}
	}
	if h.ScopeEnd == 0 {
		// a title that does not say 部门 or 单位 leaves it to the contents and the part
		// headings: 第二部分 2024年度部门决算表
		h.bodyScope(text)
	}
	if h.Unit != "" && regionOf(h.Unit) == "" {
		// 双桥集镇人民政府 of the title is 安徽省怀远县双桥集镇人民政府 in the text
		if i, j := regionalName(text, h.Unit, regionOf); i >= 0 {
			h.setUnit(text, i, j)
		}
	}
	if r := regionOf(h.Unit); r != "" {
		k := strings.Index(h.Unit, r)
		h.Region, h.RegionStart, h.RegionEnd = r, h.UnitStart+k, h.UnitStart+k+len(r)
	}
	return h
}

// speakerReach bounds, in bytes, the part of a document where its body introduces
// itself: the contents and the first section of a full document.
const speakerReach = 6000

// speakerRe is a sentence that begins with a body's name and says what the body is or
// does: 某某医院属于财政差额补助事业单位, 某某镇人民政府内设21个职能处室, 某某检察院（本级）的主要职责是.
var speakerRe = regexp.MustCompile(`^\s*` + bodyName + `(?:机关)?(?:` + speakerVerbsRe + `|属|共设|设有|隶属|本级(?:\d+|[一二三四五六七八九十])个|[，,](?:为|是|系)|人员编制|核定编制)`)

// bodyName is the name of a body that introduces itself, in a regexp's group 1, and the
// note in brackets that may follow it: 某某中心（以下简称“本部门”）, 某某检察院（本级）.
const bodyName = `((?:中共)?\p{Han}{2,30}?(?:局|委员会|委|院|会|办公室|研究室|厅|中心|所|站|馆|学校|小学|中学|大学|幼儿园|医院|人民政府|政府|办事处|队|社|联|场|台|处|协会|联合会))(?:[（(](?:本级|以下简称[^)）]{0,12})[)）])?`

// speakerVerbsRe are what a body that introduces itself says right after its name.
const speakerVerbsRe = `是|为|属于|系|主要职能|主要职责|的主要职责|内设|下设|隶属于`

// leading returns the first n bytes of text at most, cut where a character begins.
func leading(text string, n int) string {
	if n >= len(text) {
		return text
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// speakerWindow bounds, in bytes, what speakerRe reads from a sentence's start: a name of
// up to 32 characters, a bracket and a verb.
const speakerWindow = 160

// sentenceStart returns the offset of the sentence after the one at at: past the next
// 。；;：: or line break, or len(s).
func sentenceStart(s string, at int) int {
	i := speakerStops.Index(s[at:])
	if i < 0 {
		return len(s)
	}
	_, w := utf8.DecodeRuneInString(s[at+i:])
	return at + i + w
}

// speakerVerbs are the words a body that introduces itself says right after its name.
var speakerVerbs = []string{"是", "为", "属", "系", "主要职", "内设", "下设", "共设", "设有", "本级", "编制"}

// speakerVerb reports whether the run of Han characters (and brackets) that begins s
// holds a verb speakerRe needs: most sentences are passed over without the regexp.
func speakerVerb(s string) bool {
	s = strings.TrimLeft(s, " \t")
	end := 0
	for i, r := range s {
		if !(r >= 0x4e00 && r <= 0x9fff) && !strings.ContainsRune("（）()“”", r) {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	run := s[:end]
	if rest := s[end:]; strings.HasPrefix(rest, "，") || strings.HasPrefix(rest, ",") {
		return true // 某某办公室，为全额拨款事业单位: speakerRe tells
	}
	for _, v := range speakerVerbs {
		if strings.Contains(run, v) {
			return true
		}
	}
	return false
}

// speakerStops end the sentences speakerUnit tries.
var speakerStops = runeset.New("。；;：:\n")

// levelItem returns the byte offsets of the first body named with 本级 in brackets in the
// first part of text (…包括某某委员会（本级）、某某中心: the body's own budget among its
// units), or -1, -1.
func levelItem(text string) (int, int) {
	head := leading(text, speakerReach)
	for at := 0; ; {
		k := strings.Index(head[at:], "本级")
		if k < 0 {
			return -1, -1
		}
		k += at
		at = k + len("本级")
		open, w := utf8.DecodeLastRuneInString(head[:k])
		if open != '（' && open != '(' {
			continue
		}
		end := k - w
		start := end
		for n := 0; start > 0 && n < 30; n++ {
			r, size := utf8.DecodeLastRuneInString(head[:start])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			start -= size
		}
		name := head[start:end]
		for _, lead := range []string{"包括", "分别为", "分别是", "为", "是"} {
			if i := strings.LastIndex(name, lead); i >= 0 {
				name = name[i+len(lead):]
			}
		}
		start = end - len(name)
		if bodyNameRe.MatchString(name) && utf8.RuneCountInString(name) >= 4 {
			return start, end
		}
	}
}

// bodyNameRe is a body's name and nothing else.
var bodyNameRe = regexp.MustCompile(`^` + bodyName + `$`)

// speakerUnit returns the byte offsets of the body that introduces itself in the first
// sentences of text, or -1, -1.
func speakerUnit(text string, regionOf func(string) string) (int, int) {
	head := leading(text, speakerReach)
	// The first body that introduces itself, by its fullest name: a later sentence may
	// name it with its region (河西务镇人民政府隶属于… then 天津市武清区河西务镇人民政府内设…).
	// The regexp is anchored and tried at each sentence's start on the next 40-odd
	// characters: run over the whole part it costs a fifth of an extraction.
	bi, bj := -1, -1
	found := 0
	for at := 0; at < len(head) && found < 8; {
		next := sentenceStart(head, at)
		var m []int
		if speakerVerb(head[at:min(len(head), at+speakerWindow)]) {
			m = speakerRe.FindStringSubmatchIndex(head[at:min(len(head), at+speakerWindow)])
		}
		if m == nil {
			at = next
			continue
		}
		found++
		for k := range m {
			m[k] += at
		}
		at = next
		name := head[m[2]:m[3]]
		if strings.HasSuffix(name, "所") && strings.HasPrefix(head[m[3]:], "属") {
			continue // 某某公司所属…: 所属 is no body's name
		}
		if before := head[max(0, m[2]-120):m[2]]; strings.Contains(before, "下属事业单位") || strings.Contains(before, "下属单位") ||
			strings.Contains(before, "所属事业单位") || strings.Contains(before, "所属单位") {
			continue // a subordinate unit that introduces itself under 下属事业单位情况
		}
		switch {
		case bi < 0:
			bi, bj = m[2], m[3]
		case strings.HasSuffix(name, head[bi:bj]) && len(name) > bj-bi && regionOf(name) != "":
			bi, bj = m[2], m[3]
		}
	}
	return bi, bj
}

// scopeRe is a document's scope with its kind: 部门决算, 单位预算表.
// It stands after a year or at the head of a heading, and names a document or its part.
var scopeRe = regexp.MustCompile(`(?:(?:19|20)\d{2}\s?年度?\s*|(?:^|\n)\s*(?:第[一二三四五六七八九十]+部分\s*|[一二三四五六七八九十]+[、.．]\s*)?)(部门|单位)(?:收支)?(预算|决算)(?:表|报表|情况|说明|公开|单位构成|编制|草案)`)

// bodyScope sets h's scope from the first 部门预算 or 单位决算 of the first part of text
// that names h's kind (when h has one).
func (h *Header) bodyScope(text string) {
	head := leading(text, speakerReach)
	for _, m := range scopeRe.FindAllStringSubmatchIndex(head, 32) {
		kind := "budget"
		if head[m[4]:m[5]] == "决算" {
			kind = "final_accounts"
		}
		if h.Kind != "" && kind != h.Kind {
			continue
		}
		h.setScope(text, m[2], m[3])
		return
	}
}

// regionalName returns the byte offsets of the first place in the first part of text
// where unit, named without its region, is named with it: the divisions, and nothing
// else, right before it. It returns -1, -1 when there is none.
func regionalName(text, unit string, regionOf func(string) string) (int, int) {
	head := leading(text, speakerReach)
	for off := 0; ; {
		k := strings.Index(head[off:], unit)
		if k < 0 {
			return -1, -1
		}
		k += off
		off = k + len(unit)
		// the run of Han characters before, at most 20 of them
		start, n := k, 0
		for start > 0 && n < 20 {
			r, w := utf8.DecodeLastRuneInString(head[:start])
			if r < 0x4e00 || r > 0x9fff {
				break
			}
			start -= w
			n++
		}
		for i := start; i < k; {
			if r := regionOf(head[i : k+len(unit)]); r != "" && i+len(r) == k {
				return i, k + len(unit)
			}
			_, w := utf8.DecodeRuneInString(head[i:])
			i += w
		}
	}
}

// clauseSpeakerRe is a clause that begins with a body's name and says what the body does,
// after a clause of something else: 根据《某某办事处职能配置…规定》，某某办事处主要履行以下职责.
var clauseSpeakerRe = regexp.MustCompile(`[，,]\s*` + bodyName + `(?:` + speakerVerbsRe + `|主要履行)`)

// clauseSpeaker returns the byte offsets of a body that introduces itself in a clause
// of the first sentences, or -1, -1. Where a clause begins is no sign a name begins, so
// the name must begin with an administrative division the dictionary knows, as the full
// name of a body does (西藏自治区人民政府驻上海办事处); words tells.
func clauseSpeaker(text string, words terms.Segmenter) (int, int) {
	head := leading(text, speakerReach)
	for _, m := range clauseSpeakerRe.FindAllStringSubmatchIndex(head, 8) {
		name := head[m[2]:m[3]]
		toks := words.Cut(partyless(name))
		if len(toks) > 1 && toks[0].Pos == "ns" && isDivisionWord(toks[0].Text) {
			return m[2], m[3]
		}
	}
	return -1, -1
}

// findTitle reads the title line.
func findTitle(text string) Header {
	var h Header
	prevStart, prevEnd := -1, -1 // the previous non-empty line, trimmed
	for start, n := 0, 0; start < len(text) && n < 200; n++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		t := strings.TrimSpace(line)
		tStart := start + strings.Index(line, t)
		if m := titleLabel.FindStringIndex(t); m != nil { // 名称：X2019年度部门决算公开情况
			t, tStart = t[m[1]:], tStart+m[1]
		}
		// the line as it stands, for the next line's title
		line0, line0Start := t, tStart
		if m := partPrefix.FindStringIndex(t); m != nil && m[1] < len(t) { // 第三部分：X2022年度部门决算情况说明
			t, tStart = t[m[1]:], tStart+m[1]
		}
		if t != "" && strings.Contains(t, "|") && (strings.Contains(t, "预算") || strings.Contains(t, "决算")) {
			// A page's metadata table: 标题 | 某某小学2024年单位预算情况说明 |
			for _, c := range cellSpans(text, tStart, tStart+len(t)) {
				if utf8.RuneCountInString(text[c.start:c.end]) <= 80 && h.title(text, []span{c}) {
					return h
				}
			}
		}
		if t != "" && utf8.RuneCountInString(t) <= 80 && (strings.Contains(t, "预算") || strings.Contains(t, "决算")) && !strings.Contains(t, "。") &&
			!tableHead.MatchString(t) {
			if h.title(text, []span{{tStart, tStart + len(t)}}) {
				return h
			}
			if prevStart >= 0 && utf8.RuneCountInString(text[prevStart:prevEnd]) <= 40 &&
				!strings.Contains(text[prevStart:prevEnd], "预算") && !strings.Contains(text[prevStart:prevEnd], "决算") &&
				h.title(text, []span{{prevStart, prevEnd}, {tStart, tStart + len(t)}}) {
				return h
			}
		}
		if line0 != "" {
			prevStart, prevEnd = line0Start, line0Start+len(line0)
		}
		start = end + 1
	}
	if th, ok := topicTitle(text); ok {
		return th
	}
	// No title line: the first statement of a year's budget or accounts still says
	// which year and which kind the document is.
	if m := yearAnywhere.FindStringSubmatchIndex(text); m != nil {
		h.setYear(text, m[2], m[3])
		h.setKind(text, m[4], m[5])
		return h
	}
	return bodyYear(text)
}

// bodyYearReach bounds, in bytes, where a document with no title first states its year.
const bodyYearReach = 3000

// bodyYearRe is a year the text reports on, and the 预算 or 决算 it reports on in the
// same clause: 2018年龙泉市部门…（“三公”经费）决算总额2771万元, 2023年年初预算数, 本部门2021年度决算.
// A year compared with (较2014年预算, 比上年) is not the document's.
var bodyYearRe = regexp.MustCompile(`(?:^|[^较比与同于至到])((?:19|20)\d{2})\s?年度?([^。；;\n]{0,120}?)(预算|决算)`)

// bodyYear reads the year and kind of a document that has no title from its first
// statement of a year's budget or accounts. The 预算 of 一般公共预算 and its like names
// the money, not the kind, and a 预算执行 report is no budget: the kind is then the next
// 预算 or 决算 of the same clause.
func bodyYear(text string) Header {
	var h Header
	head := leading(text, bodyYearReach)
	for off := 0; off < len(head); {
		m := bodyYearRe.FindStringSubmatchIndex(head[off:])
		if m == nil {
			break
		}
		ys, ye := off+m[2], off+m[3]
		for k := off + m[6]; !strings.HasPrefix(head[k:], "预算执行"); { // a year's execution report: the next year is the budget's
			if !moneyKind(head, k) {
				h.setYear(text, ys, ye)
				if !bothKinds(head, ys) {
					h.setKind(text, k, k+len("预算"))
				}
				return h
			}
			next := lastKind.FindStringIndex(head[k+len("预算"):])
			if next == nil || clauseEnd(head[k:k+len("预算")+next[0]]) {
				break
			}
			k += len("预算") + next[0]
		}
		off = ye
	}
	return h
}

// moneyKind reports whether the 预算 at text[k:] names a kind of money or a report on
// a budget's execution rather than a document's kind: 一般公共预算, 基金预算, 预算执行.
func moneyKind(text string, k int) bool {
	before := text[max(0, k-len("国有资本经营")):k]
	for _, w := range []string{"一般公共", "基金", "资本经营", "年初", "调整", "部门"} {
		if strings.HasSuffix(before, w) {
			return text[k:k+len("预算")] == "预算"
		}
	}
	for _, w := range []string{"预算执行", "预算单位", "预算部门", "预算管理", "预算科目", "预算法"} {
		if strings.HasPrefix(text[k:], w) {
			return true
		}
	}
	return false
}

// bothKinds reports whether the sentence from off states both a budget and an actual
// figure (2019年度“三公”经费支出预算为44.52万元，2019年实际支出决算为22.62万元): which one
// the document is, the sentence does not say.
func bothKinds(text string, off int) bool {
	end := len(text)
	if i := strings.Index(text[off:], "。"); i >= 0 {
		end = off + i
	}
	s := text[off:end]
	for i := 0; i < len(s); {
		k := lastKind.FindStringIndex(s[i:])
		if k == nil {
			return false
		}
		if !moneyKind(text, off+i+k[0]) && s[i+k[0]:i+k[1]] == "预算" && strings.Contains(s, "决算") {
			return true
		}
		i += k[1]
	}
	return false
}

// clauseEnd reports whether s crosses the end of a clause.
func clauseEnd(s string) bool { return strings.ContainsAny(s, "。；;\n") }

// tableHead is a table's head row, which names a year and 预算 for its columns, not the
// document: 项目2016年预算数, 科目 | 2023年决算数.
var tableHead = regexp.MustCompile(`^(?:项目|科目)(?:名称)?\s*(?:\||(?:19|20)\d{2}\s?年)`)

// partPrefix begins a part heading: 第三部分：.
var partPrefix = regexp.MustCompile(`^第[一二三四五六七八九十]+部分\s*[:：]?\s*`)

// titleLabel is the label of a portal's title field: 名称：, 标题：.
var titleLabel = regexp.MustCompile(`^(?:名\s*称|标\s*题|文章标题)\s*[:：]\s*`)

// Titles of a section published alone: the 三公 expenses or the general-budget
// appropriation of one year (天津市某某区人民法院 / 2017年度一般公共预算财政拨款 / “三公”经费决算情况说明,
// 2018年某某市质量技术监督局“三公”经费预算情况说明). The kind is the last 预算 or 决算 of the
// title, since 一般公共预算 names the money, not the document.
var (
	topicUnitFirst = regexp.MustCompile(`^(\p{Han}{2,30}?[局委院会办室厅部心所站馆校学园队处府镇乡道社团联司科宫台场])(?:部门|单位)?\s?((?:19|20)\d{2})\s?年度?`)
	topicYearFirst = regexp.MustCompile(`^((?:19|20)\d{2})\s?年度?(\p{Han}{2,30}?[局委院会办室厅部心所站馆校学园队处府镇乡道社团联司科宫台场])(?:本级|部门|单位)?[“"]?(?:三公|一般公共预算|财政拨款)`)
	// 某某中心财政拨款“三公”经费预算2014年情况如下
	topicKindFirst = regexp.MustCompile(`^(\p{Han}{2,30}?[局委院会办室厅部心所站馆校学园队处府镇乡道社团联司科宫台场])(?:财政拨款)?[“"]?三公[”"]?经费(预算|决算)((?:19|20)\d{2})\s?年`)
	lastKind       = regexp.MustCompile(`(预算|决算)`)
	listMark       = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])`)
	// partTitle is a part heading that names the body: 第一部分 某某县发展和改革局概况.
	partTitle = regexp.MustCompile(`^第[一二三四五六七八九十]+部分\s*[:：]?\s*(\p{Han}{2,30}?[局委院会办室厅部心所站馆校学园队处府镇乡道社团联司科宫台场](?:[（(]\p{Han}{2,30}[)）])?)(?:部门|单位)?(?:基本)?概况`)
)

// topicTitle reads a title of a section published alone, from one to three of the first
// lines joined; a line that goes on as a sentence counts up to its first comma.
func topicTitle(text string) (Header, bool) {
	var lines []span
	var fallback Header // a title that gives only the year and kind
	for start := 0; start < len(text) && len(lines) < 40; {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimSpan(text, start, end)
		switch {
		case s == e:
		case strings.ContainsAny(text[s:e], "，,。；") || utf8.RuneCountInString(text[s:e]) > 50 || listMark.MatchString(text[s:e]):
			lines = append(lines, span{s, s}) // a sentence or a list item breaks a title
		default:
			lines = append(lines, span{s, e})
		}
		start = end + 1
	}
	for i := range lines {
		for n := min(3, len(lines)-i); n >= 1; n-- {
			parts := lines[i : i+n]
			if slices.ContainsFunc(parts, func(p span) bool { return p.start == p.end }) {
				continue
			}
			var b strings.Builder
			for _, p := range parts {
				b.WriteString(text[p.start:p.end])
			}
			s := b.String()
			if !strings.Contains(s, "三公") && !strings.Contains(s, "一般公共预算") || !strings.Contains(s, "算") {
				continue
			}
			if h, ok := topicMatch(text, parts, s); ok {
				return h, true
			}
			if n == 1 && !fallback.found() {
				fallback = yearTopic(text, parts[0])
			}
		}
	}
	return fallback, fallback.found()
}

// yearTopic reads the year and kind of a one-line title about the 三公 expenses of a
// region's bodies together, which names no body (奉新县2023年“三公”经费预算增减变化情况说明,
// 2017年度渝中区一般公共预算财政拨款开支“三公”经费决算情况).
func yearTopic(text string, p span) Header {
	var h Header
	s := text[p.start:p.end]
	m := yearTopicRe.FindStringSubmatchIndex(s)
	if m == nil {
		return h
	}
	t := strings.Index(s[m[3]:], "三公")
	if t < 0 {
		return h
	}
	t += m[3] // the kind follows 三公: the 预算 of 一般公共预算 before it names the money
	h.setYear(text, p.start+m[2], p.start+m[3])
	if ks := lastKind.FindAllStringIndex(s[t:], -1); len(ks) > 0 {
		k := p.start + t + ks[len(ks)-1][0]
		h.setKind(text, k, k+len("预算"))
	}
	return h
}

// yearTopicRe is a title's year, after at most a region's name: 奉新县2023年, 2017年度渝中区.
var yearTopicRe = regexp.MustCompile(`^(?:\p{Han}{1,12}?[省市县区州旗盟])?((?:19|20)\d{2})\s?年度?`)

// found reports whether h states anything.
func (h Header) found() bool { return h.KindEnd > 0 || h.YearEnd > 0 || h.UnitEnd > 0 }

// topicMatch matches the topic patterns against s, parts joined.
func topicMatch(text string, parts []span, s string) (Header, bool) {
	abs := func(i int) int {
		off := 0
		for _, p := range parts {
			if n := p.end - p.start; i < off+n {
				return p.start + i - off
			}
			off += p.end - p.start
		}
		return -1
	}
	var h Header
	var unit, year []int
	kindAt := -1 // the kind's offset in s, when it stands before the year
	if m := topicUnitFirst.FindStringSubmatchIndex(s); m != nil {
		unit, year = m[2:4], m[4:6]
	} else if m := topicYearFirst.FindStringSubmatchIndex(s); m != nil {
		unit, year = m[4:6], m[2:4]
	} else if m := topicKindFirst.FindStringSubmatchIndex(s); m != nil {
		unit, year, kindAt = m[2:4], m[6:8], m[4]
	} else {
		return h, false
	}
	if kindAt < 0 {
		ks := lastKind.FindAllStringIndex(s[year[1]:], -1)
		if len(ks) == 0 {
			return h, false
		}
		kindAt = year[1] + ks[len(ks)-1][0]
	}
	us, ue, ys, ks0 := abs(unit[0]), abs(unit[1]-1), abs(year[0]), abs(kindAt)
	if us < 0 || ue < 0 || ys < 0 || ks0 < 0 || abs(year[1]-1)-ys != year[1]-1-year[0] {
		return h, false // a group crosses two lines
	}
	_, size := utf8.DecodeRuneInString(text[ue:])
	h.setUnit(text, us, ue+size)
	if h.UnitEnd == 0 || abs(unit[1]-1)-us != unit[1]-1-unit[0] {
		return Header{}, false
	}
	h.setYear(text, ys, ys+4)
	h.setKind(text, ks0, ks0+len("预算"))
	// 某某局部门2020年度“三公”经费决算: the word after the body names the scope
	if after := ue + size; strings.HasPrefix(text[after:], "部门") || strings.HasPrefix(text[after:], "单位") {
		h.setScope(text, after, after+len("部门"))
	}
	return h, true
}

// partUnit returns the byte offsets of the body a part heading names (第一部分 某某局概况),
// or -1, -1.
func partUnit(text string) (int, int) {
	for start, n := 0, 0; start < len(text) && n < 80; n++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimSpan(text, start, end)
		if m := partTitle.FindStringSubmatchIndex(text[s:e]); m != nil {
			return s + m[2], s + m[3]
		}
		start = end + 1
	}
	return -1, -1
}

// unitLabels begin the line of a full document that names the body it is for.
var unitLabels = []string{"预算主管部门", "预算单位", "编制部门", "编制单位", "部门名称", "单位名称", "主管部门"}

// labelledUnit returns the byte offsets of the body named on the first line labelled as
// the document's body (预算主管部门：上海市普陀区人民政府万里街道办事处, 编制部门：X | 单位：元),
// or -1, -1.
func labelledUnit(text string) (int, int) {
	for start, n := 0, 0; start < len(text) && n < 400; n++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		for _, l := range unitLabels {
			i := strings.Index(line, l)
			if i < 0 || strings.TrimSpace(line[:i]) != "" && !strings.HasSuffix(strings.TrimSpace(line[:i]), "|") {
				continue
			}
			v := line[i+len(l):]
			v = strings.TrimLeft(v, " ")
			c := strings.TrimPrefix(strings.TrimPrefix(v, "："), ":")
			if c == v {
				continue
			}
			vs := start + (len(line) - len(c))
			ve := vs + len(c)
			if k := strings.IndexByte(c, '|'); k >= 0 {
				ve = vs + k
			}
			for ve > vs && text[ve-1] == ' ' {
				ve--
			}
			if unitLine.MatchString(text[vs:ve]) {
				return vs, ve
			}
		}
		start = end + 1
	}
	return -1, -1
}

// span is a part of the text.
type span struct{ start, end int }

// cellSpans returns the trimmed cells of the table row text[start:end].
func cellSpans(text string, start, end int) []span {
	var out []span
	for cs := start; cs <= end; {
		ce := strings.IndexByte(text[cs:end], '|')
		if ce < 0 {
			ce = end
		} else {
			ce += cs
		}
		s, e := trimSpan(text, cs, ce)
		if s < e {
			out = append(out, span{s, e})
		}
		cs = ce + 1
	}
	return out
}

// title matches the title patterns against the parts joined, and sets h from the first
// that matches with each of its groups inside one part.
func (h *Header) title(text string, parts []span) bool {
	var joined strings.Builder
	for _, p := range parts {
		joined.WriteString(text[p.start:p.end])
	}
	s := joined.String()
	// abs maps a group of s to offsets in text, or ok=false when it crosses parts.
	abs := func(i, j int) (int, int, bool) {
		if i < 0 {
			return -1, -1, true
		}
		off := 0
		for _, p := range parts {
			n := p.end - p.start
			if i >= off && j <= off+n {
				return p.start + i - off, p.start + j - off, true
			}
			off += n
		}
		return 0, 0, false
	}
	try := func(re *regexp.Regexp, unit, year, scope, kind int) bool {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			return false
		}
		var g [4][2]int
		for k, idx := range []int{unit, year, scope, kind} {
			if idx < 0 {
				g[k] = [2]int{-1, -1}
				continue
			}
			a, b, ok := abs(m[2*idx], m[2*idx+1])
			if !ok {
				return false
			}
			g[k] = [2]int{a, b}
		}
		var nh Header
		if unit >= 0 {
			nh.setUnit(text, g[0][0], g[0][1])
		}
		nh.setYear(text, g[1][0], g[1][1])
		nh.setScope(text, g[2][0], g[2][1])
		nh.setKind(text, g[3][0], g[3][1])
		*h = nh
		return true
	}
	if try(titleUnitFirst, 1, 2, 3, 4) || try(titleYearFirst, 2, 1, 3, 4) {
		return true
	}
	// a title about the 三公 expenses or the general budget is read by topicTitle, which
	// takes its kind from its last 预算 or 决算, not from 一般公共预算
	topic := strings.Contains(s, "三公") || strings.Contains(s, "一般公共预算")
	if len(parts) == 1 && !topic && utf8.RuneCountInString(s) <= 40 && try(titleLoose, 1, 2, -1, 3) {
		return true
	}
	// A title whose unit is the whole line before: 梧州市统计局 / 2018年部门决算.
	if len(parts) == 2 && unitLine.MatchString(text[parts[0].start:parts[0].end]) {
		if m := titleNoUnit.FindStringSubmatchIndex(text[parts[1].start:parts[1].end]); m != nil {
			b := parts[1].start
			var nh Header
			nh.setUnit(text, parts[0].start, parts[0].end)
			nh.setYear(text, b+m[2], b+m[3])
			if m[4] >= 0 {
				nh.setScope(text, b+m[4], b+m[5])
			}
			nh.setKind(text, b+m[6], b+m[7])
			*h = nh
			return true
		}
	}
	return false
}

func (h *Header) setYear(s string, i, j int) {
	if i < 0 {
		return
	}
	y, err := strconv.Atoi(s[i:j])
	if err != nil {
		return
	}
	h.Year, h.YearStart, h.YearEnd = y, i, j
}

func (h *Header) setKind(s string, i, j int) {
	if i < 0 {
		return
	}
	h.Kind = "budget"
	if s[i:j] == "决算" {
		h.Kind = "final_accounts"
	}
	h.KindStart, h.KindEnd = i, j
}

func (h *Header) setScope(s string, i, j int) {
	if i < 0 {
		return
	}
	h.Scope = "department"
	if s[i:j] == "单位" {
		h.Scope = "unit"
	}
	h.ScopeStart, h.ScopeEnd = i, j
}

func (h *Header) setUnit(s string, i, j int) {
	if i < 0 {
		return
	}
	name := s[i:j]
	for _, p := range []string{"关于", "公开"} {
		if strings.HasPrefix(name, p) {
			name = name[len(p):]
			i += len(p)
		}
	}
	name = strings.TrimSuffix(name, "关于") // 某某局关于2016年度预算公开的补充说明
	if a := trailingAlias.FindStringIndex(name); a != nil && a[0] > 0 && !isAlias(name[a[0]:]) {
		// a note (本级) goes; a second name stays: 某某区综合行政执法局（某某区城市管理局）
		name = name[:a[0]]
	}
	for _, w := range topicWords {
		if k := strings.Index(name, w); k > 0 {
			name = name[:k] // 某某厅财政拨款“三公”经费2014年预算: the topic follows the body
		}
	}
	name = strings.TrimRight(name, " ")
	if utf8.RuneCountInString(name) < 2 || notUnit.MatchString(name) {
		return
	}
	h.Unit, h.UnitStart, h.UnitEnd = name, i, i+len(name)
}

// topicWords begin what a title says of a body's money, after its name.
var topicWords = []string{"财政拨款", "一般公共预算", "“三公”", "\"三公\"", "三公"}

// facts returns the header's statements as facts.
func (h Header) facts() []Fact {
	var fs []Fact
	if h.KindEnd > 0 {
		fs = append(fs, Fact{Key: "doc.kind", Type: Kind, Text: h.Kind, Start: h.KindStart, End: h.KindEnd, Rule: "title"})
	}
	if h.ScopeEnd > 0 {
		fs = append(fs, Fact{Key: "doc.scope", Type: Scope, Text: h.Scope, Start: h.ScopeStart, End: h.ScopeEnd, Rule: "title"})
	}
	if h.YearEnd > 0 {
		fs = append(fs, Fact{Key: "doc.fiscal_year", Type: Integer, Int: int64(h.Year), Start: h.YearStart, End: h.YearEnd, Rule: "title"})
	}
	if h.UnitEnd > 0 {
		fs = append(fs, Fact{Key: "doc.unit_name", Type: String, Text: h.Unit, Start: h.UnitStart, End: h.UnitEnd, Rule: "title"})
	}
	if h.RegionEnd > 0 {
		fs = append(fs, Fact{Key: "doc.region", Type: String, Text: h.Region, Start: h.RegionStart, End: h.RegionEnd, Rule: "title"})
	}
	return fs
}

// divisionSuffixes end the names of administrative divisions, longest first.
var divisionSuffixes = []string{"自治区", "自治州", "自治县", "特别行政区", "省", "市", "州", "盟", "县", "旗", "区"}

// partyless returns name without the party's name that may begin a party body's (中共,
// 中国共产党): the divisions follow it.
func partyless(name string) string {
	for _, p := range []string{"中共", "中国共产党"} {
		if strings.HasPrefix(name, p) {
			return name[len(p):]
		}
	}
	return name
}

// notDivisions are words that end like a division but are not one.
var notDivisions = []string{"城市", "城区", "社区", "园区", "景区", "商务区", "度假区", "风景区", "旅游区", "工业区", "合作区", "产业区", "市区", "小区", "片区", "辖区", "山区", "库区", "开发区", "高新区", "示范区", "试验区", "保护区", "功能区", "街区", "校区", "营区", "都市"}

// region returns the administrative divisions that begin name: 巫溪县 of
// 巫溪县科学技术协会, 重庆市沙坪坝区 of 重庆市沙坪坝区…局; a leading 中共 is skipped.
func region(name string) string {
	name = partyless(name)
	for _, p := range notRegionPrefixes {
		if strings.HasPrefix(name, p) {
			return ""
		}
	}
	end := 0
	city := false // a 市 was read: a 州 or 盟 after it is a place inside it (稠州中学)
	for end < len(name) {
		n := division(name[end:])
		if n == 0 {
			break
		}
		word := name[end : end+n]
		if city && inCity(word) {
			break
		}
		end += n
		city = city || strings.HasSuffix(word, "市")
		if countyLevel(word) {
			break
		}
	}
	return name[:end]
}

// notRegionPrefixes begin bodies' names that do not begin with a division: the
// people's political consultative conferences, the youth league and the democratic
// parties are named 政协X市委员会, 共青团X县委员会, 中国民主同盟X市委员会.
var notRegionPrefixes = []string{"政协", "共青团", "中国人民政治协商会议",
	"中国国民党革命委员会", "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党", "中国致公党", "九三学社", "台湾民主自治同盟",
	"民革", "民盟", "民建", "民进", "农工党", "致公党", "台盟"}

// bodyWords are in the names of bodies, never of divisions: 随州市公安局曾都区分局 is
// 随州市, not 随州市公安局曾都区.
var bodyWords = []string{"局", "院", "委", "会", "所", "站", "办", "厅", "处", "部", "校", "中心", "公司", "镇", "乡", "街道", "村"}

// division returns the byte length of the division name that begins s, or 0.
func division(s string) int {
	// A division's name is 1 to 8 characters before its suffix; take the shortest
	// that ends in a suffix, so 重庆市沙坪坝区 is two divisions, not one.
	runes := 0
	for i, r := range s {
		if r < 0x4e00 || r > 0x9fff || runes > 9 {
			return 0
		}
		runes++
		if runes < 2 {
			continue
		}
		for _, suf := range divisionSuffixes {
			if strings.HasPrefix(s[i:], suf) {
				n := i + len(suf)
				// 杭州市, 通州区: a suffix character right after is part of the name.
				for _, more := range []string{"市", "县", "区", "旗"} {
					if suf == "州" && strings.HasPrefix(s[n:], more) {
						n += len(more)
						break
					}
				}
				word := s[:n]
				if strings.HasPrefix(word, "自治") {
					return 0 // 自治区人民政府…: the kind of division, not one
				}
				bad := false
				for _, w := range bodyWords {
					if strings.Contains(word, w) {
						return 0
					}
				}
				for _, nd := range notDivisions {
					if strings.HasSuffix(word, nd) {
						bad = true
						break
					}
				}
				if bad {
					return 0
				}
				return n
			}
		}
	}
	return 0
}
