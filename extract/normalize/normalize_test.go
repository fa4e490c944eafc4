package normalize

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestNew(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// 1. width and odd spaces
		{"full-width digits", "收入１２３４５万元", "收入12345万元"},
		{"full-width letters", "ＡＢＣ类ｘｙｚ项目", "ABC类xyz项目"},
		{"full-width percent", "增长１２％", "增长12%"},
		{"full-width point between digits", "１５４．７９万元", "154.79万元"},
		{"full-width point elsewhere", "说明．附表", "说明．附表"},
		{"ideographic space indent", "\u3000\u3000一、基本情况", "一、基本情况"},
		{"no-break space between words", "Total\u00a0100", "Total 100"},
		{"chinese punctuation kept", "（一）收入：１万元，支出；“三公”、其他。", "（一）收入：1万元，支出；“三公”、其他。"},
		{"traditional kept", "經費預算", "經費預算"},
		{"zero-width marks dropped", "经\u200b费\ufeff预算", "经费预算"},
		{"control bytes dropped", "经费\x01\x02预算\x7f", "经费预算"},
		{"invalid utf-8", "经费\xff预算", "经费\ufffd预算"},
		// 2. HTML remnants
		{"entities", "A&amp;B &lt;1&gt; &quot;x&quot;", "A&B <1> \"x\""},
		{"nbsp entity beside han", "经费&nbsp;&nbsp;预算", "经费预算"},
		{"numeric entities", "&#20013;&#x6587;&#X4E00;", "中文一"},
		{"numeric entity folded", "&#65297;&#65298;万元", "12万元"},
		{"not an entity", "A&B &unknown; &#xZZ; &#0; &", "A&B &unknown; &#xZZ; &#0; &"},
		{"br tags", "第一行<br>第二行<br/>第三行<BR />第四行", "第一行\n第二行\n第三行\n第四行"},
		{"p tags", "<p>第一段</p><p class=\"x\">第二段</p>", "第一段\n第二段"},
		{"p tags on their lines", "<div>\n<p>第一段</p>\n<p>第二段</p>\n</div>", "第一段\n第二段"},
		{"title line not joined", "某某县某某小学2022年单位预算公开.pdf\n某某县2022年区级单位预算 预算单位:某某县某某小学 目 录 一、单位主要职能", "某某县某某小学2022年单位预算公开.pdf\n某某县2022年区级单位预算预算单位:某某县某某小学目录一、单位主要职能"},
		{"section title not joined", "某某县2023年“三公”经费预算增减变化情况说明\n2023年，全县县级部门汇总一般公共预算“三公”经费预安排2415.44万元，较上年预算增加36.67万元。", "某某县2023年“三公”经费预算增减变化情况说明\n2023年，全县县级部门汇总一般公共预算“三公”经费预安排2415.44万元，较上年预算增加36.67万元。"},
		{"metadata fields not joined", "索 引 号: 00817387-ls/2020-00244 分  类: 财政、金融、审计\n发文机关: 某某县政府办 发文日期: 2020年10月09日 15:00\n名  称: 某某县人民政府办公室2019年度部门决算公开情况的说明", "索引号: 00817387-ls/2020-00244分类:财政、金融、审计\n发文机关:某某县政府办发文日期: 2020年10月09日15:00\n名称:某某县人民政府办公室2019年度部门决算公开情况的说明"},
		{"heading not joined", "三、一般公共预算财政拨款“三公”经费支出决算情况说明\n2023年度“三公”经费支出决算数为12.34万元，完成预算的95.2%。", "三、一般公共预算财政拨款“三公”经费支出决算情况说明\n2023年度“三公”经费支出决算数为12.34万元，完成预算的95.2%。"},
		{"numbered paragraph joined", "1、坚持党的领导。坚决贯彻党的方针和政策，坚定不移走\n中国特色社会主义群团发展道路。", "1、坚持党的领导。坚决贯彻党的方针和政策，坚定不移走中国特色社会主义群团发展道路。"},
		{"stray tags", "<span style=\"a\">经费</span><b>预算</b>", "经费预算"},
		{"comment", "经费<!-- note -->预算", "经费预算"},
		{"less-than is no tag", "小于<5万元，a < b", "小于<5万元，a < b"},
		// 3. Word field codes
		{"toc field", "目录\nTOC \\o \"1-3\" \\h \\z \\u\n一、基本情况", "目录\n一、基本情况"},
		{"pageref with page", "一、部门基本情况\tPAGEREF _Toc123456789 \\h 3\n二、收支情况 PAGEREF _Toc987 \\h 5", "一、部门基本情况\n二、收支情况"},
		{"hyperlink", "HYPERLINK \\l \"_Toc123\" 一、基本情况", "一、基本情况"},
		{"braced field", "一、情况{ PAGEREF _Toc1 \\h }4", "一、情况4"},
		{"merge format", "REF _Ref123 \\h \\* MERGEFORMAT 表1", "表1"},
		{"toc word in prose", "The TOC lists REF numbers", "The TOC lists REF numbers"},
		// 4. page numbers
		{"em dash page", "经费。\n— 2 —\n预算。", "经费。\n预算。"},
		{"hyphen pages", "经费。\n- 2 -\n-3-\n预算。", "经费。\n预算。"},
		{"full-width dash page", "经费。\n－２－\n预算。", "经费。\n预算。"},
		{"page of count", "经费。\n第 2 页\n第2页 共10页\n共10页，第3页\n预算。", "经费。\n预算。"},
		{"slash page", "经费。\n2/10\n预算。", "经费。\n预算。"},
		{"english page", "经费。\nPage 2 of 10\n预算。", "经费。\n预算。"},
		{"bare number kept", "合计\n154.79\n2\n预算。", "合计\n154.79\n2\n预算。"},
		{"fraction kept", "比例\n3/2\n预算。", "比例\n3/2\n预算。"},
		{"page number at the end", "预算。\n— 9 —", "预算。"},
		// 5. pinyin
		{"pinyin after traditional", "泉港區(qū)經(jīng)費", "泉港區經費"},
		{"full-width parentheses pinyin", "經（jīng）費", "經費"},
		{"ordinary parentheses", "出国(境)费用(2023)（一）(PPP)(a)", "出国(境)费用(2023)（一）(PPP)(a)"},
		{"pinyin after ascii kept", "Beijing(běi)", "Beijing(běi)"},
		// 6. white space
		{"letter-spaced", "经 费 总预 算", "经费总预算"},
		{"figure and unit", "0 万元", "0万元"},
		{"space before punctuation", "经费 ， 预算 。", "经费，预算。"},
		{"ascii runs collapse", "Total   100\t\t200", "Total 100 200"},
		{"table row kept", "项目 | 2023年 | 合计\n经费 |   154.79 | 100", "项目 | 2023年 | 合计\n经费 | 154.79 | 100"},
		{"line ends trimmed", "  经费  \n\t预算\t", "经费\n预算"},
		{"blank lines collapse", "经费\n\n\n\n预算\n\n结转", "经费\n\n预算\n\n结转"},
		{"blank lines at both ends", "\n\n  \n经费\n\n  \n", "经费"},
		{"crlf and cr", "经费\r\n预算\r结转", "经费\n预算\n结转"},
		{"form feed", "第一页\f第二页", "第一页\n第二页"},
		// 7. broken lines
		{"year split", "2023\n年收入", "2023年收入"},
		{"decimal split", "收入154.\n79万元", "收入154.79万元"},
		{"decimal split before point", "收入154\n.79万元", "收入154.79万元"},
		{"thousands split", "收入1,\n234万元", "收入1,234万元"},
		{"figure and unit split", "收入154.79\n万元", "收入154.79万元"},
		{"percent split", "增长12.5\n%", "增长12.5%"},
		{"wrapped paragraph",
			"2023年一般公共预算财政拨款收入154.79万元，比上年增\n加35.13万元，主要原因是新增人员，支出相应增加。",
			"2023年一般公共预算财政拨款收入154.79万元，比上年增加35.13万元，主要原因是新增人员，支出相应增加。"},
		{"wrapped into a short last line",
			"本单位2023年机关运行经费预算为154.79万元，主要用于\n办公费支出。",
			"本单位2023年机关运行经费预算为154.79万元，主要用于办公费支出。"},
		{"comma ends a line", "收入，\n支出。", "收入，支出。"},
		{"sentence end kept", "本单位2023年机关运行经费预算为154.79万元。\n二、支出情况", "本单位2023年机关运行经费预算为154.79万元。\n二、支出情况"},
		{"numbered items kept",
			"本单位主要职责包括以下几个方面的工作内容和任务\n（一）财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n1、财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n(2)财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n3.财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n第一部分",
			"本单位主要职责包括以下几个方面的工作内容和任务\n（一）财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n1、财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n(2)财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n3.财政管理\n本单位主要职责包括以下几个方面的工作内容和任务\n第一部分"},
		{"title and heading kept", "某某县科学技术协会2023年部门预算情况说明\n单位基本情况", "某某县科学技术协会2023年部门预算情况说明\n单位基本情况"},
		{"short lines kept", "收入合计\n支出合计", "收入合计\n支出合计"},
		{"bare numbers kept", "154\n79", "154\n79"},
		{"table rows not joined", "项目 | 2023\n年初预算 | 100", "项目 | 2023\n年初预算 | 100"},
		{"ascii words joined by a space",
			"The budget of the county science association for the year\nwas approved, as the law requires.",
			"The budget of the county science association for the year was approved, as the law requires."},
		{"paragraph across a page",
			"2023年一般公共预算财政拨款支出154.79万元，主要用于保障机构\n— 3 —\n正常运转和完成各项工作任务。",
			"2023年一般公共预算财政拨款支出154.79万元，主要用于保障机构正常运转和完成各项工作任务。"},
		{"empty", "", ""},
		{"only blanks", " \n\t\u3000\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(tt.in).String()
			if got != tt.want {
				t.Errorf("New(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkMap(t, tt.in)
		})
	}
}

