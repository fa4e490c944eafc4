package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

const (
	seedPath   = "../../testdata/seed/000_01eaaa56c59ac9d2.txt"
	seedFlat   = "../../testdata/seed/000_01eaaa56c59ac9d2.flat"
	seedLOPath = "../../testdata/pdf/seed-lo.pdf"
)

// callLimit is what the issue allows one call of cnbudget extract, damaged files included.
const callLimit = 10 * time.Second

// run is one in-process call of the command.
type run struct {
	status         int
	stdout, stderr string
}

// runCLI runs cnbudget with args and stdin, and fails the test if the call takes
// callLimit or more.
func runCLI(t *testing.T, stdin io.Reader, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callLimit)
	defer cancel()
	var stdout, stderr bytes.Buffer
	start := time.Now()
	status := Main(ctx, args, stdin, &stdout, &stderr)
	if d := time.Since(start); d >= callLimit || ctx.Err() != nil {
		t.Fatalf("cnbudget %s took %v, over the %v a call may take", strings.Join(args, " "), d, callLimit)
	}
	return run{status, stdout.String(), stderr.String()}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// goldFacts is the seed's golden flat form without its warning lines, sorted.
func goldFacts(t *testing.T) []string {
	t.Helper()
	return sortedFacts(string(readFile(t, seedFlat)))
}

// sortedFacts returns the key<TAB>value lines of a flat output, sorted.
func sortedFacts(flat string) []string {
	var out []string
	for _, l := range strings.Split(flat, "\n") {
		if l != "" && !strings.HasPrefix(l, "!") && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// flatSections splits the flat output of several files at their "# NAME" lines.
func flatSections(t *testing.T, out string) map[string]string {
	t.Helper()
	sections := map[string]string{}
	name := ""
	for _, l := range strings.SplitAfter(out, "\n") {
		if n, ok := strings.CutPrefix(l, "# "); ok {
			name = strings.TrimSuffix(n, "\n")
			if _, dup := sections[name]; dup {
				t.Errorf("two sections for %s", name)
			}
			sections[name] = ""
			continue
		}
		if name == "" {
			if strings.TrimSpace(l) != "" {
				t.Errorf("output before the first # NAME line: %q", l)
			}
			continue
		}
		sections[name] += l
	}
	return sections
}

// errorLines returns the stderr lines about file that are not warnings.
func errorLines(stderr, file string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "cnbudget extract: "+file+": ") && !strings.HasPrefix(l, "cnbudget extract: "+file+": warning: ") {
			out = append(out, l)
		}
	}
	return out
}

// TestExtractSeedFlat checks that the seed in flat form is its golden file, byte for
// byte, whether it is named or read from stdin.
func TestExtractSeedFlat(t *testing.T) {
	want := string(readFile(t, seedFlat))
	for _, c := range []struct {
		name  string
		stdin io.Reader
		args  []string
	}{
		{"file", nil, []string{"extract", "--format", "flat", seedPath}},
		{"stdin", bytes.NewReader(readFile(t, seedPath)), []string{"extract", "--format", "flat"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.stdin, c.args...)
			if r.status != 0 {
				t.Fatalf("exit status %d, stderr:\n%s", r.status, r.stderr)
			}
			if r.stdout != want {
				t.Errorf("flat output differs from %s:\n got:\n%s\nwant:\n%s", seedFlat, r.stdout, want)
			}
			// The one warning of the golden file is also told on stderr.
			if !strings.Contains(r.stderr, ": warning: unit_repaired: ") {
				t.Errorf("no unit_repaired warning on stderr:\n%s", r.stderr)
			}
		})
	}
}

// damage says what cnbudget extract must do with a damaged or foreign file.
type damage int

const (
	refused damage = iota // exit 1 and one line saying why; no record
	partial               // a record of the pages it could read, and a page_failed warning
	whole                 // a record with every fact of the gold
)

// badFile is a file a data team meets in a batch: empty, not a document, or a PDF
// damaged in transfer or storage, made here from seed-lo.pdf.
type badFile struct {
	name    string
	content []byte
	want    damage
	reason  string // a word the one-line reason must hold, for refused files
}

