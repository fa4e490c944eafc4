// Package html reads the main content of a web page as text.
//
// Budget and final-accounts explanations are often published as pages on government
// portals: GB2312 or GBK encoded, with navigation, breadcrumbs, sidebars, share buttons
// and footers around the article. Read decodes the page, finds the article and its
// title, and renders them as lines, with each table row on one line and its cells
// separated by " | ", the form every reader of the extractor produces.
package html

import (
	"bytes"
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/internal/poll"
	"github.com/cnbudget/cnbudget/extract/source"
)

const op = "html"

// maxGarbled is the share of undecodable characters over which a page is not text in
// the encoding it was read with.
const maxGarbled = 0.2

// Read extracts the main content of a web page as text: a *source.Text with MediaType
// source.HTML and Encoding set to the name of the character encoding the page was
// decoded from (utf-8, gb18030, ...).
//
// The encoding comes from a byte-order mark, from the bytes themselves when they are
// UTF-8, from the page's meta or XML declaration, and otherwise defaults to GB18030;
// GB2312 and GBK pages are read as GB18030, their superset. The text is the block
// that holds most of the page's Chinese paragraphs, preceded by the document's title
// when the block does not start with it. Pages that hold no text fail with a
// *fail.Error of kind fail.Empty; pages that do not decode, of kind fail.Encoding.
func Read(b []byte) (*source.Text, error) {
	return ReadContext(context.Background(), b)
}

// ReadContext is Read, stopping with ctx's error when ctx is done.
func ReadContext(ctx context.Context, b []byte) (*source.Text, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fail.Errorf(op, fail.Empty, "empty page")
	}
	enc, name := chooseEncoding(b)
	u, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fail.Wrap(op, fail.Encoding, "cannot decode the page as "+name, err)
	}
	u = bytes.TrimPrefix(u, []byte("\ufeff"))
	u = bytes.ToValidUTF8(u, []byte("\ufffd"))

	var lines []string
	if doc, err := html.Parse(poll.Reader(ctx, bytes.NewReader(u))); err == nil {
		lines = mainContent(doc)
	} else if err := ctx.Err(); err != nil {
		return nil, err
	} else {
		// The parser refuses pathologically deep pages; their text is still wanted.
		lines = flatText(u)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text := strings.Join(lines, "\n")
	if strings.TrimSpace(text) == "" {
		return nil, fail.Errorf(op, fail.Empty, "no text in the page")
	}
	t := &source.Text{Text: text, MediaType: source.HTML, Encoding: name}
	if bad, all := garbled(text); bad > 0 {
		if float64(bad) > maxGarbled*float64(all) {
			return nil, fail.Errorf(op, fail.Encoding, "%d of %d characters do not decode as %s", bad, all, name)
		}
		t.Warnings = append(t.Warnings, source.Warning{
			Code:    source.GarbledText,
			Message: "some characters of the page could not be decoded as " + name + ".",
		})
	}
	return t, nil
}

// garbled counts the replacement characters in s and all its non-space characters.
func garbled(s string) (bad, all int) {
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			bad++
			all++
		case !unicode.IsSpace(r) && r != '|':
			all++
		}
	}
	return bad, all
}
