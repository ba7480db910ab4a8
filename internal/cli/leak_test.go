package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/password"
)

// The secret-leak suite runs every offline CLI command over every fixture
// of the module, in every output format and language, and searches
// stdout and stderr (reports, progress, log lines and error messages) for
// every secret the fixtures hold.
//
// Which secrets: every credential the device-class collectors derive from
// the demo fleet and the fixture inventories (router, PBX and fax
// configs: login and enable passwords, type 7 and hashed forms, SNMP
// communities, SIP secrets, Wi-Fi keys, HylaFAX passwords), inventory
// secrets (inline, and the demo's environment references, which the test
// fills with its own values), what password.ScanConfig finds in every
// config fixture of the repository, and a hand list.
//
// The matching rule:
//   - secrets shorter than 4 bytes are not searched;
//   - a password equal to its own user name or extension is public as that
//     identifier and not searched (findings must name the extension);
//   - a secret of 6 bytes or more must not occur anywhere in stdout or
//     stderr; a shorter one (a PIN, "admin") must not occur as a whole
//     token (delimited by characters other than letters, digits and
//     - _ . $ / + =), since short digit strings occur in times and phone
//     numbers;
//   - a secret that is also a word of our own texts (a token of the rule
//     catalogue or of a command's usage: "public", "private", "1234") is
//     still searched: it must not appear quoted ("x", 'x', =x, 「x」) on
//     stderr, and no finding of a JSON report about a file the secret was
//     seen in may have it as an evidence value or quoted in its message.
//     So a community "public" printed as evidence of the snmpd.conf that
//     holds it IS a leak, while "listens on a public address" or the
//     Asterisk context [public] is not.

// handSecrets are fixture secrets the collectors cannot see (environment
// values this test sets, and values in files the CLI reads directly).
var handSecrets = []string{
	"Demo-Env-Secret-7781",
}

// leakEnv is the environment the commands see: every demo reference is
// filled with a distinctive value, which is then searched for.
func leakEnv(t *testing.T, inv *inventory.Inventory) map[string]string {
	env := map[string]string{}
	for _, d := range inv.Devices {
		for _, c := range d.Credentials {
			if c.Password.Env != "" {
				env[c.Password.Env] = handSecrets[0]
			}
		}
	}
	return env
}

// tokens splits text at every character other than letters, digits and
// _ . $ / + = -.
func tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_.$/+=-", r))
	})
}

// fixtureConfigFiles are every config-like fixture of the module.
func fixtureConfigFiles(t *testing.T) []string {
	var out []string
	for _, root := range []string{"demo", "../../router/testdata", "../../pbx/testdata", "../../fax/testdata", "../../password/testdata/configs"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "fuzz" || d.Name() == "golden") {
				return filepath.SkipDir
			}
			if !d.IsDir() && !strings.HasSuffix(p, ".golden") {
				out = append(out, p)
			}
			return nil
		})
		require.NoError(t, err)
	}
	return out
}

// collectSecrets gathers the secrets of the fixtures, each with the base
// names of the files it was seen in.
func collectSecrets(t *testing.T) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	add := func(v string, where *netdevsec.Location) {
		v = strings.TrimSpace(v)
		if len(v) < 4 {
			return
		}
		if out[v] == nil {
			out[v] = map[string]bool{}
		}
		if where != nil {
			out[v][filepath.Base(where.File)] = true
		}
	}
	for _, s := range handSecrets {
		add(s, nil)
	}
	addCreds := func(cs []password.Credential) {
		for _, c := range cs {
			for _, v := range []string{c.Secret.Reveal(), c.Hash.Reveal()} {
				// A password equal to its own user name or extension is
				// public as that identifier (the finding names the
				// extension, and must).
				if v != "" && (strings.EqualFold(v, c.User) || v == c.Extension || strings.Contains(c.Name, v)) {
					continue
				}
				add(v, c.Location)
			}
		}
	}
	// Files: what the generic scanner finds.
	for _, p := range fixtureConfigFiles(t) {
		f, err := os.Open(p)
		require.NoError(t, err)
		s, _ := password.ScanConfig(p, f)
		f.Close()
		if s != nil {
			addCreds(s.Credentials())
		}
	}
	// Fleets: what every collector derives, and inventory secrets.
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	fleets := []*inventory.Inventory{}
	demo, err := inventory.LoadFS(demoFS, demoInventory)
	require.NoError(t, err)
	fleets = append(fleets, demo)
	for _, p := range fixtureInventories {
		inv, err := inventory.Load(p)
		require.NoError(t, err, p)
		fleets = append(fleets, inv)
	}
	for _, inv := range fleets {
		env := leakEnv(t, inv)
		for i := range inv.Devices {
			d := &inv.Devices[i]
			for _, c := range d.Credentials {
				if s, err := c.Password.Resolve(d.BaseDir, func(k string) string { return env[k] }, os.ReadFile); err == nil {
					add(s.Reveal(), nil)
				}
			}
			for _, a := range auditors() {
				if c, ok := a.(audit.Collector); ok {
					_ = c.Collect(context.Background(), d, now)
				}
			}
			if pf, ok := d.Derived["password"].(password.Facts); ok {
				addCreds(pf.Credentials)
			}
		}
	}
	return out
}