func badFiles(t *testing.T) []badFile {
	t.Helper()
	pdf := readFile(t, seedLOPath)
	return []badFile{
		{"empty.txt", nil, refused, "empty"},
		{"image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00\x90wS\xde"), refused, "PNG"},
		// LibreOffice writes the page objects, fonts and catalog after the pages'
		// content: half the file leaves nothing to read the pages with.
		{"truncated.pdf", pdf[:len(pdf)/2], refused, "pdf"},
		// Only the cross-reference table and trailer lost: every page is still there.
		{"truncated-xref.pdf", pdf[:bytes.LastIndex(pdf, []byte("\nxref"))], whole, ""},
		{"flipped-body.pdf", flipContent(t, pdf, 2), partial, ""},
		{"flipped-xref.pdf", flipXref(t, pdf), whole, ""},
	}
}

// flipContent flips 64 bytes in the middle of the compressed content stream of page
// (1-based) of a LibreOffice PDF, whose pages' content streams come first, in order.
func flipContent(t *testing.T, pdf []byte, page int) []byte {
	t.Helper()
	b := slices.Clone(pdf)
	off := 0
	for i := 0; i < page; i++ {
		j := bytes.Index(b[off:], []byte(">>\nstream\n"))
		if j < 0 {
			t.Fatalf("no content stream for page %d", page)
		}
		off += j + len(">>\nstream\n")
	}
	end := bytes.Index(b[off:], []byte("endstream"))
	if end < 200 {
		t.Fatalf("page %d's content stream is %d bytes, too short to damage", page, end)
	}
	mid := off + end/2
	for k := mid; k < mid+64; k++ {
		b[k] ^= 0x5a
	}
	return b
}

// flipXref changes the digits of every object offset in the last cross-reference table,
// so that no offset points at its object.
func flipXref(t *testing.T, pdf []byte) []byte {
	t.Helper()
	b := slices.Clone(pdf)
	start := bytes.LastIndex(b, []byte("\nxref"))
	end := bytes.LastIndex(b, []byte("trailer"))
	if start < 0 || end < start {
		t.Fatal("no cross-reference table")
	}
	n := 0
	for _, line := range bytes.Split(b[start:end], []byte("\n")) {
		if len(line) < 18 || line[17] != 'n' { // "0000012345 00000 n"
			continue
		}
		for k := 4; k < 10; k++ {
			line[k] = '0' + (line[k]-'0'+5)%10
		}
		n++
	}
	if n < 10 {
		t.Fatalf("changed only %d offsets", n)
	}
	return b
}

// TestExtractBadFiles runs cnbudget extract on good files with one bad file among them,
// then with all of them: each refused file costs exactly one stderr line of the form
// "cnbudget extract: NAME: reason" and makes the status 1; every other file's record is
// still printed whole; no call runs over 10 s.
func TestExtractBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := []string{seedPath, seedLOPath}
	gold := goldFacts(t)
	bad := badFiles(t)
	for i := range bad {
		path := filepath.Join(dir, bad[i].name)
		if err := os.WriteFile(path, bad[i].content, 0o644); err != nil {
			t.Fatal(err)
		}
		bad[i].name = path
	}

	check := func(t *testing.T, r run, bad []badFile) {
		t.Helper()
		wantStatus := 0
		for _, f := range bad {
			if f.want == refused {
				wantStatus = 1
			}
		}
		if r.status != wantStatus {
			t.Errorf("exit status %d, want %d; stderr:\n%s", r.status, wantStatus, r.stderr)
		}
		sections := flatSections(t, r.stdout)
		for _, g := range good {
			if got := sortedFacts(sections[g]); !slices.Equal(got, gold) {
				t.Errorf("%s: facts differ from the gold:\n got %q\nwant %q", g, got, gold)
			}
			if e := errorLines(r.stderr, g); len(e) > 0 {
				t.Errorf("%s: error lines for a good file: %q", g, e)
			}
		}
		names := append(slices.Clone(good), make([]string, 0, len(bad))...)
		for _, f := range bad {
			names = append(names, f.name)
		}
		for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
			if l != "" && !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(l, "cnbudget extract: "+n+": ") }) {
				t.Errorf("stderr line about no file: %q", l)
			}
		}
		for _, f := range bad {
			errs := errorLines(r.stderr, f.name)
			out, printed := sections[f.name]
			switch f.want {
			case refused:
				if len(errs) != 1 {
					t.Errorf("%s: %d error lines, want 1:\n%s", f.name, len(errs), r.stderr)
					continue
				}
				reason := strings.TrimPrefix(errs[0], "cnbudget extract: "+f.name+": ")
				if strings.TrimSpace(reason) == "" || !strings.Contains(strings.ToLower(reason), strings.ToLower(f.reason)) {
					t.Errorf("%s: reason %q does not say %q", f.name, reason, f.reason)
				}
				if printed {
					t.Errorf("%s: refused, yet a record was printed:\n%s", f.name, out)
				}
			case partial, whole:
				if len(errs) != 0 {
					t.Errorf("%s: error lines for a readable file: %q", f.name, errs)
				}
				facts := sortedFacts(out)
				if len(facts) == 0 {
					t.Errorf("%s: no facts printed", f.name)
				}
				if f.want == whole && !slices.Equal(facts, gold) {
					t.Errorf("%s: facts differ from the gold:\n got %q\nwant %q", f.name, facts, gold)
				}
				warned := strings.Contains(r.stderr, "cnbudget extract: "+f.name+": warning: page_failed: ")
				if f.want == partial && (!warned || !strings.Contains(out, "!warning\tpage_failed\t")) {
					t.Errorf("%s: read in part without a page_failed warning on stderr and in the record:\n%s", f.name, r.stderr)
				}
			}
		}
	}

	for _, f := range bad {
		t.Run(filepath.Base(f.name), func(t *testing.T) {
			r := runCLI(t, nil, "extract", "--format", "flat", good[0], f.name, good[1])
			check(t, r, []badFile{f})
		})
	}
	t.Run("all", func(t *testing.T) {
		args := []string{"extract", "--format", "flat", good[0]}
		for _, f := range bad {
			args = append(args, f.name)
		}
		r := runCLI(t, nil, append(args, good[1])...)
		check(t, r, bad)
	})
}

