// Package hostile generates valid but unusual documents of a chosen size, in the shapes
// that make an extractor's cost grow faster than its input when some stage scans back
// over what it has already read: many amounts in one sentence, many sentences in one
// section, many headings, one long line without punctuation, deeply nested HTML, table
// rows, one table cell per line, many PDF pages, many .docx paragraphs. The benchmarks,
// the linearity tests and the bench program read the same shapes.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// A Shape is one kind of hostile document.
type Shape struct {
	Name      string
	MediaType string // the document's media type, as a caller would declare it
	// Gen returns a document of about size bytes (never less than one unit of the shape).
	Gen func(size int) []byte
}

// Shapes returns every shape, in a fixed order.
func Shapes() []Shape {
	return []Shape{
		{"amounts", "text/plain", Amounts},
		{"sentences", "text/plain", Sentences},
		{"sections", "text/plain", Sections},
		{"longline", "text/plain", LongLine},
		{"html", "text/html", DeepHTML},
		{"table", "text/plain", TableRows},
		{"cells", "text/plain", CellPerLine},
		{"pdf", "application/pdf", PDFPages},
		{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DocxParagraphs},
	}
}

// Lookup returns the shape named name.
func Lookup(name string) (Shape, bool) {
	for _, s := range Shapes() {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}

const title = "某县财政局2023年部门预算情况说明\n"

// repeat writes head, then unit(i) for i = 0, 1, … until the text reaches size bytes,
// then tail.
func repeat(size int, head, tail string, unit func(b *strings.Builder, i int)) []byte {
	var b strings.Builder
	b.Grow(size + 64)
	b.WriteString(head)
	for i := 0; i == 0 || b.Len()+len(tail) < size; i++ {
		unit(&b, i)
	}
	b.WriteString(tail)
	return []byte(b.String())
}

// Amounts is one sentence of amounts: 收入预算1万元，1万元，… (10 bytes an amount).
func Amounts(size int) []byte {
	return repeat(size, title+"收入预算", "。\n", func(b *strings.Builder, i int) { b.WriteString("1万元，") })
}

// Sentences is one section of one paragraph of short sentences, each with an amount.
func Sentences(size int) []byte {
	return repeat(size, title+"一、收入预算情况\n", "\n", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, "其他收入%d万元。", i%1000+1)
	})
}

// Sections is many numbered headings, each over a sentence with an amount.
func Sections(size int) []byte {
	return repeat(size, title, "", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, "（%d）收入预算情况\n本单位收入预算%d万元。\n", i+1, i%1000+1)
	})
}

// LongLine is one line of words and amounts with no punctuation at all.
func LongLine(size int) []byte {
	return repeat(size, title, "\n", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, "一般公共预算拨款收入%d万元项目支出", i%1000+1)
	})
}

// DeepHTML is a page of nested elements as deep as its size allows, with text and an
// amount at every level.
func DeepHTML(size int) []byte {
	head := "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>部门预算</title></head><body><h1>" + strings.TrimSpace(title) + "</h1>"
	const open, close = "<div><span>收入预算1万元</span>", "</div>"
	n := max(1, (size-len(head))/(len(open)+len(close)))
	var b strings.Builder
	b.Grow(size + 64)
	b.WriteString(head)
	for range n {
		b.WriteString(open)
	}
	for range n {
		b.WriteString(close)
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// TableRows is a flattened budget table: 代码 | 名称 | 1,234 | 5,678 rows under a unit.
func TableRows(size int) []byte {
	return repeat(size, title+"收入支出决算总表\n单位：万元\n项目 | 科目名称 | 预算数 | 决算数\n", "", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, "2%06d | 一般公共服务支出 | 1,%03d | 5,678\n", i%1000000, i%1000)
	})
}

// CellPerLine is the same table with one cell on each line.
func CellPerLine(size int) []byte {
	return repeat(size, title+"收入支出决算总表\n单位：万元\n项目\n科目名称\n预算数\n决算数\n", "", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, "2%06d\n一般公共服务支出\n1,%03d\n5,678\n", i%1000000, i%1000)
	})
}

// pdfPageText is what every page of PDFPages shows, line by line.
var pdfPageText = []string{"一、收入预算情况", "本单位收入预算1万元，其中一般公共预算拨款1万元。", "二、支出预算情况", "本单位支出预算1万元。"}

