// Package decode turns the bytes of a plain-text document into UTF-8 text. It reads
// UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and
// GB18030 with its subsets GBK and GB2312, which most Chinese government sites still
// serve undeclared; the encoding is detected from the bytes, never taken on trust.
//
// Detection scores each candidate decoding by how unlike Chinese or ASCII text it
// looks and keeps the better one, so a GB18030 file is never read as UTF-8 nor the
// other way round, while a UTF-8 file with a few damaged bytes still decodes (with
// U+FFFD for the damage). Bytes that are no text at all are rejected as binary.
package decode

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

// Encoding names reported in source.Text.Encoding and by String.
const (
	UTF8    = "utf-8"
	GB18030 = "gb18030"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

const op = "decode"

// Read decodes a plain-text document: UTF-8 with or without BOM, UTF-16LE/BE with BOM,
// GB18030/GBK/GB2312 (detected, not declared), and returns it as a *source.Text with
// MediaType source.Plain and Encoding set to one of the constants above. A text laid out
// in columns by spaces has the cells of its table lines parted and placed (see Columns).
//
// Errors are *fail.Error of kind Empty (no bytes, or only white space), Binary (data
// that is no text: NUL or control bytes, an image, an archive) or Encoding (text-like
// bytes that decode as neither UTF-8 nor GB18030).
func Read(b []byte) (*source.Text, error) {
	text, enc, err := String(b)
	if err != nil {
		return nil, err
	}
	text, cells := Columns(text)
	return &source.Text{Text: text, MediaType: source.Plain, Encoding: enc, Cells: cells, Pages: formFeedPages(text)}, nil
}

// formFeedPages returns where the pages of a text start when form feeds part them, as
// pdftotext writes them; nil for a text without form feeds.
func formFeedPages(text string) []int {
	if !strings.Contains(text, "\f") {
		return nil
	}
	pages := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\f' && i+1 < len(text) {
			pages = append(pages, i+1)
		}
	}
	return pages
}

// String decodes b to UTF-8 text with the same detection as Read and returns the text
// (without a byte-order mark) and the name of the encoding it was decoded from. Other
// readers use it for text with no declared charset, such as an HTML page without one.
func String(b []byte) (text, encoding string, err error) {
	if len(b) == 0 {
		return "", "", fail.Errorf(op, fail.Empty, "no bytes")
	}
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		text, encoding = decodeUTF8(b[3:]), UTF8
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		text, encoding, err = decodeUTF16(b, utf16.LittleEndian, UTF16LE)
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		text, encoding, err = decodeUTF16(b, utf16.BigEndian, UTF16BE)
	default:
		text, encoding, err = detect(b)
	}
	if err != nil {
		return "", "", err
	}
	if strings.TrimFunc(text, isBlank) == "" {
		return "", "", fail.Errorf(op, fail.Empty, "only white space")
	}
	return text, encoding, nil
}

// isBlank reports whether r is white space or an invisible mark that carries no text.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
}

// decodeUTF8 returns b as a string with each invalid sequence (a stray byte, or
// the valid start of a truncated character) replaced by U+FFFD, as WHATWG decoders do.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out, err := utf16.UTF8.NewDecoder().Bytes(b)
	if err != nil { // the decoder replaces, never fails; keep Go's own repair as a fallback
		return strings.ToValidUTF8(string(b), "\ufffd")
	}
	return string(out)
}

// decodeUTF16 decodes b, which starts with a byte-order mark of the given order.
func decodeUTF16(b []byte, order utf16.Endianness, name string) (string, string, error) {
	if len(b)%2 != 0 {
		return "", "", fail.Errorf(op, fail.Encoding, "%s text of an odd number of bytes", name)
	}
	dec := utf16.UTF16(order, utf16.ExpectBOM).NewDecoder()
	out, err := dec.Bytes(b)
	if err != nil {
		return "", "", fail.Wrap(op, fail.Encoding, "invalid "+name+" text", err)
	}
	if reason := controlReason(out); reason != "" {
		return "", "", fail.Errorf(op, fail.Binary, "%s (decoded as %s)", reason, name)
	}
	if bad := bytes.Count(out, []byte("\ufffd")); bad*20 > utf8.RuneCount(out) {
		return "", "", fail.Errorf(op, fail.Encoding, "%d invalid %s sequences", bad, name)
	}
	return string(out), name, nil
}

