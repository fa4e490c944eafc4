package numbers

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/internal/poll"
)

// Number is one figure found in the text.
type Number struct {
	// Start and End are the byte offsets in the text of the whole mention: a sign, 第,
	// 约 or 百分之 before the figure, the figure, its unit or measure word, and 左右 or 以上
	// after it.
	Start, End int
	// Value is the figure as written before its unit: 154.79 for 154.79万元, 34000 for
	// 3万4000元, 25 for 25万元, 120 for 一百二十万元 and 1200000 for 一百二十万 (a 万 or 亿
	// straight before 元 belongs to the unit). It is canonical (see Decimal).
	Value Decimal
	// Unit is the money unit that follows the figure, or NoUnit.
	Unit Unit
	// Measure is, when there is no money unit, the measure word or sign right after the
	// figure, as written (名 人 个 台 辆 年 年度 月 日 % …), else "". A percentage written
	// 百分之N has Measure "%".
	Measure string
	// Approx says the figure is stated approximately or as a bound (200余万元, 三十多万,
	// 约5万元, 近3年, 5万元左右, 3年以上); it must not be taken as exact.
	Approx bool
	// Chinese says the figure is written at least partly in Chinese numerals (三台,
	// 3万4000元); a 万 or 亿 that belongs to the unit does not count.
	Chinese bool
	// Ordinal says the figure follows 第 (第一, 第3): a rank, not a quantity.
	Ordinal bool
}

// Fen returns the exact amount of a figure with a money unit in fen; false when it has
// no unit, is not a whole number of fen, or does not fit in an int64.
func (n Number) Fen() (int64, bool) { return n.Value.Fen(n.Unit) }

// Scan returns every figure in the normalised text, in order and without overlaps.
//
// Arabic numerals are always read, with ASCII thousands separators (1,244.19 but not
// 1,2), a fraction, a sign where no letter or digit stands before it, and Chinese
// multipliers (3万4000元). Chinese numerals are read only when a money unit or measure
// word follows (三台, 十二人), when they hold a 百, 千, 万 or 亿 (一百二十万), after 第 or
// 百分之, or, written as four digits, before 年 (二〇二三年): so 一般, 统一, 三公经费,
// 十分, 万一, 千万, 二级 and heading markers (一、 （一） 十二、) are not figures.
//
// Some digit strings are skipped, since they are no quantities and a caller that gives
// bare figures their table's unit must never take them for money: telephone numbers and
// other codes (023-51522382, (023)51522382, 13812345678, 400-123-4567, 2023-03-01),
// times of day (8:00-11:30), digits joined to ASCII letters (5G, A4, PM2.5), dotted
// section numbers (3.1.2), numbers with a leading zero and three or more digits (0451),
// runs of 15 or more bare digits (identity numbers), figures too large for an int64, and
// Arabic heading markers (1、 2. 3) at the start of a line or clause, and a number of one
// or two digits in brackets anywhere: (1) （2）). A range such as 2021-2023年 gives two
// figures; a landline number without area code (51522382) cannot be told from a figure.
//
// Scan runs in one pass over the text and never panics, whatever the input.
func Scan(text string) []Number {
	out, _ := ScanContext(context.Background(), text)
	return out
}

// ScanContext is Scan, stopping with ctx's error when ctx is done.
func ScanContext(ctx context.Context, text string) ([]Number, error) {
	s := scanner{text: text}
	p := poll.New(ctx)
	for {
		s.pos = nextStart(text, s.pos)
		if s.pos >= len(text) {
			return s.out, nil
		}
		if p.Done() {
			return nil, p.Err()
		}
		s.step()
	}
}

