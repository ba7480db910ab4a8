package router

import (
	"regexp"
	"slices"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

// yamahaHeader matches the first comment of `show config`:
// "# RTX830 Rev.15.02.30 (Mon Dec 18 10:33:03 2023)".
var yamahaHeader = regexp.MustCompile(`^#\s*((?:RTX|NVR|RTV|FWX|SRT|vRX)\S*)\s+(Rev\.[0-9][0-9.]*)`)

// yamahaIgnored are command prefixes the importer recognises but that
// carry no fact the rules use.
var yamahaIgnored = []string{
	"timezone", "console", "description", "ip filter", "ipv6 filter", "nat descriptor type", "nat descriptor address",
	"pp always-on", "pp auth accept", "pp auth request", "ppp ", "pp enable", "pp disable", "pp keepalive", "tunnel encapsulation",
	"tunnel enable", "tunnel disable", "ipsec tunnel", "ipsec sa policy", "ipsec ike version", "ipsec ike remote",
	"ipsec ike local", "ipsec ike keepalive", "ipsec ike encryption", "ipsec ike hash", "ipsec ike group", "ipsec ike nat-traversal",
	"ipsec auto refresh", "ipsec transport", "ip tunnel", "dhcp service", "dhcp server", "dns host", "dns service",
	"dns private", "dns cache", "sshd host key generate", "sshd client alive", "syslog notice", "syslog info", "syslog debug",
	"syslog facility", "syslog local address", "sntpd", "http revision-up", "operation", "statistics", "lan type", "ipv6 ",
	"provider", "bridge member", "switch control", "ip icmp", "ip stealth", "ip keepalive", "ip lan", "ip pp", "ip bridge",
	"security class", "rip ", "ospf ", "vlan ", "ip routing", "lan link-aggregation", "lan shutdown", "telnetd listen",
	"sshd listen", "httpd listen", "httpd timeout", "login timer", "ntp ", "ip filter dynamic", "ip filter set", "nat descriptor log",
	"nat descriptor timer", "nat descriptor masquerade incoming", "nat descriptor masquerade port range", "l2tp ", "pp bind",
	"ipsec ike local name", "tunnel ipsec", "save", "show", "schedule at", "dhcp scope bind", "dhcp scope lease",
	"ip implicit-route", "lua use", "netvolante-dns", "alarm", "ip host", "tftp host", "sftpd host", "cooperation", "nat descriptor masquerade static",
}

// ImportYamaha reads a Yamaha RTX `show config` (or config.txt): the
// `pp select` / `tunnel select` contexts, lines wrapped at 80 columns,
// comments (Japanese included, UTF-8).
func ImportYamaha(file File) (Facts, error) {
	var f Facts
	f.Vendor = VendorYamaha
	p := newParser(file.Name, &f)
	y := &yamaha{p: p, f: &f, hosts: map[string]yService{}, wan: map[string]bool{"pp": true}}
	y.run(splitLines(p, file.Data))
	p.finish()
	return f, nil
}

type yService struct {
	on    *bool
	host  []string
	onLn  int
	hostL int
}

type yamaha struct {
	p        *parser
	f        *Facts
	ctx      string // "", "pp 1", "tunnel 1"
	hosts    map[string]yService
	wan      map[string]bool
	login    bool
	admin    bool
	autoUp   bool
	ntp      []string
	remote   []logging.Destination
	snmpHost string
	snmpLn   []int
	fwLoc    *netdevsec.Location
}

func (y *yamaha) run(lines []line) {
	// Join wrapped lines: no command starts with a number, so a line
	// whose first word is numeric continues the one before it.
	var joined []line
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		if fs := strings.Fields(t); len(fs) > 0 && isDigits(fs[0]) && len(joined) > 0 {
			joined[len(joined)-1].text += " " + t
			continue
		}
		joined = append(joined, l)
	}
	for _, l := range joined {
		y.line(l)
	}
	y.finish()
}

