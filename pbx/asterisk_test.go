package pbx

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func importDir(t *testing.T, dir string) Facts {
	t.Helper()
	f, err := ImportAsterisk(context.Background(), os.DirFS(dir), &ImportOptions{Dir: dir})
	require.NoError(t, err)
	return f
}

func failing(fs []netdevsec.Finding) map[string][]netdevsec.Finding {
	out := map[string][]netdevsec.Finding{}
	for _, f := range fs {
		if f.Status == netdevsec.StatusFail {
			out[f.RuleID] = append(out[f.RuleID], f)
		}
	}
	return out
}

func TestImportAsteriskInsecure(t *testing.T) {
	f := importDir(t, "testdata/asterisk/insecure")
	var names []string
	for _, e := range f.Endpoints {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"register sip.itsp.example", "1003", "1000", "1001", "1002", "itsp"}, names)
	var problems []string
	for _, p := range f.Problems {
		problems = append(problems, p.String())
	}
	assert.Equal(t, []string{
		`testdata/asterisk/insecure/sip_custom.conf:4: not understood: "this line is not asterisk syntax"`,
		`testdata/asterisk/insecure/extensions.conf:38: include "missing.conf": file not found`,
	}, problems)
	require.NotNil(t, f.Guest.Allowed)
	assert.True(t, *f.Guest.Allowed)
	assert.Equal(t, "public", f.Guest.Context)
	for _, e := range f.Endpoints {
		assert.NotContains(t, e.Secret.String(), "1000")
	}

	fs := Check("pbx1", f, testNow, &CheckOptions{})
	fails := failing(fs)
	var ids []string
	for id := range fails {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	assert.Equal(t, []string{
		"pbx.auth.acl", "pbx.auth.always-auth-reject", "pbx.auth.guest", "pbx.auth.insecure-invite",
		"pbx.auth.trivial-secret", "pbx.cdr.enabled", "pbx.dialplan.disa-pin", "pbx.dialplan.exten-injection",
		"pbx.dialplan.international", "pbx.dialplan.pstn-relay", "pbx.exposure.management",
	}, ids)
	// every dial-plan finding names its path and a location
	for _, id := range []string{"pbx.dialplan.disa-pin", "pbx.dialplan.exten-injection", "pbx.dialplan.international", "pbx.dialplan.pstn-relay"} {
		for _, f := range fails[id] {
			require.NotNil(t, f.Location, id)
			assert.Contains(t, f.Message, "→", id)
		}
	}
	relay := messages(fails["pbx.dialplan.pstn-relay"])
	assert.Contains(t, relay, "calls from inbound trunk context from-pstn reach trunk itsp without authentication: from-pstn → 8000 → DISA(no-password,outbound) → outbound → _0X. → Macro(dialout,${EXTEN}) → macro-dialout → s → Dial(SIP/itsp/${ARG1})")
	disa := messages(fails["pbx.dialplan.disa-pin"])
	assert.Contains(t, disa, "DISA without a password reachable from inbound trunk context from-pstn: from-pstn → 8000 → DISA(no-password,outbound)")
	for _, f := range fs {
		for _, e := range f.Evidence {
			assert.NotContains(t, e.Value, "Carr1erPass")
			assert.NotContains(t, e.Value, "Xk39pq7vLm2rTw8e")
		}
		assert.NotContains(t, f.Message, "Carr1erPass")
	}
}

func messages(fs []netdevsec.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Message + "\n")
	}
	return b.String()
}

func TestImportAsteriskSecure(t *testing.T) {
	f := importDir(t, "testdata/asterisk/secure")
	assert.Empty(t, f.Problems)
	f.Recorded = Recorded{
		InternationalNeeded: boolp(false), InternationalPrefixes: []string{"010", "00", "+"},
		Firewall: boolp(true),
		Trunks:   []RecordedTrunk{{Name: "itsp", Carrier: "NTT East", InternationalBlocked: boolp(true)}},
	}
	fs := Check("pbx1", f, testNow, nil)
	for _, x := range fs {
		assert.NotEqual(t, netdevsec.StatusFail, x.Status, "%s: %s", x.RuleID, x.Message)
		assert.NotEqual(t, netdevsec.StatusUnknown, x.Status, "%s: %s", x.RuleID, x.Message)
	}
	// every rule of the package reported
	got := map[string]bool{}
	for _, x := range fs {
		got[x.RuleID] = true
	}
	for _, r := range Rules() {
		assert.True(t, got[r.ID], r.ID)
	}
}
