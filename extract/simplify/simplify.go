// Package simplify maps traditional Chinese characters to simplified ones, rune for rune
// and byte for byte, so that rules written in simplified Chinese read documents in
// traditional characters (common on mirror sites) while every offset stays valid and the
// values quoted from the text stay as written.
package simplify

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

//go:embed t2s.txt
var table string

// The table covers the CJK blocks from U+3400 to U+FAFF; every pair in t2s.txt lies there.
const (
	first = 0x3400
	last  = 0xFB00
)

// mapping holds the simplified form of each rune of the range, or 0 where the rune
// stays: an array index is cheaper than a map lookup for every character of a
// document. It is built once and never changed.
var mapping = parse(table)

// mapped has a bit set for each rune of the range that mapping changes. Simplified text
// holds few traditional characters, so most runes are answered by this 6 KB bitmap and
// the 200 KB mapping stays out of the caches.
var mapped = bits(mapping)

func bits(m []rune) []uint64 {
	b := make([]uint64, (len(m)+63)/64)
	for i, t := range m {
		if t != 0 {
			b[i/64] |= 1 << (i % 64)
		}
	}
	return b
}

func parse(t string) []rune {
	m := make([]rune, last-first)
	for _, line := range strings.Split(t, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		a, n := utf8.DecodeRuneInString(line)
		b, _ := utf8.DecodeRuneInString(line[n:])
		if a >= first && a < last {
			m[a-first] = b
		}
	}
	return m
}

// String returns s with its traditional characters replaced by simplified ones. The
// result has the same length as s, and each rune sits at the same byte offset.
func String(s string) string {
	var b []byte
	for i, r := range s {
		if r < first || r >= last {
			continue
		}
		if k := r - first; mapped[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		if t := mapping[r-first]; t != 0 {
			if b == nil {
				b = []byte(s)
			}
			utf8.EncodeRune(b[i:], t)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}
