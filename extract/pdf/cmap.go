package pdf

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// code is one character code of a font: its value and its length in bytes, since in a
// CMap <20> and <0020> are different codes.
type code struct {
	v uint32
	n uint8
}

// codeRange is one codespace range: codes of n bytes whose every byte lies between the
// corresponding bytes of lo and hi.
type codeRange struct {
	lo, hi [4]byte
	n      int
}

func (r codeRange) match(b string) bool {
	if len(b) < r.n {
		return false
	}
	for i := 0; i < r.n; i++ {
		if b[i] < r.lo[i] || b[i] > r.hi[i] {
			return false
		}
	}
	return true
}

// bfRange is a bfrange too large to expand into the map: codes lo..hi map to dst with
// its last character advanced by code-lo.
type bfRange struct {
	lo, hi uint32
	n      uint8
	dst    []rune
}

// cidRange maps codes lo..hi of an encoding CMap to CIDs cid, cid+1, ...
type cidRange struct {
	lo, hi uint32
	n      uint8
	cid    uint32
}

// cmap is a parsed CMap: a ToUnicode map (chars, ranges) or a font's encoding
// (cids, cidRanges), with its codespace.
type cmap struct {
	space     []codeRange
	chars     map[code]string
	ranges    []bfRange
	cids      map[code]uint32
	cidRanges []cidRange
}

// maxExpand bounds how many codes of one bfrange are put in the map; larger ranges are
// kept as ranges and computed on lookup.
const maxExpand = 256

// parseCMap reads a CMap stream's decoded bytes. It understands codespace ranges,
// bfchar, bfrange (with a string or an array destination), cidchar and cidrange, for
// codes of one to four bytes; everything else (usecmap, the PostScript preamble) is
// ignored. It never fails: a damaged CMap yields the entries read before the damage.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[code]string{}}
	l := &lexer{b: data}
	var stack []any
	const maxStack = 1 << 16
	for {
		o := l.next()
		if _, ok := o.(eof); ok {
			break
		}
		kw, ok := o.(keyword)
		if !ok {
			if len(stack) < maxStack {
				stack = append(stack, o)
			}
			continue
		}
		switch kw {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, _ := stack[i].(string)
				hi, _ := stack[i+1].(string)
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				r := codeRange{n: len(lo)}
				copy(r.lo[:], lo)
				copy(r.hi[:], hi)
				m.space = append(m.space, r)
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, ok := stack[i].(string)
				if !ok || len(src) == 0 || len(src) > 4 {
					continue
				}
				if dst, ok := stack[i+1].(string); ok {
					m.chars[codeOf(src)] = unicodeOf(dst)
				} else if n, ok := stack[i+1].(name); ok { // a glyph name, rarely
					if s := glyphText(string(n)); s != "" {
						m.chars[codeOf(src)] = s
					}
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, ok1 := stack[i].(string)
				hi, ok2 := stack[i+1].(string)
				if !ok1 || !ok2 || len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				clo, chi := codeOf(lo), codeOf(hi)
				if chi.v < clo.v {
					continue
				}
				switch dst := stack[i+2].(type) {
				case string:
					m.addRange(clo, chi, []rune(unicodeOf(dst)))
				case []any:
					for k, d := range dst {
						s, ok := d.(string)
						if !ok || clo.v+uint32(k) > chi.v {
							continue
						}
						m.chars[code{clo.v + uint32(k), clo.n}] = unicodeOf(s)
					}
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, ok := stack[i].(string)
				cid, ok2 := stack[i+1].(float64)
				if !ok || !ok2 || len(src) == 0 || len(src) > 4 || cid < 0 {
					continue
				}
				if m.cids == nil {
					m.cids = map[code]uint32{}
				}
				m.cids[codeOf(src)] = uint32(cid)
			}
		case "endcidrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, ok1 := stack[i].(string)
				hi, ok2 := stack[i+1].(string)
				cid, ok3 := stack[i+2].(float64)
				if !ok1 || !ok2 || !ok3 || len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) || cid < 0 {
					continue
				}
				clo, chi := codeOf(lo), codeOf(hi)
				m.cidRanges = append(m.cidRanges, cidRange{clo.v, chi.v, clo.n, uint32(cid)})
			}
		}
		stack = stack[:0]
	}
	return m
}

func (m *cmap) addRange(lo, hi code, dst []rune) {
	if len(dst) == 0 {
		return
	}
	if hi.v-lo.v >= maxExpand {
		m.ranges = append(m.ranges, bfRange{lo.v, hi.v, lo.n, dst})
		return
	}
	for v := lo.v; ; v++ {
		m.chars[code{v, lo.n}] = advanceLast(dst, v-lo.v)
		if v == hi.v {
			break
		}
	}
}

