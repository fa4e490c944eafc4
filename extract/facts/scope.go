package facts

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// The rules ask many questions of the text before a figure: does the sentence so far
// say 其中, does it or a heading above name 收入. Asked by searching that text again for
// every figure, they cost the square of a sentence's length when a sentence holds many
// figures (a table flattened into one paragraph holds thousands), and of a heading's when
// a long title heads many figures. Here each is answered from what is found once: for a
// sentence, where each word or pattern first ends in it, so that "does the sentence up to
// off hold it" is a comparison; for a heading, whether its title holds it.

// sentScan is what has been found in one sentence, d.Match[start:end].
type sentScan struct {
	start, end int
	words      map[string]int         // where each word's first occurrence ends, or -1
	res        map[*regexp.Regexp]int // where each pattern's earliest match ends, or -1
	all        map[string][]int       // the start of every occurrence of a word, in order
	otherClass int                    // where the first functional class but 其他支出 ends; -2 until found
}

// scan returns the sentence scan of the sentence d.Match[start:end], reusing the last one
// while the rules stay in that sentence: they read the figures in order.
func (d *Doc) scan(start, end int) *sentScan {
	if s := d.sent; s != nil && s.start == start && s.end == end {
		return s
	}
	d.sent = &sentScan{start: start, end: end, otherClass: -2}
	return d.sent
}

// wordBefore reports whether word occurs in the sentence wholly before off.
func (d *Doc) wordBefore(s *sentScan, word string, off int) bool {
	e, ok := s.words[word]
	if !ok {
		e = -1
		if i := strings.Index(d.Match[s.start:s.end], word); i >= 0 {
			e = s.start + i + len(word)
		}
		if s.words == nil {
			s.words = map[string]int{}
		}
		s.words[word] = e
	}
	return e >= 0 && e <= off
}

// lastWordBefore returns the start of the last occurrence of word in the sentence that
// ends at or before off, or -1.
func (d *Doc) lastWordBefore(s *sentScan, word string, off int) int {
	at, ok := s.all[word]
	if !ok {
		for i := s.start; ; {
			j := strings.Index(d.Match[i:s.end], word)
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + len(word)
		}
		if s.all == nil {
			s.all = map[string][]int{}
		}
		s.all[word] = at
	}
	k := sort.SearchInts(at, off-len(word)+1) // first occurrence ending after off
	if k == 0 {
		return -1
	}
	return at[k-1]
}

// reBefore reports whether re matches within the sentence before off: whether
// re.MatchString(d.Match[s.start:off]) holds. re must not hold $ or \b, so that a match in
// a prefix is a match in every longer one.
func (d *Doc) reBefore(s *sentScan, re *regexp.Regexp, off int) bool {
	e, ok := s.res[re]
	if !ok {
		e = earliestEnd(d.Match, s.start, s.end, re)
		if s.res == nil {
			s.res = map[*regexp.Regexp]int{}
		}
		s.res[re] = e
	}
	return e >= 0 && e <= off
}

// earliestEnd returns the smallest end such that re matches text[start:end] (with end
// at most hi, on a rune boundary), or -1. No match starts before the leftmost one, so the
// search for the earliest end reads only from the leftmost match's start to its end.
func earliestEnd(text string, start, hi int, re *regexp.Regexp) int {
	m := re.FindStringIndex(text[start:hi])
	if m == nil {
		return -1
	}
	lo := start + m[0]
	a, b := lo, start+m[1] // the earliest end is in [a, b], and re matches text[lo:b]
	for a < b {
		mid := a + (b-a)/2
		for mid > a && !utf8.RuneStart(text[mid]) {
			mid--
		}
		if re.MatchString(text[lo:mid]) {
			b = mid
		} else {
			_, w := utf8.DecodeRuneInString(text[mid:])
			a = mid + w
		}
	}
	return b
}

// otherClassBefore reports whether the sentence before off names a functional class
// other than 其他支出 (whole, ending at or before off).
func (d *Doc) otherClassBefore(s *sentScan, off int) bool {
	if s.otherClass == -2 {
		s.otherClass = -1
		for _, m := range functionRe.FindAllStringIndex(d.Match[s.start:s.end], -1) {
			if d.Match[s.start+m[0]:s.start+m[1]] != "其他支出" {
				s.otherClass = s.start + m[1]
				break
			}
		}
	}
	return s.otherClass >= 0 && s.otherClass <= off
}

// headingMemo holds, for each heading (by its start) and each pattern, whether the
// heading's title matches it.
type headingMemo map[headingKey]bool

type headingKey struct {
	start int
	re    *regexp.Regexp
}

// titleMatches reports whether the title of the heading h matches re, matching it once.
func (d *Doc) titleMatches(start int, title string, re *regexp.Regexp) bool {
	k := headingKey{start, re}
	v, ok := d.headMemo[k]
	if !ok {
		v = re.MatchString(title)
		if d.headMemo == nil {
			d.headMemo = headingMemo{}
		}
		d.headMemo[k] = v
	}
	return v
}

// underTitle reports whether the title of a heading off falls under matches re; of the
// innermost only if near.
func (d *Doc) underTitle(off int, re *regexp.Regexp, near bool) bool {
	path := d.Outline.At(off)
	if near && len(path) > 0 {
		path = path[len(path)-1:]
	}
	for _, h := range path {
		if d.titleMatches(h.Start, h.Title, re) {
			return true
		}
	}
	return false
}

// wordsRe returns a pattern matching any of words, for underTitle.
func wordsRe(words ...string) *regexp.Regexp {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(q, "|"))
}

// topic is where a rule's Topic and NoTopic are looked for: the text before the figure
// in its sentence (or a table's header), and the titles of the headings above it.
type topic struct {
	d    *Doc
	off  int       // the figure's offset, for the headings above it
	sent *sentScan // the figure's sentence, read up to cut; nil for a table
	cut  int
	head *fixedText // a table's header, instead of the sentence
}

// fixedText is a text matched against many patterns, each once.
type fixedText struct {
	text string
	memo map[*regexp.Regexp]bool
}

func (f *fixedText) matches(re *regexp.Regexp) bool {
	v, ok := f.memo[re]
	if !ok {
		v = re.MatchString(f.text)
		if f.memo == nil {
			f.memo = map[*regexp.Regexp]bool{}
		}
		f.memo[re] = v
	}
	return v
}

// has reports whether the text before the figure, or the title of a heading above it
// (of the innermost only, if near), matches re.
func (t topic) has(re *regexp.Regexp, near bool) bool {
	if t.d == nil {
		return false
	}
	switch {
	case t.sent != nil && t.d.reBefore(t.sent, re, t.cut):
		return true
	case t.head != nil && t.head.matches(re):
		return true
	}
	return t.d.underTitle(t.off, re, near)
}
