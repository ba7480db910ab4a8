package version

import (
	"testing"

	"github.com/Masterminds/semver/v3"
)

// FuzzParse: no scheme parser panics; a parsed version compares equal to
// itself, its raw string round-trips and re-parsing gives the same key.
func FuzzParse(f *testing.F) {
	seeds := []string{"15.2(4)M7", "17.9.4a", "3.10.0cE", "21.4R3-S5.4", "15.1X49-D200", "7.13rc1",
		"v7.2.4 build1396 (GA.M)", "Rev.15.02.30", "V1.0.11.128_10.2.112", "1.1.0 Build 20230103 rel.50981",
		"3.0.0.4.388_24198", "23.05.0-rc1", "SNAPSHOT r12345-abcdef", "84.86.0.75", "1.0.19.31",
		"certified/18.9-cert7", "Ver1.3.2", "V5.37(ABFV.1)C0", "1.0.0-alpha.1+b", "1:2.3-4~rc1", "2024-01-01T00:00:00Z"}
	for _, s := range seeds {
		for sc := range Schemes() {
			f.Add(uint8(sc+1), s)
		}
	}
	f.Fuzz(func(t *testing.T, sc uint8, raw string) {
		s := Scheme(sc%uint8(len(schemes)-1) + 1)
		v, err := Parse(s, raw)
		if err != nil {
			if !v.IsZero() {
				t.Fatalf("error with a non-zero version")
			}
			return
		}
		if c, ok := Compare(v, v); !ok || c != 0 {
			t.Fatalf("%s %q not equal to itself", s, raw)
		}
		if v.Raw() != raw {
			t.Fatalf("raw %q != %q", v.Raw(), raw)
		}
		w, err := Parse(s, raw)
		if err != nil || w.key != v.key {
			t.Fatalf("re-parse differs")
		}
		_ = v.Branch()
	})
}

// FuzzCompare: Compare is antisymmetric and agrees with TotalCompare.
func FuzzCompare(f *testing.F) {
	f.Add(uint8(3), "1.0a", "1.0.1")
	f.Add(uint8(1), "1.0.0-rc.1", "1.0.0")
	f.Add(uint8(5), "1.0~rc1", "1.0")
	f.Add(uint8(10), "21.4R3-S5", "21.4R4")
	f.Fuzz(func(t *testing.T, sc uint8, a, b string) {
		s := Scheme(sc%uint8(len(schemes)-1) + 1)
		va, err := Parse(s, a)
		if err != nil {
			return
		}
		vb, err := Parse(s, b)
		if err != nil {
			return
		}
		ab, ok1 := Compare(va, vb)
		ba, ok2 := Compare(vb, va)
		if ok1 != ok2 || ab != -ba {
			t.Fatalf("not antisymmetric: %q %q", a, b)
		}
		if ok1 && ab != 0 && ab != TotalCompare(va, vb) {
			t.Fatalf("total order disagrees: %q %q", a, b)
		}
		if TotalCompare(va, vb) != -TotalCompare(vb, va) {
			t.Fatalf("total order not antisymmetric")
		}
	})
}

// FuzzSemverMasterminds: on versions Masterminds parses strictly, the
// semver scheme orders exactly as semver.Version.Compare (the required
// oracle; the scheme itself takes numbers of any length).
func FuzzSemverMasterminds(f *testing.F) {
	f.Add("1.0.0-alpha", "1.0.0-alpha.1")
	f.Add("1.2.3-r2", "1.2.3-r100")
	f.Add("0.0.0", "0.0.0-foo")
	f.Add("1.0.0+build", "1.0.0")
	f.Fuzz(func(t *testing.T, a, b string) {
		ma, err1 := semver.StrictNewVersion(a)
		mb, err2 := semver.StrictNewVersion(b)
		if err1 != nil || err2 != nil {
			return
		}
		va, err := Parse(Semver, a)
		if err != nil {
			t.Fatalf("Masterminds parses %q, the semver scheme does not: %v", a, err)
		}
		vb, err := Parse(Semver, b)
		if err != nil {
			t.Fatalf("Masterminds parses %q, the semver scheme does not: %v", b, err)
		}
		if got, _ := Compare(va, vb); got != ma.Compare(mb) {
			t.Fatalf("%q vs %q: scheme %d, Masterminds %d", a, b, got, ma.Compare(mb))
		}
	})
}
