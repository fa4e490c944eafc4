package facts

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/internal/runeset"
	"github.com/cnbudget/cnbudget/extract/numbers"
)

// A moneyRule gives the key of an amount whose label (the words just before it in its
// clause) ends with Label. The rules are tried in order and the first that holds wins,
// so a narrower rule stands before a broader one that would also match.
type moneyRule struct {
	// Needs is a word every label the rule matches contains; labels without it are not
	// tried against the rule's regexp, which keeps the table cheap to run.
	Needs string
	// NeedsOne lists words of which every label the rule matches contains one, for a
	// rule whose label has no single word of its own.
	NeedsOne words
	Key      string
	Label    string // regexp the label must end with (filler such as 预算数、为 may follow it)
	// Optional conditions.
	Topic   string // regexp the sentence before the label, or the headings above it, must match
	NoTopic string // regexp neither may match
	Part    int8   // +1: only in a breakdown (after 其中); -1: never in one
	// Generic marks a rule whose label is no name at all (年初预算数, 小计): it takes its
	// meaning from the topic, so a bare table figure never gets it.
	Generic bool
}

// functionClasses are the functional classes of government spending (类), current and
// older names, each ending in 支出.
const functionClasses = `一般公共服务支出|外交支出|国防支出|公共安全支出|教育支出|科学技术支出|文化旅游体育与传媒支出|文化体育与传媒支出|文化和旅游支出|` +
	`社会保障和就业支出|社会保险基金支出|卫生健康支出|医疗卫生与计划生育支出|医疗卫生支出|节能环保支出|环境保护支出|城乡社区支出|城乡社区事务支出|` +
	`农林水支出|农林水事务支出|交通运输支出|资源勘探工业信息等支出|资源勘探信息等支出|资源勘探电力信息等事务支出|商业服务业等支出|商业服务业等事务支出|金融支出|金融监管等事务支出|` +
	`援助其他地区支出|自然资源海洋气象等支出|国土海洋气象等支出|国土资源气象等事务支出|住房保障支出|粮油物资储备支出|粮油物资储备管理事务支出|国有资本经营预算支出|` +
	`灾害防治及应急管理支出|债务还本支出|债务付息支出|债务发行费用支出|抗疫特别国债安排的支出|其他支出`

// moneyRules is the table of amount rules. A new phrasing is a new line.
var moneyRules = []moneyRule{
	// The "three public" expenses: their item names say what they are.
	{Needs: "出国", Key: "sanggong.outbound", Label: `因公出国[（(]境[)）](?:经)?(?:费)?(?:用)?(?:支出)?`},
	{NeedsOne: words{"购置及运行", "购置和运行", "购置与运行"}, Key: "sanggong.vehicle", Label: `公务用车购置(?:及|和|与)运行(?:维护|维修)?费(?:用)?(?:支出)?`},
	{NeedsOne: words{"费及公务用车购置", "费和公务用车购置", "费与公务用车购置"}, Key: "sanggong.vehicle", Label: `公务用车运行(?:维护|维修)?费(?:用)?(?:及|和|与)公务用车购置费(?:用)?(?:支出)?`},
	{Needs: "购置", Key: "sanggong.vehicle_purchase", Label: `公务用车购置费?(?:用)?(?:支出)?`},
	{NeedsOne: words{"运行", "运转", "运维"}, Key: "sanggong.vehicle_operation", Label: `公务用车(?:运行|运转)(?:维护|维修)?费(?:用)?(?:支出)?|公务用车运维费(?:用)?(?:支出)?`},
	{Needs: "用车费", Key: "sanggong.vehicle", Label: `公务用车费(?:用)?(?:支出)?`},
	{Needs: "接待", Key: "sanggong.reception", Label: `公务接待费?(?:用)?(?:支出)?`},
	{Needs: "三公", Key: "sanggong.total", Label: `[“"]?三公[”"]?经费(?:财政拨款)?(?:支出)?(?:预算|决算|预)?(?:安排|支出)?`, NoTopic: `会议费|培训费`},
	{Needs: "购置", Key: "sanggong.vehicle_purchase", Label: `^(?:车辆)?购置费?(?:用)?(?:支出)?`, Topic: `公务用车`},
	{Needs: "运行", Key: "sanggong.vehicle_operation", Label: `^(?:车辆)?运行(?:维护|维修)?费(?:用)?(?:支出)?`, Topic: `公务用车`},
	{Key: "sanggong.total", Label: `^`, Topic: `三公`, Generic: true},

	{Needs: "运行经费", Key: "operating_expenses", Label: `(?:机关|行政)?运行经费(?:支出)?`},

	// Revenue broken down after 其中.
	{Needs: "拨款", Key: "revenue.general_budget", Label: `(?:一般)?公共(?:财政)?预算(?:财政)?拨款(?:收入)?`, Part: 1},
	{Needs: "基金", Key: "revenue.gov_fund", Label: `政府性基金(?:预算)?(?:财政)?拨款(?:收入)?|政府性基金(?:预算)?收入`},
	{Needs: "国有资本", Key: "revenue.state_capital", Label: `国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入)?`},
	{Needs: "经营收入", Key: "revenue.operating", Label: `(?:事业单位)?经营收入`},
	{Needs: "事业收入", Key: "revenue.business", Label: `事业收入`},
	{Needs: "其他收入", Key: "revenue.other", Label: `其他收入(?:资金)?`},
	{Needs: "结", Key: "revenue.carryover", Label: `(?:上年|上年度|年初)(?:结转(?:和|及)?(?:结余)?|结余)(?:资金|收入)?`},
	{Needs: "拨款", Key: "revenue.appropriation", Label: `财政拨款(?:收入)?`, Part: 1},

	// The fiscal-appropriation totals.
	{Needs: "拨款收入", Key: "appropriation.revenue", Label: who + `(?:一般公共(?:财政)?预算)?(?:财政)?拨款收入`, Part: -1},
	{Needs: "支出", Key: "appropriation.expenditure", Label: who + `(?:(?:一般公共(?:财政)?预算)?财政拨款支出|一般公共(?:财政)?预算(?:财政)?(?:拨款)?支出)`, Part: -1},

	{Needs: "收入", Key: "revenue.this_year", Label: `(?:本年|当年)(?:度)?收入(?:合计)?`},
	{Needs: "支出", Key: "expenditure.this_year", Label: `(?:本年|当年)(?:度)?支出(?:合计)?`},
	{Needs: "年末结转", Key: "expenditure.carry_forward", Label: `年末结转(?:和|及)?(?:结余)?`},

	{Needs: "基本支出", Key: "expenditure.basic", Label: `基本支出`},
	{Needs: "项目支出", Key: "expenditure.project", Label: `项目支出`},
	{NeedsOne: strings.Split(functionClasses, "|"), Key: "expenditure.function", Label: `(?:` + functionClasses + `)(?:[（(]类[)）]|类科目|类)?`},

	{Needs: "政府采购", Key: "procurement.total", Label: `政府采购(?:预算|支出)?(?:总额|合计)?(?:金额)?`},
	{Needs: "金额", Key: "procurement.total", Label: `^(?:采购)?(?:预算|支出)?(?:总金额|金额)`, Topic: `采购`, NoTopic: `中小企业|货物|工程|服务`},
	{NeedsOne: words{"涉及", "资金", "金额"}, Key: "performance.project_funds", Label: `涉及.*|(?:项目)?(?:资金|金额)`, Topic: `绩效目标`},

	// Headline totals, by their own words or by the topic of their sentence.
	{Needs: "收入", Key: "revenue.total", Label: who + `(?:预算|决算)?(?:总)?收入(?:总预算|预算|决算)?(?:总计|总额)`},
	{Needs: "支出", Key: "expenditure.total", Label: who + `(?:预算|决算)?(?:总)?支出(?:总预算|预算|决算)?(?:总计|总额)`},
	{Needs: "收入", Key: "revenue.total", Label: who + `(?:预算|决算)?(?:总)?收入(?:总预算|预算|决算)?(?:总计|合计|总额)?`, Part: -1},
	{Needs: "支出", Key: "expenditure.total", Label: who + `(?:预算|决算)?(?:总)?支出(?:总预算|预算|决算)?(?:总计|合计|总额)?`, Part: -1},
	{Key: "revenue.total", Label: `^`, Topic: `收入`, NoTopic: `支出|拨款|三公`, Part: -1, Generic: true},
	{Key: "expenditure.total", Label: `^`, Topic: `支出`, NoTopic: `收入|拨款|三公`, Part: -1, Generic: true},
	{Needs: "经费", Key: "revenue.total", Label: `^(?:部门|单位)(?:经费)`, Topic: `收入`, NoTopic: `支出|拨款|三公`, Part: -1, Generic: true},
	{Needs: "经费", Key: "expenditure.total", Label: `^(?:部门|单位)(?:经费)`, Topic: `支出`, NoTopic: `收入|拨款|三公`, Part: -1, Generic: true},
}

