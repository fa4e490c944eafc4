// Package review renders a record against its document as one self-contained HTML page,
// for people who check what was extracted before trusting it: the normalised text with
// every fact's span highlighted and labelled with its key and value, the facts grouped
// by family with links to their spans, the warnings with links to both places they
// name, and the standard tables with their checks.
//
// The page needs nothing but itself: no script, no external style, font or image, so it
// works offline, from a file and under a Content-Security-Policy of default-src 'none'.
// The highlighted text is built here, in one pass over the text and the sorted spans
// (O(text + spans·log spans)), so a 500-page document costs the browser nothing but
// layout.
package review

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// CSP is the Content-Security-Policy the page satisfies: it loads nothing and runs no
// script. A server sending the page should send it as a header too.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

// Write writes the review page of rec, whose spans are rune offsets into text (the
// normalised text extract.Extractor.ExtractText returns). A span outside the text is
// listed but not highlighted; no record or text makes Write panic.
func Write(w io.Writer, rec *cnbudgetv1.Record, text string) error {
	return page.Execute(w, build(rec, text))
}

// view is what the template shows.
type view struct {
	Title     string
	Doc       *cnbudgetv1.DocumentInfo
	Version   string
	Families  []family
	NumFacts  int
	Warnings  []warningView
	Tables    []tableView
	Text      template.HTML
	TextRunes int
	Outside   int // spans that could not be placed in the text
}

type family struct {
	Name  string
	ID    string
	Facts []factView
}

type factView struct {
	ID        string // the id of its highlight; "" when it has none
	Key       string
	Value     string
	Page      int32
	Quote     string
	Approx    bool
	Repaired  bool
	Warnings  []warnRef
	OutOfText bool
}

type warnRef struct {
	ID   string
	Code string
}

type warningView struct {
	ID, Code, Message string
	Keys              []string
	Span, Other       placeRef
}

// placeRef is one place a warning names: a highlight to link to, or just a page.
type placeRef struct {
	ID    string // "" when the place has no offsets in the text
	Page  int32
	Quote string
	Set   bool
}

type tableView struct {
	SrcID                         string // the id of its title's highlight, "" when none
	ID, Title, Unit, Kind, LineID string
	Page, LastPage                int32
	Columns                       []string
	Rows                          []rowView
	Checks                        []warnRef
}

type rowView struct {
	SrcID    string // the id of the row's highlight, "" when none
	ID       string
	Code     string
	Name     cellView
	Cells    []cellView
	Warnings []warnRef
}

type cellView struct {
	ID    string
	Value string
	Set   bool
}

// rng is one highlight: a span of the text, in runes.
type rng struct {
	start, end int
	id         string // "" on the continuation of a span cut by another
	class      string // fact, warn, row, table
	label      string
	of         string // on a continuation: the id of the span it continues
}

// priority says which of two crossing highlights stays whole: the higher.
func (r rng) priority() int {
	switch r.class {
	case "fact":
		return 3
	case "warn":
		return 2
	case "row":
		return 1
	}
	return 0
}

// builder collects the highlights while the view is built.
type builder struct {
	text   string
	runes  int
	ranges []rng
}

// place adds a highlight for sp and returns its id, or "" when sp has no place in the text.
func (b *builder) place(sp *cnbudgetv1.Span, id, class, label string) string {
	if sp == nil || sp.GetStart() < 0 || sp.GetEnd() < sp.GetStart() || int(sp.GetEnd()) > b.runes {
		return ""
	}
	if sp.GetStart() == sp.GetEnd() && sp.GetQuote() == "" {
		return "" // a page alone (page_failed), no offsets
	}
	b.ranges = append(b.ranges, rng{start: int(sp.GetStart()), end: int(sp.GetEnd()), id: id, class: class, label: label})
	return id
}

func inText(sp *cnbudgetv1.Span, runes int) bool {
	return sp != nil && sp.GetStart() >= 0 && sp.GetEnd() >= sp.GetStart() && int(sp.GetEnd()) <= runes &&
		!(sp.GetStart() == sp.GetEnd() && sp.GetQuote() == "")
}

// familyOrder is the order of the fact families on the page; families not listed
// (added later to the catalog) follow in the record's order, and line (the tables) last.
var familyOrder = []string{"doc", "org", "staff", "revenue", "expenditure", "appropriation", "sanggong",
	"operating_expenses", "procurement", "performance", "assets", "contact"}

func familyOf(key string) string {
	f, _, _ := strings.Cut(key, ".")
	if f == "operating_expenses_change" {
		return "operating_expenses"
	}
	return f
}

