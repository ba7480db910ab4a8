package version

import "testing"

var sink Version
var sinkInt int

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct {
		s   Scheme
		raw string
	}{
		{CiscoIOSXE, "17.9.4a"},
		{CiscoIOS, "15.2(4)M7"},
		{Junos, "21.4R3-S5.4"},
		{YamahaRev, "Rev.15.02.30"},
		{Generic, "3.0.0.4.386_51598"},
		{Semver, "1.2.3-rc.1"},
	} {
		b.Run(bc.s.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = Parse(bc.s, bc.raw)
			}
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	for _, bc := range []struct {
		s    Scheme
		x, y string
	}{
		{CiscoIOSXE, "17.9.4a", "17.9.5"},
		{Junos, "21.4R3-S5", "21.4R3-S10"},
		{Semver, "1.2.3-rc.1", "1.2.3"},
		{Generic, "1.0", "1.0.0"},
	} {
		x, y := MustParse(bc.s, bc.x), MustParse(bc.s, bc.y)
		b.Run(bc.s.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkInt, _ = Compare(x, y)
			}
		})
	}
}
