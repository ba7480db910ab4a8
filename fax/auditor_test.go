package fax

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

func auditFleet(t *testing.T) map[string][]netdevsec.Finding {
	t.Helper()
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)
	require.Empty(t, inv.Errors)
	rep, err := audit.Run(context.Background(), inv, []audit.Auditor{Auditor{}}, &audit.Options{Now: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	byDev := map[string][]netdevsec.Finding{}
	for _, d := range rep.Devices {
		byDev[d.ID] = append(byDev[d.ID], d.Findings...)
	}
	return byDev
}

func find(fs []netdevsec.Finding, rule string, st netdevsec.Status) []string {
	var out []string
	for _, f := range fs {
		if f.RuleID == rule && f.Status == st {
			loc := ""
			if f.Location != nil {
				loc = f.Location.String()
			}
			out = append(out, loc)
		}
	}
	slices.Sort(out)
	return out
}

func TestAuditorFleet(t *testing.T) {
	t.Parallel()
	byDev := auditFleet(t)
	hyla := byDev["fax-nagoya-1"]
	checktest.Findings(t, append(Rules(), audit.MetaRules()...), hyla, "$6$rounds", "$1$s4lt")
	for _, f := range hyla {
		assert.NotEqual(t, netdevsec.StatusError, f.Status, f.Message)
	}
	// Read from the HylaFAX files, located in them.
	assert.Equal(t, []string{"../hylafax/testdata/bad/config.ttyS0:13"}, find(hyla, "fax.receive.file-mode", netdevsec.StatusFail))
	assert.Equal(t, []string{"../hylafax/testdata/bad/hfaxd.conf:3"}, find(hyla, "fax.receive.public-list", netdevsec.StatusFail))
	assert.Equal(t, []string{
		"../hylafax/testdata/bad/hosts.hfaxd:2", "../hylafax/testdata/bad/hosts.hfaxd:3", "../hylafax/testdata/bad/hosts.hfaxd:4",
	}, find(hyla, "fax.client.password", netdevsec.StatusFail))
	assert.Equal(t, []string{
		"../hylafax/testdata/bad/config.ttyS0:22", "../hylafax/testdata/bad/config:9", "../hylafax/testdata/bad/hosts.hfaxd:7",
		"xferfaxlog:60", "xferfaxlog:61",
	}, find(hyla, "fax.input.unparsed", netdevsec.StatusUnknown))
	// The inventory's facts.fax overrides and adds to what was read, and
	// findings about what it states point at it.
	assert.Equal(t, []string{"testdata/fleet.yaml:15:21"}, find(hyla, "fax.send.double-entry", netdevsec.StatusFail))
	assert.Equal(t, []string{"testdata/fleet.yaml:15:21"}, find(hyla, "fax.report.transmission", netdevsec.StatusPass))
	// The transfer log is reviewed with the inventory's address book.
	assert.Equal(t, []string{"xferfaxlog:21", "xferfaxlog:36", "xferfaxlog:48"}, find(hyla, "fax.log.misdirected", netdevsec.StatusFail))
	assert.Equal(t, []string{"xferfaxlog:53", "xferfaxlog:9"}, find(hyla, "fax.log.unlisted-destination", netdevsec.StatusFail))

	mfp := byDev["mfp-osaka-2"]
	checktest.Findings(t, Rules(), mfp)
	assert.Len(t, find(mfp, "fax.send.direct-dial", netdevsec.StatusFail), 1)
	assert.Len(t, find(mfp, "fax.receive.fcode", netdevsec.StatusFail), 1)
	assert.Len(t, find(mfp, "fax.receive.memory", netdevsec.StatusPass), 1)
	assert.Empty(t, find(mfp, "fax.input.unparsed", netdevsec.StatusPass), "nothing was read")
	assert.Empty(t, find(mfp, "fax.log.misdirected", netdevsec.StatusPass))

	good := byDev["fax-good"]
	assert.Len(t, find(good, "fax.input.unparsed", netdevsec.StatusPass), 1, "every line understood")
	for _, f := range good {
		assert.NotEqual(t, netdevsec.StatusFail, f.Status, f.RuleID+": "+f.Message)
	}

	assert.Empty(t, byDev["rtr-1"], "not a fax device")
}

func TestAuditorCollectPublishesCredentials(t *testing.T) {
	t.Parallel()
	inv, err := inventory.Load("testdata/fleet.yaml")
	require.NoError(t, err)
	dev := &inv.Devices[0]
	require.NoError(t, Auditor{}.Collect(context.Background(), dev, time.Time{}))
	pf, ok := dev.Derived["password"].(password.Facts)
	require.True(t, ok)
	require.Len(t, pf.Credentials, 2)
	assert.Equal(t, password.KindFaxAdmin, pf.Credentials[1].Kind)
	assert.Equal(t, "../hylafax/testdata/bad/hosts.hfaxd:6", pf.Credentials[1].Location.String())
	assert.Equal(t, "hylafax", pf.Context.Vendor)
	lf, ok := dev.Derived["logging"].(logging.Facts)
	require.True(t, ok)
	assert.True(t, *lf.Enabled)
}

func TestAuditorBadFacts(t *testing.T) {
	t.Parallel()
	inv, err := inventory.Decode(strings.NewReader("version: 1\ndevices:\n  - id: f\n    class: fax\n    facts:\n      fax:\n        double_entri: true\n"), "inv.yaml")
	require.NoError(t, err)
	_, err = Auditor{}.Audit(context.Background(), &inv.Devices[0], time.Time{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "inv.yaml:7")
}

// TestAuditorNumberingPlan reviews a London office's log with its own
// numbering plan: under the default (Japan) plan its sends would all
// look misdirected.
func TestAuditorNumberingPlan(t *testing.T) {
	t.Parallel()
	log := filepath.Join(t.TempDir(), "xferfaxlog")
	require.NoError(t, os.WriteFile(log, []byte("11/03/26 08:00\tSEND\t1\tttyS0\t1\t\"\"\tann@pc\t\"020 7946 0018\"\t\"+44 20 7946 0018\"\t4239\t2\t0:01:33\t0:00:44\t\"\"\n"), 0o600))
	for _, tc := range []struct {
		dial string
		want netdevsec.Status
	}{
		{dial: "        dial: {country_code: \"44\"}\n", want: netdevsec.StatusPass},
		{dial: "", want: netdevsec.StatusFail},
	} {
		inv, err := inventory.Decode(strings.NewReader("version: 1\ndevices:\n  - id: fax-london\n    class: fax\n    files:\n      other: {xferfaxlog: "+log+"}\n    facts:\n      fax:\n        journal: true\n"+tc.dial), "inv.yaml")
		require.NoError(t, err)
		require.Empty(t, inv.Errors)
		fs, err := Auditor{}.Audit(context.Background(), &inv.Devices[0], time.Time{})
		require.NoError(t, err)
		var got []netdevsec.Status
		for _, f := range fs {
			if f.RuleID == "fax.log.misdirected" {
				got = append(got, f.Status)
			}
		}
		assert.Equal(t, []netdevsec.Status{tc.want}, got, tc.dial)
	}
}
