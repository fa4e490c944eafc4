package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Bounds on the decoded size of a page's content and of a font's CMap, so that a small
// compressed bomb cannot take the memory of the process.
const (
	maxStreamBytes = 64 << 20
	maxCMapBytes   = 4 << 20
)

// A document's streams together may decode to at most minDecodeBudget bytes, or
// decodeBudgetPerByte times the file's size if that is more: each stream is bounded
// above, but a file may hold thousands of small Flate bombs, or name one from every page,
// and the inflating would take minutes. A page whose streams go past it is read in part
// and reported, as a damaged one is.
const (
	minDecodeBudget     = 256 << 20
	decodeBudgetPerByte = 16
)

// errDecodeBudget is the error of a stream read past the document's budget.
var errDecodeBudget = errors.New("the document's streams decode to more than the limit")

// decodeBudget is what is left of a document's budget of decoded bytes. The pages'
// goroutines may overlap when one times out, so it is atomic.
type decodeBudget struct{ left atomic.Int64 }

func newDecodeBudget(fileSize int) *decodeBudget {
	b := &decodeBudget{}
	b.left.Store(max(minDecodeBudget, decodeBudgetPerByte*int64(fileSize)))
	return b
}

// budgetReader reads a stream while ctx is live and the budget lasts, checking both
// before every read of the inflater: io.Copy reads 32 KiB at a time.
type budgetReader struct {
	ctx context.Context
	b   *decodeBudget
	r   io.Reader
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if r.b != nil && r.b.left.Load() <= 0 {
		return 0, errDecodeBudget
	}
	n, err := r.r.Read(p)
	if r.b != nil {
		r.b.left.Add(-int64(n))
	}
	return n, err
}

// readStream returns the decoded bytes of stream v, at most limit of them, within the
// document's budget b (nil: none), stopping when ctx is done. A stream that fails part
// way (a truncated or corrupt Flate stream) yields the bytes decoded before the failure
// and the error; a panic of the library becomes an error.
func readStream(ctx context.Context, b *decodeBudget, v lpdf.Value, limit int) (data []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("reading stream: %v", x)
		}
	}()
	if v.Kind() != lpdf.Stream {
		return nil, fmt.Errorf("not a stream")
	}
	rc := v.Reader()
	defer rc.Close()
	var buf bytes.Buffer
	_, err = io.Copy(&buf, io.LimitReader(&budgetReader{ctx: ctx, b: b, r: rc}, int64(limit)))
	return buf.Bytes(), err
}

// widthRange gives CIDs lo..hi the width w.
type widthRange struct {
	lo, hi uint32
	w      float64
}

// font is what the text layer needs of a PDF font: how to split a string into codes,
// the Unicode text of each code, and each code's advance width in text space units
// (thousandths of the font size already applied).
type font struct {
	subtype   string
	toUnicode *cmap // the font's /ToUnicode map, if any
	enc       *cmap // a Type0 font's embedded encoding CMap, if any
	codeLen   int   // default code length: 2 for Type0, 1 for simple fonts
	identity  bool  // a Type0 font whose CID is its code (Identity-H/V)
	unicode16 bool  // a Type0 font with a UCS-2/UTF-16 encoding (UniGB-UCS2-H ...)
	gbk       bool  // a Type0 font with a GB/GBK EUC encoding
	simple    [256]string
	widths    map[uint32]float64 // by CID (Type0) or code (simple fonts)
	wranges   []widthRange
	dw        float64 // default width, text space units
	scale     float64 // glyph space to text space: 0.001, or a Type3 font's FontMatrix
}

// glyph is one decoded character code.
type glyph struct {
	text  string
	width float64 // advance in text space units, before the font size
	space bool    // a single-byte code 32, to which word spacing applies
}

// loadFont reads font dictionary v. It never panics; a font it cannot make sense of
// decodes every code to U+FFFD, which the garbling check reports.
func loadFont(ctx context.Context, b *decodeBudget, v lpdf.Value) (f *font) {
	f = &font{codeLen: 1, scale: 0.001, dw: 0.5}
	defer func() {
		if recover() != nil {
			f = &font{codeLen: 1, scale: 0.001, dw: 0.5}
		}
	}()
	f.subtype = v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		if data, _ := readStream(ctx, b, tu, maxCMapBytes); len(data) > 0 {
			f.toUnicode = parseCMap(data)
		}
	}
	if f.subtype == "Type0" {
		f.loadType0(ctx, b, v)
		return f
	}
	f.loadSimple(v)
	return f
}

