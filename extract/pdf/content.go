package pdf

import (
	"context"
	"math"
	"sync"

	lpdf "github.com/ledongthuc/pdf"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m×n: the transformation m followed by n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// apply transforms point (x, y) by m.
func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// char is one piece of text drawn on a page, in default user space: a glyph, or the
// replacement text of a marked-content sequence with /ActualText.
type char struct {
	x, y   float64 // origin on the baseline
	ex, ey float64 // end of the glyph's advance
	size   float64 // font size in user space
	angle  float64 // direction of the baseline, radians
	text   string
}

// rule is a vertical line segment drawn on a page (a table border), in user space.
type rule struct {
	x0, y0, x1, y1 float64
}

type textState struct {
	tc, tw, th, tl, ts, tfs float64
	font                    *font
}

type gstate struct {
	ctm  matrix
	text textState
}

// marked is an open marked-content sequence; actual is its /ActualText, if any.
type marked struct {
	actual    string
	hasActual bool
	start     int // len(chars) when it began
}

// Limits on the work one page may do, beyond its time limit.
const (
	maxFormDepth = 8
	maxForms     = 2000
	maxChars     = 1 << 18
	maxGStack    = 1 << 10
	maxOperands  = 1 << 10
)

// pageReader interprets the content of one page and collects its text and rules.
type pageReader struct {
	ctx   context.Context
	fonts *fontCache
	chars []char
	rules []rule
	forms int
	ops   int
	buf   []glyph
}

// fontCache holds the fonts of a document, keyed by their dictionary's written form
// (which names its streams by object number, so two fonts never share a key), and the
// budget of the bytes its streams may decode to. The pages share it, and their
// goroutines may overlap when one times out, so it has a lock.
type fontCache struct {
	mu      sync.Mutex
	m       map[string]*font
	streams *decodeBudget
}

func (c *fontCache) get(ctx context.Context, v lpdf.Value) *font {
	if v.Kind() != lpdf.Dict {
		return loadFont(ctx, c.streams, v)
	}
	key := v.String()
	c.mu.Lock()
	f, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = loadFont(ctx, c.streams, v)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*font{}
	}
	c.m[key] = f
	c.mu.Unlock()
	return f
}

