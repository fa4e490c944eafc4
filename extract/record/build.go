package record

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/tables"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Input is what Build needs: the document's description, its normalised text (which
// fact offsets point into), where its pages start, and its facts and warnings.
type Input struct {
	Document *cnbudgetv1.DocumentInfo
	Text     string            // the normalised text
	PageOf   func(off int) int // the 1-based page of a byte offset of Text; nil when unpaged
	Facts    []facts.Fact
	Warnings []facts.Warning
	Tables   []tables.Table // the standard tables, in document order
	Version  string         // the extractor's version
}

// Build returns the record of in. A fact whose key the record does not know is
// reported as an error, since that is a bug in a rule; a second fact for a key that
// holds one value is dropped with a conflict warning when its value differs.
func Build(in Input) (*cnbudgetv1.Record, error) {
	rec := &cnbudgetv1.Record{Document: proto.Clone(in.Document).(*cnbudgetv1.DocumentInfo), ExtractorVersion: in.Version}
	if rec.Document == nil {
		rec.Document = &cnbudgetv1.DocumentInfo{}
	}
	runes := newRuneIndex(in.Text, in.Facts, in.Warnings, in.Tables)
	rec.Document.TextRunes = int32(runes.at(len(in.Text)))
	span := func(start, end int) *cnbudgetv1.Span {
		if start < 0 || end > len(in.Text) || start > end {
			return nil
		}
		s := &cnbudgetv1.Span{Start: int32(runes.at(start)), End: int32(runes.at(end)), Quote: in.Text[start:end]}
		if in.PageOf != nil {
			s.Page = int32(in.PageOf(start))
		}
		return s
	}
	warnings := append([]facts.Warning(nil), in.Warnings...)
	for _, f := range in.Facts {
		conflict, err := set(rec, f, span(f.Start, f.End))
		if err != nil {
			return nil, err
		}
		if conflict != "" {
			warnings = append(warnings, facts.Warning{Code: "conflict", Keys: []string{f.Key}, Start: f.Start, End: f.End,
				Message: fmt.Sprintf("%s is stated again as %s; the first value, %s, is kept", f.Key, flatValue(f), conflict)})
		}
	}
	for _, w := range warnings {
		pw := &cnbudgetv1.Warning{Code: warningCode(w.Code), Message: w.Message, Keys: w.Keys}
		if w.Start >= 0 {
			pw.Span = span(w.Start, w.End)
		} else if w.Page > 0 {
			pw.Span = &cnbudgetv1.Span{Page: int32(w.Page)}
		}
		if w.OtherEnd > w.OtherStart {
			pw.Other = span(w.OtherStart, w.OtherEnd)
		}
		rec.Warnings = append(rec.Warnings, pw)
	}
	for _, t := range in.Tables {
		rec.Tables = append(rec.Tables, tableMessage(t, span))
	}
	return rec, nil
}

func warningCode(code string) cnbudgetv1.WarningCode {
	if v, ok := cnbudgetv1.WarningCode_value["WARNING_CODE_"+strings.ToUpper(code)]; ok {
		return cnbudgetv1.WarningCode(v)
	}
	return cnbudgetv1.WarningCode_WARNING_CODE_UNSPECIFIED
}

// set stores f in rec. It returns the flat form of the value kept when the key already
// held a different one.
func set(rec *cnbudgetv1.Record, f facts.Fact, sp *cnbudgetv1.Span) (string, error) {
	fld, name, err := lookup(f.Key)
	if err != nil {
		return "", err
	}
	m := rec.ProtoReflect()
	for _, fd := range fld.path[:len(fld.path)-1] {
		m = m.Mutable(fd).Message()
	}
	fd := fld.path[len(fld.path)-1]
	val, err := leafMessage(fd.Message(), f, name, sp)
	if err != nil {
		return "", err
	}
	if fd.IsList() {
		m.Mutable(fd).List().Append(protoreflect.ValueOfMessage(val))
		return "", nil
	}
	if m.Has(fd) {
		old := leafValue(m.Get(fd).Message())
		if old != leafValue(val) {
			return old, nil
		}
		return "", nil
	}
	m.Set(fd, protoreflect.ValueOfMessage(val))
	return "", nil
}

