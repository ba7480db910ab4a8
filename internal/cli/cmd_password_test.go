package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/inventory"
)

// runStdin runs the CLI with stdin.
func runStdin(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" },
	})
	return out.String(), errb.String(), code
}

func TestPasswordCheck(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		want     []string
	}{
		{"factory default", "friend\n", []string{"--vendor", "Allied Telesis", "--model", "AT-x510", "--user", "manager"}, ExitFindings,
			[]string{"FAIL password.default.unchanged", "Allied Telesis AlliedWare Plus installation guide", "Verdict: FAIL"}},
		{"common", "Password1\n", nil, ExitFindings, []string{"FAIL password.blocklist.common", "NIST SP 800-63B-4 §3.1.1.2", "Patterns: dictionary(passwords"}},
		{"device derived", "Rtr-Tokyo-1!\n", []string{"--hostname", "rtr-tokyo-1"}, ExitFindings, []string{"FAIL password.device-derived", "hostname"}},
		{"strong", "correct-Horse-battery-staple-9#\n", nil, ExitOK, []string{"Strength: score 4 of 4", "Verdict: PASS", "NOTE policy conflict (composition)"}},
		{"short for nist", "Xk9#mQ2!vL7@\n", []string{"--profile", "nist-800-63b-4"}, ExitFindings, []string{"FAIL password.policy.profile", "needs at least 15"}},
		{"mfa relaxes nist", "Xk9#mQ2!vL7@\n", []string{"--profile", "nist-800-63b-4", "--multi-factor"}, ExitOK, []string{"Verdict: PASS"}},
		{"weak pin", "1234\n", []string{"--kind", "pin", "--extension", "1234"}, ExitFindings, []string{"FAIL password.pin.weak", "extension"}},
		{"japanese", "letmein1\n", []string{"--lang", "ja"}, ExitFindings, []string{"よく使われる"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runStdin(t, tt.stdin, append([]string{"password", "check"}, tt.args...)...)
			assert.Equal(t, tt.wantCode, code, stderr)
			for _, w := range tt.want {
				assert.Contains(t, out, w)
			}
			pw := strings.TrimSpace(tt.stdin)
			if len(pw) > 6 {
				assert.NotContains(t, out+stderr, pw, "the password is never printed")
			}
		})
	}
}

