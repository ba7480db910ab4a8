package snmp_test

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/internal/peertest"
	"github.com/netdevsec/netdevsec/probe/snmp"
)

func TestIdentify(t *testing.T) {
	tests := []struct {
		name, descr, oid string
		want             snmp.Identity
	}{
		{"cisco ios 12 (multi-line, CRLF)",
			"Cisco Internetwork Operating System Software \r\nIOS (tm) C2950 Software (C2950-I6Q4L2-M), Version 12.1(22)EA14, RELEASE SOFTWARE (fc1)\r\nTechnical Support: http://www.cisco.com/techsupport",
			".1.3.6.1.4.1.9.1.559",
			snmp.Identity{Vendor: "cisco", OS: "ios", Model: "C2950", Version: "12.1(22)EA14", Enterprise: 9}},
		{"cisco ios 15",
			"Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M4, RELEASE SOFTWARE (fc1)\nTechnical Support: http://www.cisco.com/techsupport\nCopyright (c) 1986-2012 by Cisco Systems, Inc.",
			".1.3.6.1.4.1.9.1.1046",
			snmp.Identity{Vendor: "cisco", OS: "ios", Model: "C2900", Version: "15.1(4)M4", Enterprise: 9}},
		{"cisco ios xe",
			"Cisco IOS Software [Dublin], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.12.4, RELEASE SOFTWARE (fc2)",
			".1.3.6.1.4.1.9.1.2494",
			snmp.Identity{Vendor: "cisco", OS: "ios-xe", Model: "Switch", Version: "17.12.4", Enterprise: 9}},
		{"routeros board only", "RouterOS RB4011iGS+", ".1.3.6.1.4.1.14988.1",
			snmp.Identity{Vendor: "mikrotik", OS: "routeros", Model: "RB4011iGS+", Enterprise: 14988}},
		{"routeros with version", "RouterOS 6.40.5 (stable) on RB952Ui-5ac2nD", "",
			snmp.Identity{Vendor: "mikrotik", OS: "routeros", Model: "RB952Ui-5ac2nD", Version: "6.40.5"}},
		{"routeros plain 'router'", "router", ".1.3.6.1.4.1.14988.1",
			snmp.Identity{Vendor: "mikrotik", OS: "routeros", Enterprise: 14988}},
		{"yamaha rtx", "RTX1210 Rev.14.01.38 (Fri Jul 10 09:55:38 2020)", ".1.3.6.1.4.1.1182.2.1.15",
			snmp.Identity{Vendor: "yamaha", OS: "rtx", Model: "RTX1210", Version: "Rev.14.01.38", Enterprise: 1182}},
		{"net-snmp linux", "Linux gw 5.10.0-28-amd64 #1 SMP Debian 5.10.209-2 (2024-01-31) x86_64", ".1.3.6.1.4.1.8072.3.2.10",
			snmp.Identity{Vendor: "net-snmp", OS: "linux", Model: "x86_64", Version: "5.10.0-28-amd64", Enterprise: 8072}},
		{"unknown vendor by enterprise", "JetDirect", ".1.3.6.1.4.1.11.2.3.9.1",
			snmp.Identity{Vendor: "hp", Enterprise: 11}},
		{"nothing", "", "", snmp.Identity{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, snmp.Identify(tt.descr, tt.oid))
		})
	}
}

func FuzzIdentify(f *testing.F) {
	for _, s := range []string{
		"Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M4, RELEASE SOFTWARE (fc1)",
		"RouterOS 6.40.5 (stable) on RB952Ui-5ac2nD", "RTX1210 Rev.14.01.38 (x)", "Linux a b c", "router",
	} {
		f.Add(s, ".1.3.6.1.4.1.9.1.1")
	}
	f.Fuzz(func(t *testing.T, descr, oid string) {
		id := snmp.Identify(descr, oid)
		if len(id.Model) > snmp.MaxSysDescr || len(id.Version) > snmp.MaxSysDescr {
			t.Fatalf("identity longer than input bound: %+v", id)
		}
	})
}

func TestEngineEnterprise(t *testing.T) {
	assert.Equal(t, 8072, snmp.EngineEnterprise([]byte{0x80, 0x00, 0x1f, 0x88, 0x80, 1, 2, 3}))
	assert.Equal(t, 9, snmp.EngineEnterprise([]byte{0x80, 0, 0, 9, 3, 0, 1}))
	assert.Equal(t, 0, snmp.EngineEnterprise([]byte{0x00, 0, 0, 9, 3}))
	assert.Equal(t, 0, snmp.EngineEnterprise([]byte{0x80}))
}

func ExampleIdentify() {
	id := snmp.Identify("RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)", ".1.3.6.1.4.1.1182.2.1.18")
	fmt.Println(id.Vendor, id.Model, id.Version)
	// Output: yamaha RTX830 Rev.15.02.30
}

const ciscoDescr = "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M4, RELEASE SOFTWARE (fc1)"

