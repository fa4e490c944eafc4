// Package sections finds the structure of a normalised document: its headings (numbered
// like 一、 （一） 1、 (1) 第一部分, or short unnumbered lines), the outline that says which
// headings an offset falls under, and its sentences and clauses. The field rules use the
// outline as context: the same words mean revenue under 收入预算 and spending under 支出预算.
package sections

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/internal/poll"
	"github.com/cnbudget/cnbudget/extract/internal/runeset"
)

// Runes that end a heading's title or mark a line as prose, searched with runeset
// rather than strings.IndexAny, which is many times slower on Chinese text.
var (
	titleEnds  = runeset.New("：:。；;")
	commas     = runeset.New("，,")
	proseMarks = runeset.New("。，,；;：:|")
)

// Heading is one heading line, or the heading part of a line that goes on with text
// (（一）收入预算：2023年…).
type Heading struct {
	Start, End int    // byte offsets of the heading's title in the text
	Level      int    // 0 第一部分; 1 一、 or an unnumbered heading line; 2 （一）; 3 1、 1. ; 4 (1) ①
	Marker     string // the numbering as written ("一、", "（一）"), or ""
	Title      string // the title without its marker
	LineEnd    int    // byte offset of the end of the heading's line
}

// Outline is the headings of a text in order.
type Outline struct {
	Headings []Heading
	parent   []int
}

// Parse finds the headings of text.
func Parse(text string) *Outline {
	o, _ := ParseContext(context.Background(), text)
	return o
}

// ParseContext is Parse, stopping with ctx's error when ctx is done.
func ParseContext(ctx context.Context, text string) (*Outline, error) {
	o := &Outline{}
	p := poll.New(ctx)
	for start := 0; start < len(text); {
		if p.Done() {
			return nil, p.Err()
		}
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if h, ok := heading(text, start, end); ok {
			o.Headings = append(o.Headings, h)
		}
		start = end + 1
	}
	o.parent = make([]int, len(o.Headings))
	var stack []int
	for i, h := range o.Headings {
		for len(stack) > 0 && o.Headings[stack[len(stack)-1]].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		o.parent[i] = -1
		if len(stack) > 0 {
			o.parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	return o, nil
}

// At returns the headings that the byte offset off falls under, outermost first: the
// nearest heading before off of each level above the previous one.
func (o *Outline) At(off int) []Heading {
	// find the last heading starting at or before off
	lo, hi := 0, len(o.Headings)
	for lo < hi {
		m := (lo + hi) / 2
		if o.Headings[m].Start <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	var path []Heading
	if len(o.parent) == len(o.Headings) {
		for i := lo - 1; i >= 0; i = o.parent[i] {
			path = append(path, o.Headings[i])
		}
		for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
			path[i], path[j] = path[j], path[i]
		}
		return path
	}
	level := 99
	for i := lo - 1; i >= 0 && level > 0; i-- {
		h := o.Headings[i]
		if h.Level < level {
			path = append(path, h)
			level = h.Level
		}
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}

// Context returns the titles of the headings off falls under, innermost last, joined by " / ".
func (o *Outline) Context(off int) string {
	var b strings.Builder
	for i, h := range o.At(off) {
		if i > 0 {
			b.WriteString(" / ")
		}
		b.WriteString(h.Title)
	}
	return b.String()
}

const cnDigits = "一二三四五六七八九十"

// marker reads a numbering marker at the start of line and returns its level and length.
func marker(line string) (level, n int) {
	switch {
	case strings.HasPrefix(line, "第"):
		i := len("第")
		j := i + spanOf(line[i:], cnDigits+"0123456789")
		if j > i && (strings.HasPrefix(line[j:], "部分") || strings.HasPrefix(line[j:], "章")) {
			k := j + len("部分")
			if strings.HasPrefix(line[j:], "章") {
				k = j + len("章")
			}
			return 0, k + spanOf(line[k:], " :：、")
		}
	case strings.HasPrefix(line, "（") || strings.HasPrefix(line, "("):
		_, w := utf8.DecodeRuneInString(line)
		j := w + spanOf(line[w:], cnDigits)
		lvl := 2
		if j == w {
			j = w + spanOf(line[w:], "0123456789")
			lvl = 4
		}
		if j > w && j-w <= 9 {
			if strings.HasPrefix(line[j:], "）") {
				return lvl, j + len("）")
			}
			if strings.HasPrefix(line[j:], ")") {
				return lvl, j + 1
			}
		}
	}
	if r, w := utf8.DecodeRuneInString(line); r >= '①' && r <= '⑳' {
		return 4, w
	}
	if j := spanOf(line, cnDigits); j > 0 && j <= 9 && strings.HasPrefix(line[j:], "、") {
		return 1, j + len("、")
	}
	if j := spanOf(line, "0123456789"); j > 0 && j <= 2 {
		switch {
		case strings.HasPrefix(line[j:], "、"):
			return 3, j + len("、")
		case strings.HasPrefix(line[j:], "．"):
			return 3, j + len("．")
		case strings.HasPrefix(line[j:], ".") && (len(line) == j+1 || !isDigit(line[j+1])):
			return 3, j + 1
		}
	}
	return -1, 0
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// spanOf returns the length of the prefix of s made of runes in set.
func spanOf(s, set string) int {
	n := 0
	for _, r := range s {
		if !strings.ContainsRune(set, r) {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

// heading reports whether the line text[start:end] is or begins with a heading.
func heading(text string, start, end int) (Heading, bool) {
	line := text[start:end]
	trim := strings.TrimLeft(line, " \t")
	start += len(line) - len(trim)
	line = strings.TrimRight(trim, " \t")
	if line == "" || strings.Contains(line, "|") {
		// a table's row or cell is no heading, whatever it begins with
		return Heading{}, false
	}
	level, n := marker(line)
	if level >= 0 {
		rest := strings.TrimLeft(line[n:], " ")
		off := start + len(line) - len(rest)
		title := rest
		if i := titleEnds.Index(title); i >= 0 {
			title = title[:i]
		}
		// An item that is a long sentence is a paragraph that happens to be numbered;
		// its first clause is still the best title it has.
		if i := commas.Index(title); i >= 0 && utf8.RuneCountInString(title) > 30 {
			title = title[:i]
		}
		return Heading{Start: off, End: off + len(title), Level: level, Marker: line[:n], Title: title, LineEnd: start + len(line)}, true
	}
	// An unnumbered heading: a short line of words with no sentence punctuation or figures.
	if utf8.RuneCountInString(line) > 30 || proseMarks.In(line) {
		return Heading{}, false
	}
	han := 0
	for _, r := range line {
		if unicode.Is(unicode.Han, r) {
			han++
		}
		if unicode.IsDigit(r) && !strings.Contains(line, "年") {
			return Heading{}, false
		}
	}
	if han < 2 {
		return Heading{}, false
	}
	return Heading{Start: start, End: start + len(line), Level: 1, Title: line, LineEnd: start + len(line)}, true
}
