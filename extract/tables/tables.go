// Package tables finds the standard tables of a budget or final-accounts disclosure in its
// normalised text and reads their coded rows into typed values.
//
// Every reader writes a table row on one line with its cells parted by "|"; the PDF
// reader also says where each cell stands on its page. From those lines Find rebuilds
// each table: which of the six standard tables with classification codes it is (from
// its title), the unit its figures are in (its 单位 line), which catalog column each
// figure belongs to (from the header: by position on the page when the reader knows it,
// by cell position when the reader keeps blank cells, else only where no blank can have
// been lost), and for each row the code (类|款|项 cells joined, a 款 or 项 alone
// completed from the rows above), the name (a name the page wrapped around its row
// rejoined) and the amounts in fen. A table continued over pages is one table.
//
// The work is linear in the text: each line is read once, and each row compares its
// cells with the header's columns only.
package tables

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/numbers"
)

// Kind is which standard table a table is.
type Kind uint8

// The standard tables whose rows are line facts. None is any other table (the summary
// tables, the 三公 table, project or procurement tables).
const (
	None Kind = iota
	Income
	Expenditure
	General
	Economic
	GovFund
	StateCapital
)

var kindIDs = [...]string{"", "income", "expenditure", "general", "economic", "gov_fund", "state_capital"}

// ID returns the catalog's name of the table in line keys (income, expenditure, ...),
// or "" for None.
func (k Kind) ID() string {
	if int(k) < len(kindIDs) {
		return kindIDs[k]
	}
	return ""
}

// Column is a catalog column of the standard tables.
type Column uint8

// The catalog columns. Other is a column the catalog has no key for (事业收入, 经营支出).
const (
	Other Column = iota
	Total
	Appropriation
	Basic
	Project
	Personnel
	Public
	NumColumns
)

var columnKeys = [...]string{"", "total", "appropriation", "basic", "project", "personnel", "public"}

// Key returns the column's name in line keys (total, basic, ...), or "" for Other.
func (c Column) Key() string {
	if int(c) < len(columnKeys) {
		return columnKeys[c]
	}
	return ""
}

// columnsOf lists the catalog columns each table kind may have.
var columnsOf = [...][]Column{
	Income:       {Total, Appropriation},
	Expenditure:  {Total, Basic, Project},
	General:      {Total, Basic, Project},
	Economic:     {Total, Personnel, Public},
	GovFund:      {Total, Basic, Project},
	StateCapital: {Total, Basic, Project},
}

// Amount is one figure of a row: its value in fen and where it is printed.
type Amount struct {
	Set        bool  // the cell holds a figure (a blank or - cell is not set)
	Fen        int64 // the figure in the table's unit, converted to fen
	Start, End int   // byte offsets of the cell's text
}

// Row is one coded row of a table, or its 合计 row (Code "total").
type Row struct {
	Code               string // digits, or "total"
	Name               string // the 科目名称, line breaks and spaces removed; "" on the total row
	NameStart, NameEnd int    // byte offsets of the name's first part as printed
	Start, End         int    // byte offsets of the printed row
	Cells              [NumColumns]Amount
	// Partial says the row prints figures whose columns could not be told (a row that
	// lost its blank cells): only its total is set, so its other columns prove nothing.
	Partial bool

	values []valueCell // the printed figures, kept until the table ends (see regroup)
	panel  bool        // a panel's total row (人员经费合计), placed by its label
	block  int         // which page of its table the row stands on
}

// Table is one standard table.
type Table struct {
	Kind       Kind
	Title      string // as printed, in the normalised text
	Start, End int    // byte offsets of the title
	Unit       numbers.Unit
	Columns    []Column // the catalog columns it has, in printed order
	Rows       []Row
	Last       int // byte offset of the start of its last line read, for its last page
}

// Summary is a summary table: its rows are a label and a figure, in two panels
// (revenue, spending) side by side.
type Summary struct {
	Kind       SummaryKind
	Title      string
	Start, End int // byte offsets of the title
	Unit       numbers.Unit
	Pairs      []Pair // in printed order, left panel before right on each line
	Last       int    // byte offset of the start of its last line read
}

// Pair is a label of a summary table and the figure printed after it.
type Pair struct {
	Label      string // spaces removed
	Start, End int    // byte offsets of the label
	Amount     Amount
	Panel      int // 0 for the first pair of its line (revenue), 1 for the next (spending)
}

// Listed is a standard table named in the document's contents list.
type Listed struct {
	Kind       Kind
	Start, End int // byte offsets of the contents line
}

// Options say what the reader knows of the cells besides their text.
type Options struct {
	// Place returns the left and right ends on its page of the cell whose text starts at
	// byte offset start, when the reader knows them (PDF).
	Place func(start int) (x0, x1 float64, ok bool)
	// KeepsBlanks says the reader writes every cell of a row, blank ones included, so a
	// figure's column is its cell's position (HTML, DOCX, XLSX).
	KeepsBlanks bool
	// PageOf returns the page of byte offset start, when the document has pages: a
	// table's columns may stand elsewhere on each page it runs over.
	PageOf func(start int) int
}

// Limits on what one document may hold; past them the rest is not read as tables.
const (
	maxCellsPerLine = 512 // a wider line is no budget table row
)

// Result is what Find reads: the standard tables, every standard table's title found
// (with or without rows, for the contents check), and the contents list's entries.
type Result struct {
	Tables    []Table   // one per kind, the first with rows, in document order
	Summaries []Summary // one per kind, the first with figures
	Present   []Listed  // the title of every standard table printed, rows or not
	Listed    []Listed  // the standard tables the contents list names
}

// Find reads the standard tables of text, the normalised text of a document (with
// traditional characters simplified, as the rules read it). It returns the context's
// error when ctx is done before it finishes.
func Find(ctx context.Context, text string, opt Options) (Result, error) {
	p := parser{text: text, opt: opt}
	n := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		p.line(start, end)
		start = end + 1
	}
	p.close()
	return p.result(), nil
}

// cell is one cell of a line: byte offsets of its trimmed text.
type cell struct{ start, end int }

// splitCells returns the cells of text[start:end] parted by "|", blanks included.
func splitCells(text string, start, end int, max int) []cell {
	var cs []cell
	for s := start; s <= end; {
		e := strings.IndexByte(text[s:end], '|')
		if e < 0 {
			e = end
		} else {
			e += s
		}
		a, b := s, e
		for a < b && (text[a] == ' ' || text[a] == '\t') {
			a++
		}
		for b > a && (text[b-1] == ' ' || text[b-1] == '\t') {
			b--
		}
		cs = append(cs, cell{a, b})
		if len(cs) > max {
			return nil
		}
		s = e + 1
	}
	return cs
}

// runeLen counts the runes of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
