package facts

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A countRule gives the key of a count whose label (the clause's words before it) ends
// with Label, or which the noun After follows (1个事业单位). Rules are tried in order.
type countRule struct {
	// Needs is a word every label the rule's Label matches contains; other labels skip
	// the regexp. Rules read by After need none.
	Needs    string
	Key      string
	Label    string // regexp the label must end with; "" when only After applies
	After    string // regexp the text right after the measure word must begin with
	Measures string // the measure words it takes
	Topic    string // regexp the sentence before the count, or the headings, must match
	Around   bool   // Topic may match the whole sentence, after the count too
}

// countRules is the table of count rules. A new phrasing is a new line.
var countRules = []countRule{
	{Key: "org.sanggong_units", Label: `参公(?:管理)?(?:机构|单位)|参照公务员(?:法)?管理(?:的)?(?:事业)?(?:机构|单位)`, After: `参公(?:管理)?(?:机构|单位)|参照公务员(?:法)?管理的?(?:事业)?单位`, Measures: "个家"},
	{Key: "org.admin_units", Label: `行政(?:机构|单位)`, After: `行政(?:机构|单位)`, Measures: "个家"},
	{Key: "org.public_institutions", Label: `事业单位`, After: `(?:财政)?(?:全额|差额|全部|部分)?(?:拨款|补助)?事业单位`, Measures: "个家"},

	{Needs: "编制", Key: "staff.sanggong.authorized", Label: `(?:参公|参照公务员(?:法)?管理)(?:事业)?编制(?:数)?`, Measures: "名人个"},
	{Needs: "行政编制", Key: "staff.admin.authorized", Label: `行政编制(?:人员|人数|数)?`, Measures: "名人个"},
	{Needs: "工勤", Key: "staff.worker.authorized", Label: `工勤(?:人员)?(?:编制|控制数)(?:数)?`, Measures: "名人个"},
	{Needs: "事业编制", Key: "staff.institution.authorized", Label: `事业编制(?:人员|人数|数)?`, Measures: "名人个"},
	{Needs: "编制", Key: "staff.total.authorized", Label: `(?:^|[^控制])(?:人员)?编制(?:总数|人数|数)?`, Measures: "名人个"},

	{Key: "staff.sanggong.actual", Label: `实有(?:在职)?(?:参公|参照公务员(?:法)?管理)(?:事业)?(?:人员|人数)?`, Measures: "名人"},
	{Key: "staff.admin.actual", Label: `实有(?:在职)?行政(?:人员|人数)?`, Measures: "名人"},
	{Key: "staff.worker.actual", Label: `实有(?:在职)?工勤(?:人员|人数)?`, Measures: "名人"},
	{Key: "staff.institution.actual", Label: `实有(?:在职)?事业(?:人员|人数)?`, Measures: "名人"},
	{Key: "staff.total.actual", Label: `^(?:年末|现|目前)?(?:本|全|现)?(?:单位|部门|局|院|委|中心)?(?:在职|在编)*(?:实有|现有|在职|实际)(?:在职|在编|正式)*(?:人员|人数|教职工|职工)(?:总数|总计)?`, Measures: "名人"},
	// 行政编制65人，实有人数60人；事业编制0人，实际0人: the people of the posts just
	// counted (pairedActual gives the kind)
	{Key: "staff.total.actual", Label: `^(?:实有|实际)$`, Measures: "名人"},
	// The breakdown of the people in post: 实有在职人员58人，其中行政人员14人、事业人员44人.
	{Key: "staff.sanggong.actual", Label: `^参公(?:事业)?(?:在职|在编)*(?:人员|人数)?`, Measures: "名人", Topic: actualBreakdown},
	{Key: "staff.admin.actual", Label: `^行政(?:在职|在编)*(?:人员|人数)?`, Measures: "名人", Topic: actualBreakdown},
	{Key: "staff.worker.actual", Label: `^工勤(?:人员|人数)?`, Measures: "名人", Topic: actualBreakdown},
	{Key: "staff.institution.actual", Label: `^(?:全额|差额|全部|部分)?(?:拨款|补助)?事业(?:在职|在编)*(?:人员|人数)?`, Measures: "名人", Topic: actualBreakdown},
	{Needs: "离休", Key: "staff.lixiu", Label: `(?:^|[^退])离休(?:人员|干部|人数|职工)?`, Measures: "名人"},
	{Needs: "退休", Key: "staff.retired", Label: `(?:^|[^离])退休(?:人员|干部|人数|职工|教职工)?`, Measures: "名人"},

	{Key: "performance.project_count", Label: `项目(?:数)?`, After: `(?:一级|二级)?项目`, Measures: "个项", Topic: `绩效目标`, Around: true},
	{Needs: "车", Key: "assets.vehicles", Label: `(?:公务用车|公务车辆|公务车|车辆|公车)(?:保有量|保有|实有数|总数)?`, Measures: "辆台"},
}

// fundingKinds name how a public institution's posts are funded.
var fundingKinds = []string{"全额", "差额", "全部补助", "部分补助", "自收自支"}

// splitByFunding reports whether a count of institution staff labelled by its funding
// (全部补助事业人员) stands in a sentence that counts another funding kind too.
func splitByFunding(label, sentence string) bool {
	kinds := 0
	qualified := false
	for _, k := range fundingKinds {
		if strings.Contains(label, k) {
			qualified = true
		}
		if strings.Contains(sentence, k+"事业") || strings.Contains(sentence, k+"拨款事业") {
			kinds++
		}
	}
	return qualified && kinds > 1
}

// actualBreakdown is a sentence that has begun breaking down the people in post.
const actualBreakdown = `(?:实有|在职)[^，,；;。]*(?:人员|人数|教职工|职工)[^，,；;。]*[，,；;]?[^。]*(?:其中|包括)`

const countFiller = `(?:共|共计|合计|总计|小计|为|是|有|达)?$`

// countNoLabel marks a count of a change or a plan, not a state: 新增参公人员3名.
var countNoLabel = words{"新增", "增加", "减少", "调入", "调出", "招聘", "招录", "购置", "采购", "购买", "更新", "报废", "处置", "拍卖", "拟", "计划"}

// pairedActual reports whether a count of the people in post (实有人数60人) follows,
// in the same clause group, a count of one kind's posts (行政编制65人): it counts that
// kind's people, not the body's.
func pairedActual(key, label string, prev Fact, text string) bool {
	if key != "staff.total.actual" || !strings.HasSuffix(prev.Key, ".authorized") || prev.Key == "staff.total.authorized" ||
		!strings.HasPrefix(prev.Key, "staff.") || prev.End > len(text) {
		return false
	}
	if !strings.HasPrefix(label, "实有") && !strings.HasPrefix(label, "实际") {
		return false
	}
	// only a comma between the two counts' clauses
	between := text[prev.End:]
	between = between[:min(len(between), 3*24)]
	i := strings.Index(between, label)
	return i >= 0 && !semicolonsOrStops(between[:i])
}

// totalPostsSince reports whether the body's posts were counted as a whole since off (编制
// 93人，其中：行政编制64人，事业编制29人，实有人数107人): the people after their
// breakdown are the whole body's.
func totalPostsSince(fs []Fact, off int) bool {
	for k := len(fs) - 1; k >= 0 && fs[k].Start >= off; k-- {
		if fs[k].Key == "staff.total.authorized" {
			return true
		}
	}
	return false
}

// semicolonsOrStops reports whether s holds a mark that ends a clause group.
func semicolonsOrStops(s string) bool { return strings.ContainsAny(s, "；;。\n") }

// bareCount reports whether the figure text[start:end] is a whole number that stands
// alone in its clause, without a measure word (编制人数小计20，其中行政编制12，…): a
// staffing label before it may count people.
func bareCount(text string, start, end int) bool {
	fig := text[start:end]
	if len(fig) > 5 || strings.ContainsAny(fig, ".,-+") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[end:])
	return end == len(text) || strings.ContainsRune("，,；;。、\n", r)
}

