// Package pdf extracts the text of a PDF document page by page, in reading order, for
// the budget explanations that county offices publish as PDF.
//
// It uses github.com/ledongthuc/pdf only for the file's object structure (cross-reference
// table, objects, stream filters, RC4 and AES-128 decryption) and does the text layer
// itself: fonts are decoded through their /ToUnicode CMap first, then their encoding;
// /ActualText replaces the glyphs it covers (Chromium puts the text of its Type 3 fonts
// there); CJK radical look-alikes become the ordinary characters; every glyph is placed
// on the page by the text and graphics state, so that lines are ordered by position
// rather than by drawing order, table cells of one row stay on one line separated by
// " | ", and paragraph lines broken by the page width are joined again.
//
// Every call into the library runs in a goroutine of its own under recover and a time
// limit, since the library panics on damaged files and is not context-aware. A page
// that fails is reported as a warning and the other pages are kept; a damaged
// cross-reference table is rebuilt by scanning the file for its objects.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

// Defaults of Options.
const (
	DefaultPageTimeout = 2 * time.Second
	DefaultMaxPages    = 2000
)

// Options limit the work done on one document. The zero value uses the defaults.
type Options struct {
	// PageTimeout limits the time spent on one page; 0 means DefaultPageTimeout.
	// Opening the file may take twice as long.
	PageTimeout time.Duration
	// MaxPages is the largest number of pages read; a longer document is refused as
	// TooLarge. 0 means DefaultMaxPages.
	MaxPages int

	maxDecoded int64 // the document's budget of decoded stream bytes, for tests; 0: the default
}

const op = "pdf"

// errPageTimeout is the cause of a page that took longer than Options.PageTimeout.
var errPageTimeout = errors.New("page took too long")

// partialError is returned with the text of a page whose content could be read only in
// part (a truncated or corrupt stream): the text is kept and the page reported.
type partialError struct{ err error }

func (e partialError) Error() string { return "read only in part: " + e.err.Error() }
func (e partialError) Unwrap() error { return e.err }

