package pdf

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
)

// benchFixtures are the producers' PDFs the benchmarks read.
var benchFixtures = []string{"lo-txt.pdf", "lo-docx.pdf", "chrome-default.pdf", "chrome-wqy.pdf", "seed-lo.pdf", "seed-chrome.pdf"}

func BenchmarkRead(b *testing.B) {
	for _, name := range benchFixtures {
		data := readFixture(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(context.Background(), data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPdftotext runs poppler's pdftotext as a whole process on the same files, for
// comparison with BenchmarkRead (it skips where poppler-utils is not installed):
//
//	go test -run '^$' -bench 'Read|Pdftotext' ./extract/pdf/
func BenchmarkPdftotext(b *testing.B) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext not installed")
	}
	for _, name := range benchFixtures {
		path := filepath.Join(fixtureDir(b), name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output(); err != nil || len(out) == 0 {
					b.Fatalf("pdftotext: %v", err)
				}
			}
		})
	}
}
