package review

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

var update = flag.Bool("update", false, "rewrite the golden pages (and the seed's stored record and text from the extractor)")

// seedRecord returns the seed's record and normalised text as stored in testdata, so the
// golden page changes only when the renderer does. -update stores them anew from the
// extractor.
func seedRecord(t testing.TB) (*cnbudgetv1.Record, string) {
	t.Helper()
	if *update {
		b, err := os.ReadFile("../testdata/seed/000_01eaaa56c59ac9d2.txt")
		if err != nil {
			t.Fatal(err)
		}
		x, _ := extract.New(extract.Options{})
		rec, text, err := x.ExtractText(context.Background(), extract.Document{Name: "seed.txt", Content: b})
		if err != nil {
			t.Fatal(err)
		}
		j, _ := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(rec)
		os.WriteFile("testdata/seed.json", append(j, '\n'), 0o644)
		os.WriteFile("testdata/seed.norm.txt", []byte(text), 0o644)
	}
	j, err := os.ReadFile("testdata/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	rec := &cnbudgetv1.Record{}
	if err := protojson.Unmarshal(j, rec); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("testdata/seed.norm.txt")
	if err != nil {
		t.Fatal(err)
	}
	return rec, string(text)
}

// tableText is a document in the shape of a budget's expenditure table, with a sentence
// that states a figure differently from the table.
const tableText = `某县财政局2023年部门预算情况说明
一、收入支出预算总体情况。2023年收入预算200余万元，支出预算100万元。
二、一般公共服务支出为100.00万元。

2023年部门支出预算总表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
201 一般公共服务支出 100.00 60.00 40.00
20106 财政事务 100.00 60.00 30.00
合计 100.00 60.00 40.00
注：<b>本表</b> & “无” 'x'
`

// tableRecord is a hand-made record of tableText with every kind of thing the page
// shows: nested and crossing spans, an approximate amount, a table with a row that does
// not add up and its warning naming both cells, a warning with a page alone, and spans
// outside the text.
func tableRecord(t *testing.T) *cnbudgetv1.Record {
	t.Helper()
	runes := []rune(tableText)
	// at returns the span of the n-th (0-based) occurrence of quote after the first of after.
	at := func(quote string, n int, after string, page int32) *cnbudgetv1.Span {
		t.Helper()
		from := 0
		if after != "" {
			i := strings.Index(tableText, after)
			if i < 0 {
				t.Fatalf("no %q", after)
			}
			from = i
		}
		off := from
		for k := 0; ; k++ {
			i := strings.Index(tableText[off:], quote)
			if i < 0 {
				t.Fatalf("no %q #%d after %q", quote, n, after)
			}
			if k == n {
				start := len([]rune(tableText[:off+i]))
				end := start + len([]rune(quote))
				if string(runes[start:end]) != quote {
					t.Fatal("bad span")
				}
				return &cnbudgetv1.Span{Start: int32(start), End: int32(end), Page: page, Quote: quote}
			}
			off += i + len(quote)
		}
	}
	amount := func(fen int64, sp *cnbudgetv1.Span) *cnbudgetv1.Amount {
		return &cnbudgetv1.Amount{Fen: fen, Span: sp}
	}
	rowAt := "201 一般公共服务支出 100"
	row2At := "20106 财政事务"
	totalAt := "合计 100"
	return &cnbudgetv1.Record{
		Document:         &cnbudgetv1.DocumentInfo{Name: "table <test>.pdf", MediaType: "application/pdf", Pages: 2, Size: 1234, Sha256: "00ff", TextRunes: int32(len(runes))},
		ExtractorVersion: "test",
		Header: &cnbudgetv1.Header{
			Kind:       &cnbudgetv1.KindFact{Value: cnbudgetv1.Kind_KIND_BUDGET, Span: at("部门预算", 0, "", 1)},
			FiscalYear: &cnbudgetv1.Integer{Value: 2023, Span: at("2023", 0, "", 1)},
			UnitName:   &cnbudgetv1.Text{Value: "某县财政局", Span: at("某县财政局", 0, "", 1)},
			// crosses the unit's name: 财政局2023
			Region: &cnbudgetv1.Text{Value: "某县", Span: &cnbudgetv1.Span{Start: 2, End: 9, Page: 1, Quote: "财政局2023"}},
		},
		Revenue: &cnbudgetv1.Revenue{
			Total: &cnbudgetv1.Amount{Fen: 200_0000_00, Approximate: true, Span: at("200余万元", 0, "", 1)},
		},
		Expenditure: &cnbudgetv1.Expenditure{
			Total: amount(100_0000_00, at("100万元", 0, "", 1)),
			Functions: []*cnbudgetv1.FunctionSpending{
				{Name: "一般公共服务支出", Amount: amount(100_0000_00, at("100.00万元", 0, "", 1))},
			},
			// a span outside the text: listed, not highlighted
			Basic: amount(1, &cnbudgetv1.Span{Start: 5000, End: 5003, Quote: "不存在"}),
		},
		Tables: []*cnbudgetv1.Table{{
			Kind: cnbudgetv1.TableKind_TABLE_KIND_EXPENDITURE, Id: "expenditure", Title: "2023年部门支出预算总表", Unit: "万元",
			Span: at("2023年部门支出预算总表", 0, "", 2), LastPage: 2, Columns: []string{"total", "basic", "project"},
			Rows: []*cnbudgetv1.TableRow{
				{Code: "201", Name: &cnbudgetv1.Text{Value: "一般公共服务支出", Span: at("一般公共服务支出", 0, rowAt, 2)},
					Total: amount(100_0000_00, at("100.00", 0, rowAt, 2)), Basic: amount(60_0000_00, at("60.00", 0, rowAt, 2)),
					Project: amount(40_0000_00, at("40.00", 0, rowAt, 2)), Span: at("201 一般公共服务支出 100.00 60.00 40.00", 0, "", 2)},
				{Code: "20106", Name: &cnbudgetv1.Text{Value: "财政事务", Span: at("财政事务", 0, row2At, 2)},
					Total: amount(100_0000_00, at("100.00", 0, row2At, 2)), Basic: amount(60_0000_00, at("60.00", 0, row2At, 2)),
					Project: amount(30_0000_00, at("30.00", 0, row2At, 2)), Span: at("20106 财政事务 100.00 60.00 30.00", 0, "", 2)},
				{Code: "total", Total: amount(100_0000_00, at("100.00", 0, totalAt, 2)), Basic: amount(60_0000_00, at("60.00", 0, totalAt, 2)),
					Project: amount(40_0000_00, at("40.00", 0, totalAt, 2)), Span: at("合计 100.00 60.00 40.00", 0, "", 2)},
			},
		}},
		Warnings: []*cnbudgetv1.Warning{
			{Code: cnbudgetv1.WarningCode_WARNING_CODE_TABLE_SUM_MISMATCH, Message: "line.expenditure.20106.total 100.00万元 is not basic + project (90.00万元)",
				Keys: []string{"line.expenditure.20106.total", "line.expenditure.20106.project"},
				Span: at("100.00", 0, row2At, 2), Other: at("30.00", 0, row2At, 2)},
			{Code: cnbudgetv1.WarningCode_WARNING_CODE_TEXT_TABLE_MISMATCH, Message: "the text states <100.00万元> & the table 100.00",
				Keys: []string{"expenditure.function.一般公共服务支出"},
				Span: at("100.00", 0, rowAt, 2), Other: at("100.00万元", 0, "", 1)},
			{Code: cnbudgetv1.WarningCode_WARNING_CODE_PAGE_FAILED, Message: "page 3 could not be read", Span: &cnbudgetv1.Span{Page: 3}},
		},
	}
}

func TestGolden(t *testing.T) {
	seedRec, seedText := seedRecord(t)
	cases := []struct {
		name string
		rec  *cnbudgetv1.Record
		text string
	}{
		{"seed", seedRec, seedText},
		{"tables", tableRecord(t), tableText},
		{"empty", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, c.rec, c.text); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", c.name+".html")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				got := golden + ".got"
				os.WriteFile(got, buf.Bytes(), 0o644)
				t.Errorf("page differs from %s; got written to %s (go test ./review -update rewrites the golden pages)", golden, got)
			}
		})
	}
}

