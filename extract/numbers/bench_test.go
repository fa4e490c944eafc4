package numbers

import "testing"

func BenchmarkScan(b *testing.B) {
	text := readFile(b, "testdata/seed.txt")
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Scan(text)
	}
}

func BenchmarkScanUnitDecls(b *testing.B) {
	text := readFile(b, "testdata/seed.txt")
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ScanUnitDecls(text)
	}
}
