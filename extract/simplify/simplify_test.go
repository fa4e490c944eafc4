package simplify

import (
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"部門預算收入總計1,200萬元", "部门预算收入总计1,200万元"},
		{"“三公”經費", "“三公”经费"},
		{"公務用車購置及運行費", "公务用车购置及运行费"},
		{"某某县科学技术协会", "某某县科学技术协会"},
		{"ASCII only 123", "ASCII only 123"},
		{"", ""},
	} {
		got := String(c.in)
		if got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(got) != len(c.in) {
			t.Errorf("String(%q) changed the length", c.in)
		}
	}
}

func BenchmarkString(b *testing.B) {
	s := "2022年本部門財政撥款安排“三公”經費502.4萬元，比上年減少14.6萬元。"
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		String(s)
	}
}

// TestTable checks that every pair of t2s.txt is applied, so that no pair falls outside
// the range the lookup array covers.
func TestTable(t *testing.T) {
	n := 0
	for _, line := range strings.Split(table, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		r := []rune(line)
		if got := String(string(r[0])); got != string(r[1]) {
			t.Errorf("String(%q) = %q, want %q", string(r[0]), got, string(r[1]))
		}
		n++
	}
	if n < 2000 {
		t.Errorf("only %d pairs in the table", n)
	}
}
