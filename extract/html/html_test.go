package html

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/html")

// fixtures is the project's folder of web page fixtures.
const fixtures = "../../testdata/html"

// TestReadGolden reads every page under testdata/html and compares the encoding and
// text with NAME.golden beside it.
func TestReadGolden(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(fixtures, "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtures, err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			txt, err := Read(b)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if txt.MediaType != source.HTML {
				t.Errorf("MediaType = %q, want %q", txt.MediaType, source.HTML)
			}
			got := "encoding: " + txt.Encoding + "\n\n" + txt.Text + "\n"
			golden := strings.TrimSuffix(page, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if got != string(want) {
				actual := golden + ".actual"
				os.WriteFile(actual, []byte(got), 0o644)
				t.Errorf("text differs from %s; got written to %s:\n%s", golden, actual, got)
			}
		})
	}
}

// TestReadFixtureShapes checks what users rely on in the fixtures independently of
// the goldens: furniture gone, title first, tables on one line each.
func TestReadFixtureShapes(t *testing.T) {
	tests := []struct {
		page     string
		encoding string
		first    string   // the first line: the document's title
		has      []string // lines or fragments that must be there
		hasNot   []string // fragments of page furniture
	}{
		{
			page:     "portal.html",
			encoding: "utf-8",
			first:    "青山县农业农村委员会2024年部门预算情况说明",
			has: []string{
				"\n一般公共预算拨款收入 | 2,100.00 | 农林水支出 | 2,020.45\n",
				"\n收入合计 | 2,345.67 | 支出合计 | 2,345.67\n",
				"公务接待费2.40万元。",
			},
			hasNot: []string{"首页", "当前位置", "信息公开目录", "分享到", "打印本页", "主办单位", "相关链接", "统计代码", "搜索", "浏览次数", "_青山县人民政府"},
		},
		{
			page:     "gbk_meta.html",
			encoding: "gb18030",
			first:    "青山县教育委员会２０２４年部门预算情况说明",
			has:      []string{"堃园小学、䶮溪小学", "52,314.70万元"},
			hasNot:   []string{"网站首页", "Copyright", "青山教育网"},
		},
		{
			page:     "gbk_undeclared.html",
			encoding: "gb18030",
			first:    "青山县卫生健康委员会2023年度部门决算情况说明",
			has:      []string{"单价100万元以上设备2台（套）"},
			hasNot:   []string{"健康科普", "技术支持"},
		},
		{
			page:     "br_lines.html",
			encoding: "utf-8",
			first:    "青山县民政局2024年部门预算公开",
			has: []string{
				"\n一、部门职责\n",
				"养老服务、儿童福利", // a source line break between Chinese characters is no space
				"3,210.08万元，其中",
				"“货物类”12.00万元",
				"\n四、其他说明\n无。",
			},
			hasNot: []string{"栏目导航", "机构职能", "办事服务", "版权所有"},
		},
		{
			page:     "utf8_nocharset.html",
			encoding: "utf-8",
			first:    "青山县文化和旅游发展委员会2023年度部门决算情况说明",
			has:      []string{"\n社会保障和就业支出（类）98.40万元；\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(fixtures, tt.page))
			if err != nil {
				t.Fatal(err)
			}
			txt, err := Read(b)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if txt.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", txt.Encoding, tt.encoding)
			}
			if first, _, _ := strings.Cut(txt.Text, "\n"); first != tt.first {
				t.Errorf("first line = %q, want %q", first, tt.first)
			}
			if n := strings.Count(txt.Text, tt.first); n != 1 {
				t.Errorf("title appears %d times, want once", n)
			}
			for _, s := range tt.has {
				if !strings.Contains(txt.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(txt.Text, s) {
					t.Errorf("text holds page furniture %q", s)
				}
			}
		})
	}
}

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadEncoding(t *testing.T) {
	const body = "<p>青山县财政局2024年部门预算，䶮字测试。</p>"
	const want = "青山县财政局2024年部门预算，䶮字测试。"
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(`<meta charset="big5"><p>臺灣省預算書</p>`))
	if err != nil {
		t.Fatal(err)
	}
	longHead := "<html><head><!--" + strings.Repeat("版权声明 ", 400) + "-->"
	tests := []struct {
		name     string
		page     []byte
		encoding string
		want     string
	}{
		{"meta charset gbk", gbk(t, `<meta charset="gbk">`+body), "gb18030", want},
		{"http-equiv gb2312", gbk(t, `<meta http-equiv="content-type" content="text/html;charset=GB2312">`+body), "gb18030", want},
		{"xml declaration", gbk(t, `<?xml version="1.0" encoding="gb2312"?><html>`+body), "gb18030", want},
		{"meta past 1024 bytes", gbk(t, longHead+`<meta charset="gb2312"></head><body>`+body), "gb18030", want},
		{"no declaration, gbk bytes", gbk(t, body), "gb18030", want},
		{"no declaration, utf-8 bytes", []byte(body), "utf-8", want},
		{"utf-8 labelled gb2312", []byte(`<meta charset="gb2312">` + body), "utf-8", want},
		{"gbk labelled utf-8", gbk(t, `<meta charset="utf-8">`+body), "gb18030", want},
		{"gbk labelled iso-8859-1", gbk(t, `<meta charset="iso-8859-1">`+body), "gb18030", want},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), body...), "utf-8", want},
		{"utf-16 bom", utf16(body), "utf-16le", want},
		{"big5", big5, "big5", "臺灣省預算書"},
		{"ascii labelled gbk", []byte(`<meta charset="gbk"><p>Budget 2024</p>`), "gb18030", "Budget 2024"},
		{"one bad byte in utf-8", []byte("<p>" + strings.Repeat("预算", 100) + "\xff</p>"), "utf-8", strings.Repeat("预算", 100) + "\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Read(tt.page)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if txt.Encoding != tt.encoding || txt.Text != tt.want {
				t.Errorf("Read = %q (%s), want %q (%s)", txt.Text, txt.Encoding, tt.want, tt.encoding)
			}
		})
	}
}

