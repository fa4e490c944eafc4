package checks

import (
	"context"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract/facts"
)

const (
	yuan = 100
	wan  = 1_000_000
)

// money is a fact of fen stated in unit with the given rounding step.
func money(key string, fen, unit int64) facts.Fact {
	return facts.Fact{Key: key, Type: facts.Money, Fen: fen, Unit: unit, Step: unit / 100, Start: -1, End: -1}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name     string
		kind     string
		in       []facts.Fact
		repaired string // key expected repaired, or ""
		fen      int64  // its repaired value
		codes    string // warning codes, joined by ","
	}{
		{
			name: "unit repaired when one reading makes the sums hold",
			kind: "budget",
			in: []facts.Fact{
				money("expenditure.total", 236_450_000, wan),
				money("expenditure.function.科学技术支出", 180_200_000, wan),
				money("expenditure.function.社会保障和就业支出", 35_150_000, wan),
				money("expenditure.function.卫生健康支出", 13_600_000, wan),
				money("expenditure.function.住房保障支出", 750, yuan),
			},
			repaired: "expenditure.function.住房保障支出", fen: 7_500_000, codes: "unit_repaired",
		},
		{
			name: "a wrong digit is warned, never guessed",
			in: []facts.Fact{
				money("sanggong.total", 2_000_000, wan),
				money("sanggong.outbound", 0, wan),
				money("sanggong.reception", 1_500_000, wan),
				money("sanggong.vehicle_operation", 300_000, wan),
			},
			codes: "sum_mismatch",
		},
		{
			name: "a table's exact figure and the text's 万元 parts each carry their own rounding",
			in: []facts.Fact{
				{Key: "revenue.total", Type: facts.Money, Fen: 578_308_767, Unit: yuan, Step: 1, Start: -1, End: -1},
				money("revenue.appropriation", 546_360_000, wan),
				money("revenue.business", 28_450_000, wan),
				money("revenue.carryover", 3_500_000, wan),
			},
			codes: "",
		},
		{
			name: "rounding of the stated digits is no mismatch",
			in: []facts.Fact{
				money("expenditure.total", 236_450_000, wan),
				money("expenditure.basic", 190_500_000, wan),
				money("expenditure.project", 45_940_000, wan),
			},
		},
		{
			// (0万元 against 5元 + 5元 holds: 0.00万元 is any figure under 50元)
			name: "no reading of a unit makes it hold: warned",
			in: []facts.Fact{
				money("sanggong.vehicle", 1_000_000, wan),
				money("sanggong.vehicle_purchase", 500, yuan),
				money("sanggong.vehicle_operation", 500, yuan),
			},
			codes: "sum_mismatch",
		},
		{
			name: "a budget that does not balance",
			kind: "budget",
			in: []facts.Fact{
				money("revenue.total", 100_000_000, wan),
				money("expenditure.total", 90_000_000, wan),
			},
			codes: "unbalanced",
		},
		{
			name: "final accounts need not balance",
			kind: "final_accounts",
			in: []facts.Fact{
				money("revenue.total", 100_000_000, wan),
				money("expenditure.total", 90_000_000, wan),
			},
		},
		{
			name: "revenue parts short of the total: kinds without a key may make up the rest",
			in: []facts.Fact{
				money("revenue.total", 100_000_000, wan),
				money("revenue.general_budget", 80_000_000, wan),
				money("revenue.other", 10_000_000, wan),
			},
		},
		{
			name: "revenue parts over the total are a mismatch",
			in: []facts.Fact{
				money("revenue.total", 100_000_000, wan),
				money("revenue.general_budget", 95_000_000, wan),
				money("revenue.other", 10_000_000, wan),
			},
			codes: "sum_mismatch",
		},
		{
			name: "parts across units add up exactly",
			in: []facts.Fact{
				money("expenditure.total", 123_450_000, wan),
				money("expenditure.basic", 100_000_000, yuan),
				money("expenditure.project", 23_450_000, wan),
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, ws, err := Check(context.Background(), c.in, c.kind)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, w := range ws {
				codes = append(codes, w.Code)
				if w.Message == "" || len(w.Keys) == 0 {
					t.Errorf("warning %+v lacks a message or keys", w)
				}
			}
			if got := strings.Join(codes, ","); got != c.codes {
				t.Errorf("warnings %q, want %q", got, c.codes)
			}
			for i, f := range out {
				if f.Key == c.repaired {
					if !f.Repaired || f.Fen != c.fen {
						t.Errorf("%s = %d (repaired %v), want %d repaired", f.Key, f.Fen, f.Repaired, c.fen)
					}
				} else if f.Repaired || f.Fen != c.in[i].Fen {
					t.Errorf("%s changed to %d", f.Key, f.Fen)
				}
			}
		})
	}
}
