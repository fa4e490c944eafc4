package pdf

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout tolerances, in multiples of the font size.
const (
	baselineTol  = 0.4  // chars whose baselines differ by less are on one line
	cellGap      = 0.45 // a gap this wide with no rule or space glyph is a table cell boundary (a tab)
	wordGap      = 1.5  // but between Latin letters, which justified text spreads, only this wide
	latinSpace   = 0.2  // a gap this wide between Latin letters or digits is a space
	cjkSpace     = 1.0  // a gap this wide next to a Chinese character is a space
	wrapTol      = 3.0  // a line ending this close to the right margin may wrap
	indentTol    = 0.5  // a line starting this far right of the left margin is indented
	lineGapMax   = 2.2  // lines further apart than this do not belong to one paragraph
	minWrapWidth = 15   // a text block narrower than this holds no wrapped paragraphs
	dupTol       = 0.15 // the same text drawn this close again is a fake-bold overprint
	figureGap    = 0.25 // a gap this wide between a digit and a Chinese character parts two cells
)

// line is one line of a page's text, in the page's reading frame.
type line struct {
	chars  []*char // sorted left to right; x, y rotated into the reading frame
	text   string
	x0, x1 float64      // left and right ends
	y      float64      // baseline
	size   float64      // largest font size
	cells  bool         // the line holds table cells
	places [][2]float64 // with cells: each cell's left and right ends, in order
}

// cellLine is where the cells of one line of the page's text stand: for each cell (one
// for a line without " | "), its left and right ends, and the line's baseline.
type cellLine struct {
	xs [][2]float64
	y  float64
}

