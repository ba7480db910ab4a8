package snmp

import (
	"regexp"
	"strconv"
	"strings"
)

// MaxSysDescr bounds the sysDescr text kept and parsed (RFC 3418 allows
// 255 octets; agents send more).
const MaxSysDescr = 4096

// Identity is what sysDescr and sysObjectID say a device is. sysDescr is
// set by the operator on many agents: it is a hint, not proof.
type Identity struct {
	// Vendor is "cisco", "mikrotik", "yamaha", "net-snmp", … or "".
	Vendor string `json:"vendor,omitempty"`
	// OS is "ios", "ios-xe", "routeros", "rtx", "linux", … or "".
	OS string `json:"os,omitempty"`
	// Model is the hardware or image family ("C2900", "RB4011iGS+",
	// "RTX1210").
	Model string `json:"model,omitempty"`
	// Version is the firmware version ("15.1(4)M4", "6.49.10",
	// "Rev.14.01.38", a Linux kernel release).
	Version string `json:"version,omitempty"`
	// Enterprise is the IANA enterprise number of sysObjectID.
	Enterprise int `json:"enterprise,omitempty"`
}

var (
	ciscoVersion  = regexp.MustCompile(`Version ([0-9][^,\s]*)`)
	ciscoImage    = regexp.MustCompile(`\b(?:IOS \(tm\) |Software, |Software \[[^\]]*\], )?([A-Za-z0-9_-]+) Software \(([A-Za-z0-9_-]+)\)`)
	rosFull       = regexp.MustCompile(`RouterOS\s+([0-9][0-9A-Za-z.]*)(?:\s+\([a-z-]+\))?\s+on\s+(\S+)`)
	rosBoard      = regexp.MustCompile(`^RouterOS\s+(\S+)`)
	yamahaDescr   = regexp.MustCompile(`^((?:RTX|NVR|RTV|FWX|SRT|vRX|SWX|WLX)[0-9A-Za-z-]*)\s+(Rev\.[0-9][0-9.]*)`)
	linuxDescr    = regexp.MustCompile(`^Linux\s+\S+\s+(\S+)\s.*\s(\S+)$`)
	linuxDescrMin = regexp.MustCompile(`^Linux\s+\S+\s+(\S+)`)
)

// enterpriseVendor maps IANA enterprise numbers to vendor names.
func enterpriseVendor(n int) string {
	switch n {
	case 9:
		return "cisco"
	case 14988:
		return "mikrotik"
	case 1182:
		return "yamaha"
	case 8072, 2021:
		return "net-snmp"
	case 2636:
		return "juniper"
	case 367:
		return "ricoh"
	case 11:
		return "hp"
	case 1991:
		return "brocade"
	case 12356:
		return "fortinet"
	case 25461:
		return "paloalto"
	case 4413:
		return "broadcom"
	case 41112:
		return "ubiquiti"
	}
	return ""
}

// Enterprise returns the IANA enterprise number of an OID under
// 1.3.6.1.4.1, or 0.
func Enterprise(oid string) int {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(oid, "."), "1.3.6.1.4.1.")
	if !ok {
		return 0
	}
	num, _, _ := strings.Cut(rest, ".")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// Identify parses sysDescr and sysObjectID. It knows Cisco IOS and IOS XE,
// MikroTik RouterOS, Yamaha RTX-family and net-snmp on Linux; for others
// it names the vendor from the enterprise number only.
func Identify(sysDescr, sysObjectID string) Identity {
	if len(sysDescr) > MaxSysDescr {
		sysDescr = sysDescr[:MaxSysDescr]
	}
	id := Identity{Enterprise: Enterprise(sysObjectID)}
	id.Vendor = enterpriseVendor(id.Enterprise)
	d := strings.TrimSpace(strings.ReplaceAll(sysDescr, "\r", ""))
	first, _, _ := strings.Cut(d, "\n")
	switch {
	case strings.Contains(d, "Cisco IOS") || strings.Contains(d, "IOS (tm)") || strings.Contains(d, "Cisco Internetwork Operating System"):
		id.Vendor, id.OS = "cisco", "ios"
		if strings.Contains(d, "IOS-XE") || strings.Contains(d, "IOSXE") || strings.Contains(d, "IOS XE") {
			id.OS = "ios-xe"
		}
		if m := ciscoVersion.FindStringSubmatch(d); m != nil {
			id.Version = m[1]
		}
		if m := ciscoImage.FindStringSubmatch(d); m != nil {
			id.Model = m[1]
			if id.Model == "IOS-XE" || strings.HasPrefix(m[2], "X86_64") || strings.HasSuffix(id.Model, "XE") {
				id.Model = m[2]
			}
		}
	case strings.HasPrefix(d, "RouterOS") || id.Vendor == "mikrotik":
		id.Vendor, id.OS = "mikrotik", "routeros"
		if m := rosFull.FindStringSubmatch(d); m != nil {
			id.Version, id.Model = m[1], m[2]
		} else if m := rosBoard.FindStringSubmatch(first); m != nil {
			id.Model = m[1]
		}
	case yamahaDescr.MatchString(first):
		m := yamahaDescr.FindStringSubmatch(first)
		id.Vendor, id.OS, id.Model, id.Version = "yamaha", "rtx", m[1], m[2]
	case strings.HasPrefix(first, "Linux "):
		if id.Vendor == "" {
			id.Vendor = "net-snmp"
		}
		id.OS = "linux"
		if m := linuxDescr.FindStringSubmatch(first); m != nil {
			id.Version, id.Model = m[1], m[2]
		} else if m := linuxDescrMin.FindStringSubmatch(first); m != nil {
			id.Version = m[1]
		}
	}
	return id
}
