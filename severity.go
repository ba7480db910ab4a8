package netdevsec

import (
	"fmt"
	"strconv"
	"strings"
)

// Severity says how much a failing finding matters. Like [log/slog.Level]
// it is a gapped integer, so that a rule may sit between two named levels
// (SeverityHigh+2) without a new constant. The zero value is
// [SeverityUnspecified], which rules must not use.
type Severity int

// Named severities. The gaps leave room for levels in between.
const (
	SeverityUnspecified Severity = 0
	SeverityInfo        Severity = 4
	SeverityLow         Severity = 8
	SeverityMedium      Severity = 12
	SeverityHigh        Severity = 16
	SeverityCritical    Severity = 20
)

var severityNames = [...]struct {
	s    Severity
	name string
}{
	{SeverityInfo, "info"},
	{SeverityLow, "low"},
	{SeverityMedium, "medium"},
	{SeverityHigh, "high"},
	{SeverityCritical, "critical"},
}

// String returns the severity's name, with an offset from the next lower
// named level where it lies between two ("high+2"), or "unspecified".
func (s Severity) String() string {
	if s <= SeverityUnspecified {
		if s == SeverityUnspecified {
			return "unspecified"
		}
		return fmt.Sprintf("unspecified%d", int(s))
	}
	base := severityNames[0]
	for _, n := range severityNames {
		if s >= n.s {
			base = n
		}
	}
	if s < base.s {
		return fmt.Sprintf("%s%d", base.name, int(s-base.s))
	}
	if s == base.s {
		return base.name
	}
	return fmt.Sprintf("%s+%d", base.name, int(s-base.s))
}

// MarshalText implements [encoding.TextMarshaler] with [Severity.String].
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses the forms [Severity.String] writes, case-insensitively.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "high", "High", "medium+2", "low-1" or "unspecified".
func ParseSeverity(text string) (Severity, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	name, offset := t, 0
	if i := strings.IndexAny(t, "+-"); i > 0 {
		n, err := strconv.Atoi(t[i:])
		if err != nil {
			return 0, fmt.Errorf("severity %q: bad offset: %w", text, err)
		}
		name, offset = t[:i], n
	}
	if name == "unspecified" {
		return SeverityUnspecified + Severity(offset), nil
	}
	for _, n := range severityNames {
		if n.name == name {
			return n.s + Severity(offset), nil
		}
	}
	return 0, fmt.Errorf("severity %q: %w", text, ErrUnknownName)
}
