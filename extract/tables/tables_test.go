package tables

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// lines returns the line facts of r as FIELDS.md writes them, sorted.
func lines(r Result) []string {
	var out []string
	for _, t := range r.Tables {
		for _, row := range t.Rows {
			key := "line." + t.Kind.ID() + "." + row.Code + "."
			if row.Name != "" {
				out = append(out, key+"name="+row.Name)
			}
			for c := Total; c < NumColumns; c++ {
				if a := row.Cells[c]; a.Set {
					out = append(out, fmt.Sprintf("%s%s=%d", key, c.Key(), a.Fen))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func find(t *testing.T, text string, opt Options) Result {
	t.Helper()
	r, err := Find(context.Background(), text, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFind(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		opt  Options
		want []string
	}{
		{"split codes, a dropped zero, a 款 alone, thousands separators",
			"2023年部门支出预算总表\n单位：元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n类 | 款 | 项\n" +
				"201 | 一般公共服务支出 | 1,300 | 1,000 | 300\n201 | 3 | 政府办公厅(室)及相关机构事务 | 1,300 | 1,000 | 300\n" +
				"201 | 03 | 01 | 行政运行 | 1,000 | 1,000 | 0\n02 | 一般行政管理事务 | 300 | 0 | 300\n合计 | 1,300 | 1,000 | 300\n",
			Options{},
			[]string{"line.expenditure.201.basic=100000", "line.expenditure.201.name=一般公共服务支出", "line.expenditure.201.project=30000", "line.expenditure.201.total=130000",
				"line.expenditure.20103.basic=100000", "line.expenditure.20103.name=政府办公厅(室)及相关机构事务", "line.expenditure.20103.project=30000", "line.expenditure.20103.total=130000",
				"line.expenditure.2010301.basic=100000", "line.expenditure.2010301.name=行政运行", "line.expenditure.2010301.project=0", "line.expenditure.2010301.total=100000",
				"line.expenditure.2010302.basic=0", "line.expenditure.2010302.name=一般行政管理事务", "line.expenditure.2010302.project=30000", "line.expenditure.2010302.total=30000",
				"line.expenditure.total.basic=100000", "line.expenditure.total.project=30000", "line.expenditure.total.total=130000"}},
		{"万元 with decimals; whole codes; a name wrapped around its row; a table continued after a page number and a repeated header",
			"一般公共预算支出表\n单位：万元\n功能分类科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n" +
				"208 | 社会保障和就业支出 | 12.5 | 12.5\n机关事业单位基本养老保险缴费支\n2080505 | 12.5 | 12.5\n出\n- 3 -\n功能分类科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n" +
				"合计 | 12.5 | 12.5\n注：本表无项目支出。\n",
			Options{},
			// the rows lost their blank 项目支出 cell: only the total's column is sure
			[]string{"line.general.208.name=社会保障和就业支出", "line.general.208.total=12500000",
				"line.general.2080505.name=机关事业单位基本养老保险缴费支出", "line.general.2080505.total=12500000",
				"line.general.total.total=12500000"}},
		{"a reader that keeps blank cells: figures by position",
			"一般公共预算财政拨款基本支出决算表\n单位：元\n科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费\n" +
				"302 | 商品和服务支出 | 500 |  | 500\n30201 | 办公费 | 500 |  | 500\n",
			Options{KeepsBlanks: true},
			[]string{"line.economic.302.name=商品和服务支出", "line.economic.302.public=50000", "line.economic.302.total=50000",
				"line.economic.30201.name=办公费", "line.economic.30201.public=50000", "line.economic.30201.total=50000"}},
		{"row numbers (栏次) and the summary table give no lines",
			"收入支出决算总表\n单位：万元\n项目 | 行次 | 金额\n栏次 | 1 | 2\n一、财政拨款收入 | 1 | 100.00\n" +
				"收入决算表\n单位：万元\n科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 事业收入\n栏次 | 1 | 2 | 3\n" +
				"201 | 一般公共服务支出 | 100.00 | 100.00 | 0\n",
			Options{},
			[]string{"line.income.201.appropriation=100000000", "line.income.201.name=一般公共服务支出", "line.income.201.total=100000000"}},
		{"a table without a unit gives names only",
			"部门支出总表\n科目编码 | 科目名称 | 合计\n201 | 一般公共服务支出 | 100\n",
			Options{},
			[]string{"line.expenditure.201.name=一般公共服务支出"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := lines(find(t, c.text, c.opt))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestFindPlaces checks that a row which lost its blank cells puts each figure under
// the header it stands beneath, by the places the reader gives: right-aligned figures
// under centred headers, in the economic table whose 301 rows leave 公用经费 blank and
// whose 302 rows leave 人员经费 blank.
func TestFindPlaces(t *testing.T) {
	type c struct {
		text   string
		x0, x1 float64
	}
	page := [][]c{
		{{"部门一般公共预算基本支出表", 200, 400}},
		{{"单位：元", 500, 550}},
		{{"科目名称", 100, 150}, {"合计", 305, 325}, {"人员经费", 400, 450}, {"公用经费", 500, 550}},
		{{"301", 10, 30}, {"01", 40, 50}, {"基本工资", 100, 150}, {"700", 320, 335}, {"700", 440, 455}},
		{{"302", 10, 30}, {"01", 40, 50}, {"办公费", 100, 140}, {"500", 320, 335}, {"500", 540, 555}},
	}
	var b strings.Builder
	places := map[int][2]float64{}
	for _, line := range page {
		for i, cell := range line {
			if i > 0 {
				b.WriteString(" | ")
			}
			places[b.Len()] = [2]float64{cell.x0, cell.x1}
			b.WriteString(cell.text)
		}
		b.WriteByte('\n')
	}
	place := func(start int) (float64, float64, bool) {
		p, ok := places[start]
		return p[0], p[1], ok
	}
	got := lines(find(t, b.String(), Options{Place: place}))
	want := []string{"line.economic.30101.name=基本工资", "line.economic.30101.personnel=70000", "line.economic.30101.total=70000",
		"line.economic.30201.name=办公费", "line.economic.30201.public=50000", "line.economic.30201.total=50000"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// without the places, the blank cell's column cannot be told: totals only
	got = lines(find(t, b.String(), Options{}))
	if strings.Contains(strings.Join(got, " "), "personnel") || strings.Contains(strings.Join(got, " "), "public") {
		t.Errorf("without places: %v", got)
	}
}

func TestCheck(t *testing.T) {
	text := "目录\n1.部门收入总表\n2.部门支出总表\n3.政府性基金预算支出表\n" +
		"部门收入总表\n单位：元\n科目编码 | 科目名称 | 合计 | 财政拨款收入\n201 | 一般公共服务支出 | 100 | 100\n20101 | 人大事务 | 60 | 60\n20103 | 政府办公厅 | 30 | 30\n合计 | 100 | 100\n" +
		"部门支出总表\n单位：元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n201 | 一般公共服务支出 | 100 | 60 | 40\n合计 | 100 | 60 | 30\n"
	r := find(t, text, Options{})
	var got []string
	ps, err := Check(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		got = append(got, p.Code+": "+p.Message)
	}
	want := []string{
		"table_sum_mismatch: income table, total column: row 201 is 100.00, its rows add up to 90.00",
		"table_sum_mismatch: income table, appropriation column: row 201 is 100.00, its rows add up to 90.00",
		"table_sum_mismatch: expenditure table, row total: the total 100.00 is not basic + project (90.00)",
		"table_sum_mismatch: expenditure table, project column: the 合计 row 30.00 is not the sum of the classes (40.00)",
		"table_missing: the contents list names the gov_fund table, which the document does not contain",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// a consistent document raises nothing
	ok := strings.Replace(strings.Replace(text, "3.政府性基金预算支出表\n", "", 1), "20103 | 政府办公厅 | 30 | 30", "20103 | 政府办公厅 | 40 | 40", 1)
	ok = strings.Replace(ok, "合计 | 100 | 60 | 30", "合计 | 100 | 60 | 40", 1)
	if ps, _ := Check(context.Background(), find(t, ok, Options{})); len(ps) != 0 {
		t.Errorf("a consistent document: %v", ps)
	}
}

// TestHostile checks that shapes far outside a budget table's cost a bounded time:
// a line of 10,000 cells and a table of a million cells.
func TestHostile(t *testing.T) {
	wide := "部门支出总表\n单位：元\n" + strings.Repeat("1 | ", 10000) + "\n"
	var b strings.Builder
	b.WriteString("部门支出总表\n单位：元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n")
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "2010%03d | 行政运行 | 1,000 | 1,000 | 0\n", i%1000)
	}
	for _, text := range []string{wide, b.String()} {
		start := time.Now()
		r := find(t, text, Options{})
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%d bytes took %v", len(text), d)
		}
		if _, err := Check(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Find(ctx, b.String(), Options{}); err == nil {
		t.Error("a cancelled context: no error")
	}
}

func BenchmarkFind(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("部门支出总表\n单位：元\n科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&sb, "201 | %02d | %02d | 一般行政管理事务 | 1,000 | 1,000 | 0\n", i%100, i%97)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Find(context.Background(), text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSanggongTable(t *testing.T) {
	pairs := func(r Result) string {
		var out []string
		for _, s := range r.Summaries {
			if s.Kind != SummarySanggong {
				continue
			}
			for _, p := range s.Pairs {
				out = append(out, fmt.Sprintf("%s=%d", p.Label, p.Amount.Fen))
			}
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		name, text string
		opt        Options
		want       string
	}{
		{"a line of figures under a header of items over two lines",
			"一般公共预算“三公”经费支出表\n编制单位：某某县人社局 | 单位：元\n合计 | 因公出国（境）费 | 公务用车购置及运行费 |  |  | 公务接待费\n |  | 小计 | 公务用车购置费 | 公务用车运行费 | \n1 | 2 | 3 | 4 | 5 | 6\n86,000 | 0 | 52,000 | 0 | 52,000 | 34,000\n",
			Options{}, "合计=8600000 因公出国（境）费=0 小计=5200000 公务用车购置费=0 公务用车运行费=5200000 公务接待费=3400000"},
		{"a final account's figures: the actual half, a title run into its unit line",
			"表7“三公”经费支出决算表编制单位：某某中心单位：元\n预算数 | | | | | | 决算数\n合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 | 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费\n| | 小计 | 公务用车购置费 | 公务用车运行费 | | | | 小计 | 公务用车购置费 | 公务用车运行费\n40,000.00 | 0.00 | 32,000.00 | 0.00 | 32,000.00 | 8,000.00 | 35,050.00 | 0.00 | 28,600.00 | 0.00 | 28,600.00 | 6,450.00\n",
			Options{KeepsBlanks: true}, "合计=3505000 因公出国（境）费=0 小计=2860000 公务用车购置费=0 公务用车运行费=2860000 公务接待费=645000"},
		{"a row per item is not read here",
			"“三公”经费支出决算表\n单位:万元\n项目 | 预算数 | 决算数\n合计 | 30.8 | 25.7\n公务接待费 | 14.8 | 16.3\n",
			Options{}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := pairs(find(t, c.text, c.opt)); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}
