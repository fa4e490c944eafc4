package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/record"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/review"
)

// The review page in a real browser: headless Chromium from Debian's packages, driven
// over the DevTools protocol with chromedp. .ci/run installs it; without it these tests
// skip and say how to install it.

// browser starts one headless Chromium for the test and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Skip("no Chromium: install it with `apt-get install -y chromium` (Debian's package; .ci/run does) to run the browser tests")
	}
	profile, err := os.MkdirTemp("", "cnbudget-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(profile))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() {
		// close the browser and wait for it, then remove its profile: Chromium may still be
		// writing there for a moment after its process is told to go
		_ = chromedp.Cancel(ctx)
		cancelT()
		cancel()
		cancelAlloc()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	// Reduced motion, as a user may ask for: the page then jumps to a link's target
	// instead of scrolling smoothly, so a test does not wait on an animation.
	if err := chromedp.Run(tctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}})); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return tctx
}

// pageFile extracts doc and writes its review page as extract --format html does (the
// command itself is tested in TestExtractHTML); it returns the page's file: URL and the
// record. One extraction: a 30-page PDF takes seconds under the race detector.
func pageFile(t *testing.T, doc string) (string, *cnbudgetv1.Record) {
	t.Helper()
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	// a generous page time: under the race detector on a busy machine a page can take seconds
	x, _ := extract.New(extract.Options{PageTimeout: time.Minute})
	rec, text, err := x.ExtractText(context.Background(), extract.Document{Name: doc, Content: b})
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := review.Write(&page, rec, text); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "review.html")
	if err := os.WriteFile(out, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + out, rec
}

// placed is what the browser sees of one fact: its link in the facts table, the element
// the link leads to, that element's text and where it starts in the page's text (in
// characters, as the record's rune offsets count).
type placed struct {
	Key, Quote, Tag, Text string
	Start                 int
}

const factsJS = `(() => {
	const text = document.querySelector('div.text');
	const out = [];
	for (const a of document.querySelectorAll('#facts tbody th a[href^="#f"]')) {
		const m = document.getElementById(a.getAttribute('href').slice(1));
		const row = a.closest('tr');
		let start = -1, s = '';
		if (m) {
			const r = document.createRange();
			r.setStart(text, 0);
			r.setEndBefore(m);
			start = [...r.toString()].length;
			s = m.textContent;
			for (const p of document.querySelectorAll('[data-of="' + m.id + '"]')) s += p.textContent;
		}
		out.push({Key: a.textContent, Quote: row.querySelector('td.quote').textContent,
			Tag: m ? m.tagName : '', Text: s, Start: start});
	}
	return out;
})()`

// checkHighlights checks, in the browser, that every fact of doc's record is highlighted
// where its span says: the highlight starts at the span's start in the text and holds
// the span's quote.
func checkHighlights(t *testing.T, ctx context.Context, rec *cnbudgetv1.Record, want int) {
	t.Helper()
	spans := map[string][]int{} // key and quote → the starts of its spans, in record order
	for _, f := range record.Facts(rec) {
		k := f.Key + "\x00" + f.Span.GetQuote()
		spans[k] = append(spans[k], int(f.Span.GetStart()))
	}
	var got []placed
	if err := chromedp.Run(ctx, chromedp.Evaluate(factsJS, &got)); err != nil {
		t.Fatal(err)
	}
	if len(got) != want {
		t.Errorf("%d facts link to a highlight, want %d", len(got), want)
	}
	for _, p := range got {
		k := p.Key + "\x00" + p.Quote
		if p.Tag != "MARK" || p.Text != p.Quote {
			t.Errorf("%s: links to <%s> holding %q, want a <mark> holding the quote %q", p.Key, p.Tag, p.Text, p.Quote)
			continue
		}
		if len(spans[k]) == 0 {
			t.Errorf("%s: quote %q is no span of the record", p.Key, p.Quote)
			continue
		}
		if p.Start != spans[k][0] {
			t.Errorf("%s: highlight starts at character %d of the text, the span at %d", p.Key, p.Start, spans[k][0])
		}
		spans[k] = spans[k][1:]
	}
}

