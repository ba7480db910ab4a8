package advisory

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/netdevsec/netdevsec/firmware/version"
)

func seedFile(f *testing.F, name string) {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
}

// fuzzImporter: an importer never panics, and what it imports can be
// indexed and matched.
func fuzzImporter(f *testing.F, read func([]byte) (*Document, error), seeds ...string) {
	for _, s := range seeds {
		seedFile(f, s)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := read(b)
		if err != nil {
			if d != nil {
				t.Fatal("document with an error")
			}
			return
		}
		ix := NewIndex(d.Advisories)
		for _, a := range d.Advisories {
			for _, e := range a.Affected {
				for _, m := range ix.Match(Device{Vendor: e.Vendor, Model: e.Product, Installed: "1.0"}) {
					if m.Verdict == "" || len(m.Statements) == 0 {
						t.Fatalf("match without verdict or statements: %+v", m)
					}
				}
			}
		}
	})
}

func FuzzReadOSV(f *testing.F) {
	fuzzImporter(f, func(b []byte) (*Document, error) { return ReadOSV(bytes.NewReader(b), "f") }, "osv-routeros.json")
}

func FuzzReadCSAF(f *testing.F) {
	fuzzImporter(f, func(b []byte) (*Document, error) { return ReadCSAF(bytes.NewReader(b), "f") },
		"csaf-cisco-iosxe.json", "csaf-messy.json")
}

func FuzzReadNVD(f *testing.F) {
	fuzzImporter(f, func(b []byte) (*Document, error) { return ReadNVD(bytes.NewReader(b), "f") }, "nvd-messy.json")
}

func FuzzReadCVE5(f *testing.F) {
	fuzzImporter(f, func(b []byte) (*Document, error) { return ReadCVE5(bytes.NewReader(b), "f") }, "cve5-fortios.json")
}

func FuzzReadKEV(f *testing.F) {
	fuzzImporter(f, func(b []byte) (*Document, error) { return ReadKEV(bytes.NewReader(b), "f") }, "kev.json")
}

// FuzzParseVers: parsing never panics; the canonical string of a parsed
// range parses to the same string; containment never panics.
func FuzzParseVers(f *testing.F) {
	for _, s := range []string{"vers:npm/>=1.0.0|<2.0.0", "vers:pypi/*", "vers:npm/1.0%252F0", "vers:intdot/>=1.0|!=1.5|<2.0|3.0",
		"vers:datetime/2024-01-01T00:00:00Z", "vers:cisco-iosxe/>=17.9.0|<17.9.4a", "vers:all/<V7.0.3"} {
		f.Add(s, "1.5")
	}
	f.Fuzz(func(t *testing.T, s, ver string) {
		v, err := ParseVers(s)
		if err != nil {
			return
		}
		again, err := ParseVers(v.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", v.String(), s, err)
		}
		if again.String() != v.String() {
			t.Fatalf("round trip %q -> %q", v.String(), again.String())
		}
		if pv, err := version.Parse(v.Scheme, ver); err == nil {
			_, _ = v.Contains(pv)
		}
		_, _, _, _ = v.statements()
	})
}

// FuzzParseRangeText: the vls salvage never panics.
func FuzzParseRangeText(f *testing.F) {
	for _, s := range []string{"<V3.0.29", "vers:all/<V7.0.3", "<= 7.20 (7.50 and 7.60 may also be affected)", ">=1.0|<2.0",
		"All versions < V4.33", " <1.000.HW00.21.20190812", "*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _, _, _ = parseRangeText(s, version.Generic)
	})
}

func FuzzParseCPE(f *testing.F) {
	f.Add(`cpe:2.3:o:cisco:ios:15.2\(5\)e:*:*:*:*:*:*:*`)
	f.Add(`cpe:2.3:o:mikrotik:routeros:*:*:*:*:ltr:*:*:*`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseCPE(s)
	})
}
