package pbx

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/password"
)

func TestAuditorCollectAndAudit(t *testing.T) {
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)
	require.Len(t, inv.Devices, 1)
	dev := &inv.Devices[0]
	a := Auditor{}
	require.NoError(t, a.Collect(context.Background(), dev, testNow))
	f, ok := dev.Derived["pbx"].(Facts)
	require.True(t, ok)
	assert.Equal(t, PlatformAsterisk, f.Platform)
	pw, ok := dev.Derived["password"].(password.Facts)
	require.True(t, ok)
	require.NotEmpty(t, pw.Credentials)
	kinds := map[password.Kind]int{}
	for _, c := range pw.Credentials {
		kinds[c.Kind]++
		assert.NotNil(t, c.Location)
	}
	assert.Equal(t, map[password.Kind]int{password.KindSIPSecret: 5, password.KindLogin: 1}, kinds, "SIP secrets and the AMI login")

	fs, err := a.Audit(context.Background(), dev, testNow)
	require.NoError(t, err)
	fails := failing(fs)
	for _, id := range []string{"pbx.exposure.firewall", "pbx.carrier.international-blocking", "pbx.dialplan.international",
		"pbx.cdr.international", "pbx.cdr.high-risk-destination", "pbx.cdr.off-hours", "pbx.cdr.relay", "pbx.cdr.rows"} {
		assert.NotEmpty(t, fails[id], id)
	}
	for _, f := range fs {
		require.NotNil(t, f.Location, f.RuleID)
	}
	assert.Equal(t, "testdata/cdr/Master.csv", fails["pbx.cdr.rows"][0].Location.File)
	assert.Equal(t, 5, fails["pbx.cdr.rows"][0].Location.Line)
	// every finding names a rule the auditor declares
	ids := map[string]bool{}
	for _, r := range a.Rules() {
		require.NoError(t, r.Validate())
		ids[r.ID] = true
	}
	for _, f := range fs {
		assert.True(t, ids[f.RuleID], f.RuleID)
	}
}

func TestAuditorRunner(t *testing.T) {
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)
	rep, err := audit.Run(context.Background(), inv, []audit.Auditor{Auditor{}}, &audit.Options{Now: testNow})
	require.NoError(t, err)
	n := 0
	for _, f := range rep.Findings() {
		if f.Status == netdevsec.StatusFail {
			n++
		}
		assert.NotEqual(t, "audit.check.error", f.RuleID, f.Message)
	}
	assert.Greater(t, n, 10)
}

func TestAuditorNotPBX(t *testing.T) {
	dev := &inventory.Device{ID: "r1", Class: inventory.ClassRouter}
	_, err := Auditor{}.Audit(context.Background(), dev, testNow)
	assert.ErrorIs(t, err, netdevsec.ErrNotApplicable)
	assert.ErrorIs(t, Auditor{}.Collect(context.Background(), dev, testNow), netdevsec.ErrNotApplicable)
}

func TestAllRulesValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range AllRules() {
		require.NoError(t, r.Validate(), r.ID)
		assert.False(t, seen[r.ID], "duplicate %s", r.ID)
		seen[r.ID] = true
		assert.True(t, len(r.ID) > 4 && r.ID[:4] == "pbx.", r.ID)
	}
}
