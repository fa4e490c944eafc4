package tables

import (
	"strconv"
	"strings"
)

// The “三公” table prints one line of figures under a header of two or three lines:
// 合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, often with the
// 机关运行经费 beside them, and in final accounts the same columns twice, under 预算数 and
// then 决算数. Its figures are pairs of the header's leaf cell and the figure under it.

// sanggongHead is a header cell of the “三公” table.
type sanggongHead struct {
	text   string
	index  int
	line   int
	x0, x1 float64
	placed bool
}

func (h sanggongHead) mid() float64 { return (h.x0 + h.x1) / 2 }

// sanggongLine reads a line of the “三公” table: header cells until its first line of
// figures, which is read against them; lines after it are not read.
func (p *parser) sanggongLine(cs []cell) {
	if p.sgDone {
		return
	}
	for _, c := range cs {
		if c.start == c.end {
			continue
		}
		if s := without(p.text[c.start:c.end], " "); s == "栏次" || s == "行次" {
			return // the columns' numbers (栏次 | 1 | 2 | …), never figures
		}
		break
	}
	var figs []cell
	var at []int // each figure's position in the line
	text := 0
	for i, c := range cs {
		s := p.text[c.start:c.end]
		if c.start == c.end {
			continue
		}
		if _, ok := figure(s); ok {
			figs, at = append(figs, c), append(at, i)
		} else {
			text++
		}
	}
	if len(figs) == 0 || text > 1 {
		for i, c := range cs {
			if c.start == c.end {
				continue
			}
			h := sanggongHead{text: without(p.text[c.start:c.end], " "), index: i, line: p.sgLines}
			if len(cs) == 1 {
				h.index = -1 // a header cell on a line of its own: only its place tells
			}
			if p.opt.Place != nil {
				h.x0, h.x1, h.placed = p.opt.Place(c.start)
			}
			p.sgHead = append(p.sgHead, h)
		}
		p.sgLines++
		return
	}
	if columnNumbers(p.text, figs) {
		return // 1 | 2 | 3 | …: the columns' numbers
	}
	if len(figs) < 3 {
		// not a line of figures under a header of items: a table with a row per item
		// (合计 | 30.8 | 25.7), which the flattened-table rules read
		p.sgDone = true
		return
	}
	if p.sum.Unit == 0 || len(p.sgHead) == 0 {
		return
	}
	p.sgDone = true
	leaves := sanggongLeaves(p.sgHead)
	if len(leaves) < 3 {
		return
	}
	for k, c := range figs {
		var leaf *sanggongHead
		if p.opt.Place != nil {
			if x0, x1, ok := p.opt.Place(c.start); ok {
				mid, best := (x0+x1)/2, -1.0
				for i := range leaves {
					if !leaves[i].placed {
						continue
					}
					if d := abs(leaves[i].mid() - mid); best < 0 || d < best {
						leaf, best = &leaves[i], d
					}
				}
			}
		}
		if leaf == nil {
			for i := range leaves {
				if leaves[i].index == at[k] {
					leaf = &leaves[i] // every cell written: the figure under its head
				}
			}
		}
		if leaf == nil && len(figs) == len(leaves) {
			leaf = &leaves[k]
		}
		if leaf == nil {
			continue
		}
		v, _ := figure(p.text[c.start:c.end])
		fen, ok := v.Fen(p.sum.Unit)
		if !ok {
			continue
		}
		p.sum.Pairs = append(p.sum.Pairs, Pair{Label: leaf.text, Amount: Amount{Set: true, Fen: fen, Start: c.start, End: c.end}})
	}
}

// sanggongLeaves returns the header cells that head a column of figures, left to right:
// cells with no cell of a lower line under them. In final accounts, only the columns
// under 决算数 (the actual figures) are kept when the budget's stand beside them.
func sanggongLeaves(hs []sanggongHead) []sanggongHead {
	placed := true
	for _, h := range hs {
		placed = placed && h.placed
	}
	under := func(child, parent sanggongHead) bool {
		if placed {
			return child.mid() > parent.x0 && child.mid() < parent.x1
		}
		return child.index == parent.index && child.index >= 0
	}
	var actual *sanggongHead
	budget := false
	for i, h := range hs {
		switch {
		case strings.Contains(h.text, "决算"):
			actual = &hs[i]
		case strings.Contains(h.text, "预算数"):
			budget = true
		}
	}
	var leaves []sanggongHead
	for i, h := range hs {
		if !sanggongWord(h.text) {
			continue
		}
		parent := false
		for j, d := range hs {
			if j != i && d.line > h.line && sanggongWord(d.text) && under(d, h) {
				parent = true
				break
			}
		}
		if parent {
			continue
		}
		if actual != nil && budget && (placed && !under(h, *actual) || !placed && h.index < actual.index) {
			continue // the budget's columns of a final account
		}
		leaves = append(leaves, h)
	}
	// left to right: by place, or by cell position (a header cell on a line of its own
	// keeps its order)
	before := func(a, b sanggongHead) bool {
		if placed {
			return a.mid() < b.mid()
		}
		return a.index >= 0 && b.index >= 0 && a.index < b.index
	}
	for i := 1; i < len(leaves); i++ {
		for j := i; j > 0 && before(leaves[j], leaves[j-1]); j-- {
			leaves[j], leaves[j-1] = leaves[j-1], leaves[j]
		}
	}
	return leaves
}

// sanggongWord reports a header cell that heads a figure of the “三公” table.
func sanggongWord(s string) bool {
	for _, w := range []string{"合计", "小计", "出国", "接待", "购置", "运行", "公务用车"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// columnNumbers reports a line of figures that counts 1, 2, 3, …: the columns' numbers.
func columnNumbers(text string, figs []cell) bool {
	for k, c := range figs {
		if text[c.start:c.end] != strconv.Itoa(k+1) {
			return false
		}
	}
	return len(figs) >= 2
}
