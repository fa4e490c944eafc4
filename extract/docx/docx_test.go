package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/docx")

// fixtures is the project's folder of .docx fixtures.
const fixtures = "../../testdata/docx"

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>`
	docClose = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
)

// pack returns a zip package of the named parts, in order.
func pack(t testing.TB, method uint16, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: parts[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docx returns a minimal valid .docx whose body holds the given WordprocessingML,
// with a numbering part when numbering is not "".
func docx(t testing.TB, body, numbering string) []byte {
	parts := []string{"[Content_Types].xml", contentTypes, "_rels/.rels", rels,
		"word/document.xml", docOpen + body + docClose}
	if numbering != "" {
		parts = append(parts, "word/numbering.xml", `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+numbering+`</w:numbering>`)
	}
	return pack(t, zip.Deflate, parts...)
}

// p returns a paragraph of one run per text.
func p(texts ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, s := range texts {
		b.WriteString(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">` + s + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// tc returns a table cell of the given paragraphs.
func tc(paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func tr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

func tbl(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

// numbered returns a paragraph in list numID at level ilvl.
func numbered(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// lists defines list 1 as 一、/（一）, list 2 as bullets, and list 3 as list 1
// restarted at 五.
const lists = `<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/><w:isLgl/><w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>`

func TestRead(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		numbering string
		want      string
	}{
		{
			name: "runs join into a paragraph",
			body: p("青山县", "财政局", " 2024年部门预算 ") + p() + p("第二段"),
			want: "青山县财政局 2024年部门预算\n第二段",
		},
		{
			name: "tabs and breaks in runs, tab stops ignored",
			body: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>项目</w:t><w:tab/><w:t>金额</w:t><w:br/><w:t>合计</w:t><w:cr/><w:t>1.00</w:t></w:r></w:p>`,
			want: "项目 金额\n合计\n1.00",
		},
		{
			name: "field codes hidden, results kept",
			body: `<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>` +
				`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3"</w:instrText></w:r><w:r><w:t>INSTRUCTION TEXT</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
				`<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2024年1月</w:t></w:r></w:fldSimple></w:p>`,
			want: "第3页\n2024年1月",
		},
		{
			name: "deleted text left out, inserted kept",
			body: `<w:p><w:r><w:t>支出</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>100.00</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>120.00</w:t></w:r></w:ins><w:r><w:t>万元</w:t></w:r></w:p>`,
			want: "支出120.00万元",
		},
		{
			name: "table rows on one line each",
			body: p("表一") + tbl(
				tr(tc(p("项目")), tc(p("预算数")), tc(p("备注"))),
				tr(tc(p("一般公共预算"), p("拨款收入")), tc(p("2,100.00")), tc(p())),
				tr(tc(p()), tc(p("245.67")), tc(p("Fund"), p("income"))),
				tr(tc(p()), tc(p()), tc(p())),
			) + p("表后"),
			want: "表一\n项目 | 预算数 | 备注\n一般公共预算拨款收入 | 2,100.00\n| 245.67 | Fund income\n表后",
		},
		{
			name: "nested table flattened into its cell",
			body: tbl(tr(tc(p("外")), tc(tbl(tr(tc(p("甲")), tc(p("1"))), tr(tc(p("乙")), tc(p("2"))))))),
			want: "外 | 甲 | 1 乙 | 2",
		},
		{
			name:      "list numbers written out",
			numbering: lists,
			body: numbered("1", "0", "部门基本情况") + numbered("1", "1", "职能职责") + numbered("1", "1", "机构设置") +
				numbered("1", "0", "收支总体情况") + numbered("1", "1", "收入预算") + numbered("1", "2", "细项") + numbered("1", "3", "子项") +
				numbered("2", "0", "要点") + numbered("0", "0", "不编号") + numbered("3", "0", "重新编号"),
			want: "一、部门基本情况\n（一）职能职责\n（二）机构设置\n二、收支总体情况\n（一）收入预算\n2.1 细项\n二.1 子项\n要点\n不编号\n五、重新编号",
		},
		{
			name: "text box read once",
			body: `<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p("文本框") +
				`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>` + p("文本框") +
				`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			want: "正文\n文本框",
		},
		{
			name: "entities",
			body: p("A&amp;B &lt;1&gt; &#x4E00;"),
			want: "A&B <1> 一",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Read(docx(t, tt.body, tt.numbering))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if txt.Text != tt.want {
				t.Errorf("Read =\n%s\nwant\n%s", txt.Text, tt.want)
			}
			if txt.MediaType != source.DOCX || txt.Encoding != "utf-8" || txt.Pages != nil {
				t.Errorf("Read = %+v, want MediaType %s, Encoding utf-8, no pages", txt, source.DOCX)
			}
		})
	}
}

// TestReadMainPartFromRels checks that the main part is found where the package's
// relationships say, not only at word/document.xml.
func TestReadMainPartFromRels(t *testing.T) {
	b := pack(t, zip.Deflate,
		"_rels/.rels", strings.Replace(rels, "word/document.xml", "/word/document2.xml", 1),
		"word/document.xml", docOpen+p("不是这个")+docClose,
		"word/document2.xml", docOpen+p("正文部分")+docClose)
	txt, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if txt.Text != "正文部分" {
		t.Errorf("Read = %q, want the text of word/document2.xml", txt.Text)
	}
}

func TestReadErrors(t *testing.T) {
	good := docx(t, p("部门预算"), "")
	stored := pack(t, zip.Store, "_rels/.rels", rels, "word/document.xml", docOpen+p("部门预算说明部门预算说明")+docClose)
	corrupt := bytes.Replace(stored, []byte("部门预算说明"), []byte("部门决算说明"), 1) // CRC no longer matches
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)
	encrypted := append(append([]byte{}, ole...), utf16le("EncryptedPackage")...)

	tests := []struct {
		name string
		file []byte
		kind fail.Kind
	}{
		{"no bytes", nil, fail.Empty},
		{"no text", docx(t, p()+p(" ")+tbl(tr(tc(p()))), ""), fail.Empty},
		{"not a zip", []byte("部门预算情况说明"), fail.Unsupported},
		{"word 97-2003", ole, fail.Unsupported},
		{"encrypted", encrypted, fail.Encrypted},
		{"truncated zip", good[:len(good)/2], fail.Damaged},
		{"zip of something else", pack(t, zip.Deflate, "xl/workbook.xml", "<workbook/>"), fail.Unsupported},
		{"bad xml", docx(t, "<w:p><w:r><w:t>未闭合</w:r></w:p>", ""), fail.Damaged},
		{"cut-off xml", pack(t, zip.Deflate, "word/document.xml", docOpen+"<w:p><w:r><w:t>一半"), fail.Damaged},
		{"checksum mismatch", corrupt, fail.Damaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, err := Read(tt.file)
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Read = %+v, %v; want a *fail.Error", txt, err)
			}
			if fe.Kind != tt.kind || fe.Op != "docx" {
				t.Errorf("error %q has op %q kind %v, want docx %v", err, fe.Op, fe.Kind, tt.kind)
			}
		})
	}
}

// TestReadZipBomb checks that a small package that expands past the limit fails
// with TooLarge, after reading no more than the limit. The limit is lowered from
// MaxUncompressed so that the test stays fast; the code path is Read's.
func TestReadZipBomb(t *testing.T) {
	const limit = 1 << 20
	// Spaces compress a thousandfold.
	filler := strings.Repeat(" ", 2*limit)
	bomb := pack(t, zip.Deflate, "_rels/.rels", rels, "word/document.xml", docOpen+p("部门预算")+filler+docClose)
	if len(bomb) > limit/100 {
		t.Fatalf("the bomb is %d bytes, not small", len(bomb))
	}
	_, err := read(context.Background(), bomb, limit)
	if fail.KindOf(err) != fail.TooLarge {
		t.Errorf("read = %v, want a TooLarge error", err)
	}
	// The same package within the limit reads.
	if txt, err := read(context.Background(), bomb, 4*limit); err != nil || txt.Text != "部门预算" {
		t.Errorf("read with a larger limit = %v, %v", txt, err)
	}
}

// TestReadZipBombRefusedBeforeWork checks that a package declaring a part larger than
// MaxUncompressed is refused by Read before it inflates it: a user's .docx bomb costs
// neither the time nor the memory of the expansion. It also checks a package that lies,
// declaring a small part that inflates past its declared size: archive/zip stops it there.
func TestReadZipBombRefusedBeforeWork(t *testing.T) {
	bomb := func(declared uint32) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "_rels/.rels", Method: zip.Deflate})
		if err == nil {
			_, err = w.Write([]byte(rels))
		}
		if err == nil {
			w, err = zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate})
		}
		chunk := []byte(strings.Repeat(" ", 1<<20))
		if err == nil {
			_, err = w.Write([]byte(docOpen + p("部门预算")))
		}
		for i := 0; err == nil && i < 2*MaxUncompressed>>20; i++ {
			_, err = w.Write(chunk)
		}
		if err == nil {
			_, err = w.Write([]byte(docClose))
		}
		if err == nil {
			err = zw.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		if declared > 0 {
			// the central directory's last entry, the part's: uncompressed size at offset 24
			i := bytes.LastIndex(b, []byte("PK\x01\x02"))
			binary.LittleEndian.PutUint32(b[i+24:], declared)
		}
		return b
	}
	for _, tt := range []struct {
		name     string
		declared uint32 // 0: the true size
		kind     fail.Kind
	}{
		{"declared size over the limit", 0, fail.TooLarge},
		{"declared size a lie", 4096, fail.Damaged},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := bomb(tt.declared)
			if len(b) > MaxUncompressed/100 {
				t.Fatalf("the bomb is %d bytes, not small", len(b))
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Read(b)
			runtime.ReadMemStats(&after)
			if fail.KindOf(err) != tt.kind {
				t.Errorf("Read = %v, want a %v error", err, tt.kind)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
				t.Errorf("Read allocated %d bytes before refusing the bomb, want under 4 MiB", alloc)
			}
		})
	}
}

