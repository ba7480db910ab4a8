package bench

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/firmware/advisory"
	"github.com/netdevsec/netdevsec/firmware/version"
)

// fleetRanges is the advisory side of the fleet benchmarks: 50,000
// ranges (one per advisory) over 10,000 products of one vendor.
const (
	fleetProducts = 10_000
	fleetRanges   = 50_000
)

// fleetData builds the advisories and nDevices devices. The same seed
// gives the same data to both implementations.
func fleetData(nDevices int) ([]advisory.Advisory, []advisory.Device) {
	rng := rand.New(rand.NewPCG(7, 9))
	advs := make([]advisory.Advisory, 0, fleetRanges)
	for i := range fleetRanges {
		lo := rng.IntN(20)
		advs = append(advs, advisory.Advisory{
			ID: fmt.Sprintf("CVE-2025-%05d", i),
			Affected: []advisory.Affected{{
				Vendor: "acme", Product: fmt.Sprintf("router-%d", i%fleetProducts), Scheme: "intdot",
				Default: advisory.StatusUnaffected, Provider: "nvd",
				Ranges: []advisory.Range{{Lo: fmt.Sprintf("1.%d.0", lo), Hi: fmt.Sprintf("1.%d.%d", lo+rng.IntN(3), 1+rng.IntN(20))}},
				Fixed:  []string{fmt.Sprintf("1.%d.%d", lo+3, rng.IntN(10))},
			}},
		})
	}
	devs := make([]advisory.Device, nDevices)
	for i := range devs {
		devs[i] = advisory.Device{ID: fmt.Sprintf("d%d", i), Vendor: "acme", Model: fmt.Sprintf("router-%d", rng.IntN(fleetProducts)),
			Installed: fmt.Sprintf("1.%d.%d", rng.IntN(25), rng.IntN(30))}
	}
	return advs, devs
}

// netdevsecFleet counts affected (device, advisory) pairs through the
// advisory index.
func netdevsecFleet(ix *advisory.Index, devs []advisory.Device) int {
	n := 0
	for _, d := range devs {
		for _, m := range ix.Match(d) {
			if m.Verdict == advisory.VerdictAffected {
				n++
			}
		}
	}
	return n
}

// naiveRange is a range as a plain loop would keep it: product name and
// pre-parsed bounds (parsing is done once, outside the loop, to give the
// loop its best case).
type naiveRange struct {
	vendor, product string
	lo, hi          version.Version
	hiInclusive     bool
}

func naiveIndex(advs []advisory.Advisory) []naiveRange {
	var out []naiveRange
	for _, a := range advs {
		for _, af := range a.Affected {
			for _, r := range af.Ranges {
				out = append(out, naiveRange{vendor: af.Vendor, product: af.Product,
					lo: version.MustParse(version.Intdot, r.Lo), hi: version.MustParse(version.Intdot, r.Hi), hiInclusive: r.HiInclusive})
			}
		}
	}
	return out
}

// naiveFleet is the plain nested loop: every device against every range.
func naiveFleet(ranges []naiveRange, devs []advisory.Device, installed []version.Version) int {
	n := 0
	for i, d := range devs {
		v := installed[i]
		for k := range ranges {
			r := &ranges[k]
			if r.product != d.Model || r.vendor != d.Vendor {
				continue
			}
			if c, _ := version.Compare(v, r.lo); c < 0 {
				continue
			}
			c, _ := version.Compare(v, r.hi)
			if c < 0 || c == 0 && r.hiInclusive {
				n++
			}
		}
	}
	return n
}

func parseInstalled(devs []advisory.Device) []version.Version {
	out := make([]version.Version, len(devs))
	for i, d := range devs {
		out[i] = version.MustParse(version.Intdot, d.Installed)
	}
	return out
}

// TestFleetAgree: both implementations find the same affected pairs, so
// the benchmark compares equal work.
func TestFleetAgree(t *testing.T) {
	advs, devs := fleetData(2_000)
	got := netdevsecFleet(advisory.NewIndex(advs), devs)
	want := naiveFleet(naiveIndex(advs), devs, parseInstalled(devs))
	require.Positive(t, want)
	require.Equal(t, want, got)
}

// BenchmarkFleet matches a fleet against 50,000 advisory ranges; one op
// is the whole fleet, devices/s is reported. Goal: 100,000 devices in
// under a second on one core (-cpu 1). 1M devices with netdevsec and
// the nested loop above 1k devices are opt-in (NETDEVSEC_BENCH_1M=1,
// NETDEVSEC_BENCH_NAIVE=1 for 10k and 100k): the loop does the same work
// for every device (all 50,000 ranges), so its cost is linear in the
// devices and 1k gives its per-device cost (ns/device).
func BenchmarkFleet(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("devices=%d/impl=netdevsec", n), func(b *testing.B) {
			if n > 100_000 && !optIn("NETDEVSEC_BENCH_1M") {
				b.Skip("set NETDEVSEC_BENCH_1M=1 for 1M devices")
			}
			advs, devs := fleetData(n)
			ix := advisory.NewIndex(advs) // the index is built once, as a fleet audit does
			b.ReportAllocs()
			affected := 0
			b.ResetTimer()
			m := startCPU()
			for b.Loop() {
				affected = netdevsecFleet(ix, devs)
			}
			m.report(b, 1)
			b.ReportMetric(float64(affected), "affected")
			reportPerDevice(b, n)
		})
		b.Run(fmt.Sprintf("devices=%d/impl=nested-loop", n), func(b *testing.B) {
			if n > 1_000 && !optIn("NETDEVSEC_BENCH_NAIVE") || n > 100_000 {
				b.Skip("nested loop above 1k devices is opt-in (NETDEVSEC_BENCH_NAIVE=1, up to 100k)")
			}
			advs, devs := fleetData(n)
			ranges := naiveIndex(advs)
			installed := parseInstalled(devs)
			b.ReportAllocs()
			affected := 0
			b.ResetTimer()
			m := startCPU()
			for b.Loop() {
				affected = naiveFleet(ranges, devs, installed)
			}
			m.report(b, 1)
			b.ReportMetric(float64(affected), "affected")
			reportPerDevice(b, n)
		})
	}
}

// reportPerDevice reports devices/s and ns/device (wall).
func reportPerDevice(b *testing.B, n int) {
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
	b.ReportMetric(per, "ns/device")
	b.ReportMetric(1e9/per, "devices/s")
}
