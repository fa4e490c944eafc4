package review

import (
	"io"
	"strings"
	"testing"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// bigRecord is the seed's text n times over with one function-class fact for every fact
// of the seed in every copy: the shape of a 500-page document's page for n = 150.
func bigRecord(t testing.TB, n int) (*cnbudgetv1.Record, string) {
	rec, text := seedRecord(t)
	runes := int32(len([]rune(text)))
	big := &cnbudgetv1.Record{Document: rec.GetDocument(), Warnings: rec.GetWarnings()}
	var funcs []*cnbudgetv1.FunctionSpending
	seedFacts := build(rec, text)
	for i := 0; i < n; i++ {
		for _, fam := range seedFacts.Families {
			for _, f := range fam.Facts {
				if f.ID == "" {
					continue
				}
				start := int32(strings.Index(text, f.Quote))
				if start < 0 {
					continue
				}
				s := int32(len([]rune(text[:start]))) + int32(i)*runes
				funcs = append(funcs, &cnbudgetv1.FunctionSpending{Name: f.Key, Amount: &cnbudgetv1.Amount{Fen: 1, Span: &cnbudgetv1.Span{Start: s, End: s + int32(len([]rune(f.Quote))), Quote: f.Quote}}})
			}
		}
	}
	big.Expenditure = &cnbudgetv1.Expenditure{Functions: funcs}
	return big, strings.Repeat(text, n)
}

// TestLargeDocument renders a 150-seed document (about 550,000 characters and 6,700
// highlights, the size of a 500-page disclosure) and checks every highlight holds its
// quote: what a reviewer of a long document relies on.
func TestLargeDocument(t *testing.T) {
	rec, text := bigRecord(t, 150)
	v := build(rec, text)
	var sb strings.Builder
	if err := Write(&sb, rec, text); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, sb.String())
	n := 0
	for _, fam := range v.Families {
		for _, f := range fam.Facts {
			if f.ID != "" {
				n++
				if got := doc.highlighted(f.ID); got != f.Quote {
					t.Fatalf("%s: %q, want %q", f.ID, got, f.Quote)
				}
			}
		}
	}
	if n < 6000 {
		t.Errorf("only %d highlights", n)
	}
}

func BenchmarkWrite150Seeds(b *testing.B) {
	rec, text := bigRecord(b, 150)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if err := Write(io.Discard, rec, text); err != nil {
			b.Fatal(err)
		}
	}
}
