package pdf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/fail"
	"github.com/cnbudget/cnbudget/extract/source"
)

// fixtureDir returns the repository's testdata/pdf, found by walking up to go.mod.
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", "pdf")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// squashed is a text with white space and table separators removed, and a map from
// each of its bytes back to the byte offset in the original.
type squashed struct {
	s   string
	off []int
}

func squash(s string) squashed {
	var b strings.Builder
	var off []int
	for i, r := range s {
		if unicode.IsSpace(r) || r == '|' || r == '\u3000' {
			continue
		}
		n := b.Len()
		b.WriteRune(r)
		for ; n < b.Len(); n++ {
			off = append(off, i)
		}
	}
	return squashed{b.String(), off}
}

// producers lists each producer's PDF and the text it was made from.
var producers = []struct {
	pdf, src string
}{
	{"lo-txt.pdf", "fixture.txt"},
	{"lo-docx.pdf", "fixture.txt"},
	{"chrome-default.pdf", "fixture.txt"},
	{"chrome-wqy.pdf", "fixture.txt"},
	{"objstm.pdf", "fixture.txt"},
	{"pdf20.pdf", "fixture.txt"},
	{"enc-empty-rc4.pdf", "fixture.txt"},
	{"enc-empty-aes.pdf", "fixture.txt"},
	{"seed-lo.pdf", "seed.txt"},
	{"seed-chrome.pdf", "seed.txt"},
}

// keyPhrases must appear intact (not split by white space or a line break) in the text
// read from the PDFs of each source.
var keyPhrases = map[string][]string{
	"fixture.txt": {"372.40万元", "一般公共预算拨款372.40万元", "住房保障支出预算17.24万元", "386.52万元",
		"2023年“三公”经费预算3.60万元", "社会保障和就业支出 | 38.27 | 38.27 | 0", "合计 | 372.40 | 291.40 | 81.00"},
	"seed.txt": {"154.79万元", "一般公共预算拨款154.79万元", "住房保障支出预算7.83元", "科学技术支出预算120.7万元",
		"2023年“三公”经费预算2万元", "基本支出118.8万元"},
}

func TestReadProducers(t *testing.T) {
	for _, tc := range producers {
		t.Run(tc.pdf, func(t *testing.T) {
			src := string(readFixture(t, tc.src))
			got, err := Read(context.Background(), readFixture(t, tc.pdf), Options{PageTimeout: 30 * time.Second}) // correctness, not speed: the race detector and a loaded machine are slow
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if got.MediaType != source.PDF || len(got.Pages) == 0 || got.Pages[0] != 0 {
				t.Fatalf("MediaType %q, Pages %v", got.MediaType, got.Pages)
			}
			if len(got.Warnings) > 0 {
				t.Errorf("warnings: %v", got.Warnings)
			}
			if !utf8.ValidString(got.Text) {
				t.Error("text is not valid UTF-8")
			}
			sq := squash(got.Text)
			lines := strings.Split(got.Text, "\n")
			sqLines := make([]string, len(lines))
			for i, l := range lines {
				sqLines[i] = squash(l).s
			}
			for _, line := range strings.Split(src, "\n") {
				want := squash(line).s
				if want == "" {
					continue
				}
				if !strings.Contains(sq.s, want) {
					t.Errorf("source line missing from the text:\n%s", line)
					continue
				}
				// A paragraph of the source must come out on one line (page breaks aside).
				if !strings.Contains(line, "\t") && !onOneLine(sqLines, want) && !acrossPages(got, sq, want) {
					t.Errorf("source line broken across lines:\n%s", line)
				}
			}
			for _, p := range keyPhrases[tc.src] {
				if !strings.Contains(got.Text, p) {
					t.Errorf("key phrase %q not intact in the text", p)
				}
			}
			if t.Failed() {
				writeActual(t, tc.pdf, got.Text)
			}
		})
	}
}

func onOneLine(lines []string, want string) bool {
	for _, l := range lines {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

// acrossPages reports whether want runs over a page boundary of t.
func acrossPages(t *source.Text, sq squashed, want string) bool {
	i := strings.Index(sq.s, want)
	if i < 0 {
		return false
	}
	return t.PageAt(sq.off[i]) != t.PageAt(sq.off[i+len(want)-1])
}

// writeActual keeps the text of a failed test beside the test's output for a look.
func writeActual(t *testing.T, name, text string) {
	dir := t.TempDir()
	p := filepath.Join(dir, strings.TrimSuffix(name, ".pdf")+".actual.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err == nil {
		t.Logf("text read: %s", p)
		t.Logf("%s", text)
	}
}

// TestPagesMatchPdftotext checks the page of every source line against poppler's
// pdftotext output, kept beside each fixture by make.sh (pages split by form feeds).
func TestPagesMatchPdftotext(t *testing.T) {
	for _, tc := range producers {
		t.Run(tc.pdf, func(t *testing.T) {
			oracle, err := os.ReadFile(filepath.Join(fixtureDir(t), strings.TrimSuffix(tc.pdf, ".pdf")+".pdftotext.txt"))
			if err != nil {
				t.Skip("no pdftotext output for this fixture")
			}
			var ref []string
			for _, p := range strings.Split(string(oracle), "\f") {
				ref = append(ref, squash(p).s)
			}
			if ref[len(ref)-1] == "" {
				ref = ref[:len(ref)-1]
			}
			got, err := Read(context.Background(), readFixture(t, tc.pdf), Options{PageTimeout: 30 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Pages) != len(ref) {
				t.Fatalf("%d pages, pdftotext has %d", len(got.Pages), len(ref))
			}
			sq := squash(got.Text)
			checked := 0
			for _, line := range strings.Split(string(readFixture(t, tc.src)), "\n") {
				probe := []rune(squash(line).s)
				if len(probe) < 10 {
					continue
				}
				p := string(probe[:10])
				want := 0
				for i, r := range ref {
					if strings.Contains(r, p) {
						want = i + 1
						break
					}
				}
				i := strings.Index(sq.s, p)
				if want == 0 || i < 0 || strings.Count(sq.s, p) > 1 {
					continue
				}
				checked++
				if page := got.PageAt(sq.off[i]); page != want {
					t.Errorf("%q on page %d, pdftotext says %d", p, page, want)
				}
			}
			if checked < 10 {
				t.Errorf("only %d lines checked", checked)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithTimeout(context.Background(), -1)
	defer cancel2()
	lo := readFixture(t, "lo-txt.pdf")
	tests := []struct {
		name string
		ctx  context.Context
		b    []byte
		want fail.Kind
	}{
		{"empty", context.Background(), nil, fail.Empty},
		{"not a PDF", context.Background(), []byte("预算说明 plain text, not a PDF at all"), fail.Damaged},
		{"header only", context.Background(), []byte("%PDF-1.4\n%%EOF\n"), fail.Damaged},
		{"password", context.Background(), readFixture(t, "enc-password.pdf"), fail.Encrypted},
		{"AES-256", context.Background(), readFixture(t, "enc-empty-aes256.pdf"), fail.Encrypted},
		{"canceled", canceled, lo, fail.Canceled},
		{"deadline", expired, lo, fail.Timeout},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(tc.ctx, tc.b, Options{})
			var fe *fail.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Read = %v, %v; want a *fail.Error", got, err)
			}
			if fe.Kind != tc.want {
				t.Errorf("kind %v (%v), want %v", fe.Kind, err, tc.want)
			}
		})
	}
}