// fixtureInventories are the fleets of the module's test data.
var fixtureInventories = []string{"../../fax/testdata/fleet.yaml", "../../pbx/testdata/fleet.yaml", "../../inventory/testdata/fleet.yaml", "../../firmware/testdata/fleet.yaml"}

// leaks returns the secrets found in text.
func leaks(secrets []string, text string) []string {
	var hits []string
	words := map[string]bool{}
	for _, w := range tokens(text) {
		words[w] = true
	}
	for _, s := range secrets {
		if len(s) >= 6 && strings.Contains(text, s) || len(s) < 6 && words[s] {
			hits = append(hits, s)
		}
	}
	return hits
}

func TestLeakMatcher(t *testing.T) {
	secrets := []string{"hunter2-long", "1234", "admin"}
	require.Empty(t, leaks(secrets, "2026-11-26 12:34:56 administrator 03-1234-5678"))
	require.Equal(t, []string{"hunter2-long"}, leaks(secrets, "x=hunter2-long-ish"))
	require.Equal(t, []string{"1234", "admin"}, leaks(secrets, `pin "1234" user admin`))
}

// TestNoSecretInAnyOutput is the leak suite (see the top of this file).
func TestNoSecretInAnyOutput(t *testing.T) {
	secrets := collectSecrets(t)
	require.Contains(t, secrets, "amp111", "the demo's inline AMI secret is collected")
	require.Greater(t, len(secrets), 40, "the fixtures hold secrets: %d found", len(secrets))
	demo, err := inventory.LoadFS(demoFS, demoInventory)
	require.NoError(t, err)
	env := leakEnv(t, demo)

	const asOf = "2026-11-26T09:00:00Z"
	var cmds [][]string
	for _, f := range []string{"text", "json", "sarif"} {
		for _, lang := range []string{"en", "ja"} {
			cmds = append(cmds, []string{"audit", "--format", f, "--lang", lang, "--verbose", "--time", asOf})
			for _, inv := range fixtureInventories {
				cmds = append(cmds, []string{"audit", "--format", f, "--lang", lang, "--verbose", "--time", asOf, inv})
			}
		}
	}
	cmds = append(cmds, append([]string{"password", "scan"}, fixtureConfigFiles(t)...))
	pbxDirs, _ := filepath.Glob("../../pbx/testdata/*/*secure")
	pbxDirs = append(pbxDirs, "demo/pbx/asterisk")
	for _, dir := range pbxDirs {
		for _, f := range []string{"text", "json", "sarif"} {
			cmds = append(cmds, []string{"pbx", "audit", "--format", f, "--verbose", "--time", asOf, "--cdr", "demo/pbx/Master.csv", dir})
		}
	}
	for _, f := range []string{"text", "json", "sarif"} {
		cmds = append(cmds, []string{"fax", "audit", "--format", f, "--verbose", "--time", asOf, "--config-dir", "demo/fax/hylafax", "--xferlog", "demo/fax/xferfaxlog", "--xferlog", "../../fax/testdata/xferfaxlog"})
	}
	logs, _ := filepath.Glob("../../logging/testdata/labelled/*.log")
	demoLogs, _ := filepath.Glob("demo/logs/*.log")
	cmds = append(cmds, append([]string{"logs", "review"}, append(logs, demoLogs...)...))
	cmds = append(cmds, []string{"pbx", "cdr", "../../pbx/testdata/cdr/Master.csv", "demo/pbx/Master.csv"})
	cmds = append(cmds, []string{"firmware", "check", "--advisories", "demo/advisories/demo-yamaha.osv.json", "--all"})
	for _, f := range []string{"text", "json", "markdown"} {
		for _, lang := range []string{"en", "ja"} {
			cmds = append(cmds, []string{"rules", "--format", f, "--lang", lang})
		}
	}

	// Secrets that are words of our own texts (the rule catalogue and
	// the usage of every command: "public", "private", "1234" …) are
	// searched in what is about the device: the findings of JSON reports
	// (message, evidence, location) and standard error.
	catalogue := map[string]bool{}
	texts := map[string][]string{"help": {"help"}}
	for _, args := range cmds {
		switch args[0] {
		case "rules":
			texts[strings.Join(args, " ")] = args
		case "audit":
			texts["audit"] = []string{"audit", "--help"}
		default:
			texts[args[0]+" "+args[1]] = []string{args[0], args[1], "--help"}
		}
	}
	for _, args := range texts {
		stdout, stderr, _ := run(t, nil, args...)
		for _, w := range tokens(stdout + " " + stderr) {
			catalogue[w] = true
		}
	}
	var distinct, common []string
	for s := range secrets {
		if catalogue[s] {
			common = append(common, s)
		} else {
			distinct = append(distinct, s)
		}
	}
	t.Logf("%d secrets searched everywhere, %d words of our own texts searched in findings and errors: %s", len(distinct), len(common), mask(common))

	for _, args := range cmds {
		name := strings.Join(args, " ")
		stdout, stderr, code := run(t, env, args...)
		if code != ExitOK && code != ExitFindings {
			t.Errorf("%s: exit %d: %.300s", name, code, stderr)
		}
		hits := leaks(distinct, stdout+"\n"+stderr)
		var findings []netdevsec.Finding
		if r, err := netdevsec.DecodeJSONReport(strings.NewReader(stdout)); err == nil {
			findings = r.Findings()
		}
		for _, c := range common {
			shown := func(text string) bool {
				return slices.ContainsFunc([]string{`"` + c + `"`, `'` + c + `'`, "=" + c, "「" + c + "」"}, func(q string) bool { return strings.Contains(text, q) })
			}
			leaked := shown(stderr)
			for _, f := range findings {
				// Only findings about a file the secret is in: a community
				// "public" is not an Asterisk context named public.
				if f.Location == nil || !secrets[c][filepath.Base(f.Location.File)] {
					continue
				}
				leaked = leaked || shown(f.Message) || slices.ContainsFunc(f.Evidence, func(e netdevsec.Evidence) bool { return strings.TrimSpace(e.Value) == c })
			}
			if leaked {
				hits = append(hits, c)
			}
		}
		if len(hits) > 0 {
			t.Errorf("%s: %d fixture secret(s) leaked: %s", name, len(hits), mask(hits))
		}
	}
}

