package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run runs the CLI with args and an environment without a locale.
func run(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	})
	return out.String(), errb.String(), code
}

func TestDemoAuditShowsPassFailUnknownInEveryFormat(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := run(t, nil, "audit", "--format", format, "--time", "2026-11-26T09:00:00Z")
			assert.Equal(t, ExitFindings, code, stderr)
			switch format {
			case "text":
				for _, s := range []string{"FAIL", "PASS", "UNKNOWN", "CIAJ-"} {
					assert.Contains(t, out, s)
				}
			case "json":
				r, err := netdevsec.DecodeJSONReport(strings.NewReader(out))
				require.NoError(t, err)
				for _, s := range []netdevsec.Status{netdevsec.StatusFail, netdevsec.StatusPass, netdevsec.StatusUnknown} {
					assert.Positive(t, r.Summary.ByStatus[s], "demo has a %s finding", s)
				}
				for _, f := range r.Findings() {
					assert.NotEmpty(t, f.Clauses, "%s names its clauses", f.RuleID)
				}
				checktest.Findings(t, r.Rules, r.Findings())
			case "sarif":
				var doc struct {
					Runs []struct {
						Results []struct{ Kind string } `json:"results"`
					} `json:"runs"`
				}
				require.NoError(t, json.Unmarshal([]byte(out), &doc))
				kinds := map[string]bool{}
				for _, r := range doc.Runs[0].Results {
					kinds[r.Kind] = true
				}
				assert.True(t, kinds["fail"] && kinds["pass"] && kinds["open"], "kinds: %v", kinds)
				validateSARIF(t, out)
			}
		})
	}
}

func validateSARIF(t *testing.T, doc string) {
	t.Helper()
	f, err := os.Open(sharedtest.Path(t, "schemas", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif.json", schemaDoc))
	schema, err := c.Compile("sarif.json")
	require.NoError(t, err)
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	require.NoError(t, err)
	require.NoError(t, schema.Validate(v))
}

func TestAuditLanguage(t *testing.T) {
	ja, _, _ := run(t, map[string]string{"LANG": "ja_JP.UTF-8"}, "audit")
	assert.Contains(t, ja, "監査レポート", "locale picks Japanese")
	en, _, _ := run(t, map[string]string{"LANG": "ja_JP.UTF-8"}, "audit", "--lang", "en")
	assert.Contains(t, en, "report")
	assert.NotContains(t, en, "監査レポート")
	_, stderr, code := run(t, nil, "audit", "--lang", "fr")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, `language "fr"`)
}

func TestAuditOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	out, _, code := run(t, nil, "audit", "--format", "json", "--output", path)
	assert.Equal(t, ExitFindings, code)
	assert.Empty(t, out)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	_, err = netdevsec.DecodeJSONReport(bytes.NewReader(b))
	require.NoError(t, err)
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "reports describe weaknesses: not world-readable")
}