// who may stand before a headline total's words, and nothing else may: a year, the body,
// the period. It keeps 人员支出 or 上级补助收入 from reading as the total.
const who = `^(?:\p{Han}{0,16}?(?:19|20)\d{2}年度?)?(?:本部门|本单位|本局|本院|本委|部门|单位|机关|本级)?(?:本年度|本年|当年|全年|年度)?`

// changeKeys maps a key to the key of its change against the previous year.
var changeKeys = map[string]string{
	"revenue.total":         "revenue.change",
	"revenue.this_year":     "revenue.change",
	"expenditure.this_year": "expenditure.change",
	"expenditure.total":     "expenditure.change",
	"expenditure.basic":     "expenditure.basic_change",
	"expenditure.project":   "expenditure.project_change",
	"sanggong.total":        "sanggong.change",
	"operating_expenses":    "operating_expenses_change",
}

// filler may stand between a label's words and its figure.
const filler = `(?:的)?(?:年初)?(?:预算|决算)?(?:数)?(?:安排)?(?:总额|总计|合计|共计|小计|共|计|总)?(?:均为|均是|都是|均|为|是|达到|达)?(?:人民币)?$`

// labelLead is what may begin a clause before its label: a numbering, 其中, a year.
var labelLead = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[一二三四五六七八九十]+、)?(?:其中|包括|含)?[：:]?(?:(?:19|20)\d{2}年度?)?`)

// changeRe finds a change against the previous year at the end of a label:
// 比2022年增加, 较去年减少, 同比下降. Group 1 is the verb.
var changeRe = regexp.MustCompile(`(?:(?:比|较|与|同比)(?:上年|去年|上一年|上年度|(?:19|20)\d{2}年度?)(?:同期)?(?:\d+(?:\.\d+)?(?:万元|元)?)?(?:预算|决算)?(?:数)?(?:相比|比较)?[，,]?(?:各|均|分别)?|同比)(增加|减少|增长|下降|上升|降低|多|少|节约|节省)(?:了)?$`)

// otherBase finds a comparison with something other than the previous year (the
// year's own budget): such figures are no fact of FIELDS.md.
var otherBase = regexp.MustCompile(`(?:比|较|与)(?:年初)?(?:预算|调整预算|预算数)[^，,；;。]*(?:增加|减少|增长|下降|上升|降低|多|少|节约|节省)(?:了)?$`)

// lastYearFigure labels the previous year's figure quoted for comparison.
var lastYearFigure = regexp.MustCompile(`(?:^|[^预决])(?:比|较|与)(?:上年|上一年|去年|上年度|(?:19|20)\d{2}年度?)(?:决算|预算)?(?:收入|支出|基本支出|项目支出)?(?:决算|预算)?数?(?:的)?$`)

// shareOfTotal follows a figure that is a part of the year's total: ，占收入合计的99.94%.
var shareOfTotal = regexp.MustCompile(`^[，,]?占(?:本年)?(?:收入|支出)(?:合计|总计|总额)`)

// rowNumber reports whether d.Numbers[i] is the row number (行次) of a table flattened
// into text, between a row's label and its amount: a small whole number written bare,
// a figure right after it on its line, and a head of 行次 not far before.
func rowNumber(d *Doc, i int) bool {
	n := d.Numbers[i]
	if n.Unit != numbers.NoUnit || n.Value.Scale != 0 || n.Value.Coef >= 1000 || n.Value.Coef < 0 || i+1 >= len(d.Numbers) {
		return false
	}
	if strings.ContainsAny(d.Match[n.Start:n.End], ".,") {
		return false // 32.00 is an amount; a row number is written bare
	}
	next := d.Numbers[i+1]
	if next.Ordinal || next.Measure != "" || strings.TrimSpace(d.Match[n.End:next.Start]) != "" ||
		strings.Contains(d.Match[n.End:next.Start], "\n") || next.Start == n.End {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(d.Match[:n.Start]); r != ' ' && !unicode.Is(unicode.Han, r) {
		return false // a row number follows its label
	}
	head := d.Match[max(0, n.Start-rowHeadReach):n.Start]
	return strings.Contains(head, "行次") || strings.Contains(head, "栏次")
}

// rowHeadReach bounds, in bytes, how far before a row number its table's 行次 head stands.
const rowHeadReach = 6000

// comparesYears reports whether label holds a word lastYearFigure needs: most labels hold
// none and skip the regexp, which has no fixed start.
func comparesYears(label string) bool {
	return strings.Contains(label, "比") || strings.Contains(label, "较") || strings.Contains(label, "与")
}

// lastYearSubject returns what a label of last year's figure compares: 收入预算 of
// 收入预算比2019年预算收入.
func lastYearSubject(label string) string {
	m := lastYearFigure.FindStringIndex(label)
	if m == nil {
		return ""
	}
	i := m[0]
	if r, w := utf8.DecodeRuneInString(label[i:]); r != '比' && r != '较' && r != '与' {
		i += w // the rune before 比 that the regexp reads
	}
	return label[:i]
}

type compiledMoneyRule struct {
	moneyRule
	label          matcher
	topic, noTopic *regexp.Regexp
}

var compiledMoneyRules = compileMoneyRules(moneyRules)

func compileMoneyRules(rs []moneyRule) []compiledMoneyRule {
	out := make([]compiledMoneyRule, len(rs))
	for i, r := range rs {
		c := compiledMoneyRule{moneyRule: r}
		if r.Label == `^` {
			c.label = fillerOnly{}
		} else if strings.HasPrefix(r.Label, `^`) {
			c.label = regexp.MustCompile(r.Label + filler)
		} else {
			c.label = regexp.MustCompile(`(?:` + r.Label + `)` + filler)
		}
		if r.Topic != "" {
			c.topic = regexp.MustCompile(r.Topic)
		}
		if r.NoTopic != "" {
			c.noTopic = regexp.MustCompile(r.NoTopic)
		}
		out[i] = c
	}
	return out
}

// amount is a money figure and what surrounds it.
type amount struct {
	num       numbers.Number
	fen       int64
	unit      int64  // fen per unit as stated
	label     string // the clause's words before the figure, lead removed
	topic     topic  // the sentence before the clause, and the headings above
	part      bool   // after 其中 in its sentence
	bare      bool   // stated without a unit; the unit is the declared one
	sentStart int
}

// moneyFacts reads every amount of money in the text and gives it the key of the first
// rule that holds.
func moneyFacts(d *Doc) []Fact {
	prevEnd := 0    // end of the previous money figure
	subject := ""   // the key the sentence's first, skipped, budget figure named
	lastSent := -1  // sentence of the previous fact
	skipSent := -1  // sentence of a figure skipped (a budget a final account quotes, a change for one reason): its breakdown is skipped too
	lastKey := ""   // key of the previous non-change fact in the sentence
	baseEnd := -1   // end of the last figure that is the previous year's, quoted to compare
	baseLabel := "" // and its label (比上年)
	rowAt := -1     // start of the last row number skipped
	decls := declScopes(d)
	fs, consumed := pairedFacts(d)
	next := 0 // the length at which fs is next compacted
	for ni, n := range d.Numbers {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		fs = compactEvery(fs, &next)
		if consumed[ni] {
			prevEnd = n.End
			continue
		}
		if n.Ordinal || n.Measure != "" {
			continue
		}
		if rowNumber(d, ni) {
			// 一般公共服务支出 32 0.00 under 项目 行次 金额: the amount is the next figure,
			// and the words before the row number are its label
			rowAt = n.Start
			continue
		}
		unit, bare := n.Unit, false
		if unit == numbers.NoUnit {
			// A bare figure takes the unit its table or sentence declares, if any; one
			// written in 万 or 亿 without 元 (运行维护费38万) counts yuan, as a bare
			// figure: only a label of its own makes it money.
			switch {
			case strings.HasSuffix(d.Match[n.Start:n.End], "万") || strings.HasSuffix(d.Match[n.Start:n.End], "亿"):
				unit = numbers.Yuan
			default:
				if unit = declaredUnit(decls, n.Start); unit == numbers.NoUnit {
					continue
				}
			}
			bare = true
		}
		fen, ok := n.Value.Fen(unit)
		if !ok {
			continue
		}
		a := amount{num: n, fen: fen, unit: unit.Fen(), bare: bare}
		sStart, sEnd := d.sentence(n.Start)
		a.sentStart = sStart
		cStart := sStart
		if prevEnd > cStart {
			cStart = prevEnd
		}
		if i := clauseMarks.LastIndex(d.Match[cStart:n.Start]); i >= 0 {
			cStart += i + len(runeAt(d.Match, cStart+i))
		}
		floor := prevEnd // the end of the previous figure: no item of this one's lies before it
		prevEnd = n.End
		if sStart != lastSent {
			lastSent, lastKey, subject, skipSent = sStart, "", "", -1
		}
		labelEnd := n.Start
		if rowAt >= cStart && rowAt < n.Start {
			labelEnd = rowAt // the row number between the label and its amount
		}
		if strings.HasSuffix(d.Match[sStart:cStart], "收、") && strings.HasPrefix(d.Match[cStart:], "支") {
			cStart -= len("收、") // 收、支总计: one label for both sides, not a list
		}
		raw := strings.TrimSpace(d.Match[cStart:labelEnd])
		a.label = cleanLabel(raw)
		// the sentence before the clause, d.Match[sStart:cStart], is asked of through
		// sent: it may be long, and hold many figures
		sent := d.scan(sStart, sEnd)
		a.part = partBefore(d, sent, cStart) || strings.HasPrefix(raw, "其中") || listedBelow(d.Match, sStart) ||
			strings.Contains(d.Match[n.End:min(len(d.Match), n.End+8)], "占") && shareOfTotal.MatchString(d.Match[n.End:min(len(d.Match), n.End+40)]) ||
			opensBreakdown(tail(d.Match[sStart:cStart], 64)) && !genericLabel.MatchString(a.label) && !headline(a.label)
		if a.part && headline(a.label) && semicolonSince(d, sent, cStart) {
			// 收入预算X万元，其中…；支出预算Y万元: a semicolon ends the breakdown, and a
			// headline total begins the next part of the sentence.
			a.part = false
		}
		a.topic = topic{d: d, off: n.Start, sent: sent, cut: cStart}
		if (d.Header.Kind == "final_accounts" || d.Header.Kind == "" && actualLater.MatchString(d.Match[n.End:sEnd])) &&
			budgetFigure.MatchString(budgetNames.ReplaceAllString(a.label, "")) {
			// A final account quotes the budget only to compare with it; the quote still
			// names what the sentence is about (“三公”经费支出预算为9万元，支出决算为7.42万元).
			if strings.HasPrefix(a.label, "完成") {
				continue // 决算为27.46万元，完成预算29.6万元的92.8%: the measure of an actual figure
			}
			if subject == "" {
				subject, _ = matchMoney(a)
			}
			skipSent = sStart
			continue
		}
		if changedBy.MatchString(a.label) {
			// 上划到市级，减少了“三公”经费342.74万元，其中…: an amount the spending
			// changed by for one reason, not a total; its breakdown is of that amount too
			skipSent = sStart
			continue
		}
		if skipSent == sStart {
			if a.part && !actualOf.MatchString(a.label) {
				// the breakdown of a budget figure a final account quotes: 预算为20万元，
				// 其中：公务接待费9万元，… are budget figures too
				continue
			}
			skipSent = -1
		}
		if subject != "" && actualOf.MatchString(a.label) {
			a.label = ""
			lastKey = subject
			fs = append(fs, Fact{Key: subject, Type: Money, Fen: fen, Unit: a.unit, Step: step(n, unit), Approx: n.Approx, Start: n.Start, End: n.End, Rule: "actual of subject"})
			continue
		}
		if otherBase.MatchString(a.label) {
			continue
		}
		if comparesYears(a.label) && lastYearFigure.MatchString(a.label) {
			// 比上年2665.56万元增加253.4万元: the change that follows is the subject's
			baseEnd, baseLabel = n.End, a.label
			continue
		}
		if len(a.label) <= len("增加了") && bareVerb.MatchString(a.label) {
			if baseEnd == floor {
				// the comparison is the figure's just before: its subject, compared with
				// last year (收入预算比2019年预算收入5535.82万元增加443.07万元)
				a.label = lastYearSubject(baseLabel) + "比上年" + a.label
			} else if prev := prevClause(d.Match, sStart, cStart); comparedRe.MatchString(prev) {
				// 与上年相比，增加58.21万元: the comparison stands in the clause before.
				a.label = cleanLabel(prev) + a.label
			}
		}
		if m := changeOf(a.label); m != nil {
			subject := a.label[:m[0]]
			verb := a.label[m[2]:m[3]]
			base := ""
			if subject != "" {
				sub := a
				sub.label = subject
				base, _ = matchMoney(sub)
			}
			if base == "" {
				base = lastKey
			}
			if base == "" {
				// 较2023年增加40.17万元 under （一）收入预算: the heading names the subject.
				base = headingSubject(d, n.Start)
			}
			if verb == "减少" || verb == "下降" || verb == "降低" || verb == "少" || verb == "节约" || verb == "节省" {
				fen = -fen
			}
			cks := []string{changeKeys[base]}
			each := strings.Contains(a.label[m[0]:], "各") || strings.Contains(a.label[m[0]:], "均")
			if bothSides.MatchString(subject) || base == bothKey || each && (base == "revenue.total" || base == "expenditure.total") {
				// 收支较上年增加…: both sides changed by the figure.
				cks = []string{"revenue.change", "expenditure.change"}
			}
			for _, ck := range cks {
				if ck != "" {
					fs = append(fs, Fact{Key: ck, Type: Money, Fen: fen, Unit: a.unit, Step: step(n, unit), Approx: n.Approx, Start: n.Start, End: n.End, Rule: "change"})
				}
			}
			continue
		}
		if d.Header.Year != 0 && d.wordBefore(sent, "年", n.Start) && otherYear(leadYear(d.Match[sStart:n.Start])+a.label, d.Header.Year) {
			lastKey = ""
			continue
		}
		if pair := bothTotals(a); pair[0] != "" {
			for _, k := range pair {
				fs = append(fs, Fact{Key: k, Type: Money, Fen: fen, Unit: a.unit, Step: step(n, unit), Approx: n.Approx, Start: n.Start, End: n.End, Rule: "both totals"})
			}
			lastKey = ""
			if pair[0] == "revenue.total" {
				lastKey = bothKey
			}
			continue
		}
		key, rule := matchMoney(a)
		if key == "" {
			lastKey = ""
			continue
		}
		if key == "expenditure.function" {
			name := functionName(d, cStart, n.Start)
			if name == "其他支出" && !d.otherClassBefore(sent, n.Start) {
				continue
			}
			key += "." + name
		}
		lastKey = key
		if key == "revenue.total" || key == "expenditure.total" {
			switch {
			case strings.Contains(a.label, "总计"):
				rule = "总计"
			case strings.Contains(a.label, "合计"):
				rule = "合计"
			}
		}
		fs = append(fs, Fact{Key: key, Type: Money, Fen: fen, Unit: a.unit, Step: step(n, unit), Approx: n.Approx, Start: n.Start, End: n.End, Rule: rule})
		// A、B均为X: the items listed before share the figure.
		if (strings.Contains(a.label, "均") || strings.Contains(a.label, "都")) && sharedFigure.MatchString(a.label) {
			for _, k := range sharedKeys(d, sStart, floor, cStart, a) {
				fs = append(fs, Fact{Key: k, Type: Money, Fen: fen, Unit: a.unit, Step: step(n, unit), Approx: n.Approx, Start: n.Start, End: n.End, Rule: "shared"})
			}
		}
	}
	return thisYear(fs)
}

// thisYear reads 收入合计 and 支出合计 as this year's figures when the document also
// states 收入总计 or 支出总计 as its headline, as final accounts do.
func thisYear(fs []Fact) []Fact {
	has := map[string]bool{}
	for _, f := range fs {
		if f.Rule == "总计" {
			has[f.Key] = true
		}
	}
	for i, f := range fs {
		if f.Rule != "合计" {
			continue
		}
		switch {
		case f.Key == "revenue.total" && has["revenue.total"]:
			fs[i].Key = "revenue.this_year"
		case f.Key == "expenditure.total" && has["expenditure.total"]:
			fs[i].Key = "expenditure.this_year"
		}
	}
	return fs
}

// sharedFigure ends a label whose figure several items share: 均为, 都是.
var sharedFigure = regexp.MustCompile(`(?:均为|均是|都是|都为|均)$`)

// sharedKeys returns the keys of the items listed with 、 before the clause at cStart,
// back to the start of the sentence or the end of the figure before, floor: an item that
// holds a figure names that one's.
func sharedKeys(d *Doc, sStart, floor, cStart int, a amount) []string {
	var keys []string
	lo := max(sStart, floor)
	end := cStart
	for end > lo {
		prev := d.Match[lo:end]
		if !strings.HasSuffix(prev, "、") {
			break
		}
		prev = prev[:len(prev)-len("、")]
		i := sentenceMarks.LastIndex(prev)
		start := lo
		if i >= 0 {
			start = lo + i + len(runeAt(prev, i))
		} else if lo > sStart {
			break // the item holds the figure before
		}
		item := amount{label: cleanLabel(d.Match[start : end-len("、")]), topic: a.topic, part: a.part}
		k, _ := matchMoney(item)
		if k == "" || strings.HasPrefix(k, "expenditure.function") {
			break
		}
		keys = append(keys, k)
		end = start
	}
	return keys
}

// matchMoney returns the key of the first rule that holds for a, and the rule's label.
func matchMoney(a amount) (key, rule string) {
	if a.bare && a.label == "" {
		return "", ""
	}
	for _, r := range compiledMoneyRules {
		if r.Needs != "" && !strings.Contains(a.label, r.Needs) || r.NeedsOne != nil && !r.NeedsOne.MatchString(a.label) {
			continue
		}
		if a.bare && r.Generic {
			// a bare figure needs words of its own: a table cell beside others has none
			continue
		}
		if r.Part > 0 && !a.part || r.Part < 0 && a.part {
			continue
		}
		if !r.label.MatchString(a.label) {
			continue
		}
		// a label with no name of its own (Generic) takes its meaning from what is near:
		// 第二部分 单位预算及“三公”经费预算情况说明 over a whole part says nothing of it
		if r.topic != nil && !r.topic.MatchString(a.label) && !a.topic.has(r.topic, r.Generic) {
			continue
		}
		if r.noTopic != nil && (r.noTopic.MatchString(a.label) || a.topic.has(r.noTopic, false)) {
			continue
		}
		return r.Key, r.Label
	}
	return "", ""
}

var functionRe = regexp.MustCompile(`(?:` + functionClasses + `)`)

// functionName returns the last class named in the clause text[start:end], as written.
func functionName(d *Doc, start, end int) string {
	all := functionRe.FindAllStringIndex(d.Match[start:end], -1)
	if len(all) == 0 {
		return ""
	}
	m := all[len(all)-1]
	return d.Text[start+m[0] : start+m[1]]
}

var yearRe = regexp.MustCompile(`((?:19|20)\d{2})年`)

var leadYearRe = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十\d]{1,9}[）)]|\d{1,9}[、.．]|[一二三四五六七八九十]{1,9}、)?\p{Han}{0,12}?((?:19|20)\d{2}年)`)

