package normalize

import "strings"

// fieldCodes removes the codes of Word fields that converters leave in the text of
// a table of contents or a cross-reference: TOC \o "1-3" \h \z \u, PAGEREF _Toc123 \h
// (with the page number that follows it, the field's result) and HYPERLINK \l "_Toc…".
// A keyword counts only with the arguments its field needs, so the word TOC in prose
// stays.
func fieldCodes(b *builder) {
	in := b.in
	var next [len(fieldKeywords)]int // the next index of each keyword at or after i, or -1
	for k := range next {
		next[k] = -2 // not searched yet
	}
	for i := 0; i < len(in); {
		j := -1
		for k, kw := range fieldKeywords {
			if next[k] == -2 || next[k] >= 0 && next[k] < i {
				next[k] = strings.Index(in[i:], kw)
				if next[k] >= 0 {
					next[k] += i
				}
			}
			if next[k] >= 0 && (j < 0 || next[k] < j) {
				j = next[k]
			}
		}
		if j < 0 {
			return
		}
		n := fieldCode(in, j)
		if n == 0 {
			i = j + 1
			continue
		}
		start, end := j, j+n
		// Field braces, when the converter kept them: { PAGEREF _Toc1 \h }.
		if k := strings.TrimRight(in[i:start], " \t"); strings.HasSuffix(k, "{") {
			start = i + len(k) - 1
			if r := trimBlanksLeft(in[end:]); strings.HasPrefix(r, "}") {
				end = len(in) - len(r) + 1
			}
		}
		// The blanks before the field go too, so that the blanks around it do not
		// become one run that holds it.
		start = i + len(strings.TrimRight(in[i:start], " \t"))
		// A line that held only the field goes with its line break.
		if r := trimBlanksLeft(in[end:]); (start == 0 || in[start-1] == '\n') && strings.HasPrefix(r, "\n") {
			end = len(in) - len(r) + 1
		}
		b.delete(start, end)
		i = end
	}
}

// trimBlanksLeft returns s without its leading spaces and tabs.
func trimBlanksLeft(s string) string {
	return strings.TrimLeft(s, " \t")
}

var fieldKeywords = [...]string{"TOC", "PAGEREF", "HYPERLINK", "NOTEREF", "REF"}

// fieldCode returns the length of the field code starting at in[i:], or 0 if there
// is none there.
func fieldCode(in string, i int) int {
	if i > 0 && (isAlnum(rune(in[i-1])) || in[i-1] == '_' || in[i-1] == '\\') {
		return 0
	}
	var kw string
	for _, k := range fieldKeywords {
		if strings.HasPrefix(in[i:], k) {
			kw = k
			break
		}
	}
	j := i + len(kw)
	bookmark, mark, switches, quoted := false, false, 0, false
	hSwitch, prevStar := false, false
	for {
		k := j
		for k < len(in) && (in[k] == ' ' || in[k] == '\t') {
			k++
		}
		if k == j || k == len(in) {
			break
		}
		switch c := in[k]; {
		case c == '\\' && k+1 < len(in) && isSwitch(in[k+1]):
			switches++
			hSwitch = in[k+1] == 'h'
			prevStar = in[k+1] == '*'
			j = k + 2
			continue
		case c == '"':
			end := strings.IndexAny(in[k+1:min(len(in), k+257)], "\"\n")
			if end < 0 || in[k+1+end] != '"' {
				break
			}
			quoted = true
			j = k + 1 + end + 1
			continue
		case isAlnum(rune(c)) || c == '_':
			e := k
			for e < len(in) && (isAlnum(rune(in[e])) || in[e] == '_') {
				e++
			}
			if e < len(in) && in[e] >= 0x80 {
				break // a word running into Chinese text is no argument
			}
			word := in[k:e]
			switch {
			case prevStar: // \* MERGEFORMAT
				prevStar = false
				j = e
				continue
			case strings.HasPrefix(word, "_Toc"), strings.HasPrefix(word, "_Ref"), strings.HasPrefix(word, "_Hlk"):
				bookmark, mark = true, true
				j = e
				continue
			case kw != "TOC" && kw != "HYPERLINK" && !bookmark && switches == 0 && !isDigit(word[0]):
				bookmark = true
				j = e
				continue
			}
		}
		break
	}
	switch kw {
	case "TOC":
		if switches == 0 {
			return 0
		}
	case "HYPERLINK":
		if !quoted && switches == 0 {
			return 0
		}
	case "PAGEREF":
		if !bookmark {
			return 0
		}
	default: // REF and NOTEREF are words too: ask for more
		if !bookmark || !mark && switches == 0 {
			return 0
		}
	}
	// A page reference is followed by its result, the page number.
	if kw == "PAGEREF" && hSwitch {
		k := j
		for k < len(in) && (in[k] == ' ' || in[k] == '\t') {
			k++
		}
		e := k
		for e < len(in) && isDigit(in[e]) && e-k < 4 {
			e++
		}
		if e > k && (e == len(in) || in[e] == '\n' || in[e] == ' ' || in[e] == '\t') {
			j = e
		}
	}
	return j - i
}

// isSwitch reports whether c names a field switch after a backslash.
func isSwitch(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c == '*' || c == '#' || c == '@' || c == '!'
}
