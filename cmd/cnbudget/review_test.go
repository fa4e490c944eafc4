package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestExtractHTML: --format html writes one self-contained page with every fact of the
// seed highlighted, from a file or stdin; bad input and several files fail as usual.
func TestExtractHTML(t *testing.T) {
	const seed = "../../testdata/seed/000_01eaaa56c59ac9d2.txt"
	r := runCLI(t, nil, "extract", "--format", "html", seed)
	if r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "<!DOCTYPE html>") || !strings.HasSuffix(strings.TrimSpace(r.stdout), "</html>") {
		t.Fatalf("not a page: %.200q", r.stdout)
	}
	if n := strings.Count(r.stdout, `<mark class="fact" id="f`); n != 45 {
		t.Errorf("%d facts highlighted, want the seed's 45", n)
	}
	if !strings.Contains(r.stderr, "warning: unit_repaired") {
		t.Errorf("warnings not on stderr: %q", r.stderr)
	}
	for _, external := range []string{"<script", "src=", "<link", "@import", "url("} {
		if strings.Contains(r.stdout, external) {
			t.Errorf("the page has %q: it must load nothing", external)
		}
	}
	in := runCLI(t, bytes.NewReader(readFile(t, seed)), "extract", "--format", "html", "-q")
	if in.status != 0 || strings.Count(in.stdout, `<mark class="fact" id="f`) != 45 || in.stderr != "" {
		t.Errorf("stdin: status %d, stderr %q", in.status, in.stderr)
	}
	if r := runCLI(t, nil, "extract", "--format", "html", seed, seed); r.status != 2 {
		t.Errorf("two files: status %d, want 2 (a page is one document)", r.status)
	}
	if r := runCLI(t, bytes.NewReader([]byte{0, 1, 2, 0xff}), "extract", "--format", "html"); r.status != 1 || r.stdout != "" || !strings.Contains(r.stderr, "<stdin>") {
		t.Errorf("binary input: status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
}
