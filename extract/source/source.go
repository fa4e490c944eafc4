// Package source holds what every format reader produces: a document's plain text with
// its page boundaries and the problems met while reading it, and the sniffing that picks
// the reader for a document's bytes.
package source

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Media types the extractor reads.
const (
	Plain = "text/plain"
	PDF   = "application/pdf"
	HTML  = "text/html"
	DOCX  = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX  = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	// XLS is a legacy Excel 97-2003 (BIFF) workbook, sniffed so that its reader can
	// say what to do with it.
	XLS = "application/vnd.ms-excel"
)

// Text is a document's plain text as its format reader produced it, before normalisation.
type Text struct {
	// Text is the document's text in UTF-8: lines separated by "\n", table cells of one
	// row on one line separated by " | ".
	Text string
	// MediaType is the format that was read (one of the constants above).
	MediaType string
	// Encoding is the character encoding the text was decoded from (utf-8, gb18030, ...).
	Encoding string
	// Pages holds the byte offset in Text where each page starts; Pages[0] is 0.
	// It is nil for formats without pages.
	Pages []int
	// Warnings are problems that did not stop the reading (a page that failed, garbling).
	Warnings []Warning
	// Cells are the table cells whose place on the page the reader knows (PDF), in Text
	// order. A row written on one line loses its blank cells; with their places the
	// table stage still puts each figure under the column header it stands beneath.
	// Nil for readers whose rows keep every cell (HTML, DOCX, XLSX: see Row).
	Cells []Cell
}

// Cell is one table cell of a paged document: where its text is in Text and where it
// stands on its page.
type Cell struct {
	Start, End int     // byte offsets of the cell's text in Text
	X0, X1     float64 // left and right ends on the page, in points, in the reading frame
	Y          float64 // baseline, in points from the page's foot (greater is higher)
}

// PageAt returns the 1-based page holding byte offset off of t.Text, or 0 when t has no pages.
func (t *Text) PageAt(off int) int {
	if len(t.Pages) == 0 {
		return 0
	}
	lo, hi := 0, len(t.Pages)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if t.Pages[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// WarningCode names a reading problem; the values match the record's WarningCode names
// without their prefix, in lower case.
type WarningCode string

// Reading problems.
const (
	PageFailed  WarningCode = "page_failed"  // one page could not be read
	GarbledText WarningCode = "garbled_text" // some text came out as meaningless code points
)

// Warning is a problem met while reading that did not stop it.
type Warning struct {
	Code    WarningCode
	Page    int    // 1-based page, or 0
	Message string // one sentence for people
}

// Sniff returns the media type of a document from its bytes, falling back to its name's
// extension and then to the declared media type. It never fails: bytes that are no known
// format are reported as Plain, and the text decoder decides whether they are text.
func Sniff(content []byte, name, declared string) string {
	head := content
	if len(head) > 1024 {
		head = head[:1024]
	}
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("%PDF-")) || bytes.Contains(head, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(content, []byte("PK\x03\x04")):
		if isWorkbook(content) {
			return XLSX
		}
		if bytes.Contains(content, []byte("word/")) {
			return DOCX
		}
		return "application/zip"
	case looksHTML(trimmed):
		return HTML
	case bytes.HasPrefix(content, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) && isLegacyWorkbook(content):
		return XLS
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return PDF
	case ".htm", ".html", ".shtml", ".xhtml":
		return HTML
	case ".docx":
		return DOCX
	case ".xlsx", ".xlsm":
		return XLSX
	case ".xls":
		return XLS
	}
	if declared != "" {
		if mt, _, _ := strings.Cut(declared, ";"); mt != "" {
			return strings.TrimSpace(strings.ToLower(mt))
		}
	}
	return Plain
}

// isWorkbook reports whether a zip package is an Excel workbook: whether its entries
// include xl/workbook.xml (read from the zip's directory, or searched for in its bytes
// when the directory is damaged).
func isWorkbook(content []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return bytes.Contains(content, []byte("xl/workbook.xml")) && !bytes.Contains(content, []byte("word/document.xml"))
	}
	for _, f := range z.File {
		if strings.EqualFold(f.Name, "xl/workbook.xml") {
			return true
		}
	}
	return false
}

// isLegacyWorkbook reports whether an OLE compound file holds a BIFF workbook: a
// stream named Workbook (BIFF8) or Book (BIFF5), in UTF-16 as OLE names its streams.
func isLegacyWorkbook(content []byte) bool {
	return !bytes.Contains(content, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")) &&
		(bytes.Contains(content, []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00")) ||
			(bytes.Contains(content, []byte("B\x00o\x00o\x00k\x00")) && !bytes.Contains(content, []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"))))
}

func looksHTML(b []byte) bool {
	l := bytes.ToLower(b)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<meta", "<body", "<?xml version"} {
		if bytes.HasPrefix(l, []byte(p)) {
			return p != "<?xml version" || bytes.Contains(l, []byte("<html"))
		}
	}
	return false
}

// Row returns a table row's cell texts on one line separated by " | ", as every reader
// writes table rows. Empty cells at the end of the row are left out and empty ones
// before a filled one are kept, so that columns stay in place; the line carries no
// space at its ends ("| 5" for a row whose first cell is empty), and a row of empty
// cells is "".
func Row(cells []string) string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return strings.TrimSpace(strings.Join(cells, " | "))
}

// CellText joins the lines of one table cell into one line: with no space between
// Chinese characters, which a narrow column wraps anywhere, and with one elsewhere.
func CellText(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(l)
			if !Wide(prev) || !Wide(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// Wide reports whether r is a Chinese character, CJK punctuation or a full-width
// form: text in which a line break or a space means nothing.
func Wide(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK punctuation
		(r >= 0xff00 && r <= 0xffef) // full-width forms
}
