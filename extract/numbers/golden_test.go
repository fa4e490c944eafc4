package numbers

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestSeedGolden scans the seed document (a real county budget explanation) and compares
// every figure found, one per line, with testdata/seed.golden. Run with -update after a
// deliberate change, and review the diff.
func TestSeedGolden(t *testing.T) {
	text := readFile(t, "testdata/seed.txt")
	var b strings.Builder
	for _, n := range Scan(text) {
		fmt.Fprintf(&b, "%s\n", describe(text, n))
	}
	for _, d := range ScanUnitDecls(text) {
		fmt.Fprintf(&b, "decl [%d,%d) %q %s\n", d.Start, d.End, text[d.Start:d.End], d.Unit)
	}
	got := b.String()
	const golden = "testdata/seed.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readFile(t, golden)
	if got != want {
		out := golden + ".out"
		_ = os.WriteFile(out, []byte(got), 0o644)
		t.Errorf("figures of the seed differ from %s; got written to %s (diff them, then -update if right)", golden, out)
	}
}

// TestSharedSeeds scans every document under the project's shared seeds, when that folder
// is present, and checks the invariants a caller relies on.
func TestSharedSeeds(t *testing.T) {
	dir := sharedDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("no shared seeds")
	}
	for _, f := range files {
		text := readFile(t, f)
		checkInvariants(t, text, Scan(text))
	}
}

// sharedDir returns ../shared beside the repository root (the folder holding go.mod), or
// skips the test when there is none.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Skip(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if fi, err := os.Stat(shared); err != nil || !fi.IsDir() {
		t.Skip("no shared folder at", shared)
	}
	return shared
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
