package router

import (
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

// ciscoIgnored are top-level command prefixes the importer recognises but
// that carry no fact the rules use.
var ciscoIgnored = []string{
	"service timestamps", "service pad", "no service pad", "service tcp-keepalives", "service config", "no service config",
	"service compress-config", "service sequence-numbers", "no service dhcp", "service dhcp",
	"boot-start-marker", "boot-end-marker", "boot system", "aaa ", "no aaa", "clock ", "ip cef", "no ip cef", "ipv6 ",
	"ip domain", "no ip domain", "ip source-route", "no ip source-route", "ip ssh time-out", "ip ssh authentication-retries",
	"ip ssh rsa", "ip ssh source-interface", "ip ssh logging", "crypto key", "license", "multilink", "redundancy",
	"spanning-tree", "vlan ", "cdp run", "no cdp run", "ip forward-protocol", "access-list", "end", "Building configuration",
	"Current configuration", "memory-size", "no ip http", "ip http authentication", "ip http timeout-policy",
	"ip http max-connections", "ip http path", "logging buffered", "logging trap", "logging source-interface",
	"logging console", "no logging console", "logging monitor", "no logging monitor", "logging facility", "logging rate-limit",
	"ntp source", "ntp authenticate", "ntp trusted-key", "ntp authentication-key", "ntp update-calendar", "ntp logging",
	"snmp-server location", "snmp-server contact", "snmp-server enable", "snmp-server host", "snmp-server trap-source",
	"snmp-server ifindex", "snmp-server view", "snmp-server engineID", "snmp-server source-interface", "snmp ifmib",
	"ip dhcp excluded-address", "ip nat inside source list", "ip nat inside source route-map", "ip nat translation",
	"ip bootp", "no ip bootp", "login ", "alias", "ip scp", "hw-module", "platform", "file prompt", "security ",
	"errdisable", "ip tcp", "ip icmp", "no ip gratuitous-arps", "diagnostic", "subscriber", "voice-card", "card ",
	"ip sla", "no ip finger", "ip finger", "no ip identd", "ip subnet-zero", "ip classless", "no ip classless",
	"ip routing", "no ip routing", "ip dns spoofing", "no ip dns server", "ip options", "no ip source-route", "archive",
	"mac-address-table", "vtp ", "version", "hostname", "service password-encryption", "no service password-encryption",
	"enable ", "ip dhcp ", "no ip dhcp", "no ipv6", "default-information", "ip access-list logging", "no logging on", "logging on",
	"process cpu", "no process", "ip ftp", "ip tftp", "no ip ftp", "ip rcmd", "no ip rcmd", "control-plane", "username",
	"no ip bootp server", "no ip http server", "no ip http secure-server", "transceiver", "call-home", "no network-clock",
	"network-clock", "vrf definition", "ip vrf", "no mop enabled", "lldp ", "no lldp", "object-group", "class-map", "policy-map",
	"zone ", "zone-pair", "parameter-map", "ip inspect", "crypto ", "kron policy-list", "event manager environment", "track ",
	"ip prefix-list", "route-map", "router ", "ip access-list", "ip local pool", "ip nat pool", "no ip nat", "ip nat log", "ip nat service",
}

// ciscoSubIgnored are sub-mode command prefixes (interface, line, router
// …) the importer recognises.
var ciscoSubIgnored = []string{
	"ip ", "no ", "ipv6 ", "description", "shutdown", "duplex", "speed", "switchport", "negotiation", "mtu", "encapsulation",
	"pppoe", "ppp ", "dialer", "bandwidth", "load-interval", "standby", "vrrp", "service-policy", "spanning-tree", "media-type",
	"cdp", "channel-group", "zone-member", "crypto map", "tunnel ", "exec-timeout", "logging synchronous", "privilege level",
	"login", "stopbits", "session-timeout", "history", "length", "width", "exec ", "flowcontrol", "network ", "default-router",
	"domain-name", "lease", "netbios", "option ", "host ", "client-identifier", "hardware-address", "permit", "deny", "remark",
	"passive-interface", "redistribute", "neighbor", "router-id", "address-family", "exit-address-family", "auto-summary",
	"distance", "maximum-paths", "version", "default-information", "match ", "set ", "class ", "policy ", "inspect", "police",
	"pass", "drop", "rd ", "route-target", "vrf ", "set peer", "set transform-set", "encryption", "hash", "authentication",
	"group ", "lifetime", "mode ", "keepalive", "access-class", "transport", "password", "rotary", "autoselect", "modem",
	"action ", "event ", "policy-list", "cli ", "occurrence", "quit", "certificate", "enrollment", "subject-name",
	"revocation-check", "rsakeypair", "source ", "destination", "peer ", "pfs", "identity", "match identity", "dns-server",
	"frame-relay", "atm ", "pvc ", "vlan", "power ", "storm-control", "mls ", "auto qos", "macro ", "authentication ",
	"mab", "dot1x", "clock ", "framing", "linecode", "channel-", "service-module", "hold-queue", "fair-queue", "carrier-delay",
	"delay ", "arp ", "backup ", "half-duplex", "full-duplex", "nameif", "security-level", "keepalive", "tx-ring-limit",
}

// ImportCiscoIOS reads a Cisco IOS / IOS XE running-config.
func ImportCiscoIOS(file File) (Facts, error) {
	var f Facts
	f.Vendor = VendorCisco
	p := newParser(file.Name, &f)
	c := &cisco{p: p, f: &f}
	c.run(splitLines(p, file.Data))
	p.finish()
	return f, nil
}

type cisco struct {
	p   *parser
	f   *Facts
	sec string // current sub-mode header ("interface X", "line vty 0 4", …)
	// banner delimiter while inside a banner; certificate block flag.
	banner string
	cert   bool

	vty        []vtyBlock
	httpOn     *bool
	httpsOn    *bool
	httpLn     int
	httpsLn    int
	httpACL    string
	remote     []logging.Destination
	ntp        []string
	logOn      bool
	logOff     bool
	v3groups   map[string]string
	ssh        SSH
	sshSet     bool
	dnsServer  bool
	wanIfaces  []string
	curIface   string
	encryption *bool
}

type vtyBlock struct {
	n         int
	transport []string
	acl       string
}

func (c *cisco) run(lines []line) {
	c.v3groups = map[string]string{}
	c.logOn = true
	for _, l := range lines {
		c.line(l)
	}
	c.finish()
}

func (c *cisco) line(l line) {
	raw := l.text
	if c.banner != "" {
		if strings.Contains(raw, c.banner) {
			c.banner = ""
		}
		return
	}
	if c.cert {
		if strings.TrimSpace(raw) == "quit" {
			c.cert = false
		}
		return
	}
	t := strings.TrimSpace(raw)
	if t == "" || strings.HasPrefix(t, "!") {
		return
	}
	w := strings.Fields(t)
	sub := raw[0] == ' ' || raw[0] == '\t'
	if sub {
		c.subLine(l.n, t, w)
		return
	}
	c.sec, c.curIface = "", ""
	has := func(prefix string) bool { return hasWordPrefix(t, prefix) }
	switch {
	case has("banner") && len(w) >= 3:
		// banner motd ^C … ^C: the delimiter is the first character of
		// the third word; the banner may end on the same line.
		d := w[2][:1]
		if strings.HasPrefix(w[2], "^C") {
			d = "^C"
		}
		rest := strings.TrimPrefix(t[strings.Index(t, w[2]):], d)
		if !strings.Contains(rest, d) {
			c.banner = d
		}
	case has("hostname") && len(w) == 2:
		c.f.Hostname = w[1]
	case has("version") && len(w) == 2:
		c.f.Firmware.Version = w[1]
		c.f.Firmware.Location = c.p.loc(l.n)
	case has("service password-encryption"):
		c.encryption = ptr(true)
	case has("no service password-encryption"):
		c.encryption = ptr(false)
	case has("enable secret"), has("enable password"):
		c.enable(l.n, w)
	case has("username") && len(w) >= 4:
		c.username(l.n, w)
	case has("snmp-server community") && len(w) >= 3:
		write, acl := false, ""
		for i := 3; i < len(w); i++ {
			switch strings.ToUpper(w[i]) {
			case "RW":
				write = true
			case "RO":
			case "VIEW", "IPV6":
				i++
			default:
				acl = w[i]
			}
		}
		c.p.addCommunity(l.n, w[2], write, acl, "1", "2c")
	case has("snmp-server group") && len(w) >= 5 && w[3] == "v3":
		c.v3groups[w[2]] = w[4]
	case has("snmp-server user") && len(w) >= 5:
		level := c.v3groups[w[3]]
		switch {
		case slices.Contains(w, "priv"):
			level = "priv"
		case slices.Contains(w, "auth") && level == "":
			level = "auth"
		}
		if level == "" {
			level = "noauth"
		}
		c.f.SNMP.Users = append(c.f.SNMP.Users, SNMPUser{Name: w[2], Level: level, Location: c.p.loc(l.n)})
	case has("ip http server"):
		c.httpOn, c.httpLn = ptr(true), l.n
	case has("no ip http server"):
		c.httpOn, c.httpLn = ptr(false), l.n
	case has("ip http secure-server"):
		c.httpsOn, c.httpsLn = ptr(true), l.n
	case has("no ip http secure-server"):
		c.httpsOn, c.httpsLn = ptr(false), l.n
	case has("ip http access-class") && len(w) >= 4:
		c.httpACL = w[len(w)-1]
	case has("ip ssh version") && len(w) == 4:
		c.sshSet = true
		c.ssh.Version1 = ptr(w[3] == "1")
		c.ssh.Location = c.p.loc(l.n)
	case has("ip ssh server algorithm") && len(w) >= 6:
		c.sshSet = true
		switch w[4] {
		case "encryption":
			c.ssh.Ciphers = w[5:]
		case "mac":
			c.ssh.MACs = w[5:]
		case "kex":
			c.ssh.KeyExchange = w[5:]
		case "hostkey":
			c.ssh.HostKeys = w[5:]
		}
	case has("ip name-server"):
		for _, a := range w[2:] {
			if a != "vrf" && !slices.Contains(c.f.DNS.Servers, a) && strings.ContainsAny(a, ".:") {
				c.f.DNS.Servers = append(c.f.DNS.Servers, a)
			}
		}
		c.f.DNS.Location = c.p.loc(l.n)
	case has("ip dns server"):
		c.dnsServer = true
	case has("ip nat inside source static"):
		c.natStatic(l.n, w[5:])
	case has("ip route") && len(w) >= 5:
		c.f.Routes = append(c.f.Routes, Route{Prefix: ciscoPrefix(w[2], w[3]), Gateway: w[4], Location: c.p.loc(l.n)})
	case has("logging host") && len(w) >= 3:
		d := logging.Destination{Host: w[2], Transport: logging.TransportUDP}
		if i := slices.Index(w, "transport"); i > 0 && i+1 < len(w) {
			d.Transport = w[i+1]
		}
		c.remote = append(c.remote, d)
	case has("logging") && len(w) == 2 && strings.Count(w[1], ".") == 3:
		c.remote = append(c.remote, logging.Destination{Host: w[1], Transport: logging.TransportUDP})
	case has("no logging on"):
		c.logOff = true
	case has("ntp server") && len(w) >= 3:
		h := w[2]
		if h == "vrf" && len(w) >= 5 {
			h = w[4]
		}
		c.ntp = append(c.ntp, h)
	case has("kron occurrence") && len(w) >= 3:
		c.f.Scripts = append(c.f.Scripts, Script{Name: "kron " + w[2], Schedule: strings.Join(w[3:], " "), Location: c.p.loc(l.n)})
		c.sec = "kron"
	case has("event manager applet") && len(w) >= 4:
		c.f.Scripts = append(c.f.Scripts, Script{Name: "applet " + w[3], Location: c.p.loc(l.n)})
		c.sec = "applet"
	case has("crypto pki certificate chain"):
		c.sec = "cert"
	case has("interface") && len(w) >= 2:
		c.sec, c.curIface = "interface", w[1]
	case has("line") && len(w) >= 2:
		c.sec = "line " + w[1]
		if w[1] == "vty" {
			c.vty = append(c.vty, vtyBlock{n: l.n})
		}
	case has("dot11 ssid"), has("interface Dot11Radio"):
		c.p.unparsedReason(l.n, t, "wireless settings not interpreted")
		c.sec = "unknown"
	default:
		for _, ig := range ciscoIgnored {
			if strings.HasPrefix(t, ig) {
				switch {
				case has("ip dhcp pool"):
					c.sec = "dhcp"
				case has("router"), has("ip access-list"), has("control-plane"), has("crypto"), has("class-map"),
					has("policy-map"), has("zone"), has("zone-pair"), has("parameter-map"), has("vrf definition"),
					has("ip vrf"), has("kron policy-list"), has("object-group"), has("route-map"), has("archive"),
					has("redundancy"), has("call-home"), has("track"), has("ip sla"), has("vlan"), has("aaa"):
					c.sec = "block"
				}
				return
			}
		}
		c.sec = "unknown"
		c.p.unparsed(l.n, t)
	}
}

func (c *cisco) subLine(n int, t string, w []string) {
	switch {
	case c.sec == "unknown":
		return
	case c.sec == "cert" && strings.HasPrefix(t, "certificate"):
		c.cert = true
		return
	case c.sec == "dhcp" && w[0] == "dns-server":
		c.f.DNS.DHCPServers = append(c.f.DNS.DHCPServers, w[1:]...)
		return
	case c.sec == "interface" && t == "ip nat outside":
		c.wanIfaces = append(c.wanIfaces, c.curIface)
		return
	case strings.HasPrefix(c.sec, "line vty") && len(c.vty) > 0:
		v := &c.vty[len(c.vty)-1]
		switch {
		case len(w) >= 3 && w[0] == "transport" && w[1] == "input":
			v.transport = w[2:]
			return
		case len(w) >= 2 && w[0] == "access-class" && (len(w) == 2 || w[len(w)-1] == "in"):
			v.acl = w[1]
			return
		}
	}
	if strings.HasPrefix(c.sec, "line") && len(w) >= 2 && w[0] == "password" {
		c.linePassword(n, w)
		return
	}
	for _, ig := range ciscoSubIgnored {
		if strings.HasPrefix(t, ig) {
			return
		}
	}
	if c.sec == "" {
		c.p.unparsedReason(n, t, "indented line outside a block")
		return
	}
	c.p.unparsed(n, t)
}

// ciscoStorage maps an IOS password type to its storage and decodes
// type 7.
func ciscoStorage(typ, value string) password.Credential {
	switch typ {
	case "0", "":
		return password.Credential{Secret: netdevsec.NewSecret(value), Storage: password.StoragePlaintext}
	case "7":
		c := password.Credential{Hash: netdevsec.NewSecret(value), Storage: password.StorageReversible}
		if pw, ok := DecodeCiscoType7(value); ok {
			c.Secret = netdevsec.NewSecret(pw)
		}
		return c
	case "4", "5":
		return password.Credential{Hash: netdevsec.NewSecret(value), Storage: password.StorageWeakHash}
	case "8", "9":
		return password.Credential{Hash: netdevsec.NewSecret(value), Storage: password.StorageStrongHash}
	}
	return password.Credential{Hash: netdevsec.NewSecret(value), Storage: password.StorageUnknown}
}

// typeAndValue splits "[type] value" at the end of an IOS password line.
func typeAndValue(w []string) (string, string) {
	switch {
	case len(w) >= 2 && len(w[0]) == 1 && isDigits(w[0]):
		return w[0], w[1]
	case len(w) >= 1:
		return "", w[0]
	}
	return "", ""
}

func (c *cisco) enable(n int, w []string) {
	rest := w[2:]
	if len(rest) >= 2 && rest[0] == "level" {
		rest = rest[2:]
	}
	typ, val := typeAndValue(rest)
	if val == "" {
		c.p.unparsed(n, strings.Join(w, " "))
		return
	}
	if typ == "" && w[1] == "secret" && strings.HasPrefix(val, "$1$") {
		typ = "5" // a running-config shows the hash; older ones omit the type
	}
	cred := ciscoStorage(typ, val)
	cred.Name, cred.Kind = "enable "+w[1], password.KindEnable
	c.p.addCredential(n, cred)
	c.f.Accounts = append(c.f.Accounts, Account{Name: "enable " + w[1], Admin: ptr(true), PasswordSet: ptr(true), Storage: cred.Storage, Location: c.p.loc(n)})
}

func (c *cisco) username(n int, w []string) {
	user := w[1]
	priv := 1
	var typ, val string
	for i := 2; i < len(w); i++ {
		switch w[i] {
		case "privilege":
			if i+1 < len(w) {
				priv, _ = strconv.Atoi(w[i+1])
				i++
			}
		case "algorithm-type":
			i++
		case "secret", "password":
			typ, val = typeAndValue(w[i+1:])
			if w[i] == "secret" && typ == "" {
				typ = "5"
			}
			i = len(w)
		case "nopassword":
			val = ""
			typ = "none"
		}
	}
	acct := Account{Name: user, Admin: ptr(priv >= 15), Location: c.p.loc(n)}
	if typ == "none" {
		acct.PasswordSet = ptr(false)
		c.p.addCredential(n, password.Credential{Name: "username " + user, Kind: password.KindLogin, User: user, Empty: true})
		c.f.Accounts = append(c.f.Accounts, acct)
		return
	}
	if val == "" {
		c.p.unparsed(n, strings.Join(w, " "))
		return
	}
	cred := ciscoStorage(typ, val)
	cred.Name, cred.Kind, cred.User = "username "+user, password.KindLogin, user
	c.p.addCredential(n, cred)
	acct.PasswordSet, acct.Storage = ptr(true), cred.Storage
	c.f.Accounts = append(c.f.Accounts, acct)
}

func (c *cisco) linePassword(n int, w []string) {
	typ, val := typeAndValue(w[1:])
	cred := ciscoStorage(typ, val)
	cred.Name, cred.Kind = c.sec+" password", password.KindLogin
	c.p.addCredential(n, cred)
}

// natStatic parses what follows "ip nat inside source static":
// [tcp|udp] LOCAL [LPORT] (GLOBAL | interface IF) [GPORT] [extendable].
func (c *cisco) natStatic(n int, w []string) {
	fw := Forward{Protocol: "any", Location: c.p.loc(n)}
	if len(w) > 0 && (w[0] == "tcp" || w[0] == "udp") {
		fw.Protocol, w = w[0], w[1:]
	}
	w = slices.DeleteFunc(slices.Clone(w), func(s string) bool { return s == "extendable" || s == "no-alias" || s == "no-payload" })
	switch {
	case fw.Protocol != "any" && len(w) >= 4 && w[2] == "interface" && len(w) >= 5:
		fw.To, fw.Port = w[0]+":"+w[1], w[4]
	case fw.Protocol != "any" && len(w) >= 4:
		fw.To, fw.Port = w[0]+":"+w[1], w[3]
	case len(w) >= 2:
		fw.To = w[0]
	default:
		c.p.unparsed(n, "ip nat inside source static "+strings.Join(w, " "))
		return
	}
	c.f.Forwards = append(c.f.Forwards, fw)
}

func ciscoPrefix(addr, mask string) string {
	bits := 0
	for _, part := range strings.Split(mask, ".") {
		v, err := strconv.Atoi(part)
		if err != nil {
			return addr + " " + mask
		}
		for ; v > 0; v <<= 1 {
			if v&0x80 == 0 {
				break
			}
			bits++
			v &= 0x7f
		}
	}
	return addr + "/" + strconv.Itoa(bits)
}

func (c *cisco) finish() {
	f := c.f
	// vty lines: every block counts (vty 0 4 may allow only SSH while
	// vty 5 15 still allows Telnet).
	exp := ExposureAny
	if len(c.wanIfaces) == 0 {
		exp = ExposureUnknown
	}
	for _, v := range c.vty {
		if v.transport == nil {
			// The default transport differs between releases: unknown.
			f.Services = append(f.Services, Service{Protocol: "telnet", Port: 23, Exposure: exp, ACL: v.acl, Location: c.p.loc(v.n)})
			continue
		}
		on := func(p string) *bool {
			return ptr(slices.Contains(v.transport, p) || slices.Contains(v.transport, "all"))
		}
		f.Services = append(f.Services,
			Service{Protocol: "telnet", Port: 23, Enabled: on("telnet"), Exposure: exp, ACL: v.acl, Location: c.p.loc(v.n)},
			Service{Protocol: "ssh", Port: 22, Enabled: on("ssh"), Exposure: exp, ACL: v.acl, Location: c.p.loc(v.n)},
		)
	}
	httpExp := ExposureAny
	if len(c.wanIfaces) == 0 {
		httpExp = ExposureUnknown
	}
	if c.httpOn != nil {
		f.Services = append(f.Services, Service{Protocol: "http", Port: 80, Enabled: c.httpOn, Exposure: httpExp, ACL: c.httpACL, Location: c.p.loc(c.httpLn)})
	}
	if c.httpsOn != nil {
		f.Services = append(f.Services, Service{Protocol: "https", Port: 443, Enabled: c.httpsOn, Exposure: httpExp, ACL: c.httpACL, Location: c.p.loc(c.httpsLn)})
	}
	if c.sshSet {
		s := c.ssh
		s.Source = "config"
		f.SSH = &s
	}
	if len(f.SNMP.Communities)+len(f.SNMP.Users) > 0 {
		f.SNMP.Enabled = ptr(true)
	} else {
		f.SNMP.Enabled = ptr(false)
	}
	f.DNS.OpenResolver = ptr(false)
	if c.dnsServer {
		f.DNS.OpenResolver = nil
	}
	f.PasswordEncryption = c.encryption
	f.UPnP = ptr(false)
	f.Firmware.AutoUpdateAvailable = ptr(false)
	f.Logging = logging.Facts{Enabled: ptr(!c.logOff), NTPServers: c.ntp, NTPKnown: true, Remote: c.remote, RemoteKnown: true}
	f.MarkKnown(SectionServices, SectionAccounts, SectionDNS, SectionDHCPDNS, SectionForwards, SectionProxies,
		SectionScripts, SectionRoutes, SectionShares, SectionSNMP)
	if !slices.ContainsFunc(f.Unparsed, func(u Unparsed) bool { return u.Reason == "wireless settings not interpreted" }) {
		f.MarkKnown(SectionWireless)
	}
}

// ciscoXlat is the fixed key of the Cisco type 7 encoding (a public,
// widely documented constant; type 7 is an obfuscation, not encryption).
const ciscoXlat = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"

// DecodeCiscoType7 decodes a Cisco "type 7" password. It reports false
// for text that is not a valid type 7 string.
func DecodeCiscoType7(s string) (string, bool) {
	if len(s) < 4 || len(s)%2 != 0 || len(s) > 2+2*256 {
		return "", false
	}
	seed, err := strconv.Atoi(s[:2])
	if err != nil || seed < 0 || seed > 52 {
		return "", false
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil {
		return "", false
	}
	out := make([]byte, len(b))
	for i, v := range b {
		out[i] = v ^ ciscoXlat[(seed+i)%len(ciscoXlat)]
	}
	return string(out), true
}