func build(rec *cnbudgetv1.Record, text string) *view {
	if rec == nil {
		rec = &cnbudgetv1.Record{}
	}
	b := &builder{text: text, runes: countRunes(text)}
	v := &view{Doc: rec.GetDocument(), Version: rec.GetExtractorVersion(), TextRunes: b.runes}
	if v.Doc == nil {
		v.Doc = &cnbudgetv1.DocumentInfo{}
	}
	v.Title = v.Doc.GetName()
	if name := rec.GetHeader().GetUnitName().GetValue(); name != "" {
		if v.Title != "" {
			v.Title = name + " · " + v.Title
		} else {
			v.Title = name
		}
	}
	if v.Title == "" {
		v.Title = "cnbudget record"
	}

	// Warnings first get their ids, so facts and rows can link to the warnings naming them.
	byKey := map[string][]warnRef{}
	for i, w := range rec.GetWarnings() {
		id := "w" + strconv.Itoa(i+1)
		code := record.WarningCodeName(w.GetCode())
		for _, k := range w.GetKeys() {
			byKey[k] = append(byKey[k], warnRef{id, code})
		}
	}

	// Facts, grouped by family. The record's own facts come from record.Facts, with the
	// approximate ones (left out of the flat form) put back and flagged; the table
	// lines are made from Record.tables below.
	exact := proto.Clone(rec).(*cnbudgetv1.Record)
	approx := clearApproximate(exact.ProtoReflect())
	groups := map[string]*family{}
	var order []string
	n := 0
	addFact := func(fam string, fv factView, sp *cnbudgetv1.Span, class string) string {
		n++
		id := "f" + strconv.Itoa(n)
		label := fv.Key + " = " + fv.Value
		if fv.Approx {
			label += " (approximate)"
		}
		if fv.Repaired {
			label += " (unit repaired)"
		}
		fv.ID = b.place(sp, id, class, label)
		fv.OutOfText = fv.ID == "" && sp != nil && sp.GetQuote() != ""
		if fv.OutOfText {
			v.Outside++
		}
		fv.Page, fv.Quote = sp.GetPage(), sp.GetQuote()
		fv.Warnings = byKey[fv.Key]
		g := groups[fam]
		if g == nil {
			g = &family{Name: fam, ID: "family-" + fam}
			groups[fam] = g
			order = append(order, fam)
		}
		g.Facts = append(g.Facts, fv)
		return fv.ID
	}
	for _, f := range record.Facts(exact) {
		if strings.HasPrefix(f.Key, "line.") {
			continue // from the tables, below
		}
		fv := factView{Key: f.Key, Value: f.Value}
		if f.Span != nil {
			fv.Approx = approx[spanKey(f.Span)]
		}
		fv.Repaired = repaired(f.Key, rec)
		addFact(familyOf(f.Key), fv, f.Span, "fact")
	}
	rank := func(fam string) int {
		if i := slices.Index(familyOrder, fam); i >= 0 {
			return i
		}
		if fam == "line" {
			return len(familyOrder) + 2
		}
		return len(familyOrder) + 1
	}

	// Tables: each table's title and rows are highlighted, each cell is a line fact.
	for ti, t := range rec.GetTables() {
		tv := tableView{ID: "t" + strconv.Itoa(ti+1), Title: t.GetTitle(), Unit: t.GetUnit(), LineID: t.GetId(),
			Kind: strings.ToLower(strings.TrimPrefix(t.GetKind().String(), "TABLE_KIND_")),
			Page: t.GetSpan().GetPage(), LastPage: t.GetLastPage(), Columns: t.GetColumns()}
		if tv.Title == "" {
			tv.Title = "Table " + strconv.Itoa(ti+1)
		}
		tv.SrcID = b.place(t.GetSpan(), tv.ID+"-src", "table", "table "+t.GetId()+": "+t.GetTitle())
		seen := map[string]bool{}
		for ri, r := range t.GetRows() {
			rv := rowView{ID: tv.ID + "-r" + strconv.Itoa(ri+1), Code: r.GetCode()}
			prefix := "line." + t.GetId() + "." + r.GetCode()
			rv.SrcID = b.place(r.GetSpan(), rv.ID+"-src", "row", prefix)
			if nm := r.GetName(); nm != nil {
				rv.Name = cellView{Value: nm.GetValue(), Set: true}
				rv.Name.ID = addFact("line", factView{Key: prefix + ".name", Value: nm.GetValue()}, nm.GetSpan(), "fact")
			}
			for _, col := range columnsOf(t) {
				a := cellAmount(r, col)
				cv := cellView{}
				if a != nil {
					cv.Set, cv.Value = true, record.FormatFen(a.GetFen())
					cv.ID = addFact("line", factView{Key: prefix + "." + col, Value: cv.Value, Approx: a.GetApproximate(), Repaired: a.GetRepaired()}, a.GetSpan(), "fact")
				}
				rv.Cells = append(rv.Cells, cv)
			}
			for k, refs := range byKey {
				if k == prefix || strings.HasPrefix(k, prefix+".") {
					for _, ref := range refs {
						if !slices.Contains(rv.Warnings, ref) {
							rv.Warnings = append(rv.Warnings, ref)
						}
					}
				}
			}
			slices.SortFunc(rv.Warnings, func(a, b warnRef) int { return cmp.Compare(idNum(a.ID), idNum(b.ID)) })
			for _, ref := range rv.Warnings {
				if !seen[ref.ID] {
					seen[ref.ID] = true
					tv.Checks = append(tv.Checks, ref)
				}
			}
			tv.Rows = append(tv.Rows, rv)
		}
		slices.SortFunc(tv.Checks, func(a, b warnRef) int { return cmp.Compare(idNum(a.ID), idNum(b.ID)) })
		tv.Columns = columnsOf(t)
		v.Tables = append(v.Tables, tv)
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(rank(a), rank(b)) })
	for _, fam := range order {
		v.Families = append(v.Families, *groups[fam])
	}
	v.NumFacts = n

	for i, w := range rec.GetWarnings() {
		id := "w" + strconv.Itoa(i+1)
		wv := warningView{ID: id, Code: record.WarningCodeName(w.GetCode()), Message: w.GetMessage(), Keys: w.GetKeys()}
		label := "warning " + wv.Code + ": " + w.GetMessage()
		if sp := w.GetSpan(); sp != nil {
			wv.Span = placeRef{ID: b.place(sp, id+"-span", "warn", label), Page: sp.GetPage(), Quote: sp.GetQuote(), Set: true}
		}
		if sp := w.GetOther(); sp != nil {
			wv.Other = placeRef{ID: b.place(sp, id+"-other", "warn", label+" (the other place)"), Page: sp.GetPage(), Quote: sp.GetQuote(), Set: true}
		}
		v.Warnings = append(v.Warnings, wv)
	}
	v.Text = b.highlight()
	return v
}

