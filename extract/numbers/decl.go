package numbers

import (
	"strings"
	"unicode/utf8"
)

// UnitDecl is a table's or sentence's declaration of the money unit its bare figures are
// in: 单位：万元, 金额单位：元, （单位：万元）, （万元）.
type UnitDecl struct {
	Start, End int // byte offsets of the whole declaration, brackets included
	Unit       Unit
}

// ScanUnitDecls returns the unit declarations in the normalised text, in order. It reads
// 单位 (after an optional 金额, 计量 or 货币) followed by a colon or 为 and a money unit
// (人民币 may stand before it), optionally in brackets; and a money unit alone in brackets
// (（万元） in 金额（万元）). Units other than 元, 万元 and 亿元 (千元, 百万元) are not read.
func ScanUnitDecls(text string) []UnitDecl {
	var out []UnitDecl
	floor := 0
	for i := 0; i < len(text); {
		// A declaration begins with 单, 單 (lead byte 0xE5), （ (0xEF) or (. No other
		// byte, and no continuation byte of a rune, is one of these.
		if c := text[i]; c != 0xE5 && c != 0xEF && c != '(' {
			i++
			continue
		}
		var d UnitDecl
		var ok bool
		switch {
		case strings.HasPrefix(text[i:], "单位") || strings.HasPrefix(text[i:], "單位"):
			d, ok = declAfterLabel(text, floor, i)
		case text[i] == '(' || strings.HasPrefix(text[i:], "（"):
			d, ok = declInBrackets(text, i)
		}
		if ok {
			out = append(out, d)
			floor, i = d.End, d.End
			continue
		}
		i++
	}
	return out
}

// declAfterLabel reads 单位：万元 with the label at offset i; floor bounds the look-back.
func declAfterLabel(text string, floor, i int) (UnitDecl, bool) {
	j := skipSpace(text, i+len("单位"))
	switch {
	case strings.HasPrefix(text[j:], "：") || strings.HasPrefix(text[j:], "为") || strings.HasPrefix(text[j:], "為"):
		j += len("：")
	case strings.HasPrefix(text[j:], ":"):
		j++
	default:
		return UnitDecl{}, false
	}
	j = skipSpace(text, j)
	if strings.HasPrefix(text[j:], "人民币") || strings.HasPrefix(text[j:], "人民幣") {
		j += len("人民币")
	}
	u, w := unitAt(text[j:])
	if u == NoUnit {
		return UnitDecl{}, false
	}
	end := j + w
	start := i
	for _, label := range []string{"金额", "金額", "计量", "計量", "货币", "貨幣"} {
		if strings.HasSuffix(text[floor:start], label) {
			start -= len(label)
			break
		}
	}
	// An opening bracket before the label takes its closing bracket after the unit.
	k := start
	for k > floor {
		r, w := utf8.DecodeLastRuneInString(text[:k])
		if !isSpace(r) {
			break
		}
		k -= w
	}
	if open, w := utf8.DecodeLastRuneInString(text[floor:k]); open == '(' || open == '（' {
		if c := closing(text, end); c > end {
			start, end = k-w, c
		}
	}
	return UnitDecl{Start: start, End: end, Unit: u}, true
}

// declInBrackets reads （万元） with the opening bracket at offset i.
func declInBrackets(text string, i int) (UnitDecl, bool) {
	_, w := utf8.DecodeRuneInString(text[i:])
	j := skipSpace(text, i+w)
	u, uw := unitAt(text[j:])
	if u == NoUnit {
		return UnitDecl{}, false
	}
	end := closing(text, j+uw)
	if end < 0 {
		return UnitDecl{}, false
	}
	return UnitDecl{Start: i, End: end, Unit: u}, true
}

// closing returns the offset after the closing bracket at or after i (spaces between
// allowed), or -1 when there is none.
func closing(text string, i int) int {
	i = skipSpace(text, i)
	if r, w := utf8.DecodeRuneInString(text[i:]); r == ')' || r == '）' {
		return i + w
	}
	return -1
}
