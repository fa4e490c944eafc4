package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/internal/hostile"
)

// hostile measures the CPU per byte of each hostile shape (internal/hostile: many
// amounts in one sentence, one line without punctuation, deep HTML, table rows, many
// PDF pages, ...) at 10 KB, 100 KB, 1 MB and 10 MB, in process on one core, as
// `go test -bench Hostile ./extract` does; the target is the seed's: no rise over 1.5×.
func (b *bench) hostile() error {
	x, err := extract.New(extract.Options{MaxPages: 1 << 20})
	if err != nil {
		return err
	}
	sizes := []struct {
		name  string
		n     int
		iters int
	}{{"10 KB", 10_000, 30}, {"100 KB", 100_000, 3}, {"1 MB", 1_000_000, 1}, {"10 MB", 10_000_000, 1}}
	worst := 0.0
	var cells []string
	for _, s := range hostile.Shapes() {
		docs := make([]extract.Document, len(sizes))
		for i, size := range sizes {
			docs[i] = extract.Document{Name: s.Name, MediaType: s.MediaType, Content: s.Gen(size.n)}
		}
		cpus := make([][]float64, len(sizes))
		for r := range min(b.rounds, 3) {
			for i, size := range sizes {
				if size.n > 5<<20 && r >= 1 {
					continue // one round of the largest: seconds each
				}
				c, err := measure(1, size.iters, func() error {
					_, err := x.Extract(context.Background(), docs[i])
					return err
				})
				if err != nil {
					return fmt.Errorf("%s %s: %w", s.Name, size.name, err)
				}
				cpus[i] = append(cpus[i], float64(c.cpu))
			}
		}
		var perByte []string
		nsB := make([]float64, len(sizes))
		for i := range sizes {
			nsB[i] = median(cpus[i]) / float64(len(docs[i].Content))
			perByte = append(perByte, fmt.Sprintf("%.0f", nsB[i]))
		}
		rise := 0.0
		for i := range nsB {
			for j := i + 1; j < len(nsB); j++ {
				rise = max(rise, nsB[j]/nsB[i])
			}
		}
		worst = max(worst, rise)
		cells = append(cells, fmt.Sprintf("%s %s (%.2f×)", s.Name, strings.Join(perByte, "/"), rise))
	}
	b.rows = append(b.rows, row{"hostile shapes: CPU per byte at 10 KB/100 KB/1 MB/10 MB, ns/B (largest rise)",
		"flat: no rise over 1.5× from 10 KB to 10 MB", strings.Join(cells, "; "), "", fmt.Sprintf("%.2f× largest rise", worst), met(worst <= flatTarget)})
	return nil
}

// worst runs `cnbudget extract` on each hostile shape at the largest size it accepts
// (32 MiB), as a whole process, and reports its wall time and peak RSS: the worst-case
// cost and memory the README states. The PDF shape is left out: past 2,000 pages a PDF
// is refused (TooLarge) in milliseconds.
func (b *bench) worst() error {
	var cells []string
	var maxWall time.Duration
	var maxRSS int64
	for _, s := range hostile.Shapes() {
		if s.Name == "pdf" {
			continue
		}
		ext := map[string]string{"text/html": ".html", "text/plain": ".txt"}[s.MediaType]
		if ext == "" {
			ext = ".docx"
		}
		path, err := b.writeTemp("worst-"+s.Name+ext, s.Gen(extract.DefaultMaxBytes-64<<10))
		if err != nil {
			return err
		}
		p, err := runs(b.ctx, 1, b.bin, "extract", "--format", "flat", "-q", path)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		maxWall, maxRSS = max(maxWall, p.wall), max(maxRSS, p.rssKB)
		cells = append(cells, fmt.Sprintf("%s %.1f s %s", s.Name, p.wall.Seconds(), mb(p.rssKB)))
	}
	b.rows = append(b.rows, row{"worst case: `extract` on each hostile shape at 32 MiB, wall and peak RSS", "< 60 s",
		strings.Join(cells, "; "), "", fmt.Sprintf("at most %.1f s, %s", maxWall.Seconds(), mb(maxRSS)), met(maxWall < time.Minute)})
	return nil
}
