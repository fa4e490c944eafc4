package numbers

import (
	"math"
	"strconv"
	"strings"
)

// Unit is a money unit stated with a figure.
type Unit uint8

// The money units. A figure without one of its own is NoUnit; the unit its table or
// sentence declares (see ScanUnitDecls) is then the caller's to apply.
const (
	NoUnit Unit = iota
	Yuan        // 元 圆 圓
	Wan         // 万元 萬元: ten thousand yuan
	Yi          // 亿元 億元: a hundred million yuan
)

// String returns the unit as written in simplified Chinese: "", "元", "万元" or "亿元".
func (u Unit) String() string {
	switch u {
	case Yuan:
		return "元"
	case Wan:
		return "万元"
	case Yi:
		return "亿元"
	}
	return ""
}

// Fen returns how many fen (分, a hundredth of a yuan) one u is: 100, 1_000_000 or
// 10_000_000_000, and 0 for NoUnit or an unknown unit.
func (u Unit) Fen() int64 {
	switch u {
	case Yuan, Wan, Yi:
		return pow10[u.fenExp()]
	}
	return 0
}

// fenExp returns the power of ten of u's fen, or -1 when u is not a money unit.
func (u Unit) fenExp() int {
	switch u {
	case Yuan:
		return 2
	case Wan:
		return 6
	case Yi:
		return 10
	}
	return -1
}

// Decimal is an exact decimal number, Coef / 10^Scale. The values Scan returns are
// canonical: Scale ≥ 0 and no trailing zeros in the fraction, so that 4.00 and 4 are the
// same Decimal and == compares values.
type Decimal struct {
	Coef  int64
	Scale int
}

// maxScale bounds the scales the methods take apart digit by digit; a Decimal outside
// ±maxScale is formatted in exponent form instead of being expanded.
const maxScale = 64

// String returns d in plain decimal notation: "154.79", "0", "-4", "0.005".
func (d Decimal) String() string {
	neg := d.Coef < 0
	mag := uint64(d.Coef)
	if neg {
		mag = -mag // two's complement: right for math.MinInt64 too
	}
	digits := strconv.FormatUint(mag, 10)
	switch {
	case d.Coef == 0:
		return "0"
	case d.Scale > maxScale || d.Scale < -maxScale:
		digits += "e" + strconv.Itoa(-d.Scale)
	case d.Scale < 0:
		digits += strings.Repeat("0", -d.Scale)
	case d.Scale > 0:
		if len(digits) <= d.Scale {
			digits = strings.Repeat("0", d.Scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-d.Scale] + "." + digits[len(digits)-d.Scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// Fen returns the exact number of fen that d units of u come to: 154.79 Wan is
// 154_790_000 fen. It reports false when u is not a money unit, when the amount is not a
// whole number of fen (0.001 Yuan), or when it does not fit in an int64.
func (d Decimal) Fen(u Unit) (int64, bool) {
	k := u.fenExp()
	if k < 0 {
		return 0, false
	}
	return d.scaled(k)
}

// Int returns d as a whole number; false when d has a fraction or does not fit in an int64.
func (d Decimal) Int() (int64, bool) {
	return d.scaled(0)
}

// scaled returns d × 10^k when that is a whole number that fits in an int64.
func (d Decimal) scaled(k int) (int64, bool) {
	if d.Coef == 0 {
		return 0, true
	}
	if d.Scale > maxScale || d.Scale < -maxScale {
		return 0, false
	}
	e := k - d.Scale
	if e >= 0 {
		return mulPow10(d.Coef, e)
	}
	if -e >= len(pow10) {
		return 0, false // a non-zero int64 has fewer than 19 trailing zeros
	}
	p := pow10[-e]
	if d.Coef%p != 0 {
		return 0, false
	}
	return d.Coef / p, true
}

// pow10[i] is 10^i for every power of ten an int64 holds.
var pow10 = [...]int64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
}

// mulPow10 returns c × 10^e, false on overflow.
func mulPow10(c int64, e int) (int64, bool) {
	if c == 0 || e == 0 {
		return c, true
	}
	if e < 0 || e >= len(pow10) {
		return 0, false
	}
	p := pow10[e]
	if c > math.MaxInt64/p || c < math.MinInt64/p {
		return 0, false
	}
	return c * p, true
}

// shift returns d × 10^k exactly; false on overflow. Lowering the value (k < 0) only
// raises the scale.
func (d Decimal) shift(k int) (Decimal, bool) {
	if k <= d.Scale {
		return Decimal{d.Coef, d.Scale - k}, true
	}
	c, ok := mulPow10(d.Coef, k-d.Scale)
	return Decimal{c, 0}, ok
}

// add returns a + b exactly; false on overflow.
func add(a, b Decimal) (Decimal, bool) {
	for a.Scale < b.Scale {
		var ok bool
		if a, ok = a.rescale(b.Scale); !ok {
			return Decimal{}, false
		}
	}
	for b.Scale < a.Scale {
		var ok bool
		if b, ok = b.rescale(a.Scale); !ok {
			return Decimal{}, false
		}
	}
	s := a.Coef + b.Coef
	if (b.Coef > 0 && s < a.Coef) || (b.Coef < 0 && s > a.Coef) {
		return Decimal{}, false
	}
	return Decimal{s, a.Scale}, true
}

// rescale returns d written with the larger scale s.
func (d Decimal) rescale(s int) (Decimal, bool) {
	c, ok := mulPow10(d.Coef, s-d.Scale)
	return Decimal{c, s}, ok
}

// canonical returns d with no trailing zeros in its fraction and a scale ≥ 0.
func (d Decimal) canonical() (Decimal, bool) {
	if d.Coef == 0 {
		return Decimal{}, true
	}
	if d.Scale < 0 {
		return d.shift(0)
	}
	for d.Scale > 0 && d.Coef%10 == 0 {
		d.Coef /= 10
		d.Scale--
	}
	return d, true
}