// follow clicks the link to target and waits until the element target is focused and
// in the viewport: what a reader relies on when following a fact or a warning.
func follow(t *testing.T, ctx context.Context, target string) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Click(`a[href="#`+target+`"]`, chromedp.ByQuery)); err != nil {
		t.Fatalf("click the link to %s: %v", target, err)
	}
	js := fmt.Sprintf(`(() => { const m = document.getElementById(%q); const r = m.getBoundingClientRect();
		return document.activeElement === m && location.hash === '#' + m.id && r.top >= 0 && r.bottom <= innerHeight; })()`, target)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok)); err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			var state string
			chromedp.Run(ctx, chromedp.Evaluate(`(document.activeElement && document.activeElement.id) + ' ' + location.hash + ' ' + scrollY`, &state))
			t.Fatalf("after clicking the link to %s: not focused and in view (focus, hash, scroll: %s)", target, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// idOf returns the id of the highlight the facts table links key to.
func idOf(t *testing.T, ctx context.Context, key string) string {
	t.Helper()
	var id string
	js := fmt.Sprintf(`(() => { for (const a of document.querySelectorAll('#facts tbody th a')) if (a.textContent === %q) return a.getAttribute('href').slice(1); return ''; })()`, key)
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &id)); err != nil || id == "" {
		t.Fatalf("no link for %s: %v", key, err)
	}
	return id
}

func TestBrowserReviewPage(t *testing.T) {
	ctx := browser(t)

	t.Run("seed", func(t *testing.T) {
		url, rec := pageFile(t, seedPath)
		if err := chromedp.Run(ctx, chromedp.Navigate(url), chromedp.WaitVisible(`div.text`, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		checkHighlights(t, ctx, rec, 45)
		// The repaired unit of 住房保障支出: listed, linked to its span, which holds the
		// stated 7.83 inside the fact's highlight.
		var w struct{ Listed, Inside bool }
		js := `(() => { const li = document.getElementById('warning-w1'); const m = document.getElementById('w1-span');
			return {Listed: !!li && li.textContent.includes('unit_repaired') && li.textContent.includes('住房保障支出') && !!li.querySelector('a[href="#w1-span"]'),
				Inside: !!m && m.textContent.includes('7.83') && !!m.closest('mark.fact, mark.warn')}; })()`
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &w)); err != nil {
			t.Fatal(err)
		}
		if !w.Listed || !w.Inside {
			t.Errorf("the unit_repaired warning for 住房保障支出: listed with its link %v, its span highlighted with 7.83 %v", w.Listed, w.Inside)
		}
		follow(t, ctx, idOf(t, ctx, "contact.phone"))
		follow(t, ctx, idOf(t, ctx, "doc.kind"))
		follow(t, ctx, "w1-span")
	})

	t.Run("30-page PDF", func(t *testing.T) {
		const long = "../../testdata/review/long.pdf"
		url, rec := pageFile(t, long)
		if rec.GetDocument().GetPages() < 30 {
			t.Fatalf("%s has %d pages, want 30", long, rec.GetDocument().GetPages())
		}
		if err := chromedp.Run(ctx, chromedp.Navigate(url), chromedp.WaitVisible(`div.text`, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		checkHighlights(t, ctx, rec, 45)
		var pages []string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('#facts tbody tr td:nth-child(3)')].map(td => td.textContent)`, &pages)); err != nil {
			t.Fatal(err)
		}
		for i, p := range pages {
			if !strings.HasPrefix(p, "p. ") {
				t.Errorf("fact %d of the PDF has no page (%q)", i+1, p)
				break
			}
		}
		follow(t, ctx, idOf(t, ctx, "contact.phone"))
		follow(t, ctx, idOf(t, ctx, "doc.kind"))
	})

	t.Run("upload form", func(t *testing.T) {
		sctx, stop := context.WithCancel(context.Background())
		log := &lockedBuffer{}
		exited := make(chan int, 1)
		go func() {
			exited <- Main(sctx, []string{"serve", "--addr", "127.0.0.1:0", "--http", "127.0.0.1:0", "--log-format", "json"}, nil, io.Discard, log)
		}()
		defer func() {
			stop()
			<-exited
		}()
		base := "http://" + logAddr(t, log, exited, "http listening")
		abs, err := filepath.Abs(seedPath)
		if err != nil {
			t.Fatal(err)
		}
		var title string
		if err := chromedp.Run(ctx,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(`#file`, chromedp.ByID),
			chromedp.SetUploadFiles(`#file`, []string{abs}, chromedp.ByID),
			chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(`div.text`, chromedp.ByQuery),
			chromedp.Title(&title),
		); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(title, "巫溪县科学技术协会") {
			t.Errorf("page title %q", title)
		}
		var n int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('div.text mark.fact[id]').length`, &n)); err != nil {
			t.Fatal(err)
		}
		if n != 45 {
			t.Errorf("the uploaded seed's page highlights %d facts, want 45", n)
		}
		follow(t, ctx, "w1-span")
	})
}