func idNum(id string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(id, "wft"))
	return n
}

// columnsOf is the catalog columns of t in printed order, or the columns its rows hold.
func columnsOf(t *cnbudgetv1.Table) []string {
	if len(t.GetColumns()) > 0 {
		var cols []string
		for _, c := range t.GetColumns() {
			if slices.Contains(allColumns, c) && !slices.Contains(cols, c) {
				cols = append(cols, c)
			}
		}
		return cols
	}
	var cols []string
	for _, c := range allColumns {
		for _, r := range t.GetRows() {
			if cellAmount(r, c) != nil {
				cols = append(cols, c)
				break
			}
		}
	}
	return cols
}

var allColumns = []string{"total", "appropriation", "basic", "project", "personnel", "public"}

func cellAmount(r *cnbudgetv1.TableRow, col string) *cnbudgetv1.Amount {
	switch col {
	case "total":
		return r.GetTotal()
	case "appropriation":
		return r.GetAppropriation()
	case "basic":
		return r.GetBasic()
	case "project":
		return r.GetProject()
	case "personnel":
		return r.GetPersonnel()
	case "public":
		return r.GetPublic()
	}
	return nil
}

type spanID struct{ start, end int32 }

func spanKey(sp *cnbudgetv1.Span) spanID { return spanID{sp.GetStart(), sp.GetEnd()} }

// clearApproximate clears the approximate flag of every Amount and Integer under m, so
// that record.Facts lists them, and returns the spans of those it cleared.
func clearApproximate(m protoreflect.Message) map[spanID]bool {
	out := map[spanID]bool{}
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		switch v := m.Interface().(type) {
		case *cnbudgetv1.Amount:
			if v.GetApproximate() {
				v.Approximate = false
				out[spanKey(v.GetSpan())] = true
			}
			return
		case *cnbudgetv1.Integer:
			if v.GetApproximate() {
				v.Approximate = false
				out[spanKey(v.GetSpan())] = true
			}
			return
		case *cnbudgetv1.Table, *cnbudgetv1.Warning:
			return
		}
		m.Range(func(fd protoreflect.FieldDescriptor, val protoreflect.Value) bool {
			switch {
			case fd.Kind() != protoreflect.MessageKind:
			case fd.IsList():
				l := val.List()
				for i := 0; i < l.Len(); i++ {
					walk(l.Get(i).Message())
				}
			case !fd.IsMap():
				walk(val.Message())
			}
			return true
		})
	}
	walk(m)
	return out
}

