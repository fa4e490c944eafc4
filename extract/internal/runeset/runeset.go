// Package runeset finds the first or the last of a few runes in a text: what
// strings.IndexAny and strings.LastIndexAny do, made fast for Chinese punctuation.
//
// For a set holding runes beyond ASCII (，。；：、), strings.IndexAny decodes each rune
// of the text and looks it up in the set, which took a tenth of an extraction. A Set
// looks for each of its runes with strings.Index instead, in a window at the searched
// end of the text that grows until it holds a match, and returns the same offsets: a
// rune's UTF-8 encoding begins with a byte no other encoding holds inside it, so it is
// found only where decoding the text would meet it, and the set holds no U+FFFD for
// an invalid byte to stand for.
package runeset

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Set is a set of runes to search texts for. Its zero value is the empty set.
type Set struct {
	runes []string // each rune's UTF-8 encoding
}

// New returns the set of the runes of chars. It panics if chars is not valid UTF-8 or
// holds U+FFFD, for which a Set would not answer as strings.IndexAny does: sets are
// fixed in the program, so this is a programming error.
func New(chars string) Set {
	var s Set
	for i, r := range chars {
		if r == utf8.RuneError {
			panic(fmt.Sprintf("runeset: %q holds an invalid byte or U+FFFD at %d", chars, i))
		}
		if !strings.ContainsRune(chars[:i], r) {
			s.runes = append(s.runes, string(r))
		}
	}
	return s
}

// Index returns the offset of the first rune of the set in text, or -1:
// strings.IndexAny(text, chars). Like strings.IndexAny it reads no further than
// needed: the runes are looked for in a window from the start of text that grows
// fourfold while it holds none, so a rune the text lacks costs no scan of all of it.
func (s Set) Index(text string) int {
	for w := 256; ; w *= 4 {
		end := min(len(text), w)
		first := -1
		for _, r := range s.runes {
			// only matches that start before end, and before the first one found
			lim := min(len(text), end+len(r)-1)
			if first >= 0 {
				lim = min(lim, first+len(r)-1)
			}
			if i := strings.Index(text[:lim], r); i >= 0 {
				first = i
			}
		}
		if first >= 0 || end == len(text) {
			return first
		}
	}
}

// LastIndex returns the offset of the last rune of the set in text, or -1:
// strings.LastIndexAny(text, chars). It reads back from the end of text in a
// window that grows as Index's does.
func (s Set) LastIndex(text string) int {
	for w := 256; ; w *= 4 {
		lo := max(0, len(text)-w)
		last := lo - 1
		for _, r := range s.runes {
			if i := strings.LastIndex(text[last+1:], r); i >= 0 {
				last += 1 + i
			}
		}
		if last >= lo || lo == 0 {
			return last
		}
	}
}

// In reports whether text holds a rune of the set: strings.ContainsAny(text, chars).
func (s Set) In(text string) bool {
	return s.Index(text) >= 0
}
