package sections_test

import (
	"os"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract/sections"
)

// benchText returns the seed's text repeated n times (the seed is already UTF-8 and
// close to its normalised form, which is all the outline needs).
func benchText(b *testing.B, n int) string {
	b.Helper()
	raw, err := os.ReadFile("../../testdata/seed/000_01eaaa56c59ac9d2.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(raw)+"\n", n)
}

// benchSizes are the seed (10 KB) and the seed repeated 100 times (1 MB); their MB/s
// should be close.
var benchSizes = []struct {
	name string
	n    int
}{{"seed", 1}, {"seedx100", 100}}

// BenchmarkParse measures finding the headings of a text.
func BenchmarkParse(b *testing.B) {
	for _, size := range benchSizes {
		text := benchText(b, size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				sections.Parse(text)
			}
		})
	}
}

// BenchmarkContext measures asking the outline for the context of every line start,
// as the field rules do for each figure. With the seed repeated 100 times there are
// 100 times as many questions, so ns per byte should stay flat: a lookup that walks
// back over the whole outline shows here as a falling MB/s.
func BenchmarkContext(b *testing.B) {
	for _, size := range benchSizes {
		text := benchText(b, size.n)
		o := sections.Parse(text)
		if len(o.Headings) == 0 {
			b.Fatal("the seed has no headings")
		}
		var offs []int
		for i := 0; i < len(text); {
			offs = append(offs, i)
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
		}
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				for _, off := range offs {
					o.Context(off)
				}
			}
		})
	}
}