// Read extracts the text of a PDF: a *source.Text with MediaType source.PDF, Pages set,
// and a Warning for every page that failed (source.PageFailed) or came out garbled
// (source.GarbledText). It returns a *fail.Error when nothing can be read: Damaged
// (truncated, corrupt xref), Encrypted (encrypted and the empty user password does not
// open it), Garbled (all text is meaningless), Empty (no text, as in a scan), TooLarge
// (over Options.MaxPages), Timeout, Canceled.
func Read(ctx context.Context, b []byte, opt Options) (*source.Text, error) {
	if opt.PageTimeout <= 0 {
		opt.PageTimeout = DefaultPageTimeout
	}
	if opt.MaxPages <= 0 {
		opt.MaxPages = DefaultMaxPages
	}
	if len(b) == 0 {
		return nil, fail.Errorf(op, fail.Empty, "empty document")
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	fixed := fixEnds(b)
	var res *result
	var err error = fail.Errorf(op, fail.Damaged, "corrupt cross-reference data")
	if xrefSane(fixed) {
		res, err = readDoc(ctx, fixed, opt)
		if err == nil && res.failed == 0 {
			return res.text, nil
		}
	}
	if ctx.Err() != nil {
		return nil, ctxErr(ctx)
	}
	switch fail.KindOf(err) {
	case fail.TooLarge, fail.Empty, fail.Garbled:
		if err != nil {
			return nil, err
		}
	}
	// The file may have a damaged cross-reference table (which also hides an /Encrypt
	// dictionary): rebuild it from the objects found in the file and keep whichever
	// reading got more text.
	if rebuilt := rebuildXref(fixed); rebuilt != nil {
		res2, err2 := readDoc(ctx, rebuilt, opt)
		if err2 == nil && (res == nil || err != nil || res2.good > res.good) {
			return res2.text, nil
		}
		if err != nil && fail.KindOf(err2) == fail.Encrypted {
			return nil, err2
		}
	}
	if err != nil {
		return nil, err
	}
	return res.text, nil
}

// ctxErr returns the *fail.Error for a done context, or nil.
func ctxErr(ctx context.Context) error {
	switch err := ctx.Err(); {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return fail.Wrap(op, fail.Timeout, "reading took too long", err)
	default:
		return fail.Wrap(op, fail.Canceled, "canceled", err)
	}
}

// result is one reading of a document.
type result struct {
	text   *source.Text
	failed int // pages that failed
	good   int // non-space runes of text kept
}

// document is an opened PDF: its reader and its pages in order.
type document struct {
	r     *lpdf.Reader
	pages []pageRef
}

// pageRef is one page with the resources it inherits.
type pageRef struct {
	v, res lpdf.Value
}

// readDoc opens b and reads every page.
func readDoc(ctx context.Context, b []byte, opt Options) (*result, error) {
	doc, err := guard(ctx, 2*opt.PageTimeout, func(ctx context.Context) (*document, error) {
		return open(ctx, b, opt.MaxPages)
	})
	if err != nil {
		if e := ctxErr(ctx); e != nil {
			return nil, e
		}
		var fe *fail.Error
		if errors.As(err, &fe) {
			return nil, fe
		}
		if errors.Is(err, errPageTimeout) {
			return nil, fail.Wrap(op, fail.Timeout, "opening the file took too long", err)
		}
		if !bytes.Contains(b[max(0, len(b)-2048):], []byte("%%EOF")) {
			// The library calls such a file "not a PDF file"; it is one, cut short.
			return nil, fail.Errorf(op, fail.Damaged, "the file is truncated (no %%%%EOF marker at its end) and its pages cannot be found")
		}
		return nil, fail.Wrap(op, fail.Damaged, "cannot open the file", err)
	}

	fonts := &fontCache{streams: newDecodeBudget(len(b))}
	if opt.maxDecoded > 0 {
		fonts.streams.left.Store(opt.maxDecoded)
	}
	t := &source.Text{MediaType: source.PDF, Encoding: "utf-8", Pages: make([]int, 0, len(doc.pages))}
	var buf strings.Builder
	res := &result{text: t}
	var han, garbledPages, timeouts int
	for i, pg := range doc.pages {
		n := i + 1
		t.Pages = append(t.Pages, buf.Len())
		page, err := guard(ctx, opt.PageTimeout, func(ctx context.Context) (pageText, error) {
			return readPage(ctx, fonts, pg)
		})
		text := page.text
		var partial partialError
		if errors.As(err, &partial) {
			t.Warnings = append(t.Warnings, source.Warning{Code: source.PageFailed, Page: n,
				Message: fmt.Sprintf("page %d was %v; the text before the damage was kept", n, err)})
			err = nil
		}
		if err != nil {
			if e := ctxErr(ctx); e != nil {
				return nil, e
			}
			res.failed++
			if errors.Is(err, errPageTimeout) {
				timeouts++
			}
			t.Warnings = append(t.Warnings, source.Warning{Code: source.PageFailed, Page: n,
				Message: fmt.Sprintf("page %d could not be read: %v", n, err)})
			continue
		}
		text, sc := clean(text)
		switch {
		case sc.garbled():
			garbledPages++
			t.Warnings = append(t.Warnings, source.Warning{Code: source.GarbledText, Page: n,
				Message: fmt.Sprintf("page %d is garbled (a font without a Unicode map); its text was dropped", n)})
			continue
		case sc.bad > 0:
			t.Warnings = append(t.Warnings, source.Warning{Code: source.GarbledText, Page: n,
				Message: fmt.Sprintf("page %d had %d unreadable characters, which were dropped", n, sc.bad)})
		}
		han += sc.han
		res.good += sc.runes - sc.bad
		t.Cells = appendCells(t.Cells, text, buf.Len(), page.cells)
		buf.WriteString(text)
	}
	t.Text = buf.String()
	switch {
	case len(doc.pages) > 0 && res.failed == len(doc.pages) && timeouts == res.failed:
		return nil, fail.Errorf(op, fail.Timeout, "every page took longer than %v", opt.PageTimeout)
	case len(doc.pages) > 0 && res.failed == len(doc.pages):
		return nil, fail.Errorf(op, fail.Damaged, "no page could be read")
	case res.good == 0 && garbledPages > 0:
		return nil, fail.Errorf(op, fail.Garbled, "the text of every page is garbled")
	case res.good == 0 && res.failed > 0:
		return nil, fail.Errorf(op, fail.Damaged, "no page with text could be read")
	case res.good == 0:
		return nil, fail.Errorf(op, fail.Empty, "no text (a scanned document?)")
	case han == 0:
		return nil, fail.Errorf(op, fail.Garbled, "no Chinese text in %d characters: fonts without a Unicode map", res.good)
	}
	return res, nil
}

// guard runs f in a goroutine of its own with a time limit d, turning a panic into an
// error. The library is not context-aware, so a stuck f goes on running after guard
// returns; its result is dropped.
func guard[T any](ctx context.Context, d time.Duration, f func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	type out struct {
		v   T
		err error
	}
	ch := make(chan out, 1)
	go func() {
		var o out
		defer func() {
			if x := recover(); x != nil {
				o.err = fmt.Errorf("malformed PDF: %v", x)
			}
			ch <- o
		}()
		o.v, o.err = f(ctx)
	}()
	select {
	case o := <-ch:
		return o.v, o.err
	case <-ctx.Done():
		var zero T
		return zero, errPageTimeout
	}
}

// open reads the file's structure and lists its pages.
func open(ctx context.Context, b []byte, maxPages int) (*document, error) {
	r, err := lpdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			return nil, fail.Wrap(op, fail.Encrypted, "encrypted, and the empty password does not open it", err)
		}
		if strings.Contains(strings.ToLower(err.Error()), "encrypt") {
			return nil, fail.Wrap(op, fail.Encrypted, "encrypted in a way that cannot be opened", err)
		}
		return nil, err
	}
	doc := &document{r: r}
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != lpdf.Dict {
		return nil, errors.New("no page tree")
	}
	w := walker{ctx: ctx, max: maxPages, budget: 4*maxPages + 64}
	if err := w.walk(root, root.Key("Resources"), 0); err != nil {
		return nil, err
	}
	if len(w.pages) == 0 {
		return nil, errors.New("no pages")
	}
	doc.pages = w.pages
	return doc, nil
}