func (y *yamaha) line(l line) {
	t := strings.TrimSpace(l.text)
	switch {
	case t == "":
		return
	case strings.HasPrefix(t, "#"):
		if m := yamahaHeader.FindStringSubmatch(t); m != nil && y.f.Model == "" {
			y.f.Model, y.f.Firmware.Version = m[1], m[2]
			y.fwLoc = y.p.loc(l.n)
		}
		return
	}
	w := strings.Fields(t)
	has := func(prefix string) bool { return hasWordPrefix(t, prefix) }
	switch {
	case has("pp select"), has("tunnel select"):
		y.ctx = ""
		if len(w) == 3 && w[2] != "none" {
			y.ctx = w[0] + " " + w[2]
		}
	case has("login password"), has("administrator password"):
		y.password(l.n, w)
	case has("login user") && len(w) >= 4:
		c := password.Credential{Name: "login user " + w[2], Kind: password.KindLogin, User: w[2]}
		set := true
		switch {
		case w[3] == "encrypted" && len(w) >= 5:
			c.Hash, c.Storage = netdevsec.NewSecret(w[4]), password.StorageUnknown
		case w[3] == "*":
		default:
			c.Secret, c.Storage = netdevsec.NewSecret(w[3]), password.StoragePlaintext
		}
		y.p.addCredential(l.n, c)
		y.f.Accounts = append(y.f.Accounts, Account{Name: w[2], PasswordSet: &set, Storage: c.Storage, Location: y.p.loc(l.n)})
	case has("user attribute") && len(w) >= 3:
		y.userAttribute(l.n, w)
	case has("telnetd service"), has("sshd service"), has("httpd service"), has("sftpd service"):
		s := y.hosts[w[0]]
		s.on, s.onLn = ptr(len(w) > 2 && w[2] == "on"), l.n
		y.hosts[w[0]] = s
	case has("telnetd host"), has("sshd host") && !has("sshd host key"), has("httpd host"), has("sftpd host"), has("tftp host"):
		s := y.hosts[w[0]]
		s.host, s.hostL = w[2:], l.n
		y.hosts[w[0]] = s
	case has("pppoe use") && len(w) == 3:
		y.wan[w[2]] = true
	case len(w) >= 4 && strings.HasPrefix(w[0], "ip") && strings.HasPrefix(w[1], "lan") && w[2] == "address" && w[3] == "dhcp",
		len(w) >= 4 && w[0] == "ip" && strings.HasPrefix(w[1], "lan") && w[2] == "nat" && w[3] == "descriptor":
		y.wan[w[1]] = true
	case has("ip route") && len(w) >= 4:
		y.f.Routes = append(y.f.Routes, Route{Prefix: normPrefix(w[2]), Gateway: strings.Join(w[4:], " "), Location: y.p.loc(l.n)})
	case has("dns server") && len(w) >= 3:
		switch w[2] {
		case "pp", "dhcp", "select":
			y.f.DNS.FromWAN = ptr(true)
		default:
			y.f.DNS.Servers = append(y.f.DNS.Servers, w[2:]...)
		}
		if y.f.DNS.Location == nil {
			y.f.DNS.Location = y.p.loc(l.n)
		}
	case has("dhcp scope option") && len(w) >= 5:
		for _, o := range w[4:] {
			if v, ok := strings.CutPrefix(o, "dns="); ok {
				y.f.DNS.DHCPServers = append(y.f.DNS.DHCPServers, strings.Split(v, ",")...)
			}
		}
	case has("dhcp scope"):
	case has("nat descriptor masquerade static") && len(w) >= 8:
		// nat descriptor masquerade static ID N INSIDE-IP PROTO [OUTER=]INNER-PORT
		fw := Forward{To: w[6], Protocol: w[7], Location: y.p.loc(l.n)}
		if len(w) >= 9 {
			outer, inner, ok := strings.Cut(w[8], "=")
			if !ok {
				inner = outer
			}
			fw.Port, fw.To = portName(outer), fw.To+":"+portName(inner)
		}
		y.f.Forwards = append(y.f.Forwards, fw)
	case has("dns host") && len(w) >= 3:
		open := false
		for _, h := range w[2:] {
			if h == "any" || y.wan[h] || strings.HasPrefix(h, "pp") {
				open = true
			}
		}
		y.f.DNS.OpenResolver = ptr(open)
	case has("upnp use") && len(w) == 3:
		y.f.UPnP = ptr(w[2] == "on")
	case has("upnp"):
	case has("syslog host") && len(w) >= 3:
		y.remote = append(y.remote, logging.Destination{Host: w[2], Transport: logging.TransportUDP})
	case has("ntpdate") && len(w) >= 2:
		y.ntp = append(y.ntp, w[1])
	case has("schedule at") && len(w) >= 6:
		y.schedule(l.n, w)
	case has("snmp community") || has("snmpv2c community"):
		if len(w) >= 4 {
			versions := []string{"1"}
			if w[0] == "snmpv2c" {
				versions = []string{"2c"}
			}
			y.p.addCommunity(l.n, w[3], w[2] == "read-write", "", versions...)
			y.snmpLn = append(y.snmpLn, len(y.f.SNMP.Communities)-1)
		}
	case has("snmp host"), has("snmpv2c host"), has("snmpv3 host"):
		if len(w) >= 3 {
			y.snmpHost = strings.Join(w[2:], " ")
			if slices.Contains(w[2:], "any") {
				y.snmpHost = "any"
			}
		}
	case has("snmpv3 usm user") && len(w) >= 5:
		u := SNMPUser{Name: w[4], Level: "noauth", Location: y.p.loc(l.n)}
		if i := slices.Index(w, "priv"); i >= 0 || slices.ContainsFunc(w, func(s string) bool { return strings.HasPrefix(s, "aes") || strings.HasPrefix(s, "des") }) {
			u.Level = "priv"
		} else if slices.ContainsFunc(w, func(s string) bool { return s == "md5" || strings.HasPrefix(s, "sha") }) {
			u.Level = "auth"
		}
		y.f.SNMP.Users = append(y.f.SNMP.Users, u)
	case has("snmp"), has("snmpv2c"), has("snmpv3"):
	case has("pp auth myname") && len(w) >= 5:
		y.p.addCredential(l.n, password.Credential{Name: "pp " + y.ctx + " myname", Kind: password.KindOther, User: w[3], Secret: netdevsec.NewSecret(w[4]), Storage: password.StoragePlaintext})
	case has("pp auth username") && len(w) >= 5:
		// Remote-access (L2TP/PPTP/PPPoE server) users: plaintext.
		y.p.addCredential(l.n, password.Credential{Name: "pp auth username " + w[3], Kind: password.KindLogin, User: w[3], Secret: netdevsec.NewSecret(w[4]), Storage: password.StoragePlaintext})
	case has("l2tp tunnel auth") && len(w) >= 5 && w[3] == "on":
		y.p.addCredential(l.n, password.Credential{Name: "l2tp tunnel auth", Kind: password.KindOther, Secret: netdevsec.NewSecret(w[4]), Storage: password.StoragePlaintext})
	case has("ipsec ike pre-shared-key") && len(w) >= 6:
		c := password.Credential{Name: "ipsec ike pre-shared-key " + w[3], Kind: password.KindOther, Storage: password.StoragePlaintext}
		if w[4] == "text" {
			c.Secret = netdevsec.NewSecret(strings.Join(w[5:], " "))
		} else {
			c.Hash = netdevsec.NewSecret(w[5])
			c.Storage = password.StorageUnknown
		}
		y.p.addCredential(l.n, c)
	default:
		for _, ig := range yamahaIgnored {
			if strings.HasPrefix(t, ig) {
				return
			}
		}
		y.p.unparsed(l.n, t)
	}
}

