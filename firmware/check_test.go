package firmware

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/inventory"
)

func TestRulesValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		require.NoError(t, r.Validate())
		assert.False(t, seen[r.ID], "duplicate %s", r.ID)
		seen[r.ID] = true
	}
}

// loadFleet loads testdata/fleet.yaml with the history key filled in.
func loadFleet(t *testing.T) *inventory.Inventory {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS("testdata")))
	p := filepath.Join(dir, "fleet.yaml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, []byte(strings.ReplaceAll(string(b), "KEY", historyPub())), 0o644))
	inv, err := inventory.Load(p)
	require.NoError(t, err)
	require.Empty(t, inv.Errors)
	return inv
}

// statuses maps rule ID to the statuses of its findings, in order.
func statuses(fs []netdevsec.Finding) map[string][]netdevsec.Status {
	m := map[string][]netdevsec.Status{}
	for _, f := range fs {
		m[f.RuleID] = append(m[f.RuleID], f.Status)
	}
	return m
}

func TestAuditor(t *testing.T) {
	inv := loadFleet(t)
	now := time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)
	audit := func(id string) []netdevsec.Finding {
		for i := range inv.Devices {
			if inv.Devices[i].ID == id {
				fs, err := Auditor{}.Audit(context.Background(), &inv.Devices[i], now)
				require.NoError(t, err)
				return fs
			}
		}
		t.Fatalf("no device %s", id)
		return nil
	}
	P, F, U, N := netdevsec.StatusPass, netdevsec.StatusFail, netdevsec.StatusUnknown, netdevsec.StatusNotApplicable
	t.Run("passing device", func(t *testing.T) {
		fs := audit("rtr-good")
		assert.Equal(t, map[string][]netdevsec.Status{
			"firmware.version.recorded":     {P},
			"firmware.update.capable":       {P},
			"firmware.latest.at-install":    {P},
			"firmware.advisory.affected":    {P},
			"firmware.advisory.unknown":     {P},
			"firmware.kev":                  {P},
			"firmware.history.present":      {P},
			"firmware.history.integrity":    {P},
			"firmware.history.complete":     {P},
			"firmware.update.procedure":     {P},
			"firmware.update.backup-tested": {P},
		}, statuses(fs), "%v", fs)
	})
	t.Run("failing device", func(t *testing.T) {
		fs := audit("rtr-bad")
		assert.Equal(t, map[string][]netdevsec.Status{
			"firmware.version.recorded":     {P},
			"firmware.update.capable":       {F},
			"firmware.latest.at-install":    {F},
			"firmware.advisory.affected":    {F},
			"firmware.advisory.unknown":     {P},
			"firmware.kev":                  {P},
			"firmware.history.present":      {P},
			"firmware.history.integrity":    {P},
			"firmware.history.complete":     {F},
			"firmware.update.procedure":     {F, F},
			"firmware.update.backup-tested": {F},
		}, statuses(fs))
		for _, f := range fs {
			switch f.RuleID {
			case "firmware.advisory.affected":
				assert.Contains(t, f.Message, "NETDEVSEC-TEST-0001")
				assert.Contains(t, f.Message, "fixed in 15.02.28")
			case "firmware.update.backup-tested":
				assert.Contains(t, f.Message, "no backup")
				assert.Contains(t, f.Message, "no passing test")
				require.NotNil(t, f.Location)
				assert.Equal(t, 2, f.Location.Line, "located at the update's line")
				assert.True(t, strings.HasSuffix(f.Location.File, "sloppy.jsonl"))
			case "firmware.latest.at-install":
				assert.Contains(t, f.Message, "Rev.15.02.30")
			}
		}
	})
	t.Run("nothing recorded", func(t *testing.T) {
		fs := audit("fax-unknown")
		st := statuses(fs)
		assert.Equal(t, []netdevsec.Status{F}, st["firmware.version.recorded"])
		for _, id := range []string{"firmware.update.capable", "firmware.history.present", "firmware.advisory.affected", "firmware.update.backup-tested"} {
			assert.Equal(t, []netdevsec.Status{U}, st[id], id)
		}
	})
	_ = N
}

func TestNewAuditorCachesDocuments(t *testing.T) {
	inv := loadFleet(t)
	a := NewAuditor(nil)
	first, err := a.Audit(context.Background(), &inv.Devices[1], time.Now())
	require.NoError(t, err)
	// The cached document serves the next device even after the file is gone.
	require.NoError(t, os.Remove(inv.Devices[1].Path("advisories.osv.json")))
	second, err := a.Audit(context.Background(), &inv.Devices[1], time.Now())
	require.NoError(t, err)
	assert.Equal(t, statuses(first), statuses(second))
	_, err = Auditor{}.Audit(context.Background(), &inv.Devices[1], time.Now())
	assert.Error(t, err, "without the cache the document is read again")
}

func TestAuditorTamperedHistory(t *testing.T) {
	inv := loadFleet(t)
	dev := &inv.Devices[0]
	p := dev.Path("history/good.jsonl")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, []byte(strings.Replace(string(b), `"operator":"ops1"`, `"operator":"eve"`, 1)), 0o644))
	fs, err := Auditor{}.Audit(context.Background(), dev, time.Now())
	require.NoError(t, err)
	var integrity []netdevsec.Finding
	for _, f := range fs {
		if f.RuleID == "firmware.history.integrity" {
			integrity = append(integrity, f)
		}
	}
	require.NotEmpty(t, integrity)
	assert.Equal(t, netdevsec.StatusFail, integrity[0].Status)
	assert.Equal(t, 1, integrity[0].Location.Line)
}

func TestAuditorDerivedFacts(t *testing.T) {
	dev := &inventory.Device{ID: "r1", Vendor: "yamaha", Model: "RTX830"}
	yes := true
	dev.SetDerived("firmware", Facts{Installed: "Rev.15.02.20", Update: &UpdateFunction{Supported: &yes}})
	f, known, err := DeviceFacts(dev)
	require.NoError(t, err)
	assert.True(t, known)
	assert.Equal(t, "Rev.15.02.20", f.Installed)
	fs, err := Auditor{}.Audit(context.Background(), dev, time.Now())
	require.NoError(t, err)
	st := statuses(fs)
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusPass}, st["firmware.update.capable"])
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, st["firmware.history.present"], "facts known but no history")
}

func TestCheckLatestAtInstall(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	rel := []Release{{Version: "7.2.4", Date: day("2023-02-01")}, {Version: "7.2.5", Date: day("2023-06-01")},
		{Version: "7.4.0", Date: day("2023-05-11")}}
	for _, tc := range []struct {
		name      string
		installed string
		at        string
		want      netdevsec.Status
	}{
		{"latest of its branch", "7.2.5", "2023-07-01", netdevsec.StatusPass},
		{"newer release existed", "7.2.4", "2023-07-01", netdevsec.StatusFail},
		{"newer release came later", "7.2.4", "2023-03-01", netdevsec.StatusPass},
		{"other branches ignored", "7.4.0", "2023-07-01", netdevsec.StatusPass},
		{"branch not in catalogue", "6.4.9", "2023-07-01", netdevsec.StatusUnknown},
		{"unparseable", "seven", "2023-07-01", netdevsec.StatusUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Facts{Vendor: "fortinet", Model: "FortiGate-60F", Installed: tc.installed, InstalledAt: day(tc.at), Releases: rel}
			got := checkLatest("d", f, Observed{})
			assert.Equal(t, tc.want, got.Status, got.Message)
		})
	}
}
