package normalize

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// fold maps characters one by one, with the little context ． needs: full-width
// digits and Latin letters to ASCII, ％ to %, ． between digits to ., the ideographic
// space, no-break space and other typographic spaces to a space, CR LF, CR, form feed
// and the Unicode line separators to LF; invisible marks (zero-width spaces, stray
// byte-order marks) and control characters are dropped, invalid UTF-8 becomes U+FFFD.
// HTML remnants go too: entities are decoded (and their characters folded), tags that
// break lines become LF unless a line breaks there anyway, table-cell tags a space,
// and other tags and comments vanish.
// Chinese punctuation, other full-width symbols and traditional characters stay.
func fold(b *builder) {
	in := b.in
	special := &foldSpecial
	if !utf8.ValidString(in) {
		special = &foldSpecialInvalid
	}
	for i := 0; i < len(in); {
		if !special[in[i]] {
			i++
			continue
		}
		c := in[i]
		switch {
		case c == '&':
			if r, n := entity(in[i:]); n > 0 {
				repl, ok := foldRune(r)
				if !ok {
					repl = string(r)
				}
				b.replace(i, i+n, repl)
				i += n
				continue
			}
		case c == '<':
			if repl, n := tag(in[i:]); n > 0 {
				if repl == "\n" && (b.atLineStart(i) || i+n == len(in) || in[i+n] == '\n' || in[i+n] == '\r') {
					repl = "" // <p> on a line of its own breaks no line
				}
				b.replace(i, i+n, repl)
				i += n
				continue
			}
		case c == '\r':
			if i+1 < len(in) && in[i+1] == '\n' {
				b.replace(i, i+2, "\n")
				i += 2
				continue
			}
			b.replace(i, i+1, "\n")
		case c == '\f' || c == '\v':
			b.replace(i, i+1, "\n")
		case c < 0x20 && c != '\t' && c != '\n' || c == 0x7f:
			b.delete(i, i+1)
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(in[i:])
			if r == utf8.RuneError && n == 1 {
				b.replace(i, i+1, "\ufffd")
			} else if r == '．' {
				if digitBefore(in[:i]) && digitAfter(in[i+n:]) {
					b.replace(i, i+n, ".")
				}
			} else if repl, ok := foldRune(r); ok {
				b.replace(i, i+n, repl)
			}
			i += n
			continue
		}
		i++
	}
}

// foldSpecial marks the bytes fold looks at in valid UTF-8: markup, controls and the
// lead bytes of the characters foldRune changes (U+0080–U+07FF: C2; U+2000–U+2FFF:
// E2; U+3000–U+3FFF: E3; U+F000–U+FFFF: EF). foldSpecialInvalid adds every byte
// beyond ASCII, for text with invalid UTF-8 to repair.
var foldSpecial, foldSpecialInvalid = func() (v, inv [256]bool) {
	for c := range 0x20 {
		v[c] = c != '\t' && c != '\n'
	}
	for _, c := range []byte{'&', '<', 0x7f, 0xc2, 0xe2, 0xe3, 0xef} {
		v[c] = true
	}
	inv = v
	for c := 0x80; c < 0x100; c++ {
		inv[c] = true
	}
	return v, inv
}()

// foldRune returns what r becomes regardless of context, and false when r stays.
func foldRune(r rune) (string, bool) {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return string(width.LookupRune(r).Narrow()), true
	case r == '％':
		return "%", true
	case r == '\u3000', r == '\u00a0', r >= '\u2000' && r <= '\u200a', r == '\u202f', r == '\u205f':
		return " ", true
	case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r >= 0x80 && r < 0xa0:
		return "", true
	case r == '\u2028', r == '\u2029', r == '\r':
		return "\n", true
	}
	return "", false
}

// digitBefore reports whether s ends with an ASCII or full-width digit.
func digitBefore(s string) bool {
	r := lastRune(s)
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// digitAfter reports whether s starts with an ASCII or full-width digit.
func digitAfter(s string) bool {
	r := firstRune(s)
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// entities are the named HTML entities seen in converted documents.
var entities = map[string]rune{
	"nbsp": '\u00a0', "amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'',
	"ensp": '\u2002', "emsp": '\u2003', "thinsp": '\u2009',
	"middot": '·', "mdash": '—', "ndash": '–', "hellip": '…', "times": '×', "divide": '÷',
	"ldquo": '“', "rdquo": '”', "lsquo": '‘', "rsquo": '’', "deg": '°', "yen": '¥', "copy": '©',
}

// entity decodes the HTML entity at the start of s (&amp;, &#12345;, &#x4e00;) and
// returns its rune and length, or a length of 0 when s starts with none.
func entity(s string) (rune, int) {
	end := strings.IndexByte(s[:min(len(s), 12)], ';')
	if end < 3 { // the shortest is &lt;
		return 0, 0
	}
	name := s[1:end]
	if name[0] != '#' {
		r, ok := entities[name]
		if !ok {
			return 0, 0
		}
		return r, end + 1
	}
	base, digits := 10, name[1:]
	if digits != "" && (digits[0] == 'x' || digits[0] == 'X') {
		base, digits = 16, digits[1:]
	}
	if digits == "" || digits[0] == '+' || digits[0] == '-' {
		return 0, 0
	}
	n, err := strconv.ParseUint(digits, base, 32)
	r := rune(n)
	if err != nil || !utf8.ValidRune(r) || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
		return 0, 0
	}
	return r, end + 1
}

// tag recognises the HTML tag or comment at the start of s and returns what it
// becomes (LF for tags that break lines, a space for table cells, nothing for
// others) and its length, or a length of 0 when s starts with no tag. A tag's name
// is ASCII letters and digits; it ends on the same line.
func tag(s string) (string, int) {
	if strings.HasPrefix(s, "<!--") {
		end := strings.Index(s[:min(len(s), 4096)], "-->")
		if end < 0 {
			return "", 0
		}
		return "", end + 3
	}
	i := 1
	if i < len(s) && (s[i] == '/' || s[i] == '!') {
		i++
	}
	start := i
	for i < len(s) && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z' || start < i && isDigit(s[i])) {
		i++
	}
	if i == start || i-start > 10 {
		return "", 0
	}
	name := strings.ToLower(s[start:i])
	if i < len(s) && s[i] != '>' && s[i] != '/' && s[i] != ' ' && s[i] != '\t' {
		return "", 0 // <abc123… or <a之… is no tag
	}
	end := strings.IndexAny(s[i:min(len(s), i+512)], "<>\n")
	if end < 0 || s[i+end] != '>' {
		return "", 0
	}
	n := i + end + 1
	switch name {
	case "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table":
		return "\n", n
	case "td", "th":
		return " ", n
	}
	return "", n
}