func (y *yamaha) password(n int, w []string) {
	admin := w[0] == "administrator"
	kind, name := password.KindLogin, "login password"
	if admin {
		kind, name = password.KindEnable, "administrator password"
		y.admin = true
	} else {
		y.login = true
	}
	c := password.Credential{Name: name, Kind: kind}
	switch {
	case len(w) >= 4 && w[2] == "encrypted":
		c.Hash = netdevsec.NewSecret(w[3])
	case len(w) == 3 && w[2] == "*":
	case len(w) >= 3:
		c.Secret, c.Storage = netdevsec.NewSecret(strings.Join(w[2:], " ")), password.StoragePlaintext
	default:
		return
	}
	y.p.addCredential(n, c)
	y.f.Accounts = append(y.f.Accounts, Account{Name: name, Admin: ptr(admin), PasswordSet: ptr(true), Storage: c.Storage, Location: y.p.loc(n)})
}

func (y *yamaha) userAttribute(n int, w []string) {
	i := slices.IndexFunc(y.f.Accounts, func(a Account) bool { return a.Name == w[2] })
	if i < 0 {
		return
	}
	for _, a := range w[3:] {
		k, v, _ := strings.Cut(a, "=")
		switch k {
		case "connection":
			y.f.Accounts[i].Protocols = strings.Split(v, ",")
		case "administrator":
			y.f.Accounts[i].Admin = ptr(v == "on" || v == "1" || v == "2")
		}
	}
}

func (y *yamaha) schedule(n int, w []string) {
	// schedule at ID DATE TIME * COMMAND…
	cmd := w[5:]
	if len(cmd) > 0 && cmd[0] == "*" {
		cmd = cmd[1:]
	}
	c := strings.Join(cmd, " ")
	switch {
	case strings.HasPrefix(c, "http revision-up go"):
		y.autoUp = true
		y.fwLoc = y.p.loc(n)
		return
	case strings.HasPrefix(c, "ntpdate ") && len(cmd) >= 2:
		y.ntp = append(y.ntp, cmd[1])
		return
	}
	if len(c) > 64 {
		c = SafeWords(c)
	}
	y.f.Scripts = append(y.f.Scripts, Script{Name: "schedule " + w[2], Schedule: w[3] + " " + w[4], Command: SafeWords(c), Location: y.p.loc(n)})
}

