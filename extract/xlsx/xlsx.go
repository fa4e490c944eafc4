// Package xlsx reads the text of Excel workbooks in Office Open XML (.xlsx), the form
// in which budgets are compiled and often published: one sheet per standard table, with
// merged two-row headers and codes whole or split over 类 | 款 | 项 columns.
//
// Each visible sheet is a page. A sheet's title rows (a merged title, 编制部门：X,
// 单位：元) and its text rows (a cover, 主要职能, 编制说明: one text cell per row) are
// plain lines; every other row is one line written with source.Row, its cells by column,
// empty interior cells kept, so that the table stage can put each cell under its column
// header by position. A merged cell's text is in its top-left cell only. Numbers are the
// cell's stored value (a formula's cached value), not its formatted text, written as a
// plain decimal. Hidden sheets and hidden rows are left out.
//
// The workbook is parsed by github.com/xuri/excelize/v2 within limits this package sets
// and checks first: the bytes the package inflates to (checked while inflating), the
// parts it has, the rows and cells of all sheets and the text they make.
package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

const op = "xlsx"

// Limits of one workbook. A county's budget workbook has a few hundred rows in a
// dozen sheets and inflates to a few megabytes; a province's has some tens of
// thousands of rows.
const (
	// MaxUncompressed limits the bytes the package inflates to, all parts together.
	MaxUncompressed = 64 << 20
	// MaxParts limits the entries of the zip package.
	MaxParts = 10000
	// MaxRows limits the rows with content, over all visible sheets.
	MaxRows = 100_000
	// MaxCells limits the cells with content, over all visible sheets.
	MaxCells = 2_000_000
	// MaxText limits the text Read produces, in bytes.
	MaxText = 32 << 20
	// maxSteps limits the rows the reader steps over, empty ones included: a sheet
	// that holds one row at row 1,048,576 steps over a million.
	maxSteps = 4 << 20
)

// limits are the bounds of one reading; tests make them small.
type limits struct {
	uncompressed int64
	parts        int
	rows, cells  int
	text         int
	steps        int
}

var defaults = limits{MaxUncompressed, MaxParts, MaxRows, MaxCells, MaxText, maxSteps}

// Read extracts the text of an .xlsx workbook: a *source.Text with MediaType
// source.XLSX, Encoding "utf-8" and Pages holding where each visible sheet's text
// starts.
//
// It fails with a *fail.Error of kind fail.Empty for a workbook without text,
// fail.Unsupported for a legacy .xls (BIFF) workbook or a zip that is no workbook,
// fail.Encrypted for a password-protected workbook, fail.Damaged for a corrupt
// package, and fail.TooLarge past the limits above; with the context's error when ctx
// ends first.
func Read(ctx context.Context, b []byte) (*source.Text, error) {
	return read(ctx, b, defaults)
}

var oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

func read(ctx context.Context, b []byte, lim limits) (t *source.Text, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fail.Errorf(op, fail.Damaged, "the workbook could not be parsed (%v)", p)
		}
	}()
	switch {
	case len(b) == 0:
		return nil, fail.Errorf(op, fail.Empty, "empty file")
	case bytes.HasPrefix(b, oleMagic):
		// An OLE compound file: an encrypted .xlsx (its package in an
		// EncryptedPackage stream) or a legacy BIFF workbook.
		if bytes.Contains(b, utf16le("EncryptedPackage")) {
			return nil, fail.Errorf(op, fail.Encrypted, "the workbook is password-protected")
		}
		return nil, fail.Errorf(op, fail.Unsupported, "legacy .xls is not supported; save it as .xlsx")
	case !bytes.HasPrefix(b, []byte("PK")):
		return nil, fail.Errorf(op, fail.Unsupported, "not a zip package")
	}
	if err := checkPackage(b, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit: lim.uncompressed,
		// Every part stays in memory: nothing is written to temporary files.
		UnzipXMLSizeLimit: lim.uncompressed,
	})
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	r := &reader{ctx: ctx, f: f, lim: lim}
	if err := r.workbook(); err != nil {
		return nil, err
	}
	text := r.b.String()
	if strings.TrimSpace(text) == "" {
		return nil, fail.Errorf(op, fail.Empty, "no text in the workbook")
	}
	return &source.Text{Text: text, MediaType: source.XLSX, Encoding: "utf-8", Pages: r.pages}, nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// errTooLarge is returned by a budgetReader past its budget.
var errTooLarge = errors.New("over the uncompressed size limit")

