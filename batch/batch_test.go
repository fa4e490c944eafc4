package batch

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/cnbudget/cnbudget/batch/sink"
	"github.com/cnbudget/cnbudget/extract"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// corpusSize is the size of the generated batch; -short shrinks it.
func corpusSize() int {
	if testing.Short() {
		return 200
	}
	return 1000
}

// TestCorpus runs a generated batch into every format and checks that exactly the good
// documents are in the output, exactly the broken ones in the error list with their
// reasons, and that running it again adds nothing.
func TestCorpus(t *testing.T) {
	c := makeCorpus(t, t.TempDir(), corpusSize())
	// The formats' runs share one extraction of each document: this tests the batch,
	// not the extractor, and keeps the test quick.
	x := &memo{x: newExtractor(t), recs: map[string]memoized{}}
	for _, f := range sink.Formats {
		t.Run(string(f), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out."+string(f))
			opts := Options{Out: out, Extractor: x, MaxBytes: corpusMaxBytes, Workers: 4}
			s, err := Run(context.Background(), []string{c.dir}, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(t, out, f)
			if !slices.Equal(sortedKeys(got), sortedKeys(c.good)) {
				t.Errorf("output holds %d documents, want the %d good ones", len(got), len(c.good))
			}
			fails := readFailures(t, out)
			if len(fails) != len(c.broken) {
				t.Errorf("error list holds %d files, want the %d broken ones", len(fails), len(c.broken))
			}
			for path, reason := range c.broken {
				if fails[path].Reason != reason {
					t.Errorf("%s: reason %q, want %q", path, fails[path].Reason, reason)
				}
			}
			if s.Succeeded != len(c.good) || s.failed() != len(c.broken) || s.Duplicates != 1 || s.AllSucceeded() {
				t.Errorf("summary: %+v; want %d succeeded, %d failed, 1 duplicate", s, len(c.good), len(c.broken))
			}

			s2, err := Run(context.Background(), []string{c.dir}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if s2.Succeeded != 0 || s2.failed() != 0 || s2.Done != len(c.good)+1 || s2.FailedBefore != len(c.broken) {
				t.Errorf("second run: %+v; want everything skipped", s2)
			}
			if again := dump(t, out, f); !maps.Equal(again, got) {
				t.Errorf("second run changed the output")
			}
			if again := readFailures(t, out); !maps.Equal(again, fails) {
				t.Errorf("second run changed the error list")
			}
		})
	}
}

// memo is an Extractor that extracts each content once and then answers from memory.
type memo struct {
	x    Extractor
	mu   sync.Mutex
	recs map[string]memoized
}

type memoized struct {
	rec *cnbudgetv1.Record
	err error
}

func (m *memo) Extract(ctx context.Context, doc extract.Document) (*cnbudgetv1.Record, error) {
	key := string(doc.Content)
	m.mu.Lock()
	r, ok := m.recs[key]
	m.mu.Unlock()
	if !ok {
		r.rec, r.err = m.x.Extract(ctx, doc)
		m.mu.Lock()
		m.recs[key] = r
		m.mu.Unlock()
	}
	if r.rec != nil {
		return proto.Clone(r.rec).(*cnbudgetv1.Record), nil
	}
	return nil, r.err
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// TestFailureList: opening the error list drops lines of transient reasons (those files
// are tried again) and a bad last line, and keeps the rest.
func TestFailureList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl.errors.jsonl")
	content := `{"path":"a.txt","sha256":"aa","reason":"EMPTY","message":"m"}
{"path":"b.txt","sha256":"bb","reason":"TIMEOUT","message":"m"}
{"path":"c.txt","reason":"UNREADABLE","message":"m"}
{"path":"d.txt","sha256":"dd","reason":"BINARY","message":"m"}
{"path":"e.txt","sha256":"ee","rea
`
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	l, failed, err := openFailures(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.add(Failure{Path: "f.txt", SHA256: "ff", Reason: "EMPTY"}); err != nil {
		t.Fatal(err)
	}
	l.close()
	want := map[string]bool{failureKey("aa", "a.txt"): true, failureKey("dd", "d.txt"): true}
	if !maps.Equal(failed, want) {
		t.Errorf("listed before: %v, want a.txt and d.txt", failed)
	}
	b, _ := os.ReadFile(path)
	if got := strings.Count(string(b), "\n"); got != 3 || !strings.Contains(string(b), `"f.txt"`) || strings.Contains(string(b), "e.txt") {
		t.Errorf("error list after reopening and adding one:\n%s", b)
	}
}
