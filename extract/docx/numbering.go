package docx

import (
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/source"
)

// numbering holds a document's list definitions (word/numbering.xml) and the counters
// of the lists met so far, so that automatically numbered paragraphs get the numbers
// Word shows.
type numbering struct {
	abstract map[string]*[9]level   // abstractNumId → its levels
	nums     map[string]string      // numId → abstractNumId
	starts   map[string]map[int]int // numId → level → start override
	counts   map[string]*counter    // numId → counters of the list
}

// level is one level of a list definition.
type level struct {
	start  int
	format string // w:numFmt: decimal, chineseCounting, bullet, ...
	text   string // w:lvlText: "%1、", "（%2）", "%1.%2"
	suffix string // w:suff: tab (the default), space or nothing
	legal  bool   // w:isLgl: every level's number in Arabic digits
}

// counter is the state of one list.
type counter struct {
	n    [9]int
	used [9]bool
}

// numbering reads the numbering part beside the main part; a document without one
// gets an empty numbering.
func (p *pkg) numbering(main string) (*numbering, error) {
	num := &numbering{
		abstract: map[string]*[9]level{},
		nums:     map[string]string{},
		starts:   map[string]map[int]int{},
		counts:   map[string]*counter{},
	}
	part := path.Join(path.Dir(main), "numbering.xml")
	d, c, err := p.open(part)
	if err != nil || d == nil {
		return num, err
	}
	defer c.Close()
	var abs *[9]level   // the open w:abstractNum
	var lvl *level      // the open w:lvl
	var numID string    // the open w:num
	overrideLevel := -1 // the open w:lvlOverride
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return num, nil
		}
		if err != nil {
			return nil, p.partError(part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				continue
			}
			val := attr(t, "val")
			switch t.Name.Local {
			case "abstractNum":
				abs = &[9]level{}
				for i := range abs {
					abs[i] = level{start: 1, format: "decimal", suffix: "tab"}
				}
				num.abstract[attr(t, "abstractNumId")] = abs
			case "lvl":
				if i, err := strconv.Atoi(attr(t, "ilvl")); err == nil && i >= 0 && i < 9 && abs != nil && numID == "" {
					lvl = &abs[i]
				} else {
					lvl = nil
				}
			case "start":
				if n, err := strconv.Atoi(val); err == nil && lvl != nil {
					lvl.start = n
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = val
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = val
				}
			case "suff":
				if lvl != nil {
					lvl.suffix = val
				}
			case "isLgl":
				if lvl != nil {
					lvl.legal = val == "" || val == "1" || val == "true" || val == "on"
				}
			case "num":
				numID = attr(t, "numId")
			case "abstractNumId":
				if numID != "" {
					num.nums[numID] = val
				}
			case "lvlOverride":
				overrideLevel, _ = strconv.Atoi(attr(t, "ilvl"))
			case "startOverride":
				if n, err := strconv.Atoi(val); err == nil && numID != "" && overrideLevel >= 0 && overrideLevel < 9 {
					if num.starts[numID] == nil {
						num.starts[numID] = map[int]int{}
					}
					num.starts[numID][overrideLevel] = n
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = nil
			case "lvl":
				lvl = nil
			case "num":
				numID = ""
			case "lvlOverride":
				overrideLevel = -1
			}
		}
	}
}

// label counts one more paragraph of list numID at level ilvl and returns the number
// Word shows before it ("一、", "（三）", "2.1 "), or "" for bullets, unknown lists and
// numId 0, which turns numbering off.
func (n *numbering) label(numID, ilvl string) string {
	absID, ok := n.nums[numID]
	if !ok {
		return ""
	}
	levels := n.abstract[absID]
	if levels == nil {
		return ""
	}
	l, err := strconv.Atoi(ilvl)
	if err != nil || l < 0 || l >= 9 {
		l = 0
	}
	c := n.counts[numID]
	if c == nil {
		c = &counter{}
		n.counts[numID] = c
	}
	start := func(i int) int {
		if s, ok := n.starts[numID][i]; ok {
			return s
		}
		return levels[i].start
	}
	if c.used[l] {
		c.n[l]++
	} else {
		c.n[l], c.used[l] = start(l), true
	}
	for i := l + 1; i < 9; i++ {
		c.used[i] = false
	}
	lv := levels[l]
	if lv.format == "bullet" || lv.format == "none" || lv.text == "" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(lv.text); i++ {
		ch := lv.text[i]
		if ch == '%' && i+1 < len(lv.text) && lv.text[i+1] >= '1' && lv.text[i+1] <= '9' {
			k := int(lv.text[i+1] - '1')
			v := c.n[k]
			if !c.used[k] {
				v = start(k)
			}
			format := levels[k].format
			if lv.legal {
				format = "decimal"
			}
			b.WriteString(formatNumber(v, format))
			i++
			continue
		}
		b.WriteByte(ch)
	}
	label := b.String()
	if last, _ := utf8.DecodeLastRuneInString(label); lv.suffix != "nothing" && label != "" && !source.Wide(last) {
		label += " "
	}
	return label
}

// formatNumber writes n in one of Word's number formats.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified":
		return chineseNumber(n)
	case "ideographDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteRune([]rune("〇一二三四五六七八九")[d-'0'])
		}
		return b.String()
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "ideographZodiac":
		if n >= 1 && n <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[n-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune(0x2460 + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// chineseNumber writes 1 to 99 as 一 to 九十九; other numbers in digits.
func chineseNumber(n int) string {
	digits := []rune("〇一二三四五六七八九")
	switch {
	case n >= 0 && n <= 10:
		if n == 10 {
			return "十"
		}
		return string(digits[n])
	case n < 20:
		return "十" + string(digits[n-10])
	case n < 100:
		s := string(digits[n/10]) + "十"
		if n%10 != 0 {
			s += string(digits[n%10])
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
