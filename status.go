package netdevsec

import (
	"fmt"
	"strings"
)

// Status is the verdict of one rule on one device. The zero value is
// [StatusUnknown]: a finding whose status was never set does not read as a
// pass.
type Status int

// Statuses, in the order reports list them.
const (
	// StatusUnknown means the facts needed to decide were missing.
	StatusUnknown Status = iota
	// StatusFail means the device does not meet the rule.
	StatusFail
	// StatusError means the check could not run (bad input, probe error).
	StatusError
	// StatusPass means the device meets the rule.
	StatusPass
	// StatusNotApplicable means the rule does not apply to this device.
	StatusNotApplicable
)

var statusNames = [...]string{
	StatusUnknown:       "unknown",
	StatusFail:          "fail",
	StatusError:         "error",
	StatusPass:          "pass",
	StatusNotApplicable: "not-applicable",
}

// Statuses returns every status in report order.
func Statuses() []Status {
	return []Status{StatusFail, StatusError, StatusUnknown, StatusPass, StatusNotApplicable}
}

// String returns "unknown", "fail", "error", "pass" or "not-applicable".
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// MarshalText implements [encoding.TextMarshaler].
func (s Status) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(statusNames) {
		return nil, fmt.Errorf("status %d: %w", int(s), ErrUnknownName)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStatus parses the names [Status.String] returns.
func ParseStatus(text string) (Status, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	for i, n := range statusNames {
		if n == t {
			return Status(i), nil
		}
	}
	return StatusUnknown, fmt.Errorf("status %q: %w", text, ErrUnknownName)
}
