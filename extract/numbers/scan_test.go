package numbers

import (
	"fmt"
	"strings"
	"testing"
)

// Flags of a wanted figure.
const (
	A = 1 << iota // Approx
	C             // Chinese
	O             // Ordinal
)

// want is one figure a case expects: the mention as it appears in the input (its span is
// found by searching the input from the end of the previous mention), and its reading.
type want struct {
	mention string
	value   string
	unit    Unit
	measure string
	flags   int
}

var scanCases = []struct {
	name string
	in   string
	want []want
}{
	// Arabic figures.
	{"decimal wan", "收入154.79万元。", []want{{"154.79万元", "154.79", Wan, "", 0}}},
	{"zero wan", "事业收入0万元，", []want{{"0万元", "0", Wan, "", 0}}},
	{"whole yuan", "合计7464053元", []want{{"7464053元", "7464053", Yuan, "", 0}}},
	{"thousands separators", "支出1,244.19万元", []want{{"1,244.19万元", "1244.19", Wan, "", 0}}},
	{"many groups", "共12,345,678.90元", []want{{"12,345,678.90元", "12345678.9", Yuan, "", 0}}},
	{"comma list is two numbers", "1,2", []want{{"1", "1", NoUnit, "", 0}, {"2", "2", NoUnit, "", 0}}},
	{"group of four is no group", "1,2345", []want{{"1", "1", NoUnit, "", 0}, {"2345", "2345", NoUnit, "", 0}}},
	{"first group too long", "1234,567", []want{{"1234", "1234", NoUnit, "", 0}, {"567", "567", NoUnit, "", 0}}},
	{"grouped wan", "1,000万元", []want{{"1,000万元", "1000", Wan, "", 0}}},
	{"half yi", "0.5亿元", []want{{"0.5亿元", "0.5", Yi, "", 0}}},
	{"traditional yi", "3億元", []want{{"3億元", "3", Yi, "", 0}}},
	{"bare decimal", "| 120.7 |", []want{{"120.7", "120.7", NoUnit, "", 0}}},
	{"negative", "| -4.00 |", []want{{"-4.00", "-4", NoUnit, "", 0}}},
	{"plus sign", "+5.5%", []want{{"+5.5%", "5.5", NoUnit, "%", 0}}},
	{"unicode minus", "增长−3%", []want{{"−3%", "-3", NoUnit, "%", 0}}},
	{"space before traditional unit", "合计502.4 萬元", []want{{"502.4 萬元", "502.4", Wan, "", 0}}},
	{"space before unit", "其他收入0 万元。", []want{{"0 万元", "0", Wan, "", 0}}},
	{"yuan with cents", "住房保障支出7.83元", []want{{"7.83元", "7.83", Yuan, "", 0}}},
	{"yuan written 圆", "100圆", []want{{"100圆", "100", Yuan, "", 0}}},
	{"yuan written 圓", "100圓", []want{{"100圓", "100", Yuan, "", 0}}},
	{"trailing zeros dropped", "154.790万元", []want{{"154.790万元", "154.79", Wan, "", 0}}},
	{"space then no unit", "120.7 | 3", []want{{"120.7", "120.7", NoUnit, "", 0}, {"3", "3", NoUnit, "", 0}}},

	// Chinese numerals.
	{"three machines", "拟采购三台电脑", []want{{"三台", "3", NoUnit, "台", C}}},
	{"six posts", "编制六名", []want{{"六名", "6", NoUnit, "名", C}}},
	{"twelve people", "十二人", []want{{"十二人", "12", NoUnit, "人", C}}},
	{"two thousand people", "两千人", []want{{"两千人", "2000", NoUnit, "人", C}}},
	{"two thousand bare", "约两千", []want{{"约两千", "2000", NoUnit, "", A | C}}},
	{"1.2 million bare", "一百二十万", []want{{"一百二十万", "1200000", NoUnit, "", C}}},
	{"twenty", "二十个", []want{{"二十个", "20", NoUnit, "个", C}}},
	{"twenty bare is no figure", "二十", nil},
	{"hundred and five", "一百零五名", []want{{"一百零五名", "105", NoUnit, "名", C}}},
	{"hundred and five bare", "一百零五", []want{{"一百零五", "105", NoUnit, "", C}}},
	{"three thousand and twenty", "三千零二十元", []want{{"三千零二十元", "3020", Yuan, "", C}}},
	{"year digits ○", "二○一二年", []want{{"二○一二年", "2012", NoUnit, "年", C}}},
	{"year digits 〇 年度", "二〇二三年度", []want{{"二〇二三年度", "2023", NoUnit, "年度", C}}},
	{"digit string without 年", "二〇二三", nil},
	{"financial hundred", "壹佰", []want{{"壹佰", "100", NoUnit, "", C}}},
	{"financial yuan", "贰仟叁佰元", []want{{"贰仟叁佰元", "2300", Yuan, "", C}}},
	{"financial ten", "拾元", []want{{"拾元", "10", Yuan, "", C}}},
	{"financial sixty", "陆拾元", []want{{"陆拾元", "60", Yuan, "", C}}},
	{"spoken hundred twenty", "一百二", []want{{"一百二", "120", NoUnit, "", C}}},
	{"spoken 35 thousand", "三万五", []want{{"三万五", "35000", NoUnit, "", C}}},
	{"thirty-five thousand yuan", "三万五千元", []want{{"三万五千元", "35000", Yuan, "", C}}},
	{"hundred thousand people", "十万人", []want{{"十万人", "100000", NoUnit, "人", C}}},
	{"two of", "两个单位", []want{{"两个", "2", NoUnit, "个", C}}},
	{"chinese wan yuan", "一百二十万元", []want{{"一百二十万元", "120", Wan, "", C}}},
	{"zero yuan", "零元", []want{{"零元", "0", Yuan, "", C}}},
	{"traditional measure", "五十輛", []want{{"五十輛", "50", NoUnit, "輛", C}}},
	{"two-character measure", "三個月", []want{{"三個月", "3", NoUnit, "個月", C}}},
	{"chinese point", "七十六点七%", []want{{"七十六点七%", "76.7", NoUnit, "%", C}}},
	{"chinese point wan", "一点五万元", []want{{"一点五万元", "1.5", Wan, "", C}}},
	{"two wan yuan", "两万元", []want{{"两万元", "2", Wan, "", C}}},

	// Mixed Arabic and Chinese.
	{"3万4000", "3万4000元", []want{{"3万4000元", "34000", Yuan, "", C}}},
	{"25万6千", "25万6千元", []want{{"25万6千元", "256000", Yuan, "", C}}},
	{"1.2 yi", "1.2亿元", []want{{"1.2亿元", "1.2", Yi, "", 0}}},
	{"2 wan", "2万元", []want{{"2万元", "2", Wan, "", 0}}},
	{"yi and wan", "1亿2000万元", []want{{"1亿2000万元", "12000", Wan, "", C}}},
	{"wan people", "3万人", []want{{"3万人", "30000", NoUnit, "人", C}}},
	{"thousand yuan", "5千元", []want{{"5千元", "5000", Yuan, "", C}}},
	{"hundred wan", "3百万元", []want{{"3百万元", "300", Wan, "", C}}},
	{"spoken 3万5", "3万5", []want{{"3万5", "35000", NoUnit, "", C}}},
	{"wan yi", "3万亿元", []want{{"3万亿元", "30000", Yi, "", C}}},

	// Approximations.
	{"余 wan", "200余万元", []want{{"200余万元", "200", Wan, "", A}}},
	{"多 wan", "三十多万", []want{{"三十多万", "300000", NoUnit, "", A | C}}},
	{"多 wan yuan", "三十多万元", []want{{"三十多万元", "30", Wan, "", A | C}}},
	{"约", "约5万元", []want{{"约5万元", "5", Wan, "", A}}},
	{"近 years", "近3年", []want{{"近3年", "3", NoUnit, "年", A}}},
	{"左右", "5万元左右", []want{{"5万元左右", "5", Wan, "", A}}},
	{"十余人", "十余人", []want{{"十余人", "10", NoUnit, "人", A | C}}},
	{"大约", "大约100元", []want{{"大约100元", "100", Yuan, "", A}}},
	{"逾", "逾100人", []want{{"逾100人", "100", NoUnit, "人", A}}},
	{"以上", "工作3年以上", []want{{"3年以上", "3", NoUnit, "年", A}}},
	{"节约 is exact", "节约5万元", []want{{"5万元", "5", Wan, "", 0}}},
	{"余 items", "展品200余件", []want{{"200余件", "200", NoUnit, "件", A}}},
	{"万余", "1万余元", []want{{"1万余元", "1", Wan, "", A}}},
	{"多 bare", "100多，", []want{{"100多", "100", NoUnit, "", A}}},
	{"多 starting a word", "3多媒体", []want{{"3", "3", NoUnit, "", 0}}},

	// Percentages, years and dates.
	{"percent", "占76.7%", []want{{"76.7%", "76.7", NoUnit, "%", 0}}},
	{"百分之", "增长百分之十", []want{{"百分之十", "10", NoUnit, "%", C}}},
	{"百分之 with point", "百分之七十六点七", []want{{"百分之七十六点七", "76.7", NoUnit, "%", C}}},
	{"百分之 arabic", "百分之5", []want{{"百分之5", "5", NoUnit, "%", C}}},
	{"year", "2023年", []want{{"2023年", "2023", NoUnit, "年", 0}}},
	{"fiscal year", "2022年度部门决算", []want{{"2022年度", "2022", NoUnit, "年度", 0}}},
	{"date", "2023年3月1日", []want{{"2023年", "2023", NoUnit, "年", 0}, {"3月", "3", NoUnit, "月", 0}, {"1日", "1", NoUnit, "日", 0}}},
	{"year range", "2021-2023年", []want{{"2021", "2021", NoUnit, "", 0}, {"2023年", "2023", NoUnit, "年", 0}}},
	{"year range with 年", "2022年-2023年", []want{{"2022年", "2022", NoUnit, "年", 0}, {"2023年", "2023", NoUnit, "年", 0}}},
	{"month range", "1月-3月", []want{{"1月", "1", NoUnit, "月", 0}, {"3月", "3", NoUnit, "月", 0}}},
	{"negative after words", "增长-3.2%", []want{{"-3.2%", "-3.2", NoUnit, "%", 0}}},
	{"month with zero", "2023年05月", []want{{"2023年", "2023", NoUnit, "年", 0}, {"05月", "5", NoUnit, "月", 0}}},

	// Ordinals.
	{"first quarter", "第一季度", []want{{"第一季度", "1", NoUnit, "季度", C | O}}},
	{"third place", "第3名", []want{{"第3名", "3", NoUnit, "名", O}}},
	{"article 22", "第二十二条", []want{{"第二十二条", "22", NoUnit, "条", C | O}}},
	{"ordinal in a name", "第二人民医院", []want{{"第二", "2", NoUnit, "", C | O}}},
	{"first", "第一，", []want{{"第一", "1", NoUnit, "", C | O}}},

	// Chinese numerals inside words, and heading markers.
	{"一般", "一般公共预算", nil},
	{"统一", "统一", nil},
	{"统一 before 日", "统一日常管理", nil},
	{"三公", "三公经费", nil},
	{"quoted 三公", "“三公”经费", nil},
	{"一体化", "一体化", nil},
	{"十分", "十分重要", nil},
	{"万一", "万一", nil},
	{"千万", "千万", nil},
	{"百姓", "百姓", nil},
	{"二级", "二级预算单位", nil},
	{"一是", "一是加强", nil},
	{"heading 一、", "一、部门职责", nil},
	{"heading （一）", "（一）收入预算", nil},
	{"heading (二)", "(二)支出预算", nil},
	{"heading 十二、", "十二、其他", nil},
	{"five-year plan", "十四五规划", nil},
	{"four or five", "四五个", nil},
	{"一次性", "一次性补助", nil},
	{"一部分", "一部分", nil},
	{"fraction words", "三分之一", nil},
	{"slogan", "两学一做", nil},
	{"seven parts", "七大组成部分", nil},
	{"three to five years", "三五年内", nil},
	{"one or two years", "一两年", nil},
	{"dozens", "几十个", nil},
	{"tens of", "数十人", nil},
	{"bullet", "○ 人员经费", nil},
	{"bullet without space", "○人员经费", nil},
	{"space after chinese", "一 人", nil},
	{"year with 零", "二零二三年", []want{{"二零二三年", "2023", NoUnit, "年", C}}},
	{"year of five digits", "二〇二三一年", nil},

	// Codes and markers that are no figures.
	{"phone", "联系方式：023-51522382", nil},
	{"phone in brackets", "电话(023)51522382", nil},
	{"phone in full-width brackets", "电话（023）5152-2382", nil},
	{"mobile", "13812345678", nil},
	{"service number", "400-123-4567", nil},
	{"iso date", "2023-03-01", nil},
	{"letters and digits", "5G网络、A4纸、PM2.5", nil},
	{"section number", "见3.1.2", nil},
	{"identity number", "500101199001011234", nil},
	{"arabic headings", "1、坚持\n 2、加强\n10.拓展\n3)完成", nil},
	{"list markers", "其中：（1）工资；(2)商品；3、其他", nil},
	{"list of counts", "分别为3、4人", []want{{"3", "3", NoUnit, "", 0}, {"4人", "4", NoUnit, "人", 0}}},
	{"times of day", "接电话时间8:00-11:30，16:08:34", nil},
	{"ratio is no time", "比例1:1", []want{{"1", "1", NoUnit, "", 0}, {"1", "1", NoUnit, "", 0}}},
	{"batches and visits", "公务接待24批次，210人次", []want{{"24批次", "24", NoUnit, "批次", 0}, {"210人次", "210", NoUnit, "人次", 0}}},
	{"document number", "〔2019〕14号", []want{{"2019", "2019", NoUnit, "", 0}, {"14号", "14", NoUnit, "号", 0}}},
	{"space before percent", "增长5.11 %", []want{{"5.11 %", "5.11", NoUnit, "%", 0}}},
	{"session", "第六届人民代表大会", []want{{"第六届", "6", NoUnit, "届", C | O}}},
	{"约法三章", "“约法三章”", nil},
	{"too large", "99999999999999999999元", nil},

	// Sentences.
	{"sentence", "2023年年初预算数154.79万元，其中：一般公共预算拨款154.79万元，政府性基金预算拨款0万元。", []want{
		{"2023年", "2023", NoUnit, "年", 0}, {"154.79万元", "154.79", Wan, "", 0},
		{"154.79万元", "154.79", Wan, "", 0}, {"0万元", "0", Wan, "", 0}}},
	{"decrease", "比2022年减少4万元", []want{{"2022年", "2022", NoUnit, "年", 0}, {"4万元", "4", Wan, "", 0}}},
	{"staff", "参公编制6名，实有参公人员4人；退休人员4名", []want{
		{"6名", "6", NoUnit, "名", 0}, {"4人", "4", NoUnit, "人", 0}, {"4名", "4", NoUnit, "名", 0}}},
	{"table row", "科学技术支出 | 120.70 | 1,244.19", []want{
		{"120.70", "120.7", NoUnit, "", 0}, {"1,244.19", "1244.19", NoUnit, "", 0}}},
}

