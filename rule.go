package netdevsec

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Rule is the stable metadata of one check: what it looks at and why, as
// data. The implementation lives in the domain package that exports the
// rule; the ID never changes meaning once released.
type Rule struct {
	// ID is dotted lower-case, domain first: "router.wifi.open".
	ID          string      `json:"id"`
	Title       Text        `json:"title"`
	Description Text        `json:"description"`
	Remediation Text        `json:"remediation"`
	Clauses     []ClauseID  `json:"clauses"`
	Severity    Severity    `json:"severity"`
	References  []Reference `json:"references,omitempty"`
}

// Reference points at a standard or source a rule relies on.
type Reference struct {
	Name string `json:"name"`          // "CIS Cisco IOS 17 Benchmark 1.1.1", "RFC 5425"
	URL  string `json:"url,omitempty"` // optional
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$`)

// Validate reports what is wrong with r's metadata: the ID's form, unknown
// or missing clauses, an unspecified severity, or a missing English or
// Japanese text. The errors wrap [ErrInvalidRule].
func (r Rule) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("rule %q: %s: %w", r.ID, fmt.Sprintf(format, args...), ErrInvalidRule))
	}
	if !ruleIDPattern.MatchString(r.ID) {
		bad("ID must be dotted lower-case such as router.wifi.open")
	}
	if len(r.Clauses) == 0 {
		bad("no clause")
	}
	for _, c := range r.Clauses {
		if err := validateClause(c); err != nil {
			bad("%v", err)
		}
	}
	if r.Severity <= SeverityUnspecified {
		bad("severity unspecified")
	}
	for name, t := range map[string]Text{"title": r.Title, "description": r.Description, "remediation": r.Remediation} {
		if t.EN == "" || t.JA == "" {
			bad("%s needs English and Japanese", name)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(errs...)
}

// Finding returns a finding of this rule for device, with the rule's ID,
// severity and clauses filled in.
func (r Rule) Finding(device string, status Status, message string, evidence ...Evidence) Finding {
	return Finding{
		RuleID:   r.ID,
		Status:   status,
		Severity: r.Severity,
		Device:   device,
		Message:  message,
		Evidence: evidence,
		Clauses:  slices.Clone(r.Clauses),
	}
}

// Pass is [Rule.Finding] with [StatusPass].
func (r Rule) Pass(device, message string, evidence ...Evidence) Finding {
	return r.Finding(device, StatusPass, message, evidence...)
}

// Fail is [Rule.Finding] with [StatusFail].
func (r Rule) Fail(device, message string, evidence ...Evidence) Finding {
	return r.Finding(device, StatusFail, message, evidence...)
}

// Unknown is [Rule.Finding] with [StatusUnknown]: the facts to decide were
// missing. message should say which.
func (r Rule) Unknown(device, message string, evidence ...Evidence) Finding {
	return r.Finding(device, StatusUnknown, message, evidence...)
}

// NotApplicable is [Rule.Finding] with [StatusNotApplicable].
func (r Rule) NotApplicable(device, message string) Finding {
	return r.Finding(device, StatusNotApplicable, message)
}

// Error is [Rule.Finding] with [StatusError] and err's text as message.
// err must not contain secrets.
func (r Rule) Error(device string, err error) Finding {
	return r.Finding(device, StatusError, err.Error())
}
