package main

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	out := `goos: linux
BenchmarkVersionParse/scheme=semver/impl=netdevsec   	 55219	      1035 ns/op	       431.7 cpu-ns/op	      24 B/op	       1 allocs/op
BenchmarkVersionParse/scheme=semver/impl=netdevsec   	 55219	      1000 ns/op	       400 cpu-ns/op	      24 B/op	       1 allocs/op
BenchmarkVersionParse/scheme=semver/impl=netdevsec   	 55219	      2000 ns/op	       500 cpu-ns/op	      24 B/op	       1 allocs/op
BenchmarkCDRReview-2 	       2	 802348861 ns/op	  61.43 MB/s	       823.4 cpu-ns/op	    249268 rows/s
--- SKIP: BenchmarkVersionParse/scheme=rpm/impl=masterminds
    version_test.go:80: rejects "1:2.3.4-5.el9"
PASS
`
	rs := newResults()
	require.NoError(t, rs.parse(strings.NewReader(out)))
	for _, tc := range []struct {
		name, unit string
		want       float64
		ok         bool
	}{
		{"BenchmarkVersionParse/scheme=semver/impl=netdevsec", "ns/op", 1035, true},
		{"BenchmarkVersionParse/scheme=semver/impl=netdevsec", "cpu-ns/op", 431.7, true},
		{"BenchmarkVersionParse/scheme=semver/impl=netdevsec", "allocs/op", 1, true},
		{"BenchmarkCDRReview", "rows/s", 249268, true},
		{"BenchmarkCDRReview", "MB/s", 61.43, true},
		{"BenchmarkVersionParse/scheme=rpm/impl=masterminds", "ns/op", 0, false},
	} {
		t.Run(tc.name+" "+tc.unit, func(t *testing.T) {
			got, ok := rs.median(tc.name, tc.unit)
			assert.Equal(t, tc.ok, ok)
			assert.InDelta(t, tc.want, got, 1e-9)
		})
	}
	assert.Equal(t, 3, rs.count("BenchmarkVersionParse/scheme=semver/impl=netdevsec", "ns/op"))
}

func TestMedianEven(t *testing.T) {
	rs := newResults()
	rs.m["B"] = map[string][]float64{"ns/op": {4, 1, 3, 2}}
	got, ok := rs.median("B", "ns/op")
	require.True(t, ok)
	assert.InDelta(t, 2.5, got, 1e-9)
}

func TestTrimProcs(t *testing.T) {
	for in, want := range map[string]string{
		"BenchmarkX-2":              "BenchmarkX",
		"BenchmarkX/impl=go-syslog": "BenchmarkX/impl=go-syslog",
		"BenchmarkX/a=b-16":         "BenchmarkX/a=b",
		"BenchmarkX":                "BenchmarkX",
	} {
		assert.Equal(t, want, trimProcs(in), in)
	}
}

// FuzzParseLine: any line is either ignored or adds finite samples under
// a Benchmark name, without panicking.
func FuzzParseLine(f *testing.F) {
	f.Add("BenchmarkX/a=b-2 \t 100 \t 12.5 ns/op \t 3 allocs/op")
	f.Add("BenchmarkCDRReview 2 802348861 ns/op 61.43 MB/s")
	f.Add("--- SKIP: BenchmarkX")
	f.Add("Benchmark 1 NaN ns/op")
	f.Add("BenchmarkX 1 2 ns/op x allocs/op")
	f.Fuzz(func(t *testing.T, line string) {
		rs := newResults()
		if !rs.parseLine(line) {
			return
		}
		require.Len(t, rs.order, 1)
		name := rs.order[0]
		require.True(t, strings.HasPrefix(name, "Benchmark"), name)
		for unit := range rs.m[name] {
			v, ok := rs.median(name, unit)
			require.True(t, ok)
			require.False(t, math.IsNaN(v) || math.IsInf(v, 0), v)
		}
	})
}
