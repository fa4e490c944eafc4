package extract

import (
	"context"

	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// ExtractText is Extract that also returns the document's normalised text, which the
// record's spans point into: a span's start and end are rune offsets of this text, and
// its quote is the text between them. Tools that show a record against its document
// (the review page) need it; the text is "" when err is not nil.
func (x *Extractor) ExtractText(ctx context.Context, doc Document) (*cnbudgetv1.Record, string, error) {
	var text string
	rec, err := x.extract(ctx, doc, &text)
	if err != nil {
		return nil, "", err
	}
	return rec, text, nil
}
