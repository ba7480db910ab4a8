package router_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netdevsec/netdevsec/password"
	"github.com/netdevsec/netdevsec/router"
)

func TestImportYamahaDetails(t *testing.T) {
	conf := `# RTX1210 Rev.14.01.38 (Fri Jul 10 09:55:38 2020)
login password encrypted 1XYZ
administrator password encrypted 2XYZ
ip lan2 address dhcp
sshd service on
sshd host 192.168.100.1-192.168.100.10
pp select anonymous
 pp bind tunnel1
 pp auth request mschap-v2
 pp auth username remote1 Rm-Pass-01
 ip pp remote address pool 192.168.100.200-192.168.100.210
pp select none
ip lan2 secure filter in 200003 200020 200021 200022 200023 200024 200025 200030 200032
 200080 200081 200082 200083 200099
l2tp service on
dns host lan1 lan2
`
	f, err := router.ImportYamaha(router.File{Name: "c", Data: []byte(conf)})
	require.NoError(t, err)
	assert.Empty(t, f.Unparsed, "wrapped filter line joined, pp context understood")
	assert.Equal(t, "RTX1210", f.Model)

	byProto := map[string]router.Service{}
	for _, s := range f.Services {
		byProto[s.Protocol] = s
	}
	assert.True(t, *byProto["telnet"].Enabled, "telnetd is on unless switched off")
	assert.Equal(t, router.ExposureAny, byProto["telnet"].Exposure, "telnetd host defaults to any")
	assert.Equal(t, "192.168.100.1-192.168.100.10", byProto["ssh"].ACL)

	var remote []string
	for _, c := range f.Credentials {
		if c.Kind == password.KindLogin && c.User != "" {
			remote = append(remote, c.User)
			assert.Equal(t, password.StoragePlaintext, c.Storage)
			assert.Equal(t, 10, c.Location.Line)
		}
	}
	assert.Equal(t, []string{"remote1"}, remote)
	require.NotNil(t, f.DNS.OpenResolver)
	assert.True(t, *f.DNS.OpenResolver, "dns host includes the WAN interface lan2")
}

func TestImportOpenWrtMiniSNMPD(t *testing.T) {
	f, err := router.ImportOpenWrt([]router.File{{Name: "mini_snmpd", Data: []byte("config mini_snmpd\n\toption enabled '1'\n\toption contact 'x'\n")}})
	require.NoError(t, err)
	assert.Empty(t, f.Unparsed)
	require.Len(t, f.SNMP.Communities, 1)
	assert.True(t, f.SNMP.Communities[0].Default, "mini_snmpd answers public unless told otherwise")
	assert.Equal(t, "fail", finding(t, f, "router.snmp.default-community").Status.String())
}

func TestImportCiscoVtyBlocks(t *testing.T) {
	conf := `hostname r
interface Gi0/0
 ip nat outside
line vty 0 4
 access-class MGMT in
 transport input ssh
line vty 5 15
 transport input telnet ssh
end
`
	f, err := router.ImportCiscoIOS(router.File{Name: "c", Data: []byte(conf)})
	require.NoError(t, err)
	assert.Empty(t, f.Unparsed)
	assert.Equal(t, "fail", finding(t, f, "router.mgmt.cleartext").Status.String(), "vty 5 15 still allows telnet")
	fd := finding(t, f, "router.mgmt.wan")
	assert.Equal(t, "fail", fd.Status.String())
	assert.Equal(t, 7, fd.Location.Line)
}

func TestImportRouterOSResolver(t *testing.T) {
	base := "/ip dns set allow-remote-requests=yes servers=192.0.2.53\n"
	tests := []struct {
		name, filter string
		open         bool
	}{
		{"no input filter", "", true},
		{"drop all from WAN", "/ip firewall filter add action=drop chain=input in-interface-list=WAN\n", false},
		{"drop DNS from WAN", "/ip firewall filter add action=drop chain=input dst-port=53 in-interface-list=WAN protocol=udp\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := router.ImportRouterOS(router.File{Name: "e", Data: []byte(base + tt.filter)})
			require.NoError(t, err)
			require.NotNil(t, f.DNS.OpenResolver)
			assert.Equal(t, tt.open, *f.DNS.OpenResolver)
		})
	}
}
