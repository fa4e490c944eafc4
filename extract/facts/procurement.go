package facts

import (
	"regexp"
	"strings"
)

// purchaseVerb ends the words before a planned purchase's count: 拟采购三台电脑.
var purchaseVerb = regexp.MustCompile(`(?:拟|计划|预计|准备)(?:政府)?(?:采购|购置|购买|新购)$`)

// itemName is what is bought, right after the measure word: 三台电脑 → 电脑.
var itemName = regexp.MustCompile(`^(\p{Han}[\p{Han}A-Za-z0-9]{0,11}?)(?:[。，,；;、）)]|和|及|等|$)`)

// procurementFacts reads planned purchases: ITEM|QTY|MEASURE.
func procurementFacts(d *Doc) []Fact {
	var fs []Fact
	for _, n := range d.Numbers {
		if n.Measure == "" || n.Unit != 0 || n.Approx || n.Ordinal {
			continue
		}
		v, ok := n.Value.Int()
		if !ok || v <= 0 {
			continue
		}
		lineStart := strings.LastIndexByte(d.Match[:n.Start], '\n') + 1
		if !purchaseVerb.MatchString(d.Match[lineStart:n.Start]) {
			continue
		}
		m := itemName.FindStringSubmatchIndex(d.Match[n.End:])
		if m == nil {
			continue
		}
		item := d.Match[n.End+m[2] : n.End+m[3]]
		fs = append(fs, Fact{Key: "procurement.item", Type: Item, Text: item, Int: v, Measure: n.Measure, Start: n.Start, End: n.End + m[3], Rule: "purchase"})
	}
	return fs
}
