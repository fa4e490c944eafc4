package numbers

// tokKind is the kind of one token of a figure.
type tokKind uint8

const (
	tokNone   tokKind = iota
	tokValue          // a Chinese digit, or an Arabic numeral such as 4000 or 1.2
	tokZero           // 零 〇 ○: zero, or a placeholder (一百零五)
	tokSmall          // 十 百 千
	tokBig            // 万 亿
	tokApprox         // 余 多
)

// numeral folds the tokens of one figure into its value, the way a reader of Chinese
// does: digits times 十/百/千 make a section below ten thousand; 万 and 亿 scale what came
// before them. Arabic numerals take a digit's place, so 3万4000 and 25万6千 read as
// they are meant. Each method reports whether it took the token; a token that does not
// fit ends the figure before it.
type numeral struct {
	yi, wan  Decimal // the parts before 亿 and before 万 (wan is below 亿)
	section  Decimal // the sum of digit × 十/百/千 since the last 万 or 亿
	pending  Decimal // the last value, not yet multiplied
	digits   int64   // the value of a year-style digit string (二〇二三)
	ndigits  int     // how many digits digits holds
	lastExp  int     // the exponent of the last multiplier taken
	prevExp  int     // the exponent of the multiplier right before pending (三万五), else 0
	small    int     // the exponent of the last 十/百/千 in this section, 0 if none
	lastBig  int     // the exponent of the last 万/亿 when no value or 十/百/千 came after it
	tokens   int     // tokens taken
	mults    int     // multipliers taken
	last     tokKind // the kind of the last token taken
	pend     bool    // pending holds a value
	single   bool    // pending is one digit, which 三万五 scales to 五千
	segment  bool    // a value or 十/百/千 came since the last 万 or 亿
	wanSet   bool    // 万 was taken since the last 亿
	yiSet    bool    // 亿 was taken
	approx   bool    // 余 or 多 was taken
	closed   bool    // nothing numeric may follow (after 多万, or a fraction)
	year     bool    // the figure is a year-style digit string, read digit by digit
	large    bool    // a 百, 千, 万 or 亿 was taken
	chinese  bool    // a Chinese digit was taken
	arabic   bool    // an Arabic numeral was taken
	overflow bool    // the value does not fit in a Decimal
	fraction bool    // a fraction after 点 was taken: only 万 or 亿 may follow
}

// value takes a digit or an Arabic numeral v. one says it is a single digit that may
// stand in a year or be scaled as in 三万五 (not 两); chinese that it is written in
// Chinese; zero that it is 零, 〇 or ○.
func (n *numeral) value(v Decimal, one, chinese, zero bool) bool {
	if n.approx || n.closed || n.fraction {
		return false
	}
	if n.year {
		if !chinese || !one || n.ndigits >= 4 {
			return false // a year has four digits
		}
		n.digits = n.digits*10 + v.Coef
		n.ndigits++
		n.tokens++
		return true
	}
	prevExp := 0
	switch {
	case !n.pend:
		if n.last == tokSmall || n.last == tokBig {
			prevExp = n.lastExp
		}
	case n.last == tokZero && n.tokens > 1:
		// 一百零五: the zero only held the place.
	case n.tokens == 1 && chinese && n.chinese && one && n.single:
		// 二〇二三: a second digit straight after the first makes a year-style string.
		n.year = true
		n.digits = n.pending.Coef*10 + v.Coef
		n.ndigits = 2
		n.tokens++
		return true
	default:
		return false
	}
	n.pending, n.pend, n.single = v, true, one && !zero
	n.prevExp = prevExp
	n.segment = true
	n.lastBig = 0
	n.tokens++
	if zero {
		n.last = tokZero
	} else {
		n.last = tokValue
	}
	if chinese {
		n.chinese = true
	} else {
		n.arabic = true
	}
	return true
}

