package advisory

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// synthetic builds nRanges advisory ranges over nProducts products (one
// range per advisory) and nDevices devices of those products.
func synthetic(nProducts, nRanges, nDevices int) ([]Advisory, []Device) {
	rng := rand.New(rand.NewPCG(1, 2))
	advs := make([]Advisory, 0, nRanges)
	for i := 0; i < nRanges; i++ {
		p := i % nProducts
		lo := rng.IntN(20)
		advs = append(advs, Advisory{
			ID: fmt.Sprintf("CVE-2024-%05d", i),
			Affected: []Affected{{
				Vendor: "acme", Product: fmt.Sprintf("router-%d", p), Scheme: "intdot", Default: StatusUnaffected, Provider: "nvd",
				Ranges: []Range{{Lo: fmt.Sprintf("1.%d.0", lo), Hi: fmt.Sprintf("1.%d.%d", lo+rng.IntN(3), 1+rng.IntN(20))}},
				Fixed:  []string{fmt.Sprintf("1.%d.%d", lo+3, rng.IntN(10))},
			}},
		})
	}
	devs := make([]Device, nDevices)
	for i := range devs {
		devs[i] = Device{ID: fmt.Sprintf("d%d", i), Vendor: "acme", Model: fmt.Sprintf("router-%d", rng.IntN(nProducts)),
			Installed: fmt.Sprintf("1.%d.%d", rng.IntN(25), rng.IntN(30))}
	}
	return advs, devs
}

// BenchmarkFleetMatch matches a fleet against 50,000 advisory ranges over
// 10,000 products; one op is the whole fleet. The goal is 100,000 devices
// in under a second on one core (go test -cpu 1).
func BenchmarkFleetMatch(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("devices=%d", n), func(b *testing.B) {
			if n > 100_000 && testing.Short() {
				b.Skip("1M devices in -short mode")
			}
			advs, devs := synthetic(10_000, 50_000, n)
			ix := NewIndex(advs)
			b.ReportAllocs()
			b.ResetTimer()
			affected := 0
			for b.Loop() {
				affected = 0
				for _, d := range devs {
					for _, m := range ix.Match(d) {
						if m.Verdict == VerdictAffected {
							affected++
						}
					}
				}
			}
			b.ReportMetric(float64(affected), "affected")
		})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	advs, _ := synthetic(10_000, 50_000, 0)
	b.ReportAllocs()
	for b.Loop() {
		_ = NewIndex(advs)
	}
}
