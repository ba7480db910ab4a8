package bench

import (
	"testing"

	"github.com/Masterminds/semver/v3"
	hashicorp "github.com/hashicorp/go-version"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/firmware/version"
)

// versionInputs is one typical string (and a second one of the same
// branch, for Compare) per netdevsec scheme. The alternatives get the
// very same strings; where they reject one, their sub-benchmark is
// skipped (the table shows "rejects").
var versionInputs = []struct {
	scheme version.Scheme
	a, b   string
}{
	{version.Semver, "1.2.3-rc.1", "1.2.3"},
	{version.Intdot, "1.02.3", "1.2.10"},
	{version.Generic, "3.0.0.4.386_51598", "3.0.0.4.386_51600"},
	{version.RPM, "1:2.3.4-5.el9", "1:2.3.4-6.el9"},
	{version.Deb, "1:2.3.4-5+deb12u1", "1:2.3.4-5+deb12u2"},
	{version.Lexicographic, "2024-r3", "2024-r4"},
	{version.Datetime, "2026-11-20T10:15:32Z", "2026-11-21T00:00:00Z"},
	{version.CiscoIOS, "15.2(4)M7", "15.2(4)M10"},
	{version.CiscoIOSXE, "17.9.4a", "17.9.5"},
	{version.Junos, "21.4R3-S5.4", "21.4R3-S10"},
	{version.RouterOS, "7.13beta2", "7.13rc1"},
	{version.FortiOS, "v7.2.4 build1396", "7.2.5"},
	{version.YamahaRev, "Rev.15.02.30", "Rev.15.02.31"},
	{version.Netgear, "V1.0.11.128_10.2.112", "V1.0.11.134"},
	{version.TPLink, "1.1.0 Build 20230103 rel.50981", "1.1.1"},
	{version.ASUS, "3.0.0.4.388_24198", "3.0.0.4.388_24231"},
	{version.OpenWrt, "23.05.0-rc1", "23.05.2"},
	{version.Yealink, "84.86.0.75", "84.86.0.80"},
	{version.Grandstream, "1.0.19.31", "1.0.19.2"},
	{version.Asterisk, "18.20.0", "18.20.1"},
	{version.NEC, "Ver1.3.2", "Ver1.3.10"},
	{version.Zyxel, "V5.37(ABFV.1)C0", "V5.37(ABFV.2)C0"},
}

var (
	sinkVersion version.Version
	sinkM       *semver.Version
	sinkH       *hashicorp.Version
	sinkInt     int
)

// TestVersionInputs keeps the inputs honest: each parses under its
// scheme and the pair is comparable, and every scheme is covered.
func TestVersionInputs(t *testing.T) {
	seen := map[version.Scheme]bool{}
	for _, in := range versionInputs {
		a, err := version.Parse(in.scheme, in.a)
		require.NoError(t, err, in.scheme)
		b, err := version.Parse(in.scheme, in.b)
		require.NoError(t, err, in.scheme)
		_, ok := version.Compare(a, b)
		require.True(t, ok, "%s: %q and %q are incomparable", in.scheme, in.a, in.b)
		seen[in.scheme] = true
	}
	for _, s := range version.Schemes() {
		require.True(t, seen[s], "scheme %s has no benchmark input", s)
	}
}

// BenchmarkVersionParse: one op is one parse. Goal (netdevsec): ≤ 300 ns
// and ≤ 1 allocation on every scheme.
func BenchmarkVersionParse(b *testing.B) {
	for _, in := range versionInputs {
		b.Run("scheme="+in.scheme.String()+"/impl=netdevsec", func(b *testing.B) {
			b.ReportAllocs()
			m := startCPU()
			for b.Loop() {
				sinkVersion, _ = version.Parse(in.scheme, in.a)
			}
			m.report(b, 1)
		})
		b.Run("scheme="+in.scheme.String()+"/impl=masterminds", func(b *testing.B) {
			if _, err := semver.NewVersion(in.a); err != nil {
				b.Skipf("rejects %q: %v", in.a, err)
			}
			b.ReportAllocs()
			m := startCPU()
			for b.Loop() {
				sinkM, _ = semver.NewVersion(in.a)
			}
			m.report(b, 1)
		})
		b.Run("scheme="+in.scheme.String()+"/impl=hashicorp", func(b *testing.B) {
			if _, err := hashicorp.NewVersion(in.a); err != nil {
				b.Skipf("rejects %q: %v", in.a, err)
			}
			b.ReportAllocs()
			m := startCPU()
			for b.Loop() {
				sinkH, _ = hashicorp.NewVersion(in.a)
			}
			m.report(b, 1)
		})
	}
}

// BenchmarkVersionCompare: one op compares two parsed versions. Goal
// (netdevsec): ≤ 10 ns and 0 allocations.
func BenchmarkVersionCompare(b *testing.B) {
	for _, in := range versionInputs {
		b.Run("scheme="+in.scheme.String()+"/impl=netdevsec", func(b *testing.B) {
			x, y := version.MustParse(in.scheme, in.a), version.MustParse(in.scheme, in.b)
			b.ReportAllocs()
			m := startCPU()
			for b.Loop() {
				sinkInt, _ = version.Compare(x, y)
			}
			m.report(b, 1)
		})
		b.Run("scheme="+in.scheme.String()+"/impl=masterminds", func(b *testing.B) {
			x, err1 := semver.NewVersion(in.a)
			y, err2 := semver.NewVersion(in.b)
			if err1 != nil || err2 != nil {
				b.Skipf("rejects %q or %q", in.a, in.b)
			}
			b.ReportAllocs()
			m := startCPU()
			for b.Loop() {
				sinkInt = x.Compare(y)
			}
			m.report(b, 1)
		})
		b.Run("scheme="+in.scheme.String()+"/impl=hashicorp", func(b *testing.B) {
			x, err1 := hashicorp.NewVersion(in.a)
			y, err2 := hashicorp.NewVersion(in.b)
			if err1 != nil || err2 != nil {
				b.Skipf("rejects %q or %q", in.a, in.b)
			}
			b.ReportAllocs()
			m := startCPU()
			for b.Loop() {
				sinkInt = x.Compare(y)
			}
			m.report(b, 1)
		})
	}
}
