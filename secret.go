package netdevsec

import (
	"errors"
	"fmt"
	"log/slog"
)

// Secret holds a password, community string, pre-shared key or other
// credential. Every way of printing it — String, Format (%v, %+v, %#v, %s,
// %q, %x), GoString, slog's LogValue, JSON and text marshalling — shows
// [Redacted] instead of the value. Only [Secret.Reveal] returns it, so a
// reviewer can find every place that does.
//
// The zero Secret is empty.
type Secret struct {
	value string
}

// NewSecret wraps value.
func NewSecret(value string) Secret { return Secret{value: value} }

// Reveal returns the plaintext. Call it only to hand the value to the
// code that needs it (an authentication attempt, a strength estimate) and
// never store, log or print the result.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.value == "" }

// String returns [Redacted] (or "" for an empty secret, so that "no
// password set" stays visible).
func (s Secret) String() string {
	if s.value == "" {
		return ""
	}
	return Redacted
}

// GoString implements [fmt.GoStringer] for %#v.
func (s Secret) GoString() string { return "netdevsec.Secret(" + fmt.Sprintf("%q", s.String()) + ")" }

// Format implements [fmt.Formatter] so that no verb prints the value.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = f.Write([]byte(s.GoString()))
			return
		}
		_, _ = f.Write([]byte(s.String()))
	case 'q':
		_, _ = fmt.Fprintf(f, "%q", s.String())
	default:
		_, _ = f.Write([]byte(s.String()))
	}
}

// LogValue implements [slog.LogValuer].
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText implements [encoding.TextMarshaler]; it never writes the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// MarshalJSON writes the redacted form as a JSON string.
func (s Secret) MarshalJSON() ([]byte, error) { return fmt.Appendf(nil, "%q", s.String()), nil }

// UnmarshalText refuses to read a secret from text: a document that
// carries a plaintext secret must say so explicitly (see package
// inventory), and a redacted report must not turn "[REDACTED]" back into
// a password.
func (s *Secret) UnmarshalText([]byte) error {
	return errors.New("a Secret is not read from text; construct it with NewSecret")
}