// TestReadContent checks the content rules on small pages.
func TestReadContent(t *testing.T) {
	para := func(s string) string { return "<p>" + s + "</p>" }
	article := para("一、部门收支总体情况。本年度收支预算总额为100.00万元。") +
		para("二、一般公共预算当年拨款情况。本年度拨款80.00万元。")
	tests := []struct {
		name string
		page string
		want string
	}{
		{
			name: "semantic chrome",
			page: `<header><h1>某县人民政府</h1></header><nav><a>首页</a><a>政务公开</a></nav>` +
				`<main><h1>某县某局2024年部门预算说明</h1>` + article + `</main>` +
				`<aside><p>热点新闻热点新闻热点新闻</p></aside><footer><p>版权所有某县人民政府</p></footer>`,
			want: "某县某局2024年部门预算说明\n一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。",
		},
		{
			name: "title before content block",
			page: `<title>门户网站</title><div class="header">某县人民政府门户网站</div><h1>某县某局2024年部门预算说明</h1><div class="meta">发布时间：2024-01-01</div><div id="zoom">` + article + `</div>`,
			want: "某县某局2024年部门预算说明\n一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。",
		},
		{
			name: "title from meta when no heading",
			page: `<meta name="ArticleTitle" content="某县某局2024年部门预算说明"><div class="TRS_Editor">` + article + `</div>`,
			want: "某县某局2024年部门预算说明\n一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。",
		},
		{
			name: "title from <title> cut of the site name",
			page: `<title>某县某局2024年部门预算说明_某县人民政府网</title><div>` + article + `</div>`,
			want: "某县某局2024年部门预算说明\n一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。",
		},
		{
			name: "title not repeated when the content starts with it",
			page: `<title>某县某局2024年部门预算说明</title><div class="content"><p>某县某局2024年部门预算说明</p>` + article + `</div>`,
			want: "某县某局2024年部门预算说明\n一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。",
		},
		{
			name: "whole page in an ASP.NET form",
			page: `<form id="form1"><div class="nav">首页 政务公开</div><div class="con">` + article + `</div></form>`,
			want: "一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。",
		},
		{
			name: "table beside the paragraphs",
			page: `<div class="c"><div class="text">` + article + `</div><table><tr><th>项目</th><th>金额</th></tr><tr><td>合计</td><td>100.00</td></tr></table></div>`,
			want: "一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。\n项目 | 金额\n合计 | 100.00",
		},
		{
			name: "unclosed cells and rows",
			page: `<div>` + article + `<table><tr><td>收入<td>50.00<tr><td>支出<td>&nbsp;<td>50.00</table></div>`,
			want: "一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。\n收入 | 50.00\n支出 |  | 50.00",
		},
		{
			name: "cell wrapped over lines",
			page: `<div>` + article + `<table><tr><td><p>一般公共预算</p><p>拨款收入</p></td><td>80.00</td><td><p>Total</p><p>income</p></td></tr></table></div>`,
			want: "一、部门收支总体情况。本年度收支预算总额为100.00万元。\n二、一般公共预算当年拨款情况。本年度拨款80.00万元。\n一般公共预算拨款收入 | 80.00 | Total income",
		},
		{
			name: "entities and spaces",
			page: `<div>&ldquo;三公&rdquo;经费&nbsp;&nbsp;10.00万元&#65292;A&amp;B  &lt;说明&gt;</div>`,
			want: "“三公”经费 10.00万元，A&B <说明>",
		},
		{
			name: "no Chinese text",
			page: `<nav>Home</nav><div><p>Budget 2024</p><p>Total 100.00</p></div><footer>Copyright</footer>`,
			want: "Budget 2024\nTotal 100.00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Read([]byte(tt.page))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if txt.Text != tt.want {
				t.Errorf("Read =\n%s\nwant\n%s", txt.Text, tt.want)
			}
		})
	}
}

