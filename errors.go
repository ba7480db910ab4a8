package netdevsec

import "errors"

// Sentinel errors callers branch on with [errors.Is].
var (
	// ErrUnknownName is returned when a severity, status, language or
	// format name is not one this package knows.
	ErrUnknownName = errors.New("unknown name")
	// ErrNotApplicable is returned by checks and probes when a device or
	// input is outside what they handle; runners record it as
	// StatusNotApplicable rather than an error.
	ErrNotApplicable = errors.New("not applicable")
	// ErrInvalidRule is wrapped by [Rule.Validate].
	ErrInvalidRule = errors.New("invalid rule")
)