// leadReach is more than the longest text leadYearRe matches, in bytes: a numbering
// of nine characters, twelve Han, a year.
const leadReach = 3*(2+9) + 3*12 + 4 + 3 + 16

// leadYear returns the year a sentence begins with (2021年度“三公”经费…, 本单位2021年…),
// which governs its figures.
func leadYear(sentence string) string {
	// leadYearRe reads only Han, digits and a numbering's marks, from the start: given
	// no more than that run of the sentence it finds the same year, and the table its
	// backtracker clears for every call, sized by the input, stays small.
	if m := leadYearRe.FindStringSubmatch(sentence[:leadRun(sentence[:min(len(sentence), leadReach)])]); m != nil {
		return m[1]
	}
	return ""
}

// leadRun returns the length of the run of Han, ASCII digits and numbering marks
// （()）、.． that s begins with.
func leadRun(s string) int {
	for i, r := range s {
		if !unicode.Is(unicode.Han, r) && (r < '0' || r > '9') && !strings.ContainsRune("（()）、.．", r) {
			return i
		}
	}
	return len(s)
}

// otherYear reports whether the clause states a year, and every year it states is
// neither the document's year nor (for a change) the year before: a figure of another
// year, such as last year's accounts quoted in a budget.
func otherYear(s string, year int) bool {
	if !strings.Contains(s, "年") {
		return false // every year yearRe finds ends in 年
	}
	ys := yearRe.FindAllStringSubmatch(s, -1)
	if len(ys) == 0 {
		return false
	}
	for _, y := range ys {
		if y[1] == itoa(year) {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n >= 10 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	b[i] = byte('0' + n)
	return string(b[i:])
}

// step returns the fen of one unit of the last digit of n: 10000 for 154.79万元.
func step(n numbers.Number, u numbers.Unit) int64 {
	s := u.Fen()
	for i := 0; i < n.Value.Scale && s > 1; i++ {
		s /= 10
	}
	return s
}

// declScope is where a unit declaration holds: from the declaration to the next heading.
type declScope struct {
	start, end int
	unit       numbers.Unit
}

// declScopes returns where each of d's unit declarations holds.
func declScopes(d *Doc) []declScope {
	var out []declScope
	hs := d.Outline.Headings // in order of their starts
	for _, u := range d.Decls {
		end := len(d.Match)
		if i := sort.Search(len(hs), func(i int) bool { return hs[i].Start > u.End }); i < len(hs) {
			end = hs[i].Start
		}
		out = append(out, declScope{u.End, end, u.Unit})
	}
	return out
}

// declaredUnit returns the unit declared for a bare figure at off, or NoUnit: that of
// the last declaration before off whose scope holds it. Scopes start in order and end in
// order (each at the first heading after its start), so of those that start at or before
// off, the last one ends last: off is in its scope or in none.
func declaredUnit(scopes []declScope, off int) numbers.Unit {
	i := sort.Search(len(scopes), func(i int) bool { return scopes[i].start > off })
	if i > 0 && off < scopes[i-1].end {
		return scopes[i-1].unit
	}
	return numbers.NoUnit
}

// listedBelow reports whether the line at lineStart is a numbered item of a list that
// a line shortly before announced as the parts (收入具体情况如下。 1.一般公共预算…).
func listedBelow(text string, lineStart int) bool {
	if lineStart == 0 || text[lineStart-1] != '\n' || !numbered.MatchString(text[lineStart:min(len(text), lineStart+12)]) {
		return false
	}
	back := text[max(0, lineStart-400):lineStart]
	i := strings.LastIndex(back, "如下")
	if i < 0 {
		return false
	}
	// no heading of a higher level between: the announcement governs this list
	return !listMarks.In(back[i:])
}

// numbered begins an item numbered 1. 1、 (1) （1）.
var numbered = regexp.MustCompile(`^(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）])`)

// colonBreakdown ends a heading word whose colon opens a list of parts: （一）收入预算：…
var colonBreakdown = regexp.MustCompile(`(?:收入|支出)(?:预算|决算)?(?:情况)?[：:]$`)

// opensBreakdown reports whether colonBreakdown matches s. With no literal prefix the
// regexp is tried from every offset of the sentence; most sentences before a figure do
// not end in the colon it needs, and skip it.
func opensBreakdown(s string) bool {
	return (strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":")) && colonBreakdown.MatchString(s)
}

// headlineLabel names a headline total: 2021年收入预算, 支出总计.
var headlineLabel = regexp.MustCompile(who + `(?:总)?(?:收入|支出)(?:总预算|预算|决算)?(?:总计|合计|总额)?` + filler)

// headline reports whether headlineLabel matches label. The regexp, anchored and
// led by optional parts, backtracks through every label it is tried on; a label
// without 收入 or 支出, one of which it requires, skips it.
func headline(label string) bool {
	return (strings.Contains(label, "收入") || strings.Contains(label, "支出")) && headlineLabel.MatchString(label)
}

// genericLabel is a label with no name of its own: 2023年年初预算数.
var genericLabel matcher = fillerOnly{}

// fillerParts are filler's groups, in order, each of which may be left out.
var fillerParts = [][]string{{"的"}, {"年初"}, {"预算", "决算"}, {"数"}, {"安排"},
	{"总额", "总计", "合计", "共计", "小计", "共", "计", "总"}, {"均为", "均是", "都是", "均", "为", "是", "达到", "达"}, {"人民币"}}

// fillerOnly matches a text made of filler alone: what the regexp ^ + filler matches.
// Labels are tried against it for every figure, and Go's backtracker, which the
// regexp's overlapping words (共计, 共) leave it to, clears a table for each call.
type fillerOnly struct{}

// MatchString reports whether s is filler alone.
func (fillerOnly) MatchString(s string) bool { return fillerFrom(s, 0) }

// fillerFrom reports whether s is made of fillerParts[part:], each used once at most.
func fillerFrom(s string, part int) bool {
	if s == "" {
		return true
	}
	for ; part < len(fillerParts); part++ {
		for _, w := range fillerParts[part] {
			if strings.HasPrefix(s, w) && fillerFrom(s[len(w):], part+1) {
				return true
			}
		}
	}
	return false
}

// partBefore reports whether the sentence before cStart has begun listing parts, as
// partOf(d.Match[sent.start:cStart]) does, from what is found once in the sentence.
func partBefore(d *Doc, sent *sentScan, cStart int) bool {
	for _, w := range [...]string{"其中", "分别为", "具体为", "包括：", "包括:", "中：", "中:"} {
		if d.wordBefore(sent, w, cStart) {
			return true
		}
	}
	return false
}

// semicolonSince reports whether a semicolon stands in the sentence before cStart after
// its last 其中 (anywhere before cStart if it has none).
func semicolonSince(d *Doc, sent *sentScan, cStart int) bool {
	from := max(sent.start, d.lastWordBefore(sent, "其中", cStart))
	return d.lastWordBefore(sent, "；", cStart) >= from || d.lastWordBefore(sent, ";", cStart) >= from
}

// tail returns the last n bytes of s or fewer, from a rune boundary: enough for a pattern
// anchored at the end whose matches are shorter.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// partOf reports whether the sentence before a clause has begun listing parts (其中：…,
// 收入包括：…): whether the regexp 其中|包括[：:]|分别为|具体为|中[：:] matches it. It runs
// for every figure, and plain searches are far cheaper than that regexp, whose
// alternation is tried at every offset of the sentence.
func partOf(before string) bool {
	return strings.Contains(before, "其中") || strings.Contains(before, "分别为") || strings.Contains(before, "具体为") ||
		colonAfter(before, "包括") || colonAfter(before, "中")
}

// colonAfter reports whether word occurs in s right before a colon, ： or :.
func colonAfter(s, word string) bool {
	for {
		i := strings.Index(s, word)
		if i < 0 {
			return false
		}
		s = s[i+len(word):]
		if strings.HasPrefix(s, "：") || strings.HasPrefix(s, ":") {
			return true
		}
	}
}

// changedBy is a label that begins with a change, then says what changed: 减少了“三公”经费,
// 压减公务接待费.
var changedBy = regexp.MustCompile(`^(?:共|合计|累计)?(?:减少|增加|压减|压缩|节约|节省|核减|调减|调增|追加)了?[“"]?(?:三公|公务|因公|一般|财政|项目|基本)`)

// changeVerbs holds the first rune of every verb changeRe ends with.
var changeVerbs = runeset.New("增减下上降多少节")

// changeOf returns changeRe's submatch indexes in label, or nil; most labels hold none
// of its verbs and skip the regexp.
func changeOf(label string) []int {
	if !changeVerbs.In(label) {
		return nil
	}
	return changeRe.FindStringSubmatchIndex(label)
}

// pairedRe ends the words before totals stated for both sides at once:
// 收、支总计各是4125.49,4143.91万元; 收、支总计各1234.56万元; 收、支总计各减少A,B万元.
var pairedRe = regexp.MustCompile(`收(?:入)?、?支(?:出)?(?:决算|预算)?(?:总计|合计|总额)?各(?:是|为)?(?:(?:较|比)(?:上年|去年|上年度|(?:19|20)\d{2}年度?)(?:相比)?)?(增加|减少|增长|下降)?$`)

// pairedReach is more than the longest text pairedRe matches, in bytes.
const pairedReach = 192

// pairedFacts reads totals and changes stated for revenue and expenditure together. It
// returns the facts and the numbers it used, by index.
func pairedFacts(d *Doc) ([]Fact, map[int]bool) {
	var fs []Fact
	used := map[int]bool{}
	lineStart, seen := 0, 0 // the start of the line of the figure; the text searched for it
	for i, n := range d.Numbers {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		if n.Start > seen {
			if nl := strings.LastIndexByte(d.Match[seen:n.Start], '\n'); nl >= 0 {
				lineStart = seen + nl + 1
			}
			seen = n.Start
		}
		// pairedRe's matches are short and end at the figure: the line's tail holds them
		before := tail(d.Match[lineStart:n.Start], pairedReach)
		if !strings.Contains(before, "各") {
			continue // every form pairedRe reads says 各
		}
		base := n.Start - len(before)
		m := pairedRe.FindStringSubmatchIndex(before)
		if m == nil || n.Ordinal || n.Measure != "" {
			continue
		}
		keys := [2]string{"revenue.total", "expenditure.total"}
		sign := int64(1)
		if m[2] >= 0 {
			keys = [2]string{"revenue.change", "expenditure.change"}
			if v := d.Match[base+m[2] : base+m[3]]; v == "减少" || v == "下降" {
				sign = -1
			}
		}
		nums := []int{i}
		// A second figure after a comma gives expenditure's value; the unit is the last one's
		// (各是4125.49,4143.91万元), or each states its own (各增加1412.7万元、2062.79万元).
		if i+1 < len(d.Numbers) {
			next := d.Numbers[i+1]
			gap := d.Match[n.End:next.Start]
			if (gap == "," || gap == "，" || gap == "、") && next.Unit != numbers.NoUnit && next.Measure == "" &&
				(n.Unit == numbers.NoUnit || gap == "、" && next.Unit == n.Unit) {
				nums = append(nums, i+1)
			}
		}
		unit := d.Numbers[nums[len(nums)-1]].Unit
		if unit == numbers.NoUnit {
			continue
		}
		for k, key := range keys {
			num := d.Numbers[nums[min(k, len(nums)-1)]]
			fen, ok := num.Value.Fen(unit)
			if !ok {
				continue
			}
			fs = append(fs, Fact{Key: key, Type: Money, Fen: sign * fen, Unit: unit.Fen(), Step: step(num, unit), Approx: num.Approx, Start: num.Start, End: num.End, Rule: "paired"})
		}
		for _, k := range nums {
			used[k] = true
		}
	}
	return fs, used
}

// trailingParen is a bracket at the end of a label: 项目支出(专项工作经费支出).
var trailingParen = regexp.MustCompile(`[（(][^（()）0-9]{1,30}[)）]$`)

// leadFirst holds every rune labelLead's text can begin with.
const leadFirst = "（(0123456789一二三四五六七八九十其包含：:"

// leadOf returns labelLead's match at the start of s. Every part of labelLead is optional
// and each begins with a rune of leadFirst, so a label that begins with none of them has
// no lead, and the regexp is not run.
func leadOf(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune(leadFirst, r) {
		return ""
	}
	return labelLead.FindString(s)
}

// cleanLabel returns the words of a clause that name its figure: without the clause's
// lead (numbering, 其中, a year) and without a closing bracket that glosses the name.
func cleanLabel(raw string) string {
	l := strings.TrimSpace(raw[len(leadOf(raw)):])
	l = strings.TrimLeft(l, "（(")
	// The tail of a bracket the clause began inside: （单位：万元）2023年收入… → 2023年收入…
	if i := closeParens.Index(l); i >= 0 && !openParens.In(l[:i]) {
		l = strings.TrimSpace(l[i+len(runeAt(l, i)):])
		l = strings.TrimSpace(l[len(leadOf(l)):])
	}
	if strings.HasSuffix(l, "）") || strings.HasSuffix(l, ")") {
		if m := trailingParen.FindStringIndex(l); m != nil && m[0] > 0 {
			l = l[:m[0]]
		}
	}
	return l
}

// bothSides is the subject of a change of revenue and expenditure together: 收支, 收、支总计.
var bothSides = regexp.MustCompile(`^(?:\p{Han}{0,6}?)收(?:入)?、?支(?:出)?(?:总计|合计|总额|总体|总量)?(?:均|各|都)?$`)

// actualOf labels the actual figure beside a budget one: 支出决算为, 决算数, 实际支出.
// actualLater finds, in the rest of a sentence, the actual figure that a budget figure
// before it is compared with (…预算为44.52万元，实际支出…决算为22.62万元): such a sentence
// belongs to a final account even where the document does not say which it is.
var actualLater = regexp.MustCompile(`^[^。；;，,]{0,12}?[，,][^。；;，,]{0,24}?(?:决算|实际支出)(?:数)?(?:为|是)`)

var actualOf = regexp.MustCompile(`^(?:(?:19|20)\d{2}年度?)?(?:实际支出)?[“"]?(?:三公)?(?:经费)?[”"]?(?:支出)?(?:决算|实际)(?:支出)?(?:数)?` + filler)

// headingSubjects map the title of the innermost heading to the total a change with no
// subject of its own is about.
var headingSubjects = []struct{ prefix, key string }{
	{"收入", "revenue.total"}, {"支出", "expenditure.total"}, {"“三公”", "sanggong.total"}, {"三公", "sanggong.total"},
	{"机关运行经费", "operating_expenses"},
}

// headingSubject returns the total that the innermost heading over off is about, or "".
func headingSubject(d *Doc, off int) string {
	path := d.Outline.At(off)
	if len(path) == 0 {
		return ""
	}
	title := path[len(path)-1].Title
	for _, s := range headingSubjects {
		if strings.HasPrefix(title, s.prefix) {
			return s.key
		}
	}
	return ""
}

// bothKey stands for revenue and expenditure together as the subject of a change.
const bothKey = "revenue+expenditure"

// bareVerb is a clause that only says which way a figure went: 增加58.21万元.
var bareVerb = regexp.MustCompile(`^(?:增加|减少|增长|下降|上升|降低)(?:了)?$`)

// comparedRe ends a clause that names what a figure is compared with: …与上年相比.
var comparedRe = regexp.MustCompile(`(?:与|和|同|比|较)(?:上年|去年|上一年|上年度|(?:19|20)\d{2}年度?)(?:同期)?(?:决算数?|预算数?)?(?:相比|比较)?$`)

// prevClause returns the clause before the one starting at cStart, within its sentence.
func prevClause(text string, sStart, cStart int) string {
	i := clauseMarks.LastIndex(text[sStart:cStart])
	if i < 0 {
		return ""
	}
	end := sStart + i
	j := clauseMarks.LastIndex(text[sStart:end])
	start := sStart
	if j >= 0 {
		start = sStart + j + len(runeAt(text, sStart+j))
	}
	return text[start:end]
}

// bothTotalsRe labels one figure for revenue and expenditure alike: 部门收支总预算, 财政拨款收支总预算.
var bothTotalsRe = regexp.MustCompile(`收、?支(?:总预算|预算总额|预算总计|总计|合计|决算总计|总额)(?:各)?` + filler)

// bothTotals returns the two keys a figure labelled for both sides gives, or empty keys.
func bothTotals(a amount) [2]string {
	if a.part || a.bare || !bothTotalsRe.MatchString(a.label) {
		return [2]string{}
	}
	if strings.Contains(a.label, "拨款") {
		return [2]string{"appropriation.revenue", "appropriation.expenditure"}
	}
	if strings.Contains(a.label, "一般公共预算") || strings.Contains(a.label, "基金") || strings.Contains(a.label, "三公") {
		return [2]string{}
	}
	return [2]string{"revenue.total", "expenditure.total"}
}

// budgetNames are names that contain 预算 without being a budget figure.
var budgetNames = regexp.MustCompile(`一般公共(?:财政)?预算|政府性基金预算|国有资本经营预算|社会保险基金预算`)

// budgetFigure marks the budget figure a final account quotes for comparison.
var budgetFigure = regexp.MustCompile(`预算`)