// TestReadDeep checks that a page nested deeper than the parser allows is still read.
func TestReadDeep(t *testing.T) {
	page := strings.Repeat("<div>", 2000) + "<p>部门预算说明</p><table><tr><td>合计</td><td>1.00</td></tr></table>" + strings.Repeat("</div>", 2000)
	txt, err := Read([]byte(page))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if want := "部门预算说明\n合计 | 1.00"; txt.Text != want {
		t.Errorf("Read = %q, want %q", txt.Text, want)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		page []byte
		kind fail.Kind
	}{
		{"no bytes", nil, fail.Empty},
		{"white space", []byte(" \r\n\t"), fail.Empty},
		{"no text", []byte(`<html><head><title>x</title><script>var a = "预算";</script></head><body><img src="a.png"></body></html>`), fail.Empty},
		{"only furniture", []byte(`<body><nav>首页</nav><footer>版权所有</footer></body>`), fail.Empty},
		{"not text in any encoding", []byte("<p>" + strings.Repeat("\xff\x80", 50) + "</p>"), fail.Encoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Read(tt.page)
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Read = %v, %v; want a *fail.Error", txt, err)
			}
			if fe.Kind != tt.kind || fe.Op != "html" {
				t.Errorf("error %v has op %q kind %v, want html %v", err, fe.Op, fe.Kind, tt.kind)
			}
		})
	}
}

func TestReadGarbledWarning(t *testing.T) {
	page := []byte("<p>" + strings.Repeat("部门预算", 50) + "\xff</p>")
	txt, err := Read(page)
	if err != nil {
		t.Fatal(err)
	}
	if len(txt.Warnings) != 1 || txt.Warnings[0].Code != source.GarbledText {
		t.Errorf("Warnings = %v, want one %s", txt.Warnings, source.GarbledText)
	}
}

func FuzzRead(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join(fixtures, "*.html"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<table><tr><td>a<td><table><tr><td>b</table></table>`))
	f.Add([]byte("<meta charset=gbk><p>\x81\x30\x81\x30</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		txt, err := Read(b)
		if err != nil {
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *fail.Error", err)
			}
			return
		}
		if strings.TrimSpace(txt.Text) == "" || !utf8.ValidString(txt.Text) || txt.MediaType != source.HTML || txt.Encoding == "" {
			t.Fatalf("Read returned %+v", txt)
		}
		for _, l := range strings.Split(txt.Text, "\n") {
			if l == "" || l != strings.TrimSpace(l) {
				t.Fatalf("line %q is empty or untrimmed", l)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	page, err := os.ReadFile(filepath.Join(fixtures, "portal.html"))
	if err != nil {
		b.Fatal(err)
	}
	gb := gbk(b, string(page))
	gb = bytes.Replace(gb, []byte(`charset="utf-8"`), []byte(`charset="gbk"`), 1)
	big := bytes.Replace(page, []byte("</tbody>"), bytes.Repeat([]byte("<tr><td><p>一般公共预算拨款收入</p></td><td>2,100.00</td></tr>\n"), 5000), 1)
	for _, bm := range []struct {
		name string
		page []byte
	}{{"portal-utf8", page}, {"portal-gbk", gb}, {"table-5000-rows", big}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bm.page)))
			for b.Loop() {
				if _, err := Read(bm.page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestReadSpans checks that cells spanning columns or rows leave their other columns
// blank, so each figure stays under its header (the table stage reads a row's figures
// by position for this reader).
func TestReadSpans(t *testing.T) {
	page := `<html><body><p>2023年部门支出预算总表</p><table>
<tr><td colspan="3">科目编码</td><td rowspan="2">科目名称</td><td rowspan="2">合计</td><td colspan="2">支出</td></tr>
<tr><td>类</td><td>款</td><td>项</td><td>基本支出</td><td>项目支出</td></tr>
<tr><td>201</td><td></td><td></td><td>一般公共服务支出</td><td>300</td><td></td><td>300</td></tr>
<tr><td rowspan="2">201</td><td>03</td><td>01</td><td>行政运行</td><td>100</td><td>100</td></tr>
<tr><td>03</td><td>02</td><td>一般行政管理事务</td><td>200</td><td></td><td>200</td></tr>
</table></body></html>`
	txt, err := Read([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"科目编码 |  |  | 科目名称 | 合计 | 支出",
		"类 | 款 | 项 |  |  | 基本支出 | 项目支出",
		"201 |  |  | 一般公共服务支出 | 300 |  | 300",
		"201 | 03 | 01 | 行政运行 | 100 | 100",
		" | 03 | 02 | 一般行政管理事务 | 200 |  | 200",
	}
	for _, w := range want {
		w = strings.TrimSpace(w)
		if !strings.Contains("\n"+txt.Text+"\n", "\n"+w+"\n") {
			t.Errorf("no line %q in\n%s", w, txt.Text)
		}
	}
}
