// Package normalize turns a document's raw text into the normalised text every later
// stage reads, keeping a map from each normalised byte back to the source bytes it came
// from, so that a fact found in the normalised text can be traced to the source.
//
// Normalisation is a fixed sequence of small passes, each a function over the whole
// text that records where it changed lengths:
//
//  1. fold: full-width digits and Latin letters to ASCII, ％ to %, ． between digits to
//     ., odd spaces to a space, invisible marks and control characters dropped, CR LF
//     and CR to LF, HTML entities decoded, line-breaking HTML tags to LF and other
//     stray tags dropped. Chinese punctuation （），。：；、“” stays as it is.
//  2. fieldCodes: Word field codes (TOC, PAGEREF, HYPERLINK) removed.
//  3. pageNumbers: lines that are only a page number (— 2 —, 第2页 共10页, 2/10) removed.
//  4. pinyin: pinyin that converter sites insert after characters, 經(jīng), removed.
//  5. spaces: blanks beside Han characters or Chinese punctuation removed, other runs
//     collapsed to one space, lines trimmed, blank lines collapsed.
//  6. joinLines: lines broken inside a number, between a figure and its unit, or
//     inside a wrapped paragraph joined again.
package normalize

import (
	"context"
	"sort"

	"github.com/cnbudget/cnbudget/extract/internal/poll"
)

// Text is normalised text with a map from its byte offsets back to the source's.
type Text struct {
	text string
	// layers map each pass's output offsets to its input's, in pass order; passes
	// that changed nothing have no layer.
	layers []layer
}

// New normalises src. It never fails: any string, even invalid UTF-8 (whose bad bytes
// become U+FFFD), yields a Text.
func New(src string) *Text {
	t, _ := NewContext(context.Background(), src)
	return t
}

// NewContext is New, stopping with ctx's error when ctx is done: it looks at ctx
// between its passes, and as the passes edit the text.
func NewContext(ctx context.Context, src string) (*Text, error) {
	t := &Text{}
	s := src
	pl := poll.New(ctx)
	for _, p := range [...]func(*builder){fold, fieldCodes, pageNumbers, pinyin, spaces, joinLines} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b := builder{in: s, poll: pl}
		p(&b)
		if err := pl.Err(); err != nil {
			return nil, err
		}
		var l layer
		s, l = b.done()
		if l != nil {
			t.layers = append(t.layers, l)
		}
	}
	t.text = s
	return t, nil
}

// String returns the normalised text.
func (t *Text) String() string { return t.text }

// Source returns the byte offset in the source of the normalised byte offset off
// (0 ≤ off ≤ len(t.String()); other values are clamped). An offset at the start of a
// normalised character maps to the start of the source text it came from, after any
// source text that normalisation removed before it; Source is non-decreasing in off.
func (t *Text) Source(off int) int {
	off = min(max(off, 0), len(t.text))
	for i := len(t.layers) - 1; i >= 0; i-- {
		off = t.layers[i].start(off)
	}
	return off
}

// SourceSpan returns the source byte span [s, e) that the normalised span [start, end)
// came from: from the source of its first character to the end of the source of its
// last, without removed source text on either side. Offsets are clamped to the text;
// an empty span maps to an empty span at Source(start).
func (t *Text) SourceSpan(start, end int) (int, int) {
	start = min(max(start, 0), len(t.text))
	end = min(max(end, start), len(t.text))
	s := t.Source(start)
	if end == start {
		return s, s
	}
	e := end
	for i := len(t.layers) - 1; i >= 0; i-- {
		e = t.layers[i].end(e)
	}
	return s, max(e, s)
}

// edit records that a pass replaced in[s0:s1] of its input by out[o0:o1] of its
// output. Text between edits is copied unchanged.
type edit struct {
	o0, o1, s0, s1 int
}

// layer is one pass's edits in increasing order, a map from its output to its input.
type layer []edit

// start maps output offset o, the start of a span, to the input.
func (l layer) start(o int) int {
	i := sort.Search(len(l), func(i int) bool { return l[i].o0 > o }) - 1
	if i < 0 {
		return o
	}
	e := l[i]
	if o < e.o1 {
		return e.s0
	}
	return e.s1 + o - e.o1
}

// end maps output offset o, the end of a span, to the input.
func (l layer) end(o int) int {
	i := sort.Search(len(l), func(i int) bool { return l[i].o0 >= o }) - 1
	if i < 0 {
		return o
	}
	e := l[i]
	if o <= e.o1 {
		return e.s1
	}
	return e.s1 + o - e.o1
}

// builder builds one pass's output from its input in one left-to-right sweep.
// A pass calls replace for each change, in increasing input order; nothing is
// allocated until the first change.
type builder struct {
	in    string // the pass's input
	out   []byte // the output so far, nil until the first change
	edits layer
	pos   int // in[:pos] has been written to out
	poll  *poll.Poll
}

// replace writes in[b.pos:s0] unchanged and then repl in place of in[s0:s1].
func (b *builder) replace(s0, s1 int, repl string) {
	if s0 < b.pos || s1 < s0 || s0 == s1 && repl == "" {
		return // out of order or nothing to do: a pass's bug must not corrupt the map
	}
	if b.poll.Done() {
		// canceled: the pass's output is dropped, so it need not be written
		b.pos = len(b.in)
		return
	}
	if b.out == nil {
		b.out = make([]byte, 0, len(b.in)+len(b.in)/8)
	}
	b.out = append(b.out, b.in[b.pos:s0]...)
	o0 := len(b.out)
	b.out = append(b.out, repl...)
	b.edits = append(b.edits, edit{o0: o0, o1: len(b.out), s0: s0, s1: s1})
	b.pos = s1
}

// delete removes in[s0:s1].
func (b *builder) delete(s0, s1 int) { b.replace(s0, s1, "") }

// atLineStart reports whether the output so far, up to input offset i, is empty or
// ends a line.
func (b *builder) atLineStart(i int) bool {
	switch {
	case i > b.pos:
		return b.in[i-1] == '\n'
	case len(b.out) > 0:
		return b.out[len(b.out)-1] == '\n'
	}
	return i == 0 || b.in[i-1] == '\n' // nothing written yet, or in[:i] was all removed
}

// done returns the pass's output and its layer, nil when nothing changed.
func (b *builder) done() (string, layer) {
	if b.edits == nil {
		return b.in, nil
	}
	b.out = append(b.out, b.in[b.pos:]...)
	return string(b.out), b.edits
}
