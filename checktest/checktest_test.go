package checktest_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
)

func goodRule(id string) netdevsec.Rule {
	return netdevsec.Rule{
		ID:          id,
		Title:       netdevsec.Text{EN: "Title", JA: "タイトル"},
		Description: netdevsec.Text{EN: "Description", JA: "説明"},
		Remediation: netdevsec.Text{EN: "Fix", JA: "対策"},
		Clauses:     []netdevsec.ClauseID{"CIAJ-1.2-1"},
		Severity:    netdevsec.SeverityHigh,
	}
}

func TestRuleErrors(t *testing.T) {
	bad := goodRule("Bad_ID")
	bad.Clauses = []netdevsec.ClauseID{"CIAJ-9.9-9"}
	bad.Severity = 0
	bad.Title.JA = ""
	copyJA := goodRule("x.copy")
	copyJA.Remediation.JA = copyJA.Remediation.EN

	tests := []struct {
		name     string
		rules    []netdevsec.Rule
		prefixes []string
		want     []string
	}{
		{"good", []netdevsec.Rule{goodRule("x.a"), goodRule("x.b")}, []string{"x."}, nil},
		{"duplicate", []netdevsec.Rule{goodRule("x.a"), goodRule("x.a")}, nil, []string{`rule "x.a": ID used twice`}},
		{"prefix", []netdevsec.Rule{goodRule("y.a")}, []string{"x."}, []string{`does not start with`}},
		{"copied translation", []netdevsec.Rule{copyJA}, nil, []string{`Japanese remediation is a copy`}},
		{"invalid", []netdevsec.Rule{bad}, nil, []string{"ID must be dotted", `clause "CIAJ-9.9-9" is not in the catalog`, "severity unspecified", "title needs English and Japanese"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := checktest.RuleErrors(tt.rules, tt.prefixes...)
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			joined := strings.Join(all, "\n")
			if tt.want == nil {
				assert.Empty(t, all)
			}
			for _, w := range tt.want {
				assert.Contains(t, joined, w)
			}
		})
	}
}

func TestFindingsFlagsSecrets(t *testing.T) {
	r := goodRule("x.a")
	ft := &testing.T{}
	checktest.Findings(ft, []netdevsec.Rule{r}, []netdevsec.Finding{r.Fail("dev", "password is hunter2")}, "hunter2")
	require.True(t, ft.Failed(), "a finding that shows a secret must fail the check")

	ok := &testing.T{}
	checktest.Findings(ok, []netdevsec.Rule{r}, []netdevsec.Finding{r.Fail("dev", "password is weak", netdevsec.RedactedEvidence("password"))}, "hunter2")
	assert.False(t, ok.Failed())
}
