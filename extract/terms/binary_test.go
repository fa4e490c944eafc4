package terms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBinaryLeavesOutGseDictionaries builds a program that uses this package and calls
// methods by reflection, and checks that gse's embedded dictionaries (~38 MB, which New
// never loads) did not come along into it.
func TestBinaryLeavesOutGseDictionaries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "sizecheck")
	cmd := exec.Command(gobin, "build", "-o", bin, "./testdata/sizecheck")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	// The first entries of gse's simplified Chinese dictionary, which ours leaves out.
	for _, marker := range []string{"1号店 3 n", "AA制 3 n"} {
		if bytes.Contains(b, []byte(marker)) {
			t.Errorf("binary holds gse's dictionary (found %q)", marker)
		}
	}
	if len(b) > 20<<20 {
		t.Errorf("binary is %d MB; gse's embedded dictionaries came along", len(b)>>20)
	}
	if !bytes.Contains(b, []byte("一般公共预算财政拨款 60000 n")) {
		t.Error("binary lacks the budget dictionary")
	}
}
