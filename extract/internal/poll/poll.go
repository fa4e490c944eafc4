// Package poll lets a stage's loop notice that its context is done without paying for
// ctx.Err() (a lock) on every step: Done asks the context once every Every calls, and
// remembers the answer. A loop that calls Done once per figure, line or cell then stops
// within microseconds of a cancellation, and a stage that returns p.Err() says why.
package poll

import (
	"context"
	"io"
)

// Every is how many calls of Done pass between two looks at the context.
const Every = 256

// Poll watches one context for one stage. The nil *Poll is never done.
type Poll struct {
	ctx context.Context
	n   uint
	err error
}

// New returns a Poll of ctx.
func New(ctx context.Context) *Poll { return &Poll{ctx: ctx} }

// Done reports whether the context is done, looking at it every Every calls (and on
// the first).
func (p *Poll) Done() bool {
	if p == nil {
		return false
	}
	if p.err == nil && p.n%Every == 0 {
		p.err = p.ctx.Err()
	}
	p.n++
	return p.err != nil
}

// Err returns the context's error once Done has seen it, else nil.
func (p *Poll) Err() error {
	if p == nil {
		return nil
	}
	return p.err
}

// Reader returns a reader of r that fails with ctx's error once ctx is done, looking at
// it before every read: a parser reading through it stops within one buffer of text.
func Reader(ctx context.Context, r io.Reader) io.Reader { return &reader{ctx, r} }

type reader struct {
	ctx context.Context
	r   io.Reader
}

func (r *reader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