func TestScan(t *testing.T) {
	if len(scanCases) < 80 {
		t.Fatalf("only %d cases", len(scanCases))
	}
	for _, tc := range scanCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Scan(tc.in)
			wantNums := expand(t, tc.in, tc.want)
			if len(got) != len(wantNums) {
				t.Fatalf("Scan(%q) found %d figures, want %d:\n%s", tc.in, len(got), len(wantNums), dump(tc.in, got))
			}
			for i := range got {
				if got[i] != wantNums[i] {
					t.Errorf("Scan(%q)[%d] =\n\t%s\nwant\n\t%s", tc.in, i, describe(tc.in, got[i]), describe(tc.in, wantNums[i]))
				}
			}
		})
	}
}

// expand turns the wanted figures of a case into Numbers, locating each mention in in
// after the previous one.
func expand(t *testing.T, in string, ws []want) []Number {
	t.Helper()
	var out []Number
	from := 0
	for _, w := range ws {
		i := strings.Index(in[from:], w.mention)
		if i < 0 {
			t.Fatalf("bad case: %q not in %q after offset %d", w.mention, in, from)
		}
		start := from + i
		from = start + len(w.mention)
		out = append(out, Number{
			Start:   start,
			End:     from,
			Value:   mustDecimal(t, w.value),
			Unit:    w.unit,
			Measure: w.measure,
			Approx:  w.flags&A != 0,
			Chinese: w.flags&C != 0,
			Ordinal: w.flags&O != 0,
		})
	}
	return out
}