// nextStart returns the offset of the first byte at or after i where a figure may begin
// (a digit, a sign, or a rune in startRunes), or len(text). It is the scanner's fast
// path: most of a document is skipped here without decoding a rune.
func nextStart(text string, i int) int {
	for i < len(text) {
		c := text[i]
		switch {
		case c < utf8.RuneSelf:
			if isDigit(c) || c == '-' || c == '+' {
				return i
			}
			i++
		case c&0xF0 == 0xE0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			// Every rune that may begin a figure takes three bytes in UTF-8.
			r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if startRunes[r>>6]&(1<<(r&63)) != 0 {
				return i
			}
			i += 3
		default:
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
		}
	}
	return i
}

// startRunes is the set of three-byte runes that may begin a figure: Chinese digits, 十,
// 百 (of 百分之) and the minus sign, one bit per rune of the Basic Multilingual Plane.
// It is built once and never changed.
var startRunes = func() (set [1 << 10]uint64) {
	for r := rune(0x800); r < 0x10000; r++ {
		if numeralStart(r) || r == '百' || r == '−' {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
}()

// scanner holds the state of one Scan.
type scanner struct {
	text  string   // the text being scanned; never changed
	pos   int      // the next byte to look at
	floor int      // the end of the last figure found: look-backs never cross it
	out   []Number // the figures found so far
}

// step looks at the byte at s.pos and either reads a figure starting there or moves on.
// It always advances s.pos.
func (s *scanner) step() {
	at := s.pos
	c := s.text[at]
	if c < utf8.RuneSelf {
		switch {
		case isDigit(c):
			s.figure(at, at, false, false)
		case (c == '-' || c == '+') && s.signAt(at, 1):
			s.figure(at, at+1, c == '-', false)
		default:
			s.pos++
		}
		return
	}
	r, w := utf8.DecodeRuneInString(s.text[at:])
	switch {
	case r == '−' && s.signAt(at, w): // U+2212 MINUS SIGN
		s.figure(at, at+w, true, false)
	case r == '百' && strings.HasPrefix(s.text[at:], "百分之") && s.percentAt(at+len("百分之")):
		s.figure(at, at+len("百分之"), false, true)
	case numeralStart(r) && s.chineseMayStart(at, r):
		s.figure(at, at, false, false)
	default:
		s.pos += w
	}
}

// signAt reports whether the sign of width w at offset at belongs to a figure: a digit
// follows it, no letter, digit or point stands before it (so the hyphen of 023-5152 or
// A-1 is no sign), and it does not follow a figure straight away (2022年-2023年 is a
// range).
func (s *scanner) signAt(at, w int) bool {
	if at+w >= len(s.text) || !isDigit(s.text[at+w]) || len(s.out) > 0 && s.floor == at {
		return false
	}
	if at == 0 {
		return true
	}
	c := s.text[at-1]
	return !isDigit(c) && !isLetter(c) && c != '.'
}

// percentAt reports whether a numeral follows 百分之 at offset at.
func (s *scanner) percentAt(at int) bool {
	if at >= len(s.text) {
		return false
	}
	if isDigit(s.text[at]) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s.text[at:])
	return numeralStart(r)
}

// chineseMayStart reports whether a Chinese numeral may begin with r at offset at: not in
// the middle of another numeral (四五个, 万一, 十四五) and not where r ends a word
// (统一, 唯一, 三分之一).
func (s *scanner) chineseMayStart(at int, r rune) bool {
	p, _ := utf8.DecodeLastRuneInString(s.text[:at])
	switch {
	case isNumeral(p) || isPoint(p) || strings.ContainsRune(notBeforeNumeral, p):
		return false
	case r == '一' || r == '壹':
		return !strings.ContainsRune(wordBeforeOne, p)
	}
	return true
}

// figure reads the figure whose first numeral is at offset at; mention is where its
// mention begins (at a sign or 百分之, else at). It appends the figure to s.out, or skips
// what is no figure, and moves s.pos past either.
func (s *scanner) figure(mention, at int, neg, percent bool) {
	num, next, ok := s.read(mention, at, neg, percent)
	if ok {
		s.out = append(s.out, num)
		s.floor = num.End
		s.pos = num.End
		return
	}
	if next <= s.pos {
		_, w := utf8.DecodeRuneInString(s.text[s.pos:])
		next = s.pos + w
	}
	s.pos = next
}

// read lexes one figure. It returns the figure and true, or false and the offset where
// scanning should go on.
func (s *scanner) read(mention, at int, neg, percent bool) (Number, int, bool) {
	text := s.text
	var n numeral
	pos := at
	var first arabic
	if isDigit(text[at]) {
		first = readArabic(text, at)
		if skip := s.code(mention, at, first); skip > at {
			return Number{}, skip, false
		}
		n.value(first.val, first.one(), false, false)
		pos = first.end
	}
	pos = s.tokens(&n, pos)
	if n.tokens == 0 || n.overflow {
		return Number{}, skipNumerals(text, pos), false
	}
	val, ok := n.total()
	if !ok {
		return Number{}, skipNumerals(text, pos), false
	}
	end := pos

	// The unit or measure word.
	unit, measure := NoUnit, ""
	mults := n.mults
	switch {
	case percent:
		measure = "%"
	case n.lastBig > 0:
		if r, w := utf8.DecodeRuneInString(text[end:]); isYuan(r) {
			unit = Wan
			if n.lastBig == 8 {
				unit = Yi
			}
			val, _ = val.shift(-n.lastBig) // never overflows: it only raises the scale
			end += w
			mults--
		}
	default:
		q := s.spaceAfter(&n, end)
		if u, w := unitAt(text[q:]); u != NoUnit {
			unit, end = u, q+w
		}
	}
	if unit == NoUnit && !percent {
		q := s.spaceAfter(&n, end)
		if w := measureAt(text[q:]); w > 0 {
			measure, end = text[q:q+w], q+w
		}
	}

	// What stands before: 第, or a word of approximation.
	approx := n.approx
	ordinal := false
	if before := text[s.floor:mention]; strings.HasSuffix(before, "第") && !neg && !percent {
		ordinal = true
		mention -= len("第")
	} else if w := approxPrefix(before); w > 0 {
		approx = true
		mention -= w
	}

	// Chinese numerals count only where they can be nothing else.
	if !n.arabic {
		switch {
		case n.year:
			if measure != "年" && measure != "年度" || n.ndigits != 4 || ordinal {
				return Number{}, skipNumerals(text, pos), false
			}
		case unit != NoUnit || measure != "" || ordinal || percent || n.large:
		default:
			return Number{}, skipNumerals(text, pos), false
		}
	}
	if n.tokens == 1 && first.end > 0 && unit == NoUnit && measure == "" && !ordinal && !percent {
		if s.heading(mention, first) || first.code() {
			return Number{}, first.end, false
		}
	}

	if w := approxSuffix(text[end:]); w > 0 {
		approx = true
		end += w
	}
	if val, ok = val.canonical(); !ok {
		return Number{}, skipNumerals(text, pos), false
	}
	if neg {
		val.Coef = -val.Coef
	}
	return Number{
		Start:   mention,
		End:     end,
		Value:   val,
		Unit:    unit,
		Measure: measure,
		Approx:  approx,
		Chinese: n.chinese || mults > 0 || percent,
		Ordinal: ordinal,
	}, end, true
}

// tokens takes the numeral tokens from pos on into n and returns where they end.
func (s *scanner) tokens(n *numeral, pos int) int {
	text := s.text
	for pos < len(text) {
		c := text[pos]
		if isDigit(c) {
			a := readArabic(text, pos)
			if a.overflow || !n.value(a.val, a.one(), false, false) {
				return pos
			}
			pos = a.end
			continue
		}
		if c < utf8.RuneSelf {
			return pos
		}
		r, w := utf8.DecodeRuneInString(text[pos:])
		var took bool
		switch d, isDigit := chineseDigit(r); {
		case isDigit:
			took = n.value(Decimal{d, 0}, r != '两' && r != '兩', true, isZero(r))
		case multiplierExp(r) > 0:
			took = n.mult(multiplierExp(r))
		case isApprox(r):
			took = approxFits(text[pos+w:]) && n.approximate()
		case isPoint(r):
			frac, fw := chineseFraction(text[pos+w:])
			took = fw > 0 && n.point(frac)
			w += fw
		}
		if !took {
			return pos
		}
		pos += w
	}
	return pos
}

// spaceAfter returns the offset after the horizontal space at end that may stand between
// an Arabic figure and its unit or measure word (502.4 萬元). A Chinese numeral takes no
// space: normalised text has none next to Chinese, so a space there is a break.
func (s *scanner) spaceAfter(n *numeral, end int) int {
	if !n.arabic {
		return end
	}
	return skipSpace(s.text, end)
}

// approxFits reports whether 余 or 多 before rest belongs to the figure before it: 万 or
// 亿, a unit, a measure word or no ideograph follows (200余万元, 十多个, 100多，), not
// another word (3多媒体).
func approxFits(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if e := multiplierExp(r); e >= 4 {
		return true
	}
	if u, _ := unitAt(rest); u != NoUnit {
		return true
	}
	return measureAt(rest) > 0 || !isIdeograph(r)
}

// chineseFraction reads the Chinese digits after 点 (七 in 七十六点七) and returns their
// value (0.7) and byte length, or a zero length when no digit follows.
func chineseFraction(s string) (Decimal, int) {
	var d Decimal
	i := 0
	for i < len(s) && d.Scale < 18 {
		r, w := utf8.DecodeRuneInString(s[i:])
		v, ok := chineseDigit(r)
		if !ok || r == '两' || r == '兩' {
			break
		}
		d.Coef = d.Coef*10 + v
		d.Scale++
		i += w
	}
	return d, i
}

// skipNumerals returns the offset after the Chinese numerals at pos, so that a rejected
// numeral (十四五) is not read again from its middle.
func skipNumerals(text string, pos int) int {
	for pos < len(text) {
		r, w := utf8.DecodeRuneInString(text[pos:])
		if !isNumeral(r) && !isPoint(r) {
			break
		}
		pos += w
	}
	return pos
}

// arabic is an Arabic numeral as read from the text.
type arabic struct {
	val      Decimal // the value (not yet canonical)
	start    int     // where its digits begin
	end      int     // where it ends
	ints     int     // how many digits the integer part has
	frac     bool    // it has a fraction
	grouped  bool    // it has thousands separators
	overflow bool    // it does not fit in a Decimal
	text     string  // its digits as written
}

// one reports whether a is a single digit (the 5 of 3万5).
func (a arabic) one() bool { return a.ints == 1 && !a.frac }

// code reports whether a, standing alone without unit or measure, is a telephone number
// or identity number rather than a quantity: 11 digits beginning 13–19, or 15 or more.
func (a arabic) code() bool {
	if a.frac || a.grouped {
		return false
	}
	return a.ints >= 15 || a.ints == 11 && a.text[0] == '1' && a.text[1] >= '3'
}

// readArabic reads the Arabic numeral at i: digits, ASCII thousands separators between
// groups of three (1,244), and a fraction.
func readArabic(text string, i int) arabic {
	a := arabic{start: i}
	var c int64
	digit := func(d byte) {
		if c > (1<<63-1-9)/10 {
			a.overflow = true
			return
		}
		c = c*10 + int64(d-'0')
	}
	for i < len(text) && isDigit(text[i]) {
		digit(text[i])
		i++
		a.ints++
	}
	if a.ints <= 3 {
		for i+3 < len(text) && text[i] == ',' && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3]) &&
			(i+4 == len(text) || !isDigit(text[i+4])) {
			digit(text[i+1])
			digit(text[i+2])
			digit(text[i+3])
			a.ints += 3
			a.grouped = true
			i += 4
		}
	}
	scale := 0
	if i+1 < len(text) && text[i] == '.' && isDigit(text[i+1]) {
		a.frac = true
		i++
		for i < len(text) && isDigit(text[i]) {
			digit(text[i])
			scale++
			i++
		}
	}
	a.val = Decimal{c, scale}
	a.end = i
	a.text = text[a.start:i]
	return a
}

