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
