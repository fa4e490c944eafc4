package normalize

import (
	"strings"
	"unicode/utf8"
)

// spaces tidies blanks (spaces and tabs; fold has made every other space a space):
// a run beside a Han character or Chinese punctuation is removed, which closes
// letter-spaced text (经 费 总预 算 → 经费总预算) and a figure's gap to its unit
// (0 万元 → 0万元); a run beside the | of a table row or between other characters
// becomes one space, since it may part two table cells; lines are trimmed; runs of
// blank lines become one blank line, and blank lines at the start and end go.
func spaces(b *builder) {
	in := b.in
	end := len(in) // the end of the last non-blank character
	for end > 0 && (in[end-1] == ' ' || in[end-1] == '\t' || in[end-1] == '\n') {
		end--
	}
	blank := true // the previous line was blank, or there was none
	for ls := 0; ls < end; {
		le := strings.IndexByte(in[ls:], '\n')
		if le < 0 {
			le = len(in)
		} else {
			le += ls
		}
		first, last := ls, le // the line's non-blank part
		for first < le && (in[first] == ' ' || in[first] == '\t') {
			first++
		}
		for last > first && (in[last-1] == ' ' || in[last-1] == '\t') {
			last--
		}
		if first == le { // a blank line
			if blank {
				b.delete(ls, le+1)
			} else {
				b.delete(ls, le)
			}
			blank = true
			ls = le + 1
			continue
		}
		blank = false
		b.delete(ls, first)
		innerSpaces(b, first, last)
		if last < le && last < end {
			b.delete(last, le)
		}
		ls = le + 1
	}
	b.delete(end, len(in))
}

// innerSpaces tidies the runs of blanks in in[start:end], a line without blanks at
// either end.
func innerSpaces(b *builder, start, end int) {
	in := b.in
	for i := start; i < end; i++ {
		k := strings.IndexAny(in[i:end], " \t")
		if k < 0 {
			return
		}
		i += k
		j := i + 1
		for j < end && (in[j] == ' ' || in[j] == '\t') {
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(in[:i])
		next, _ := utf8.DecodeRuneInString(in[j:])
		switch {
		case prev == '|' || next == '|':
			if j-i != 1 || in[i] != ' ' {
				b.replace(i, j, " ")
			}
		case isWide(prev) || isWide(next):
			b.delete(i, j)
		case j-i != 1 || in[i] != ' ':
			b.replace(i, j, " ")
		}
		i = j - 1
	}
}