// checkPackage checks the zip package before excelize reads it: the count of its parts,
// their declared sizes, and their true sizes, inflating each through a shared budget
// (a part may declare less than it holds), and that it is a workbook at all.
func checkPackage(b []byte, lim limits) error {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fail.Wrap(op, fail.Damaged, "corrupt zip package", err)
	}
	if len(z.File) > lim.parts {
		return fail.Errorf(op, fail.TooLarge, "the package has %d parts, over the limit of %d", len(z.File), lim.parts)
	}
	var declared uint64
	workbook := false
	for _, zf := range z.File {
		declared += zf.UncompressedSize64
		if declared > uint64(lim.uncompressed) {
			return fail.Errorf(op, fail.TooLarge, "the package expands past %d bytes", lim.uncompressed)
		}
		if strings.EqualFold(strings.ReplaceAll(zf.Name, `\`, "/"), "xl/workbook.xml") {
			workbook = true
		}
	}
	if !workbook {
		return fail.Errorf(op, fail.Unsupported, "the zip package holds no xl/workbook.xml: not an Excel workbook")
	}
	left := lim.uncompressed
	buf := make([]byte, 32<<10)
	for _, zf := range z.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return fail.Wrap(op, fail.Damaged, "cannot open "+zf.Name, err)
		}
		_, err = io.CopyBuffer(io.Discard, &budgetReader{r: rc, left: &left}, buf)
		rc.Close()
		switch {
		case errors.Is(err, errTooLarge):
			return fail.Errorf(op, fail.TooLarge, "the package expands past %d bytes", lim.uncompressed)
		case err != nil:
			return fail.Wrap(op, fail.Damaged, "corrupt part "+zf.Name, err)
		}
	}
	return nil
}

// budgetReader reads until a shared budget of bytes is spent.
type budgetReader struct {
	r    io.Reader
	left *int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	*b.left -= int64(n)
	if *b.left < 0 {
		return n, errTooLarge
	}
	return n, err
}

// openError turns excelize's error on opening into a *fail.Error.
func openError(err error) error {
	var kind fail.Kind = fail.Damaged
	msg := "corrupt workbook"
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		kind, msg = fail.Encrypted, "the workbook is password-protected"
	case strings.Contains(err.Error(), "unzip size"):
		kind, msg = fail.TooLarge, "the package expands past the size limit"
	}
	return fail.Wrap(op, kind, msg, err)
}

// reader holds the state of one reading.
type reader struct {
	ctx   context.Context
	f     *excelize.File
	lim   limits
	b     strings.Builder
	pages []int
	rows  int // rows with content so far
	cells int // cells with content so far
	steps int // rows stepped over so far
}

// workbook reads every visible sheet in workbook order.
func (r *reader) workbook() error {
	paths := sheetPaths(r.f)
	for _, name := range r.f.GetSheetList() {
		if visible, err := r.f.GetSheetVisible(name); err != nil || !visible {
			continue
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if r.b.Len() > 0 {
			r.b.WriteString("\n\n") // a blank line ends the previous sheet's table
		}
		r.pages = append(r.pages, r.b.Len())
		if err := r.sheet(name, paths[name]); err != nil {
			return err
		}
	}
	return nil
}

// sheet reads the rows of one sheet: its values twice, raw (the stored value) and
// formatted (for the decimals the format shows, zero-padded codes and dates), since
// excelize's streaming reader gives a cell's text but not its style.
func (r *reader) sheet(name, part string) error {
	merges := mergeRanges(r.f, part)
	raw, err := r.f.Rows(name)
	if err != nil {
		return r.sheetError(name, err)
	}
	defer raw.Close()
	shown, err := r.f.Rows(name)
	if err != nil {
		return r.sheetError(name, err)
	}
	defer shown.Close()
	var lines []string
	table := false // past the sheet's first row of three or more cells: its table
	for row := 0; raw.Next(); {
		row++
		shown.Next()
		r.steps++
		if r.steps > r.lim.steps {
			return fail.Errorf(op, fail.TooLarge, "the workbook has over %d rows", r.lim.steps)
		}
		if r.steps%1024 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		hidden := raw.GetRowOpts().Hidden
		rv, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return r.sheetError(name, err)
		}
		sv, err := shown.Columns()
		if err != nil {
			return r.sheetError(name, err)
		}
		if hidden {
			continue
		}
		cells := make([]string, len(rv))
		n := 0
		merges.at(row)
		for i, v := range rv {
			if merges.covered(i) {
				continue // a merged cell's text is its top-left cell's
			}
			s := ""
			if i < len(sv) {
				s = sv[i]
			}
			cells[i] = strings.TrimSpace(cellValue(v, s))
			if cells[i] != "" {
				n++
			}
		}
		if n == 0 {
			continue
		}
		r.rows++
		r.cells += n
		if r.rows > r.lim.rows {
			return fail.Errorf(op, fail.TooLarge, "the workbook has over %d rows", r.lim.rows)
		}
		if r.cells > r.lim.cells {
			return fail.Errorf(op, fail.TooLarge, "the workbook has over %d cells", r.lim.cells)
		}
		if n >= 3 {
			table = true
		}
		if plain, ok := plainRow(cells, merges, table); ok {
			lines = append(lines, plain...)
		} else {
			for i, c := range cells {
				if strings.ContainsAny(c, "\r\n|") {
					cells[i] = tableCell(c)
				}
			}
			lines = append(lines, source.Row(cells))
		}
		for _, l := range lines {
			r.b.WriteString(l)
			r.b.WriteByte('\n')
		}
		lines = lines[:0]
		if r.b.Len() > r.lim.text {
			return fail.Errorf(op, fail.TooLarge, "the workbook's text is over %d bytes", r.lim.text)
		}
	}
	if err := raw.Error(); err != nil {
		return r.sheetError(name, err)
	}
	return nil
}

func (r *reader) sheetError(name string, err error) error {
	if errors.Is(err, excelize.ErrMaxRows) {
		return fail.Wrap(op, fail.TooLarge, "sheet "+name+" has more rows than Excel allows", err)
	}
	return fail.Wrap(op, fail.Damaged, "corrupt sheet "+name, err)
}

// tableCell writes a table cell's text on one line: its lines joined as one cell's
// (no space between Chinese characters), and a "|" made full-width so that it does
// not split the cell.
func tableCell(s string) string {
	s = strings.ReplaceAll(s, "|", "｜")
	var parts []string
	for l := range strings.Lines(strings.ReplaceAll(s, "\r", "\n")) {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return source.CellText(parts)
}

// titleCell matches the cells of a table's heading lines: 编制部门：, 单位：, 金额单位：,
// 填报单位：, 单位名称：.
var titleCell = regexp.MustCompile(`^\p{Han}{0,4}(部门|单位|名称)\s*[:：]`)

// plainRow returns the lines of a row that is text rather than a table row: a row of
// one text cell in the first two columns, across a merge of three or more columns, or
// long enough to be a paragraph (a title, a cover, a sheet of explanation: its line
// breaks kept), and, above the sheet's table, a row of heading cells (编制部门：X,
// 单位：元) joined by a space. Other rows, and rows with a number, are table rows.
func plainRow(cells []string, m *merges, table bool) ([]string, bool) {
	var filled []int
	for i, c := range cells {
		if c != "" {
			if isNumber(c) {
				return nil, false
			}
			filled = append(filled, i)
		}
	}
	if len(filled) == 1 {
		i := filled[0]
		c := cells[i]
		// Inside the table, a label alone in the second column stays in its column
		// (an empty table's "| 合计").
		if i == 0 || (i == 1 && !table) || m.width(i) >= 3 || utf8.RuneCountInString(c) >= 20 || titleCell.MatchString(c) {
			var out []string
			for l := range strings.Lines(strings.ReplaceAll(c, "\r", "\n")) {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
			return out, true
		}
		return nil, false
	}
	if table {
		return nil, false
	}
	// Heading cells: 编制部门：X | 单位：元, or a title with 单位：元 beside it.
	for _, i := range filled[1:] {
		if !titleCell.MatchString(cells[i]) {
			return nil, false
		}
	}
	parts := make([]string, len(filled))
	for k, i := range filled {
		parts[k] = tableCell(cells[i])
	}
	return []string{strings.Join(parts, " ")}, true
}

// number matches a number as a cell stores it.
var number = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

func isNumber(s string) bool { return number.MatchString(s) }

// plainInt matches an integer with no exponent or fraction.
var plainInt = regexp.MustCompile(`^[+-]?\d+$`)

// shownNumber matches a number as a format shows it, separators removed: literal text
// before and after, the integer part, the fraction.
var shownNumber = regexp.MustCompile(`^([^\d]*?)(\d+)(?:\.(\d*))?([^\d]*)$`)

// scientific matches a number a format shows with an exponent.
var scientific = regexp.MustCompile(`\d[eE][+-]?\d+$`)

// cellValue returns the text to write for a cell whose stored value is raw and whose
// formatted text is shown. Text is written as stored. A number is written as a plain
// decimal of its stored value, rounded to two decimals when its format shows at most
// two (so that the binary float 1234.5000000000009 is 1234.5) and to Excel's fifteen
// significant digits otherwise; integers as stored. Three formats say more than the
// number: a zero-padded code (款 06 stored as 6 with format 00) is written as shown,
// and so are percentages and dates.
func cellValue(raw, shown string) string {
	raw = strings.TrimSpace(raw)
	if !isNumber(raw) {
		return raw
	}
	shown = strings.TrimSpace(shown)
	decimals := -1
	if !scientific.MatchString(shown) && shown != "" {
		core := strings.Map(func(r rune) rune {
			switch r {
			case ',', ' ', '\u00a0', '¥', '￥', '$', '"':
				return -1
			}
			return r
		}, shown)
		m := shownNumber.FindStringSubmatch(core)
		switch {
		case m == nil:
			return shown // a date or a time
		case strings.Contains(m[1]+m[4], "%"):
			return shown
		case len(m[2]) > 1 && m[2][0] == '0' && m[3] == "" && sameValue(m[2], raw):
			return m[2] // a code with its leading zeros
		}
		decimals = len(m[3])
	}
	if plainInt.MatchString(raw) {
		return strings.TrimPrefix(raw, "+")
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return raw
	}
	if decimals >= 0 && decimals <= 2 {
		v = math.Round(v*100) / 100
	} else if s := strconv.FormatFloat(v, 'g', 15, 64); s != "" {
		v, _ = strconv.ParseFloat(s, 64)
	}
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func sameValue(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

// sheetPaths returns the part of each sheet by name, from the workbook's relationships.
func sheetPaths(f *excelize.File) map[string]string {
	out := map[string]string{}
	if f.WorkBook == nil || f.WorkBook.Sheets.Sheet == nil {
		return out
	}
	v, ok := f.Pkg.Load("xl/_rels/workbook.xml.rels")
	if !ok {
		return out
	}
	b, _ := v.([]byte)
	targets := map[string]string{}
	for _, m := range relationship.FindAllSubmatch(b, -1) {
		attrs := map[string]string{}
		for _, a := range attribute.FindAllSubmatch(m[1], -1) {
			attrs[string(a[1])] = string(a[2])
		}
		t := attrs["Target"]
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[attrs["Id"]] = t
	}
	for _, s := range f.WorkBook.Sheets.Sheet {
		out[s.Name] = targets[s.ID]
	}
	return out
}

var (
	relationship = regexp.MustCompile(`<(?:\w+:)?Relationship\s([^>]*)>`)
	attribute    = regexp.MustCompile(`(\w+)\s*=\s*"([^"]*)"`)
	mergeCell    = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?ref\s*=\s*"([A-Za-z]+\d+):([A-Za-z]+\d+)"`)
)

// merges are a sheet's merged ranges, sorted by their first row, met row by row.
type merges struct {
	all    []mergeRange
	next   int          // the first of all not yet active
	active []mergeRange // the ranges over the current row
	row    int          // the current row
	cover  []bool       // by column index: covered on the current row, not top-left
}

type mergeRange struct{ c1, r1, c2, r2 int }

// at makes row (1-based) the current row; rows come in increasing order.
func (m *merges) at(row int) {
	m.row = row
	keep := m.active[:0]
	for _, r := range m.active {
		if r.r2 >= row {
			keep = append(keep, r)
		}
	}
	m.active = keep
	for m.next < len(m.all) && m.all[m.next].r1 <= row {
		if r := m.all[m.next]; r.r2 >= row {
			m.active = append(m.active, r)
		}
		m.next++
	}
	m.cover = m.cover[:0]
	for _, r := range m.active {
		for len(m.cover) < r.c2 {
			m.cover = append(m.cover, false)
		}
		for c := r.c1; c <= r.c2; c++ {
			m.cover[c-1] = row != r.r1 || c != r.c1
		}
	}
}

// covered reports whether the cell at column index i of the current row is in a merged
// range and not its top-left cell.
func (m *merges) covered(i int) bool { return i < len(m.cover) && m.cover[i] }

// width returns the columns spanned by the merge whose top-left cell is at column
// index i of the current row, or 1.
func (m *merges) width(i int) int {
	for _, r := range m.active {
		if r.r1 == m.row && r.c1 == i+1 {
			return r.c2 - r.c1 + 1
		}
	}
	return 1
}

// mergeRanges reads the merged ranges of the sheet part: from its mergeCells element,
// which follows the sheet's data, so that the sheet is not parsed whole.
func mergeRanges(f *excelize.File, part string) *merges {
	m := &merges{}
	v, ok := f.Pkg.Load(part)
	if !ok {
		return m
	}
	b, _ := v.([]byte)
	tail := b
	if i := bytes.LastIndex(b, []byte("sheetData")); i >= 0 {
		tail = b[i:]
	}
	for _, g := range mergeCell.FindAllSubmatch(tail, -1) {
		c1, r1, err1 := excelize.CellNameToCoordinates(string(g[1]))
		c2, r2, err2 := excelize.CellNameToCoordinates(string(g[2]))
		if err1 != nil || err2 != nil {
			continue
		}
		m.all = append(m.all, mergeRange{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)})
	}
	slices.SortFunc(m.all, func(a, b mergeRange) int { return cmp.Compare(a.r1, b.r1) })
	return m
}
