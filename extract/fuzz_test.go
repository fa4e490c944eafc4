package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/internal/hostile"
)

// fuzzBound is how long one input may take: far more than any shape needs (the
// worst costs about 1 µs a byte), so that only a step that grows faster than its input,
// or never ends, exceeds it.
func fuzzBound(n int) time.Duration { return 2*time.Second + time.Duration(n)*20*time.Microsecond }

// FuzzExtract runs the whole extractor on arbitrary bytes under each declared media
// type, and fails an input that panics (Extract turns a panic into an Internal error)
// or that takes longer than fuzzBound.
func FuzzExtract(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "000_01eaaa56c59ac9d2.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed, "")
	for _, s := range append(hostile.Shapes(), hostile.RuleShapes()...) {
		f.Add(s.Gen(2048), s.MediaType)
	}
	for _, p := range []string{"html/portal.html", "docx/seed-table.docx", "pdf/chrome-default.pdf"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", p)); err == nil && len(b) < 256<<10 {
			f.Add(b, "")
		}
	}
	f.Add([]byte("收入预算1万元，其中：一般公共预算拨款1万元。"), "text/plain")
	x, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte, mediaType string) {
		bound := fuzzBound(len(b))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := x.Extract(ctx, Document{Name: "fuzz", MediaType: mediaType, Content: b})
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil && fail.KindOf(err) == fail.Internal {
				t.Fatalf("%d bytes (%s): internal error: %v", len(b), mediaType, err)
			}
		case <-time.After(bound):
			cancel()
			t.Fatalf("%d bytes (%s): still extracting after %v", len(b), mediaType, time.Since(start))
		}
	})
}