func TestPasswordCheckJSON(t *testing.T) {
	out, _, code := runStdin(t, "letmein\n", "password", "check", "--format", "json")
	assert.Equal(t, ExitFindings, code)
	var v struct {
		Pass     bool `json:"pass"`
		Score    int  `json:"score"`
		Failures []struct {
			Code string `json:"code"`
			Rule string `json:"rule"`
			Cite struct {
				Source string `json:"source"`
			} `json:"cite"`
		} `json:"failures"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	assert.False(t, v.Pass)
	require.NotEmpty(t, v.Failures)
	for _, f := range v.Failures {
		assert.NotEmpty(t, f.Cite.Source, "every failure cites its source")
	}
	assert.NotContains(t, out, "letmein")
}

func TestPasswordCheckUsage(t *testing.T) {
	_, stderr, code := runStdin(t, "x\n", "password", "check", "hunter2")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "never from an argument")
	assert.NotContains(t, stderr, "hunter2x")

	_, _, code = runStdin(t, "", "password", "check")
	assert.Equal(t, ExitUsage, code, "no password on stdin")
	_, _, code = runStdin(t, "x\n", "password", "check", "--profile", "nope")
	assert.Equal(t, ExitUsage, code)
	_, _, code = runStdin(t, "", "password")
	assert.Equal(t, ExitUsage, code)
}

func TestPasswordScan(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "edge.cfg")
	require.NoError(t, os.WriteFile(cfg, []byte("hostname edge\nenable password Cl3ar-Enable-77\nusername a secret 9 $9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6\n"), 0o600))
	out, stderr, code := runStdin(t, "", "password", "scan", cfg)
	assert.Equal(t, ExitFindings, code, stderr)
	assert.Contains(t, out, cfg+":2\tCLEARTEXT\tenable\tcisco-enable-password")
	assert.Contains(t, out, cfg+":3\tok\tlogin")
	assert.Contains(t, out, "service password-encryption is off")
	assert.NotContains(t, out, "Cl3ar-Enable-77")
	assert.NotContains(t, out, "2MJBozw")

	_, _, code = runStdin(t, "", "password", "scan", filepath.Join(dir, "missing"))
	assert.Equal(t, ExitUsage, code)
}

// TestDemoAuditNeverShowsDemoSecret: the demo PBX keeps a factory-default
// AMI secret inline; no report format may show it.
func TestDemoAuditNeverShowsDemoSecret(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		out, stderr, code := runStdin(t, "", "audit", "--format", format, "--verbose", "--time", "2026-11-26T09:00:00Z")
		assert.Equal(t, ExitFindings, code, stderr)
		assert.Contains(t, out, "password.default.unchanged")
		assert.NotContains(t, out+stderr, "amp111", format)
	}
}

func TestPasswordCheckHIBPFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "pwned.txt")
	// SHA-1 of "Vq7#mT2!pLx9@rWk4$zz" is not here; of "password" is.
	require.NoError(t, os.WriteFile(f, []byte("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\nbad line\n"), 0o600))
	out, stderr, code := runStdin(t, "Vq7#mT2!pLx9@rWk4$zz\n", "password", "check", "--hibp-file", f)
	assert.Equal(t, ExitOK, code, out+stderr)
	assert.Contains(t, stderr, "1 malformed line")
	out, _, code = runStdin(t, "password\n", "password", "check", "--hibp-file", f, "--format", "json")
	assert.Equal(t, ExitFindings, code)
	assert.Contains(t, out, `"code": "breached"`)
}

func TestPasswordAuditorSeesFleet(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "fleet.yaml")
	require.NoError(t, os.WriteFile(inv, []byte(`version: 1
devices:
  - id: a
    vendor: acme
    credentials: [{name: admin, user: admin, password: {env: PW_A}}]
  - id: b
    vendor: acme
    credentials: [{name: admin, user: root, password: {env: PW_B}}]
`), 0o600))
	loaded, err := inventory.Load(inv)
	require.NoError(t, err)
	env := map[string]string{"PW_A": "Same-Everywhere-77!", "PW_B": "Same-Everywhere-77!", envFleetKey: strings.Repeat("ab", 32)}
	e := &Env{Getenv: func(k string) string { return env[k] }}
	a, err := passwordAuditor(e, loaded)
	require.NoError(t, err)
	rep, err := audit.Run(context.Background(), loaded, []audit.Auditor{a}, nil)
	require.NoError(t, err)
	fails := 0
	for _, f := range rep.Findings() {
		if f.RuleID == "password.reuse.fleet" && f.Status == netdevsec.StatusFail {
			fails++
		}
		assert.NotContains(t, f.Message, "Same-Everywhere-77!")
	}
	assert.Equal(t, 2, fails)

	env[envFleetKey] = "too-short"
	_, err = passwordAuditor(e, loaded)
	assert.Error(t, err)
}

func TestPasswordLive(t *testing.T) {
	const user, def = "ndscli", "ndscli-Factory-Default-1"
	peertest.EnsureUser(t, user, def)
	srv := peertest.StartSSHD(t, peertest.SSHDOptions{})
	agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{ROCommunities: []string{"public"}})
	dir := t.TempDir()
	approved := filepath.Join(dir, "approved.txt")
	require.NoError(t, os.WriteFile(approved, []byte("# approved by the network owner\nssh "+user+" admin\nssh "+user+" "+def+"\nsnmp public\n"), 0o600))

	out, stderr, code := runStdin(t, "", "password", "live", "--approved", approved, "--known-hosts", srv.KnownHosts,
		"--interval", "10ms", "--snmp-port", fmt.Sprint(agent.Port), "--timeout", "3s", srv.Addr)
	assert.Equal(t, ExitFindings, code, out+stderr)
	assert.Contains(t, out, `SSH login as "`+user+`" accepted`)
	assert.Contains(t, out, "SNMP agent answered an approved default community")
	assert.Contains(t, out, "3 attempt(s)") // one community (v1 and v2c), two logins
	assert.NotContains(t, out+stderr, def)

	require.NoError(t, os.WriteFile(approved, []byte("ssh "+user+" wrong-1\n"), 0o600))
	out, stderr, code = runStdin(t, "", "password", "live", "--approved", approved, "--known-hosts", srv.KnownHosts, "--interval", "10ms", srv.Addr)
	assert.Equal(t, ExitOK, code, out+stderr)
	assert.Contains(t, out, "PASS")
}

func TestPasswordLiveUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "approved.txt")
	require.NoError(t, os.WriteFile(bad, []byte("telnet admin Secret-Value-9\n"), 0o600))
	_, stderr, code := runStdin(t, "", "password", "live", "--approved", bad, "127.0.0.1")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "approved.txt:1")
	assert.NotContains(t, stderr, "Secret-Value-9")
	_, _, code = runStdin(t, "", "password", "live", "127.0.0.1")
	assert.Equal(t, ExitUsage, code, "nothing is tried without an approved list")
}
