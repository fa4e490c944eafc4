package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// fixEnds returns b with the small defects of its ends mended that make the library
// refuse a file that readers open: bytes before the %PDF- header, a header other than
// "%PDF-1.0" to "%PDF-1.7" followed by a line end (PDF 2.0, a comment on the same line),
// and bytes after the last %%EOF. b itself is never changed.
func fixEnds(b []byte) []byte {
	head := b[:min(len(b), 1024)]
	i := bytes.Index(head, []byte("%PDF-"))
	if i < 0 {
		return b
	}
	b = b[i:]
	if j := bytes.LastIndex(b, []byte("%%EOF")); j > 0 && len(b)-(j+5) > 2 {
		b = b[:j+5]
	}
	if len(b) < 9 {
		return b
	}
	ok := b[5] == '1' && b[6] == '.' && b[7] >= '0' && b[7] <= '7' && (b[8] == '\r' || b[8] == '\n')
	if ok {
		return b
	}
	c := slices.Clone(b)
	copy(c, "%PDF-1.7")
	if c[8] != '\r' && c[8] != '\n' {
		c[8] = '\n'
	}
	return c
}

var (
	sizeEntry  = regexp.MustCompile(`/Size\s*(\d+)`)
	indexArray = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	wArray     = regexp.MustCompile(`/W\s*\[([\d\s]*)\]`)
	prevEntry  = regexp.MustCompile(`/Prev\s*(\d+)`)
	startXref  = regexp.MustCompile(`startxref\s*(\d+)`)
	extends    = regexp.MustCompile(`/Extends\b`)
	subsection = regexp.MustCompile(`^(\d+)\s+(\d+)\s*[\r\n]`)
	rootRef    = regexp.MustCompile(`/Root\s*(\d+)\s+(\d+)\s+R`)
	encryptRef = regexp.MustCompile(`/Encrypt\s*(\d+)\s+(\d+)\s+R`)
	idArray    = regexp.MustCompile(`/ID\s*\[\s*(<[0-9A-Fa-f\s]*>)\s*(<[0-9A-Fa-f\s]*>)\s*\]`)
	catalog    = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// objDef is an object definition "id gen obj" found in a file.
type objDef struct {
	gen int
	off int
}

// maxObjects bounds the cross-reference table a rebuilt file gets.
const maxObjects = 1 << 20

// rebuildXref returns b with a new cross-reference table and trailer appended, made by
// scanning b for "id gen obj" definitions (the last definition of an object wins, as
// with incremental updates), or nil when b holds no objects or no catalog. It recovers
// files whose table is corrupt or was cut off; objects inside object streams are not
// found.
func rebuildXref(b []byte) []byte {
	objs := map[int]objDef{}
	maxID := 0
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("obj"))
		if k < 0 {
			break
		}
		at := i + k
		i = at + 3
		if at+3 < len(b) && !isSpace(b[at+3]) && !isDelim(b[at+3]) {
			continue // "objects", "object"
		}
		id, gen, start, ok := objHeader(b, at)
		if !ok || id <= 0 || id >= maxObjects || id > len(b) {
			continue
		}
		objs[id] = objDef{gen: gen, off: start}
		maxID = max(maxID, id)
	}
	if len(objs) == 0 {
		return nil
	}
	var root []byte
	if m := rootRef.FindAllSubmatch(b, -1); len(m) > 0 {
		last := m[len(m)-1]
		if id, _ := strconv.Atoi(string(last[1])); objs[id].off > 0 {
			root = append(append(last[1], ' '), last[2]...)
		}
	}
	if root == nil {
		ids := make([]int, 0, len(objs))
		for id := range objs {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			d := objs[id]
			end := min(len(b), d.off+4096)
			if e := bytes.Index(b[d.off:end], []byte("endobj")); e >= 0 {
				end = d.off + e
			}
			if catalog.Match(b[d.off:end]) {
				root = fmt.Appendf(nil, "%d %d", id, d.gen)
				break
			}
		}
	}
	if root == nil {
		return nil
	}
	out := make([]byte, 0, len(b)+20*(maxID+1)+256)
	out = append(out, b...)
	out = append(out, '\n')
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f\r\n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if d, ok := objs[id]; ok {
			out = fmt.Appendf(out, "%010d %05d n\r\n", d.off, d.gen)
		} else {
			out = append(out, "0000000000 65535 f\r\n"...)
		}
	}
	out = fmt.Appendf(out, "trailer\n<</Size %d /Root %s R", maxID+1, root)
	if m := encryptRef.FindAllSubmatch(b, -1); len(m) > 0 {
		last := m[len(m)-1]
		out = fmt.Appendf(out, " /Encrypt %s %s R", last[1], last[2])
	}
	if m := idArray.FindAllSubmatch(b, -1); len(m) > 0 {
		last := m[len(m)-1]
		out = fmt.Appendf(out, " /ID [%s %s]", last[1], last[2])
	}
	out = fmt.Appendf(out, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	return out
}

