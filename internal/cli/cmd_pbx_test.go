package cli

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/pbx"
)

// runPBX runs "netdevsec pbx ARGS".
func runPBX(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cmdPBX(context.Background(), &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }}, args)
	return out.String(), errb.String(), code
}

func pbxFails(t *testing.T, out string) map[string]int {
	t.Helper()
	r, err := netdevsec.DecodeJSONReport(strings.NewReader(out))
	require.NoError(t, err)
	fails := map[string]int{}
	for _, f := range r.Findings() {
		if f.Status == netdevsec.StatusFail {
			fails[f.RuleID]++
		}
		assert.NotContains(t, f.Message, "Carr1erPass")
	}
	return fails
}

func TestPBXAudit(t *testing.T) {
	t.Parallel()
	out, stderr, code := runPBX(t, "audit", "--format", "json", "--no-international", "../../pbx/testdata/asterisk/insecure",
		"--cdr", "../../pbx/testdata/cdr/Master.csv", "--time", "2026-11-30T00:00:00Z")
	require.Equal(t, ExitFindings, code, stderr)
	fails := pbxFails(t, out)
	for _, id := range []string{"pbx.dialplan.pstn-relay", "pbx.dialplan.international", "pbx.dialplan.disa-pin", "pbx.auth.guest", "pbx.cdr.international"} {
		assert.Positive(t, fails[id], id)
	}

	out, stderr, code = runPBX(t, "audit", "--format", "json", "--no-international", "--firewall", "--carrier-blocked", "itsp",
		"--international-prefixes", "010,00,+", "../../pbx/testdata/asterisk/secure")
	require.Equal(t, ExitOK, code, stderr+out)
	assert.Empty(t, pbxFails(t, out))

	out, stderr, code = runPBX(t, "audit", "--format", "json", "../../pbx/testdata/freeswitch/insecure")
	require.Equal(t, ExitFindings, code, stderr)
	assert.Positive(t, pbxFails(t, out)["pbx.auth.autocreatepeer"])
}

func TestPBXCDR(t *testing.T) {
	t.Parallel()
	out, stderr, code := runPBX(t, "cdr", "--format", "json", "--allow", "1001", "../../pbx/testdata/cdr/Master.csv")
	require.Equal(t, ExitFindings, code, stderr)
	fails := pbxFails(t, out)
	assert.Positive(t, fails["pbx.cdr.high-risk-destination"])
	assert.Positive(t, fails["pbx.cdr.rows"])

	_, stderr, code = runPBX(t, "cdr", "--hours", "nine-to-five", "x.csv")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "--hours")
}

func TestPBXUsage(t *testing.T) {
	t.Parallel()
	_, stderr, code := runPBX(t)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "netdevsec pbx audit")
	_, _, code = runPBX(t, "audit")
	assert.Equal(t, ExitUsage, code)
	_, _, code = runPBX(t, "audit", "--vendor", "cisco", "../../pbx/testdata/asterisk/secure")
	assert.Equal(t, ExitUsage, code)
	_, _, code = runPBX(t, "nope")
	assert.Equal(t, ExitUsage, code)
}

func TestPBXProbe(t *testing.T) {
	t.Parallel()
	srv := peertest.StartKamailio(t, peertest.KamailioOptions{})
	out, stderr, code := runPBX(t, "probe", "--format", "json", "--interval", "10ms", "--timeout", "2s", "--no-invite", srv.Addr)
	require.Equal(t, ExitFindings, code, stderr)
	assert.Equal(t, 1, pbxFails(t, out)["pbx.sip.register-unauthenticated"])
}

// TestDemoPBX audits the embedded demo PBX: its realistic mistakes are
// found, each dial-plan finding with its path.
func TestDemoPBX(t *testing.T) {
	t.Parallel()
	sub, err := fs.Sub(demoFS, ".")
	require.NoError(t, err)
	inv, err := inventory.LoadFS(sub, demoInventory)
	require.NoError(t, err)
	var pbxInv inventory.Inventory
	for _, d := range inv.Devices {
		if d.ID == "pbx-osaka-1" {
			pbxInv.Devices = append(pbxInv.Devices, d)
		}
	}
	require.Len(t, pbxInv.Devices, 1)
	rep, err := audit.Run(context.Background(), &pbxInv, []audit.Auditor{pbx.Auditor{}}, &audit.Options{Now: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	fails := map[string][]netdevsec.Finding{}
	for _, f := range rep.Findings() {
		assert.NotEqual(t, "audit.check.error", f.RuleID, f.Message)
		if f.Status == netdevsec.StatusFail {
			fails[f.RuleID] = append(fails[f.RuleID], f)
		}
	}
	for _, id := range []string{"pbx.auth.guest", "pbx.auth.trivial-secret", "pbx.auth.required", "pbx.dialplan.international",
		"pbx.dialplan.exten-injection", "pbx.dialplan.pstn-relay", "pbx.carrier.international-blocking",
		"pbx.cdr.high-risk-destination", "pbx.cdr.off-hours", "pbx.cdr.relay"} {
		assert.NotEmpty(t, fails[id], id)
	}
	assert.Empty(t, fails["pbx.dialplan.disa-pin"], "the DISA sits behind Authenticate")
	assert.Empty(t, fails["pbx.auth.acl"], "a global PJSIP ACL restricts every endpoint")
	assert.Empty(t, fails["pbx.exposure.management"], "AMI is on loopback")
	var msgs []string
	for _, f := range fails["pbx.dialplan.international"] {
		msgs = append(msgs, f.Message)
	}
	assert.Contains(t, strings.Join(msgs, "\n"), "guest context guest can dial international numbers through ntt-hikari: guest → include internal → include outbound → _0[1-9]X. → Dial(PJSIP/${EXTEN}@ntt-hikari,60)")
}
