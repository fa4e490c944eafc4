package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract/source"
)

// TestDecodeBudget checks that the streams of a document decode to no more than its
// budget all together: a file whose every page names the same small Flate bomb has its
// first pages read, and the pages past the budget reported, not inflated.
func TestDecodeBudget(t *testing.T) {
	f := &cidFont{}
	content := "BT /F1 10 Tf 70 700 Td " + f.hex("收入预算") + " Tj ET\n" + strings.Repeat(" ", 1<<20)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(content))
	zw.Close()
	const pages = 5
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", 6+i)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
		stream("", f.cmap()),
	}
	for range pages {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 6+pages))
	}
	objs = append(objs, fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()))
	b := buildPDF(objs...)

	// Within a budget of 2.5 pages, two pages read whole and the others are reported.
	txt, err := Read(context.Background(), b, Options{maxDecoded: 5 << 19})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(txt.Text, "收入预算"); got < 2 {
		t.Errorf("text %q holds the pages' words %d times, want at least the first two pages'", txt.Text, got)
	}
	failed := map[int]bool{}
	for _, w := range txt.Warnings {
		if w.Code == source.PageFailed {
			failed[w.Page] = true
		}
	}
	for n := 1; n <= pages; n++ {
		if want := n > 2; failed[n] != want {
			t.Errorf("page %d reported failed: %v, want %v (warnings %+v)", n, failed[n], want, txt.Warnings)
		}
	}
	// With the default budget, every page reads.
	txt, err = Read(context.Background(), b, Options{})
	if err != nil || strings.Count(txt.Text, "收入预算") != pages || len(txt.Warnings) != 0 {
		t.Errorf("Read with the default budget = %v, %v", txt, err)
	}
}
