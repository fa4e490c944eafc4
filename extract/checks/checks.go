// Package checks tests a document's facts against its own arithmetic: stated parts
// against stated totals, revenue against expenditure where a budget must balance. A
// figure whose stated unit is provably wrong (the seed's 住房保障支出预算7.83元, whose
// siblings sum to the total only as 7.83万元) is repaired and flagged; any other sum that
// fails is a warning, and the stated values stay as stated.
package checks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/record"
)

// A Relation says that the facts of Parts add up to the fact of Total. A part group
// (several keys joined by "+") stands for their sum, used when the single key before it
// in Parts is absent: sanggong.vehicle, else vehicle_purchase+vehicle_operation.
type Relation struct {
	Name string
	// Totals are the keys the parts may add up to: the relation holds when they add up to
	// any stated one (functional classes may break down the whole spending or only the
	// appropriation's). Repairs are made against the first stated.
	Totals []string
	Parts  []Alt
	// Min is how many parts must be stated for the relation to be checked.
	Min int
	// Open marks a relation whose parts a document may list only in part (revenue has
	// kinds with no key, such as 上级补助收入; a text may name some classes only): parts
	// short of the total are no mismatch, parts over it are.
	Open bool
}

// Alt is one part of a relation: the first of its keys that is stated is used; a key
// ending in ".*" stands for every key with that prefix.
type Alt []string

// Relations are the sums checked, in order.
var Relations = []Relation{
	{Name: "revenue parts", Totals: []string{"revenue.total", "revenue.this_year"}, Min: 2, Open: true, Parts: []Alt{
		{"revenue.appropriation", "revenue.general_budget+revenue.gov_fund+revenue.state_capital"},
		{"revenue.business"}, {"revenue.operating"}, {"revenue.other"}, {"revenue.carryover"},
	}},
	{Name: "function classes", Totals: []string{"expenditure.total", "appropriation.expenditure", "expenditure.this_year"}, Min: 2, Open: true, Parts: []Alt{{record.FunctionPrefix + "*"}}},
	{Name: "basic and project", Totals: []string{"expenditure.total", "appropriation.expenditure", "expenditure.this_year"}, Min: 2, Parts: []Alt{{"expenditure.basic"}, {"expenditure.project"}}},
	{Name: "three public expenses", Totals: []string{"sanggong.total"}, Min: 2, Parts: []Alt{
		{"sanggong.outbound"}, {"sanggong.reception"}, {"sanggong.vehicle", "sanggong.vehicle_purchase+sanggong.vehicle_operation"},
	}},
	{Name: "vehicle expenses", Totals: []string{"sanggong.vehicle"}, Min: 2, Parts: []Alt{{"sanggong.vehicle_purchase"}, {"sanggong.vehicle_operation"}}},
}

// Balances are the pairs that a budget (not a final account) states equal.
var Balances = [][2]string{
	{"revenue.total", "expenditure.total"},
	{"appropriation.revenue", "appropriation.expenditure"},
}

// Check tests fs, repairs units the sums prove wrong, and returns the facts (repaired
// ones marked) and the warnings. kind is the document's kind ("budget", "final_accounts" or "").
// It looks at ctx before each relation, and returns its error when it is done.
//
// The work is bounded whatever the document: the relations read single-valued money
// keys, of which fs holds at most one fact each.
func Check(ctx context.Context, fs []facts.Fact, kind string) ([]facts.Fact, []facts.Warning, error) {
	out := append([]facts.Fact(nil), fs...)
	var ws []facts.Warning
	idx := index(out)
	for _, rel := range Relations {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		members, ok := resolve(rel, idx, out)
		if !ok || holds(members, out) {
			continue
		}
		if w, ok := repair(rel, members, out, idx); ok {
			ws = append(ws, w)
			continue
		}
		total := out[members[0][0]]
		if rel.Open && sumParts(members, out) < total.Fen {
			continue
		}
		ws = append(ws, facts.Warning{
			Code:    "sum_mismatch",
			Message: fmt.Sprintf("%s: the parts add up to %s, the stated total %s is %s", rel.Name, record.FormatFen(sumParts(members, out)), total.Key, record.FormatFen(total.Fen)),
			Keys:    keysOf(members, out), Start: total.Start, End: total.End,
		})
	}
	if kind == "budget" {
		for _, b := range Balances {
			i, ok1 := idx[b[0]]
			j, ok2 := idx[b[1]]
			if !ok1 || !ok2 || out[i].Approx || out[j].Approx {
				continue
			}
			a, e := out[i], out[j]
			if abs(a.Fen-e.Fen) > tolerance(2, a, e) {
				ws = append(ws, facts.Warning{Code: "unbalanced", Keys: []string{a.Key, e.Key}, Start: -1,
					Message: fmt.Sprintf("a budget balances, but %s is %s and %s is %s", a.Key, record.FormatFen(a.Fen), e.Key, record.FormatFen(e.Fen))})
			}
		}
	}
	return out, ws, ctx.Err()
}