// mask shows enough of a leaked secret to find it in the fixtures
// without printing it whole.
func mask(hits []string) string {
	var b strings.Builder
	for i, h := range hits {
		if i > 0 {
			b.WriteString(", ")
		}
		n := min(len(h)/2, 3)
		b.WriteString(h[:n] + strings.Repeat("*", len(h)-n))
	}
	return b.String()
}

// TestNoSecretInProbeOutput: a community the agent accepts, given by
// environment or file, never shows in `probe snmp` output (text or JSON)
// or its progress lines, nor does a password in `probe ssh` errors.
func TestNoSecretInProbeOutput(t *testing.T) {
	const community = "Leak-Probe-Community-93"
	agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{ROCommunities: []string{community}})
	file := filepath.Join(t.TempDir(), "communities")
	require.NoError(t, os.WriteFile(file, []byte(community+"\n"), 0o600))
	for _, args := range [][]string{
		{"probe", "snmp", "--timeout", "500ms", "--community-env", "C", agent.Addr},
		{"probe", "snmp", "--timeout", "500ms", "--format", "json", "--community-env", "C", agent.Addr},
		{"probe", "snmp", "--timeout", "500ms", "--no-default-communities", "--community-file", file, agent.Addr},
	} {
		stdout, stderr, code := run(t, map[string]string{"C": community}, args...)
		require.Equal(t, ExitOK, code, stderr)
		require.Contains(t, stdout, agent.Addr)
		require.NotContains(t, stdout+stderr, community, strings.Join(args, " "))
	}
}
