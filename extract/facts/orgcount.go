package facts

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A list of subordinate units whose count the text states, before or after it: the
// count makes the list sure wherever it stands (…；及A、B、C和D4个事业单位; 全额拨款事业单位3家，
// 具体为：A、B、C). The body's own 本级 may begin such a list and count in it.
var (
	countAfter  = regexp.MustCompile(`(\d{1,2}|[一二两三四五六七八九十]{1,3})(?:个|家|所)(?:下属|所属|二级)?(?:事业单位|单位|学校|预算单位|机构)`)
	countBefore = regexp.MustCompile(`^(?:单位|学校)(\d{1,2}|[一二两三四五六七八九十]{1,3})(?:个|家|所)?[)）]?[，,]?(?:具体|分别|即)?(?:为|是|包括|有)[：:]`)
	// selfItem is the body itself at the head of the list: 某某中学本级预算, 本级.
	selfItem = regexp.MustCompile(`本级(?:预算|决算)?$`)
)

// countedUnits returns the subordinate units of the lists whose count is stated.
func countedUnits(d *Doc) []Fact {
	var fs []Fact
	text := d.Match
	take := func(items [][2]int, count int) {
		self := 0
		var names [][2]int
		for _, it := range items {
			s := strings.TrimLeft(text[it[0]:it[1]], " ")
			for _, lead := range []string{"以及", "及", "和", "与", "包括", "有"} {
				if strings.HasPrefix(s, lead) {
					s = s[len(lead):]
				}
			}
			for _, verb := range []string{"下设", "下属", "所属", "设有"} {
				if i := strings.LastIndex(s, verb); i >= 0 {
					s = s[i+len(verb):] // 县城管局下设某某大队一个下属单位: the unit follows the verb
				}
			}
			start := it[1] - len(s)
			switch {
			case selfItem.MatchString(s):
				self++
			case unitName.MatchString(s) && utf8.RuneCountInString(s) >= 5:
				names = append(names, [2]int{start, it[1]})
			default:
				return // an item that is no unit: not a list of units
			}
		}
		if len(names) == 0 || len(names)+self != count && len(names) != count {
			return
		}
		for _, n := range names {
			fs = append(fs, Fact{Key: "org.subordinate", Type: String, Text: text[n[0]:n[1]], Start: n[0], End: n[1], Rule: "counted"})
		}
	}
	if !strings.Contains(text, "单位") && !strings.Contains(text, "学校") && !strings.Contains(text, "机构") {
		return nil // no count of units to read: spare the text two scans
	}
	for _, m := range countsAfter(text) {
		if d.poll.Done() {
			return nil // canceled: Extract returns the context's error
		}
		count, ok := smallCount(text[m[2]:m[3]])
		if !ok || count < 1 {
			continue
		}
		begin := m[0] - 600
		if begin < 0 {
			begin = 0
		}
		for !utf8.RuneStart(text[begin]) {
			begin++
		}
		if i := strings.LastIndexAny(text[begin:m[0]], "；;。：:\n"); i >= 0 {
			begin += i + 1
			_, w := utf8.DecodeRuneInString(text[begin-1:])
			begin += w - 1
		}
		take(splitList(text, begin, m[0], "、，,和及与"), count)
	}
	for _, m := range countsBefore(text) {
		if d.poll.Done() {
			return nil
		}
		count, ok := smallCount(text[m[2]:m[3]])
		if !ok || count < 1 {
			continue
		}
		end := m[1] + 600
		if end > len(text) {
			end = len(text)
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end--
		}
		if i := strings.IndexAny(text[m[1]:end], "；;。\n)）"); i >= 0 {
			end = m[1] + i
		}
		take(splitList(text, m[1], end, "、，,和及与"), count)
	}
	return fs
}

// countsBefore returns the matches of countBefore in text, as FindAllStringSubmatchIndex
// would (each from the 单位 or 学校 it begins with, which is all that is read of it),
// found from those words: the regexp run over the whole text steps through every byte
// of it, a fifth of an extraction.
func countsBefore(text string) [][]int {
	var out [][]int
	for _, w := range []string{"单位", "学校"} {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			j += i
			i = j + len(w)
			if m := countBefore.FindStringSubmatchIndex(text[j:min(len(text), j+96)]); m != nil && m[0] == 0 {
				for k := range m {
					if m[k] >= 0 {
						m[k] += j
					}
				}
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

// countsAfter returns the matches of countAfter in text, as FindAllStringSubmatchIndex
// would, found from the measure words 个, 家 and 所: the regexp tried at every figure of a
// long table costs more than all the other rules.
func countsAfter(text string) [][]int {
	var out [][]int
	for _, mw := range []string{"个", "家", "所"} {
		for i := 0; ; {
			j := strings.Index(text[i:], mw)
			if j < 0 {
				break
			}
			j += i
			i = j + len(mw)
			start := j
			for n := 0; n < 3 && start > 0; n++ { // the count before: up to three runes
				r, w := utf8.DecodeLastRuneInString(text[:start])
				if !(r >= '0' && r <= '9' || strings.ContainsRune("一二两三四五六七八九十", r)) {
					break
				}
				start -= w
			}
			if start == j {
				continue
			}
			if m := countAfter.FindStringSubmatchIndex(text[start:min(len(text), i+len("二级预算单位"))]); m != nil && m[0] == 0 {
				for k := range m {
					m[k] += start
				}
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

// smallCount reads a count of units: 4, 五, 十二.
func smallCount(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digit := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		switch {
		case r == '十':
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
		default:
			v, ok := digit[r]
			if !ok {
				return 0, false
			}
			cur = v
		}
	}
	return n + cur, true
}
