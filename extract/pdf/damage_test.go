package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cnbudget/cnbudget/extract/fail"
)

// damagedFixtures are the PDFs the damage tests cut and corrupt.
var damagedFixtures = []string{"lo-txt.pdf", "chrome-wqy.pdf", "seed-lo.pdf", "objstm.pdf"}

// readDamaged reads b and checks what a user relies on for any input: no panic, an
// answer within 10 s, and either a *fail.Error of an expected kind or a text whose
// page offsets are sound.
func readDamaged(t *testing.T, b []byte) (string, error) {
	t.Helper()
	start := time.Now()
	got, err := Read(context.Background(), b, Options{PageTimeout: time.Second})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if err != nil {
		var fe *fail.Error
		if !errors.As(err, &fe) {
			t.Fatalf("error %v is no *fail.Error", err)
		}
		switch fe.Kind {
		case fail.Damaged, fail.Empty, fail.Garbled:
		default:
			t.Errorf("error kind %v (%v) for a damaged file", fe.Kind, err)
		}
		return "", err
	}
	checkText(t, got.Text, got.Pages)
	return got.Text, nil
}

func checkText(t *testing.T, text string, pages []int) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Error("text is not valid UTF-8")
	}
	if len(pages) == 0 || pages[0] != 0 || !slices.IsSorted(pages) || pages[len(pages)-1] > len(text) {
		t.Errorf("page offsets %v for a text of %d bytes", pages, len(text))
	}
}

func TestTruncated(t *testing.T) {
	for _, name := range damagedFixtures {
		b := readFixture(t, name)
		for _, frac := range []float64{0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999} {
			n := int(float64(len(b)) * frac)
			t.Run(fmt.Sprintf("%s/%g", name, frac), func(t *testing.T) {
				readDamaged(t, b[:n])
			})
		}
	}
}

// TestTruncatedAfterContent checks that a file cut after its pages' objects, losing
// only its cross-reference table, is read whole.
func TestTruncatedAfterContent(t *testing.T) {
	b := readFixture(t, "lo-txt.pdf")
	cut := bytes.LastIndex(b, []byte("\nxref"))
	text, err := readDamaged(t, b[:cut])
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range keyPhrases["fixture.txt"] {
		if !strings.Contains(text, p) {
			t.Errorf("%q missing", p)
		}
	}
}

func TestFlippedBody(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range damagedFixtures {
		orig := readFixture(t, name)
		for i := range 8 {
			b := slices.Clone(orig)
			at := rng.IntN(len(b) - 64)
			for k := range 64 {
				b[at+k] ^= byte(rng.IntN(255) + 1)
			}
			t.Run(name+"/"+string(rune('a'+i)), func(t *testing.T) { readDamaged(t, b) })
		}
	}
}

// TestFlippedXref corrupts the offsets of the cross-reference table: the table is
// rebuilt from the objects and the whole text read.
func TestFlippedXref(t *testing.T) {
	for _, name := range []string{"lo-txt.pdf", "lo-docx.pdf", "chrome-wqy.pdf"} {
		t.Run(name, func(t *testing.T) {
			b := flipXref(t, readFixture(t, name))
			text, err := readDamaged(t, b)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range keyPhrases["fixture.txt"] {
				if !strings.Contains(text, p) {
					t.Errorf("%q missing", p)
				}
			}
		})
	}
}

// TestEncryptedDamaged corrupts the cross-reference table of an encrypted file with an
// empty password: the table is rebuilt, the /Encrypt dictionary and /ID kept, and the
// text decrypted.
func TestEncryptedDamaged(t *testing.T) {
	b := readFixture(t, "enc-empty-rc4.pdf")
	text, err := readDamaged(t, flipXref(t, b))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "一般公共预算拨款372.40万元") {
		t.Errorf("text not decrypted:\n%s", text)
	}
}

// flipXref returns a copy of b with digits of its last cross-reference table changed.
func flipXref(t *testing.T, orig []byte) []byte {
	t.Helper()
	b := slices.Clone(orig)
	at := bytes.LastIndex(b, []byte("\nxref"))
	end := bytes.LastIndex(b, []byte("trailer"))
	if at < 0 || end < at {
		t.Fatal("no xref table")
	}
	flipped := 0
	for i := at + 20; i < end; i += 7 {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0' + (b[i]-'0'+5)%10
			flipped++
		}
	}
	if flipped < 10 {
		t.Fatalf("only %d digits flipped", flipped)
	}
	return b
}

// TestHugeXrefCounts gives the cross-reference data object counts that would make the
// library allocate gigabytes: the table is rebuilt instead, and the text read.
func TestHugeXrefCounts(t *testing.T) {
	lo := readFixture(t, "lo-txt.pdf")
	objstm := readFixture(t, "objstm.pdf")
	tests := []struct {
		name     string
		b        []byte
		old, new string
	}{
		{"xref subsection", lo, "\nxref\n0 ", "\nxref\n0 99999999"},
		{"trailer Size", lo, "/Size ", "/Size 8888888888"},
		{"xref stream Size", objstm, "/Size ", "/Size 8888888888"},
		{"xref stream W", objstm, "/W [ 1 ", "/W [ 1 9999999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := bytes.LastIndex(tc.b, []byte(tc.old))
			if i < 0 {
				t.Fatalf("%q not in the file", tc.old)
			}
			b := slices.Concat(tc.b[:i], []byte(tc.new), tc.b[i+len(tc.old):])
			if xrefSane(b) {
				t.Fatal("xrefSane accepts the file")
			}
			readDamaged(t, b)
		})
	}
}
