package facts

import (
	"regexp"
	"strings"

	"github.com/cnbudget/cnbudget/extract/tables"
)

// standardRule marks facts read from the standard tables by the tables stage: they win
// over the explanation's.
const standardRule = "standard table"

// lineTableFacts returns the facts the standard tables hold in their 合计 rows: the
// expenditure table's basic and project spending. The summary tables' figures (收支总表,
// 财政拨款收支总表) are read by tableFacts with the other flattened tables.
func lineTableFacts(d *Doc) []Fact {
	var fs []Fact
	for _, t := range d.Tables {
		if t.Kind != tables.Expenditure {
			continue
		}
		for _, r := range t.Rows {
			if r.Code != "total" {
				continue
			}
			if d.poll.Done() {
				return nil
			}
			for _, c := range [...]struct {
				col tables.Column
				key string
			}{{tables.Basic, "expenditure.basic"}, {tables.Project, "expenditure.project"}} {
				if a := r.Cells[c.col]; a.Set {
					fs = append(fs, Fact{Key: c.key, Type: Money, Fen: a.Fen, Unit: t.Unit.Fen(), Step: t.Unit.Fen(),
						Start: a.Start, End: a.End, Rule: standardRule})
				}
			}
		}
	}
	return fs
}

// inStandardTable reports whether off lies in a standard table the tables stage read
// (a summary table or one with codes): its figures are read from there, not again as a
// flattened table (其他文化和旅游支出, a 项, is no functional class).
func inStandardTable(d *Doc, off int) bool {
	for _, s := range d.Summaries {
		if off >= s.Start && off <= s.Last {
			return true
		}
	}
	for _, t := range d.Tables {
		if off >= t.Start && off <= t.Last {
			return true
		}
	}
	return false
}

// summaryFacts returns the facts of the summary tables' labelled figures: the revenue
// parts and totals of the 收支总表, the totals of the 财政拨款收支总表.
func summaryFacts(d *Doc, ss []tables.Summary) []Fact {
	var fs []Fact
	for _, s := range ss {
		for _, p := range s.Pairs {
			if d.poll.Done() {
				return nil // canceled: Extract returns the context's error
			}
			key := summaryKey(s.Kind, cleanLabel(p.Label), p.Panel)
			if key == "" || strings.HasPrefix(key, "expenditure.function.") && p.Amount.Fen == 0 {
				continue // a table lists every class; an empty one states nothing of the body's spending
			}
			fs = append(fs, Fact{Key: key, Type: Money, Fen: p.Amount.Fen, Unit: s.Unit.Fen(), Step: s.Unit.Fen(),
				Start: p.Amount.Start, End: p.Amount.End, Rule: standardRule})
		}
	}
	return fs
}

// enumerator is the numbering before a summary table's label: 一、 1. （一）.
var enumerator = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）])\s*`)

// summaryKey is the key of a summary table's label.
func summaryKey(k tables.SummaryKind, label string, panel int) string {
	label = enumerator.ReplaceAllString(label, "")
	switch k {
	case tables.SummarySanggong:
		has := func(w string) bool { return strings.Contains(label, w) }
		switch {
		case has("机关运行"):
			return "operating_expenses"
		case has("合计") || has("总计"):
			return "sanggong.total"
		case has("出国"):
			return "sanggong.outbound"
		case has("接待"):
			return "sanggong.reception"
		case label == "小计" || has("购置及运行") || has("购置和运行"):
			return "sanggong.vehicle"
		case has("购置"):
			return "sanggong.vehicle_purchase"
		case has("运行"):
			return "sanggong.vehicle_operation"
		}
	case tables.SummaryAppropriation:
		switch {
		case label == "收入总计" || label == "收入合计" || label == "总计" && panel == 0:
			return "appropriation.revenue"
		case label == "支出总计" || label == "支出合计" || label == "总计" && panel == 1:
			return "appropriation.expenditure"
		}
	case tables.SummaryAll:
		switch label {
		case "财政拨款收入", "财政拨款", "财政拨款收入合计":
			return "revenue.appropriation"
		case "一般公共预算", "一般公共预算资金", "一般公共预算拨款", "一般公共预算财政拨款", "一般公共预算拨款收入", "一般公共预算财政拨款收入":
			return "revenue.general_budget"
		case "政府性基金", "政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款收入", "政府性基金预算拨款收入":
			return "revenue.gov_fund"
		case "国有资本经营预算", "国有资本经营预算拨款", "国有资本经营预算财政拨款收入", "国有资本经营预算拨款收入":
			return "revenue.state_capital"
		case "事业收入":
			return "revenue.business"
		case "事业单位经营收入", "经营收入":
			return "revenue.operating"
		case "其他收入":
			return "revenue.other"
		case "收入总计", "收入合计", "收入总计数":
			return "revenue.total"
		case "支出总计", "支出合计", "支出总计数":
			return "expenditure.total"
		case "总计":
			return [2]string{"revenue.total", "expenditure.total"}[panel]
		case "本年收入合计", "本年收入":
			return "revenue.this_year"
		case "本年支出合计", "本年支出":
			return "expenditure.this_year"
		case "年初结转和结余", "上年结转", "上年结转结余", "上年结转和结余", "年初结转结余":
			return "revenue.carryover"
		case "年末结转和结余", "结转下年", "年末结转结余":
			return "expenditure.carry_forward"
		}
		if functionRe.MatchString(label) && functionRe.FindString(label) == label {
			return "expenditure.function." + label
		}
	}
	return ""
}
