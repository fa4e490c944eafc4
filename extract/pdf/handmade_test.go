package pdf

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// buildPDF writes a PDF file whose object n is objs[n-1]; object 1 is the catalog.
func buildPDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// stream writes a stream object with dictionary entries extra.
func stream(extra, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// cidFont gives each character of the texts it shows a two-byte code of an Identity-H
// font, and writes the font's ToUnicode CMap, mapping codes to uni (default: the
// character itself).
type cidFont struct {
	codes map[rune]int
	order []rune
	uni   map[rune]string
}

func (f *cidFont) hex(s string) string {
	if f.codes == nil {
		f.codes = map[rune]int{}
	}
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		c, ok := f.codes[r]
		if !ok {
			c = len(f.order) + 1
			f.codes[r] = c
			f.order = append(f.order, r)
		}
		fmt.Fprintf(&b, "%04X", c)
	}
	b.WriteByte('>')
	return b.String()
}

func (f *cidFont) cmap() string {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&b, "%d beginbfchar\n", len(f.order))
	for i, r := range f.order {
		u := string(r)
		if s, ok := f.uni[r]; ok {
			u = s
		}
		fmt.Fprintf(&b, "<%04X> <%s>\n", i+1, utf16Hex(u))
	}
	b.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	return b.String()
}

func utf16Hex(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3ff))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String()
}

// onePage builds a one-page PDF whose content is made by content, which shows text
// with the Identity-H font F1 (through the hex function it is given). Every glyph is
// 1000 units (one em) wide. extraRes adds to the page's resources; extraObjs are
// objects 8 onwards.
func onePage(content func(hex func(string) string) string, f *cidFont, extraRes string, extraObjs ...string) []byte {
	if f == nil {
		f = &cidFont{}
	}
	c := content(f.hex)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> " + extraRes + " >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		stream("", c),
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
		stream("", f.cmap()),
	}
	return buildPDF(append(objs, extraObjs...)...)
}

func TestLayoutHandmade(t *testing.T) {
	tests := []struct {
		name    string
		content func(h func(string) string) string
		uni     map[rune]string
		res     string
		objs    []string
		want    string
	}{
		{
			name: "runs drawn right to left come out left to right",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 1 0 0 1 150 700 Tm " + h("154.79万元") + " Tj ET " +
					"BT /F1 10 Tf 1 0 0 1 70 700 Tm " + h("一般公共预算拨款") + " Tj ET"
			},
			want: "一般公共预算拨款154.79万元\n",
		},
		{
			name: "lines drawn bottom first come out top first",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 600 Td " + h("二、支出") + " Tj 0 100 Td " + h("一、收入") + " Tj ET"
			},
			want: "一、收入\n二、支出\n",
		},
		{
			name: "wide gaps are table cells",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("科目") + " Tj 100 0 Td " + h("合计") + " Tj 100 0 Td " + h("38.27") + " Tj ET"
			},
			want: "科目 | 合计 | 38.27\n",
		},
		{
			name: "a ruling line between close runs is a cell boundary",
			content: func(h func(string) string) string {
				return "0.5 w 93 690 m 93 720 l S BT /F1 10 Tf 70 700 Td " + h("支出") + " Tj 25 0 Td " + h("12.35") + " Tj ET"
			},
			want: "支出 | 12.35\n",
		},
		{
			name: "TJ adjustments move glyphs",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td [" + h("科目") + " -10000 " + h("合计") + "] TJ ET"
			},
			want: "科目 | 合计\n",
		},
		{
			name: "a paragraph broken by the page width is joined, inside a number too",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 12 TL 70 700 Td " + h("收入预算：一般公共预算拨款154.") + " Tj T* " + h("79万元，其中") + " Tj T* " +
					h("（一）基本支出") + " Tj ET"
			},
			want: "收入预算：一般公共预算拨款154.79万元，其中\n（一）基本支出\n",
		},
		{
			name: "an indented line starts a paragraph",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("第一段第一行写满了整个页面的宽度为止") + " Tj 20 -12 Td " + h("第二段") + " Tj ET"
			},
			want: "第一段第一行写满了整个页面的宽度为止\n第二段\n",
		},
		{
			name: "a page turned by cm reads in order",
			content: func(h func(string) string) string {
				return "q 0 1 -1 0 595 0 cm BT /F1 10 Tf 70 300 Td " + h("住房保障") + " Tj ET BT /F1 10 Tf 110 300 Td " + h("支出") + " Tj ET Q"
			},
			want: "住房保障支出\n",
		},
		{
			name: "a flipped page and text matrix, as Chromium writes",
			content: func(h func(string) string) string {
				return "1 0 0 -1 0 842 cm BT /F1 10 Tf 1 0 0 -1 70 100 Tm " + h("第一行") + " Tj 0 -12 Td " + h("第二行") + " Tj ET"
			},
			want: "第一行\n第二行\n",
		},
		{
			name: "ActualText replaces the glyphs it marks",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("职") + " Tj /Span << /ActualText <FEFF5DE5> >> BDC " + h("?") + " Tj EMC " + h("作") + " Tj ET"
			},
			want: "职工作\n",
		},
		{
			name: "CJK radical look-alikes become the ordinary characters",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("部A经费") + " Tj ET"
			},
			uni:  map[rune]string{'A': "\u2ED4"}, // ⻔, as Chromium maps 门
			want: "部门经费\n",
		},
		{
			name: "characters beyond the BMP decode from surrogate pairs",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("X字") + " Tj ET"
			},
			uni:  map[rune]string{'X': "\U00020000"},
			want: "\U00020000字\n",
		},
		{
			name: "text drawn twice for bold comes out once",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("标题") + " Tj ET BT /F1 10 Tf 70.4 700 Td " + h("标题") + " Tj ET"
			},
			want: "标题\n",
		},
		{
			name: "text in a Form XObject",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("表外") + " Tj ET q 1 0 0 1 0 -100 cm /X1 Do Q"
			},
			res:  "/XObject << /X1 8 0 R >>",
			objs: []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>", "BT /F1 10 Tf 70 700 Td <0001> Tj ET")},
			want: "表外\n表\n",
		},
		{
			name: "an inline image's binary data is skipped",
			content: func(h func(string) string) string {
				return "BT /F1 10 Tf 70 700 Td " + h("前") + " Tj ET BI /W 2 /H 1 /BPC 8 /CS /G ID \x28\x29(] EI " +
					"BT /F1 10 Tf 80 700 Td " + h("后") + " Tj ET"
			},
			want: "前后\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &cidFont{uni: tc.uni}
			b := onePage(tc.content, f, tc.res, tc.objs...)
			got, err := Read(context.Background(), b, Options{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got.Text != tc.want {
				t.Errorf("text\n%q\nwant\n%q", got.Text, tc.want)
			}
		})
	}
}