// TestReadLibreOffice reads a package LibreOffice wrote and compares it with its golden
// file; see testdata/docx/README.md.
func TestReadLibreOffice(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "lo-fixture.docx"))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := Read(b)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	for _, line := range []string{
		"青山县水利局2024年部门预算情况说明",
		"1. 内设机构4个：办公室、水资源科、工程建设科、河湖管理科。",
		"一般公共预算拨款收入 | 4,000.00 | 农林水支出 | 4,300.00",
		"收入总计 | 4,567.89 | 支出总计 | 4,567.89",
	} {
		if !strings.Contains("\n"+txt.Text+"\n", "\n"+line+"\n") {
			t.Errorf("text lacks the line %q", line)
		}
	}
	golden := filepath.Join(fixtures, "lo-fixture.golden")
	got := txt.Text + "\n"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		os.WriteFile(golden+".actual", []byte(got), 0o644)
		t.Errorf("text differs from %s (got written to %s.actual):\n%s", golden, golden, got)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(docx(f, p("部门预算")+tbl(tr(tc(p("a")), tc(p("1")))), ""))
	f.Add(docx(f, numbered("1", "0", "一")+numbered("3", "2", "二"), lists))
	if b, err := os.ReadFile(filepath.Join(fixtures, "lo-fixture.docx")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		txt, err := Read(b)
		if err != nil {
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *fail.Error", err)
			}
			return
		}
		if strings.TrimSpace(txt.Text) == "" || !utf8.ValidString(txt.Text) || txt.MediaType != source.DOCX {
			t.Fatalf("Read returned %+v", txt)
		}
	})
}

