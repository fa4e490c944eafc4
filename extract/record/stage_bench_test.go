package record_test

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/cnbudget/cnbudget/extract/checks"
	"github.com/cnbudget/cnbudget/extract/decode"
	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/normalize"
	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// seedInput returns the record.Input the extractor builds for the seed.
func seedInput(b *testing.B) record.Input {
	b.Helper()
	raw, err := os.ReadFile("../../testdata/seed/000_01eaaa56c59ac9d2.txt")
	if err != nil {
		b.Fatal(err)
	}
	src, err := decode.Read(raw)
	if err != nil {
		b.Fatal(err)
	}
	text := normalize.New(src.Text).String()
	d := facts.NewDoc(text)
	fs, _ := facts.Extract(context.Background(), d)
	fs, ws, _ := checks.Check(context.Background(), fs, d.Header.Kind)
	return record.Input{
		Document: &cnbudgetv1.DocumentInfo{Name: "seed.txt", MediaType: src.MediaType, Size: int64(len(raw)), Encoding: src.Encoding},
		Text:     text, Facts: fs, Warnings: ws, Version: "bench",
	}
}

// BenchmarkBuildSeed measures building the seed's protobuf record from its facts.
func BenchmarkBuildSeed(b *testing.B) {
	in := seedInput(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := record.Build(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFlatSeed measures writing the seed's record as flat key<TAB>value
// lines, what `cnbudget extract --format flat` prints.
func BenchmarkWriteFlatSeed(b *testing.B) {
	rec, err := record.Build(seedInput(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := record.WriteFlat(io.Discard, rec); err != nil {
			b.Fatal(err)
		}
	}
}