// TestExtractCSV checks that --format csv writes the header and one row per record,
// refused files leaving no row, with each row's name, digest and facts.
func TestExtractCSV(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "extract", "--format", "csv", seedPath, empty, seedLOPath)
	if r.status != 1 {
		t.Errorf("exit status %d, want 1 for the empty file", r.status)
	}
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("output is no CSV: %v\n%s", err, r.stdout)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want the header and one per good file:\n%s", len(rows), r.stdout)
	}
	header := rows[0]
	if !slices.Equal(header, record.CSVHeader()) {
		t.Errorf("header %q, want %q", header, record.CSVHeader())
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for i, path := range []string{seedPath, seedLOPath} {
		row := rows[i+1]
		sum := sha256.Sum256(readFile(t, path))
		for key, want := range map[string]string{
			"document.name":        path,
			"document.sha256":      hex.EncodeToString(sum[:]),
			"doc.unit_name":        "巫溪县科学技术协会",
			"revenue.total":        "1547900.00",
			"org.department":       "综合科;普及科",
			"expenditure.function": "科学技术支出:1207000.00;社会保障和就业支出:220200.00;卫生健康支出:42400.00;住房保障支出:78300.00",
			"contact.phone":        "023-51522382",
		} {
			j, ok := col[key]
			if !ok {
				t.Fatalf("no column %s", key)
			}
			if row[j] != want {
				t.Errorf("%s: %s = %q, want %q", path, key, row[j], want)
			}
		}
	}
}

// TestExtractJSON checks that --format json prints a record protojson reads back, with
// the seed's facts: one file's record, and a record per file for several.
func TestExtractJSON(t *testing.T) {
	gold := goldFacts(t)
	checkRecord := func(t *testing.T, b []byte, name string) {
		t.Helper()
		var rec cnbudgetv1.Record
		if err := protojson.Unmarshal(b, &rec); err != nil {
			t.Fatalf("record of %s does not parse: %v\n%s", name, err, b)
		}
		if got := rec.GetDocument().GetName(); got != name {
			t.Errorf("document.name %q, want %q", got, name)
		}
		var flat bytes.Buffer
		if err := record.WriteFlat(&flat, &rec); err != nil {
			t.Fatal(err)
		}
		if got := sortedFacts(flat.String()); !slices.Equal(got, gold) {
			t.Errorf("%s: facts differ from the gold:\n got %q\nwant %q", name, got, gold)
		}
	}
	t.Run("one", func(t *testing.T) {
		r := runCLI(t, nil, "extract", seedPath)
		if r.status != 0 {
			t.Fatalf("exit status %d:\n%s", r.status, r.stderr)
		}
		checkRecord(t, []byte(r.stdout), seedPath)
	})
	t.Run("several", func(t *testing.T) {
		files := []string{seedPath, seedLOPath}
		r := runCLI(t, nil, append([]string{"extract", "--format", "json"}, files...)...)
		if r.status != 0 {
			t.Fatalf("exit status %d:\n%s", r.status, r.stderr)
		}
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		for _, name := range files {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				t.Fatalf("record of %s: %v", name, err)
			}
			checkRecord(t, raw, name)
		}
		if dec.More() {
			t.Error("more output after the records")
		}
	})
}

