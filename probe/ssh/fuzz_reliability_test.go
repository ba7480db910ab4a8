package ssh_test

import (
	"strings"
	"testing"

	probessh "github.com/netdevsec/netdevsec/probe/ssh"
)

// FuzzParseFingerprint: a fingerprint from a user or an inventory never
// panics the parser, and a parsed fingerprint is canonical (parsing it
// again gives itself).
func FuzzParseFingerprint(f *testing.F) {
	for _, s := range []string{"SHA256:" + strings.Repeat("A", 43), "SHA256:" + strings.Repeat("A", 43) + "=", " SHA256:x", "MD5:aa:bb", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fp, err := probessh.ParseFingerprint(s)
		if err != nil {
			if fp != "" {
				t.Fatal("fingerprint with an error")
			}
			return
		}
		again, err := probessh.ParseFingerprint(fp)
		if err != nil || again != fp {
			t.Fatalf("%q -> %q -> %q, %v", s, fp, again, err)
		}
		if len(fp) != len("SHA256:")+43 {
			t.Fatalf("canonical fingerprint %q has length %d", fp, len(fp))
		}
	})
}

// FuzzParseKexInit parses a KEXINIT payload without the packet framing
// (what ReadKexInit hands it): no panic, nil on error.
func FuzzParseKexInit(f *testing.F) {
	f.Add(append([]byte{20}, make([]byte, 16+4*10+5)...))
	f.Add([]byte{20})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := probessh.ParseKexInit(b)
		if err != nil && k != nil {
			t.Fatal("result with an error")
		}
	})
}