// repaired reports whether the amount of key in rec had its unit repaired: a
// unit_repaired warning names it.
func repaired(key string, rec *cnbudgetv1.Record) bool {
	for _, w := range rec.GetWarnings() {
		if w.GetCode() == cnbudgetv1.WarningCode_WARNING_CODE_UNIT_REPAIRED && slices.Contains(w.GetKeys(), key) {
			return true
		}
	}
	return false
}

func countRunes(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// highlight returns the text as HTML with every range a <mark>. Ranges nest as
// elements must, so of two crossing ranges (one starts inside the other and ends after
// it) one is cut in two: the one of lower priority (a table's row before a warning before
// a fact; the later of two equals), so that a fact's <mark> holds its whole quote whenever
// it can. The first piece keeps the id, so a link lands on the span's start; the rest is
// a <mark data-of="ID">. Each <mark> of a span not cut has exactly the span's text, so
// its textContent is the span's quote. One pass over the text and the sorted ranges.
func (b *builder) highlight() template.HTML {
	less := func(x, y rng) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		if c := cmp.Compare(y.end, x.end); c != 0 { // the longer first: it is the outer one
			return c
		}
		return cmp.Compare(y.priority(), x.priority())
	}
	// queue holds the ranges to open, sorted; the rests of cut ranges are inserted into it.
	queue := b.ranges
	slices.SortStableFunc(queue, less)
	push := func(r rng) {
		i, _ := slices.BinarySearchFunc(queue, r, less)
		queue = slices.Insert(queue, i, r)
	}
	var out strings.Builder
	out.Grow(len(b.text) + len(queue)*128)
	text := b.text
	pos, byteAt := 0, 0 // rune and byte position in text
	advance := func(to int) {
		for pos < to && byteAt < len(text) {
			start := byteAt
			for pos < to && byteAt < len(text) {
				r, size := decodeRune(text[byteAt:])
				if r == utf8.RuneError && size == 1 {
					break
				}
				byteAt += size
				pos++
			}
			template.HTMLEscape(&out, []byte(text[start:byteAt]))
			if pos < to && byteAt < len(text) { // a byte that is not UTF-8: one rune, as Go counts it
				out.WriteString("\uFFFD")
				byteAt++
				pos++
			}
		}
	}
	var stack []rng
	closeTop := func() {
		advance(stack[len(stack)-1].end)
		out.WriteString("</mark>")
		stack = stack[:len(stack)-1]
	}
	closeTo := func(p int) { // close every open range that ends at or before p
		for len(stack) > 0 && stack[len(stack)-1].end <= p {
			closeTop()
		}
	}
	open := func(r rng) {
		advance(r.start)
		out.WriteString(`<mark class="`)
		out.WriteString(r.class)
		out.WriteByte('"')
		if r.id != "" {
			out.WriteString(` id="`)
			out.WriteString(r.id)
			out.WriteString(`" tabindex="-1"`)
		}
		if r.of != "" {
			out.WriteString(` data-of="`)
			out.WriteString(r.of)
			out.WriteByte('"')
		}
		if r.label != "" {
			out.WriteString(` data-label="`)
			template.HTMLEscape(&out, []byte(r.label))
			out.WriteString(`" title="`)
			template.HTMLEscape(&out, []byte(r.label))
			out.WriteByte('"')
		}
		out.WriteByte('>')
		stack = append(stack, r)
		if r.start == r.end {
			closeTop()
		}
	}
	rest := func(r rng, from int) rng {
		if r.of == "" {
			r.of = r.id
		}
		r.start, r.id = from, ""
		return r
	}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		closeTo(r.start)
		// The open ranges r crosses are the top ones ending before r does.
		k := len(stack)
		lower := true // every crossed range has a lower priority than r
		for k > 0 && stack[k-1].end < r.end {
			k--
			if stack[k].priority() >= r.priority() {
				lower = false
			}
		}
		switch {
		case k == len(stack):
		case lower:
			// Cut the crossed ones where r starts; their rests go inside r.
			for len(stack) > k {
				top := stack[len(stack)-1]
				advance(r.start)
				out.WriteString("</mark>")
				stack = stack[:len(stack)-1]
				if top.end > r.start {
					push(rest(top, r.start))
				}
			}
		default:
			// Cut r where the innermost crossed range ends; its rest comes back later.
			end := stack[len(stack)-1].end
			push(rest(r, end))
			r.end = end
		}
		open(r)
	}
	closeTo(b.runes + 1)
	advance(b.runes)
	return template.HTML(out.String())
}

// decodeRune is utf8.DecodeRuneInString: a bad byte counts as one rune, as Go's range
// over a string (and so countRunes, and the extractor's rune offsets) counts it.
func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func pageText(p int32) string {
	if p <= 0 {
		return ""
	}
	return fmt.Sprintf("p. %d", p)
}
