package fax

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/checktest"
)

func ptr[T any](v T) *T { return &v }

func TestRulesConform(t *testing.T) {
	t.Parallel()
	checktest.Rules(t, Rules(), "fax.")
}

// goodFacts is a machine set up as the guideline asks.
func goodFacts() Facts {
	return Facts{
		DoubleEntry: ptr(true), BroadcastConfirm: ptr(true), DirectDialRestricted: ptr(true), RemoteIDCheck: ptr(true),
		LocalIdentity: "+81 52 123 4567",
		MemoryReceive: ptr(true), AutoPrint: ptr(false), Routing: ptr(true),
		Mailboxes: []Mailbox{{Name: "legal", Kind: "confidential", SUB: "0001", HasPassword: ptr(true),
			Password: netdevsec.NewSecret("4711")}},
		MailboxesKnown:   true,
		ReceivedFileMode: "0600", PublicReceiveList: ptr(false),
		TransmissionReport: ptr(true), Journal: ptr(true),
		PCFax: ptr(true), PCFaxConfirm: ptr(true),
		SenderAllowList: ptr(true),
		Clients:         []ClientAccess{{Pattern: "^alice@pc1\\.example\\.jp$", Anchored: true, Password: true}},
	}
}

// TestCheckRules gives every settings rule a failing and a passing
// fixture: the fixture changes one fact of goodFacts.
func TestCheckRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule   string
		mutate func(*Facts)
		want   netdevsec.Status
	}{
		{"fax.send.double-entry", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.send.double-entry", func(f *Facts) { f.DoubleEntry = ptr(false) }, netdevsec.StatusFail},
		{"fax.send.double-entry", func(f *Facts) { f.DoubleEntry = nil }, netdevsec.StatusUnknown},
		{"fax.send.broadcast-confirm", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.send.broadcast-confirm", func(f *Facts) { f.BroadcastConfirm = ptr(false) }, netdevsec.StatusFail},
		{"fax.send.direct-dial", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.send.direct-dial", func(f *Facts) { f.DirectDialRestricted = ptr(false) }, netdevsec.StatusFail},
		{"fax.send.remote-id-check", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.send.remote-id-check", func(f *Facts) { f.RemoteIDCheck = ptr(false) }, netdevsec.StatusFail},
		{"fax.identity.local", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.identity.local", func(f *Facts) { f.LocalIdentity = "ACME Nagoya" }, netdevsec.StatusFail},
		{"fax.identity.local", func(f *Facts) { f.LocalIdentity = "000000" }, netdevsec.StatusFail},
		{"fax.identity.local", func(f *Facts) { f.LocalIdentity = "" }, netdevsec.StatusUnknown},
		{"fax.receive.memory", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.receive.memory", func(f *Facts) { f.MemoryReceive, f.Routing, f.AutoPrint = ptr(false), ptr(false), ptr(true) }, netdevsec.StatusFail},
		{"fax.receive.memory", func(f *Facts) { f.MemoryReceive, f.Routing, f.AutoPrint = nil, nil, nil }, netdevsec.StatusUnknown},
		{"fax.receive.fcode", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.receive.fcode", func(f *Facts) { f.Mailboxes[0].SUB = "box-1" }, netdevsec.StatusFail},
		{"fax.receive.fcode", func(f *Facts) { f.Mailboxes[0].Password, f.Mailboxes[0].HasPassword = netdevsec.Secret{}, ptr(false) }, netdevsec.StatusFail},
		{"fax.receive.fcode", func(f *Facts) { f.Mailboxes[0].Password = netdevsec.NewSecret("pass-word") }, netdevsec.StatusFail},
		{"fax.receive.fcode", func(f *Facts) { f.Mailboxes, f.Routing = nil, ptr(false) }, netdevsec.StatusFail},
		{"fax.receive.fcode", func(f *Facts) { f.Mailboxes = nil }, netdevsec.StatusNotApplicable},
		{"fax.receive.fcode", func(f *Facts) { f.Mailboxes, f.MailboxesKnown = nil, false }, netdevsec.StatusUnknown},
		{"fax.receive.file-mode", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.receive.file-mode", func(f *Facts) { f.ReceivedFileMode = "0644" }, netdevsec.StatusFail},
		{"fax.receive.file-mode", func(f *Facts) { f.ReceivedFileMode = "0640" }, netdevsec.StatusFail},
		{"fax.receive.file-mode", func(f *Facts) { f.ReceivedFileMode = "rw-r--r--" }, netdevsec.StatusUnknown},
		{"fax.receive.public-list", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.receive.public-list", func(f *Facts) { f.PublicReceiveList = ptr(true) }, netdevsec.StatusFail},
		{"fax.report.transmission", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.report.transmission", func(f *Facts) { f.TransmissionReport = ptr(false) }, netdevsec.StatusFail},
		{"fax.report.journal", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.report.journal", func(f *Facts) { f.Journal = ptr(false) }, netdevsec.StatusFail},
		{"fax.pcfax.confirm", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.pcfax.confirm", func(f *Facts) { f.PCFaxConfirm = ptr(false) }, netdevsec.StatusFail},
		{"fax.pcfax.confirm", func(f *Facts) { f.PCFax = ptr(false) }, netdevsec.StatusNotApplicable},
		{"fax.receive.sender-allow-list", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.receive.sender-allow-list", func(f *Facts) { f.SenderAllowList = ptr(false) }, netdevsec.StatusFail},
		{"fax.client.password", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.client.password", func(f *Facts) { f.Clients[0].Password = false }, netdevsec.StatusFail},
		{"fax.client.password", func(f *Facts) { f.Clients[0].Password, f.Clients[0].Deny = false, true }, netdevsec.StatusPass},
		{"fax.client.pattern-anchored", func(f *Facts) {}, netdevsec.StatusPass},
		{"fax.client.pattern-anchored", func(f *Facts) { f.Clients[0].Anchored = false }, netdevsec.StatusFail},
		{"fax.client.pattern-anchored", func(f *Facts) { f.Clients = nil }, netdevsec.StatusNotApplicable},
		{"fax.client.pattern-anchored", func(f *Facts) {
			f.Clients = append(f.Clients, ClientAccess{Pattern: "^guest@", Deny: true})
		}, netdevsec.StatusPass},
	}
	for _, tc := range tests {
		t.Run(tc.rule+"/"+tc.want.String(), func(t *testing.T) {
			t.Parallel()
			f := goodFacts()
			tc.mutate(&f)
			got := Check("fax-1", f, time.Time{})
			checktest.Findings(t, Rules(), got, "4711", "pass-word")
			var statuses []netdevsec.Status
			for _, x := range got {
				if x.RuleID == tc.rule {
					statuses = append(statuses, x.Status)
				}
			}
			require.NotEmpty(t, statuses, "no finding of %s", tc.rule)
			assert.Contains(t, statuses, tc.want)
			if tc.want == netdevsec.StatusPass {
				assert.NotContains(t, statuses, netdevsec.StatusFail)
			}
		})
	}
}

// TestCheckEveryRuleCovered makes sure the table above names every
// settings rule except the importer's.
func TestCheckEveryRuleCovered(t *testing.T) {
	t.Parallel()
	got := map[string]bool{}
	for _, x := range Check("fax-1", goodFacts(), time.Time{}) {
		got[x.RuleID] = true
		assert.Equal(t, netdevsec.StatusPass, x.Status, x.RuleID+": "+x.Message)
	}
	for _, r := range SettingsRules() {
		if r.ID == RuleInputUnparsed().ID {
			continue
		}
		assert.True(t, got[r.ID], r.ID)
	}
}

func TestCheckUnknownFacts(t *testing.T) {
	t.Parallel()
	for _, x := range Check("fax-1", Facts{}, time.Time{}) {
		assert.Contains(t, []netdevsec.Status{netdevsec.StatusUnknown, netdevsec.StatusNotApplicable}, x.Status, x.RuleID)
	}
	checktest.Deterministic(t, func() []netdevsec.Finding { return Check("fax-1", goodFacts(), time.Time{}) })
}

func TestCheckLocations(t *testing.T) {
	t.Parallel()
	f := goodFacts()
	f.ReceivedFileMode = "0644"
	f.Locations = map[string]*netdevsec.Location{"received_file_mode": {File: "config.ttyS0", Line: 7}}
	for _, x := range Check("fax-1", f, time.Time{}) {
		if x.RuleID == "fax.receive.file-mode" {
			require.NotNil(t, x.Location)
			assert.Equal(t, "config.ttyS0:7", x.Location.String())
		}
	}
}