// index maps each single-valued money key to the position of its fact.
func index(fs []facts.Fact) map[string]int {
	idx := map[string]int{}
	for i, f := range fs {
		if f.Type == facts.Money && !f.Approx {
			if _, dup := idx[f.Key]; !dup {
				idx[f.Key] = i
			}
		}
	}
	return idx
}

// resolve returns the positions of a relation's members: members[0] the total, then one
// list per stated part. ok is false when the total or too few parts are stated.
func resolve(rel Relation, idx map[string]int, fs []facts.Fact) (members [][]int, ok bool) {
	var totals []int
	for _, k := range rel.Totals {
		if i, ok := idx[k]; ok {
			totals = append(totals, i)
		}
	}
	if len(totals) == 0 {
		return nil, false
	}
	members = [][]int{{totals[0]}}
	for _, alt := range rel.Parts {
		for _, choice := range alt {
			var pos []int
			for _, k := range strings.Split(choice, "+") {
				if prefix, wild := strings.CutSuffix(k, "*"); wild {
					for key, i := range idx {
						if strings.HasPrefix(key, prefix) {
							pos = append(pos, i)
						}
					}
					sort.Ints(pos)
					continue
				}
				if i, ok := idx[k]; ok {
					pos = append(pos, i)
				}
			}
			if len(pos) > 0 {
				members = append(members, pos)
				break
			}
		}
	}
	n := 0
	for _, m := range members[1:] {
		n += len(m)
	}
	if n < rel.Min {
		return nil, false
	}
	// Check against the first total the parts add up to, if any.
	for _, t := range totals {
		members[0][0] = t
		if holds(members, fs) {
			return members, true
		}
	}
	members[0][0] = totals[0]
	return members, true
}

func sumParts(members [][]int, fs []facts.Fact) int64 {
	var s int64
	for _, m := range members[1:] {
		for _, i := range m {
			s += fs[i].Fen
		}
	}
	return s
}

// holds reports whether the parts add up to the total within the rounding their stated
// digits allow: each figure may be off by half its own step, so a table's exact figure
// and the explanation's 万元 figure beside it each carry their own rounding.
func holds(members [][]int, fs []facts.Fact) bool {
	var slack int64
	for _, m := range members {
		for _, i := range m {
			slack += fs[i].Step / 2
		}
	}
	return abs(sumParts(members, fs)-fs[members[0][0]].Fen) <= slack
}

// holdsExactly reports whether the parts add up to the total within the rounding of the
// finest figure stated, as a repaired reading must: a figure read in a larger unit
// states a coarser step, which must not make a wrong reading hold.
func holdsExactly(members [][]int, fs []facts.Fact) bool {
	n, step := 0, int64(0)
	for _, m := range members {
		for _, i := range m {
			n++
			step = finer(step, fs[i].Step)
		}
	}
	return abs(sumParts(members, fs)-fs[members[0][0]].Fen) <= int64(n)*step/2
}

// finer returns the finer of two rounding steps, 0 meaning none stated.
func finer(a, b int64) int64 {
	if b > 0 && (a == 0 || b < a) {
		return b
	}
	return a
}

