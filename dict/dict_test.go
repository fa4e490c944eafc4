package dict

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// tags are the part-of-speech tags an entry may have (see the header of budget.txt).
var tags = map[string]bool{
	"n": true, "nr": true, "nrt": true, "nrfg": true, "ns": true, "nt": true, "nz": true, "ng": true,
	"v": true, "vn": true, "vd": true, "vg": true, "vi": true, "vq": true,
	"a": true, "ad": true, "an": true, "ag": true, "d": true, "dg": true, "df": true,
	"m": true, "mq": true, "mg": true, "q": true, "r": true, "rr": true, "rz": true, "rg": true,
	"p": true, "c": true, "u": true, "uj": true, "ul": true, "uz": true, "ud": true, "ug": true, "uv": true,
	"f": true, "s": true, "t": true, "tg": true, "b": true, "z": true, "e": true, "y": true, "o": true,
	"g": true, "h": true, "k": true, "i": true, "l": true, "j": true, "x": true, "zg": true, "eng": true,
}

// entries parses the dictionary, failing t on any line gse would misread.
func entries(t *testing.T, text string) map[string][2]string {
	t.Helper()
	out := make(map[string][2]string)
	for i, line := range strings.Split(text, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, " ")
		if strings.HasPrefix(line, "#") {
			// gse's own loader reads "# 12 ..." as an entry for "#".
			if len(f) > 1 {
				if _, err := strconv.ParseFloat(f[1], 64); err == nil {
					t.Errorf("line %d: comment %q has a number as its second word", i+1, line)
				}
			}
			continue
		}
		if len(f) != 3 {
			t.Errorf("line %d: %q: want word, frequency and tag separated by single spaces", i+1, line)
			continue
		}
		word, freq, tag := f[0], f[1], f[2]
		if n, err := strconv.Atoi(freq); err != nil || n < 2 {
			t.Errorf("line %d: %q: frequency must be an integer of at least 2 (gse drops less)", i+1, line)
		}
		if !tags[tag] {
			t.Errorf("line %d: %q: unknown tag %q", i+1, line, tag)
		}
		for _, r := range word {
			// Package terms cuts digits, Latin letters and spaces before gse sees the
			// text, so an entry holding them could never match.
			if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
				t.Errorf("line %d: %q: word holds %q", i+1, line, r)
			}
		}
		if _, dup := out[word]; dup {
			t.Errorf("line %d: %q listed twice", i+1, word)
		}
		out[word] = [2]string{freq, tag}
	}
	return out
}

func TestBudget(t *testing.T) {
	b := Budget()
	file, err := os.ReadFile("budget.txt")
	if err != nil {
		t.Fatal(err)
	}
	if b != string(file) {
		t.Fatal("Budget() differs from budget.txt")
	}
	got := entries(t, b)
	if n := len(got); n < 2000 || n > 20000 {
		t.Errorf("%d entries; want a few thousand", n)
	}
	for _, w := range []string{
		"一般公共预算财政拨款", "一般公共预算拨款", "“三公”经费", "三公经费", "机关运行经费", "参公编制",
		"事业编制", "行政编制", "工勤编制", "政府性基金预算拨款", "国有资本经营预算", "事业单位经营收入",
		"上年结转", "年末结转和结余", "基本支出", "项目支出", "因公出国（境）费", "公务接待费",
		"公务用车购置及运行维护费", "公务用车运行维护费", "政府采购", "绩效目标管理",
		"一般公共服务支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
		"社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出",
		"交通运输支出", "住房保障支出", "灾害防治及应急管理支出", "医疗卫生与计划生育支出",
		"文化体育与传媒支出", "科", "股", "室", "办公室", "中心", "局", "委员会", "协会", "参公",
		"事业单位", "行政单位", "万元", "元", "个", "名", "辆", "台", "的", "和", "其中",
	} {
		if _, ok := got[w]; !ok {
			t.Errorf("%q missing", w)
		}
	}
}

// TestBudgetHoldsDomain checks that budget.txt was regenerated after domain.txt changed.
func TestBudgetHoldsDomain(t *testing.T) {
	got := entries(t, Budget())
	f, err := os.Open("domain.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fl := strings.Fields(line)
		if len(fl) != 3 {
			t.Errorf("domain.txt: %q: want word, frequency and tag", line)
			continue
		}
		if e, ok := got[fl[0]]; !ok || e != [2]string{fl[1], fl[2]} {
			t.Errorf("domain.txt entry %q is %v in budget.txt; run go run ./dict/internal/mkdict", line, e)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
