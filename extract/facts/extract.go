package facts

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cnbudget/cnbudget/extract/internal/poll"
	"github.com/cnbudget/cnbudget/extract/numbers"
	"github.com/cnbudget/cnbudget/extract/sections"
	"github.com/cnbudget/cnbudget/extract/simplify"
	"github.com/cnbudget/cnbudget/extract/tables"
	"github.com/cnbudget/cnbudget/extract/terms"
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
	// Tables are the standard tables the tables stage read, set by the caller before
	// Extract: their figures are the facts they hold (total rows, basic and project).
	Tables    []tables.Table
	Summaries []tables.Summary
	// Warnings are what Extract noticed between the text and the tables: an
	// explanation figure that differs from its table's (text_table_mismatch).
	Warnings []Warning

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
	d, _ := NewDocContext(context.Background(), text, nil)
	return d
}

// NewDocContext is NewDoc, stopping with ctx's error when ctx is done. words, when not
// nil, cuts names into words: the divisions that begin a body's name are then told by
// the dictionary's place names (越城区 is a district, 城区 no division) before the
// suffix rules.
func NewDocContext(ctx context.Context, text string, words terms.Segmenter) (*Doc, error) {
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
	d.Header = findHeader(match, words)
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
	fs = append(fs, lineTableFacts(d)...)
	fs = append(fs, summaryFacts(d, d.Summaries)...)
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
	fs, d.Warnings = dedupe(fs)
	return fs, ctx.Err()
}

// listKeys are the keys that hold a list of values.
var listKeys = map[string]bool{
	"org.department":   true,
	"org.subordinate":  true,
	"procurement.item": true,
	"contact.phone":    true,
}

// dedupe sorts fs into document order and keeps the first fact of every single-valued
// key, and the first of every equal value of a list key. A fact read from a standard
// table by the tables stage wins over the same key stated anywhere else (those tables
// come out of the budget system; the explanation is typed by hand), and a sentence that
// states it differently, beyond its own rounding, is a text_table_mismatch warning naming
// both places. A fact read from a table flattened into the explanation yields to the
// same key stated in a sentence.
func dedupe(fs []Fact) ([]Fact, []Warning) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	standard := make(map[string]int, len(fs)) // key → index of its first standard-table fact
	first := make(map[string]Fact, 8)         // and the fact (out below overwrites fs)
	inSentence := make(map[string]bool, len(fs))
	for i, f := range fs {
		switch {
		case f.Rule == standardRule && !listKeys[f.Key]:
			if _, ok := standard[f.Key]; !ok {
				standard[f.Key], first[f.Key] = i, f
			}
		case f.Rule != tableRule:
			inSentence[f.Key] = true
		}
	}
	var ws []Warning
	compared := map[string]bool{}
	seen := make(map[string]bool, len(fs))
	out := fs[:0]
	for i, f := range fs {
		id := f.Key
		if listKeys[f.Key] {
			id += "\x00" + f.Text + "\x00" + f.Measure
		}
		if t, ok := standard[f.Key]; ok && t != i {
			if f.Rule != standardRule && f.Rule != tableRule && !compared[f.Key] && f.Type == Money && !f.Approx {
				compared[f.Key] = true
				if tf := first[f.Key]; !agrees(tf.Fen, f.Fen, f.Step) {
					ws = append(ws, Warning{Code: "text_table_mismatch", Keys: []string{f.Key}, Start: f.Start, End: f.End,
						OtherStart: tf.Start, OtherEnd: tf.End,
						Message: fmt.Sprintf("the text states %s as %s, its table as %s; the table's figure is kept",
							f.Key, yuan(f.Fen), yuan(tf.Fen))})
				}
			}
			continue
		}
		if seen[id] || f.Rule == tableRule && inSentence[f.Key] {
			continue
		}
		seen[id] = true
		out = append(out, f)
	}
	return out, ws
}

// agrees reports whether a figure stated to a step of step fen (0.01万元: 10,000) is
// table's figure rounded or truncated to that step.
func agrees(table, text, step int64) bool {
	if step <= 0 {
		step = 1
	}
	d := table - text
	if d < 0 {
		d = -d
	}
	return d < step
}

// yuan writes fen as yuan with two decimals, for messages.
func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
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
