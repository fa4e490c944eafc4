package pdf

//go:generate go run gen_radicals.go

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// score counts what a page's text is made of, to tell text from garbling.
type score struct {
	runes int // non-space runes
	han   int // Chinese characters
	bad   int // U+FFFD, control characters, private-use code points, noncharacters
	junk  int // Latin-1 letters and symbols: GBK bytes read as a Western encoding
}

// isBad reports whether r can never be part of a document's text.
func isBad(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r >= 0x7f && r < 0xa0:
		return true
	case unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r):
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return true
	}
	return false
}

// clean maps look-alike characters to the ordinary ones (CJK radicals to ideographs,
// CJK compatibility ideographs to unified ones), drops characters that can never be
// text, and scores the result.
func clean(s string) (string, score) {
	var sc score
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if u, ok := radicals[r]; ok {
			r = u
		} else if r >= 0xf900 && r <= 0xfaff || r >= 0x2f800 && r <= 0x2fa1f {
			if n := []rune(norm.NFC.String(string(r))); len(n) == 1 {
				r = n[0]
			}
		}
		if isBad(r) {
			sc.bad++
			sc.runes++
			continue
		}
		if !unicode.IsSpace(r) {
			sc.runes++
			switch {
			case unicode.Is(unicode.Han, r):
				sc.han++
			case r >= 0xa1 && r <= 0xff && r != 0xd7 && r != 0xf7 && r != 0xb7 && r != 0xb0:
				sc.junk++
			}
		}
		b.WriteRune(r)
	}
	return b.String(), sc
}

// garbled reports whether a page with score sc is meaningless: many characters that
// cannot be text, or a page of Latin-1 letters and no Chinese (raw single-byte codes of a
// Chinese font without a Unicode map).
func (sc score) garbled() bool {
	if sc.runes == 0 {
		return false
	}
	if sc.bad*10 > sc.runes {
		return true
	}
	return sc.runes >= 10 && sc.han == 0 && (sc.junk+sc.bad)*10 > sc.runes*3
}
