package numbers

import (
	"math/big"
	"strings"
	"testing"
)

func FuzzScan(f *testing.F) {
	for _, tc := range scanCases {
		f.Add(tc.in)
	}
	for _, s := range []string{
		"", "-", "+", "−", "第", "百分之", "点", "余", "1,", "1.", ".5", "0", "00", "1-", "-1-2-3",
		"(0", "（023）", "二〇", "〇〇〇〇年", "十十十", "万万元", "亿亿", "一点", "九九九九九九九九九九九九九九九九九九九九年",
		"9223372036854775807元", "922337203685477580.7亿元", "9亿9999万9999亿元", "99999999999999999万亿元",
		"0.0000000000000000001元", "1,999,999,999,999,999,999元", "\xff\xfe1万元", "三\xe4万", "单位：", "（单位：万元",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text, Scan(text))
		checkDecls(t, text, ScanUnitDecls(text))
	})
}

// checkInvariants checks what every caller relies on: spans in range, in order and
// without overlaps; canonical values; a unit or a measure but not both; and Fen exact or
// refused, never wrapped around.
func checkInvariants(t *testing.T, text string, ns []Number) {
	t.Helper()
	prev := 0
	for i, n := range ns {
		if n.Start < prev || n.End <= n.Start || n.End > len(text) {
			t.Fatalf("figure %d has span [%d,%d) after %d in a text of %d bytes", i, n.Start, n.End, prev, len(text))
		}
		prev = n.End
		mention := text[n.Start:n.End]
		if n.Value.Scale < 0 || n.Value.Scale > 0 && n.Value.Coef%10 == 0 {
			t.Errorf("figure %q has a value %#v that is not canonical", mention, n.Value)
		}
		if n.Unit > Yi {
			t.Errorf("figure %q has unit %d", mention, n.Unit)
		}
		if n.Unit != NoUnit && n.Measure != "" {
			t.Errorf("figure %q has both unit %v and measure %q", mention, n.Unit, n.Measure)
		}
		if n.Measure != "" && n.Measure != "%" && !strings.Contains(mention, n.Measure) {
			t.Errorf("figure %q has measure %q not in its mention", mention, n.Measure)
		}
		checkFen(t, mention, n)
	}
}

// checkFen compares Number.Fen with the same sum done in big integers.
func checkFen(t *testing.T, mention string, n Number) {
	t.Helper()
	fen, ok := n.Fen()
	if n.Unit == NoUnit {
		if ok {
			t.Errorf("figure %q without unit has fen %d", mention, fen)
		}
		return
	}
	exact := new(big.Rat).SetFrac(
		new(big.Int).Mul(big.NewInt(n.Value.Coef), big.NewInt(n.Unit.Fen())),
		new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n.Value.Scale)), nil))
	whole := exact.IsInt() && exact.Num().IsInt64()
	switch {
	case ok && (!whole || exact.Num().Int64() != fen):
		t.Errorf("figure %q: Fen() = %d, exact value is %s", mention, fen, exact.RatString())
	case !ok && whole:
		t.Errorf("figure %q: Fen() refused %s, which is a whole int64", mention, exact.RatString())
	}
}

func checkDecls(t *testing.T, text string, ds []UnitDecl) {
	t.Helper()
	prev := 0
	for i, d := range ds {
		if d.Start < prev || d.End <= d.Start || d.End > len(text) || d.Unit == NoUnit || d.Unit > Yi {
			t.Fatalf("declaration %d = %+v after %d in a text of %d bytes", i, d, prev, len(text))
		}
		prev = d.End
	}
}

// TestLongInputs scans quarter-megabyte inputs built to provoke quadratic behaviour (long runs of
// numerals, signs, spaces, digits and half-finished declarations); a scan that is not
// linear would make the test time out.
func TestLongInputs(t *testing.T) {
	const n = 1 << 18
	for _, unit := range []string{
		"一", "十", "万", "1万", "-", "- ", "1 ", " ", "1、", "\n 1、", "9", "1,", "1.1.", "0-", ":00",
		"约", "第", "百分之", "（单位：", "单位： ", "(", "二〇", "3余", "一点", "1,000",
	} {
		text := strings.Repeat(unit, n/len(unit))
		checkInvariants(t, text, Scan(text))
		checkDecls(t, text, ScanUnitDecls(text))
	}
}