// tolerance is the rounding n figures may carry: half the finest step stated, n times.
func tolerance(n int, fs ...facts.Fact) int64 {
	step := int64(0)
	for _, f := range fs {
		step = finer(step, f.Step)
	}
	return int64(n) * step / 2
}

func keysOf(members [][]int, fs []facts.Fact) []string {
	var ks []string
	for _, m := range members {
		for _, i := range m {
			ks = append(ks, fs[i].Key)
		}
	}
	return ks
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// units are the money units a figure may have been meant in, in fen per unit.
var units = []int64{100, 1_000_000, 10_000_000_000}

var unitNames = map[int64]string{100: "元", 1_000_000: "万元", 10_000_000_000: "亿元"}

// repair looks for the one figure of a failing relation whose unit, read as another,
// makes the relation hold (against any total it allows) while every other relation that
// held still holds. It applies it and returns the warning when there is exactly one such
// reading.
func repair(rel Relation, members [][]int, fs []facts.Fact, idx map[string]int) (facts.Warning, bool) {
	type reading struct {
		pos   int
		unit  int64
		fen   int64
		total int
	}
	before := holdingRelations(fs, idx)
	totals := []int{members[0][0]}
	for _, k := range rel.Totals {
		if i, ok := idx[k]; ok && i != members[0][0] {
			totals = append(totals, i)
		}
	}
	seen := map[[2]int64]bool{}
	var found []reading
	for _, t := range totals {
		members[0][0] = t
		for _, m := range members {
			for _, i := range m {
				f := fs[i]
				if f.Unit == 0 {
					continue
				}
				for _, u := range units {
					if u == f.Unit || seen[[2]int64{int64(i), u}] {
						continue
					}
					fen, ok := rescale(f.Fen, f.Unit, u)
					if !ok {
						continue
					}
					saved := fs[i]
					fs[i].Fen, fs[i].Step = fen, rescaleStep(f.Step, f.Unit, u)
					if holdsExactly(members, fs) && stillHold(before, fs, idx) {
						seen[[2]int64{int64(i), u}] = true
						found = append(found, reading{i, u, fen, t})
					}
					fs[i] = saved
				}
			}
		}
	}
	if len(found) != 1 {
		members[0][0] = totals[0]
		return facts.Warning{}, false
	}
	r := found[0]
	members[0][0] = r.total
	f := &fs[r.pos]
	stated := f.Fen
	f.Fen, f.Step, f.Unit, f.Repaired = r.fen, rescaleStep(f.Step, f.Unit, r.unit), r.unit, true
	return facts.Warning{
		Code: "unit_repaired", Keys: []string{f.Key}, Start: f.Start, End: f.End,
		Message: fmt.Sprintf("%s is stated as %s元, but only read in %s do the %s add up to %s; repaired to %s元",
			f.Key, record.FormatFen(stated), unitNames[r.unit], rel.Name, fs[r.total].Key, record.FormatFen(r.fen)),
	}, true
}

// holdingRelations returns the relations that hold now.
func holdingRelations(fs []facts.Fact, idx map[string]int) []Relation {
	var out []Relation
	for _, rel := range Relations {
		if m, ok := resolve(rel, idx, fs); ok && holds(m, fs) {
			out = append(out, rel)
		}
	}
	return out
}

func stillHold(rels []Relation, fs []facts.Fact, idx map[string]int) bool {
	for _, rel := range rels {
		if m, ok := resolve(rel, idx, fs); ok && !holds(m, fs) {
			return false
		}
	}
	return true
}

// rescale reads fen stated in unit from as stated in unit to; ok is false when the
// result is not a whole number of fen.
func rescale(fen, from, to int64) (int64, bool) {
	if to > from {
		f := to / from
		if fen > 1<<62/f || fen < -(1<<62)/f {
			return 0, false
		}
		return fen * f, true
	}
	f := from / to
	if fen%f != 0 {
		return 0, false
	}
	return fen / f, true
}

func rescaleStep(step, from, to int64) int64 {
	s, ok := rescale(step, from, to)
	if !ok || s == 0 {
		return 1
	}
	return s
}
