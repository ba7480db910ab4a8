package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `
BenchmarkVersionParse/scheme=semver/impl=netdevsec 1000 900 ns/op 250 cpu-ns/op 24 B/op 1 allocs/op
BenchmarkVersionParse/scheme=semver/impl=masterminds 1000 5000 ns/op 1000 cpu-ns/op 432 B/op 4 allocs/op
BenchmarkVersionParse/scheme=junos/impl=netdevsec 1000 900 ns/op 450 cpu-ns/op 24 B/op 2 allocs/op
BenchmarkFleet/devices=1000/impl=netdevsec 1 30000000 ns/op 10000000 cpu-ns/op
BenchmarkFleet/devices=1000/impl=nested-loop 1 4000000000 ns/op 1000000000 cpu-ns/op
BenchmarkFleet/devices=100000/impl=netdevsec 1 3000000000 ns/op 900000000 cpu-ns/op
BenchmarkSyslog/impl=netdevsec-parse-classify 1000 2000 ns/op 400 cpu-ns/op 150 B/op 1 allocs/op
BenchmarkSyslog/impl=go-syslog-parse 1000 6000 ns/op 1000 cpu-ns/op 500 B/op 8 allocs/op
BenchmarkSSHAudit/impl=netdevsec 10 50000000 ns/op
BenchmarkSSHAudit/impl=ssh-audit 10 600000000 ns/op
BenchmarkCDRReview 2 800000000 ns/op 800 cpu-ns/op 250000 rows/s
`

func TestRows(t *testing.T) {
	rs := newResults()
	require.NoError(t, rs.parse(strings.NewReader(sample)))
	byWork := map[string]row{}
	for _, r := range buildRows(rs, config{}) {
		byWork[r.work] = r
	}
	for _, tc := range []struct {
		work, field, want string
	}{
		{"parse a firmware version: semver", "met", "yes"},
		{"parse a firmware version: semver", "ratio", "0.25×"},
		{"parse a firmware version: semver", "alt", "Masterminds: 1 µs, 4 allocs; hashicorp: rejects the input"},
		{"parse a firmware version: junos", "met", "misses by 1.50× (450 ns > 300 ns); 2 allocs > 1 alloc"},
		{"match a fleet: 1k devices × 50k ranges", "ratio", "0.01×"},
		{"match a fleet: 100k devices × 50k ranges", "alt", "nested loop: ≈ 100 s (1k devices × 100)"},
		{"match a fleet: 100k devices × 50k ranges", "met", "yes"},
		{"match a fleet: 1M devices × 50k ranges", "ours", "not run (-full)"},
		{"parse and classify a syslog line (12 mixed RFC 3164/5424 lines)", "met", "yes"},
		{"SSH algorithm audit of one host (local dropbear, wall time)", "met", "misses by 1.67× (0.08× > 0.05×)"},
		{"CDR review (Asterisk Master.csv, 200k rows)", "met", "yes"},
		{"stream a log through the review engine", "ours", "not run"},
	} {
		t.Run(tc.work+" "+tc.field, func(t *testing.T) {
			r, ok := byWork[tc.work]
			require.True(t, ok, "no row %q", tc.work)
			got := map[string]string{"met": r.met, "ratio": r.ratio, "alt": r.alt, "ours": r.ours}[tc.field]
			assert.Equal(t, tc.want, got)
		})
	}
}