// objHeader parses "id gen" before the "obj" at b[at:], returning the offset where id
// starts.
func objHeader(b []byte, at int) (id, gen, start int, ok bool) {
	i := at - 1
	skipSpace := func() bool {
		n := 0
		for i >= 0 && isSpace(b[i]) {
			i--
			n++
		}
		return n > 0
	}
	digits := func() (int, bool) {
		end := i + 1
		for i >= 0 && b[i] >= '0' && b[i] <= '9' && end-i <= 10 {
			i--
		}
		if i+1 == end {
			return 0, false
		}
		v, err := strconv.Atoi(string(b[i+1 : end]))
		return v, err == nil
	}
	skipSpace()
	gen, ok = digits()
	if !ok || !skipSpace() {
		return 0, 0, 0, false
	}
	id, ok = digits()
	if !ok || i >= 0 && !isSpace(b[i]) && !isDelim(b[i]) {
		return 0, 0, 0, false
	}
	return id, gen, i + 1, true
}

// xrefSane reports whether the cross-reference data of b is safe to hand to the
// library, which allocates a table as large as the numbers it finds there and follows
// chains without checking for cycles: every object count (/Size, /Index, xref
// subsection headers) must be below the file's size in bytes, since an object takes
// more than a byte; every /W field width at most 8; no two sections may name the same
// /Prev section (nor the last one, a cycle); and no object stream may /Extends
// another, a chain the library follows forever when it is cyclic.
func xrefSane(b []byte) bool {
	limit := int64(len(b))
	if extends.Match(b) {
		return false
	}
	seen := map[string]bool{}
	if m := startXref.FindAllSubmatch(b, -1); len(m) > 0 {
		seen[string(m[len(m)-1][1])] = true
	}
	for _, m := range prevEntry.FindAllSubmatch(b, -1) {
		if seen[string(m[1])] {
			return false
		}
		seen[string(m[1])] = true
	}
	small := func(s []byte, max int64) bool {
		v, err := strconv.ParseInt(string(s), 10, 64)
		return err == nil && v <= max
	}
	for _, m := range sizeEntry.FindAllSubmatch(b, -1) {
		if !small(m[1], limit) {
			return false
		}
	}
	for _, m := range indexArray.FindAllSubmatch(b, -1) {
		for _, f := range bytes.Fields(m[1]) {
			if !small(f, limit) {
				return false
			}
		}
	}
	for _, m := range wArray.FindAllSubmatch(b, -1) {
		for _, f := range bytes.Fields(m[1]) {
			if !small(f, 8) {
				return false
			}
		}
	}
	for _, end := range xrefHeadEnds(b) {
		// Subsection headers "start count"; entries are 20 bytes each.
		for i := end; i < len(b); {
			m := subsection.FindSubmatch(b[i:min(len(b), i+64)])
			if m == nil {
				break
			}
			start, _ := strconv.ParseInt(string(m[1]), 10, 64)
			n, err := strconv.ParseInt(string(m[2]), 10, 64)
			if err != nil || start > limit || n > limit || start+n > limit {
				return false
			}
			i += len(m[0]) + int(n)*20
		}
	}
	return true
}

// xrefHeadEnds returns the ends of the cross-reference headers in b: "xref" at the start
// of a line and the white space after it. It finds the keyword with bytes.Index, since a
// regexp for it has no literal to skip ahead with and would run over every byte.
func xrefHeadEnds(b []byte) []int {
	var ends []int
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("xref"))
		if j < 0 {
			return ends
		}
		j += i
		i = j + 4
		if j > 0 && b[j-1] != '\n' && b[j-1] != '\r' {
			continue
		}
		e := i
		for e < len(b) && (b[e] == ' ' || b[e] == '\t' || b[e] == '\n' || b[e] == '\f' || b[e] == '\r') {
			e++
		}
		if e > i {
			ends = append(ends, e)
			i = e
		}
	}
}