// FuzzReadBody fuzzes the document XML inside a valid package, which FuzzRead's
// mutations of compressed bytes rarely reach.
func FuzzReadBody(f *testing.F) {
	f.Add(p("部门预算") + tbl(tr(tc(p("a")), tc(tbl(tr(tc(p("b"))))))) + `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>`)
	f.Add(numbered("1", "8", "x") + numbered("1", "-1", "y") + numbered("3", "0", "z"))
	f.Fuzz(func(t *testing.T, body string) {
		txt, err := Read(docx(t, body, lists))
		if err != nil {
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *fail.Error", err)
			}
			return
		}
		if strings.TrimSpace(txt.Text) == "" {
			t.Fatalf("Read returned no text and no error")
		}
	})
}

func BenchmarkRead(b *testing.B) {
	var body strings.Builder
	for i := range 2000 {
		body.WriteString(numbered("1", "0", "部门收支总体情况"))
		body.WriteString(p("2024年收入预算", "2,345.67万元，其中一般公共预算拨款", "2,100.00万元。"))
		if i%10 == 0 {
			body.WriteString(tbl(tr(tc(p("项目")), tc(p("预算数"))), tr(tc(p("一般公共预算拨款收入")), tc(p("2,100.00")))))
		}
	}
	doc := docx(b, body.String(), lists)
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Read(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadGridSpan checks that a cell spanning grid columns (w:gridSpan) leaves the
// columns it covers blank, and a row's w:gridBefore its first columns, so that each
// figure stays under its header: the table stage reads this reader's rows by position.
func TestReadGridSpan(t *testing.T) {
	span := func(n int, text string) string {
		return fmt.Sprintf(`<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>%s</w:tc>`, n, p(text))
	}
	body := tbl(
		tr(span(3, "科目编码"), tc(p("科目名称")), tc(p("合计")), tc(p("基本支出")), tc(p("项目支出"))),
		tr(tc(p("201")), tc(p()), tc(p()), tc(p("一般公共服务支出")), tc(p("300")), tc(p()), tc(p("300"))),
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>`+tc(p("03"))+tc(p("01"))+tc(p("行政运行"))+tc(p("100"))+tc(p("100"))+`</w:tr>`,
	)
	txt, err := Read(docx(t, body, ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"科目编码 |  |  | 科目名称 | 合计 | 基本支出 | 项目支出",
		"201 |  |  | 一般公共服务支出 | 300 |  | 300",
		"| 03 | 01 | 行政运行 | 100 | 100",
	} {
		if !strings.Contains("\n"+txt.Text+"\n", "\n"+w+"\n") {
			t.Errorf("no line %q in\n%s", w, txt.Text)
		}
	}
}
