package router_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/password"
	"github.com/netdevsec/netdevsec/router"
)

// FuzzDecodeCiscoType7: the router's type 7 decoder never panics and
// agrees with password.DecodeType7 wherever both accept the string, and
// what password.EncodeType7 writes decodes back to the same text.
func FuzzDecodeCiscoType7(f *testing.F) {
	for _, s := range []string{"0822455D0A16", "094F471A1A0A", "-100", "5200", "53AA", "121A0C041104", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := router.DecodeCiscoType7(s)
		if !ok {
			if got != "" {
				t.Fatal("text with a refusal")
			}
			return
		}
		if pw, err := password.DecodeType7(s); err == nil && pw.Reveal() != got {
			t.Fatalf("%q: router and password decoders disagree", s)
		}
		for off := range 16 {
			enc := password.EncodeType7(netdevsec.NewSecret(got), off)
			back, ok := router.DecodeCiscoType7(enc)
			if len(got) <= 256 && (!ok || back != got) {
				t.Fatalf("offset %d: %q does not decode back", off, enc)
			}
		}
	})
}

// FuzzImport drives the vendor dispatcher (with its secret scan) over any
// file for every vendor: no panic, an error only for OpenWrt input, and
// every credential located on a line of one of the files it was given.
func FuzzImport(f *testing.F) {
	for _, dir := range []string{"cisco", "routeros", "yamaha", "openwrt"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
				f.Add(dir, b)
			}
		}
	}
	f.Add("cisco", []byte("username a password 7 0822455D0A16\nenable secret 0 x\n"))
	f.Fuzz(func(t *testing.T, vendor string, data []byte) {
		files := []router.File{{Name: "network", Data: data}}
		facts, err := router.Import(vendor, files)
		if err != nil {
			switch strings.ToLower(vendor) {
			case router.VendorCisco, router.VendorMikroTik, "routeros", router.VendorYamaha:
				t.Fatalf("%s importer returned an error: %v", vendor, err)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, c := range facts.Credentials {
			if c.Location != nil && (c.Location.Line < 0 || c.Location.Line > lines) {
				t.Fatalf("credential %s at line %d of %d", c.Name, c.Location.Line, lines)
			}
		}
	})
}
