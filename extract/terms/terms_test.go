package terms

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// newGse loads the segmenter once for the tests of this file.
var newGse = sync.OnceValues(New)

func segmenter(t testing.TB) *Gse {
	t.Helper()
	g, err := newGse()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return g
}

func seed(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wholeTerms are the budget terms a field rule looks for; each must come out as one token.
var wholeTerms = []string{
	"一般公共预算财政拨款", "一般公共预算拨款", "“三公”经费", "三公经费", "机关运行经费",
	"参公编制", "事业编制", "行政编制", "工勤编制", "政府性基金预算拨款", "国有资本经营预算",
	"事业单位经营收入", "上年结转", "年末结转和结余", "基本支出", "项目支出", "因公出国（境）费",
	"公务接待费", "公务用车购置及运行维护费", "公务用车运行维护费", "政府采购", "绩效目标管理",
	"一般公共服务支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
	"社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出",
	"交通运输支出", "住房保障支出", "灾害防治及应急管理支出", "医疗卫生与计划生育支出",
	"文化体育与传媒支出", "国防支出", "资源勘探工业信息等支出", "自然资源海洋气象等支出",
	"粮油物资储备支出", "商业服务业等支出", "债务付息支出",
	"办公室", "中心", "委员会", "协会", "参公", "事业单位", "行政单位", "万元",
}

// contexts are the surroundings the whole terms are tried in; %s is the term.
var contexts = []string{
	"%s",
	"2023年%s154.79万元，",
	"其中：%s安排36万元。",
	"本单位%s和",
	"（一）%s：指",
	"和%s。",
}

func TestCutWholeTerms(t *testing.T) {
	g := segmenter(t)
	for _, term := range wholeTerms {
		for _, c := range contexts {
			text := fmt.Sprintf(c, term)
			start := strings.Index(text, term)
			toks := g.Cut(text)
			if !slices.ContainsFunc(toks, func(tk Token) bool {
				return tk.Start == start && tk.Text == term
			}) {
				t.Errorf("Cut(%q): %q not one token: %s", text, term, show(toks))
			}
		}
	}
}

func TestCut(t *testing.T) {
	g := segmenter(t)
	tests := []struct {
		in   string
		want string // tokens as text/pos, space-separated
	}{
		{"", ""},
		{"76.7%", "76.7/m %/x"},
		{"1,234元", "1,234/m 元/q"},
		{"1,234,567.89万元", "1,234,567.89/m 万元/q"},
		{"１２３．４５万元", "１２３．４５/m 万元/q"},
		{"１，２３４元", "１，２３４/m 元/q"},
		{"第1,2项", "第/m 1/m ,/x 2/m 项/q"},
		{"12,3456", "12/m ,/x 3456/m"},
		{"共3.", "共/d 3/m ./x"},
		{"2023年", "2023/m 年/m"},
		{"GDP增长", "GDP/eng 增长/v"},
		{"ＧＤＰ", "ＧＤＰ/eng"},
		{"PM2.5", "PM/eng 2.5/m"},
		{"023-61234567", "023/m -/x 61234567/m"},
		{"减少 4万元", "减少/v  /x 4/m 万元/q"},
		{" \t\u3000\n", " \t\u3000\n/x"},
		{"“三公”经费2万元", "“三公”经费/n 2/m 万元/q"},
		{"科学技术支出120.7万元", "科学技术支出/n 120.7/m 万元/q"},
		{"综合科", "综合科/nt"},
	}
	for _, tt := range tests {
		toks := g.Cut(tt.in)
		if got := show(toks); got != tt.want {
			t.Errorf("Cut(%q) = %s, want %s", tt.in, got, tt.want)
		}
		checkCover(t, tt.in, toks)
	}
}

func TestCutCoversInput(t *testing.T) {
	g := segmenter(t)
	inputs := []string{
		seed(t),
		"\xff\xfe收入\x80154.79\xe4\xb8万元",       // invalid UTF-8
		"𠀀𠀁预算𪚥",                                // characters outside the BMP
		"Ａ１ａ２ｂ３．．４，，５,6.7.8",                   // separators in every place
		"café naïve ½ ² Ⅻ 收入",                  // letters and numbers gse would join
		strings.Repeat("一般公共预算财政拨款", 500),      // long run without breaks
		strings.Repeat("9", 10000) + "." + "0", // long number
		"\x00\x01\r\n\u00a0\u2028\ufeff",       // controls and odd spaces
		"联系人：李晓燕   联系方式：023-61234567\n",
	}
	for _, in := range inputs {
		checkCover(t, in, g.Cut(in))
	}
}

func FuzzCut(f *testing.F) {
	for _, s := range []string{"", "1,234.5万元", "\xff预算", "Ａ１，２３４．５ｂ", "“三公”经费"} {
		f.Add(s)
	}
	g := segmenter(f)
	f.Fuzz(func(t *testing.T, in string) {
		checkCover(t, in, g.Cut(in))
	})
}

// checkCover fails t unless toks cover in exactly, in order, each with its own text.
func checkCover(t *testing.T, in string, toks []Token) {
	t.Helper()
	at := 0
	for i, tk := range toks {
		if tk.Start != at || tk.End <= tk.Start || tk.End > len(in) || in[tk.Start:tk.End] != tk.Text || tk.Pos == "" {
			t.Fatalf("Cut(%.40q): token %d %+v does not continue at byte %d", in, i, tk, at)
		}
		at = tk.End
	}
	if at != len(in) {
		t.Fatalf("Cut(%.40q): tokens end at %d of %d bytes", in, at, len(in))
	}
}

func TestCutNumbersAndLatinAreWhole(t *testing.T) {
	// Whatever surrounds them, a number ends in a digit and takes in the digits that
	// follow it, and a Latin run takes in the letters that follow it.
	g := segmenter(t)
	text := seed(t) + "ＧＤＰ76.7%，1,234,567元，PM2.5，共3.，１２３．４５ａ"
	toks := g.Cut(text)
	for i, tk := range toks {
		first, _ := utf8.DecodeRuneInString(tk.Text)
		last, _ := utf8.DecodeLastRuneInString(tk.Text)
		var next rune
		if i+1 < len(toks) {
			next, _ = utf8.DecodeRuneInString(toks[i+1].Text)
		}
		switch {
		case isDigit(first):
			if tk.Pos != PosNumber || !isDigit(last) || isDigit(next) {
				t.Errorf("number token %+v (next %q): want tag m, a digit at each end, no digit after", tk, next)
			}
		case isLatin(first):
			if tk.Pos != PosLatin || isLatin(next) {
				t.Errorf("Latin token %+v (next %q): want tag eng and no letter after", tk, next)
			}
		}
	}
}

func TestCutConcurrent(t *testing.T) {
	g := segmenter(t)
	text := seed(t)
	want := show(g.Cut(text))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 16 {
		wg.Go(func() {
			for range 5 {
				if got := show(g.Cut(text)); got != want {
					errs <- got
					return
				}
			}
		})
	}
	// A second segmenter loading meanwhile must not disturb the first.
	wg.Go(func() {
		if _, err := New(); err != nil {
			errs <- err.Error()
		}
	})
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent Cut differs from serial Cut: %.200s", got)
	}
}

