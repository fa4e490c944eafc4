package html

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// prescanLimit bounds how far into a page the charset declaration is looked for. The
// HTML standard says 1024 bytes, but portal pages often carry long comments and
// scripts before their meta tags.
const prescanLimit = 64 << 10

// chooseEncoding decides how to decode a page: a byte-order mark wins; then bytes that
// are (nearly all) valid UTF-8 are UTF-8 whatever the page declares, since a page in
// GBK is almost never valid UTF-8 while mislabelled UTF-8 pages are common; then the
// declared charset; then GB18030, the superset of GB2312 and GBK that most Chinese
// pages without a declaration are written in. It returns the encoding and its name.
func chooseEncoding(b []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return encoding.Nop, "utf-8"
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	}
	declared, name := declaredEncoding(b)
	if !hasHighBit(b) {
		// ASCII reads the same in every encoding a page can declare here.
		if declared != nil {
			return declared, name
		}
		return encoding.Nop, "utf-8"
	}
	if mostlyUTF8(b) {
		return encoding.Nop, "utf-8"
	}
	switch {
	case declared == nil, name == "utf-8", name == "windows-1252":
		// No declaration, a false UTF-8 one, or the Latin-1 default of a server
		// that knew nothing of the page: a Chinese page is GB18030.
		return simplifiedchinese.GB18030, "gb18030"
	}
	return declared, name
}

// declaredEncoding returns the encoding named by the page's <meta charset>, <meta
// http-equiv="Content-Type" content="...; charset=..."> or XML declaration, or nil.
// GB2312 and GBK labels are answered with GB18030, their superset: many pages
// labelled GB2312 hold characters only GBK or GB18030 have.
func declaredEncoding(b []byte) (encoding.Encoding, string) {
	if len(b) > prescanLimit {
		b = b[:prescanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.CommentToken:
			// <?xml version="1.0" encoding="gb2312"?> is tokenized as a bogus comment.
			if d := string(z.Text()); strings.HasPrefix(d, "?xml") {
				if e, name := lookup(attrValue(d, "encoding")); e != nil {
					return e, name
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			switch string(tn) {
			case "body":
				return nil, ""
			case "meta":
				if !hasAttr {
					continue
				}
				var cs, httpEquiv, content string
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch string(k) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						httpEquiv = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if cs == "" && httpEquiv == "content-type" {
					cs = attrValue(content, "charset")
				}
				if e, name := lookup(cs); e != nil {
					return e, name
				}
			}
		}
	}
}

// lookup returns the encoding for a charset label, mapping the GB2312/GBK family to
// GB18030 and, as the HTML standard does, a UTF-16 label in an ASCII-readable
// declaration to UTF-8.
func lookup(label string) (encoding.Encoding, string) {
	label = strings.TrimSpace(label)
	if label == "" {
		return nil, ""
	}
	e, name := charset.Lookup(label)
	switch {
	case e == nil:
		return nil, ""
	case name == "gbk", name == "gb18030":
		return simplifiedchinese.GB18030, "gb18030"
	case strings.HasPrefix(name, "utf-16"), name == "utf-8":
		return encoding.Nop, "utf-8"
	}
	return e, name
}

// attrValue finds key=value in s (as in "text/html; charset=gbk" or an XML
// declaration) and returns the value without quotes.
func attrValue(s, key string) string {
	i := indexASCIIFold(s, key)
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len(key):], " \t\r\n")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.TrimLeft(s[1:], " \t\r\n")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if j := strings.IndexByte(s, q); j >= 0 {
			return s[:j]
		}
		return ""
	}
	if j := strings.IndexAny(s, " \t\r\n;\"'?>"); j >= 0 {
		s = s[:j]
	}
	return s
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// mostlyUTF8 reports whether b is UTF-8 with at most one invalid sequence per hundred
// valid multi-byte characters, so that a stray bad byte does not turn a UTF-8 page
// into GB18030 mojibake. Text in GBK has invalid sequences everywhere.
func mostlyUTF8(b []byte) bool {
	var valid, invalid int
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(b) {
				break // a character cut off at the end
			}
			invalid++
		} else {
			valid++
		}
		b = b[size:]
	}
	return invalid == 0 || invalid*100 <= valid
}

// indexASCIIFold returns the index of the lower-case ASCII key in s ignoring ASCII
// case, or -1. Unlike strings.ToLower it keeps s's byte offsets.
func indexASCIIFold(s, key string) int {
	for i := 0; i+len(key) <= len(s); i++ {
		j := 0
		for j < len(key) && s[i+j]|0x20 == key[j] {
			j++
		}
		if j == len(key) {
			return i
		}
	}
	return -1
}