func (f *font) loadType0(ctx context.Context, b *decodeBudget, v lpdf.Value) {
	f.codeLen = 2
	f.scale = 0.001
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case lpdf.Name:
		n := enc.Name()
		switch {
		case strings.HasPrefix(n, "Identity"):
			f.identity = true
		case strings.HasPrefix(n, "UniGB-UCS2") || strings.HasPrefix(n, "UniGB-UTF16") ||
			strings.HasPrefix(n, "UniCNS-UCS2") || strings.HasPrefix(n, "UniCNS-UTF16"):
			f.unicode16 = true
		case strings.HasPrefix(n, "GB") && strings.Contains(n, "EUC") || strings.HasPrefix(n, "GBK"):
			f.gbk = true
			f.enc = &cmap{space: []codeRange{
				{lo: [4]byte{0x00}, hi: [4]byte{0x80}, n: 1},
				{lo: [4]byte{0x81, 0x40}, hi: [4]byte{0xfe, 0xfe}, n: 2},
			}}
		}
	case lpdf.Stream:
		if data, _ := readStream(ctx, b, enc, maxCMapBytes); len(data) > 0 {
			f.enc = parseCMap(data)
		}
	default:
		f.identity = true
	}
	desc := v.Key("DescendantFonts").Index(0)
	f.dw = 1
	if dw := desc.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
		f.dw = dw.Float64() * f.scale
	}
	w := desc.Key("W")
	f.widths = map[uint32]float64{}
	const maxWidths = 1 << 16
	for i := 0; i < w.Len() && len(f.widths) < maxWidths; {
		first := w.Index(i)
		next := w.Index(i + 1)
		if first.Kind() != lpdf.Integer && first.Kind() != lpdf.Real {
			break
		}
		c := uint32(first.Float64())
		if next.Kind() == lpdf.Array {
			for k := 0; k < next.Len() && len(f.widths) < maxWidths; k++ {
				f.widths[c+uint32(k)] = next.Index(k).Float64() * f.scale
			}
			i += 2
			continue
		}
		last := w.Index(i + 2)
		if last.Kind() != lpdf.Integer && last.Kind() != lpdf.Real {
			break
		}
		f.wranges = append(f.wranges, widthRange{c, uint32(next.Float64()), last.Float64() * f.scale})
		i += 3
	}
}

func (f *font) loadSimple(v lpdf.Value) {
	if f.subtype == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64()
		}
	}
	// Base encoding: WinAnsi unless the font says otherwise. A Type3 font has no base
	// encoding: its codes mean only what Differences and ToUnicode say.
	base := "WinAnsiEncoding"
	enc := v.Key("Encoding")
	if enc.Kind() == lpdf.Name {
		base = enc.Name()
	} else if be := enc.Key("BaseEncoding"); be.Kind() == lpdf.Name {
		base = be.Name()
	}
	if f.subtype != "Type3" || enc.Kind() == lpdf.Name || enc.Key("BaseEncoding").Kind() == lpdf.Name {
		cm := charmap.Windows1252
		if base == "MacRomanEncoding" {
			cm = charmap.Macintosh
		}
		for c := 32; c < 256; c++ {
			if r := cm.DecodeByte(byte(c)); r != 0xFFFD {
				f.simple[c] = string(r)
			}
		}
	}
	if diff := enc.Key("Differences"); diff.Kind() == lpdf.Array {
		c := 0
		for i := 0; i < diff.Len(); i++ {
			d := diff.Index(i)
			switch d.Kind() {
			case lpdf.Integer, lpdf.Real:
				c = int(d.Float64())
			case lpdf.Name:
				if c >= 0 && c < 256 {
					f.simple[c] = glyphText(d.Name())
				}
				c++
			}
		}
	}
	first := int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	f.widths = make(map[uint32]float64, ws.Len())
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths[uint32(first+i)] = ws.Index(i).Float64() * f.scale
	}
	f.dw = 0.5
	if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == lpdf.Integer || mw.Kind() == lpdf.Real {
		if mw.Float64() > 0 {
			f.dw = mw.Float64() * f.scale
		}
	}
}

// decode splits s into character codes and returns their glyphs.
func (f *font) decode(s string, out []glyph) []glyph {
	for len(s) > 0 {
		var c code
		var n int
		switch {
		case f.enc != nil:
			c, n = f.enc.split(s, f.codeLen)
		case f.codeLen == 2:
			c, n = codeOf(s[:min(2, len(s))]), min(2, len(s))
		default:
			c, n = codeOf(s[:1]), 1
		}
		raw := s[:n]
		s = s[n:]
		out = append(out, glyph{text: f.text(c, raw), width: f.width(c), space: n == 1 && c.v == 32})
	}
	return out
}

// text returns the Unicode text of code c (whose bytes are raw): the ToUnicode map
// first, then what the font's encoding implies, then U+FFFD.
func (f *font) text(c code, raw string) string {
	if f.toUnicode != nil {
		if s, ok := f.toUnicode.lookup(c); ok {
			return s
		}
		if s, ok := f.toUnicode.lookupAnyLength(c); ok {
			return s
		}
	}
	switch {
	case f.unicode16:
		return utf16BE(raw)
	case f.gbk:
		if len(raw) == 1 && raw[0] < 0x80 {
			return raw
		}
		if out, err := simplifiedchinese.GB18030.NewDecoder().String(raw); err == nil {
			return out
		}
	case f.subtype != "Type0":
		if s := f.simple[c.v&0xff]; s != "" {
			return s
		}
	}
	return "\uFFFD"
}

// width returns the advance of code c in text space units.
func (f *font) width(c code) float64 {
	key := c.v
	if f.subtype == "Type0" {
		switch {
		case f.enc != nil && !f.gbk:
			cid, ok := f.enc.cid(c)
			if !ok {
				return f.dw
			}
			key = cid
		case !f.identity:
			return f.dw
		}
	}
	if w, ok := f.widths[key]; ok {
		return w
	}
	for _, r := range f.wranges {
		if key >= r.lo && key <= r.hi {
			return r.w
		}
	}
	return f.dw
}
