package pdf

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestPlainNumberIsParseFloat checks the lexer's fast path against strconv.ParseFloat on
// numbers of every shape it takes, and that it declines what it cannot read exactly.
func TestPlainNumberIsParseFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789.-+e"
	cases := []string{"0", "-0", "1", "-1.5", ".5", "5.", "+3.25", "123456789012345", "1234567890123456", "0.1", "1e5", "1.2.3", "--5", "-", ".", ""}
	for i := 0; i < 100000; i++ {
		b := make([]byte, 1+r.IntN(18))
		for j := range b {
			if r.IntN(10) < 8 {
				b[j] = byte('0' + r.IntN(10))
			} else {
				b[j] = alphabet[r.IntN(len(alphabet))]
			}
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		got, ok := plainNumber([]byte(c))
		if !ok {
			continue
		}
		want, err := strconv.ParseFloat(c, 64)
		if err != nil || got != want {
			t.Fatalf("%q: plainNumber %v, ParseFloat %v %v", c, got, want, err)
		}
	}
	for _, c := range []string{"1e5", "1.2.3", "--5", "-", ".", "", "1234567890123456"} {
		if _, ok := plainNumber([]byte(c)); ok {
			t.Errorf("%q: read as a plain number", c)
		}
	}
}
