package record

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Fact is one fact of a record in its public form: a FIELDS.md key and its value
// written as FIELDS.md says (money in yuan with two decimals, counts as integers).
type Fact struct {
	Key   string
	Value string
	Span  *cnbudgetv1.Span
}

// FormatFen writes an amount of fen as yuan with exactly two decimals: 1547900.00, -40000.00.
func FormatFen(fen int64) string {
	sign := ""
	u := uint64(fen)
	if fen < 0 {
		sign, u = "-", uint64(-fen)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Facts returns the facts of rec in the record's key order, list items in document
// order. Approximate amounts and counts are left out: the flat form holds only exact
// statements.
func Facts(rec *cnbudgetv1.Record) []Fact {
	var out []Fact
	root := rec.ProtoReflect()
	for _, f := range schema.fields {
		m := root
		present := true
		for _, fd := range f.path[:len(f.path)-1] {
			if !m.Has(fd) {
				present = false
				break
			}
			m = m.Get(fd).Message()
		}
		if !present {
			continue
		}
		fd := f.path[len(f.path)-1]
		if !m.Has(fd) {
			continue
		}
		if fd.IsList() {
			l := m.Get(fd).List()
			for i := 0; i < l.Len(); i++ {
				out = appendLeaf(out, f.key, l.Get(i).Message())
			}
			continue
		}
		out = appendLeaf(out, f.key, m.Get(fd).Message())
	}
	return append(out, LineFacts(rec)...)
}

func appendLeaf(out []Fact, key string, m protoreflect.Message) []Fact {
	switch v := m.Interface().(type) {
	case *cnbudgetv1.Amount:
		if v.GetApproximate() {
			return out
		}
		return append(out, Fact{key, FormatFen(v.GetFen()), v.GetSpan()})
	case *cnbudgetv1.Integer:
		if v.GetApproximate() {
			return out
		}
		return append(out, Fact{key, strconv.FormatInt(v.GetValue(), 10), v.GetSpan()})
	case *cnbudgetv1.FunctionSpending:
		if v.GetAmount().GetApproximate() {
			return out
		}
		return append(out, Fact{key + "." + v.GetName(), FormatFen(v.GetAmount().GetFen()), v.GetAmount().GetSpan()})
	default:
		return append(out, Fact{key, leafValue(m), spanOf(m)})
	}
}

// leafValue is the flat value of a leaf message.
func leafValue(m protoreflect.Message) string {
	switch v := m.Interface().(type) {
	case *cnbudgetv1.Amount:
		return FormatFen(v.GetFen())
	case *cnbudgetv1.Integer:
		return strconv.FormatInt(v.GetValue(), 10)
	case *cnbudgetv1.Text:
		return v.GetValue()
	case *cnbudgetv1.KindFact:
		return strings.ToLower(strings.TrimPrefix(v.GetValue().String(), "KIND_"))
	case *cnbudgetv1.ScopeFact:
		return strings.ToLower(strings.TrimPrefix(v.GetValue().String(), "SCOPE_"))
	case *cnbudgetv1.FunctionSpending:
		return v.GetName() + ":" + FormatFen(v.GetAmount().GetFen())
	case *cnbudgetv1.ProcurementItem:
		return fmt.Sprintf("%s|%d|%s", v.GetItem(), v.GetQuantity(), v.GetMeasure())
	}
	return ""
}

func spanOf(m protoreflect.Message) *cnbudgetv1.Span {
	fd := m.Descriptor().Fields().ByName("span")
	if fd == nil || !m.Has(fd) {
		return nil
	}
	sp, _ := m.Get(fd).Message().Interface().(*cnbudgetv1.Span)
	return sp
}

// WarningCodeName is the lower-case name of a warning code without its prefix: unit_repaired.
func WarningCodeName(c cnbudgetv1.WarningCode) string {
	return strings.ToLower(strings.TrimPrefix(c.String(), "WARNING_CODE_"))
}

// WriteFlat writes rec in the flat form of FIELDS.md: a key<TAB>value line per fact,
// then a !warning<TAB>code<TAB>key<TAB>message line per warning.
func WriteFlat(w io.Writer, rec *cnbudgetv1.Record) error {
	var b strings.Builder
	for _, f := range Facts(rec) {
		b.WriteString(f.Key)
		b.WriteByte('\t')
		b.WriteString(f.Value)
		b.WriteByte('\n')
	}
	for _, wn := range rec.GetWarnings() {
		fmt.Fprintf(&b, "!warning\t%s\t%s\t%s\n", WarningCodeName(wn.GetCode()), strings.Join(wn.GetKeys(), ","), oneLine(wn.GetMessage()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func oneLine(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// CSVHeader returns the CSV columns: the document's name and sha256, then the record's keys.
// The functional classes share one column, expenditure.function, holding NAME:amount items.
func CSVHeader() []string {
	return append([]string{"document.name", "document.sha256"}, Keys()...)
}

// CSVRow returns rec as a row under CSVHeader; a list key's items are joined with ";".
func CSVRow(rec *cnbudgetv1.Record) []string {
	keys := Keys()
	col := make(map[string]int, len(keys))
	for i, k := range keys {
		col[k] = i
	}
	cells := make([][]string, len(keys))
	for _, f := range Facts(rec) {
		k, v := f.Key, f.Value
		if name, ok := strings.CutPrefix(k, FunctionPrefix); ok {
			k, v = strings.TrimSuffix(FunctionPrefix, "."), name+":"+v
		}
		if i, ok := col[k]; ok {
			cells[i] = append(cells[i], v)
		}
	}
	row := []string{rec.GetDocument().GetName(), rec.GetDocument().GetSha256()}
	for _, c := range cells {
		row = append(row, strings.Join(c, ";"))
	}
	return row
}

// WriteCSV writes the header and one row per record.
func WriteCSV(w io.Writer, recs ...*cnbudgetv1.Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader()); err != nil {
		return err
	}
	for _, r := range recs {
		if err := cw.Write(CSVRow(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
