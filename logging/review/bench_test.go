package review_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

// BenchmarkReview streams the mixed-vendor labelled corpus through the
// engine (framing, parsing, classification, all rules); ns/op and
// allocs/op are per line.
func BenchmarkReview(b *testing.B) {
	files, _ := filepath.Glob("../testdata/labelled/*.log")
	var corpus []byte
	lines := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for l := range bytes.SplitSeq(data, []byte("\n")) {
			if len(l) > 0 && l[0] != '#' {
				corpus = append(append(corpus, l...), '\n')
				lines++
			}
		}
	}
	reps := max(1, 100000/lines)
	input := bytes.Repeat(corpus, reps)
	n := lines * reps
	e := review.New(&review.Options{Reference: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), MaxFindingsPerRule: 1})
	b.SetBytes(int64(len(input)) / int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += n {
		if err := e.Review(b.Context(), bytes.NewReader(input), "bench.log", func(netdevsec.Finding) {}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
