package pdf

import (
	"bytes"
	"strconv"
	"strings"
)

// The lexer reads the PostScript-like syntax of content streams and CMaps into operands
// and operators. It is our own rather than the library's Interpret because a content
// stream is often damaged in practice (a truncated Flate stream, an inline image with
// binary data), and a page must keep the text read before the damage instead of losing
// it to a panic; it also never allocates a library Value per token.

// name is a PDF name operand, without its slash.
type name string

// keyword is an operator or an unknown bare word.
type keyword string

// dict is a dictionary operand (inline in a content stream, as for BDC properties).
type dict map[name]any

// maxNesting bounds the depth of nested arrays and dictionaries, so that a stream of
// "[[[[" cannot exhaust the stack.
const maxNesting = 32

// lexer scans one decoded stream. Operands are float64, string (the raw bytes of a
// literal or hex string), name, []any, dict, bool or nil; operators are keyword.
type lexer struct {
	b   []byte
	pos int
}

// eof is what next returns at the end of the stream.
type eof struct{}

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace moves past white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// next returns the next object or operator, or eof{} at the end. Malformed input never
// stops it: a stray delimiter is skipped.
func (l *lexer) next() any {
	return l.object(0)
}

func (l *lexer) object(depth int) any {
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return eof{}
		}
		c := l.b[l.pos]
		switch c {
		case '/':
			l.pos++
			return name(l.word())
		case '(':
			l.pos++
			return l.literal()
		case '<':
			if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
				l.pos += 2
				return l.dict(depth + 1)
			}
			l.pos++
			return l.hex()
		case '[':
			l.pos++
			return l.array(depth + 1)
		case ']', '>', ')', '}':
			// A closing delimiter outside its construct: return it as a keyword so
			// array and dict readers can stop, and callers skip it.
			l.pos++
			if c == '>' && l.pos < len(l.b) && l.b[l.pos] == '>' {
				l.pos++
				return keyword(">>")
			}
			return keyword(string(c))
		case '{':
			l.pos++
			return keyword("{")
		}
		start := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		raw := l.b[start:l.pos]
		if len(raw) == 0 { // cannot happen for a non-delimiter, but never loop
			l.pos++
			continue
		}
		// Most words of a content stream are plain numbers and operators: read them
		// without making a string of each.
		if f, ok := plainNumber(raw); ok {
			return f
		}
		if k, ok := operators[string(raw)]; ok {
			return k
		}
		l.pos = start
		return parseWord(l.word())
	}
}

// operators are the content-stream operators, so that the lexer returns each without
// allocating its name.
var operators = func() map[string]keyword {
	m := map[string]keyword{}
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' "`) {
		m[op] = keyword(op)
	}
	return m
}()

// pow10f are the powers of ten a float64 holds exactly.
var pow10f = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// plainNumber reads a number of the form [+-]digits[.digits] with at most 15 digits in
// all: its digits and its power of ten are exact in a float64, so one division gives
// the correctly rounded value that strconv.ParseFloat would (Clinger's fast path).
func plainNumber(b []byte) (float64, bool) {
	i, neg := 0, false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	f := float64(mant) / pow10f[frac]
	if neg {
		f = -f
	}
	return f, true
}

// word reads bytes up to the next white space or delimiter.
func (l *lexer) word() string {
	start := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	w := l.b[start:l.pos]
	if bytes.IndexByte(w, '#') >= 0 { // name escapes #xx
		var out []byte
		for i := 0; i < len(w); i++ {
			if w[i] == '#' && i+2 < len(w) {
				if v, err := strconv.ParseUint(string(w[i+1:i+3]), 16, 8); err == nil {
					out = append(out, byte(v))
					i += 2
					continue
				}
			}
			out = append(out, w[i])
		}
		return string(out)
	}
	return string(w)
}

func parseWord(w string) any {
	switch w {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	c := w[0]
	if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			return f
		}
		if f, ok := parseLooseNumber(w); ok {
			return f
		}
	}
	return keyword(w)
}

// parseLooseNumber accepts the malformed numbers some producers write ("--5", "1.2.3",
// "5-"), reading the longest numeric prefix as Acrobat does.
func parseLooseNumber(w string) (float64, bool) {
	neg := false
	i := 0
	for i < len(w) && (w[i] == '-' || w[i] == '+') {
		neg = neg != (w[i] == '-')
		i++
	}
	j := i
	dot := false
	for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == '.' && !dot) {
		if w[j] == '.' {
			dot = true
		}
		j++
	}
	if j == i {
		return 0, false
	}
	f, err := strconv.ParseFloat(w[i:j], 64)
	if err != nil {
		if j-i == 1 && w[i] == '.' {
			return 0, true
		}
		return 0, false
	}
	if neg {
		f = -f
	}
	return f, true
}

func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			c = l.b[l.pos]
			l.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := int(c - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (l *lexer) hex() string {
	var out []byte
	hi := -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

func (l *lexer) array(depth int) any {
	var arr []any
	for {
		if depth > maxNesting {
			l.skipNested('[', ']')
			return arr
		}
		o := l.object(depth)
		switch o := o.(type) {
		case eof:
			return arr
		case keyword:
			if o == "]" {
				return arr
			}
		}
		arr = append(arr, o)
	}
}

func (l *lexer) dict(depth int) any {
	d := dict{}
	var key name
	haveKey := false
	for {
		if depth > maxNesting {
			return d
		}
		o := l.object(depth)
		switch v := o.(type) {
		case eof:
			return d
		case keyword:
			if v == ">>" {
				return d
			}
		}
		if !haveKey {
			if k, ok := o.(name); ok {
				key, haveKey = k, true
			}
			continue
		}
		d[key] = o
		haveKey = false
	}
}

// skipNested skips to the end of an over-deep nesting.
func (l *lexer) skipNested(open, close byte) {
	n := 1
	for l.pos < len(l.b) && n > 0 {
		switch l.b[l.pos] {
		case open:
			n++
		case close:
			n--
		}
		l.pos++
	}
}

// skipInlineImage moves past the data of an inline image, after its ID operator: the
// data ends at white space, "EI" and white space (or the end of the stream).
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isSpace(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' && (i == 0 || isSpace(l.b[i-1])) &&
			(i+2 == len(l.b) || isSpace(l.b[i+2]) || isDelim(l.b[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.b)
}
