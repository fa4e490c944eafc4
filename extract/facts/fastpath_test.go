package facts

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSentenceStops checks the search for stops against the plain reading of the runes,
// including text that is not valid UTF-8.
func TestSentenceStops(t *testing.T) {
	byRunes := func(s string) []int {
		stops := []int{}
		for i, r := range s {
			switch r {
			case '。', '！', '？', '!', '?', '\n':
				stops = append(stops, i)
			}
		}
		return stops
	}
	for _, s := range []string{
		"", "。", "收入预算100万元。支出预算100万元！是否？是\n否!?",
		"ab。cd", "\xe3。", "\xe3\x80。", "\xf0。", "全角！？", "無標點", "〇。、「」『』",
		"\xef\xbc\x81\xef\xbc\x9f\xef\xbc\x8c", // ！？，
	} {
		if got, want := sentenceStops(s), byRunes(s); !slices.Equal(got, want) {
			t.Errorf("sentenceStops(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPartOfIsBreakdown checks partOf against the regexp it stands for.
func TestPartOfIsBreakdown(t *testing.T) {
	breakdown := regexp.MustCompile(`其中|包括[：:]|分别为|具体为|中[：:]`)
	for _, s := range []string{
		"", "其中", "收入包括：", "收入包括", "包括:", "分别为", "具体为", "中：", "中:", "其中：", "中", "集中采购",
		"预算中，", "中中：", "包括包括：", "x中y中:z", "支出预算100万元，其中基本支出", "本年收入合计中",
		"包\xe6括：", "中\xef\xbc", "中：中",
	} {
		if got, want := partOf(s), breakdown.MatchString(s); got != want {
			t.Errorf("partOf(%q) = %v, breakdown says %v", s, got, want)
		}
	}
}

// TestLeadOfIsLabelLead checks leadOf against the regexp labelLead it stands for.
func TestLeadOfIsLabelLead(t *testing.T) {
	for _, s := range []string{
		"", "收入", "（一）收入", "(1)支出", "1、其中：2023年度收入", "一、", "其中：", "包括", "含", "：", ":2023年",
		"2023年收入", "1999年", "2100年", "12.收入", "十一、支出", "（十）", "其他", "含税", "一般公共预算", "\xff收入",
	} {
		if got, want := leadOf(s), labelLead.FindString(s); got != want {
			t.Errorf("leadOf(%q) = %q, labelLead says %q", s, got, want)
		}
	}
}

// sameAsRegexp checks that match answers as re does on every input, and that at
// least least of the inputs match and least do not, so that the comparison sees both
// outcomes.
func sameAsRegexp(t *testing.T, name string, match func(string) bool, re *regexp.Regexp, inputs []string, least int) {
	t.Helper()
	matched := 0
	for _, s := range inputs {
		want := re.MatchString(s)
		if got := match(s); got != want {
			t.Errorf("%s(%q) = %v, the regexp %s says %v", name, s, got, re, want)
		}
		if want {
			matched++
		}
	}
	if matched < least || len(inputs)-matched < least {
		t.Errorf("%s: %d of %d inputs match; the comparison needs %d of each outcome", name, matched, len(inputs), least)
	}
}

// randomTexts returns n strings of up to max pieces drawn from pieces, seeded so a
// failure repeats.
func randomTexts(pieces []string, n, max int) []string {
	r := rand.New(rand.NewPCG(3, 4))
	out := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for range r.IntN(max + 1) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out = append(out, b.String())
	}
	return out
}

// TestWordsIsTheAlternation checks each words list against the alternation of the
// same words as a regexp, on the words alone, with text around them, split across
// bytes of a rune, and on random strings of words, parts of words and other runes.
func TestWordsIsTheAlternation(t *testing.T) {
	for name, w := range map[string]words{
		"subordinateMark": subordinateMark, "subordinateHeading": subordinateHeading,
		"siteFooter": siteFooter, "officeWord": officeWord, "countNoLabel": countNoLabel,
	} {
		re := regexp.MustCompile(strings.Join(w, "|"))
		var pieces []string
		inputs := []string{""}
		for _, x := range w {
			rs := []rune(x)
			pieces = append(pieces, x, string(rs[:1]), string(rs[len(rs)-1:]))
			inputs = append(inputs, x, "县"+x+"。", x[:len(x)-1], x[1:])
		}
		pieces = append(pieces, "县", "人员", "名", "a", "1", "：", "\xe6")
		inputs = append(inputs, randomTexts(pieces, 5000, 8)...)
		sameAsRegexp(t, name+".MatchString", w.MatchString, re, inputs, 100)
	}
}

// TestHeadlineIsHeadlineLabel checks the word test before headlineLabel against the
// regexp alone, on labels of the shapes it is tried on and random ones.
func TestHeadlineIsHeadlineLabel(t *testing.T) {
	pieces := []string{"2023年", "2023年度", "1999年", "本部门", "单位", "本年", "总", "收入", "支出", "收", "支",
		"预算", "决算", "总预算", "合计", "总计", "总额", "的", "年初", "数", "安排", "为", "达到", "人民币", "一般公共",
		"县", "科协", "：", "1", "\xe6"}
	inputs := append([]string{"", "收入", "支出总计", "2021年收入预算", "本单位2023年度收入预算数为", "一般公共预算支出",
		"收入支出", "支出预算情况"}, randomTexts(pieces, 20000, 7)...)
	sameAsRegexp(t, "headline", headline, headlineLabel, inputs, 100)
}

// TestOpensBreakdownIsColonBreakdown checks the colon test before colonBreakdown
// against the regexp alone.
func TestOpensBreakdownIsColonBreakdown(t *testing.T) {
	pieces := []string{"收入", "支出", "预算", "决算", "情况", "：", ":", "（一）", "其中", "县", "。", "\xef\xbc", "\n"}
	inputs := append([]string{"", "：", "收入：", "（一）收入预算：", "支出决算情况:", "收入预算：。", "收入预算：\n"},
		randomTexts(pieces, 20000, 6)...)
	sameAsRegexp(t, "opensBreakdown", opensBreakdown, colonBreakdown, inputs, 100)
}

// TestMoneyRuleWordsKeepEveryMatch checks that the words a money rule needs
// (Needs, NeedsOne) turn away no label its regexp matches, on labels built from the
// rules' words, every functional class and the words around a label.
func TestMoneyRuleWordsKeepEveryMatch(t *testing.T) {
	pieces := strings.Split(functionClasses, "|")
	for _, r := range moneyRules {
		pieces = append(pieces, r.Needs)
		pieces = append(pieces, r.NeedsOne...)
	}
	pieces = append(pieces, "2023年", "本部门", "项目", "涉及", "（类）", "类", "的", "年初", "预算", "数", "为", "合计",
		"公务用车", "因公出国（境）", "三公", "经费", "费", "维护", "费用", "公务用车购置及运行维护费", "公务接待费", "机关运行经费", "支出", "收入", "财政", "拨款", "一般公共", "资金", "金额", "县", "1")
	labels := randomTexts(pieces, 30000, 4)
	tried := map[string]int{}
	for _, r := range compiledMoneyRules {
		if r.Needs == "" && r.NeedsOne == nil {
			continue
		}
		for _, l := range labels {
			if !r.label.MatchString(l) {
				continue
			}
			tried[r.Key]++
			if r.Needs != "" && !strings.Contains(l, r.Needs) || r.NeedsOne != nil && !r.NeedsOne.MatchString(l) {
				t.Errorf("rule %s (%s) matches %q, but its words turn the label away", r.Key, r.Label, l)
			}
		}
	}
	for _, key := range []string{"expenditure.function", "performance.project_funds", "revenue.total", "sanggong.vehicle"} {
		if tried[key] < 20 {
			t.Errorf("rule %s matched only %d labels; the check needs more", key, tried[key])
		}
	}
}

// TestLeadYearIsLeadYearRe checks leadYear, which gives the regexp only the sentence's
// leading run of Han, digits and numbering marks, against the regexp on the whole
// sentence; and otherYear's word test against the year regexp alone.
func TestLeadYearIsLeadYearRe(t *testing.T) {
	pieces := []string{"2023年", "2022年度", "1999年", "2100年", "本单位", "（一）", "(2)", "3、", "12.", "十一、", "一二三", "年",
		"20", "23", "收入", "，", "。", "3．", "（", "）", "“三公”", "经费", " ", "a", "〇", "\xe5", "\ufffd", "：", "预算"}
	inputs := append([]string{"", "2023年", "本单位2021年收入", "（一）2023年度", "，2023年", "一二三四五六七八九十一二三2023年"},
		randomTexts(pieces, 30000, 8)...)
	found, stated := 0, 0
	for _, s := range inputs {
		want := ""
		if m := leadYearRe.FindStringSubmatch(s); m != nil {
			want = m[1]
			found++
		}
		if got := leadYear(s); got != want {
			t.Errorf("leadYear(%q) = %q, leadYearRe on the whole sentence says %q", s, got, want)
		}
		for _, year := range []int{2023, 2022} {
			ys := yearRe.FindAllStringSubmatch(s, -1) // otherYear without its word test
			want := len(ys) > 0
			for _, y := range ys {
				want = want && y[1] != itoa(year)
			}
			if len(ys) > 0 {
				stated++
			}
			if got := otherYear(s, year); got != want {
				t.Errorf("otherYear(%q, %d) = %v, yearRe alone says %v", s, year, got, want)
			}
		}
	}
	if found < 500 || stated < 500 {
		t.Errorf("%d sentences lead with a year and %d state one; the comparison needs more", found, stated)
	}
}

// TestFillerOnlyIsTheRegexp checks that fillerParts spell filler, and fillerOnly
// against the regexp ^ + filler on every label of filler's words and random ones.
func TestFillerOnlyIsTheRegexp(t *testing.T) {
	var spelled strings.Builder
	var pieces []string
	for _, part := range fillerParts {
		spelled.WriteString("(?:" + strings.Join(part, "|") + ")?")
		pieces = append(pieces, part...)
	}
	if got := spelled.String() + "$"; got != filler {
		t.Fatalf("fillerParts spell %s, filler is %s", got, filler)
	}
	pieces = append(pieces, "2023年", "收入", "总", "共", "计", "均", "\xe5", " ")
	inputs := append([]string{"", "的", "年初预算数", "预算数为", "合计", "共计", "共计为", "总计计", "为为", "人民币的"},
		randomTexts(pieces, 30000, 5)...)
	sameAsRegexp(t, "fillerOnly.MatchString", fillerOnly{}.MatchString, regexp.MustCompile(`^`+filler), inputs, 500)
}

// TestPurchaseVerbsHoldGou checks the word test before purchaseVerb: a clause the
// regexp finds a verb in holds 购.
func TestPurchaseVerbsHoldGou(t *testing.T) {
	pieces := []string{"拟", "计划", "预计", "准备", "政府", "采购", "购置", "购买", "新购", "采", "置", "买", "电脑", "台", "2", "，"}
	found := 0
	for _, s := range randomTexts(pieces, 20000, 5) {
		if purchaseVerb.FindAllStringIndex(s, -1) == nil {
			continue
		}
		found++
		if !strings.Contains(s, "购") {
			t.Errorf("purchaseVerb finds a verb in %q, which holds no 购", s)
		}
	}
	if found < 500 {
		t.Errorf("only %d clauses hold a purchase verb; the check needs more", found)
	}
}
