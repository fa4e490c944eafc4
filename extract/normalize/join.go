package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/internal/runeset"
)

// Runes that show a line goes on a sentence, searched with runeset rather than
// strings.IndexAny, which is many times slower on Chinese text.
var (
	clauseMarks   = runeset.New("，,、；")
	sentenceMarks = runeset.New("，。；,;")
)

// joinLines joins lines that a converter broke where no line ends: inside a number
// (2023⏎年, 154.⏎79, 1,⏎234), between a figure and its unit (154.79⏎万元), and inside
// a wrapped paragraph. A paragraph line is long (at least 20 characters) and ends
// without a sentence's end (。；！？：); the next line starts no numbered item (一、
// （一） 1、 (1) 1. 第一) and is long too, ends a sentence or holds a comma. Short lines
// (titles, headings, table cells) and table rows (cells parted by " | ") keep their
// breaks. The break disappears, or becomes a space between two ASCII words.
func joinLines(b *builder) {
	in := b.in
	start := 0 // the start of the line before the break
	for {
		nl := strings.IndexByte(in[start:], '\n')
		if nl < 0 {
			return
		}
		nl += start
		next := in[nl+1:]
		if k := strings.IndexByte(next, '\n'); k >= 0 {
			next = next[:k]
		}
		switch joins(in[start:nl], next) {
		case joinWord:
			b.replace(nl, nl+1, " ")
		case joinClose:
			b.delete(nl, nl+1)
		}
		start = nl + 1
	}
}

// How a line break is mended.
const (
	joinNone  = iota // a true line break: keep it
	joinClose        // remove it
	joinWord         // make it a space, between two ASCII words
)

// joins tells whether and how line and the next one are one line broken in two.
func joins(line, next string) int {
	if line == "" || next == "" || strings.Contains(line, " | ") || strings.Contains(next, " | ") {
		return joinNone
	}
	if number(line, next) {
		return joinClose
	}
	if !paragraph(line, next) {
		return joinNone
	}
	if isAlnum(lastRune(line)) && isAlnum(firstRune(next)) {
		return joinWord
	}
	return joinClose
}

// number reports whether a line break parts a number, or a figure from its unit.
func number(line, next string) bool {
	last, first := lastRune(line), firstRune(next)
	n := len(line)
	switch {
	case isDigit(line[n-1]) && startsUnit(next) && !fieldLine(next): // 名称： is no 名 of people
		return true
	case isDigit(line[n-1]) && first == '.' && len(next) > 1 && isDigit(next[1]):
		return true
	case n > 1 && last == '.' && isDigit(line[n-2]) && isDigit(next[0]):
		return true
	case n > 1 && last == ',' && isDigit(line[n-2]) && len(next) >= 3 &&
		isDigit(next[0]) && isDigit(next[1]) && isDigit(next[2]) && (len(next) == 3 || !isDigit(next[3])):
		return true
	case isDigit(line[n-1]) && isDigit(next[0]) && utf8.RuneCountInString(line) >= 15 && hasHanRune(line) && !figureOnly(next):
		// a sentence wrapped inside a figure (支出总计5,238.6⏎4万元，…); a table's cells
		// one per line are short, or a figure alone, and keep their breaks
		return true
	}
	return false
}

// hasHanRune reports whether s holds a Chinese character.
func hasHanRune(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// figureOnly reports whether s is a figure and nothing else: digits, separators, a sign.
func figureOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && c != '.' && c != ',' && c != ' ' && c != '-' && c != '%' {
			return false
		}
	}
	return true
}

// paragraph reports whether a line break is one of a wrapped paragraph's.
func paragraph(line, next string) bool {
	last := lastRune(line)
	if startsItem(next) || isHeading(line) {
		return false
	}
	if strings.ContainsRune("，、（“(", last) {
		return true
	}
	if endsSentence(line) || utf8.RuneCountInString(line) < 20 {
		return false
	}
	if isDigit(line[len(line)-1]) && isTitle(next) {
		// a page's metadata line (发布日期：2024-09-12) before the document's title
		return false
	}
	if fieldLine(line) && fieldLine(next) {
		// a page's metadata, a field a line: 发文机关：…⏎名称：…
		return false
	}
	if isTitle(line) && endsTitle(line) {
		// a title before the text (某某小学2022年单位预算公开.pdf, 奉新县2023年“三公”经费预算增减变化情况说明)
		return false
	}
	return utf8.RuneCountInString(next) >= 20 || endsSentence(next) || clauseMarks.In(next)
}