// yamahaDefaults: service on/off and host when the config has no line
// (Yamaha RTX command reference; unverified for every model).
var yamahaDefaults = []struct {
	daemon, proto string
	port          int
	on            bool
	host          []string
}{
	{"telnetd", "telnet", 23, true, []string{"any"}},
	{"sshd", "ssh", 22, false, []string{"any"}},
	{"httpd", "http", 80, true, []string{"lan"}},
	{"sftpd", "sftp", 22, false, []string{"none"}},
}

func (y *yamaha) finish() {
	f := y.f
	for _, d := range yamahaDefaults {
		s := y.hosts[d.daemon]
		svc := Service{Protocol: d.proto, Port: d.port, Enabled: ptr(d.on)}
		if s.on != nil {
			svc.Enabled = s.on
			svc.Location = y.p.loc(s.onLn)
		}
		if d.daemon == "sftpd" {
			// sftpd runs only with sshd and a host list.
			if svc.Enabled = ptr(y.hosts["sshd"].on != nil && *y.hosts["sshd"].on && len(s.host) > 0); !*svc.Enabled {
				continue
			}
		}
		host := d.host
		if len(s.host) > 0 {
			host = s.host
			svc.Location = y.p.loc(s.hostL)
		}
		svc.Exposure, svc.ACL = y.exposure(host)
		f.Services = append(f.Services, svc)
	}
	if len(y.f.SNMP.Communities)+len(y.f.SNMP.Users) > 0 {
		switch y.snmpHost {
		case "", "none":
			// Without snmp host no manager is allowed.
			f.SNMP.Enabled = ptr(false)
		case "any":
			f.SNMP.Enabled = ptr(true)
		default:
			f.SNMP.Enabled = ptr(true)
			for _, i := range y.snmpLn {
				f.SNMP.Communities[i].ACL = y.snmpHost
			}
		}
	} else {
		f.SNMP.Enabled = ptr(false)
	}
	if !y.login {
		f.Accounts = append(f.Accounts, Account{Name: "login password", PasswordSet: ptr(false), Admin: ptr(false)})
		f.Credentials = append(f.Credentials, password.Credential{Name: "login password", Kind: password.KindLogin, Empty: true})
	}
	if !y.admin {
		f.Accounts = append(f.Accounts, Account{Name: "administrator password", PasswordSet: ptr(false), Admin: ptr(true)})
		f.Credentials = append(f.Credentials, password.Credential{Name: "administrator password", Kind: password.KindEnable, Empty: true})
	}
	f.Firmware.AutoUpdateAvailable = ptr(true)
	f.Firmware.AutoUpdate = ptr(y.autoUp)
	f.Firmware.Location = y.fwLoc
	f.Logging = logging.Facts{Enabled: ptr(true), NTPServers: y.ntp, NTPKnown: true, Remote: y.remote, RemoteKnown: true}
	// Yamaha RTX has no wireless LAN, UPnP is off and the DNS proxy
	// answers only hosts allowed by `dns host` (default lan).
	if f.UPnP == nil {
		f.UPnP = ptr(false)
	}
	f.MarkKnown(SectionServices, SectionAccounts, SectionDNS, SectionDHCPDNS, SectionForwards, SectionProxies,
		SectionScripts, SectionRoutes, SectionWireless, SectionShares, SectionSNMP)
}

// exposure maps a Yamaha host list (any, none, lan1, pp, addresses) to an
// exposure and ACL.
func (y *yamaha) exposure(host []string) (Exposure, string) {
	var e Exposure
	var acl []string
	for _, h := range host {
		switch {
		case h == "any" || h == "all":
			return ExposureAny, ""
		case h == "none":
			e = ExposureNone
		case h == "lan" || strings.HasPrefix(h, "lan") || strings.HasPrefix(h, "pp") || strings.HasPrefix(h, "tunnel") || strings.HasPrefix(h, "bridge") || strings.HasPrefix(h, "vlan"):
			iface := strings.TrimSuffix(h, "*")
			if y.wan[iface] || strings.HasPrefix(iface, "pp") {
				e = ExposureWAN
			} else if e != ExposureWAN {
				e = ExposureLAN
			}
		default:
			acl = append(acl, h)
			if e == "" || e == ExposureNone {
				e = ExposureLAN
			}
		}
	}
	return e, strings.Join(acl, " ")
}

func normPrefix(p string) string {
	if p == "default" {
		return "0.0.0.0/0"
	}
	return p
}