// leafMessage makes the leaf message of type md holding f.
func leafMessage(md protoreflect.MessageDescriptor, f facts.Fact, name string, sp *cnbudgetv1.Span) (protoreflect.Message, error) {
	var m proto.Message
	switch md.FullName() {
	case "cnbudget.v1.Amount":
		m = amount(f, sp)
	case "cnbudget.v1.FunctionSpending":
		m = &cnbudgetv1.FunctionSpending{Name: name, Amount: amount(f, sp)}
	case "cnbudget.v1.Integer":
		m = &cnbudgetv1.Integer{Value: f.Int, Approximate: f.Approx, Span: sp}
	case "cnbudget.v1.Text":
		m = &cnbudgetv1.Text{Value: f.Text, Span: sp}
	case "cnbudget.v1.KindFact":
		v, ok := cnbudgetv1.Kind_value["KIND_"+strings.ToUpper(f.Text)]
		if !ok {
			return nil, fmt.Errorf("record: %s: no kind %q", f.Key, f.Text)
		}
		m = &cnbudgetv1.KindFact{Value: cnbudgetv1.Kind(v), Span: sp}
	case "cnbudget.v1.ScopeFact":
		v, ok := cnbudgetv1.Scope_value["SCOPE_"+strings.ToUpper(f.Text)]
		if !ok {
			return nil, fmt.Errorf("record: %s: no scope %q", f.Key, f.Text)
		}
		m = &cnbudgetv1.ScopeFact{Value: cnbudgetv1.Scope(v), Span: sp}
	case "cnbudget.v1.ProcurementItem":
		m = &cnbudgetv1.ProcurementItem{Item: f.Text, Quantity: f.Int, Measure: f.Measure, Span: sp}
	default:
		return nil, fmt.Errorf("record: %s: no leaf type %s", f.Key, md.FullName())
	}
	return m.ProtoReflect(), nil
}

func amount(f facts.Fact, sp *cnbudgetv1.Span) *cnbudgetv1.Amount {
	return &cnbudgetv1.Amount{Fen: f.Fen, Approximate: f.Approx, Repaired: f.Repaired, Span: sp}
}

func flatValue(f facts.Fact) string {
	switch f.Type {
	case facts.Money:
		return FormatFen(f.Fen)
	case facts.Integer:
		return fmt.Sprint(f.Int)
	case facts.Item:
		return fmt.Sprintf("%s|%d|%s", f.Text, f.Int, f.Measure)
	}
	return f.Text
}

// runeIndex converts byte offsets of a text to rune offsets in one pass over the text.
type runeIndex struct {
	offs  []int // sorted byte offsets
	runes []int // rune offset of each
}

func newRuneIndex(text string, fs []facts.Fact, ws []facts.Warning, ts []tables.Table) runeIndex {
	offs := make([]int, 0, 2*len(fs)+4*len(ws)+1)
	for _, f := range fs {
		offs = append(offs, f.Start, f.End)
	}
	for _, w := range ws {
		if w.Start >= 0 {
			offs = append(offs, w.Start, w.End)
		}
		if w.OtherEnd > w.OtherStart {
			offs = append(offs, w.OtherStart, w.OtherEnd)
		}
	}
	for _, t := range ts {
		offs = append(offs, t.Start, t.End, t.Last)
		for _, r := range t.Rows {
			offs = append(offs, r.Start, r.End, r.NameStart, r.NameEnd)
			for _, c := range r.Cells {
				if c.Set {
					offs = append(offs, c.Start, c.End)
				}
			}
		}
	}
	offs = append(offs, len(text))
	sort.Ints(offs)
	ri := runeIndex{offs: offs, runes: make([]int, len(offs))}
	pos, n := 0, 0
	for i, off := range offs {
		if off > len(text) {
			off = len(text)
		}
		if off > pos {
			n += utf8.RuneCountInString(text[pos:off])
			pos = off
		}
		ri.runes[i] = n
	}
	return ri
}

func (ri runeIndex) at(off int) int {
	i := sort.SearchInts(ri.offs, off)
	if i < len(ri.offs) && ri.offs[i] == off {
		return ri.runes[i]
	}
	return 0
}