// TestHighlights checks what a reviewer relies on, on the seed and on the table record:
// every fact with a place in the text has a highlight whose text is exactly its quote,
// every warning place one too, the text is all there in order, and nothing loads or runs.
func TestHighlights(t *testing.T) {
	seedRec, seedText := seedRecord(t)
	for _, c := range []struct {
		name       string
		rec        *cnbudgetv1.Record
		text       string
		facts      int
		highlights int
	}{
		{"seed", seedRec, seedText, 45, 45},
		{"tables", tableRecord(t), tableText, 19, 18},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := build(c.rec, c.text)
			var buf bytes.Buffer
			if err := Write(&buf, c.rec, c.text); err != nil {
				t.Fatal(err)
			}
			doc := parse(t, buf.String())
			n, placed := 0, 0
			for _, fam := range v.Families {
				for _, f := range fam.Facts {
					n++
					if f.ID == "" {
						continue
					}
					placed++
					m := doc.byID[f.ID]
					if m == nil || m.Data != "mark" {
						t.Errorf("%s: no <mark id=%s>", f.Key, f.ID)
						continue
					}
					if got := doc.highlighted(f.ID); got != f.Quote {
						t.Errorf("%s: highlight %s holds %q, the span's quote is %q", f.Key, f.ID, got, f.Quote)
					}
					if a := doc.links["#"+f.ID]; a == 0 {
						t.Errorf("%s: no link to its highlight %s", f.Key, f.ID)
					}
				}
			}
			if n != c.facts || placed != c.highlights {
				t.Errorf("%d facts, %d highlighted; want %d, %d", n, placed, c.facts, c.highlights)
			}
			for i, w := range c.rec.GetWarnings() {
				for suffix, sp := range map[string]*cnbudgetv1.Span{"-span": w.GetSpan(), "-other": w.GetOther()} {
					id := fmt.Sprintf("w%d%s", i+1, suffix)
					if !inText(sp, len([]rune(c.text))) {
						continue
					}
					if m := doc.byID[id]; m == nil || doc.highlighted(id) != sp.GetQuote() {
						t.Errorf("warning %d: no highlight %s holding %q", i+1, id, sp.GetQuote())
					} else if doc.links["#"+id] == 0 {
						t.Errorf("warning %d: no link to %s", i+1, id)
					}
				}
			}
			if got := textOf(doc.text); got != c.text {
				t.Errorf("the page's text differs from the document's")
			}
			if strings.Contains(buf.String(), "<script") || strings.Contains(buf.String(), "src=") || strings.Contains(buf.String(), "@import") {
				t.Error("the page loads or runs something")
			}
		})
	}
}

