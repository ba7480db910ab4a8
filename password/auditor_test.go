package password

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/inventory"
)

const sharedPW = "Shared-Pass-42!x"

func writeFleet(t *testing.T) *inventory.Inventory {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	write("rtr-a.txt", "login password "+sharedPW+"\nadministrator password encrypted 9F8E7D6C5B4A3921\n")
	write("rtr-b.txt", "version 15.2\nservice password-encryption\nhostname rtr-b\nusername admin secret 5 "+MD5Crypt([]byte(sharedPW), "nDs1")+"\n")
	write("fleet.yaml", `version: 1
devices:
  - id: rtr-a
    class: router
    vendor: yamaha
    model: RTX830
    files: {configs: [rtr-a.txt]}
  - id: rtr-b
    class: router
    vendor: cisco
    model: ISR4331
    files: {configs: [rtr-b.txt]}
  - id: pbx-1
    class: pbx
    vendor: asterisk
    credentials:
      - {name: ami, protocol: ami, user: admin, password: {env: NDS_TEST_PBX_PW}}
      - {name: sip, protocol: sip, user: "201", password: {env: NDS_TEST_UNSET}}
  - id: fax-1
    class: fax
    vendor: canon
    model: imageRUNNER ADVANCE C5535
    credentials:
      - {name: admin, user: "7654321", password: {value: "7654321", insecure_inline: true}, changed_at: "2025-01-01"}
    facts:
      password:
        policy: {max_length: 8, max_age: 2160h}
        anomalies: [{at: 2026-03-01T00:00:00Z, summary: "unknown remote login"}]
`)
	inv, err := inventory.Load(filepath.Join(dir, "fleet.yaml"))
	require.NoError(t, err)
	require.Empty(t, inv.Errors)
	return inv
}

func findingsBy(fs []netdevsec.Finding, device, rule string) []netdevsec.Finding {
	var out []netdevsec.Finding
	for _, f := range fs {
		if f.Device == device && f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestAuditorFleet(t *testing.T) {
	inv := writeFleet(t)
	env := map[string]string{"NDS_TEST_PBX_PW": sharedPW}
	a, err := NewAuditor(inv, &AuditorOptions{FleetKey: testKey(t, 9), Getenv: func(k string) string { return env[k] }})
	require.NoError(t, err)
	rep, err := audit.Run(context.Background(), inv, []audit.Auditor{a}, &audit.Options{Now: now})
	require.NoError(t, err)
	fs := rep.Findings()

	status := func(device, rule string) []netdevsec.Status { return statusOf(findingsBy(fs, device, rule), rule) }
	// Reuse: plaintext on rtr-a (config) and pbx-1 (env), salted hash on rtr-b.
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("rtr-a", "password.reuse.fleet"))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("pbx-1", "password.reuse.fleet"))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("rtr-b", "password.reuse.fleet"), "verified against the fleet's known passwords")
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusPass}, status("fax-1", "password.reuse.fleet"))
	reuse := findingsBy(fs, "rtr-b", "password.reuse.fleet")[0]
	assert.Contains(t, reuse.Message, "pbx-1")
	assert.Contains(t, reuse.Message, "rtr-a")

	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("rtr-a", "password.storage.cleartext"))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("rtr-b", "password.storage.weak-hash"))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusPass}, status("rtr-b", "password.storage.service-encryption"))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("fax-1", "password.default.unchanged"))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("fax-1", "password.policy.rotation"))
	assert.Contains(t, status("fax-1", "password.policy.conflict"), netdevsec.StatusFail)
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, status("fax-1", "password.anomaly.unchanged"))
	// The unresolvable SIP secret is unknown, not an error.
	for _, f := range fs {
		assert.NotEqual(t, netdevsec.StatusError, f.Status, "%s %s: %s", f.Device, f.RuleID, f.Message)
	}
	checktest.Findings(t, Rules(), fs, sharedPW, "7654321x")
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.NotContains(t, string(b), sharedPW)
	assertNoFixtureSecret(t, string(b))

	// The store a management system keeps holds no plaintext.
	var sb strings.Builder
	require.NoError(t, a.Store().Save(&sb))
	assert.NotContains(t, sb.String(), sharedPW)
	hit, err := a.Store().Check(testKey(t, 9), "new-device", "admin", netdevsec.NewSecret(sharedPW))
	require.NoError(t, err)
	assert.Len(t, hit, 2)
}

func TestAuditorZeroValueAndDerived(t *testing.T) {
	inv := writeFleet(t)
	dev := &inv.Devices[0]
	dev.SetDerived("password", Facts{Credentials: []Credential{{Name: "pp", Kind: KindLogin, Secret: sec("friend"), Storage: StoragePlaintext}}})
	var a Auditor
	fs, err := a.Audit(context.Background(), dev, now)
	require.NoError(t, err)
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusUnknown}, statusOf(findingsBy(fs, "rtr-a", "password.reuse.fleet"), "password.reuse.fleet"))
	// derived facts were used instead of scanning the config
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, statusOf(findingsBy(fs, "rtr-a", "password.blocklist.common"), "password.blocklist.common"))
}

func TestAuditorBadFacts(t *testing.T) {
	inv, err := inventory.Decode(strings.NewReader("version: 1\ndevices:\n  - id: x\n    facts:\n      password: {nope: 1}\n"), "inv.yaml")
	require.NoError(t, err)
	require.Len(t, inv.Devices, 1)
	_, err = (&Auditor{}).Audit(context.Background(), &inv.Devices[0], now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "inv.yaml:5")
}

func TestNewAuditorKeyMismatch(t *testing.T) {
	_, err := NewAuditor(nil, &AuditorOptions{FleetKey: testKey(t, 1), External: NewStore(testKey(t, 2))})
	assert.ErrorIs(t, err, ErrKeyMismatch)
}