// listMarker matches the start of a numbered heading or list item, which always
// starts a new line: 一、 （一） (一) 1、 1. 1．表1 第一.
var listMarker = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．]|\d+\.(?:\D|$)|表\s*\d|第[一二三四五六七八九十\d]+[章节条部])`)

// layout orders the chars of a page into lines of text in reading order, puts " | "
// between the cells of a table row, and rejoins the lines of a paragraph that the page
// width broke. It returns the page's text, each line ended by "\n", and where the cells
// of each line holding " | " stand, in the order of those lines.
func layout(chars []char, rules []rule) (string, []cellLine) {
	if len(chars) == 0 {
		return "", nil
	}
	// Turn the page so that its dominant text direction reads left to right, and drop
	// text at other angles (stamps, watermarks, vertical margin notes).
	var votes [4]int
	quarter := func(a float64) int {
		return ((int(math.Round(a/(math.Pi/2))) % 4) + 4) % 4
	}
	for i := range chars {
		votes[quarter(chars[i].angle)]++
	}
	dom := 0
	for k := range votes {
		if votes[k] > votes[dom] {
			dom = k
		}
	}
	theta := float64(dom) * math.Pi / 2
	sin, cos := math.Sincos(theta)
	rot := func(x, y float64) (float64, float64) { return x*cos + y*sin, -x*sin + y*cos }
	kept := make([]*char, 0, len(chars))
	for i := range chars {
		c := &chars[i]
		if quarter(c.angle) != dom || c.size <= 0 || math.IsNaN(c.x+c.y+c.ex+c.ey+c.size) || math.IsInf(c.x+c.y+c.ex+c.ey+c.size, 0) {
			continue
		}
		c.x, c.y = rot(c.x, c.y)
		c.ex, c.ey = rot(c.ex, c.ey)
		if c.ex < c.x {
			c.x, c.ex = c.ex, c.x
		}
		kept = append(kept, c)
	}
	rs := make([]rule, len(rules))
	for i, r := range rules {
		x0, y0 := rot(r.x0, r.y0)
		x1, y1 := rot(r.x1, r.y1)
		if y1 < y0 {
			y0, y1 = y1, y0
		}
		rs[i] = rule{(x0 + x1) / 2, y0, (x0 + x1) / 2, y1}
	}

	lines := groupLines(kept)
	for _, ln := range lines {
		ln.text, ln.cells, ln.places = lineText(ln, rs)
	}
	return joinLines(lines)
}

// groupLines puts chars with close baselines on one line, top to bottom.
func groupLines(chars []*char) []*line {
	sort.SliceStable(chars, func(i, j int) bool {
		if chars[i].y != chars[j].y {
			return chars[i].y > chars[j].y
		}
		return chars[i].x < chars[j].x
	})
	var lines []*line
	var cur *line
	for _, c := range chars {
		if cur != nil && cur.y-c.y <= baselineTol*math.Max(cur.size, c.size) {
			cur.chars = append(cur.chars, c)
			cur.size = math.Max(cur.size, c.size)
			continue
		}
		cur = &line{chars: []*char{c}, y: c.y, size: c.size}
		lines = append(lines, cur)
	}
	for _, ln := range lines {
		sort.SliceStable(ln.chars, func(i, j int) bool { return ln.chars[i].x < ln.chars[j].x })
		ln.x0 = ln.chars[0].x
		ln.x1 = ln.chars[0].ex
		for _, c := range ln.chars {
			ln.x1 = math.Max(ln.x1, c.ex)
		}
	}
	return lines
}

// lineText writes the chars of ln, with spaces where gaps are wide and " | " between
// table cells, and reports whether it found cells and where each cell stands.
func lineText(ln *line, rules []rule) (string, bool, [][2]float64) {
	var b strings.Builder
	cells := false
	var places [][2]float64
	open := false // a cell has begun: places' last entry grows
	grow := func(c *char) {
		if !open {
			places = append(places, [2]float64{c.x, c.ex})
			open = true
			return
		}
		p := &places[len(places)-1]
		p[0], p[1] = math.Min(p[0], c.x), math.Max(p[1], c.ex)
	}
	var prev *char
	for _, c := range ln.chars {
		if prev != nil && c.text == prev.text && math.Abs(c.x-prev.x) < dupTol*c.size && math.Abs(c.y-prev.y) < dupTol*c.size {
			continue // drawn twice for a bold effect
		}
		if prev != nil {
			gap := c.x - prev.ex
			size := math.Max(c.size, prev.size)
			switch {
			case gap > 0.3*size && ruleBetween(rules, prev.ex, c.x, ln.y, size):
				b.WriteString(" | ")
				cells, open = true, false
			case gap > cellGap*size && !(isLatinLetter(lastRune(prev.text)) && isLatinLetter(firstRune(c.text))),
				gap > wordGap*size,
				// a figure cell and the label of the next, closer than cells usually stand
				gap > figureGap*size && isDigit(lastRune(prev.text)) && unicode.Is(unicode.Han, firstRune(c.text)):
				b.WriteString(" | ")
				cells, open = true, false
			case gap > spaceGap(prev.text, c.text)*size:
				if !endsSpace(b.String()) && !startsSpace(c.text) {
					b.WriteByte(' ')
				}
			}
		}
		t := c.text
		if strings.Contains(t, "\t") && isBlank(t) { // a tab drawn as a glyph: a cell boundary
			if b.Len() > 0 && !strings.HasSuffix(b.String(), " | ") {
				b.WriteString(" | ")
				cells, open = true, false
			}
			prev = c
			continue
		}
		if isBlank(t) {
			if b.Len() == 0 || endsSpace(b.String()) {
				prev = c
				continue
			}
			t = " "
		} else {
			grow(c)
		}
		b.WriteString(t)
		prev = c
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "  | ", " | ")), cells, places
}

// ruleBetween reports whether a vertical rule lies between x0 and x1 and crosses the
// text of a line with baseline y.
func ruleBetween(rules []rule, x0, x1, y, size float64) bool {
	for _, r := range rules {
		if r.x0 >= x0-1 && r.x0 <= x1+1 && r.y0 <= y+0.3*size && r.y1 >= y+0.3*size {
			return true
		}
	}
	return false
}

func spaceGap(a, b string) float64 {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if ra < utf8.RuneSelf && rb < utf8.RuneSelf {
		return latinSpace
	}
	return cjkSpace
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// joinLines writes the lines of a page, joining a line to the one before when the one
// before reached the right margin and this one starts at the left margin without a
// list marker: a paragraph broken by the page width, often inside a number ("372.40万"
// then "元").
func joinLines(lines []*line) (string, []cellLine) {
	var nonEmpty []*line
	for _, ln := range lines {
		if ln.text != "" {
			nonEmpty = append(nonEmpty, ln)
		}
	}
	if len(nonEmpty) == 0 {
		return "", nil
	}
	places := make([]cellLine, 0, len(nonEmpty))
	left, right := math.Inf(1), math.Inf(-1)
	for _, ln := range nonEmpty {
		left = math.Min(left, ln.x0)
		right = math.Max(right, ln.x1)
	}
	// Only a block of text wide enough to hold paragraphs wraps: a page of short lines
	// (a list, a table of contents) all reach its right margin.
	wide := func(size float64) bool { return right-left >= minWrapWidth*size }
	var b strings.Builder
	for i, ln := range nonEmpty {
		if i > 0 {
			prev := nonEmpty[i-1]
			size := math.Max(prev.size, ln.size)
			wraps := !prev.cells && !ln.cells && wide(size) &&
				prev.x1 >= right-wrapTol*size &&
				ln.x0 <= left+indentTol*size &&
				prev.y-ln.y <= lineGapMax*size &&
				math.Abs(prev.size-ln.size) < 0.15*size &&
				!listMarker.MatchString(ln.text)
			if wraps {
				ra, _ := utf8.DecodeLastRuneInString(prev.text)
				rb, _ := utf8.DecodeRuneInString(ln.text)
				if isLatinLetter(ra) && isLatinLetter(rb) {
					b.WriteByte(' ')
				}
				b.WriteString(ln.text)
				last := &places[len(places)-1]
				last.xs = [][2]float64{{math.Min(last.xs[0][0], ln.x0), math.Max(last.xs[len(last.xs)-1][1], ln.x1)}}
				continue
			}
			b.WriteByte('\n')
		}
		b.WriteString(ln.text)
		xs := ln.places
		if !ln.cells || len(xs) == 0 {
			xs = [][2]float64{{ln.x0, ln.x1}}
		}
		places = append(places, cellLine{xs: xs, y: ln.y})
	}
	b.WriteByte('\n')
	return b.String(), places
}

func isLatinLetter(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
