// Package extract turns the raw bytes of a budget or final-accounts explanation into a
// record of the facts it states. Extract runs the stages in order, each in a package of
// its own: read the format (decode, pdf, html, docx) → normalise the text (normalize) →
// find its sections (sections) → read the standard tables (tables) → recognise numbers
// (numbers) and terms (terms) → apply the field rules (facts) → check the document's arithmetic (checks) → build the record
// (record).
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"sort"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/checks"
	"github.com/cnbudget/cnbudget/extract/decode"
	"github.com/cnbudget/cnbudget/extract/docx"
	"github.com/cnbudget/cnbudget/extract/facts"
	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/html"
	"github.com/cnbudget/cnbudget/extract/normalize"
	"github.com/cnbudget/cnbudget/extract/pdf"
	"github.com/cnbudget/cnbudget/extract/record"
	"github.com/cnbudget/cnbudget/extract/source"
	"github.com/cnbudget/cnbudget/extract/tables"
	"github.com/cnbudget/cnbudget/extract/terms"
	"github.com/cnbudget/cnbudget/extract/xlsx"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// Version is the extractor's version, written into every record.
const Version = "0.1.0"

// DefaultMaxBytes is the default limit on a document's size.
const DefaultMaxBytes = 32 << 20

// Document is one input document.
type Document struct {
	Name      string // file name or client-chosen name; a hint to the format
	MediaType string // declared media type, or "" to detect it from the bytes
	Content   []byte // the raw bytes
}

// Options configure an Extractor. The zero value is usable.
type Options struct {
	// MaxBytes limits a document's size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// PageTimeout limits the time spent on one PDF page; 0 means the pdf package's default.
	PageTimeout time.Duration
	// MaxPages limits a PDF's pages (a longer one is refused as TooLarge); 0 means the
	// pdf package's default.
	MaxPages int
}

// Extractor extracts records. It is safe for concurrent use; make one and share it,
// since it keeps the segmenter once loaded.
type Extractor struct {
	opts Options
	seg  func() (*terms.Gse, error)
}

// New returns an Extractor. The segmenter's dictionary loads on the first call of Segment,
// or of an extraction whose rules ask for words (a few tens of milliseconds), so a command
// that does neither starts fast.
func New(opts Options) (*Extractor, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Extractor{opts: opts, seg: sync.OnceValues(terms.New)}, nil
}

// lazyWords is the extractor's segmenter, its dictionary loaded when a rule first asks
// for words: most documents never do. Should the embedded dictionary fail to load (it is
// tested not to), a text is cut as one token and the rules fall back on their own.
type lazyWords struct{ load func() (*terms.Gse, error) }

// Cut cuts text with the loaded segmenter.
func (l lazyWords) Cut(text string) []terms.Token {
	g, err := l.load()
	if err != nil {
		return []terms.Token{{Text: text, Pos: terms.PosOther, Start: 0, End: len(text)}}
	}
	return g.Cut(text)
}

// Extract reads doc and returns its record. A document that cannot be read yields a
// *fail.Error saying why.
func (x *Extractor) Extract(ctx context.Context, doc Document) (*cnbudgetv1.Record, error) {
	return x.extract(ctx, doc, nil)
}

