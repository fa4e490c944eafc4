package normalize

import (
	"regexp"
	"strconv"
	"strings"
)

// pageNumber matches a line that is only a page number: — 2 —, - 2 -, -2-, 第 2 页,
// 第2页 共10页, 共10页 第2页, 2/10, Page 2 of 10. A bare number is not one: it may be
// a table cell.
var pageNumber = regexp.MustCompile(`^(?:[-－—–―─]{1,3}[ \t]*\d{1,4}[ \t]*[-－—–―─]{1,3}` +
	`|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?` +
	`|共[ \t]*\d{1,4}[ \t]*页[ \t]*[,，]?[ \t]*第[ \t]*\d{1,4}[ \t]*页` +
	`|(\d{1,4})[ \t]*/[ \t]*(\d{1,4})` +
	`|[Pp]age[ \t]*\d{1,4}(?:[ \t]*of[ \t]*\d{1,4})?)$`)

// pageNumbers removes lines that are only a page number, with their line break, so
// that a paragraph broken across pages can be joined again.
func pageNumbers(b *builder) {
	in := b.in
	for start := 0; start < len(in); {
		end := strings.IndexByte(in[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(in)-start, len(in)
		}
		end += start
		if isPageNumber(strings.Trim(in[start:end], " \t")) {
			b.delete(start, next)
		}
		start = next
	}
}

// isPageNumber reports whether line, trimmed, is only a page number.
func isPageNumber(line string) bool {
	if len(line) < 3 || len(line) > 40 || !strings.ContainsAny(line, "0123456789") {
		return false
	}
	m := pageNumber.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	if m[1] != "" { // n/m: a page of a count, not a fraction or a date
		n, _ := strconv.Atoi(m[1])
		total, _ := strconv.Atoi(m[2])
		return n >= 1 && n <= total
	}
	return true
}
