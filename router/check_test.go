package router_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/router"
)

func ptr[T any](v T) *T { return &v }

var now = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func finding(t *testing.T, f router.Facts, id string) netdevsec.Finding {
	t.Helper()
	var out []netdevsec.Finding
	for _, fd := range router.Check("r1", f, now) {
		if fd.RuleID == id {
			out = append(out, fd)
		}
	}
	require.Len(t, out, 1, "rule %s", id)
	return out[0]
}

func TestRulesValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range router.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			require.NoError(t, r.Validate())
			assert.False(t, seen[r.ID], "duplicate")
			seen[r.ID] = true
			assert.True(t, strings.HasPrefix(r.ID, "router."))
		})
	}
	// Check reports exactly one finding per rule, for any facts.
	got := map[string]int{}
	for _, fd := range router.Check("r1", router.Facts{}, now) {
		got[fd.RuleID]++
	}
	for _, r := range router.Rules() {
		assert.Equal(t, 1, got[r.ID], r.ID)
	}
	assert.Len(t, got, len(router.Rules()))
}

func TestCheckEmptyFactsNeverPass(t *testing.T) {
	for _, fd := range router.Check("r1", router.Facts{}, now) {
		assert.NotEqual(t, netdevsec.StatusPass, fd.Status, "%s passed on empty facts: %s", fd.RuleID, fd.Message)
		assert.NotEqual(t, netdevsec.StatusFail, fd.Status, "%s failed on empty facts: %s", fd.RuleID, fd.Message)
	}
}

func svc(proto string, on bool, exp router.Exposure, acl string) router.Service {
	return router.Service{Protocol: proto, Enabled: ptr(on), Exposure: exp, ACL: acl}
}

func wifi(sec router.Security, mod func(*router.Wireless)) router.Facts {
	w := router.Wireless{Name: "wlan0", SSID: "Home", Enabled: ptr(true), Security: sec, TKIP: ptr(false), WPS: ptr(false), PSK: netdevsec.NewSecret("a-long-random-passphrase")}
	if mod != nil {
		mod(&w)
	}
	return router.Facts{Wireless: []router.Wireless{w}}
}

