package numbers

import (
	"math"
	"testing"
)

func TestUnit(t *testing.T) {
	for _, tc := range []struct {
		u   Unit
		str string
		fen int64
	}{
		{NoUnit, "", 0},
		{Yuan, "元", 100},
		{Wan, "万元", 1_000_000},
		{Yi, "亿元", 10_000_000_000},
		{Unit(99), "", 0},
	} {
		if got := tc.u.String(); got != tc.str {
			t.Errorf("Unit(%d).String() = %q, want %q", tc.u, got, tc.str)
		}
		if got := tc.u.Fen(); got != tc.fen {
			t.Errorf("Unit(%d).Fen() = %d, want %d", tc.u, got, tc.fen)
		}
	}
}

func TestDecimalString(t *testing.T) {
	for _, tc := range []struct {
		d    Decimal
		want string
	}{
		{Decimal{15479, 2}, "154.79"},
		{Decimal{0, 0}, "0"},
		{Decimal{0, 5}, "0"},
		{Decimal{-4, 0}, "-4"},
		{Decimal{5, 1}, "0.5"},
		{Decimal{-5, 3}, "-0.005"},
		{Decimal{12, -3}, "12000"},
		{Decimal{math.MinInt64, 0}, "-9223372036854775808"},
		{Decimal{math.MaxInt64, 18}, "9.223372036854775807"},
		{Decimal{7, 1000}, "7e-1000"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestDecimalFen(t *testing.T) {
	for _, tc := range []struct {
		d    Decimal
		u    Unit
		want int64
		ok   bool
	}{
		{Decimal{15479, 2}, Wan, 154_790_000, true},
		{Decimal{7464053, 0}, Yuan, 746_405_300, true},
		{Decimal{12, 1}, Yi, 12_000_000_000, true},
		{Decimal{-4, 0}, Wan, -4_000_000, true},
		{Decimal{783, 2}, Yuan, 783, true},
		{Decimal{1, 3}, Yuan, 0, false},           // 0.001元 is no whole fen
		{Decimal{1, 7}, Wan, 0, false},            // 0.0000001万元 = 0.1 fen
		{Decimal{1, 6}, Wan, 1, true},             // 0.000001万元 = 1 fen
		{Decimal{5, 0}, NoUnit, 0, false},         // not money
		{Decimal{0, 0}, NoUnit, 0, false},         // not money, even when zero
		{Decimal{1_000_000_000, 0}, Yi, 0, false}, // 10^9 亿元 overflows
		{Decimal{922337203, 0}, Yi, 9_223_372_030_000_000_000, true},
		{Decimal{-922337204, 0}, Yi, 0, false},
		{Decimal{math.MaxInt64, 0}, Yuan, 0, false},
		{Decimal{0, 0}, Wan, 0, true},
		{Decimal{100, 40}, Yuan, 0, false},
		{Decimal{1, -30}, Yuan, 0, false},
		{Decimal{1, math.MinInt}, Yuan, 0, false},
		{Decimal{1, math.MaxInt}, Yuan, 0, false},
		{Decimal{5000, 5}, Yuan, 5, true}, // not canonical, still exact
	} {
		got, ok := tc.d.Fen(tc.u)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%#v.Fen(%v) = %d, %v; want %d, %v", tc.d, tc.u, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDecimalInt(t *testing.T) {
	for _, tc := range []struct {
		d    Decimal
		want int64
		ok   bool
	}{
		{Decimal{2023, 0}, 2023, true},
		{Decimal{-4, 0}, -4, true},
		{Decimal{400, 2}, 4, true},
		{Decimal{15479, 2}, 0, false},
		{Decimal{3, -2}, 300, true},
		{Decimal{math.MaxInt64, -1}, 0, false},
	} {
		got, ok := tc.d.Int()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%#v.Int() = %d, %v; want %d, %v", tc.d, got, ok, tc.want, tc.ok)
		}
	}
}