// code returns the offset past the digit string at at when it is a code rather than a
// figure (see Scan), else 0.
func (s *scanner) code(mention, at int, a arabic) int {
	text := s.text
	end := a.end
	switch {
	case mention > 0 && isLetter(text[mention-1]) || end < len(text) && isLetter(text[end]):
		return identEnd(text, end)
	case a.overflow:
		return end
	case a.ints <= 2 && !a.frac && !a.grouped && isClock(text[end:]):
		// A time of day, 8:00 or 16:08:34.
		for isClock(text[end:]) {
			end += 3
		}
		return end
	case a.frac && end+1 < len(text) && text[end] == '.' && isDigit(text[end+1]):
		return identEnd(text, end) // 3.1.2
	case !a.frac && !a.grouped && end+1 < len(text) && text[end] == '-' && isDigit(text[end+1]):
		j, groups, longest := end, 1, a.ints
		for j+1 < len(text) && text[j] == '-' && isDigit(text[j+1]) {
			k := j + 1
			for k < len(text) && isDigit(text[k]) {
				k++
			}
			groups++
			longest = max(longest, k-j-1)
			j = k
		}
		if groups >= 3 || longest >= 7 || text[at] == '0' && a.ints >= 3 {
			return j
		}
		return 0 // a range: 2021-2023年
	case text[at] == '0' && a.ints >= 3 && !a.frac:
		// An area code, perhaps in brackets before the number: (023)51522382.
		open, _ := utf8.DecodeLastRuneInString(text[:at])
		close, w := utf8.DecodeRuneInString(text[end:])
		if (open == '(' || open == '（') && (close == ')' || close == '）') && end+w < len(text) && isDigit(text[end+w]) {
			j := end + w
			for j < len(text) && (isDigit(text[j]) || text[j] == '-' && j+1 < len(text) && isDigit(text[j+1])) {
				j++
			}
			return j
		}
		return end
	}
	return 0
}