// mustDecimal parses a canonical plain decimal ("-154.79").
func mustDecimal(t *testing.T, s string) Decimal {
	t.Helper()
	var d Decimal
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	if i := strings.IndexByte(digits, '.'); i >= 0 {
		d.Scale = len(digits) - i - 1
		digits = digits[:i] + digits[i+1:]
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			t.Fatalf("bad decimal %q", s)
		}
		d.Coef = d.Coef*10 + int64(c-'0')
	}
	if neg {
		d.Coef = -d.Coef
	}
	if d.String() != s {
		t.Fatalf("bad case: decimal %q is not canonical", s)
	}
	return d
}

func describe(in string, n Number) string {
	mention := "?"
	if 0 <= n.Start && n.Start <= n.End && n.End <= len(in) {
		mention = in[n.Start:n.End]
	}
	var flags []string
	for _, f := range []struct {
		on   bool
		name string
	}{{n.Approx, "approx"}, {n.Chinese, "chinese"}, {n.Ordinal, "ordinal"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	return fmt.Sprintf("[%d,%d) %q value=%s unit=%q measure=%q %s",
		n.Start, n.End, mention, n.Value, n.Unit, n.Measure, strings.Join(flags, ","))
}

func dump(in string, ns []Number) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString("\t" + describe(in, n) + "\n")
	}
	return b.String()
}

