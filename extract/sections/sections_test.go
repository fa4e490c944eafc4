package sections

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	text := strings.Join([]string{
		"某某县气象服务中心2023年部门预算情况说明",
		"第一部分 部门概况",
		"一、部门收支总体情况",
		"（一）收入预算：2023年年初预算数263.58万元，其中：一般公共预算拨款263.58万元。",
		"1、秘书科。承担文秘工作。",
		"(1)办公费",
		"①印刷费",
		"这是一个很长的句子，它有标点符号，所以不是标题。",
		"2023年",
		"“三公”经费情况说明",
	}, "\n")
	o := Parse(text)
	var got []string
	for _, h := range o.Headings {
		got = append(got, h.Marker+"|"+h.Title+"|"+string(rune('0'+h.Level)))
	}
	want := []string{
		"|某某县气象服务中心2023年部门预算情况说明|1",
		"第一部分 |部门概况|0",
		"一、|部门收支总体情况|1",
		"（一）|收入预算|2",
		"1、|秘书科|3",
		"(1)|办公费|4",
		"①|印刷费|4",
		"|“三公”经费情况说明|1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, h := range o.Headings {
		if text[h.Start:h.End] != h.Title {
			t.Errorf("heading %q: offsets point at %q", h.Title, text[h.Start:h.End])
		}
	}
	off := strings.Index(text, "263.58")
	if ctx := o.Context(off); ctx != "部门概况 / 部门收支总体情况 / 收入预算" {
		t.Errorf("Context = %q", ctx)
	}
}

func TestAtBeforeAnyHeading(t *testing.T) {
	o := Parse("正文没有标题，只有一句话。")
	if len(o.At(3)) != 0 {
		t.Errorf("At found headings in %v", o.Headings)
	}
}
