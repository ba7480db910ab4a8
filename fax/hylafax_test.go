package fax

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
	"github.com/netdevsec/netdevsec/fax/hylafax"
	"github.com/netdevsec/netdevsec/password"
)

func loadFacts(t *testing.T, dir string) Facts {
	t.Helper()
	sys, err := hylafax.Load(context.Background(), os.DirFS(dir))
	require.NoError(t, err)
	return FromHylaFAX(sys)
}

func statusOf(fs []netdevsec.Finding) map[string][]netdevsec.Status {
	m := map[string][]netdevsec.Status{}
	for _, f := range fs {
		m[f.RuleID] = append(m[f.RuleID], f.Status)
	}
	return m
}

// TestFromHylaFAX checks the HylaFAX rules on a badly and a well
// configured server: received faxes readable by others, hosts.hfaxd
// without passwords or with unanchored patterns, no sender
// qualification.
func TestFromHylaFAX(t *testing.T) {
	t.Parallel()
	F, P, U, NA := netdevsec.StatusFail, netdevsec.StatusPass, netdevsec.StatusUnknown, netdevsec.StatusNotApplicable
	tests := []struct {
		dir  string
		want map[string][]netdevsec.Status
	}{
		{dir: "hylafax/testdata/bad", want: map[string][]netdevsec.Status{
			"fax.send.double-entry":         {U},
			"fax.send.broadcast-confirm":    {U},
			"fax.send.direct-dial":          {U},
			"fax.send.remote-id-check":      {U},
			"fax.identity.local":            {F},
			"fax.receive.memory":            {F},
			"fax.receive.fcode":             {F},
			"fax.receive.file-mode":         {F},
			"fax.receive.public-list":       {F},
			"fax.report.transmission":       {F},
			"fax.report.journal":            {P},
			"fax.pcfax.confirm":             {U},
			"fax.receive.sender-allow-list": {F},
			"fax.client.password":           {F, F, F},
			"fax.client.pattern-anchored":   {F},
		}},
		{dir: "hylafax/testdata/good", want: map[string][]netdevsec.Status{
			"fax.send.double-entry":         {U},
			"fax.send.broadcast-confirm":    {U},
			"fax.send.direct-dial":          {U},
			"fax.send.remote-id-check":      {U},
			"fax.identity.local":            {P},
			"fax.receive.memory":            {P},
			"fax.receive.fcode":             {P},
			"fax.receive.file-mode":         {P},
			"fax.receive.public-list":       {P},
			"fax.report.transmission":       {P},
			"fax.report.journal":            {P},
			"fax.pcfax.confirm":             {U},
			"fax.receive.sender-allow-list": {P},
			"fax.client.password":           {P},
			"fax.client.pattern-anchored":   {P},
		}},
	}
	_ = NA
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			f := loadFacts(t, tc.dir)
			fs := Check("fax-1", f, time.Time{})
			checktest.Findings(t, Rules(), fs, "$6$", "$1$")
			assert.Equal(t, tc.want, statusOf(fs))
		})
	}
}

func TestFromHylaFAXDetails(t *testing.T) {
	t.Parallel()
	bad := loadFacts(t, "hylafax/testdata/bad")
	assert.Equal(t, "0644", bad.ReceivedFileMode)
	assert.Equal(t, "config.ttyS0:13", bad.Locations["received_file_mode"].String())
	assert.Equal(t, "NAGOYA OFFICE", bad.LocalIdentity)
	require.Len(t, bad.Credentials, 2)
	assert.Equal(t, password.KindLogin, bad.Credentials[0].Kind)
	assert.Equal(t, password.StorageStrongHash, bad.Credentials[0].Storage)
	assert.Equal(t, password.KindFaxAdmin, bad.Credentials[1].Kind)
	assert.Equal(t, password.StorageWeakHash, bad.Credentials[1].Storage)

	good := loadFacts(t, "hylafax/testdata/good")
	assert.Equal(t, []Mailbox{
		{Name: "legal@example.jp", Kind: "routing", SUB: "0001", Location: &netdevsec.Location{File: "FaxDispatch", Line: 3}},
		{Name: "hr@example.jp", Kind: "routing", SUB: "0002", Location: &netdevsec.Location{File: "FaxDispatch", Line: 4}},
		{Name: "hr@example.jp", Kind: "routing", SUB: "0003", Location: &netdevsec.Location{File: "FaxDispatch", Line: 4}},
	}, good.Mailboxes)
	assert.True(t, *good.Routing)
}

// TestFromHylaFAXInstalledPackage judges the Debian package's shipped
// configuration: the default hosts.hfaxd entry "localhost:21::" has no
// password and hfaxd lists the receive queue to everybody.
func TestFromHylaFAXInstalledPackage(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/etc/hylafax/hosts.hfaxd"); err != nil {
		if os.Getenv("NETDEVSEC_REQUIRE_PEERS") == "1" {
			t.Fatalf("install Debian hylafax-server (NETDEVSEC_REQUIRE_PEERS=1): %v", err)
		}
		t.Skip("Debian hylafax-server not installed")
	}
	f := loadFacts(t, "/etc/hylafax")
	st := statusOf(Check("fax-1", f, time.Time{}))
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, st["fax.client.password"])
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, st["fax.receive.public-list"])
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusPass}, st["fax.receive.file-mode"], "RecvFileMode defaults to 0600")
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, st["fax.receive.sender-allow-list"], "QualifyTSI is commented out")
	assert.Equal(t, []netdevsec.Status{netdevsec.StatusFail}, st["fax.report.transmission"], "only failed jobs are notified by default")
}
