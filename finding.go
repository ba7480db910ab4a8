package netdevsec

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Finding is the one result shape of the whole SDK: the verdict of one rule
// on one device, what was seen, and where.
type Finding struct {
	RuleID   string     `json:"rule"`
	Status   Status     `json:"status"`
	Severity Severity   `json:"severity"`
	Device   string     `json:"device"`
	Message  string     `json:"message"`
	Evidence []Evidence `json:"evidence,omitempty"`
	Clauses  []ClauseID `json:"clauses"`
	Location *Location  `json:"location,omitempty"`
}

// Evidence is one observed fact behind a finding. Values are shown to
// people and written to reports: never put a secret here; use
// [RedactedEvidence] to record that a secret was seen.
type Evidence struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Redacted is what reports show in place of a secret.
const Redacted = "[REDACTED]"

// E returns evidence key=value; v is formatted with %v, so a [Secret]
// prints as [Redacted].
func E(key string, v any) Evidence { return Evidence{Key: key, Value: fmt.Sprint(v)} }

// RedactedEvidence records that key held a secret without its value.
func RedactedEvidence(key string) Evidence { return Evidence{Key: key, Value: Redacted} }

// Location is where in a source a finding was seen. Line and Column count
// from 1; 0 means unknown.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// String returns file:line:column, omitting what is unknown.
func (l Location) String() string {
	switch {
	case l.Line == 0:
		return l.File
	case l.Column == 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// At returns f with its location set to file:line.
func (f Finding) At(file string, line int) Finding {
	f.Location = &Location{File: file, Line: line}
	return f
}

// CompareFindings is the deterministic report order: device, then status
// (fail, error, unknown, pass, not-applicable), higher severity first, rule
// ID, location, message.
func CompareFindings(a, b Finding) int {
	if c := strings.Compare(a.Device, b.Device); c != 0 {
		return c
	}
	if c := cmp.Compare(statusRank(a.Status), statusRank(b.Status)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
		return c
	}
	if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
		return c
	}
	if c := compareLocation(a.Location, b.Location); c != 0 {
		return c
	}
	if c := strings.Compare(a.Message, b.Message); c != 0 {
		return c
	}
	return slices.CompareFunc(a.Evidence, b.Evidence, func(x, y Evidence) int {
		return cmp.Or(strings.Compare(x.Key, y.Key), strings.Compare(x.Value, y.Value))
	})
}

func statusRank(s Status) int {
	return slices.Index(Statuses(), s)
}

func compareLocation(a, b *Location) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}
