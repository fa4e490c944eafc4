package pdf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cnbudget/cnbudget/extract/fail"
)

// FuzzRead reads arbitrary bytes, seeded with the fixture PDFs and the hand-made ones:
// Read must not panic, must return within its limits, and must return either a
// *fail.Error or a valid text with sound page offsets.
func FuzzRead(f *testing.F) {
	// The fixtures of one producer each: Go's fuzzer slows to a crawl on a corpus of
	// many inputs of 100 KB and more.
	for _, name := range []string{"lo-txt.pdf", "chrome-wqy.pdf"} {
		b, err := os.ReadFile(filepath.Join(fixtureDir(f), name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	fnt := &cidFont{}
	f.Add(onePage(func(h func(string) string) string {
		return "BT /F1 10 Tf 70 700 Td " + h("一般公共预算拨款") + " Tj 100 0 Td [" + h("154.79万元") + " -500 " + h("合计") + "] TJ ET"
	}, fnt, ""))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		got, err := Read(ctx, b, Options{PageTimeout: 500 * time.Millisecond, MaxPages: 50})
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("took %v", d)
		}
		if err != nil {
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is no *fail.Error", err)
			}
			return
		}
		checkText(t, got.Text, got.Pages)
	})
}
