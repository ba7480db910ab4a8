package review_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging/review"
)

type wazuhCase struct {
	name       string
	pass, fail []string
	rule       string
}

func readWazuhStyle(t *testing.T, name string) []wazuhCase {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	var out []wazuhCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || strings.HasPrefix(l, ";"):
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			out = append(out, wazuhCase{name: l[1 : len(l)-1]})
		case strings.HasPrefix(l, "log "):
			head, line, ok := strings.Cut(l, " = ")
			require.True(t, ok, l)
			c := &out[len(out)-1]
			if strings.HasSuffix(head, " pass") {
				c.pass = append(c.pass, line)
			} else {
				c.fail = append(c.fail, line)
			}
		case strings.HasPrefix(l, "rule = "):
			out[len(out)-1].rule = strings.TrimPrefix(l, "rule = ")
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// TestWazuhStyle runs the Wazuh-style rule tests of
// testdata/wazuh_style.ini.
func TestWazuhStyle(t *testing.T) {
	cases := readWazuhStyle(t, "../testdata/wazuh_style.ini")
	require.NotEmpty(t, cases)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.NotEmpty(t, c.rule)
			for _, line := range c.pass {
				var rules []string
				require.NoError(t, review.New(fixtureOptions()).Review(t.Context(), strings.NewReader(line), "t.log", func(f netdevsec.Finding) { rules = append(rules, f.RuleID) }))
				assert.Contains(t, rules, c.rule, line)
			}
			for _, line := range c.fail {
				var rules []string
				require.NoError(t, review.New(fixtureOptions()).Review(t.Context(), strings.NewReader(line), "t.log", func(f netdevsec.Finding) { rules = append(rules, f.RuleID) }))
				assert.Empty(t, rules, line)
			}
		})
	}
}