func TestAuditInventoryFromDisk(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "fleet.yaml")
	require.NoError(t, os.WriteFile(inv, []byte(`devices:
  - id: ok-1
    class: other
    firmware: "1.2.3"
    facts:
      logging: {ntp_servers: [ntp.nict.jp, ntp.jst.mfeed.ad.jp]}
  - id: broken
    class: router
    addresses: "not-a-list"
`), 0o644))
	out, stderr, code := run(t, nil, "audit", "--format", "json", inv)
	r, err := netdevsec.DecodeJSONReport(strings.NewReader(out))
	require.NoError(t, err, stderr)
	var ids []string
	for _, d := range r.Devices {
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []string{"broken", "ok-1"}, ids, "the broken entry is reported, the good one still audited")
	assert.Equal(t, "audit.device.invalid", r.Devices[0].Findings[0].RuleID)
	assert.Contains(t, r.Devices[0].Findings[0].Location.String(), "fleet.yaml:9:")
	assert.Contains(t, stderr, "fleet.yaml:9:")
	assert.NotEqual(t, ExitOK, code)
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, ExitUsage, ""},
		{"unknown command", []string{"frobnicate"}, ExitUsage, `unknown command "frobnicate"`},
		{"bad flag", []string{"audit", "--nope"}, ExitUsage, "flag provided but not defined: -nope"},
		{"bad format", []string{"audit", "--format", "xml"}, ExitUsage, `unknown format "xml"`},
		{"two inventories", []string{"audit", "a.yaml", "b.yaml"}, ExitUsage, "at most one inventory"},
		{"missing inventory", []string{"audit", "does-not-exist.yaml"}, ExitUsage, "does-not-exist.yaml: no such file"},
		{"bad time", []string{"audit", "--time", "yesterday"}, ExitUsage, "--time"},
		{"rules bad format", []string{"rules", "--format", "pdf"}, ExitUsage, `unknown format "pdf"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, nil, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
	out, _, code := run(t, nil, "help")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "netdevsec audit")
	_, _, code = run(t, nil, "audit", "-h")
	assert.Equal(t, ExitOK, code)
}

func TestRulesCommand(t *testing.T) {
	out, _, code := run(t, nil, "rules")
	require.Equal(t, ExitOK, code)
	for _, r := range catalogRules() {
		assert.Contains(t, out, r.ID)
	}
	out, _, code = run(t, nil, "rules", "--format", "json")
	require.Equal(t, ExitOK, code)
	var rules []netdevsec.Rule
	require.NoError(t, json.Unmarshal([]byte(out), &rules))
	assert.Equal(t, catalogRules(), rules)
}

// TestCoverageDocIsFresh fails when docs/coverage.md differs from what
// `netdevsec rules --format markdown` writes.
func TestCoverageDocIsFresh(t *testing.T) {
	out, _, code := run(t, nil, "rules", "--format", "markdown")
	require.Equal(t, ExitOK, code)
	path := filepath.Join("..", "..", "docs", "coverage.md")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), out, "docs/coverage.md is stale: run go run ./cmd/netdevsec rules --format markdown > docs/coverage.md")
}

// TestCatalogConforms is the catalog test of the foundation: every rule of
// every wired rule set is well formed (known clauses, EN+JA texts), no two
// share an ID, and every rule in the catalog has an implementation that
// reports it (a rule set's Rules() is its implementation's own list).
func TestCatalogConforms(t *testing.T) {
	checktest.Rules(t, catalogRules())
	seen := map[string]string{}
	for _, a := range auditors() {
		for _, r := range a.Rules() {
			if prev, dup := seen[r.ID]; dup {
				t.Errorf("rule %s is listed by two rule sets (%s and %T)", r.ID, prev, a)
			}
			seen[r.ID] = fmt.Sprintf("%T", a)
		}
	}
}

// TestDemoExercisesRules checks that the demo fleet reaches rules of every
// wired rule set, so that a rule set without an implementation behind its
// catalog entries shows up here.
func TestDemoExercisesRules(t *testing.T) {
	out, _, _ := run(t, nil, "audit", "--format", "json")
	r, err := netdevsec.DecodeJSONReport(strings.NewReader(out))
	require.NoError(t, err)
	reported := map[string]bool{}
	for _, f := range r.Findings() {
		reported[f.RuleID] = true
	}
	for _, a := range auditors() {
		var hit bool
		for _, rule := range a.Rules() {
			hit = hit || reported[rule.ID]
		}
		assert.True(t, hit, "no rule of %T appears in the demo audit", a)
	}
}

func TestAuditAdvisoriesFlag(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "fleet.yaml")
	require.NoError(t, os.WriteFile(inv, []byte("devices:\n  - id: gw-1\n    class: router\n    vendor: yamaha\n    model: RTX830\n    firmware: Rev.15.02.20\n"), 0o644))
	adv, err := demoFS.ReadFile("demo/advisories/demo-yamaha.osv.json")
	require.NoError(t, err)
	advPath := filepath.Join(dir, "adv.json")
	require.NoError(t, os.WriteFile(advPath, adv, 0o644))

	without, _, _ := run(t, nil, "audit", "--format", "json", inv)
	with, stderr, _ := run(t, nil, "audit", "--format", "json", "--advisories", advPath, inv)
	status := func(out string) netdevsec.Status {
		r, err := netdevsec.DecodeJSONReport(strings.NewReader(out))
		require.NoError(t, err, stderr)
		for _, f := range r.Findings() {
			if f.RuleID == "firmware.advisory.affected" {
				return f.Status
			}
		}
		t.Fatal("no firmware.advisory.affected finding")
		return 0
	}
	assert.NotEqual(t, netdevsec.StatusFail, status(without))
	assert.Equal(t, netdevsec.StatusFail, status(with), "the advisory given on the command line is matched")

	_, stderr, code := run(t, nil, "audit", "--advisories", filepath.Join(dir, "missing.json"), inv)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "missing.json")
}
