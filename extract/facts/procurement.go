package facts

import (
	"regexp"
	"sort"
	"strings"
)

// purchaseVerb introduces a planned purchase: 拟采购三台电脑, 计划采购办公电脑五台.
var purchaseVerb = regexp.MustCompile(`(?:拟|计划|预计|准备)(?:政府)?(?:采购|购置|购买|新购)`)

// itemBefore is what is bought when it is named before its count: 办公电脑五台.
var itemBefore = regexp.MustCompile(`^[\p{Han}A-Za-z][\p{Han}A-Za-z0-9]{0,15}$`)

// itemName is what is bought, right after the measure word: 三台电脑 → 电脑.
var itemName = regexp.MustCompile(`^(\p{Han}[\p{Han}A-Za-z0-9]{0,11}?)(?:[。，,；;、）)]|和|及|等|$)`)

// purchaseTopic is a heading about procurement.
var purchaseTopic = wordsRe("采购")

// itemReach is more bytes than itemBefore's longest match, 16 runes, can take.
const itemReach = 4*16 + 4

// procurementFacts reads planned purchases: ITEM|QTY|MEASURE.
func procurementFacts(d *Doc) []Fact {
	var fs []Fact
	clauseStart, seen := 0, 0 // the start of the clause of the figure; the text searched for it
	verbsAt, verbs := -1, [][]int(nil)
	for _, n := range d.Numbers {
		if d.poll.Done() {
			break // canceled: Extract returns the context's error
		}
		if n.Measure == "" || n.Unit != 0 || n.Approx || n.Ordinal {
			continue
		}
		v, ok := n.Value.Int()
		if !ok || v <= 0 {
			continue
		}
		if n.Start > seen {
			if i := purchaseClauseMarks.LastIndex(d.Match[seen:n.Start]); i >= 0 {
				clauseStart = seen + i + 1
			}
			seen = n.Start
		}
		if clauseStart != verbsAt {
			// the purchase verbs of the clause, found once for all its figures
			verbsAt, verbs = clauseStart, nil
			end := len(d.Match)
			if i := purchaseClauseMarks.Index(d.Match[clauseStart:]); i >= 0 {
				end = clauseStart + i
			}
			if clause := d.Match[clauseStart:end]; strings.Contains(clause, "购") { // every verb of purchaseVerb holds 购; most clauses, none
				verbs = purchaseVerb.FindAllStringIndex(clause, -1)
			}
		}
		// the last verb of the clause before the figure
		k := sort.Search(len(verbs), func(k int) bool { return clauseStart+verbs[k][1] > n.Start })
		if k == 0 {
			continue
		}
		vs, ve := clauseStart+verbs[k-1][0], clauseStart+verbs[k-1][1]
		// 预计购置执法执勤用车2辆 under the 三公 expenses explains a cost; a planned
		// purchase is one of government procurement: 采购, or under a 采购 heading.
		if v := d.Match[vs:ve]; !strings.Contains(v, "采购") && !d.underTitle(n.Start, purchaseTopic, false) {
			continue
		}
		// The item named before the count, after the verb or the list's last separator.
		// itemBefore takes at most 16 runes: a separator further back than the last
		// itemReach bytes leaves a text too long to be an item.
		seg := d.Match[ve:n.Start]
		if i := itemJoins.LastIndex(tail(seg, itemReach)); i >= 0 {
			seg = seg[len(seg)-len(tail(seg, itemReach))+i:]
			seg = seg[len(runeAt(seg, 0)):]
		} else if len(seg) > itemReach {
			continue // more than 16 runes and no separator: no item, and not empty
		}
		if seg != "" {
			if itemBefore.MatchString(seg) {
				fs = append(fs, Fact{Key: "procurement.item", Type: Item, Text: seg, Int: v, Measure: n.Measure, Start: n.Start - len(seg), End: n.End, Rule: "purchase-before"})
			}
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