// extract is Extract; when textOut is not nil it also receives the normalised text.
func (x *Extractor) extract(ctx context.Context, doc Document, textOut *string) (rec *cnbudgetv1.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, err = nil, &fail.Error{Op: "extract", Kind: fail.Internal, Detail: fmt.Sprintf("panic: %v", p), Err: fmt.Errorf("%s", debug.Stack())}
		}
	}()
	if len(doc.Content) == 0 {
		return nil, fail.Errorf("extract", fail.Empty, "empty document")
	}
	if int64(len(doc.Content)) > x.opts.MaxBytes {
		return nil, fail.Errorf("extract", fail.TooLarge, "document of %d bytes is over the limit of %d", len(doc.Content), x.opts.MaxBytes)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	src, err := x.read(ctx, doc)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			// a reader stopped part way reports what it saw of the cut-off bytes; the
			// cause is the caller's
			return nil, cerr
		}
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	norm, err := normalize.NewContext(ctx, src.Text)
	if err != nil {
		return nil, err // the context is done
	}
	text := norm.String()
	if textOut != nil {
		*textOut = text
	}
	if !hasHan(text) {
		if !hasLetters(text) {
			return nil, fail.Errorf("extract", fail.Empty, "no text in the document")
		}
		return nil, fail.Errorf("extract", fail.Garbled, "no Chinese text in the document")
	}
	d, err := facts.NewDocContext(ctx, text, lazyWords{x.seg})
	if err != nil {
		return nil, err // the context is done
	}
	found, err := tables.Find(ctx, d.Match, tableOptions(src, norm))
	if err != nil {
		return nil, err // the context is done
	}
	d.Tables, d.Summaries = found.Tables, found.Summaries
	fs, err := facts.Extract(ctx, d)
	if err != nil {
		return nil, err // the context is done
	}
	fs, ws, err := checks.Check(ctx, fs, d.Header.Kind)
	if err != nil {
		return nil, err // the context is done
	}
	ws = append(ws, d.Warnings...)
	problems, err := tables.Check(ctx, found)
	if err != nil {
		return nil, err // the context is done
	}
	for _, p := range problems {
		ws = append(ws, facts.Warning{Code: p.Code, Message: p.Message, Start: p.Start, End: p.End, OtherStart: p.OtherStart, OtherEnd: p.OtherEnd})
	}
	for _, w := range src.Warnings {
		ws = append(ws, facts.Warning{Code: string(w.Code), Message: w.Message, Start: -1, Page: w.Page})
	}
	sum := sha256.Sum256(doc.Content)
	info := &cnbudgetv1.DocumentInfo{
		Name:      doc.Name,
		MediaType: src.MediaType,
		Sha256:    hex.EncodeToString(sum[:]),
		Size:      int64(len(doc.Content)),
		Pages:     int32(len(src.Pages)),
		Encoding:  src.Encoding,
	}
	var pageOf func(int) int
	if len(src.Pages) > 0 {
		pageOf = func(off int) int { return src.PageAt(norm.Source(off)) }
	}
	return record.Build(record.Input{Document: info, Text: text, PageOf: pageOf, Facts: fs, Warnings: ws, Tables: found.Tables, Version: Version})
}

// tableOptions says what the reader of src knows about its table cells: where they
// stand on the page (PDF), or that every cell is written, blanks included.
func tableOptions(src *source.Text, norm *normalize.Text) tables.Options {
	opt := tables.Options{KeepsBlanks: src.MediaType == source.HTML || src.MediaType == source.DOCX || src.MediaType == source.XLSX}
	if len(src.Pages) > 0 {
		opt.PageOf = func(start int) int { return src.PageAt(norm.Source(start)) }
	}
	if len(src.Cells) > 0 {
		cells := src.Cells
		opt.Place = func(start int) (float64, float64, bool) {
			off := norm.Source(start)
			i := sort.Search(len(cells), func(i int) bool { return cells[i].End > off })
			if i < len(cells) && cells[i].Start <= off {
				return cells[i].X0, cells[i].X1, true
			}
			return 0, 0, false
		}
	}
	return opt
}

// read turns the document's bytes into text with the reader its format needs.
func (x *Extractor) read(ctx context.Context, doc Document) (*source.Text, error) {
	switch mt := source.Sniff(doc.Content, doc.Name, doc.MediaType); mt {
	case source.PDF:
		return pdf.Read(ctx, doc.Content, pdf.Options{PageTimeout: x.opts.PageTimeout, MaxPages: x.opts.MaxPages})
	case source.HTML, "application/xhtml+xml":
		return html.ReadContext(ctx, doc.Content)
	case source.DOCX:
		return docx.ReadContext(ctx, doc.Content)
	case source.XLSX, source.XLS:
		return xlsx.Read(ctx, doc.Content)
	case source.Plain, "text/markdown", "text/csv", "application/octet-stream":
		return decode.Read(doc.Content)
	default:
		if len(mt) > 5 && mt[:5] == "text/" {
			return decode.Read(doc.Content)
		}
		return nil, fail.Errorf("extract", fail.Unsupported, "unsupported format %s", mt)
	}
}

// Segment returns the tokens the extractor's segmenter cuts text into, with rune offsets.
func (x *Extractor) Segment(ctx context.Context, text string) ([]*cnbudgetv1.Token, error) {
	if !utf8.ValidString(text) {
		return nil, fail.Errorf("segment", fail.Encoding, "text is not valid UTF-8")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seg, err := x.seg()
	if err != nil {
		return nil, fmt.Errorf("extract: loading the dictionary: %w", err)
	}
	toks := seg.Cut(text)
	out := make([]*cnbudgetv1.Token, len(toks))
	pos, runes := 0, 0
	for i, t := range toks {
		if t.Start < pos || t.End < t.Start || t.End > len(text) {
			return nil, fail.Errorf("segment", fail.Internal, "segmenter returned token %q out of order", t.Text)
		}
		runes += utf8.RuneCountInString(text[pos:t.Start])
		start := runes
		runes += utf8.RuneCountInString(text[t.Start:t.End])
		pos = t.End
		out[i] = &cnbudgetv1.Token{Text: t.Text, Pos: t.Pos, Start: int32(start), End: int32(runes)}
	}
	return out, nil
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
