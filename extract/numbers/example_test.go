package numbers_test

import (
	"fmt"

	"github.com/cnbudget/cnbudget/extract/numbers"
)

func ExampleScan() {
	text := "2023年收入预算154.79万元，较去年增加35.13万元；拟采购三台电脑，展品200余件。联系电话：023-51522382"
	for _, n := range numbers.Scan(text) {
		fen, isMoney := n.Fen()
		fmt.Printf("%s: value %s unit %q measure %q approx %v fen %d %v\n",
			text[n.Start:n.End], n.Value, n.Unit, n.Measure, n.Approx, fen, isMoney)
	}
	// Output:
	// 2023年: value 2023 unit "" measure "年" approx false fen 0 false
	// 154.79万元: value 154.79 unit "万元" measure "" approx false fen 154790000 true
	// 35.13万元: value 35.13 unit "万元" measure "" approx false fen 35130000 true
	// 三台: value 3 unit "" measure "台" approx false fen 0 false
	// 200余件: value 200 unit "" measure "件" approx true fen 0 false
}

// A figure in a table has no unit of its own: it takes the one its table declares.
func ExampleScanUnitDecls() {
	table := "表一（单位：万元）\n科学技术支出 | 120.7\n住房保障支出 | 7.83"
	decls := numbers.ScanUnitDecls(table)
	unit := decls[0].Unit
	for _, n := range numbers.Scan(table) {
		if n.Unit == numbers.NoUnit && n.Measure == "" && n.Start > decls[0].End {
			fen, _ := n.Value.Fen(unit)
			fmt.Printf("%s %s = %d fen\n", n.Value, unit, fen)
		}
	}
	// Output:
	// 120.7 万元 = 120700000 fen
	// 7.83 万元 = 7830000 fen
}
