package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cnbudget/cnbudget/extract/record"
	"github.com/cnbudget/cnbudget/extract/source"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// seedText is the seed document as published, UTF-8 text; seedGold its golden flat form.
const (
	seedText = "../testdata/seed/000_01eaaa56c59ac9d2.txt"
	seedGold = "../testdata/seed/000_01eaaa56c59ac9d2.flat"
)

// seedVariant is the seed document in one of the forms it is published in, made by the
// producers county offices use (testdata/pdf/make.sh says how each was made).
type seedVariant struct {
	path      string
	mediaType string
	pages     bool // the format has pages, so every fact must cite one
}

var seedVariants = []seedVariant{
	{seedText, source.Plain, false},
	{"../testdata/pdf/seed-lo.pdf", source.PDF, true},             // LibreOffice, from the text
	{"../testdata/pdf/seed-lo-docx.pdf", source.PDF, true},        // LibreOffice, from seed-table.docx
	{"../testdata/pdf/seed-chrome.pdf", source.PDF, true},         // Chromium, WenQuanYi, plain paragraphs
	{"../testdata/pdf/seed-chrome-default.pdf", source.PDF, true}, // Chromium, default fonts (Type 3)
	{"../testdata/pdf/seed-chrome-wqy.pdf", source.PDF, true},     // Chromium, WenQuanYi, justified article with tables
	{"../testdata/docx/seed-table.docx", source.DOCX, false},      // Writer .docx with two tables
	{"../testdata/html/seed-portal-gbk.html", source.HTML, false}, // GBK portal page
}

// factLines returns rec's facts as key<TAB>value lines in the record's order.
func factLines(rec *cnbudgetv1.Record) []string {
	var out []string
	for _, f := range record.Facts(rec) {
		out = append(out, f.Key+"\t"+f.Value)
	}
	return out
}

// precisionRecall scores got against want as multisets of lines.
func precisionRecall(want, got []string) (precision, recall float64) {
	left := map[string]int{}
	for _, l := range want {
		left[l]++
	}
	hit := 0
	for _, l := range got {
		if left[l] > 0 {
			left[l]--
			hit++
		}
	}
	precision, recall = 1, 1
	if len(got) > 0 {
		precision = float64(hit) / float64(len(got))
	}
	if len(want) > 0 {
		recall = float64(hit) / float64(len(want))
	}
	return precision, recall
}

// TestSeedFormats is issue 4's proof that the record does not depend on the format: the
// seed as text, as PDFs printed by LibreOffice (from the text and from a .docx with
// tables) and by Chromium (default fonts and WenQuanYi), as that .docx and as a GBK
// portal page gives exactly the gold's facts, in the same order, whether or not the
// file's name says its format; and in the paged formats every fact cites the page its
// quote is printed on.
func TestSeedFormats(t *testing.T) {
	goldFlat, err := os.ReadFile(seedGold)
	if err != nil {
		t.Fatal(err)
	}
	gold := factSet(string(goldFlat))
	if len(gold) < 40 {
		t.Fatalf("%s holds only %d facts; is it the seed's gold?", seedGold, len(gold))
	}
	x := newExtractor(t)
	ctx := context.Background()

	content, err := os.ReadFile(seedText)
	if err != nil {
		t.Fatal(err)
	}
	textRec, err := x.Extract(ctx, Document{Name: filepath.Base(seedText), Content: content})
	if err != nil {
		t.Fatal(err)
	}
	want := factLines(textRec)

	for _, v := range seedVariants {
		t.Run(filepath.Base(v.path), func(t *testing.T) {
			content, err := os.ReadFile(v.path)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{filepath.Base(v.path), ""} {
				rec, err := x.Extract(ctx, Document{Name: name, Content: content})
				if err != nil {
					t.Fatalf("name %q: %v", name, err)
				}
				if mt := rec.GetDocument().GetMediaType(); mt != v.mediaType {
					t.Errorf("name %q: read as %s, want %s", name, mt, v.mediaType)
				}
				got := factLines(rec)
				sorted := append([]string(nil), got...)
				sort.Strings(sorted)
				if p, r := precisionRecall(gold, sorted); p != 1 || r != 1 {
					t.Errorf("name %q: precision %.3f, recall %.3f against the gold (- missed, + wrong or extra):\n%s",
						name, p, r, lineDiff(strings.Join(gold, "\n"), strings.Join(sorted, "\n")))
				} else if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("name %q: facts in another order than the text's:\n got %q\nwant %q", name, got, want)
				}
				if name == "" {
					continue
				}
				if v.pages {
					checkPages(t, v.path, rec)
				} else if n := rec.GetDocument().GetPages(); n != 0 {
					t.Errorf("%d pages for a format without pages", n)
				}
			}
		})
	}
}

// checkPages checks that rec has as many pages as poppler's pdftotext finds (the
// NAME.pdftotext.txt beside the PDF, pages separated by form feeds) and that every
// fact's quote is printed on the page its span names: it must start on that page,
// though it may run on to the next.
func checkPages(t *testing.T, pdfPath string, rec *cnbudgetv1.Record) {
	t.Helper()
	oracle, err := os.ReadFile(strings.TrimSuffix(pdfPath, ".pdf") + ".pdftotext.txt")
	if err != nil {
		t.Fatalf("no pdftotext oracle (run testdata/pdf/make.sh): %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(oracle), "\f"), "\f")
	for i := range pages {
		pages[i] = fold(pages[i])
	}
	if n := int(rec.GetDocument().GetPages()); n != len(pages) {
		t.Errorf("%d pages, pdftotext finds %d", n, len(pages))
	}
	for _, f := range record.Facts(rec) {
		sp := f.Span
		p := int(sp.GetPage())
		if p < 1 || p > len(pages) {
			t.Errorf("%s = %s: page %d is not one of the document's %d pages", f.Key, f.Value, p, len(pages))
			continue
		}
		q := fold(sp.GetQuote())
		if q == "" {
			t.Errorf("%s = %s: empty quote", f.Key, f.Value)
			continue
		}
		if !startsOn(q, pages, p-1) {
			t.Errorf("%s = %s: quote %q is not printed from page %d%s", f.Key, f.Value, sp.GetQuote(), p, whereElse(q, pages))
		}
	}
}

// startsOn reports whether q occurs in the pages' text starting on page i (0-based),
// possibly running on to page i+1.
func startsOn(q string, pages []string, i int) bool {
	s := pages[i]
	if i+1 < len(pages) {
		s += pages[i+1]
	}
	for off := 0; ; {
		j := strings.Index(s[off:], q)
		if j < 0 {
			return false
		}
		if off+j < len(pages[i]) {
			return true
		}
		off += j + 1
	}
}

// whereElse says on which pages q starts instead, for the failure message.
func whereElse(q string, pages []string) string {
	var on []string
	for i := range pages {
		if startsOn(q, pages, i) {
			on = append(on, fmt.Sprint(i+1))
		}
	}
	if len(on) == 0 {
		return " (nor from any other page)"
	}
	return " (it is from page " + strings.Join(on, ", ") + ")"
}

// fold makes the normalised text and pdftotext's comparable: compatibility forms folded
// (full-width digits and punctuation) and all white space dropped, since the two place
// line breaks and spaces differently.
func fold(s string) string {
	s = norm.NFKC.String(s)
	var b bytes.Buffer
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '|' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