// walker lists the pages of a page tree, which may be damaged or cyclic.
type walker struct {
	ctx    context.Context
	max    int
	budget int // nodes left to visit
	pages  []pageRef
}

func (w *walker) walk(node, res lpdf.Value, depth int) error {
	w.budget--
	if w.budget < 0 || depth > 64 {
		return errors.New("page tree too deep or cyclic")
	}
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if r := node.Key("Resources"); r.Kind() == lpdf.Dict {
		res = r
	}
	kids := node.Key("Kids")
	if kids.Kind() != lpdf.Array || node.Key("Type").Name() == "Page" {
		if node.Kind() != lpdf.Dict {
			return nil
		}
		if len(w.pages) >= w.max {
			return fail.Errorf(op, fail.TooLarge, "more than %d pages", w.max)
		}
		w.pages = append(w.pages, pageRef{v: node, res: res})
		return nil
	}
	for i := 0; i < kids.Len(); i++ {
		if err := w.walk(kids.Index(i), res, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// pageText is a page's text and where the cells of its table rows stand.
type pageText struct {
	text  string
	cells []cellLine
}

// appendCells appends to cs the cells of the lines of text, a page's text starting at
// byte offset base of the document's, with their places from cls (a line each, in the
// same order). A line whose cells do not match its places in number gets none.
func appendCells(cs []source.Cell, text string, base int, cls []cellLine) []source.Cell {
	k := 0
	for start := 0; start < len(text) && k < len(cls); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if ln := text[start:end]; ln != "" {
			cl := cls[k]
			k++
			if strings.Count(ln, " | ")+1 == len(cl.xs) {
				s := start
				for i, x := range cl.xs {
					e := strings.Index(text[s:end], " | ")
					if e < 0 {
						e = end
					} else {
						e += s
					}
					cs = append(cs, source.Cell{Start: base + s, End: base + e, X0: x[0], X1: x[1], Y: cl.y})
					if i < len(cl.xs)-1 {
						s = e + len(" | ")
					}
				}
			}
		}
		start = end + 1
	}
	return cs
}

// readPage interprets the content of one page and lays out its text.
func readPage(ctx context.Context, fonts *fontCache, pg pageRef) (pageText, error) {
	contents := pg.v.Key("Contents")
	var data []byte
	var firstErr error
	switch contents.Kind() {
	case lpdf.Stream:
		data, firstErr = readStream(ctx, fonts.streams, contents, maxStreamBytes)
	case lpdf.Array:
		for i := 0; i < contents.Len() && len(data) < maxStreamBytes; i++ {
			d, err := readStream(ctx, fonts.streams, contents.Index(i), maxStreamBytes-len(data))
			data = append(data, d...)
			data = append(data, '\n')
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}
	case lpdf.Null:
		return pageText{}, nil // a blank page
	default:
		return pageText{}, errors.New("page contents are not a stream")
	}
	if len(bytes.TrimSpace(data)) == 0 && firstErr != nil {
		return pageText{}, firstErr
	}
	p := &pageReader{ctx: ctx, fonts: fonts}
	p.run(data, pg.res, identity, 0)
	if err := ctx.Err(); err != nil {
		return pageText{}, err
	}
	text, cells := layout(p.chars, p.rules)
	if firstErr != nil {
		return pageText{text, cells}, partialError{firstErr}
	}
	return pageText{text, cells}, nil
}
