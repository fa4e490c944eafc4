package facts

import (
	"regexp"
	"slices"
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
