package pbx

import (
	"context"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
)

func TestImportFreeSWITCHInsecure(t *testing.T) {
	dir := "testdata/freeswitch/insecure"
	f, err := ImportFreeSWITCH(context.Background(), os.DirFS(dir), &ImportOptions{Dir: dir})
	require.NoError(t, err)
	assert.Empty(t, f.Problems)
	require.NotNil(t, f.Guest.Allowed)
	assert.True(t, *f.Guest.Allowed)
	require.NotNil(t, f.AutoCreatePeer)
	assert.True(t, *f.AutoCreatePeer)
	assert.Equal(t, "testdata/freeswitch/insecure/sip_profiles/internal.xml:7", f.AutoCreateSource.String())

	fails := failing(Check("fs1", f, testNow, nil))
	var ids []string
	for id := range fails {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	assert.Equal(t, []string{
		"pbx.auth.acl", "pbx.auth.autocreatepeer", "pbx.auth.guest", "pbx.cdr.enabled",
		"pbx.dialplan.international", "pbx.dialplan.pstn-relay", "pbx.exposure.management",
	}, ids)
	relay := messages(fails["pbx.dialplan.pstn-relay"])
	assert.Contains(t, relay, `public → ^(\d+)$ → transfer($1 XML default) → default → ^(0\d+)$ → bridge(sofia/gateway/itsp/$1)`)
	for _, x := range fails["pbx.dialplan.pstn-relay"] {
		assert.Equal(t, "testdata/freeswitch/insecure/dialplan/default/01_outbound.xml", x.Location.File)
		assert.Equal(t, 4, x.Location.Line)
	}
	pw := PasswordFacts(f, nil)
	require.Len(t, pw.Credentials, 3)
	assert.Equal(t, "1234", pw.Credentials[1].Secret.Reveal(), "$${default_password} expanded from vars.xml")
}

func TestImportFreeSWITCHSecure(t *testing.T) {
	dir := "testdata/freeswitch/secure"
	f, err := ImportFreeSWITCH(context.Background(), os.DirFS(dir), &ImportOptions{Dir: dir})
	require.NoError(t, err)
	assert.Empty(t, f.Problems)
	f.Recorded.InternationalNeeded = boolp(false)
	f.Recorded.Firewall = boolp(true)
	f.Recorded.Trunks = []RecordedTrunk{{Name: "itsp", InternationalBlocked: boolp(true)}}
	for _, x := range Check("fs1", f, testNow, nil) {
		assert.NotEqual(t, netdevsec.StatusFail, x.Status, "%s: %s", x.RuleID, x.Message)
	}
}

func TestImportNoConfig(t *testing.T) {
	_, err := ImportFreeSWITCH(context.Background(), os.DirFS("testdata"), nil)
	assert.ErrorIs(t, err, ErrNoConfig)
	_, err = ImportAsterisk(context.Background(), os.DirFS("testdata"), nil)
	assert.ErrorIs(t, err, ErrNoConfig)
}

func TestFreeSWITCHDirectoryIncludedOnce(t *testing.T) {
	fs := fstest.MapFS{
		"directory/default.xml":      {Data: []byte(`<include><domain name="x"><users><X-PRE-PROCESS cmd="include" data="default/*.xml"/></users></domain></include>`)},
		"directory/default/1000.xml": {Data: []byte(`<include><user id="1000"><params><param name="password" value="Tq8zLw2pVt6nMs1c"/></params></user></include>`)},
		"dialplan/public.xml":        {Data: []byte(`<include><context name="public"/></include>`)},
		"vars.xml":                   {Data: []byte(`<X-PRE-PROCESS cmd="stun-set" data="external_rtp_ip=stun:stun.example"/>`)},
	}
	f, err := ImportFreeSWITCH(context.Background(), fs, nil)
	require.NoError(t, err)
	require.Len(t, f.Endpoints, 1)
	assert.Equal(t, "directory/default/1000.xml:1", f.Endpoints[0].Location.String())
	assert.Equal(t, []string{`vars.xml:1: X-PRE-PROCESS stun-set cannot be evaluated offline: "external_rtp_ip=stun:stun.example"`}, problemsOf(f))
}
