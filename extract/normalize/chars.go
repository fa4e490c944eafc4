package normalize

import (
	"unicode"
	"unicode/utf8"
)

// isHan reports whether r is a Han character.
func isHan(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true
	}
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

// isWide reports whether r is a Han character or Chinese punctuation, beside which
// blanks carry no meaning.
func isWide(r rune) bool {
	switch {
	case r < 0x2014:
		return false
	case r <= 0x2026: // — ‖ ‘ ’ “ ” …
		return true
	case r >= 0x3000 && r <= 0x303f, // CJK symbols and punctuation
		r >= 0xfe30 && r <= 0xfe4f, // CJK compatibility forms
		r >= 0xff01 && r <= 0xff65: // full-width forms
		return true
	}
	return isHan(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// lastRune returns the last rune of s, or utf8.RuneError for an empty s.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// firstRune returns the first rune of s, or utf8.RuneError for an empty s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
