package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"flag"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
	"github.com/cnbudget/cnbudget/extract/xlsx/xlsxtest"
)

var update = flag.Bool("update", false, "rewrite testdata/xlsx: the workbooks and their golden text")

// fixtures is the project's folder of .xlsx fixtures.
const fixtures = "../../testdata/xlsx"

// county returns the county budget workbook of xlsxtest as bytes.
func county(t testing.TB) []byte {
	t.Helper()
	return workbook(t, xlsxtest.CountyBudget())
}

func workbook(t testing.TB, sheets []xlsxtest.Sheet) []byte {
	t.Helper()
	f, err := xlsxtest.Build(sheets)
	if err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustRead(t testing.TB, b []byte) *source.Text {
	t.Helper()
	got, err := Read(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestCountyGolden reads the county budget workbook, built now and as committed in
// testdata/xlsx, and compares the text with the golden file, which a person checked.
func TestCountyGolden(t *testing.T) {
	b := county(t)
	golden := filepath.Join(fixtures, "county_budget.golden")
	committed := filepath.Join(fixtures, "county_budget.xlsx")
	got := mustRead(t, b)
	if *update {
		if err := os.WriteFile(committed, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != string(want) {
		t.Errorf("text of the built workbook differs from %s (go test ./extract/xlsx -update rewrites it):\n%s", golden, got.Text)
	}
	cb, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if fromFile := mustRead(t, cb); fromFile.Text != string(want) {
		t.Errorf("text of %s differs from %s: the generator changed; run with -update", committed, golden)
	}
	if got.MediaType != source.XLSX || got.Encoding != "utf-8" {
		t.Errorf("media type %q encoding %q", got.MediaType, got.Encoding)
	}
}

// TestCountyShape checks what the table stage and the fact rules rely on.
func TestCountyShape(t *testing.T) {
	got := mustRead(t, county(t))
	lines := strings.Split(got.Text, "\n")
	has := func(line string) bool {
		for _, l := range lines {
			if l == line {
				return true
			}
		}
		return false
	}
	for _, l := range []string{
		"2024年部门支出总表",                          // a merged title: a plain line
		"编制部门：青禾县水利局 单位：元",                     // heading cells: a plain line
		"科目编码 |  |  | 科目名称 | 合计 | 基本支出 | 项目支出", // merged header: text in its top-left cell, empty cells kept
		"类 | 款 | 项",
		"|  |  | 合计 | 2799450 | 2199450 | 600000",            // leading empty cells kept
		"208 | 05 | 05 | 机关事业单位基本养老保险缴费支出 | 312400 | 312400", // 款 and 项 stored as 5 with format 00
		"| 11 |  | 行政事业单位医疗 | 98760 | 98760",                 // a 款 alone
		"213 | 03 | 06 | 水利工程运行与维护 | 600000 |  | 600000",     // an empty interior cell
		"302 | 商品和服务支出 | 293020.5 |  | 293020.5",             // a formula's cached value
		"30299 | 其他商品和服务支出 | 68020.5 |  | 68020.5",           // 68020.50000000001 shown as #,##0.00
		"60000 | 0 | 12000 | 48000 | 0 | 48000",              // a printed 0 stays
		"| 合计",                                               // an empty table's total row stays in its column
		"本部门行政编制12名，实有11人；事业编制20名，实有18人。离退休人员9人，其中退休8人，离休1人。",
		"2024年“三公”经费预算60,000.00元，其中：因公出国（境）费0元，公务接待费12,000.00元，公务用车购置及运行维护费48,000.00元（公务用车购置费0元，公务用车运行维护费48,000.00元）。",
	} {
		if !has(l) {
			t.Errorf("no line %q", l)
		}
	}
	for _, s := range []string{"不应读出", "999999.99", "2080506", "职业年金"} {
		if strings.Contains(got.Text, s) {
			t.Errorf("text holds %q from a hidden sheet or row", s)
		}
	}
	// Eleven visible sheets, each a page; the hidden one is none.
	if len(got.Pages) != 11 {
		t.Fatalf("pages %v, want 11", got.Pages)
	}
	for title, page := range map[string]int{"青禾县水利局": 1, "2024年部门支出总表": 5, "2024年一般公共预算“三公”经费支出表": 11} {
		i := strings.Index(got.Text, title)
		if p := got.PageAt(i); i < 0 || p != page {
			t.Errorf("%s on page %d, want %d", title, p, page)
		}
	}
}

// TestFormulaFixture checks that the fixture holds what it claims: a formula with a
// cached value, and a float with binary error.
func TestFormulaFixture(t *testing.T) {
	z, err := zip.NewReader(bytes.NewReader(county(t)), int64(len(county(t))))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			rc, _ := f.Open()
			io.Copy(&all, rc)
			rc.Close()
		}
	}
	for _, s := range []string{"<f>SUM(C14:C22)</f><v>293020.5</v>", "68020.50000000001"} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("the workbook's sheets lack %q", s)
		}
	}
}

func TestCellValue(t *testing.T) {
	for _, c := range []struct{ raw, shown, want string }{
		{"2976800", "2,976,800.00", "2976800"},
		{"1234.5000000001", "1,234.50", "1234.5"},                 // format shows 2 decimals: the binary error goes
		{"1234.5000000001", "1234.5000000001", "1234.5000000001"}, // General: 15 significant digits, as Excel
		{"0.30000000000000004", "0.3", "0.3"},
		{"1234.567", "1,235", "1234.57"},     // the stored value, not the shown one
		{"1234.567", "1234.567", "1234.567"}, // format shows 3 decimals
		{"-1234.5", "(1,234.50)", "-1234.5"}, // accounting negatives
		{"2.9768E6", "2976800", "2976800"},   // stored with an exponent
		{"2976800", "2.98E+06", "2976800"},   // shown with one
		{"1E-7", "0.00", "0"},
		{"-0.001", "-0.00", "0"},
		{"12345678901234567890", "1.23457E+19", "12345678901234567890"},
		{"6", "06", "06"},                     // a code with format 00
		{"0.125", "12.50%", "12.50%"},         // a ratio as shown
		{"45306", "2024-01-15", "2024-01-15"}, // a date as shown
		{"45306", "2024年1月", "2024年1月"},
		{"行政运行", "行政运行", "行政运行"},
		{"06", "06", "06"}, // a code stored as text
		{"#DIV/0!", "#DIV/0!", "#DIV/0!"},
		{"5", "5元", "5"},
		{"1234.5", "¥1,234.50", "1234.5"},
	} {
		if got := cellValue(c.raw, c.shown); got != c.want {
			t.Errorf("cellValue(%q, %q) = %q, want %q", c.raw, c.shown, got, c.want)
		}
	}
}

// TestMergedCovered checks that a merged cell's text is its top-left cell's, even when
// the file stores values in the other cells too.
func TestMergedCovered(t *testing.T) {
	b := workbook(t, []xlsxtest.Sheet{{Name: "S", Rows: [][]any{
		{"2024年部门收支总表", "重复的标题", "重复的标题"},
		{"收入", "收入", "支出", "支出"},
		{"项目", "预算数", "项目", "预算数"},
		{"合计", 5, "合计", 5},
	}, Merges: [][2]string{{"A1", "C1"}, {"A2", "B2"}, {"C2", "D2"}}}})
	got := mustRead(t, b).Text
	want := "2024年部门收支总表\n收入 |  | 支出\n项目 | 预算数 | 项目 | 预算数\n合计 | 5 | 合计 | 5\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTextCells(t *testing.T) {
	b := workbook(t, []xlsxtest.Sheet{{Name: "S", Rows: [][]any{
		{"一、主要职能\n负责全县水利工作。\r\n二、机构设置"},
		{"科目名称", "合计", "基本支出"},
		{"一般公共服务支\n出", "1|2", 3},
		{nil, nil, "人员经费"},
	}}})
	got := mustRead(t, b).Text
	want := "一、主要职能\n负责全县水利工作。\n二、机构设置\n科目名称 | 合计 | 基本支出\n一般公共服务支出 | 1｜2 | 3\n|  | 人员经费\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestSniff(t *testing.T) {
	b := county(t)
	for _, name := range []string{"", "budget.bin", "budget.docx"} {
		if mt := source.Sniff(b, name, ""); mt != source.XLSX {
			t.Errorf("Sniff(workbook, %q) = %s", name, mt)
		}
	}
	xls := ole("Workbook")
	if mt := source.Sniff(xls, "", ""); mt != source.XLS {
		t.Errorf("Sniff(.xls) = %s", mt)
	}
	if mt := source.Sniff(ole("EncryptedPackage"), "book.xlsx", ""); mt != source.XLSX {
		t.Errorf("Sniff(encrypted book.xlsx) = %s", mt)
	}
}

// ole returns the start of an OLE compound file naming one stream.
func ole(stream string) []byte {
	b := append([]byte{}, oleMagic...)
	b = append(b, make([]byte, 504)...)
	return append(b, utf16le(stream)...)
}

// pack returns a zip package of the named parts, in order, stored (generating big
// test workbooks is then cheap; the reader inflates deflated parts in the other tests).
func pack(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: parts[i], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	ctypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	wbXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetOpen  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetClose = `</sheetData></worksheet>`
)

// book returns a one-sheet workbook with the sheet data rows and the shared strings
// part sst ("" for none).
func book(t testing.TB, rows, sst string) []byte {
	parts := []string{"[Content_Types].xml", ctypes, "_rels/.rels", rootRels, "xl/workbook.xml", wbXML,
		"xl/_rels/workbook.xml.rels", wbRels, "xl/worksheets/sheet1.xml", sheetOpen + rows + sheetClose}
	if sst != "" {
		parts = append(parts, "xl/sharedStrings.xml", sst)
	}
	return pack(t, parts...)
}

const sstOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

func TestHandmade(t *testing.T) {
	got := mustRead(t, book(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1234.5</v></c></row><row r="3" hidden="1"><c r="A3" t="inlineStr"><is><t>隐藏行</t></is></c></row><row r="4"><c r="B4" t="inlineStr"><is><t>科目</t></is></c><c r="C4" t="inlineStr"><is><t>合计</t></is></c><c r="D4"><f>C1*2</f><v>2469</v></c></row>`,
		sstOpen+`<si><t>项目</t></si></sst>`))
	if want := "项目 |  | 1234.5\n| 科目 | 合计 | 2469\n"; got.Text != want {
		t.Errorf("got %q, want %q", got.Text, want)
	}
}

// kindOf returns the fail kind of err, or -1 when err is not a *fail.Error.
func kindOf(err error) fail.Kind {
	var fe *fail.Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return -1
}

// TestBad checks that each kind of bad workbook gets its typed error, fast.
func TestBad(t *testing.T) {
	cases := []struct {
		name string
		b    []byte
		kind fail.Kind
		msg  string
	}{
		{"empty", nil, fail.Empty, ""},
		{"legacy xls", ole("Workbook"), fail.Unsupported, "legacy .xls is not supported; save it as .xlsx"},
		{"encrypted", ole("EncryptedPackage"), fail.Encrypted, "password-protected"},
		{"not zip", []byte("hello"), fail.Unsupported, ""},
		{"truncated zip", county(t)[:2000], fail.Damaged, ""},
		{"zip, no workbook", pack(t, "word/document.xml", "<w:document/>"), fail.Unsupported, "not an Excel workbook"},
		{"broken shared strings", book(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, sstOpen+`<si><t>项目</t></si><si><t>未完`), fail.Damaged, ""},
		{"broken sheet", pack(t, "[Content_Types].xml", ctypes, "_rels/.rels", rootRels, "xl/workbook.xml", wbXML,
			"xl/_rels/workbook.xml.rels", wbRels, "xl/worksheets/sheet1.xml", sheetOpen+`<row r="1"><c r="A1"><v>1`), fail.Empty, ""},
		{"no text", book(t, "", ""), fail.Empty, ""},
		{"column past XFD", book(t, `<row r="1"><c r="XFE1" t="inlineStr"><is><t>x</t></is></c></row>`, ""), fail.Damaged, ""},
		{"row past 1048576", book(t, `<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>`, ""), fail.TooLarge, ""},
	}
	for _, c := range cases {
		start := time.Now()
		got, err := Read(context.Background(), c.b)
		if err == nil {
			t.Errorf("%s: no error; text %q", c.name, got.Text)
			continue
		}
		if k := kindOf(err); k != c.kind {
			t.Errorf("%s: %v (kind %v), want kind %v", c.name, err, k, c.kind)
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %q does not say %q", c.name, err, c.msg)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", c.name, d)
		}
	}
}

// TestSharedStringIndex checks that a cell pointing past the shared strings reads as
// empty rather than failing the workbook or panicking.
func TestSharedStringIndex(t *testing.T) {
	got := mustRead(t, book(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>99</v></c><c r="C1" t="s"><v>-1</v></c><c r="D1"><v>7</v></c></row>`, sstOpen+`<si><t>项目</t></si></sst>`))
	if want := "项目 |  |  | 7\n"; got.Text != want {
		t.Errorf("got %q, want %q", got.Text, want)
	}
}

// deflated returns n bytes of s repeated, deflated.
func deflated(t testing.TB, s string, n int) ([]byte, uint32) {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	crc := crc32.NewIEEE()
	chunk := []byte(strings.Repeat(s, (64<<10)/len(s)))
	for left := n; left > 0; left -= len(chunk) {
		c := chunk[:min(len(chunk), left)]
		w.Write(c)
		crc.Write(c)
	}
	w.Close()
	return buf.Bytes(), crc.Sum32()
}

// bombs caches the deflated sheet of bomb by size.
var bombs = map[int]struct {
	data []byte
	crc  uint32
}{}

// bomb returns a workbook whose sheet inflates to n bytes, declaring declared.
func bomb(t testing.TB, n int, declared uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{{"[Content_Types].xml", ctypes}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", wbXML}, {"xl/_rels/workbook.xml.rels", wbRels}} {
		w, _ := zw.Create(p[0])
		io.WriteString(w, p[1])
	}
	z, ok := bombs[n]
	if !ok {
		z.data, z.crc = deflated(t, " ", n)
		bombs[n] = z
	}
	data, crc := z.data, z.crc
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc, CompressedSize64: uint64(len(data)), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

func TestZipBomb(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		kind fail.Kind
	}{
		{"honest", bomb(t, 80<<20, 80<<20), fail.TooLarge},
		{"declares less", bomb(t, 80<<20, 1000), fail.Damaged}, // archive/zip stops at the declared size
		{"declares 0", bomb(t, 80<<20, 0), fail.Damaged},
	} {
		start := time.Now()
		_, err := Read(context.Background(), c.b)
		if k := kindOf(err); k != c.kind {
			t.Errorf("%s (%d bytes): %v, want kind %v", c.name, len(c.b), err, c.kind)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: took %v", c.name, d)
		}
	}
	// Within the declared limit but over a smaller one: checked while inflating.
	_, err := read(context.Background(), bomb(t, 4<<20, 4<<20), limits{uncompressed: 1 << 20, parts: 100, rows: 10, cells: 10, text: 1000, steps: 10})
	if kindOf(err) != fail.TooLarge {
		t.Errorf("4 MiB against 1 MiB: %v", err)
	}
}

// rowsXML returns n rows, each with the cells cell writes for its row number.
func rowsXML(n int, cell func(b []byte, r int) []byte) string {
	b := make([]byte, 0, n*40)
	for r := 1; r <= n; r++ {
		b = append(b, `<row r="`...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `">`...)
		b = cell(b, r)
		b = append(b, `</row>`...)
	}
	return string(b)
}

// numberCell appends a number cell in column col of row r.
func numberCell(b []byte, col string, r, v int) []byte {
	b = append(b, `<c r="`+col...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, `"><v>`...)
	b = strconv.AppendInt(b, int64(v), 10)
	return append(b, `</v></c>`...)
}

// timed runs read with the default limits, or under the race detector with lim, and
// fails when it takes over d.
func timed(t *testing.T, b []byte, lim limits, d time.Duration) error {
	t.Helper()
	if !raceEnabled {
		lim = defaults
	} else {
		d *= 5 // the speed is asserted without the race detector
	}
	start := time.Now()
	_, err := read(context.Background(), b, lim)
	if took := time.Since(start); took > d {
		t.Errorf("took %v", took)
	}
	return err
}

func TestMillionRows(t *testing.T) {
	b := book(t, rowsXML(1_000_000, func(b []byte, r int) []byte { return numberCell(b, "A", r, r) }), "")
	lim := defaults
	lim.rows = 5000
	err := timed(t, b, lim, 5*time.Second)
	if kindOf(err) != fail.TooLarge || !strings.Contains(err.Error(), "rows") {
		t.Errorf("a million rows: %v", err)
	}
	// A million rows stepped over, one of them filled: bounded too.
	lim.steps = 1000
	_, err = read(context.Background(), book(t, `<row r="1048576"><c r="A1048576"><v>1</v></c></row>`, ""), lim)
	if kindOf(err) != fail.TooLarge {
		t.Errorf("row 1048576 with 1000 steps allowed: %v", err)
	}
}

func TestWideRows(t *testing.T) {
	// The first and the last of Excel's 16,384 columns: every column kept.
	got := mustRead(t, book(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>左</t></is></c><c r="XFD1" t="inlineStr"><is><t>右</t></is></c></row>`, ""))
	if n := strings.Count(got.Text, " | "); n != 16383 {
		t.Errorf("%d separators, want 16383", n)
	}
	// Many such rows: bounded by the text limit.
	n := 2000
	if raceEnabled {
		n = 100
	}
	rows := rowsXML(n, func(b []byte, r int) []byte { return numberCell(numberCell(b, "A", r, 1), "XFD", r, 2) })
	lim := defaults
	lim.text = 1 << 20
	if err := timed(t, book(t, rows, ""), lim, 5*time.Second); kindOf(err) != fail.TooLarge {
		t.Errorf("%d rows of 16384 columns: %v", n, err)
	}
}

func TestManyParts(t *testing.T) {
	parts := []string{"[Content_Types].xml", ctypes, "_rels/.rels", rootRels, "xl/workbook.xml", wbXML,
		"xl/_rels/workbook.xml.rels", wbRels, "xl/worksheets/sheet1.xml", sheetOpen + sheetClose}
	for i := 0; i < MaxParts; i++ {
		parts = append(parts, "xl/media/x"+strconv.Itoa(i)+".bin", "")
	}
	if _, err := Read(context.Background(), pack(t, parts...)); kindOf(err) != fail.TooLarge {
		t.Errorf("%d parts: %v", MaxParts+5, err)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, county(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

func TestRawOption(t *testing.T) {
	// The reader's numbers do not depend on excelize's defaults: a workbook opened
	// with RawCellValue gives the stored value that Read writes.
	f, err := excelize.OpenReader(bytes.NewReader(county(t)), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.GetCellValue("表6 一般公共预算基本支出表", "C22")
	if err != nil || v != "68020.50000000001" {
		t.Errorf("stored value %q, %v", v, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(county(f))
	f.Add(book(f, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, sstOpen+`<si><t>项目</t></si></sst>`))
	f.Add(ole("Workbook"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := read(context.Background(), b, limits{uncompressed: 4 << 20, parts: 200, rows: 2000, cells: 20000, text: 1 << 20, steps: 100000})
		if err != nil {
			if kindOf(err) < 0 {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if len(got.Pages) == 0 || got.Pages[0] != 0 {
			t.Fatalf("pages %v", got.Pages)
		}
	})
}