// isTitle reports whether line reads as a disclosure's title: a year's budget or final
// accounts named, and no sentence punctuation.
func isTitle(line string) bool {
	return (strings.Contains(line, "预算") || strings.Contains(line, "决算") || strings.Contains(line, "預算") || strings.Contains(line, "決算")) &&
		strings.Contains(line, "年") && !sentenceMarks.In(line)
}

// fieldLine reports whether line begins with a field's label: two to five characters
// (spaces between them allowed) and a colon, 发文机关： or 名  称：.
func fieldLine(line string) bool {
	n := 0
	for _, r := range line {
		switch {
		case r == ' ' || r == '\u3000':
		case r == ':' || r == '：':
			return n >= 2
		case isHan(r) && n < 5:
			n++
		default:
			return false
		}
	}
	return false
}

// titleEnds are the words a disclosure's title ends with.
var titleEnds = [...]string{"预算", "决算", "預算", "決算", "说明", "說明", "情况", "情況", "公开", "公開", "报告", "報告", "表", ".pdf", ".doc", ".docx", ".xls", ".xlsx"}

// endsTitle reports whether line ends as a disclosure's title does.
func endsTitle(line string) bool {
	line = strings.TrimRight(line, " ")
	for _, w := range titleEnds {
		if strings.HasSuffix(line, w) {
			return true
		}
	}
	return false
}

// isHeading reports whether line is a numbered heading: an item with no sentence
// punctuation, 三、一般公共预算“三公”经费支出情况说明.
func isHeading(line string) bool {
	return startsItem(line) && !sentenceMarks.In(line)
}

// units are what may follow a figure: units of money, dates and counts.
var units = [...]string{"万元", "亿元", "千元", "元", "万", "亿", "年", "月", "日", "号", "%", "‰",
	"个", "人", "名", "辆", "台", "套", "项", "次", "户", "亩", "吨", "平方米", "公里", "米", "天", "倍", "家", "所", "件"}

// startsUnit reports whether s starts with a unit.
func startsUnit(s string) bool {
	for _, u := range units {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends a sentence (or a clause that introduces what
// follows): 。；！？： or their ASCII forms, maybe inside a closing quote or bracket.
func endsSentence(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("”’）)」』", r) {
		r, _ = utf8.DecodeLastRuneInString(s[:len(s)-n])
	}
	return strings.ContainsRune("。；！？：.;!?:…", r)
}

// chineseNumerals are the digits of Chinese numbering.
const chineseNumerals = "一二三四五六七八九十百零〇两"

// startsItem reports whether s starts a numbered or bulleted item: 一、 一是 （一）
// (1) 1、 1. 1) 第一 ① ⑴ ⒈ Ⅰ ● ■ ◆ •.
func startsItem(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r >= 0x2160 && r <= 0x217f, r >= 0x2460 && r <= 0x249b, strings.ContainsRune("●■◆•★▲◎", r):
		return true
	case r == '第':
		r2 := firstRune(s[n:])
		return strings.ContainsRune(chineseNumerals, r2) || r2 >= '0' && r2 <= '9'
	case r == '（' || r == '(':
		rest := strings.TrimLeft(s[n:], chineseNumerals+"0123456789")
		return len(rest) < len(s)-n && len(s)-n-len(rest) <= 9 && (strings.HasPrefix(rest, "）") || strings.HasPrefix(rest, ")"))
	case strings.ContainsRune(chineseNumerals, r):
		rest := strings.TrimLeft(s, chineseNumerals)
		return len(s)-len(rest) <= 9 && hasAnyPrefix(rest, "、", "．", ".", "是", "，")
	case r >= '0' && r <= '9':
		rest := strings.TrimLeft(s, "0123456789")
		if len(s)-len(rest) > 3 {
			return false
		}
		if hasAnyPrefix(rest, "、", "．", ")", "）") {
			return true
		}
		return strings.HasPrefix(rest, ".") && (len(rest) == 1 || !isDigit(rest[1]))
	}
	return false
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
