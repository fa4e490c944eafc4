package decode

import (
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/source"
)

// Limits of what is read as a line of columns.
const (
	minColumnLines = 5  // lines with a figure among columns before a text counts as laid out
	maxCellRunes   = 40 // a longer run of text between wide gaps is prose, not a cell
)

// Columns finds the lines of a plain text laid out in columns by runs of spaces, as a
// PDF converted with its layout kept (pdftotext -layout) gives its tables, and writes
// their cells parted by " | ", as every reader writes a table row, with each cell's place
// on the line (its first and last rune column) so that the table stage puts a figure
// under the header it stands beneath. A text with fewer than five such lines holding a
// figure is returned as it is: spaces in prose part nothing.
func Columns(text string) (string, []source.Cell) {
	figureLines := 0
	for line := range strings.Lines(text) {
		if cs := rowCells(line); len(cs) >= 2 && hasFigure(line, cs) {
			figureLines++
			if figureLines >= minColumnLines {
				break
			}
		}
	}
	if figureLines < minColumnLines {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	var cells []source.Cell
	for line := range strings.Lines(text) {
		body := strings.TrimRight(line, "\r\n")
		cs := rowCells(body)
		if len(cs) < 2 {
			b.WriteString(line)
			continue
		}
		if strings.HasPrefix(body, "\f") {
			b.WriteByte('\f') // a page break stays where it was
		}
		for i, c := range cs {
			if i > 0 {
				b.WriteString(" | ")
			}
			start := b.Len()
			b.WriteString(body[c.start:c.end])
			cells = append(cells, source.Cell{Start: start, End: b.Len(), X0: float64(c.col0), X1: float64(c.col1)})
		}
		b.WriteString(line[len(body):])
	}
	return b.String(), cells
}

// rowCells returns the cells of a line of columns, or of a table row a web page flattened
// with one space between its cells: a label, then figures only (（二）公务接待费 14.83 14.83).
func rowCells(line string) []columnCell {
	if cs := columnCells(line); cs != nil {
		return cs
	}
	return figureRow(line)
}

// figureRow parts a line at single spaces when it is a label followed by plain figures
// only, and returns nil otherwise.
func figureRow(line string) []columnCell {
	if strings.ContainsAny(line, "|。；，,") {
		return nil
	}
	var cs []columnCell
	col := 0
	cur := columnCell{start: -1}
	for i, r := range line {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000':
			if cur.start >= 0 {
				cs = append(cs, cur)
				cur = columnCell{start: -1}
			}
		case r == '\r' || r == '\n':
		default:
			if cur.start < 0 {
				cur = columnCell{start: i, col0: col}
			}
			cur.end, cur.col1 = i+utf8.RuneLen(r), col+1
		}
		col++
	}
	if cur.start >= 0 {
		cs = append(cs, cur)
	}
	if len(cs) < 2 || utf8.RuneCountInString(line[cs[0].start:cs[0].end]) > maxCellRunes ||
		hasFigure(line, cs[:1]) {
		return nil
	}
	for _, c := range cs[1:] {
		if !hasFigure(line, []columnCell{c}) {
			return nil
		}
	}
	return cs
}

// columnCell is a run of text between wide gaps: byte offsets in its line and its first
// and last rune columns.
type columnCell struct {
	start, end int
	col0, col1 int
}

// columnCells parts a line at runs of two or more spaces; it returns nil for a line that
// is no row of columns (one part, a sentence, a part too long to be a cell, a " | " row).
func columnCells(line string) []columnCell {
	if strings.Contains(line, "|") || strings.ContainsAny(line, "。；") {
		return nil
	}
	var cs []columnCell
	col, spaces := 0, 0
	cur := columnCell{start: -1}
	for i, r := range line {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000' || r == '\f':
			spaces++
			if r == '\t' || r == '\u3000' {
				spaces++ // a tab or a full-width space is a wide gap alone
			}
		case r == '\r' || r == '\n':
		default:
			if cur.start >= 0 && spaces >= 2 {
				cs = append(cs, cur)
				cur = columnCell{start: -1}
			}
			if cur.start < 0 {
				cur = columnCell{start: i, col0: col}
			}
			cur.end, cur.col1 = i+utf8.RuneLen(r), col+1
			spaces = 0
		}
		col++
	}
	if cur.start >= 0 {
		cs = append(cs, cur)
	}
	if len(cs) < 2 {
		return nil
	}
	for _, c := range cs {
		if utf8.RuneCountInString(line[c.start:c.end]) > maxCellRunes {
			return nil
		}
	}
	return cs
}

// hasFigure reports whether one of a line's cells is a plain figure: 1,234 / 56.78.
func hasFigure(line string, cs []columnCell) bool {
	for _, c := range cs {
		s := line[c.start:c.end]
		digits := 0
		ok := true
		for i := 0; i < len(s) && ok; i++ {
			switch {
			case s[i] >= '0' && s[i] <= '9':
				digits++
			case s[i] == ',' || s[i] == '.' || s[i] == '-':
			default:
				ok = false
			}
		}
		if ok && digits > 0 {
			return true
		}
	}
	return false
}
