package router_test

import (
	"fmt"
	"time"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/router"
)

func ExampleImportYamaha() {
	conf := `# RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)
# 大阪営業所
administrator password s3cret-Admin
ip lan2 address dhcp
telnetd host any
dns server 203.0.113.66
snmp host any
snmp community read-write private
frobnicate on
`
	f, _ := router.ImportYamaha(router.File{Name: "rtx830.conf", Data: []byte(conf)})
	fmt.Println(f.Model, f.Firmware.Version, f.DNS.Servers)
	for _, u := range f.Unparsed {
		fmt.Println("not understood:", u.Location, u.Words)
	}
	for _, c := range f.Credentials {
		if c.Empty {
			fmt.Println("credential:", c.Name, "(none set)")
			continue
		}
		fmt.Println("credential:", c.Name, c.Storage, c.Secret) // the secret prints redacted
	}
	// Output:
	// RTX830 Rev.15.02.30 [203.0.113.66]
	// not understood: rtx830.conf:9 frobnicate on
	// credential: administrator password plaintext [REDACTED]
	// credential: snmp community plaintext [REDACTED]
	// credential: login password (none set)
}

func ExampleCheck() {
	f := router.Facts{
		Services: []router.Service{{Protocol: "telnet", Enabled: ptr(true), Exposure: router.ExposureAny}},
		Wireless: []router.Wireless{
			{Name: "radio0", SSID: "OpenWrt", Enabled: ptr(false), Security: router.SecurityOpen}, // factory default: radio off
			{Name: "radio1", SSID: "Home", Enabled: ptr(true), Security: router.SecurityWPA2, TKIP: ptr(false), WPS: ptr(true),
				PSK: netdevsec.NewSecret("correct-horse-battery")},
		},
		DNS:         router.DNS{Servers: []string{"203.0.113.66"}},
		ExpectedDNS: []string{"192.0.2.53"},
	}
	for _, fd := range router.Check("home-gw", f, time.Now()) {
		switch fd.RuleID {
		case "router.mgmt.wan", "router.dns.unexpected", "router.wifi.open", "router.wifi.wps", "router.wifi.weak-psk":
			fmt.Println(fd.Status, fd.RuleID, "—", fd.Message)
		}
	}
	// Output:
	// fail router.dns.unexpected — DNS server(s) outside the expected set: 203.0.113.66
	// fail router.mgmt.wan — management reachable from the WAN without a source restriction: telnet (any)
	// pass router.wifi.open — 1 enabled wireless network(s) checked
	// fail router.wifi.wps — WPS enabled: radio1 (SSID "Home")
	// pass router.wifi.weak-psk — 1 enabled wireless network(s) checked
}

func ExampleImportOpenWrt() {
	wireless := `config wifi-device 'radio0'
	option type 'mac80211'
	option disabled '1'

config wifi-iface 'default_radio0'
	option device 'radio0'
	option mode 'ap'
	option ssid 'OpenWrt'
	option encryption 'none'
`
	f, _ := router.ImportOpenWrt([]router.File{{Name: "etc/config/wireless", Data: []byte(wireless)}})
	for _, fd := range router.Check("ap", f, time.Now()) {
		if fd.RuleID == "router.wifi.open" {
			fmt.Println(fd.Status, "—", fd.Message)
		}
	}
	// Output: not-applicable — no wireless network enabled
}

func ExampleImportRouterOS() {
	export := `# 2026-11-02 09:30:12 by RouterOS 7.16.2
# model = RB5009UG+S+
/ip service
set telnet disabled=yes
set www disabled=yes
/ip dns set allow-remote-requests=yes \
    servers=203.0.113.66
/ip socks set enabled=yes port=4153
`
	f, _ := router.ImportRouterOS(router.File{Name: "export.rsc", Data: []byte(export)})
	fmt.Println(f.Model, f.Firmware.Version, f.DNS.Servers, *f.DNS.OpenResolver)
	for _, fd := range router.Check("gw", f, time.Now()) {
		switch fd.RuleID {
		case "router.mgmt.cleartext", "router.proxy.enabled":
			fmt.Println(fd.Status, "—", fd.Message)
		}
	}
	// Output:
	// RB5009UG+S+ 7.16.2 [203.0.113.66] true
	// fail — clear-text management enabled: ftp/21, api/8728
	// fail — 1 unexpected proxy(s): socks
}