// TestSeedWarningLinked: the seed's repaired unit of 住房保障支出 is listed with a link to
// the highlight of its span, and the fact's row flags it.
func TestSeedWarningLinked(t *testing.T) {
	rec, text := seedRecord(t)
	var buf bytes.Buffer
	if err := Write(&buf, rec, text); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, buf.String())
	li := doc.byID["warning-w1"]
	if li == nil || !strings.Contains(textOf(li), "unit_repaired") || !strings.Contains(textOf(li), "住房保障支出") {
		t.Fatalf("no unit_repaired warning for 住房保障支出 listed")
	}
	m := doc.byID["w1-span"]
	if m == nil || !strings.Contains(textOf(m), "7.83") {
		t.Fatalf("the warning's span is not highlighted with the stated 7.83")
	}
	if doc.links["#w1-span"] == 0 || doc.links["#warning-w1"] == 0 {
		t.Error("the warning and its span are not linked")
	}
}

// TestTables: the table is rendered with its rows and cells, the row that does not add up
// is flagged with a link to the warning naming it, and the table's checks list it.
func TestTables(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, tableRecord(t), tableText); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, buf.String())
	row := doc.byID["t1-r2"]
	if row == nil {
		t.Fatal("no row t1-r2")
	}
	if got := textOf(row); !strings.Contains(got, "20106") || !strings.Contains(got, "财政事务") || !strings.Contains(got, "300000.00") || !strings.Contains(got, "table_sum_mismatch") {
		t.Errorf("row 20106 reads %q", got)
	}
	if attr(row, "class") != "bad" {
		t.Error("row 20106 is not flagged")
	}
	if attr(doc.byID["t1-r1"], "class") == "bad" {
		t.Error("row 201, which adds up, is flagged")
	}
	if got := textOf(doc.byID["t1"]); !strings.Contains(got, "Checks: table_sum_mismatch (w1)") {
		t.Errorf("the table's checks read %q", got)
	}
	if doc.links["#t1-src"] == 0 || doc.byID["t1-src"] == nil {
		t.Error("the table does not link to its place in the text")
	}
}