// detect decodes b, which has no byte-order mark, as UTF-8 or GB18030, whichever
// reads better, or rejects it.
func detect(b []byte) (string, string, error) {
	if kind := magic(b); kind != "" {
		return "", "", fail.Errorf(op, fail.Binary, "%s, not text", kind)
	}
	if reason := controlReason(b); reason != "" {
		return "", "", fail.Errorf(op, fail.Binary, "%s", reason)
	}
	u := scoreUTF8(b)
	if u.invalid == 0 && u.odd == 0 {
		return string(b), UTF8, nil // the common case: clean UTF-8 text
	}
	g := scoreGB18030(b)
	best, enc := u, UTF8
	if g.bad() < u.bad() {
		best, enc = g, GB18030
	}
	// Text is mostly valid in its own encoding: allow one damaged character in
	// eight, or damage in under 2% of a mostly-ASCII file, before giving up. Valid
	// GB18030 of more than two rare characters in three is no Chinese text either
	// (random bytes pass GB18030's loose byte rules).
	if best.invalid*8 > best.chars && best.invalid*50 > len(b) || enc == GB18030 && best.chars >= 32 && best.odd*3 > best.chars*2 {
		if looksTextual(b) {
			return "", "", fail.Errorf(op, fail.Encoding, "neither UTF-8 nor GB18030 text")
		}
		return "", "", fail.Errorf(op, fail.Binary, "bytes that are neither UTF-8 nor GB18030 text")
	}
	if enc == UTF8 {
		return decodeUTF8(b), UTF8, nil
	}
	out, err := decodeWith(simplifiedchinese.GB18030, b)
	if err != nil {
		return "", "", fail.Wrap(op, fail.Encoding, "invalid GB18030 text", err)
	}
	return out, GB18030, nil
}

func decodeWith(e encoding.Encoding, b []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// magic names the binary format whose signature b starts with, or returns "".
func magic(b []byte) string {
	for _, m := range signatures {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.name
		}
	}
	return ""
}

var signatures = []struct{ prefix, name string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"PK\x03\x04", "a zip archive"},
	{"PK\x05\x06", "a zip archive"},
	{"\x1f\x8b", "gzip data"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7z archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (old Word or Excel)"},
	{"\x7fELF", "an executable"},
	{"MZ\x90\x00", "an executable"},
}

// controlReason returns why b looks binary: NUL bytes, or more control bytes than
// text ever has. It returns "" for text. Tab, line feed, vertical tab, form feed,
// carriage return, escape and the DOS end-of-file mark count as text.
func controlReason(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 {
		return "NUL bytes"
	}
	n := 0
	for _, c := range b {
		if (c < 0x20 && !textControl[c]) || c == 0x7f {
			n++
		}
	}
	if n > 0 && n*100 > len(b) || n > 64 && n*1000 > len(b) {
		return "control bytes"
	}
	return ""
}

var textControl = [0x20]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, 0x1a: true, 0x1b: true}

// looksTextual reports whether most of b is printable ASCII or line breaks, as in a
// text file of a foreign encoding rather than binary data.
func looksTextual(b []byte) bool {
	n := 0
	for _, c := range b {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' {
			n++
		}
	}
	return n*2 >= len(b)
}

// score counts, for one candidate decoding, the characters beyond ASCII, the invalid
// sequences among them, and the valid but odd ones: characters Chinese text rarely
// holds, which is what the other encoding's bytes turn into.
type score struct {
	chars, invalid, odd int
}