// TestExtractJSONLines checks that several files' records come one per line (JSON
// Lines), as the command means to print them (Multiline only for a single file), so
// that line tools can split them.
func TestExtractJSONLines(t *testing.T) {
	files := []string{seedPath, seedLOPath}
	r := runCLI(t, nil, append([]string{"extract", "-q", "--format", "json"}, files...)...)
	if r.status != 0 {
		t.Fatalf("exit status %d:\n%s", r.status, r.stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var rec cnbudgetv1.Record
		if err := protojson.Unmarshal(sc.Bytes(), &rec); err != nil {
			// protojson treats a non-empty Indent as Multiline, so runExtract's
			// Multiline: len(files) == 1 alone does not make one line per record.
			t.Fatalf("line %d is no record: %v\n%.200s", n+1, err, sc.Text())
		}
		n++
	}
	if n != len(files) {
		t.Errorf("%d lines, want one record per file (%d)", n, len(files))
	}
}

// TestExtractUsage checks that a wrong command line exits 2, says why on stderr and
// prints nothing on stdout.
func TestExtractUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extract", "--format", "xml", seedPath},
		{"extract", "--no-such-flag", seedPath},
		{"extract", "--max-bytes", "lots", seedPath},
		{"extrakt", seedPath},
		{},
	} {
		r := runCLI(t, nil, args...)
		if r.status != 2 {
			t.Errorf("cnbudget %q: exit status %d, want 2", args, r.status)
		}
		if r.stdout != "" {
			t.Errorf("cnbudget %q: printed on stdout:\n%s", args, r.stdout)
		}
		if strings.TrimSpace(r.stderr) == "" {
			t.Errorf("cnbudget %q: no reason on stderr", args)
		}
	}
}

// signalHelperEnv makes the test binary run main() as the cnbudget command, for
// TestExtractSIGTERM.
const signalHelperEnv = "CNBUDGET_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(signalHelperEnv) != "" {
		os.Args = append([]string{"cnbudget"}, strings.Fields(os.Getenv(signalHelperEnv))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestExtractSIGTERM starts the command on a large document (a paragraph of 600,000
// amounts, seconds of work), sends SIGTERM while it works, and checks that it exits
// within 2 s with a non-zero status and one line on stderr; then that a second signal,
// sent while a first is being handled, ends it at once.
func TestExtractSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a 6 MB document")
	}
	doc := filepath.Join(t.TempDir(), "amounts.txt")
	text := "某县财政局2023年部门预算情况说明\n收入预算" + strings.Repeat("1万元，", 600_000) + "。\n"
	if err := os.WriteFile(doc, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(self)
		cmd.Env = append(os.Environ(), signalHelperEnv+"=extract --format flat "+doc)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &stderr
	}
	wait := func(cmd *exec.Cmd) (time.Duration, error) {
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		sent := time.Now()
		select {
		case err := <-done:
			return time.Since(sent), err
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
			return time.Since(sent), errors.New("still running 20 s after the signal")
		}
	}

	cmd, stderr := start()
	time.Sleep(700 * time.Millisecond) // reading, normalising, scanning: at work
	cmd.Process.Signal(syscall.SIGTERM)
	took, err := wait(cmd)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != extractInterrupted {
		t.Errorf("after SIGTERM: %v, want exit status %d", err, extractInterrupted)
	}
	if took > 2*time.Second {
		t.Errorf("exited %v after SIGTERM, want within 2 s", took)
	}
	if lines := strings.Split(strings.TrimSpace(stderr.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "interrupted") {
		t.Errorf("stderr %q, want one line saying the extraction was interrupted", stderr)
	}
	t.Logf("exited %v after SIGTERM: %s", took, strings.TrimSpace(stderr.String()))

	// Two signals in a row: the second finds the system's handling back, and ends it.
	cmd, _ = start()
	time.Sleep(700 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Process.Signal(syscall.SIGTERM)
	if took, err := wait(cmd); err == nil || took > 2*time.Second {
		t.Errorf("after two signals: %v after %v, want a non-zero exit within 2 s", err, took)
	}
}