func TestCutSeedGolden(t *testing.T) {
	g := segmenter(t)
	var b strings.Builder
	for _, tk := range g.Cut(seed(t)) {
		fmt.Fprintf(&b, "%d\t%d\t%s\t%q\n", tk.Start, tk.End, tk.Pos, tk.Text)
	}
	got := b.String()
	golden := filepath.Join("testdata", "seed.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		out := filepath.Join("testdata", "seed.got")
		os.WriteFile(out, []byte(got), 0o644)
		t.Errorf("Cut(seed) differs from %s; got written to %s (go test -update accepts it)", golden, out)
	}
}

func TestNewIsFast(t *testing.T) {
	// gse's full dictionary takes seconds; the budget dictionary must take milliseconds.
	// The bound is loose for slow machines and the race detector.
	start := time.Now()
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("New took %v; want well under a second", d)
	}
	if n := g.entries; n < 3000 || n > 20000 {
		t.Errorf("dictionary has %d entries; want a few thousand", n)
	}
}

func TestStripComments(t *testing.T) {
	in := "# 5508 entries\n甲 3 n\n  # 12 x\n乙乙 4 v"
	if got, want := stripComments(in), "甲 3 n\n乙乙 4 v"; got != want {
		t.Errorf("stripComments = %q, want %q", got, want)
	}
}

func TestLoadEmpty(t *testing.T) {
	if _, err := load("# nothing but a comment\n"); err == nil {
		t.Error("load of an empty dictionary succeeded; want an error")
	}
}

func show(toks []Token) string {
	parts := make([]string, len(toks))
	for i, tk := range toks {
		parts[i] = tk.Text + "/" + tk.Pos
	}
	return strings.Join(parts, " ")
}