// mult takes a multiplier of 10^exp: 十 百 千 (1–3) or 万 亿 (4, 8).
func (n *numeral) mult(exp int) bool {
	if n.year || n.last == tokZero || n.closed {
		return false
	}
	if exp >= 4 {
		return n.big(exp)
	}
	if n.approx {
		return false
	}
	if !n.pend {
		if exp != 1 || n.small != 0 {
			return false // only 十 may stand without a digit before it (十二)
		}
		n.pending, n.pend = Decimal{1, 0}, true
	}
	if n.small != 0 && exp >= n.small {
		return false // 十百, 二十三十
	}
	p, ok1 := n.pending.shift(exp)
	sec, ok2 := add(n.section, p)
	if !ok1 || !ok2 {
		n.overflow = true
		return false
	}
	n.section, n.pend, n.single = sec, false, false
	n.small, n.lastExp, n.lastBig = exp, exp, 0
	n.last, n.segment = tokSmall, true
	n.large = n.large || exp >= 2
	n.tokens++
	n.mults++
	return true
}

// big takes 万 (exp 4) or 亿 (exp 8).
func (n *numeral) big(exp int) bool {
	if !n.segment && !(exp == 8 && n.wanSet) {
		return false // 亿万, or a multiplier with nothing before it
	}
	seg, ok := n.sectionSum()
	if !ok {
		n.overflow = true
		return false
	}
	if exp == 4 {
		if n.wanSet {
			return false
		}
		n.wan, n.wanSet = seg, true
	} else {
		if n.yiSet {
			return false
		}
		if n.wanSet {
			w, ok1 := n.wan.shift(4)
			s, ok2 := add(w, seg)
			if !ok1 || !ok2 {
				n.overflow = true
				return false
			}
			seg = s
		}
		n.yi, n.yiSet = seg, true
		n.wan, n.wanSet = Decimal{}, false
	}
	n.section, n.pending, n.pend, n.single = Decimal{}, Decimal{}, false, false
	n.small, n.lastExp, n.lastBig = 0, exp, exp
	n.last, n.segment, n.large = tokBig, false, true
	n.closed = n.approx // 三十多万: nothing more after the 万
	n.tokens++
	n.mults++
	return true
}

// sectionSum returns the section plus the pending value.
func (n *numeral) sectionSum() (Decimal, bool) {
	if !n.pend {
		return n.section, true
	}
	return add(n.section, n.pending)
}

// approximate takes 余 or 多 (200余, 三十多).
func (n *numeral) approximate() bool {
	if n.tokens == 0 || n.approx || n.year || n.closed || n.last == tokZero {
		return false
	}
	n.approx = true
	n.last = tokApprox
	n.tokens++
	return true
}

// point takes the digits after 点 (七十六点七): frac is 0.7 for 七.
func (n *numeral) point(frac Decimal) bool {
	if n.approx || n.closed || n.year || n.fraction || n.arabic || !n.segment || n.last == tokZero && n.tokens > 1 {
		return false
	}
	base, ok1 := n.sectionSum()
	sum, ok2 := add(base, frac)
	if !ok1 || !ok2 {
		n.overflow = true
		return false
	}
	n.section, n.pending, n.pend, n.single = sum, Decimal{}, false, false
	n.small = 1 // no 十, 百 or 千 may follow
	n.last = tokValue
	n.tokens++
	n.fraction = true
	return true
}

// total returns the figure's value, applying the spoken shortening 三万五 = 35000 and
// 一百二 = 120: a lone digit straight after 百, 千, 万 or 亿 counts one place below it.
func (n *numeral) total() (Decimal, bool) {
	if n.year {
		return Decimal{n.digits, 0}, true
	}
	pending := n.pending
	if n.pend && n.single && n.last == tokValue && n.prevExp >= 2 {
		var ok bool
		if pending, ok = pending.shift(n.prevExp - 1); !ok {
			return Decimal{}, false
		}
	}
	sum := n.section
	var ok bool
	if n.pend {
		if sum, ok = add(sum, pending); !ok {
			return Decimal{}, false
		}
	}
	if n.wanSet {
		w, ok1 := n.wan.shift(4)
		s, ok2 := add(sum, w)
		if !ok1 || !ok2 {
			return Decimal{}, false
		}
		sum = s
	}
	if n.yiSet {
		y, ok1 := n.yi.shift(8)
		s, ok2 := add(sum, y)
		if !ok1 || !ok2 {
			return Decimal{}, false
		}
		sum = s
	}
	return sum, true
}
