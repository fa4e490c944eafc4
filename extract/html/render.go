package html

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/cnbudget/cnbudget/extract/source"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Rows whose cells hold more than this many lines or characters, or a table, lay out
// a page rather than tabulate figures: their cells are rendered as blocks.
const (
	layoutCellLines = 3
	layoutCellRunes = 300
)

// render returns the lines of root's subtree, leaving out dropped elements and page
// furniture. When keep is not nil, only the children of root that it holds are
// rendered.
func render(a *analysis, root *html.Node, keep map[*html.Node]bool) []string {
	r := &renderer{a: a}
	if keep == nil {
		r.node(root)
	} else {
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			if keep[c] {
				r.node(c)
				r.breakLine()
			}
		}
	}
	r.breakLine()
	return r.lines
}

// renderer turns a subtree into lines.
type renderer struct {
	a     *analysis
	lines []string
	line  lineBuilder
	// spans counts, for each column of the table being rendered, the rows below that
	// a cell spanning rows (rowspan) still covers.
	spans []int
}

func (r *renderer) breakLine() {
	if s := r.line.String(); s != "" {
		r.lines = append(r.lines, s)
	}
	r.line.Reset()
}

func (r *renderer) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.line.WriteText(n.Data)
		return
	case html.ElementNode:
		if dropped(n) || r.a.chrom[n] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			r.breakLine()
			return
		case atom.Tr:
			r.breakLine()
			r.row(n)
			return
		case atom.Table:
			saved := r.spans
			r.spans = nil
			defer func() { r.spans = saved }()
		case atom.Img:
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if block {
		r.breakLine()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
	if block {
		r.breakLine()
	}
}

// row renders a table row: its cells on one line separated by " | ", or, for a
// layout table's row, each cell as blocks of its own.
func (r *renderer) row(tr *html.Node) {
	var cells [][]string
	layout := false
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) || r.a.chrom[c] {
			continue
		}
		sub := &renderer{a: r.a}
		for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
			sub.node(cc)
		}
		sub.breakLine()
		if len(sub.lines) > layoutCellLines || runeCount(sub.lines) > layoutCellRunes || hasTable(c) {
			layout = true
		}
		cells = append(cells, sub.lines)
	}
	if layout {
		for _, cell := range cells {
			r.lines = append(r.lines, cell...)
		}
		return
	}
	// Every cell goes to its column: a cell spanning columns (colspan) leaves the columns
	// it covers blank after it, and a cell spanning rows (rowspan) the rows below, so
	// that each figure stands under its header, as on the page.
	var texts []string
	k := 0
	skipCovered := func() {
		for len(texts) < len(r.spans) && r.spans[len(texts)] > 0 {
			r.spans[len(texts)]--
			texts = append(texts, "")
		}
	}
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) || r.a.chrom[c] {
			continue
		}
		skipCovered()
		cols, rows := spanAttr(c, "colspan"), spanAttr(c, "rowspan")
		for j := 0; j < cols; j++ {
			slot := len(texts)
			if j == 0 {
				texts = append(texts, source.CellText(cells[k]))
			} else {
				texts = append(texts, "")
			}
			for len(r.spans) <= slot {
				r.spans = append(r.spans, 0)
			}
			r.spans[slot] = rows - 1
		}
		k++
	}
	skipCovered()
	if line := source.Row(texts); line != "" {
		r.lines = append(r.lines, line)
	}
}

func runeCount(lines []string) int {
	k := 0
	for _, l := range lines {
		k += len([]rune(l))
	}
	return k
}

// isBlock reports whether an element starts and ends a line.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Pre, atom.Blockquote,
		atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Nav, atom.Aside,
		atom.Center, atom.Table, atom.Caption, atom.Tbody, atom.Thead, atom.Tfoot,
		atom.Form, atom.Fieldset, atom.Address, atom.Figure, atom.Figcaption, atom.Hr,
		atom.Details, atom.Summary, atom.Body, atom.Html, atom.Title:
		return true
	}
	return false
}

// lineBuilder collects the text of one line, collapsing white space as a browser
// does: runs of spaces become one, none at the ends of the line, and a line break in
// the source between two Chinese characters vanishes.
type lineBuilder struct {
	b       strings.Builder
	last    rune // the last character written, or 0
	space   bool // white space is pending
	newline bool // the pending white space holds a line break
}

// WriteText adds text to the line.
func (l *lineBuilder) WriteText(s string) {
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0':
			l.space = true
			l.newline = l.newline || r == '\n'
			continue
		case r < ' ' || r == 0x7f:
			continue // control characters carry no text
		}
		if l.space && l.last != 0 && !(l.newline && source.Wide(l.last) && source.Wide(r)) {
			l.b.WriteByte(' ')
		}
		l.space, l.newline = false, false
		l.b.WriteRune(r)
		l.last = r
	}
}

// String returns the line with white space (ideographic spaces of an indent too)
// trimmed from its ends.
func (l *lineBuilder) String() string {
	return strings.TrimFunc(l.b.String(), unicode.IsSpace)
}

// Reset empties the line.
func (l *lineBuilder) Reset() {
	*l = lineBuilder{}
}

// collapse returns s on one line with its white space collapsed.
func collapse(s string) string {
	var l lineBuilder
	l.WriteText(s)
	return l.String()
}

// flatText returns the text of a page the parser refused, line by line, leaving out
// scripts and styles, for pages too deeply nested to find their content in.
func flatText(u []byte) []string {
	z := html.NewTokenizer(bytes.NewReader(u))
	var lines []string
	var line lineBuilder
	flush := func() {
		if s := line.String(); s != "" {
			lines = append(lines, s)
		}
		line.Reset()
	}
	skip := 0 // depth inside elements whose text is not the page's
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return lines
		case html.TextToken:
			if skip == 0 {
				line.WriteText(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Title, atom.Textarea, atom.Select:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Td, atom.Th:
				if tt == html.StartTagToken && line.String() != "" {
					line.WriteText(" | ")
				}
			case atom.Br, atom.Tr:
				flush()
			default:
				if isBlock(a) {
					flush()
				}
			}
		}
	}
}

// maxSpan bounds a cell's colspan and rowspan, as browsers do (1000 and 65534): a page
// cannot make a row of a million blank cells.
const maxSpan = 1000

// spanAttr returns a cell's colspan or rowspan: 1 when absent or not a number.
func spanAttr(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if a.Key != name {
			continue
		}
		v := 0
		for _, c := range strings.TrimSpace(a.Val) {
			if c < '0' || c > '9' {
				break
			}
			v = v*10 + int(c-'0')
			if v > maxSpan {
				return maxSpan
			}
		}
		if v >= 1 {
			return v
		}
	}
	return 1
}
