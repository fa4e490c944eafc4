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

// mapping is the table as a map, built once; it is never changed.
var mapping = parse(table)

func parse(t string) map[rune]rune {
	m := make(map[rune]rune, 3000)
	for _, line := range strings.Split(t, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		a, n := utf8.DecodeRuneInString(line)
		b, _ := utf8.DecodeRuneInString(line[n:])
		m[a] = b
	}
	return m
}

// String returns s with its traditional characters replaced by simplified ones. The
// result has the same length as s, and each rune sits at the same byte offset.
func String(s string) string {
	var b []byte
	for i, r := range s {
		if r < 0x3400 {
			continue
		}
		if t, ok := mapping[r]; ok {
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
