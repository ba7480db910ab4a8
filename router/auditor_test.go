package router_test

import (
	"context"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/audit"
	"github.com/netdevsec/netdevsec/firmware"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/inventory"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
	"github.com/netdevsec/netdevsec/probe/snmp"
	"github.com/netdevsec/netdevsec/router"
)

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return b
}

func testFS(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"fleet.yaml": {Data: []byte(`version: 1
devices:
  - id: tokyo
    class: router
    vendor: yamaha
    model: RTX1300
    files:
      configs: [configs/tokyo.conf]
    facts:
      router:
        expected_dns: [192.0.2.53, 198.51.100.53, 192.168.10.1]
        expected_forwards: [tcp/443]
        expected_routes: [10.20.0.0/16]
  - id: osaka
    class: router
    vendor: yamaha
    model: RTX830
    files:
      configs: [configs/osaka.conf]
    facts:
      router:
        expected_dns: [192.0.2.53]
  - id: ap
    class: router
    vendor: openwrt
    files:
      config_dir: configs/ap
  - id: broken
    class: router
    vendor: cisco
    files:
      configs: [configs/missing.cfg]
  - id: nocfg
    class: router
    vendor: acme
  - id: pbx
    class: pbx
`)},
		"configs/tokyo.conf":     {Data: mustRead(t, "testdata/yamaha/rtx1300-secure.conf")},
		"configs/osaka.conf":     {Data: mustRead(t, "testdata/yamaha/rtx830-insecure.conf")},
		"configs/ap/wireless":    {Data: mustRead(t, "testdata/openwrt/insecure/wireless")},
		"configs/ap/firewall":    {Data: mustRead(t, "testdata/openwrt/insecure/firewall")},
		"configs/ap/dropbear":    {Data: mustRead(t, "testdata/openwrt/insecure/dropbear")},
		"configs/ap/uhttpd":      {Data: mustRead(t, "testdata/openwrt/insecure/uhttpd")},
		"configs/ap/ksmbd":       {Data: mustRead(t, "testdata/openwrt/insecure/ksmbd")},
		"configs/ap/sub/ignored": {Data: []byte("x")},
	}
}

func statuses(fs []netdevsec.Finding, device string) map[string]netdevsec.Status {
	out := map[string]netdevsec.Status{}
	for _, f := range fs {
		if f.Device == device {
			out[f.RuleID] = f.Status
		}
	}
	return out
}

func TestAuditorRun(t *testing.T) {
	inv, err := inventory.LoadFS(testFS(t), "fleet.yaml")
	require.NoError(t, err)
	require.Empty(t, inv.Errors)
	rep, err := audit.Run(context.Background(), inv, []audit.Auditor{router.Auditor{}}, &audit.Options{Now: now})
	require.NoError(t, err)
	var all []netdevsec.Finding
	for _, d := range rep.Devices {
		all = append(all, d.Findings...)
	}

	tokyo := statuses(all, "tokyo")
	for _, id := range []string{"router.dns.unexpected", "router.forward.unexpected", "router.route.unexpected", "router.mgmt.wan", "router.mgmt.cleartext", "router.firmware.auto-update", "router.import.unparsed"} {
		assert.Equal(t, netdevsec.StatusPass, tokyo[id], "tokyo %s", id)
	}
	osaka := statuses(all, "osaka")
	for _, id := range []string{"router.dns.unexpected", "router.mgmt.wan", "router.mgmt.cleartext", "router.snmp.default-community", "router.snmp.write-community", "router.upnp.enabled", "router.password.first-setup"} {
		assert.Equal(t, netdevsec.StatusFail, osaka[id], "osaka %s", id)
	}
	ap := statuses(all, "ap")
	assert.Equal(t, netdevsec.StatusFail, ap["router.wifi.open"])
	assert.Equal(t, netdevsec.StatusFail, ap["router.wifi.file-sharing"])

	broken := statuses(all, "broken")
	assert.Equal(t, netdevsec.StatusError, broken["audit.check.error"], "an unreadable config is an error finding, not a crash")
	nocfg := statuses(all, "nocfg")
	assert.Equal(t, netdevsec.StatusUnknown, nocfg["router.mgmt.wan"], "no config, no facts: unknown")
	assert.Empty(t, statuses(all, "pbx"), "not a router")
}