// PDFPages is a PDF of as many pages as its size allows, each with a few lines of text
// in one Identity-H font with a ToUnicode map.
func PDFPages(size int) []byte {
	codes := map[rune]int{}
	var order []rune
	hex := func(s string) string {
		var b strings.Builder
		b.WriteByte('<')
		for _, r := range s {
			c, ok := codes[r]
			if !ok {
				c = len(order) + 1
				codes[r] = c
				order = append(order, r)
			}
			fmt.Fprintf(&b, "%04X", c)
		}
		b.WriteByte('>')
		return b.String()
	}
	var content strings.Builder
	content.WriteString("BT /F1 10 Tf 14 TL 70 760 Td")
	for _, l := range pdfPageText {
		content.WriteString(" " + hex(l) + " Tj T*")
	}
	content.WriteString(" ET")
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(order))
	for i, r := range order {
		fmt.Fprintf(&cmap, "<%04X> <%04X>\n", i+1, r)
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	stream := func(data string) string {
		return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
	}
	// Objects: 1 catalog, 2 pages, 3 font, 4 descendant, 5 cmap, 6 content, then pages.
	fixed := []string{
		"", "",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
		stream(cmap.String()),
		stream(content.String()),
	}
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 6 0 R >>"
	perPage := len(page) + 40 + len("0000000000 00000 n\r\n") + len(" 0000 0 R")
	n := max(1, (size-1500)/perPage)
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", 7+i)
	}
	fixed[0] = "<< /Type /Catalog /Pages 2 0 R >>"
	fixed[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	var b bytes.Buffer
	b.Grow(size + 1024)
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, 0, len(fixed)+n)
	write := func(o string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), o)
	}
	for _, o := range fixed {
		write(o)
	}
	for range n {
		write(page)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(offs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// DocxParagraphs is a .docx of many paragraphs, each a sentence with an amount, its
// document.xml stored (not deflated) so that the file's size is the text's.
func DocxParagraphs(size int) []byte {
	var x strings.Builder
	x.Grow(size + 512)
	x.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	x.WriteString(`<w:p><w:r><w:t>` + strings.TrimSpace(title) + `</w:t></w:r></w:p>`)
	const tail = `</w:body></w:document>`
	for i := 0; i == 0 || x.Len()+len(tail)+600 < size; i++ {
		fmt.Fprintf(&x, `<w:p><w:r><w:t>本单位收入预算%d万元。</w:t></w:r></w:p>`, i%1000+1)
	}
	x.WriteString(tail)
	return Docx(x.String(), zip.Store)
}

// Docx returns a .docx whose word/document.xml is documentXML, written with method
// (zip.Store or zip.Deflate).
func Docx(documentXML string, method uint16) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	add := func(name, body string, m uint16) {
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: m})
		if err != nil {
			panic(err)
		}
		if _, err := f.Write([]byte(body)); err != nil {
			panic(err)
		}
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`, zip.Deflate)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`, zip.Deflate)
	add("word/document.xml", documentXML, method)
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// RuleShapes returns shapes aimed at single field rules: each repeats, in one sentence,
// line or section, a phrase that one rule reads. The linearity tests run them beside
// Shapes; they are not in the benchmark family, whose shapes are a document's.
func RuleShapes() []Shape {
	text := func(name, head, unit, tail string) Shape {
		return Shape{name, "text/plain", func(size int) []byte {
			return repeat(size, title+head, tail, func(b *strings.Builder, i int) { b.WriteString(unit) })
		}}
	}
	return []Shape{
		text("counts", "一、机构人员情况\n本单位实有人员58人，其中", "行政人员1人、", "。\n"),
		text("projects", "二、绩效目标情况\n", "项目1个，", "。\n"),
		text("changes", "三、收入预算\n收入预算1万元，", "比上年增加1万元，", "。\n"),
		text("shared", "四、三公经费\n", "公务接待费、因公出国（境）费均为1万元，", "。\n"),
		text("paired", "", "收、支总计各是1,2万元，", "。\n"),
		text("purchases", "五、政府采购\n", "拟采购办公电脑1台", "。\n"),
		text("offices", "一、机构设置\n本单位内设", "办公室、", "财务科。\n"),
		text("units", "一、机构设置\n", "下属单位县科技馆", "。\n"),
		text("brackets", "一、机构设置\n本单位有1个事业单位（即", "县科技馆、", "县文化馆）。\n"),
		text("contacts", "联系人：", "张三联系电话：023-51522382", "\n"),
		text("decls", "", "单位：万元\n收入 | 1\n", ""),
		text("title", "一、机构设置", "内设机构下属单位", "\n（1）综合科\n（2）县科技馆\n"),
		text("children", "一、机构设置情况说明\n", "（1）综合科\n", ""),
		text("finals", "某县财政局2023年部门决算\n", "收入预算1万元，收入决算1万元，", "。\n"),
		text("header", "单位：万元\n项目 | 科目名称\n", "一般公共服务支出 | 预算数 | ", "\n合计 | 1 | 2\n"),
		text("digits", "收入预算", "1", "万元。\n"),
	}
}