// TestSourceSpan checks spans a caller relies on: a figure found in the normalised
// text maps back to exactly its source.
func TestSourceSpan(t *testing.T) {
	tests := []struct {
		name, src, find, want string
	}{
		{"full-width figure", "收入：１５４．７９万元。", "154.79", "１５４．７９"},
		{"figure after removed spaces", "收 入 154.79 万元", "154.79万元", "154.79 万元"},
		{"entity", "A&amp;B", "A&B", "A&amp;B"},
		{"joined number", "收入154.\n79万元", "154.79", "154.\n79"},
		{"after removed page number", "经费。\n— 2 —\n预算１２万元", "12万元", "１２万元"},
		{"after crlf", "一\r\n二\r\n三", "三", "三"},
		{"after pinyin", "經(jīng)費100萬", "費100", "費100"},
		{"whole text", "  经费 \n", "经费", "经费"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := New(tt.src)
			i := strings.Index(n.String(), tt.find)
			if i < 0 {
				t.Fatalf("%q not in %q", tt.find, n.String())
			}
			s, e := n.SourceSpan(i, i+len(tt.find))
			if got := tt.src[s:e]; got != tt.want {
				t.Errorf("SourceSpan of %q = [%d,%d) %q, want %q", tt.find, s, e, got, tt.want)
			}
			if s != n.Source(i) {
				t.Errorf("SourceSpan start %d != Source %d", s, n.Source(i))
			}
		})
	}
}