// TestSameAmount checks that every way of writing one amount comes to the same fen, which
// is what the facts stage relies on whatever value and unit the lexer reports.
func TestSameAmount(t *testing.T) {
	for _, group := range []struct {
		fen     int64
		writing []string
	}{
		{120_000_000, []string{"一百二十万元", "120万元", "1200000元", "1,200,000元", "一百二十万元整", "壹佰贰拾万元"}},
		{12_000_000_000, []string{"1.2亿元", "120000000元", "12000万元", "1亿2000万元", "一点二亿元", "0.00012万亿元"}},
		{3_400_000, []string{"3万4000元", "34000元", "3.4万元", "三万四千元", "34,000.00元"}},
		{25_600_000, []string{"25万6千元", "25.6万元", "256000元", "二十五万六千元"}},
		{0, []string{"0万元", "0元", "零元", "0.00亿元"}},
		{783, []string{"7.83元"}},
	} {
		for _, w := range group.writing {
			got := Scan(w)
			if len(got) != 1 {
				t.Errorf("Scan(%q) found %d figures, want 1:\n%s", w, len(got), dump(w, got))
				continue
			}
			fen, ok := got[0].Fen()
			if !ok || fen != group.fen {
				t.Errorf("Scan(%q) = %s: fen %d, %v; want %d", w, describe(w, got[0]), fen, ok, group.fen)
			}
		}
	}
}