func TestGarbled(t *testing.T) {
	t.Run("no Unicode map on any page", func(t *testing.T) {
		b := buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
			stream("", "BT /F1 10 Tf 70 700 Td <0001000200030004000500060007> Tj ET"),
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 >>",
		)
		_, err := Read(context.Background(), b, Options{})
		if fail.KindOf(err) != fail.Garbled {
			t.Errorf("err = %v, want GARBLED", err)
		}
	})
	t.Run("one page of two", func(t *testing.T) {
		f := &cidFont{}
		good := f.hex("一般公共预算拨款154.79万元")
		b := buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
			stream("", "BT /F1 10 Tf 70 700 Td "+good+" Tj ET"),
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 >>",
			stream("", f.cmap()),
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F2 9 0 R >> >> /Contents 10 0 R >>",
			"<< /Type /Font /Subtype /Type0 /BaseFont /Y /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
			stream("", "BT /F2 10 Tf 70 700 Td <0101020203030404050506060707> Tj ET"),
		)
		got, err := Read(context.Background(), b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != "一般公共预算拨款154.79万元\n" {
			t.Errorf("text %q", got.Text)
		}
		if len(got.Pages) != 2 || len(got.Warnings) != 1 || got.Warnings[0].Code != source.GarbledText || got.Warnings[0].Page != 2 {
			t.Errorf("pages %v, warnings %v; want a garbled warning for page 2", got.Pages, got.Warnings)
		}
	})
}

func TestGBKEncodedFont(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("住房保障支出17.24万元")
	if err != nil {
		t.Fatal(err)
	}
	b := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>",
		stream("", fmt.Sprintf("BT /F1 10 Tf 70 700 Td <%X> Tj ET", gbk)),
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /DW 1000 >>",
	)
	got, err := Read(context.Background(), b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if squash(got.Text).s != "住房保障支出17.24万元" {
		t.Errorf("text %q", got.Text)
	}
}

func TestDamagedStructure(t *testing.T) {
	f := &cidFont{}
	content := "BT /F1 10 Tf 70 700 Td " + f.hex("预算") + " Tj ET"
	tests := []struct {
		name string
		b    []byte
		want fail.Kind // Internal: text must be read
	}{
		{"cyclic page tree", buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>",
		), fail.Damaged},
		{"no pages", buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [] /Count 0 >>",
		), fail.Damaged},
		{"pages not a dictionary", buildPDF("<< /Type /Catalog /Pages 7 >>"), fail.Damaged},
		{"page without contents", buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R >>",
		), fail.Empty},
		{"unknown filter", buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
			stream("/Filter /NoSuchDecode", "xx"),
		), fail.Damaged},
		{"junk before the header and after %%EOF", append(append([]byte("garbage\r\n"),
			onePage(func(func(string) string) string { return content }, f, "")...), []byte(strings.Repeat("\x00", 300))...), fail.Internal},
		{"xref Prev cycle, which the library follows forever", prevCycle(onePage(func(func(string) string) string { return content }, f, "")), fail.Internal},
		{"PDF 2.0 header", []byte(strings.Replace(string(onePage(func(func(string) string) string { return content }, f, "")), "%PDF-1.7", "%PDF-2.0", 1)), fail.Internal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got, err := Read(context.Background(), tc.b, Options{})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if tc.want == fail.Internal {
				if err != nil || got.Text != "预算\n" {
					t.Errorf("Read = %v, %v; want the text", got, err)
				}
				return
			}
			var fe *fail.Error
			if !errors.As(err, &fe) || fe.Kind != tc.want {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// prevCycle makes the trailer of b name its own cross-reference table as /Prev.
func prevCycle(b []byte) []byte {
	s := string(b)
	at := strings.LastIndex(s, "\nxref") + 1
	return []byte(strings.Replace(s, "/Root 1 0 R >>", fmt.Sprintf("/Root 1 0 R /Prev %d >>", at), 1))
}
