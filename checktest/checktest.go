// Package checktest is a conformance harness for netdevsec rule sets, in
// the manner of testing/slogtest: a domain package (or a program that
// embeds netdevsec and adds its own rules) calls [Rules] from a test to
// prove that its rule metadata is well formed, and [Deterministic] to
// prove that its checks give the same findings for the same facts.
package checktest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/netdevsec/netdevsec"
)

// Rules checks every rule: [netdevsec.Rule.Validate] passes (ID form,
// known clauses, severity set, English and Japanese texts), the
// Japanese texts are not copies of the English ones, IDs are unique, and
// IDs start with one of prefixes when any are given.
func Rules(t testing.TB, rules []netdevsec.Rule, prefixes ...string) {
	t.Helper()
	for _, err := range RuleErrors(rules, prefixes...) {
		t.Error(err)
	}
}

// RuleErrors returns what [Rules] would report, for callers that want to
// assert on the errors themselves.
func RuleErrors(rules []netdevsec.Rule, prefixes ...string) []error {
	var errs []error
	seen := map[string]bool{}
	for _, r := range rules {
		if err := r.Validate(); err != nil {
			errs = append(errs, err)
		}
		if seen[r.ID] {
			errs = append(errs, fmt.Errorf("rule %q: ID used twice", r.ID))
		}
		seen[r.ID] = true
		for name, txt := range map[string]netdevsec.Text{"title": r.Title, "description": r.Description, "remediation": r.Remediation} {
			if txt.EN != "" && txt.EN == txt.JA {
				errs = append(errs, fmt.Errorf("rule %q: Japanese %s is a copy of the English", r.ID, name))
			}
		}
		if len(prefixes) > 0 && !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(r.ID, p) }) {
			errs = append(errs, fmt.Errorf("rule %q: ID does not start with %v", r.ID, prefixes))
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// Findings checks findings against the rules that made them: every
// finding names a rule of rules, carries that rule's clauses (or a
// non-empty subset of known clauses), has a device and a severity, and
// never shows one of secrets in its message or evidence.
func Findings(t testing.TB, rules []netdevsec.Rule, findings []netdevsec.Finding, secrets ...string) {
	t.Helper()
	byID := map[string]netdevsec.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	for _, f := range findings {
		r, ok := byID[f.RuleID]
		if !ok {
			t.Errorf("finding of unknown rule %q", f.RuleID)
			continue
		}
		if f.Device == "" {
			t.Errorf("finding of %s has no device", f.RuleID)
		}
		if f.Severity <= netdevsec.SeverityUnspecified {
			t.Errorf("finding of %s has no severity", f.RuleID)
		}
		if len(f.Clauses) == 0 {
			t.Errorf("finding of %s names no clause", f.RuleID)
		}
		for _, c := range f.Clauses {
			if _, ok := netdevsec.LookupClause(c); !ok {
				t.Errorf("finding of %s names unknown clause %s", f.RuleID, c)
			}
		}
		_ = r
		text := f.Message
		for _, ev := range f.Evidence {
			text += "\n" + ev.Key + "=" + ev.Value
		}
		if f.Location != nil {
			text += "\n" + f.Location.String()
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				t.Errorf("finding of %s on %s reveals a secret", f.RuleID, f.Device)
			}
		}
	}
}

// Deterministic runs check twice and fails when the findings differ.
func Deterministic(t testing.TB, check func() []netdevsec.Finding) {
	t.Helper()
	a, b := check(), check()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("check is not deterministic:\nfirst:  %+v\nsecond: %+v", a, b)
	}
}
