package terms

import (
	"testing"

	"github.com/go-ego/gse"
)

// BenchmarkNew measures loading the budget dictionary, which every process does once.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewFullDictionary is the baseline for BenchmarkNew: gse loading its full
// embedded simplified and traditional Chinese dictionary, as gse.NewEmbed() does (the HMM
// model left out in both, so that only the dictionaries are compared). It is skipped
// when gse is built with the ne tag, which drops the embedded dictionaries.
func BenchmarkNewFullDictionary(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
		if err := seg.LoadDictEmbed("zh"); err != nil {
			b.Fatal(err)
		}
		if seg.Dict.NumTokens() == 0 {
			b.Skip("gse built without its embedded dictionaries (-tags ne)")
		}
	}
}

// BenchmarkCut measures cutting the seed document, about 10 KB of text.
func BenchmarkCut(b *testing.B) {
	g := segmenter(b)
	text := seed(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		g.Cut(text)
	}
}