// run interprets content with resources res, starting from matrix ctm, at form
// nesting depth.
func (p *pageReader) run(content []byte, res lpdf.Value, ctm matrix, depth int) {
	l := &lexer{b: content}
	gs := gstate{ctm: ctm, text: textState{th: 1}}
	var stack []gstate
	var args []any
	var tm, tlm matrix
	var mc []marked
	// The current path's vertical segments, kept until it is painted.
	var path []rule
	var cx, cy, sx, sy float64
	fonts := map[name]*font{} // the fonts of res by resource name
	var fontRes lpdf.Value    // res's /Font, resolved once

	num := func(i int) float64 {
		if i < len(args) {
			if f, ok := args[i].(float64); ok {
				return f
			}
		}
		return 0
	}
	addSeg := func(x0, y0, x1, y1 float64) {
		ax, ay := gs.ctm.apply(x0, y0)
		bx, by := gs.ctm.apply(x1, y1)
		if math.Abs(ax-bx) <= 1.5 && math.Abs(ay-by) > 2 && len(path) < maxChars {
			path = append(path, rule{ax, ay, bx, by})
		}
	}
	show := func(s string) {
		f := gs.text.font
		if f == nil {
			f = &font{codeLen: 1, scale: 0.001, dw: 0.5}
			gs.text.font = f
		}
		t := &gs.text
		p.buf = f.decode(s, p.buf[:0])
		for _, g := range p.buf {
			trm := matrix{t.tfs * t.th, 0, 0, t.tfs, 0, t.ts}.mul(tm).mul(gs.ctm)
			x, y := trm.apply(0, 0)
			ex, ey := trm.apply(g.width, 0)
			size := math.Hypot(trm[2], trm[3])
			if len(p.chars) < maxChars && g.text != "" {
				p.chars = append(p.chars, char{x: x, y: y, ex: ex, ey: ey, size: size,
					angle: math.Atan2(trm[1], trm[0]), text: g.text})
			}
			adv := g.width*t.tfs + t.tc
			if g.space {
				adv += t.tw
			}
			tm = matrix{1, 0, 0, 1, adv * t.th, 0}.mul(tm)
		}
	}
	nextLine := func() {
		tlm = matrix{1, 0, 0, 1, 0, -gs.text.tl}.mul(tlm)
		tm = tlm
	}

	for {
		p.ops++
		if p.ops&0xfff == 0 && p.ctx.Err() != nil {
			return
		}
		o := l.next()
		if _, ok := o.(eof); ok {
			return
		}
		op, ok := o.(keyword)
		if !ok {
			if len(args) < maxOperands {
				args = append(args, o)
			}
			continue
		}
		switch op {
		case "q":
			if len(stack) < maxGStack {
				stack = append(stack, gs)
			}
		case "Q":
			if n := len(stack); n > 0 {
				gs = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) >= 6 {
				gs.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			gs.text.tc = num(0)
		case "Tw":
			gs.text.tw = num(0)
		case "Tz":
			gs.text.th = num(0) / 100
		case "TL":
			gs.text.tl = num(0)
		case "Ts":
			gs.text.ts = num(0)
		case "Tf":
			if len(args) >= 2 {
				if n, ok := args[0].(name); ok {
					f, ok := fonts[n]
					if !ok {
						// Resolving is costly (the library caches no object), and
						// producers switch fonts at every run.
						if fontRes.Kind() == lpdf.Null {
							fontRes = res.Key("Font")
						}
						f = p.fonts.get(p.ctx, fontRes.Key(string(n)))
						fonts[n] = f
					}
					gs.text.font = f
				}
				gs.text.tfs = num(1)
			}
		case "Td":
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "TD":
			gs.text.tl = -num(1)
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) >= 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			nextLine()
		case "Tj":
			if len(args) >= 1 {
				if s, ok := args[len(args)-1].(string); ok {
					show(s)
				}
			}
		case "'":
			nextLine()
			if len(args) >= 1 {
				if s, ok := args[len(args)-1].(string); ok {
					show(s)
				}
			}
		case "\"":
			if len(args) >= 3 {
				gs.text.tw, gs.text.tc = num(0), num(1)
				nextLine()
				if s, ok := args[2].(string); ok {
					show(s)
				}
			}
		case "TJ":
			if len(args) >= 1 {
				arr, _ := args[len(args)-1].([]any)
				for _, e := range arr {
					switch e := e.(type) {
					case string:
						show(e)
					case float64:
						tx := -e / 1000 * gs.text.tfs * gs.text.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "BMC":
			mc = append(mc, marked{start: len(p.chars)})
		case "BDC":
			m := marked{start: len(p.chars)}
			if len(args) >= 2 {
				var props dict
				switch v := args[1].(type) {
				case dict:
					props = v
				case name:
					prop := res.Key("Properties").Key(string(v))
					if at := prop.Key("ActualText"); at.Kind() == lpdf.String {
						m.actual, m.hasActual = pdfText(at.RawString()), true
					}
				}
				if s, ok := props["ActualText"].(string); ok {
					m.actual, m.hasActual = pdfText(s), true
				}
			}
			if len(mc) < maxGStack {
				mc = append(mc, m)
			}
		case "EMC":
			if n := len(mc); n > 0 {
				m := mc[n-1]
				mc = mc[:n-1]
				if m.hasActual && m.start < len(p.chars) && !insideActual(mc) {
					first, last := p.chars[m.start], p.chars[len(p.chars)-1]
					first.ex, first.ey = last.ex, last.ey
					first.text = m.actual
					p.chars = append(p.chars[:m.start], first)
					if m.actual == "" {
						p.chars = p.chars[:m.start]
					}
				}
			}
		case "Do":
			if len(args) >= 1 && depth < maxFormDepth && p.forms < maxForms {
				if n, ok := args[0].(name); ok {
					p.form(res, string(n), gs.ctm, depth)
				}
			}
		case "BI":
			// Inline image: its dictionary up to ID, then binary data up to EI.
			for {
				o := l.next()
				if _, ok := o.(eof); ok {
					return
				}
				if o == keyword("ID") {
					break
				}
			}
			l.skipInlineImage()
		case "m":
			cx, cy = num(0), num(1)
			sx, sy = cx, cy
		case "l":
			addSeg(cx, cy, num(0), num(1))
			cx, cy = num(0), num(1)
		case "h":
			addSeg(cx, cy, sx, sy)
			cx, cy = sx, sy
		case "re":
			x, y, w, h := num(0), num(1), num(2), num(3)
			ax, _ := gs.ctm.apply(x, y)
			bx, _ := gs.ctm.apply(x+w, y+h)
			if math.Abs(ax-bx) <= 3 { // a thin bar: a line drawn as a rectangle
				addSeg(x+w/2, y, x+w/2, y+h)
			} else { // a box: its two sides
				addSeg(x, y, x, y+h)
				addSeg(x+w, y, x+w, y+h)
			}
			cx, cy, sx, sy = x, y, x, y
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if len(p.rules) < maxChars {
				p.rules = append(p.rules, path...)
			}
			path = path[:0]
		case "n":
			path = path[:0]
		}
		args = args[:0]
	}
}

// insideActual reports whether an enclosing sequence has /ActualText, which then
// replaces the inner one.
func insideActual(mc []marked) bool {
	for _, m := range mc {
		if m.hasActual {
			return true
		}
	}
	return false
}

// form runs the Form XObject named n in resources res.
func (p *pageReader) form(res lpdf.Value, n string, ctm matrix, depth int) {
	xo := res.Key("XObject").Key(n)
	if xo.Kind() != lpdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return
	}
	p.forms++
	data, _ := readStream(p.ctx, p.fonts.streams, xo, maxStreamBytes)
	if len(data) == 0 {
		return
	}
	if m := xo.Key("Matrix"); m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		ctm = fm.mul(ctm)
	}
	fres := xo.Key("Resources")
	if fres.Kind() != lpdf.Dict {
		fres = res
	}
	p.run(data, fres, ctm, depth+1)
}

// pdfText decodes a PDF text string: UTF-16BE after a byte order mark, UTF-8 after
// its mark, otherwise PDFDocEncoding (read as Latin-1, which it matches for text).
func pdfText(s string) string {
	switch {
	case len(s) >= 2 && s[0] == 0xfe && s[1] == 0xff:
		return utf16BE(s[2:])
	case len(s) >= 3 && s[:3] == "\xef\xbb\xbf":
		return s[3:]
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}
