package fax

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzConfirmDestination(f *testing.F) {
	for _, s := range [][2]string{
		{"03-1234-5678", "+81 3 1234 5678"}, {"０３－１２３４－５６７８", "03ー1234ー5678"},
		{"0,03-1234-5678 ext 12", "03 1234 5678#12"}, {"0033-010-44-20-7946-0018", "+44 20 7946 0018"},
		{"", "+"}, {"03-1234-567a", "内線"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		n, err := ConfirmDestination(a, b, nil)
		if err != nil {
			if n != (Number{}) {
				t.Fatalf("number %+v with error", n)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrInvalidCharacter) && !errors.Is(err, ErrTooLong) && !errors.Is(err, ErrInvalidNumber) && !errors.Is(err, ErrMismatch) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		// Symmetric, and an entry always confirms itself.
		if _, err := ConfirmDestination(b, a, nil); err != nil {
			t.Fatalf("not symmetric: %v", err)
		}
		if _, err := ConfirmDestination(a, a, nil); err != nil {
			t.Fatalf("entry does not confirm itself: %v", err)
		}
		if n.National == "" || len(n.CountryCode)+len(n.National) > DefaultMaxDigits {
			t.Fatalf("bad number %+v", n)
		}
		// The normalised form parses back to the same number.
		if n.CountryCode != "" {
			back, err := ParseNumber(n.E164()+extSuffix(n), nil)
			if err != nil || back.National != n.National || back.CountryCode != n.CountryCode || back.Extension != n.Extension {
				t.Fatalf("round trip %+v -> %+v, %v", n, back, err)
			}
		}
	})
}

func extSuffix(n Number) string {
	if n.Extension == "" {
		return ""
	}
	return " x" + n.Extension
}

func FuzzValidateIdentity(f *testing.F) {
	for _, s := range []string{"+81 3 1234 5678", "", "ACME", "+81 3 1234 5678 90123", "０３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidateIdentity("TSI", s)
		if err == nil && (s == "" || utf8.RuneCountInString(s) > MaxT30Chars) {
			t.Fatalf("%q accepted", s)
		}
		for _, r := range s {
			if err == nil && !(r >= '0' && r <= '9' || r == '+' || r == ' ') {
				t.Fatalf("%q accepted with %q", s, r)
			}
		}
	})
}

func FuzzValidateFCode(f *testing.F) {
	for _, s := range []string{"0001", "12*34#", "", "se7ret", "123456789012345678901"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []FCode{SUB, SEP, PWD, SID} {
			err := ValidateFCode(c, s)
			if err == nil {
				for _, r := range s {
					if !(r >= '0' && r <= '9' || r == '*' || r == '#' || r == ' ') {
						t.Fatalf("%s %q accepted with %q", c, s, r)
					}
				}
				continue
			}
			if c.Secret() && len(s) >= 3 && utf8.ValidString(s) && strings.Contains(err.Error(), s) {
				t.Fatalf("%s error %q shows the value", c, err)
			}
		}
	})
}

func FuzzMatchRemoteID(f *testing.F) {
	for _, s := range [][2]string{{"03-1234-5678", "+81 3 1234 5678"}, {"052-123-4567", "+1 212 555 0100"}, {"1234", ""}, {"+", "+"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, dialled, id string) {
		m := MatchRemoteID(dialled, id, nil)
		if m.Confidence < 0 || m.Confidence > 1 || m.Reason == "" {
			t.Fatalf("bad match %+v", m)
		}
		if m.Verdict == VerdictUnknown && m.Confidence != 0 {
			t.Fatalf("unknown with confidence %+v", m)
		}
	})
}
