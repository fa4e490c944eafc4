// Package fail defines the one error type of the extractor: what operation failed, a kind
// from a fixed list that callers can act on (the server maps kinds to gRPC codes, the CLI
// and batch to reasons), and the cause.
package fail

import (
	"context"
	"errors"
	"fmt"
)

// Kind classifies why a document could not be read. The list only grows: a kind's
// number and name never change, since clients store them.
type Kind int

// The kinds of failure.
const (
	Internal    Kind = iota // a bug or a dependency's panic
	Empty                   // no bytes, or no text at all
	TooLarge                // over the configured size limit
	Binary                  // bytes that are no text and no supported format
	Encoding                // text in an encoding that cannot be decoded
	Unsupported             // a format the extractor does not read
	Encrypted               // encrypted, and no empty password opens it
	Damaged                 // a truncated or corrupt file of a supported format
	Garbled                 // readable, but the text is not meaningful (a font with no Unicode map)
	Timeout                 // reading took longer than allowed
	Canceled                // the caller went away
)

var kindNames = [...]string{
	Internal:    "INTERNAL",
	Empty:       "EMPTY",
	TooLarge:    "TOO_LARGE",
	Binary:      "BINARY",
	Encoding:    "ENCODING",
	Unsupported: "UNSUPPORTED",
	Encrypted:   "ENCRYPTED",
	Damaged:     "DAMAGED",
	Garbled:     "GARBLED",
	Timeout:     "TIMEOUT",
	Canceled:    "CANCELED",
}

// String returns the stable upper-case name of k (BINARY, TOO_LARGE, ...).
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("KIND_%d", int(k))
}

// Error is a failure to read a document.
type Error struct {
	Op     string // the operation: "decode", "pdf", "html", ...
	Kind   Kind   // why, for machines
	Detail string // why, for people: one short phrase
	Err    error  // the cause, if any
}

// Errorf returns an *Error of kind k for operation op with a formatted detail.
func Errorf(op string, k Kind, format string, args ...any) *Error {
	return &Error{Op: op, Kind: k, Detail: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error of kind k for operation op caused by err.
func Wrap(op string, k Kind, detail string, err error) *Error {
	return &Error{Op: op, Kind: k, Detail: detail, Err: err}
}

// Error returns "op: detail: cause" on one line.
func (e *Error) Error() string {
	msg := e.Op
	if e.Detail != "" {
		msg += ": " + e.Detail
	} else {
		msg += ": " + e.Kind.String()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the Kind of the first *Error in err's chain; Timeout or Canceled for a
// context's errors; Internal otherwise.
func KindOf(err error) Kind {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e.Kind
	case errors.Is(err, context.DeadlineExceeded):
		return Timeout
	case errors.Is(err, context.Canceled):
		return Canceled
	}
	return Internal
}