// bad weighs a decoding's faults; the candidate with fewer wins.
func (s score) bad() int { return 2*s.invalid + s.odd }

// scoreUTF8 scores b as UTF-8. Odd characters are invalid bytes, C1 controls and
// letters of the Latin, Greek, Cyrillic, Hebrew and Arabic blocks, which is what
// GB18030 pairs read as UTF-8 turn into; a few common symbols of those blocks (°,
// ±, ², ·, ×, ÷, §, ©) are not odd, and neither are pinyin letters with tone marks
// when they stand among ASCII letters. On a tie UTF-8 wins, so a GB18030 text of a
// character or two that reads as exactly such symbols is taken for UTF-8: no
// detector can tell those apart.
func scoreUTF8(b []byte) score {
	var s score
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		s.chars++
		switch {
		case r == utf8.RuneError && n == 1:
			s.invalid++
		case r < 0x800:
			if !commonSymbol(r) && !((asciiLetterAt(b, i-1) || asciiLetterAt(b, i+n)) && isPinyin(r)) {
				s.odd++
			}
		case r >= 0xe000 && r < 0xf900: // private use
			s.odd++
		}
		i += n
	}
	return s
}

func commonSymbol(r rune) bool {
	switch r {
	case 0xa0, 0xa7, 0xa9, 0xb0, 0xb1, 0xb2, 0xb3, 0xb7, 0xd7, 0xf7:
		return true
	}
	return false
}

// isPinyin reports whether r is a vowel with a tone mark or ü as pinyin writes them.
func isPinyin(r rune) bool {
	return strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹĀÁǍÀĒÉĚÈŌÓǑÒ", r)
}

func asciiLetterAt(b []byte, i int) bool {
	if i < 0 || i >= len(b) {
		return false
	}
	c := b[i] | 0x20
	return c >= 'a' && c <= 'z'
}

// scoreGB18030 scores b as GB18030. The 3755 common hanzi of GB2312's first level and
// its punctuation, numeral, full-width, pinyin and box-drawing rows are expected; odd
// are GB2312's second level (rare hanzi) and everything else GB18030 holds: the GBK
// extension (rare and traditional characters), the user-defined areas and four-byte
// sequences. UTF-8 Chinese read as GB18030 is almost entirely odd, simplified Chinese
// text in GB18030 almost never, traditional text about half the time and random
// bytes three times in four.
func scoreGB18030(b []byte) score {
	var s score
	for i := 0; i < len(b); {
		c0 := b[i]
		if c0 < 0x80 {
			i++
			continue
		}
		s.chars++
		if c0 == 0x80 || c0 == 0xff || i+1 >= len(b) {
			s.invalid++
			i++
			continue
		}
		c1 := b[i+1]
		switch {
		case c1 >= 0x30 && c1 <= 0x39: // four bytes
			if i+3 < len(b) && b[i+2] >= 0x81 && b[i+2] <= 0xfe && b[i+3] >= 0x30 && b[i+3] <= 0x39 {
				s.odd++
				i += 4
			} else {
				s.invalid++
				i++
			}
		case c1 >= 0x40 && c1 <= 0xfe && c1 != 0x7f:
			if !commonGB(c0, c1) {
				s.odd++
			}
			i += 2
		default:
			s.invalid++
			i++
		}
	}
	return s
}

// commonGB reports whether the GB2312 pair c0 c1 is a common character: a hanzi of the
// first level or one of the symbol rows Chinese documents use.
func commonGB(c0, c1 byte) bool {
	if c1 < 0xa1 || c1 == 0xff {
		return false
	}
	switch {
	case c0 >= 0xb0 && c0 <= 0xd7:
		return true
	case c0 == 0xa1, c0 == 0xa2, c0 == 0xa3, c0 == 0xa8, c0 == 0xa9:
		return true
	}
	return false
}
