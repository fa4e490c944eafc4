package extract

import (
	"context"
	"os"
	"testing"

	"github.com/cnbudget/cnbudget/extract/record"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/google/go-cmp/cmp"
)

// TestExtractText checks what the review page relies on: ExtractText returns the same
// record as Extract, and every span's rune offsets cut its quote out of the text returned.
func TestExtractText(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../testdata/seed/000_01eaaa56c59ac9d2.txt", "../testdata/pdf/seed-lo.pdf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc := Document{Name: name, Content: b}
		want, err := x.Extract(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		rec, text, err := x.ExtractText(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, rec, protocmp.Transform()); d != "" {
			t.Errorf("%s: ExtractText's record differs from Extract's (-want +got):\n%s", name, d)
		}
		runes := []rune(text)
		if got := int(rec.GetDocument().GetTextRunes()); got != len(runes) {
			t.Errorf("%s: text has %d runes, the record says %d", name, len(runes), got)
		}
		facts := record.Facts(rec)
		if len(facts) == 0 {
			t.Fatalf("%s: no facts", name)
		}
		for _, f := range facts {
			sp := f.Span
			if sp == nil || sp.GetStart() < 0 || sp.GetEnd() > int32(len(runes)) || sp.GetStart() > sp.GetEnd() {
				t.Errorf("%s: %s: span %v outside the text", name, f.Key, sp)
				continue
			}
			if got := string(runes[sp.GetStart():sp.GetEnd()]); got != sp.GetQuote() {
				t.Errorf("%s: %s: text[%d:%d] = %q, quote %q", name, f.Key, sp.GetStart(), sp.GetEnd(), got, sp.GetQuote())
			}
		}
	}
	if _, text, err := x.ExtractText(context.Background(), Document{Content: []byte{0, 1, 2, 3}}); err == nil || text != "" {
		t.Errorf("binary input: err %v, text %q; want an error and no text", err, text)
	}
}