// TestRuleFixtures gives every rule a failing and a passing fixture, and
// the edge cases the issue names.
func TestRuleFixtures(t *testing.T) {
	known := func(s ...router.Section) []router.Section { return s }
	tests := []struct {
		name  string
		rule  string
		facts router.Facts
		want  netdevsec.Status
	}{
		{"unparsed lines", "router.import.unparsed", router.Facts{Sources: []string{"c"}, Unparsed: []router.Unparsed{{Location: netdevsec.Location{File: "c", Line: 3}, Words: "foo bar"}}}, netdevsec.StatusUnknown},
		{"all lines parsed", "router.import.unparsed", router.Facts{Sources: []string{"c"}}, netdevsec.StatusPass},
		{"no config imported", "router.import.unparsed", router.Facts{}, netdevsec.StatusNotApplicable},

		{"account without password", "router.password.first-setup", router.Facts{Accounts: []router.Account{{Name: "admin", PasswordSet: ptr(false)}}}, netdevsec.StatusFail},
		{"factory password kept", "router.password.first-setup", router.Facts{Accounts: []router.Account{{Name: "admin", PasswordSet: ptr(true), Factory: ptr(true)}}}, netdevsec.StatusFail},
		{"no enforcement and no unique password", "router.password.first-setup", router.Facts{FirstSetup: router.FirstSetup{ChangeEnforced: ptr(false), UniquePerUnit: ptr(false)}}, netdevsec.StatusFail},
		{"change enforced", "router.password.first-setup", router.Facts{FirstSetup: router.FirstSetup{ChangeEnforced: ptr(true)}}, netdevsec.StatusPass},
		{"unique per unit", "router.password.first-setup", router.Facts{FirstSetup: router.FirstSetup{UniquePerUnit: ptr(true)}}, netdevsec.StatusPass},
		{"passwords set", "router.password.first-setup", router.Facts{Accounts: []router.Account{{Name: "admin", PasswordSet: ptr(true)}}}, netdevsec.StatusPass},

		{"auto-update off", "router.firmware.auto-update", router.Facts{Firmware: router.Firmware{AutoUpdateAvailable: ptr(true), AutoUpdate: ptr(false)}}, netdevsec.StatusFail},
		{"auto-update on", "router.firmware.auto-update", router.Facts{Firmware: router.Firmware{AutoUpdate: ptr(true)}}, netdevsec.StatusPass},
		{"no auto-update function", "router.firmware.auto-update", router.Facts{Firmware: router.Firmware{AutoUpdateAvailable: ptr(false)}}, netdevsec.StatusNotApplicable},

		{"unexpected DNS", "router.dns.unexpected", router.Facts{DNS: router.DNS{Servers: []string{"203.0.113.66"}}, ExpectedDNS: []string{"192.0.2.53"}}, netdevsec.StatusFail},
		{"unexpected DHCP DNS", "router.dns.unexpected", router.Facts{DNS: router.DNS{Servers: []string{"192.0.2.53"}, DHCPServers: []string{"203.0.113.66"}}, ExpectedDNS: []string{"192.0.2.53"}}, netdevsec.StatusFail},
		{"expected DNS", "router.dns.unexpected", router.Facts{DNS: router.DNS{Servers: []string{"192.0.2.53"}, DHCPServers: []string{"192.0.2.53"}}, ExpectedDNS: []string{"192.0.2.53"}}, netdevsec.StatusPass},
		{"no baseline", "router.dns.unexpected", router.Facts{DNS: router.DNS{Servers: []string{"192.0.2.53"}}}, netdevsec.StatusUnknown},

		{"open resolver", "router.dns.open-resolver", router.Facts{DNS: router.DNS{OpenResolver: ptr(true)}}, netdevsec.StatusFail},
		{"closed resolver", "router.dns.open-resolver", router.Facts{DNS: router.DNS{OpenResolver: ptr(false)}}, netdevsec.StatusPass},

		{"ssh from WAN", "router.mgmt.wan", router.Facts{Services: []router.Service{svc("ssh", true, router.ExposureWAN, "")}}, netdevsec.StatusFail},
		{"telnet on any", "router.mgmt.wan", router.Facts{Services: []router.Service{svc("telnet", true, router.ExposureAny, "")}}, netdevsec.StatusFail},
		{"WAN with ACL", "router.mgmt.wan", router.Facts{Services: []router.Service{svc("ssh", true, router.ExposureAny, "MGMT")}}, netdevsec.StatusPass},
		{"LAN only", "router.mgmt.wan", router.Facts{Services: []router.Service{svc("ssh", true, router.ExposureLAN, "")}}, netdevsec.StatusPass},
		{"disabled on WAN", "router.mgmt.wan", router.Facts{Services: []router.Service{svc("telnet", false, router.ExposureAny, "")}}, netdevsec.StatusPass},

		{"telnet on", "router.mgmt.cleartext", router.Facts{Services: []router.Service{svc("telnet", true, router.ExposureLAN, "")}}, netdevsec.StatusFail},
		{"http on", "router.mgmt.cleartext", router.Facts{Services: []router.Service{svc("http", true, router.ExposureLAN, "")}}, netdevsec.StatusFail},
		{"ssh and https only", "router.mgmt.cleartext", router.Facts{Services: []router.Service{svc("ssh", true, router.ExposureLAN, ""), svc("https", true, router.ExposureLAN, ""), svc("telnet", false, router.ExposureAny, "")}}, netdevsec.StatusPass},
		{"telnet state unknown", "router.mgmt.cleartext", router.Facts{Services: []router.Service{{Protocol: "telnet"}}}, netdevsec.StatusUnknown},

		{"weak ssh algorithms", "router.ssh.weak-algorithms", router.Facts{SSH: &router.SSH{Source: "probe", KeyExchange: []string{"curve25519-sha256", "diffie-hellman-group1-sha1"}, Ciphers: []string{"aes128-cbc"}}}, netdevsec.StatusFail},
		{"ssh-1 allowed", "router.ssh.weak-algorithms", router.Facts{SSH: &router.SSH{Source: "config", Version1: ptr(true)}}, netdevsec.StatusFail},
		{"strong ssh", "router.ssh.weak-algorithms", router.Facts{SSH: &router.SSH{Source: "probe", KeyExchange: []string{"curve25519-sha256", "mlkem768x25519-sha256"}, Ciphers: []string{"chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com"}, MACs: []string{"hmac-sha2-256-etm@openssh.com"}, HostKeys: []string{"ssh-ed25519"}}}, netdevsec.StatusPass},

		{"unexpected forward", "router.forward.unexpected", router.Facts{Forwards: []router.Forward{{Protocol: "tcp", Port: "3389", To: "192.168.1.5:3389"}}}, netdevsec.StatusFail},
		{"expected forward", "router.forward.unexpected", router.Facts{Forwards: []router.Forward{{Protocol: "tcp", Port: "443", To: "192.168.1.5:443"}}, ExpectedForwards: []string{"tcp/443"}}, netdevsec.StatusPass},
		{"no forwards", "router.forward.unexpected", router.Facts{Known: known(router.SectionForwards)}, netdevsec.StatusPass},

		{"upnp on", "router.upnp.enabled", router.Facts{UPnP: ptr(true)}, netdevsec.StatusFail},
		{"upnp off", "router.upnp.enabled", router.Facts{UPnP: ptr(false)}, netdevsec.StatusPass},

		{"socks running", "router.proxy.enabled", router.Facts{Proxies: []router.Proxy{{Kind: "socks", Port: 4153}}}, netdevsec.StatusFail},
		{"expected proxy", "router.proxy.enabled", router.Facts{Proxies: []router.Proxy{{Kind: "http", Port: 3128}}, ExpectedProxies: []string{"http"}}, netdevsec.StatusPass},
		{"no proxy", "router.proxy.enabled", router.Facts{Known: known(router.SectionProxies)}, netdevsec.StatusPass},

		{"unexpected script", "router.script.unexpected", router.Facts{Scripts: []router.Script{{Name: "upd"}}}, netdevsec.StatusFail},
		{"expected script", "router.script.unexpected", router.Facts{Scripts: []router.Script{{Name: "backup"}}, ExpectedScripts: []string{"backup"}}, netdevsec.StatusPass},

		{"unexpected route", "router.route.unexpected", router.Facts{Routes: []router.Route{{Prefix: "0.0.0.0/0"}, {Prefix: "8.8.8.8/32", Gateway: "192.168.1.250"}}}, netdevsec.StatusFail},
		{"default route only", "router.route.unexpected", router.Facts{Routes: []router.Route{{Prefix: "0.0.0.0/0"}}}, netdevsec.StatusPass},
		{"expected route", "router.route.unexpected", router.Facts{Routes: []router.Route{{Prefix: "10.20.0.0/16"}}, ExpectedRoutes: []string{"10.20.0.0/16"}}, netdevsec.StatusPass},

		{"open wifi", "router.wifi.open", wifi(router.SecurityOpen, nil), netdevsec.StatusFail},
		{"open wifi on a disabled radio (OpenWrt factory default)", "router.wifi.open", wifi(router.SecurityOpen, func(w *router.Wireless) { w.Enabled = ptr(false) }), netdevsec.StatusNotApplicable},
		{"OWE is not open", "router.wifi.open", wifi(router.SecurityOWE, nil), netdevsec.StatusPass},
		{"wpa2", "router.wifi.open", wifi(router.SecurityWPA2, nil), netdevsec.StatusPass},
		{"open wifi, radio state unknown", "router.wifi.open", wifi(router.SecurityOpen, func(w *router.Wireless) { w.Enabled = nil }), netdevsec.StatusUnknown},

		{"wep", "router.wifi.wep", wifi(router.SecurityWEP, nil), netdevsec.StatusFail},
		{"no wep", "router.wifi.wep", wifi(router.SecurityWPA3, nil), netdevsec.StatusPass},

		{"wpa1", "router.wifi.tkip", wifi(router.SecurityWPA, nil), netdevsec.StatusFail},
		{"wpa2 with tkip", "router.wifi.tkip", wifi(router.SecurityWPA2, func(w *router.Wireless) { w.TKIP = ptr(true) }), netdevsec.StatusFail},
		{"wpa2 ccmp", "router.wifi.tkip", wifi(router.SecurityWPA2, nil), netdevsec.StatusPass},

		{"wps on", "router.wifi.wps", wifi(router.SecurityWPA2, func(w *router.Wireless) { w.WPS = ptr(true) }), netdevsec.StatusFail},
		{"wps off", "router.wifi.wps", wifi(router.SecurityWPA2, nil), netdevsec.StatusPass},

		{"short psk", "router.wifi.weak-psk", wifi(router.SecurityWPA2, func(w *router.Wireless) { w.PSK = netdevsec.NewSecret("12345678") }), netdevsec.StatusFail},
		{"short psk length only", "router.wifi.weak-psk", wifi(router.SecurityWPA2, func(w *router.Wireless) { w.PSK = netdevsec.Secret{}; w.PSKLength = 8 }), netdevsec.StatusFail},
		{"long psk", "router.wifi.weak-psk", wifi(router.SecurityWPA2, nil), netdevsec.StatusPass},

		{"guest not isolated", "router.wifi.guest-isolation", wifi(router.SecurityWPA2, func(w *router.Wireless) { w.Guest, w.Isolation = true, ptr(false) }), netdevsec.StatusFail},
		{"guest isolated", "router.wifi.guest-isolation", wifi(router.SecurityWPA2, func(w *router.Wireless) { w.Guest, w.Isolation = true, ptr(true) }), netdevsec.StatusPass},
		{"no guest network", "router.wifi.guest-isolation", wifi(router.SecurityWPA2, nil), netdevsec.StatusNotApplicable},

		{"smb on wireless", "router.wifi.file-sharing", router.Facts{Shares: []router.Share{{Kind: "smb", Enabled: ptr(true), OnWireless: ptr(true)}}}, netdevsec.StatusFail},
		{"smb wired only", "router.wifi.file-sharing", router.Facts{Shares: []router.Share{{Kind: "smb", Enabled: ptr(true), OnWireless: ptr(false)}}}, netdevsec.StatusPass},
		{"smb off", "router.wifi.file-sharing", router.Facts{Shares: []router.Share{{Kind: "smb", Enabled: ptr(false), OnWireless: ptr(true)}}}, netdevsec.StatusPass},

		{"public community", "router.snmp.default-community", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Communities: []router.Community{{Name: netdevsec.NewSecret("public"), Default: true}}}}, netdevsec.StatusFail},
		{"random community", "router.snmp.default-community", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Communities: []router.Community{{Name: netdevsec.NewSecret("x8-Qz-long")}}}}, netdevsec.StatusPass},
		{"snmp off", "router.snmp.default-community", router.Facts{SNMP: router.SNMP{Enabled: ptr(false)}}, netdevsec.StatusPass},

		{"rw community", "router.snmp.write-community", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Communities: []router.Community{{Name: netdevsec.NewSecret("x8-Qz-long"), Write: true}}}}, netdevsec.StatusFail},
		{"ro community", "router.snmp.write-community", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Communities: []router.Community{{Name: netdevsec.NewSecret("x8-Qz-long")}}}}, netdevsec.StatusPass},
		{"probed community, write unknown", "router.snmp.write-community", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Communities: []router.Community{{Name: netdevsec.NewSecret("public"), WriteUnknown: true, Source: "probe"}}}}, netdevsec.StatusUnknown},

		{"v3 noauth user", "router.snmp.v3-noauth", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Users: []router.SNMPUser{{Name: "mon", Level: "noauth"}}}}, netdevsec.StatusFail},
		{"v3 authpriv user", "router.snmp.v3-noauth", router.Facts{SNMP: router.SNMP{Enabled: ptr(true), Users: []router.SNMPUser{{Name: "mon", Level: "priv"}}}}, netdevsec.StatusPass},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			fd := finding(t, tt.facts, tt.rule)
			assert.Equal(t, tt.want, fd.Status, fd.Message)
			assert.Equal(t, "r1", fd.Device)
			assert.NotEmpty(t, fd.Clauses)
		})
	}
}

func TestFindingsNeverShowSecrets(t *testing.T) {
	f := router.Facts{
		SNMP:     router.SNMP{Enabled: ptr(true), Communities: []router.Community{{Name: netdevsec.NewSecret("s3cret-community"), Default: false, Write: true}}},
		Wireless: []router.Wireless{{Name: "w", Enabled: ptr(true), Security: router.SecurityWPA2, PSK: netdevsec.NewSecret("shortpsk")}},
	}
	out := fmt.Sprintf("%+v", router.Check("r1", f, now))
	assert.NotContains(t, out, "s3cret-community")
	assert.NotContains(t, out, "shortpsk")
}