func TestSourceClamps(t *testing.T) {
	n := New("经 费")
	for _, off := range []int{-5, 0, 3, 6, 100} {
		if s := n.Source(off); s < 0 || s > len("经 费") {
			t.Errorf("Source(%d) = %d, out of the source", off, s)
		}
	}
	if s, e := n.SourceSpan(6, 0); s != e {
		t.Errorf("SourceSpan(6, 0) = %d, %d, want an empty span", s, e)
	}
	if s, e := n.SourceSpan(-1, 100); s != 0 || e != len("经 费") {
		t.Errorf("SourceSpan(-1, 100) = %d, %d, want 0, %d", s, e, len("经 费"))
	}
}

// checkMap checks the map of New(src): every rune of the output comes from a
// non-empty source span, the spans follow one another without overlap, each span
// normalises back to its rune, and Source is non-decreasing and inside the source.
//
// A span out of its context may normalise otherwise in two cases, both allowed: a
// blank (a space or line break whose neighbours decided that it stays) comes from
// source text that folds to blanks, and a . comes from a ． between digits.
func checkMap(t *testing.T, src string) {
	t.Helper()
	n := New(src)
	out := n.String()
	if !utf8.ValidString(out) {
		t.Fatalf("New(%q) = %q, not valid UTF-8", src, out)
	}
	last := 0
	for off := 0; off <= len(out); off++ {
		s := n.Source(off)
		if s < last || s > len(src) {
			t.Fatalf("New(%q): Source(%d) = %d after %d, source length %d", src, off, s, last, len(src))
		}
		last = s
	}
	prevEnd := 0
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		s, e := n.SourceSpan(i, i+size)
		if s >= e || s < prevEnd || e > len(src) {
			t.Fatalf("New(%q): rune %q at %d maps to [%d,%d), previous span ended at %d", src, r, i, s, e, prevEnd)
		}
		span := src[s:e]
		if got := New(span).String(); got != string(r) && !contextual(r, span) {
			t.Fatalf("New(%q): rune %q at %d maps to %q, which normalises to %q", src, r, i, span, got)
		}
		prevEnd = e
		i += size
	}
}

// contextual reports whether span may become r only in its context.
func contextual(r rune, span string) bool {
	switch r {
	case ' ', '\n':
		b := builder{in: span}
		fold(&b)
		s, _ := b.done()
		return strings.Trim(s, " \t\n") == ""
	case '.':
		return span == "．"
	}
	return false
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := New(string(src)).String()
			golden := strings.TrimSuffix(file, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if got != string(want) {
				out := strings.TrimSuffix(file, ".txt") + ".out"
				_ = os.WriteFile(out, []byte(got), 0o644)
				t.Errorf("New(%s) differs from %s; output written to %s", file, golden, out)
			}
			checkMap(t, string(src))
		})
	}
}

func FuzzNew(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil && len(b) < 4096 {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"经 费\r\n— 2 —\n１５４．７９\n万元&nbsp;<br>經(jīng)",
		"TOC \\o \"1-3\" \\h\nPAGEREF _Toc1 \\h 3\n{ REF _Ref2 \\h }",
		"a | b\n\n\n\nc &#x4e00;&#12288;\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkMap(t, src)
	})
}

func seed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func BenchmarkNew(b *testing.B) {
	src := seed(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		New(src)
	}
}

func BenchmarkNewLarge(b *testing.B) {
	src := strings.Repeat(seed(b)+"\n", 1000)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		New(src)
	}
}

func BenchmarkSource(b *testing.B) {
	n := New(seed(b))
	l := len(n.String())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		n.SourceSpan(i%l, i%l+1)
		i += 97
	}
}
