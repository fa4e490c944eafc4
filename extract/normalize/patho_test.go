package normalize

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime checks that inputs full of almost-matches take time linear in their
// size: New must never hang on hostile text.
func TestLinearTime(t *testing.T) {
	for _, unit := range []string{"TOC ", "REF x", "<!--", "&#", "<a", "经(", "— 2 —\n", "   \n", "a|b ", "1.\n", "PAGEREF _Toc1 ", "第一行很长很长很长很长很长很长很长很长很长很长很长很长\n"} {
		small := strings.Repeat(unit, 2000)
		large := strings.Repeat(unit, 32000)
		d0 := timeNew(small)
		d1 := timeNew(large)
		if d1 > 48*d0+50*time.Millisecond { // 16 times the input, allowing for noise
			t.Errorf("New on %q: %v for %d bytes, %v for %d bytes", unit, d0, len(small), d1, len(large))
		}
	}
}

// timeNew returns the shortest of three runs of New on s, to discount noise.
func timeNew(s string) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		New(s)
		best = min(best, time.Since(start))
	}
	return best
}
