package checks_test

import (
	"context"
	"os"
	"testing"

	"github.com/cnbudget/cnbudget/extract/checks"
	"github.com/cnbudget/cnbudget/extract/decode"
	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/normalize"
)

// BenchmarkCheckSeed measures the arithmetic checks and unit repair on the seed's facts
// (the seed has a unit to repair, so the repair search runs too).
func BenchmarkCheckSeed(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/seed/000_01eaaa56c59ac9d2.txt")
	if err != nil {
		b.Fatal(err)
	}
	src, err := decode.Read(raw)
	if err != nil {
		b.Fatal(err)
	}
	d := facts.NewDoc(normalize.New(src.Text).String())
	fs, _ := facts.Extract(context.Background(), d)
	if _, ws, _ := checks.Check(context.Background(), fs, d.Header.Kind); len(ws) == 0 {
		b.Fatal("the seed's unit repair is gone: this benchmark no longer measures a repair")
	}
	b.ReportAllocs()
	for b.Loop() {
		checks.Check(context.Background(), fs, d.Header.Kind)
	}
}
