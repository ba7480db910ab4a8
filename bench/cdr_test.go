package bench

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/pbx/cdr"
)

// cdrData is n rows of Asterisk cdr_csv Master.csv (18 columns) of a
// busy office: 200 extensions, internal, domestic and some international
// calls (one extension is allowed to call abroad), spread over 20 days.
func cdrData(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		ext := 1000 + i%200
		dst := "0312345678"
		switch i % 10 {
		case 0:
			dst = "0104412345678"
		case 1, 2, 3:
			dst = fmt.Sprint(1000 + (i*7)%200)
		}
		sec := i % 86400
		day := 2 + i/86400%20
		fmt.Fprintf(&b, `"","%d","%s","internal","""Ext %d"" <%d>","SIP/%d-%08x","SIP/itsp-%08x","Dial","SIP/itsp/%s,60","2026-11-%02d %02d:%02d:%02d","2026-11-%02d %02d:%02d:%02d","2026-11-%02d %02d:%02d:%02d",65,60,"ANSWERED","DOCUMENTATION","1764000000.%d",""`+"\n",
			ext, dst, ext, ext, ext, i, i, dst, day, sec/3600, sec/60%60, sec%60, day, sec/3600, sec/60%60, sec%60, day, sec/3600, (sec/60+1)%60, sec%60, i)
	}
	return b.Bytes()
}

const cdrRows = 200_000

func reviewCDR(data []byte) (*cdr.Review, error) {
	rv := cdr.NewReview("pbx", &cdr.Options{AllowedInternational: []string{"1000"}})
	err := rv.Read(context.Background(), cdr.NewReader(bytes.NewReader(data), "Master.csv", nil), "Master.csv")
	return rv, err
}

// TestCDRReview: the generated rows parse (no row errors) and the review
// finds the international calls of extensions not allowed to make them.
func TestCDRReview(t *testing.T) {
	rv, err := reviewCDR(cdrData(5_000))
	require.NoError(t, err)
	failing := map[string]int{}
	for _, f := range rv.Findings() {
		if f.Status == netdevsec.StatusFail {
			failing[f.RuleID]++
		}
	}
	require.Zero(t, failing[cdr.RuleRows().ID], "row errors")
	require.Positive(t, failing[cdr.RuleInternational().ID], "international findings: %v", failing)
}

// BenchmarkCDRReview: one op reads and reviews 200,000 rows on one
// goroutine; rows/s is reported. Goal: ≥ 1 M rows/s on one core (-cpu 1).
func BenchmarkCDRReview(b *testing.B) {
	data := cdrData(cdrRows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	m := startCPU()
	for b.Loop() {
		rv, err := reviewCDR(data)
		if err != nil {
			b.Fatal(err)
		}
		_ = rv.Findings()
	}
	m.report(b, cdrRows) // cpu-ns per row
	b.ReportMetric(float64(cdrRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
