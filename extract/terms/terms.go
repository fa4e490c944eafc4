// Package terms cuts the text of a budget explanation into tokens (words, numbers, runs
// of Latin letters, whitespace and punctuation), each with a part-of-speech tag and its
// byte offsets, so that the field rules can match vocabulary rather than characters.
//
// The cutting is done by gse (github.com/go-ego/gse) behind the small Segmenter
// interface, loaded with the project's own compact budget dictionary (package dict) and
// not gse's full one: it loads in milliseconds and the budget terms come out whole
// (一般公共预算财政拨款, “三公”经费, 公务用车运行维护费, 科学技术支出 ...). Numbers, Latin
// letters and whitespace are cut by this package before gse sees the text, since gse
// splits 76.7, 1,234 and full-width digits into pieces.
package terms

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/cnbudget/cnbudget/dict"
	"github.com/cnbudget/cnbudget/extract/fail"
)

// Part-of-speech tags this package gives itself; the other tags come from the
// dictionary (see dict/budget.txt for the list).
const (
	PosNumber = "m"   // a run of digits with its separators: 2023, 154.79, 1,234
	PosLatin  = "eng" // a run of Latin letters: GDP, PPP
	PosOther  = "x"   // whitespace, punctuation, and characters the dictionary lacks
)

// Token is one token: its text, part-of-speech tag and byte offsets in the text cut,
// so that text[Start:End] == Text.
type Token struct {
	Text  string
	Pos   string
	Start int
	End   int
}

// Segmenter cuts text into tokens. Implementations are safe for concurrent use.
//
// The tokens of Cut(text) cover text exactly: in order, without gaps or overlaps, the
// first starting at 0 and the last ending at len(text). Invalid UTF-8 is cut too, never
// dropped.
type Segmenter interface {
	Cut(text string) []Token
}

// Gse is a Segmenter backed by gse with the budget dictionary. It is immutable once made
// and safe for concurrent use; make one and share it.
type Gse struct {
	// segment is the loaded gse.Segmenter's Segment method, never changed after New.
	// Gse holds the method value rather than the *gse.Segmenter so that no type
	// descriptor of this package leads to gse.Segmenter: a binary that uses reflection
	// to call methods (text/template, reflect.Value.MethodByName) keeps every exported
	// method of the types reachable from its interfaces, and Segmenter's LoadDictEmbed
	// would then bring in gse's ~38 MB of embedded dictionaries.
	segment func([]byte) []gse.Segment
	entries int // number of dictionary entries loaded
}

var _ Segmenter = (*Gse)(nil)

// New returns the gse segmenter loaded with dict.Budget() only (not gse's full
// dictionary). It takes a few milliseconds. gse's package-level HMM model is neither
// loaded nor touched, so New may run while other Segmenters cut.
func New() (*Gse, error) {
	return load(dict.Budget())
}

// load returns a Gse loaded with the dictionary text d ("word frequency tag" lines,
// comment lines starting with "#").
func load(d string) (*Gse, error) {
	// NotLoadHMM keeps Init from rewriting gse's package-global HMM model; the
	// dictionary-only shortest path of Segment does not use it.
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	if err := seg.LoadDictStr(stripComments(d)); err != nil {
		return nil, fail.Wrap("terms", fail.Internal, "loading the segmentation dictionary", err)
	}
	if seg.Dict == nil || seg.Dict.NumTokens() == 0 {
		return nil, fail.Errorf("terms", fail.Internal, "the segmentation dictionary has no entries")
	}
	return &Gse{segment: seg.Segment, entries: seg.Dict.NumTokens()}, nil
}

// stripComments drops the comment lines of a dictionary, which gse's loader would
// otherwise read as entries when their second word is a number.
func stripComments(d string) string {
	var b strings.Builder
	b.Grow(len(d))
	for line := range strings.Lines(d) {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

// Cut cuts text into tokens with their part-of-speech tags; offsets are byte offsets
// into text and the tokens cover it exactly. A run of digits (ASCII or full-width) with
// the decimal points and thousands separators inside it is one token tagged "m"; a run
// of Latin letters is one token tagged "eng"; a run of whitespace is one token tagged
// "x". The rest is cut by gse along the dictionary's shortest path; a character the
// dictionary lacks is a token of its own tagged "x".
func (g *Gse) Cut(text string) []Token {
	toks := make([]Token, 0, len(text)/8+1)
	chunk := 0 // start of the text not yet cut, which goes to gse
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		var end int
		var pos string
		switch {
		case isDigit(r):
			end, pos = scanNumber(text, i), PosNumber
		case isLatin(r):
			end, pos = scanRun(text, i, isLatin), PosLatin
		case unicode.IsSpace(r):
			end, pos = scanRun(text, i, unicode.IsSpace), PosOther
		default:
			i += size
			continue
		}
		toks = g.cutWords(toks, text, chunk, i)
		toks = append(toks, Token{Text: text[i:end], Pos: pos, Start: i, End: end})
		i, chunk = end, end
	}
	return g.cutWords(toks, text, chunk, len(text))
}

// cutWords appends the tokens gse cuts text[start:end] into.
func (g *Gse) cutWords(toks []Token, text string, start, end int) []Token {
	if start >= end {
		return toks
	}
	at := start
	for _, s := range g.segment([]byte(text[start:end])) {
		e := start + s.End()
		if s.Start() != at-start || e <= at || e > end {
			break // gse's offsets went astray; the rest becomes one token below
		}
		pos := PosOther
		if t := s.Token(); t != nil && t.Pos() != "" {
			pos = t.Pos()
		}
		toks = append(toks, Token{Text: text[at:e], Pos: pos, Start: at, End: e})
		at = e
	}
	if at < end {
		toks = append(toks, Token{Text: text[at:end], Pos: PosOther, Start: at, End: end})
	}
	return toks
}

// isDigit reports whether r is an ASCII or full-width decimal digit.
func isDigit(r rune) bool {
	return '0' <= r && r <= '9' || '０' <= r && r <= '９'
}

// isLatin reports whether r is an ASCII or full-width Latin letter.
func isLatin(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || 'ａ' <= r && r <= 'ｚ' || 'Ａ' <= r && r <= 'Ｚ'
}

// scanRun returns the end of the run of runes satisfying in that starts at i.
func scanRun(text string, i int, in func(rune) bool) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !in(r) {
			break
		}
		i += size
	}
	return i
}

// scanNumber returns the end of the number starting at the digit at i: digits, with a
// decimal point (. or ．) followed by a digit, or a thousands separator (, or ，)
// followed by exactly three digits, taken in. A separator in any other place ends the
// number, so that 共3. and 第1,2项 keep their punctuation apart.
func scanNumber(text string, i int) int {
	for {
		i = scanRun(text, i, isDigit)
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '.', '．':
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); !isDigit(next) {
				return i
			}
		case ',', '，':
			if !threeDigits(text[i+size:]) {
				return i
			}
		default:
			return i
		}
		i += size
	}
}

// threeDigits reports whether s starts with exactly three digits.
func threeDigits(s string) bool {
	for n := 0; ; n++ {
		r, size := utf8.DecodeRuneInString(s)
		if !isDigit(r) {
			return n == 3
		}
		if n == 3 {
			return false
		}
		s = s[size:]
	}
}
