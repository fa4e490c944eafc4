package server

import (
	"errors"
	"strings"
	"unicode"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"

	"github.com/cnbudget/cnbudget/extract/fail"
)

// ErrorDomain is the domain of the google.rpc.ErrorInfo that every extraction error
// carries; its reason is the fail.Kind's name (BINARY, TOO_LARGE, ...).
const ErrorDomain = "cnbudget.v1"

// kindCodes is the one table from the extractor's kinds of failure to gRPC codes. A kind
// missing from it (one added to fail later) maps to INTERNAL until it is listed here.
var kindCodes = [...]codes.Code{
	fail.Internal:    codes.Internal,
	fail.Empty:       codes.InvalidArgument,
	fail.TooLarge:    codes.ResourceExhausted,
	fail.Binary:      codes.InvalidArgument,
	fail.Encoding:    codes.InvalidArgument,
	fail.Unsupported: codes.InvalidArgument,
	fail.Encrypted:   codes.InvalidArgument,
	fail.Damaged:     codes.InvalidArgument,
	fail.Garbled:     codes.InvalidArgument,
	fail.Timeout:     codes.DeadlineExceeded,
	fail.Canceled:    codes.Canceled,
}

// Code returns the gRPC code for a failure of kind k: INVALID_ARGUMENT for documents that
// cannot be read, RESOURCE_EXHAUSTED for too large, DEADLINE_EXCEEDED and CANCELED for
// the context's errors, INTERNAL for bugs and for kinds this table does not know.
func Code(k fail.Kind) codes.Code {
	if k >= 0 && int(k) < len(kindCodes) {
		return kindCodes[k]
	}
	return codes.Internal
}

// Status converts an error of the extractor into the status a client sees. An error that
// already is a status passes through. Any other error gets the code of its fail.Kind (see
// fail.KindOf: context errors are Timeout or Canceled, unknown errors Internal) and a
// google.rpc.ErrorInfo whose reason is the kind's name; one that blames the document
// (INVALID_ARGUMENT, or too large) also carries a google.rpc.BadRequest with a violation
// of the field "content", so clients can act on it without parsing messages.
func Status(err error) *status.Status {
	if err == nil {
		return status.New(codes.OK, "")
	}
	if s, ok := status.FromError(err); ok {
		return s
	}
	kind := fail.KindOf(err)
	code := Code(kind)
	st := status.New(code, err.Error())
	info := &errdetails.ErrorInfo{Reason: kind.String(), Domain: ErrorDomain}
	var fe *fail.Error
	if errors.As(err, &fe) {
		info.Metadata = map[string]string{"op": fe.Op}
	}
	details := []protoadapt.MessageV1{info}
	if code == codes.InvalidArgument || kind == fail.TooLarge {
		details = append(details, &errdetails.BadRequest{
			FieldViolations: []*errdetails.BadRequest_FieldViolation{{
				Field:       "content",
				Description: err.Error(),
				Reason:      kind.String(),
			}},
		})
	}
	withDetails, derr := st.WithDetails(details...)
	if derr != nil {
		return st
	}
	return withDetails
}

// Reason returns the stable machine-readable reason for err, as ExtractStream's Failure
// and the ErrorInfo of Extract's status name it: the fail.Kind's name, or the code's name
// for a status that did not come from the extractor.
func Reason(err error) string {
	if s, ok := status.FromError(err); ok {
		for _, d := range s.Details() {
			if info, ok := d.(*errdetails.ErrorInfo); ok && info.GetReason() != "" {
				return info.GetReason()
			}
		}
		return codeName(s.Code())
	}
	return fail.KindOf(err).String()
}

// codeName spells a code as the proto enum google.rpc.Code does (RESOURCE_EXHAUSTED).
func codeName(c codes.Code) string {
	var b strings.Builder
	for i, r := range c.String() {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