// advanceLast returns dst with its last character advanced by k, as bfrange defines.
func advanceLast(dst []rune, k uint32) string {
	if k == 0 {
		return string(dst)
	}
	r := make([]rune, len(dst))
	copy(r, dst)
	last := r[len(r)-1] + rune(k)
	if !utf8.ValidRune(last) {
		last = utf8.RuneError
	}
	r[len(r)-1] = last
	return string(r)
}

// codeOf returns the code spelt by the bytes of s (at most four).
func codeOf(s string) code {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return code{v, uint8(len(s))}
}

// unicodeOf decodes a CMap destination: big-endian UTF-16 with surrogate pairs, or a
// single byte, which some producers write for ASCII.
func unicodeOf(s string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return string(rune(s[0]))
	}
	return utf16BE(s)
}

// utf16BE decodes big-endian UTF-16; unpaired surrogates become U+FFFD.
func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// lookup returns the text of c, and whether the map has it.
func (m *cmap) lookup(c code) (string, bool) {
	if s, ok := m.chars[c]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if r.n == c.n && c.v >= r.lo && c.v <= r.hi {
			return advanceLast(r.dst, c.v-r.lo), true
		}
	}
	return "", false
}

// lookupAnyLength looks c up by its value among codes of every length, for fonts whose
// ToUnicode codespace disagrees with their encoding.
func (m *cmap) lookupAnyLength(c code) (string, bool) {
	for n := uint8(1); n <= 4; n++ {
		if n == c.n {
			continue
		}
		if s, ok := m.lookup(code{c.v, n}); ok {
			return s, true
		}
	}
	return "", false
}

// cid returns the CID of c in an encoding CMap, and whether the map has it.
func (m *cmap) cid(c code) (uint32, bool) {
	if v, ok := m.cids[c]; ok {
		return v, true
	}
	for _, r := range m.cidRanges {
		if r.n == c.n && c.v >= r.lo && c.v <= r.hi {
			return r.cid + c.v - r.lo, true
		}
	}
	return 0, false
}

// split returns the first code of b and its length in bytes, by the codespace; dflt is
// the code length to use when the codespace is empty or no range matches.
func (m *cmap) split(b string, dflt int) (code, int) {
	if m != nil {
		for n := 1; n <= 4 && n <= len(b); n++ {
			for _, r := range m.space {
				if r.n == n && r.match(b) {
					return codeOf(b[:n]), n
				}
			}
		}
	}
	if dflt > len(b) {
		dflt = len(b)
	}
	return codeOf(b[:dflt]), dflt
}

// glyphText returns the text of a glyph name: the Adobe Glyph List's uniXXXX and uXXXX
// forms, and the common names of ASCII and Latin-1 glyphs. Unknown names give "".
func glyphText(g string) string {
	if i := strings.IndexByte(g, '.'); i > 0 { // "a.sc", "one.oldstyle"
		g = g[:i]
	}
	if s, ok := glyphNames[g]; ok {
		return s
	}
	if len(g) == 1 && (g[0] >= 'a' && g[0] <= 'z' || g[0] >= 'A' && g[0] <= 'Z') {
		return g
	}
	hex := func(h string) (rune, bool) {
		var v rune
		for i := 0; i < len(h); i++ {
			d := unhex(h[i])
			if d < 0 {
				return 0, false
			}
			v = v<<4 | rune(d)
		}
		return v, utf8.ValidRune(v)
	}
	switch {
	case strings.HasPrefix(g, "uni") && len(g) >= 7 && (len(g)-3)%4 == 0:
		var out []rune
		for i := 3; i < len(g); i += 4 {
			r, ok := hex(g[i : i+4])
			if !ok {
				return ""
			}
			out = append(out, r)
		}
		return string(out)
	case strings.HasPrefix(g, "u") && len(g) >= 5 && len(g) <= 7:
		if r, ok := hex(g[1:]); ok {
			return string(r)
		}
	}
	return ""
}

// glyphNames holds the Adobe Glyph List names of the ASCII punctuation and digits and of
// the few other glyphs budget documents use.
var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$",
	"percent": "%", "ampersand": "&", "quotesingle": "'", "quoteright": "’", "quoteleft": "‘",
	"parenleft": "(", "parenright": ")", "asterisk": "*", "plus": "+", "comma": ",",
	"hyphen": "-", "minus": "−", "period": ".", "slash": "/", "zero": "0", "one": "1",
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "colon": ":", "semicolon": ";", "less": "<", "equal": "=",
	"greater": ">", "question": "?", "at": "@", "bracketleft": "[", "backslash": "\\",
	"bracketright": "]", "asciicircum": "^", "underscore": "_", "grave": "`",
	"braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~",
	"quotedblleft": "“", "quotedblright": "”", "endash": "–", "emdash": "—",
	"bullet": "•", "ellipsis": "…", "periodcentered": "·", "degree": "°",
	"multiply": "×", "divide": "÷", "yen": "¥", "section": "§", "nbspace": "\u00a0",
}