func community(r snmp.Result) []string {
	var out []string
	for _, a := range r.Accepted {
		out = append(out, fmt.Sprintf("v%s %s default=%v", a.Version, a.Community.Reveal(), a.Default))
	}
	return out
}

func TestProbeSNMPD(t *testing.T) {
	t.Run("default communities", func(t *testing.T) {
		agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{
			ROCommunities: []string{"public"}, RWCommunities: []string{"private"},
			Users: []peertest.SNMPUser{
				{Name: "noAuthUser"},
				{Name: "authPrivUser", AuthProto: "SHA-256", AuthPass: "authpass123456", PrivProto: "AES", PrivPass: "privpass123456"},
			},
			SysDescr: ciscoDescr, SysObjectID: ".1.3.6.1.4.1.9.1.1046",
		})
		res, err := snmp.Probe(context.Background(), agent.Addr, &snmp.Options{V3Users: []string{"noAuthUser", "authPrivUser", "nobody"}, Timeout: 2 * time.Second, Retries: 1})
		require.NoError(t, err)
		assert.True(t, res.Responded)
		assert.Equal(t, []string{"v1 private default=true", "v1 public default=true", "v2c private default=true", "v2c public default=true"}, community(res))
		assert.Equal(t, snmp.Identity{Vendor: "cisco", OS: "ios", Model: "C2900", Version: "15.1(4)M4", Enterprise: 9}, res.Identity)
		require.NotNil(t, res.Engine)
		assert.Equal(t, 8072, res.Engine.Enterprise, "net-snmp engine ID")
		assert.NotZero(t, res.Engine.Boots)
		assert.Equal(t, []string{"noAuthUser"}, res.NoAuthUsers)
		assert.Equal(t, []string{"nobody"}, res.UnknownUsers)
	})
	t.Run("no default community", func(t *testing.T) {
		agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{ROCommunities: []string{"Zq8-unique-ro"}})
		opts := &snmp.Options{Timeout: time.Second, Retries: 1}
		res, err := snmp.Probe(context.Background(), agent.Addr, opts)
		require.NoError(t, err)
		assert.Empty(t, res.Accepted, "defaults must be refused")
		assert.True(t, res.Responded, "v3 discovery still answers")
		assert.Equal(t, 4, res.Tried)

		opts.Communities = []netdevsec.Secret{netdevsec.NewSecret("Zq8-unique-ro")}
		opts.NoDefaultCommunities = true
		res, err = snmp.Probe(context.Background(), agent.Addr, opts)
		require.NoError(t, err)
		assert.Equal(t, []string{"v1 Zq8-unique-ro default=false", "v2c Zq8-unique-ro default=false"}, community(res))
		assert.Equal(t, "net-snmp", res.Identity.Vendor)
		// The community never shows in the result's printed form.
		assert.NotContains(t, fmt.Sprintf("%v %+v", res, res), "Zq8-unique-ro")
	})
}

// TestProbeVendors has a real agent present each vendor's sysDescr and
// sysObjectID, as LibreNMS snmpsim recordings show them.
func TestProbeVendors(t *testing.T) {
	tests := []struct {
		name, descr, oid string
		want             snmp.Identity
	}{
		{"routeros", "RouterOS RB4011iGS+", ".1.3.6.1.4.1.14988.1", snmp.Identity{Vendor: "mikrotik", OS: "routeros", Model: "RB4011iGS+", Enterprise: 14988}},
		{"yamaha", "RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)", ".1.3.6.1.4.1.1182.2.1.18", snmp.Identity{Vendor: "yamaha", OS: "rtx", Model: "RTX830", Version: "Rev.15.02.30", Enterprise: 1182}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agent := peertest.StartSNMPD(t, peertest.SNMPDOptions{SysDescr: tt.descr, SysObjectID: tt.oid})
			res, err := snmp.Probe(context.Background(), agent.Addr, &snmp.Options{Versions: []snmp.Version{snmp.V2c}, SkipV3: true, Timeout: 2 * time.Second, Retries: 1})
			require.NoError(t, err)
			assert.Equal(t, []string{"v2c public default=true"}, community(res))
			assert.Equal(t, tt.want, res.Identity)
		})
	}
}

func TestProbeSilentHost(t *testing.T) {
	// A UDP port with a socket that never answers: every try times out.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	start := time.Now()
	res, err := snmp.Probe(context.Background(), pc.LocalAddr().String(), &snmp.Options{Timeout: 200 * time.Millisecond})
	require.NoError(t, err)
	assert.False(t, res.Responded)
	assert.Empty(t, res.Accepted)
	assert.Less(t, time.Since(start), 3*time.Second, "requests run in parallel with a short timeout")
}

func TestProbeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := snmp.Probe(ctx, "127.0.0.1:9", nil)
	require.ErrorIs(t, err, context.Canceled)
}

func TestProbeBadTarget(t *testing.T) {
	for _, target := range []string{"", "a b", "host:0", "host:x"} {
		t.Run(target, func(t *testing.T) {
			_, err := snmp.Probe(context.Background(), target, nil)
			require.ErrorIs(t, err, snmp.ErrTarget)
		})
	}
}
