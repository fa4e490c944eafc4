package server

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/fail"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// TextExtractor is an Extractor that also returns a document's normalised text, which
// the record's spans point into; *extract.Extractor is one. Extract answers a request
// with include_text set only when the server's Extractor is a TextExtractor.
type TextExtractor interface {
	ExtractText(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, string, error)
}

var _ TextExtractor = (*extract.Extractor)(nil)

// extractText is Extract with the text, in a slot the caller has taken, under the same
// deadline and panic recovery.
func (v *service) extractText(ctx context.Context, doc extract.Document) (*cnbudgetv1.ExtractResponse, error) {
	tx, ok := v.x.(TextExtractor)
	if !ok {
		<-v.slots
		return nil, status.Error(codes.Unimplemented, "this server cannot return the text: its extractor has no ExtractText")
	}
	resp, err := run(v, ctx, "extract", func(ctx context.Context) (*cnbudgetv1.ExtractResponse, error) {
		rec, text, err := tx.ExtractText(ctx, doc)
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, fail.Errorf("extract", fail.Internal, "the extractor returned no record and no error")
		}
		return &cnbudgetv1.ExtractResponse{Record: rec, Text: text}, nil
	})
	if err != nil {
		return nil, Status(err).Err()
	}
	return resp, nil
}