// TestRandomSpans renders random texts with random spans (nested, crossing, empty, out
// of range, over bad UTF-8): no panic, every placed highlight holds its span's text, and
// the text comes through whole.
func TestRandomSpans(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"预", "算", "万", "元", "1", ".", "<", ">", "&", "\"", "'", "\n", " ", "\xff", "\u00a0", "𠀀"}
	for i := 0; i < 300; i++ {
		var sb strings.Builder
		for n := r.IntN(60); n > 0; n-- {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		text := sb.String()
		runes := []rune(text)
		rec := &cnbudgetv1.Record{}
		var funcs []*cnbudgetv1.FunctionSpending
		for n := r.IntN(12); n > 0; n-- {
			s := int32(r.IntN(len(runes)+3)) - 1
			e := s + int32(r.IntN(8)) - 1
			quote := ""
			if s >= 0 && e >= s && int(e) <= len(runes) {
				quote = string(runes[s:e])
			}
			funcs = append(funcs, &cnbudgetv1.FunctionSpending{Name: fmt.Sprint("f", n), Amount: &cnbudgetv1.Amount{Fen: int64(n), Span: &cnbudgetv1.Span{Start: s, End: e, Quote: quote}}})
		}
		rec.Expenditure = &cnbudgetv1.Expenditure{Functions: funcs}
		v := build(rec, text)
		var buf bytes.Buffer
		if err := Write(&buf, rec, text); err != nil {
			t.Fatal(err)
		}
		doc := parse(t, buf.String())
		if got := textOf(doc.text); got != string(runes) {
			t.Fatalf("text %q came through as %q", text, got)
		}
		for _, fam := range v.Families {
			for _, f := range fam.Facts {
				if f.ID == "" {
					continue
				}
				if m := doc.byID[f.ID]; m == nil || doc.highlighted(f.ID) != string([]rune(f.Quote)) {
					t.Fatalf("text %q: %s: highlight %v, want %q", text, f.Key, m, f.Quote)
				}
			}
		}
	}
}

type parsed struct {
	byID  map[string]*html.Node
	parts map[string][]*html.Node // the continuations of a cut highlight, by its id
	links map[string]int
	text  *html.Node // the div.text
}

func parse(t *testing.T, page string) *parsed {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	p := &parsed{byID: map[string]*html.Node{}, parts: map[string][]*html.Node{}, links: map[string]int{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				if p.byID[id] != nil {
					t.Errorf("id %q twice", id)
				}
				p.byID[id] = n
			}
			if of := attr(n, "data-of"); of != "" {
				p.parts[of] = append(p.parts[of], n)
			}
			if n.Data == "a" {
				p.links[attr(n, "href")]++
			}
			if n.Data == "div" && attr(n, "class") == "text" {
				p.text = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if p.text == nil {
		t.Fatal("no div.text")
	}
	return p
}

// highlighted is the text of the highlight id, its continuations included.
func (p *parsed) highlighted(id string) string {
	s := textOf(p.byID[id])
	for _, n := range p.parts[id] {
		s += textOf(n)
	}
	return s
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return b.String()
}
