package decode

import (
	"strings"
	"testing"
)

// TestColumns checks that a text laid out in columns by spaces gets its cells parted
// and placed by rune column, and that prose with the odd double space is left alone.
func TestColumns(t *testing.T) {
	layout := "              2023年部门支出预算总表\n" +
		"编制部门：某某县水利局                    单位：元\n" +
		"     功能分类科目名称   合计          基本支出      项目支出\n" +
		"201          一般公共服务支出        2,976,800             0    2,976,800\n" +
		"201   05     统计信息事务            627,600             0      627,600\n" +
		"201   05  06 统计管理                 26,300             0       26,300\n" +
		"201   05  07 专项普查活动             601,300             0      601,300\n" +
		"\f204          公共安全支出          1,252,300       100,000    1,152,300\n"
	out, cells := Columns(layout)
	for _, want := range []string{
		"201 | 05 | 统计信息事务 | 627,600 | 0 | 627,600\n",
		"功能分类科目名称 | 合计 | 基本支出 | 项目支出\n",
		"\f204 | 公共安全支出 | 1,252,300 | 100,000 | 1,152,300\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no line %q in\n%s", want, out)
		}
	}
	// every cell's text is its span of the output, and its place is its rune column
	for _, c := range cells {
		if s := out[c.Start:c.End]; s == "" || strings.Contains(s, "|") || c.X1 <= c.X0 {
			t.Errorf("cell %q at %v-%v", s, c.X0, c.X1)
		}
	}
	var placed bool
	for _, c := range cells {
		if out[c.Start:c.End] == "627,600" && c.X0 == 31 {
			placed = true
		}
	}
	if !placed {
		t.Error("627,600 is not placed at its rune column 31")
	}
	if got := formFeedPages(out); len(got) != 2 {
		t.Errorf("pages %v, want two", got)
	}
	// prose, or too few lines of figures: unchanged
	prose := "本部门  2023年收入预算 100万元。\n支出  100万元\n"
	if got, cs := Columns(prose); got != prose || cs != nil {
		t.Errorf("prose changed: %q", got)
	}
}

// TestFigureRows checks that a table a web page flattened with one space between its
// cells gets its rows parted (a label, then figures only), and that lines of other
// shapes keep their spaces.
func TestFigureRows(t *testing.T) {
	page := "2016年某某委财政拨款“三公”经费预算表\n金额单位:万元\n项目 2016年预算数\n" +
		"一、“三公”经费合计 21.63 21.63\n(一)因公出国(境)费 单位不需填列 单位不需填列\n(二)公务接待费 14.83 14.83\n" +
		"(三)公务用车费 6.8 6.8\n      1.公务用车购置费    \n      2.公务用车运行维护费 6.8 6.8\n二、会议费 7.59 7.59\n三、培训费 15.86 15.86\n" +
		"注:按照有关规定, 三公经费包括 3 类。\n"
	out, _ := Columns(page)
	for _, want := range []string{"(二)公务接待费 | 14.83 | 14.83\n", "2.公务用车运行维护费 | 6.8 | 6.8\n", "项目 2016年预算数\n",
		"(一)因公出国(境)费 单位不需填列 单位不需填列\n", "注:按照有关规定, 三公经费包括 3 类。\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no line %q in\n%s", want, out)
		}
	}
	// fewer than five rows: a text is left as it is
	few := "合计 21.63\n公务接待费 14.83\n"
	if got, cs := Columns(few); got != few || cs != nil {
		t.Errorf("two rows changed: %q", got)
	}
}
