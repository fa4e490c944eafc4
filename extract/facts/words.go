package facts

import "strings"

// words matches a text that holds any of its words: what the regexp alternation of the
// same words (新增|增加|…) matches. Go's regexp finds no literal prefix to skip to in an
// alternation, so it runs its automaton from every offset of the text; a plain search
// for each word is many times cheaper on the labels and lines these run on.
type words []string

// MatchString reports whether s holds any of the words.
func (w words) MatchString(s string) bool {
	for _, x := range w {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