func TestCollectPublishesDerivedFacts(t *testing.T) {
	inv, err := inventory.LoadFS(testFS(t), "fleet.yaml")
	require.NoError(t, err)
	dev := &inv.Devices[1] // osaka
	require.NoError(t, router.Auditor{}.Collect(context.Background(), dev, now))

	pw, ok := dev.Derived["password"].(password.Facts)
	require.True(t, ok)
	kinds := map[password.Kind]int{}
	for _, c := range pw.Credentials {
		kinds[c.Kind]++
		if c.Empty {
			assert.Equal(t, "login password", c.Name, "the missing login password")
			continue
		}
		require.NotNil(t, c.Location)
	}
	assert.Equal(t, map[password.Kind]int{password.KindEnable: 1, password.KindLogin: 2, password.KindSNMPCommunity: 2}, kinds)
	assert.Equal(t, "RTX830", pw.Context.Model)

	lf, ok := dev.Derived["logging"].(logging.Facts)
	require.True(t, ok)
	assert.True(t, lf.NTPKnown)
	assert.Empty(t, lf.NTPServers)

	fw, ok := dev.Derived["firmware"].(firmware.Facts)
	require.True(t, ok)
	assert.Equal(t, "Rev.15.02.20", fw.Installed)

	rf, ok := dev.Derived["router"].(router.Facts)
	require.True(t, ok)
	assert.Equal(t, "RTX830", rf.Model)
}

func TestAuditorBadFacts(t *testing.T) {
	fsys := fstest.MapFS{"fleet.yaml": {Data: []byte(`version: 1
devices:
  - id: r
    class: router
    facts:
      router:
        expected_dnss: [1.1.1.1]
`)}}
	inv, err := inventory.LoadFS(fsys, "fleet.yaml")
	require.NoError(t, err)
	_, err = router.Auditor{}.Audit(context.Background(), &inv.Devices[0], now)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fleet.yaml:7")
}

func TestAuditorProbe(t *testing.T) {
	agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{ROCommunities: []string{"public", "Zq8-inventory-ro"}})
	t.Setenv("ROUTER_TEST_COMMUNITY", "Zq8-inventory-ro")
	fsys := fstest.MapFS{
		"fleet.yaml": {Data: []byte(`version: 1
devices:
  - id: live
    class: router
    vendor: yamaha
    addresses: [` + agent.Addr + `]
    credentials:
      - name: snmp
        protocol: snmp
        password: {env: ROUTER_TEST_COMMUNITY}
`)},
	}
	inv, err := inventory.LoadFS(fsys, "fleet.yaml")
	require.NoError(t, err)
	a := router.Auditor{Probe: &router.FleetOptions{SNMP: &snmp.Options{Timeout: time.Second, Retries: 1, SkipV3: true}}}
	rep, err := audit.Run(context.Background(), inv, []audit.Auditor{a}, &audit.Options{Now: now})
	require.NoError(t, err)
	st := statuses(rep.Devices[0].Findings, "live")
	assert.Equal(t, netdevsec.StatusFail, st["router.snmp.default-community"], "public answered")
	assert.Equal(t, netdevsec.StatusUnknown, st["router.snmp.write-community"])
	assert.Equal(t, netdevsec.StatusUnknown, st["router.mgmt.wan"], "no config: services not known")

	dev := &inv.Devices[0]
	require.NoError(t, a.Collect(context.Background(), dev, now))
	f := dev.Derived["router"].(router.Facts)
	assert.Len(t, f.SNMP.Communities, 2, "public and the inventory's community")
	_, hasPassword := dev.Derived["password"]
	assert.False(t, hasPassword, "no config, no password facts")
}

// TestInventoryFacts states a router entirely in the inventory, as an
// embedding program without config files would.
func TestInventoryFacts(t *testing.T) {
	fsys := fstest.MapFS{"fleet.yaml": {Data: []byte(`version: 1
devices:
  - id: r
    class: router
    facts:
      router:
        known: [services, wireless, forwards]
        first_setup: {change_enforced: true}
        services:
          - {protocol: telnet, enabled: true, exposure: wan}
        wireless:
          - {name: wlan0, ssid: Home, enabled: true, security: wep, wps: false}
        ssh: {source: probe, kex: [diffie-hellman-group1-sha1]}
        firmware: {auto_update_available: true, auto_update: true}
        dns: {servers: [203.0.113.66]}
        expected_dns: [192.0.2.53]
`)}}
	inv, err := inventory.LoadFS(fsys, "fleet.yaml")
	require.NoError(t, err)
	require.Empty(t, inv.Errors)
	fs, err := router.Auditor{}.Audit(context.Background(), &inv.Devices[0], now)
	require.NoError(t, err)
	st := statuses(fs, "r")
	assert.Equal(t, netdevsec.StatusPass, st["router.password.first-setup"])
	assert.Equal(t, netdevsec.StatusFail, st["router.mgmt.wan"])
	assert.Equal(t, netdevsec.StatusFail, st["router.wifi.wep"])
	assert.Equal(t, netdevsec.StatusFail, st["router.ssh.weak-algorithms"])
	assert.Equal(t, netdevsec.StatusPass, st["router.firmware.auto-update"])
	assert.Equal(t, netdevsec.StatusFail, st["router.dns.unexpected"])
	assert.Equal(t, netdevsec.StatusPass, st["router.forward.unexpected"], "known and empty")
	assert.Equal(t, netdevsec.StatusUnknown, st["router.route.unexpected"], "not stated")
	for _, f := range fs {
		require.NotNil(t, f.Location, f.RuleID)
		assert.Equal(t, "fleet.yaml", f.Location.File)
	}
}
