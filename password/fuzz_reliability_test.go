package password_test

import (
	"strings"
	"testing"

	"github.com/netdevsec/netdevsec/password"
)

// FuzzDecodeType7: decoding never panics (a negative offset such as "-1"
// once indexed the key with -1), an error comes with an empty secret,
// and encoding what was decoded gives a string that decodes to the same
// password.
func FuzzDecodeType7(f *testing.F) {
	for _, s := range []string{"0822455D0A16", "094F471A1A0A", "-100", "+100", "1", "15", "1600", "00zz", "121A0C041104"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, enc string) {
		pw, err := password.DecodeType7(enc)
		if err != nil {
			if !pw.IsZero() {
				t.Fatal("secret with an error")
			}
			return
		}
		for off := range 16 {
			again, err := password.DecodeType7(password.EncodeType7(pw, off))
			if err != nil {
				t.Fatalf("re-encoded with offset %d does not decode: %v", off, err)
			}
			if again.Reveal() != pw.Reveal() {
				t.Fatalf("round trip with offset %d changed the password", off)
			}
		}
	})
}

// FuzzParseFleetKey: a key never panics, and never appears in its own
// printed form or error.
func FuzzParseFleetKey(f *testing.F) {
	f.Add(strings.Repeat("ab", 32))
	f.Add(strings.Repeat("0", 63))
	f.Add("zz")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := password.ParseFleetKey(s)
		if err != nil {
			if !k.IsZero() {
				t.Fatal("key with an error")
			}
			// Only inputs long enough to be a key count: a short one
			// ("2 b") may be part of the error's own words ("32 bytes").
			if ts := strings.TrimSpace(s); len(ts) >= 16 && strings.Contains(err.Error(), ts) {
				t.Fatalf("error repeats the key: %v", err)
			}
			return
		}
		if ts := strings.TrimSpace(s); len(ts) >= 16 && strings.Contains(strings.ToLower(k.String()), strings.ToLower(ts)) {
			t.Fatalf("String shows the key: %q", k.String())
		}
	})
}

// TestScanMalformedEnableAlgorithm: in "enable algorithm-type scrypt PW"
// (the "secret" keyword missing) the word after the algorithm is the
// value; it once became part of the form and name that reports print.
func TestScanMalformedEnableAlgorithm(t *testing.T) {
	const pw = "Malformed-Enable-Pw1"
	s, err := password.ScanConfig("r.cfg", strings.NewReader("enable algorithm-type scrypt "+pw+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Secrets) != 1 {
		t.Fatalf("want one secret, got %d", len(s.Secrets))
	}
	c := s.Secrets[0]
	if strings.Contains(c.Form, pw) || strings.Contains(c.Credential.Name, pw) {
		t.Fatalf("password in form %q or name %q", c.Form, c.Credential.Name)
	}
	found := c.Credential.Secret.Reveal() == pw || c.Credential.Hash.Reveal() == pw
	if c.Form != "cisco-enable-secret" || !found {
		t.Fatalf("form %q, value kept: %v", c.Form, found)
	}
}