// isClock reports whether s begins with the minutes or seconds of a time of day: a colon
// and exactly two digits.
func isClock(s string) bool {
	return len(s) >= 3 && s[0] == ':' && isDigit(s[1]) && isDigit(s[2]) && (len(s) == 3 || !isDigit(s[3]))
}

// identEnd returns the end of the identifier-like run of ASCII letters, digits, points,
// hyphens and underscores at i.
func identEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if !isDigit(c) && !isLetter(c) && c != '.' && c != '-' && c != '_' {
			break
		}
		i++
	}
	return i
}

// heading reports whether the bare number a, whose mention begins at mention, is a
// heading marker: 1、 1. 1) at the start of a line or after a colon or full stop, or a
// small number in brackets anywhere: (1) （2）.
func (s *scanner) heading(mention int, a arabic) bool {
	if a.frac || a.grouped || a.ints > 2 || mention != a.start {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s.text[a.end:])
	prev, _ := utf8.DecodeLastRuneInString(s.text[:mention])
	if (prev == '(' || prev == '（') && (next == ')' || next == '）') {
		return true
	}
	switch next {
	case '、', '.':
	case ')', '）':
		return lineStart(s.text, mention, false)
	default:
		return false
	}
	return lineStart(s.text, mention, true)
}

// lineStart reports whether only horizontal space stands between the start of a line
// and offset at; with clause, the end of a clause (：；。) counts as a line start too.
func lineStart(text string, at int, clause bool) bool {
	for at > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:at])
		switch {
		case r == '\n' || r == '\r':
			return true
		case clause && strings.ContainsRune("：:；;。", r):
			return true
		case !isSpace(r):
			return false
		}
		at -= w
	}
	return true
}
