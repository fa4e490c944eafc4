package numbers

import "testing"

func TestScanUnitDecls(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // the declarations as written
		unit []Unit
	}{
		{"单位：万元", []string{"单位：万元"}, []Unit{Wan}},
		{"单位:元", []string{"单位:元"}, []Unit{Yuan}},
		{"表一（单位：万元）", []string{"（单位：万元）"}, []Unit{Wan}},
		{"金额单位：万元", []string{"金额单位：万元"}, []Unit{Wan}},
		{"单位: 万元", []string{"单位: 万元"}, []Unit{Wan}},
		{"(单位:亿元)", []string{"(单位:亿元)"}, []Unit{Yi}},
		{"單位：萬元", []string{"單位：萬元"}, []Unit{Wan}},
		{"单位：人民币元", []string{"单位：人民币元"}, []Unit{Yuan}},
		{"金额单位为万元", []string{"金额单位为万元"}, []Unit{Wan}},
		{"项目 | 金额（万元）", []string{"（万元）"}, []Unit{Wan}},
		{"预算数(元)", []string{"(元)"}, []Unit{Yuan}},
		{"表1 单位：万元 …… 表2 单位：元", []string{"单位：万元", "单位：元"}, []Unit{Wan, Yuan}},
		{"单位：巫溪县科学技术协会", nil, nil},
		{"预算单位：3个", nil, nil},
		{"单位：千元", nil, nil},
		{"（一）收入", nil, nil},
		{"（万元", nil, nil},
		{"单位", nil, nil},
	} {
		got := ScanUnitDecls(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("ScanUnitDecls(%q) = %v, want %q", tc.in, got, tc.want)
			continue
		}
		from := 0
		for i, d := range got {
			idx := indexFrom(tc.in, tc.want[i], from)
			if idx < 0 {
				t.Fatalf("bad case %q", tc.in)
			}
			from = idx + len(tc.want[i])
			if d.Start != idx || d.End != from || d.Unit != tc.unit[i] {
				t.Errorf("ScanUnitDecls(%q)[%d] = [%d,%d) %q %v, want [%d,%d) %q %v", tc.in, i,
					d.Start, d.End, tc.in[d.Start:d.End], d.Unit, idx, from, tc.want[i], tc.unit[i])
			}
		}
	}
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