type compiledCountRule struct {
	countRule
	label, after, topic *regexp.Regexp
}

var compiledCountRules = compileCountRules(countRules)

func compileCountRules(rs []countRule) []compiledCountRule {
	out := make([]compiledCountRule, len(rs))
	for i, r := range rs {
		c := compiledCountRule{countRule: r}
		if r.Label != "" {
			c.label = regexp.MustCompile(`(?:` + r.Label + `)` + countFiller)
		}
		if r.After != "" {
			c.after = regexp.MustCompile(`^(?:` + r.After + `)`)
		}
		if r.Topic != "" {
			c.topic = regexp.MustCompile(r.Topic)
		}
		out[i] = c
	}
	return out
}

// countFacts reads every count (a whole number with a measure word) and gives it the
// key of the first rule that holds.
func countFacts(d *Doc) []Fact {
	var fs []Fact
	prevEnd := 0
	next := 0 // the length at which fs is next compacted
	for _, n := range d.Numbers {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		fs = compactEvery(fs, &next)
		bare := n.Measure == "" && !n.Ordinal && n.Unit == 0 && bareCount(d.Match, n.Start, n.End)
		if n.Measure == "" && !bare || n.Ordinal || n.Unit != 0 {
			if n.Unit != 0 {
				prevEnd = n.End
			}
			continue
		}
		v, ok := n.Value.Int()
		if !ok || v < 0 {
			continue
		}
		sStart, sEnd := d.sentence(n.Start)
		cStart := sStart
		if prevEnd > cStart {
			cStart = prevEnd
		}
		if i := countClauseMarks.LastIndex(d.Match[cStart:n.Start]); i >= 0 {
			cStart += i + len(runeAt(d.Match, cStart+i))
		}
		prevEnd = n.End
		raw := strings.TrimSpace(d.Match[cStart:n.Start])
		label := cleanLabel(raw)
		if countNoLabel.MatchString(label) {
			continue
		}
		after := d.Match[n.End:]
		for _, r := range compiledCountRules {
			if bare && !strings.HasPrefix(r.Key, "staff.") || !bare && !strings.Contains(r.Measures, n.Measure) {
				continue // a bare figure counts people only under a staffing label
			}
			hit := r.label != nil && (r.Needs == "" || strings.Contains(label, r.Needs)) && r.label.MatchString(label)
			if !hit && !bare && r.after != nil && r.after.MatchString(after) {
				if m := r.after.FindString(after); !countNoLabel.MatchString(m) {
					hit = true
				}
			}
			if hit && r.topic != nil {
				// the sentence before the count or the headings above; with Around,
				// the whole sentence
				sent := d.scan(sStart, sEnd)
				t := topic{d: d, off: n.Start, sent: sent, cut: n.Start}
				hit = t.has(r.topic, false) || r.Around && d.reBefore(sent, r.topic, sEnd)
			}
			if hit && r.Key == "staff.institution.actual" && splitByFunding(label, d.Match[sStart:sEnd]) {
				break // 全部补助事业人员33人、自收自支事业人员21人: neither is the whole
			}
			if hit {
				key := r.Key
				if len(fs) > 0 && pairedActual(key, label, fs[len(fs)-1], d.Match) && !totalPostsSince(fs, sStart) {
					// 行政编制65人，实有人数60人；事业编制…: the people in the posts just counted
					key = strings.TrimSuffix(fs[len(fs)-1].Key, ".authorized") + ".actual"
				} else if label == "实有" || label == "实际" {
					break // a bare 实际 counts people only after a count of posts
				}
				fs = append(fs, Fact{Key: key, Type: Integer, Int: v, Approx: n.Approx, Start: n.Start, End: n.End, Rule: r.Label + r.After})
				break
			}
		}
	}
	return fs
}
