package facts

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/extract/internal/poll"
	"github.com/cnbudget/cnbudget/extract/numbers"
	"github.com/cnbudget/cnbudget/extract/sections"
	"github.com/cnbudget/cnbudget/extract/simplify"
)

// Doc is a normalised document as the rules see it: its text, its figures, its unit
// declarations and its outline, each found once.
type Doc struct {
	Text    string // the normalised text, which values are quoted from
	Match   string // Text with traditional characters simplified, byte for byte, which rules read
	Numbers []numbers.Number
	Decls   []numbers.UnitDecl
	Outline *sections.Outline
	Header  Header // what the title says: kind, scope, year, unit

	contexts map[int]string // Outline.Context by the index of the last heading before an offset
	stops    []int          // byte offsets of the sentence ends (。！？!? or a line break)
	sent     *sentScan      // what has been found in the sentence the rules are in
	headMemo headingMemo    // what has been found in the headings' titles
	poll     *poll.Poll     // the context of the Extract running, looked at by the rules' loops
}

// sentence returns the byte offsets of the sentence around off: after the last 。！？ or
// line break before off, up to the next one. The sentence ends are found once.
func (d *Doc) sentence(off int) (int, int) {
	if d.stops == nil {
		d.stops = sentenceStops(d.Match)
	}
	i := sort.SearchInts(d.stops, off) // first stop at or after off
	start, end := 0, len(d.Match)
	if i > 0 {
		start = d.stops[i-1] + len(runeAt(d.Match, d.stops[i-1]))
	}
	if i < len(d.stops) {
		end = d.stops[i]
	}
	return start, end
}

// sentenceStops returns the offsets of the runes that end a sentence in s: 。！？!? and
// line ends, in order. It searches for each in turn and sorts the offsets: strings.Index
// skips through the text many bytes at a time, about three times faster than reading it rune
// by rune, and no stop's encoding occurs inside another rune's.
func sentenceStops(s string) []int {
	stops := []int{}
	for _, w := range [...]string{"。", "！", "？", "!", "?", "\n"} {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			stops = append(stops, i+j)
			i += j + len(w)
		}
	}
	slices.Sort(stops)
	return stops
}

// nearest returns the title of the last heading at or before off: the innermost heading
// off falls under, or "".
func (d *Doc) nearest(off int) string {
	i := sort.Search(len(d.Outline.Headings), func(i int) bool { return d.Outline.Headings[i].Start > off })
	if i == 0 {
		return ""
	}
	return d.Outline.Headings[i-1].Title
}

// context returns the titles of the headings off falls under, as Outline.Context does,
// computing each once: the rules ask it for every figure.
func (d *Doc) context(off int) string {
	i := sort.Search(len(d.Outline.Headings), func(i int) bool { return d.Outline.Headings[i].Start > off })
	if c, ok := d.contexts[i]; ok {
		return c
	}
	if d.contexts == nil {
		d.contexts = map[int]string{}
	}
	c := d.Outline.Context(off)
	d.contexts[i] = c
	return c
}

// NewDoc scans text once for everything the rules read.
func NewDoc(text string) *Doc {
	d, _ := NewDocContext(context.Background(), text)
	return d
}

// NewDocContext is NewDoc, stopping with ctx's error when ctx is done.
func NewDocContext(ctx context.Context, text string) (*Doc, error) {
	match := simplify.String(text)
	d := &Doc{Text: text, Match: match}
	var err error
	if d.Numbers, err = numbers.ScanContext(ctx, match); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.Decls = numbers.ScanUnitDecls(match)
	if d.Outline, err = sections.ParseContext(ctx, match); err != nil {
		return nil, err
	}
	d.Header = findHeader(match)
	return d, ctx.Err()
}

// Extract returns the facts the text of d states, in document order, with no two
// facts for a key that holds one value. The rules look at ctx as they go, and when it
// is done Extract returns its error.
func Extract(ctx context.Context, d *Doc) ([]Fact, error) {
	d.poll = poll.New(ctx)
	defer func() { d.poll = nil }()
	fs := make([]Fact, 0, 16+min(len(d.Numbers)/2, 4096)) // about one fact for every other figure, in a document of some size
	fs = append(fs, d.Header.facts()...)
	fs = append(fs, moneyFacts(d)...)
	fs = append(fs, tableFacts(d)...)
	fs = append(fs, countFacts(d)...)
	fs = append(fs, orgFacts(d)...)
	fs = append(fs, procurementFacts(d)...)
	fs = append(fs, contactFacts(d)...)
	for i := range fs {
		// Values are quoted as written: traditional characters stay traditional.
		switch f := &fs[i]; f.Type {
		case String:
			f.Text = d.Text[f.Start:f.End]
		case Item:
			if i := strings.Index(d.Match[f.Start:f.End], f.Text); i >= 0 {
				f.Text = d.Text[f.Start+i : f.Start+i+len(f.Text)]
			}
			if i := strings.LastIndex(d.Match[f.Start:f.End], f.Measure); i >= 0 {
				f.Measure = d.Text[f.Start+i : f.Start+i+len(f.Measure)]
			}
		}
	}
	if err := d.poll.Err(); err != nil {
		return nil, err
	}
	return dedupe(fs), ctx.Err()
}

// listKeys are the keys that hold a list of values.
var listKeys = map[string]bool{
	"org.department":   true,
	"org.subordinate":  true,
	"procurement.item": true,
	"contact.phone":    true,
}

// dedupe sorts fs into document order and keeps the first fact of every single-valued
// key, and the first of every equal value of a list key.
// A fact read from a table yields to the same key stated in a sentence.
func dedupe(fs []Fact) []Fact {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	inSentence := make(map[string]bool, len(fs))
	for _, f := range fs {
		if f.Rule != tableRule {
			inSentence[f.Key] = true
		}
	}
	seen := make(map[string]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		id := f.Key
		if listKeys[f.Key] {
			id += "\x00" + f.Text + "\x00" + f.Measure
		}
		if seen[id] || f.Rule == tableRule && inSentence[f.Key] {
			continue
		}
		seen[id] = true
		out = append(out, f)
	}
	return out
}

// runeAt returns the rune at byte offset i of s as a string.
func runeAt(s string, i int) string {
	for j := range s[i:] {
		if j > 0 {
			return s[i : i+j]
		}
	}
	return s[i:]
}
