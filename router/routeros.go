package router

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

var (
	rosHeader = regexp.MustCompile(`by RouterOS\s+([0-9][0-9A-Za-z.]*)`)
	rosModel  = regexp.MustCompile(`^#\s*model\s*=\s*(\S+)`)
)

// rosVerbs are the commands of a RouterOS menu; what precedes the first of
// them on a "/…" line is the menu path.
var rosVerbs = []string{"add", "set", "remove", "enable", "disable", "unset", "print", "export", "edit", "move", "comment", "reset", "run", "install"}

// rosIgnored are menus the importer recognises and whose entries carry no
// fact the rules use.
var rosIgnored = []string{
	"/interface bridge", "/interface bridge port", "/interface bridge settings", "/interface bridge vlan", "/interface ethernet",
	"/interface ethernet switch", "/interface list", "/interface list member", "/interface detect-internet",
	"/interface pppoe-client", "/interface vlan", "/interface wireguard", "/interface wireguard peers", "/interface l2tp-client",
	"/interface sstp-client", "/interface ovpn-client", "/interface gre", "/interface eoip", "/interface lte", "/interface lte apn",
	"/ip address", "/ip pool", "/ip dhcp-server", "/ip dhcp-server lease", "/ip dhcp-server option", "/ip dhcp-client",
	"/ip firewall address-list", "/ip firewall mangle", "/ip firewall raw", "/ip firewall connection tracking",
	"/ip firewall service-port", "/ip neighbor discovery-settings", "/ip settings", "/ip cloud", "/ip hotspot", "/ip arp",
	"/ip dns static", "/ip traffic-flow", "/ip ipsec profile", "/ip ipsec peer", "/ip ipsec proposal", "/ip ipsec policy",
	"/ip upnp interfaces", "/ip smb shares", "/ip smb users", "/ipv6 address", "/ipv6 firewall filter", "/ipv6 firewall address-list",
	"/ipv6 nd", "/ipv6 settings", "/ipv6 dhcp-client", "/system clock", "/system routerboard settings", "/system note",
	"/system logging", "/system ntp server", "/system package update", "/system script", "/system watchdog", "/system leds",
	"/tool mac-server", "/tool mac-server mac-winbox", "/tool mac-server ping", "/tool bandwidth-server", "/tool romon",
	"/tool graphing", "/tool netwatch", "/tool sniffer", "/tool e-mail", "/ppp profile", "/ppp aaa", "/queue simple", "/queue tree",
	"/queue type", "/routing ospf instance", "/routing ospf area", "/routing ospf interface-template", "/routing bgp connection",
	"/routing filter rule", "/routing table", "/certificate", "/certificate settings", "/user group", "/user aaa", "/user settings", "/disk",
	"/interface wifi configuration", "/interface wifi datapath", "/interface wifi channel", "/interface wifi steering",
	"/interface wifi provisioning", "/interface wifi capsman", "/interface wireless cap", "/caps-man manager", "/snmp community",
	"/radius", "/port", "/lcd", "/partitions", "/interface ethernet poe", "/ip socks users", "/ip socks access", "/ip proxy access",
}

// ImportRouterOS reads a MikroTik RouterOS `/export` (v6 and v7 forms,
// `\` continuation lines, one-line `/path add …` commands). The export
// lists only settings that differ from the defaults, so the importer
// starts from RouterOS's defaults (telnet, ftp, www, api, winbox on; UPnP,
// SOCKS, proxy, SMB and SNMP off; strong-crypto off).
func ImportRouterOS(file File) (Facts, error) {
	var f Facts
	f.Vendor = VendorMikroTik
	p := newParser(file.Name, &f)
	r := &routeros{p: p, f: &f}
	r.run(splitLines(p, file.Data))
	p.finish()
	return f, nil
}

type rosService struct {
	name     string
	port     int
	on       bool
	address  string
	loc      *netdevsec.Location
	cleartxt bool
}

type rosWifi struct {
	w       Wireless
	profile string
	sec     string
}

type rosProfile struct {
	mode, auth, unicast string
	psk                 string
	wps                 *bool
	loc                 *netdevsec.Location
}

type routeros struct {
	p       *parser
	f       *Facts
	path    string
	skip    bool // inside an unknown menu
	svcs    []rosService
	remote  map[string]string // logging action name -> remote host
	remoteL []string
	useRem  map[string]bool
	ntp     []string
	ntpOn   bool
	strong  *bool
	sshLoc  *netdevsec.Location
	dropWAN bool
	wanPort map[string]bool // ports accepted from the WAN on input
	allowRR bool
	// dnsBlocked: a WAN input rule drops port 53.
	dnsBlocked bool
	dnsLoc     *netdevsec.Location
	wifi       []rosWifi
	prof       map[string]*rosProfile
	smb        *Share
	smbAll     bool
	snmpOn     bool
	snmpSet    bool
	comm       bool // default community changed
	autoUp     bool
}

func (r *routeros) run(lines []line) {
	r.svcs = []rosService{
		{name: "telnet", port: 23, on: true, cleartxt: true}, {name: "ftp", port: 21, on: true, cleartxt: true},
		{name: "www", port: 80, on: true, cleartxt: true}, {name: "ssh", port: 22, on: true},
		{name: "www-ssl", port: 443}, {name: "api", port: 8728, on: true, cleartxt: true},
		{name: "winbox", port: 8291, on: true}, {name: "api-ssl", port: 8729, on: true},
	}
	r.remote, r.useRem, r.wanPort = map[string]string{}, map[string]bool{}, map[string]bool{}
	r.prof = map[string]*rosProfile{"default": {mode: "none"}}
	// Join continuation lines.
	var joined []line
	cont := false
	for _, l := range lines {
		t := l.text
		if cont && len(joined) > 0 {
			joined[len(joined)-1].text += strings.TrimLeft(t, " \t")
		} else {
			joined = append(joined, l)
		}
		cont = strings.HasSuffix(t, "\\")
		if cont {
			last := &joined[len(joined)-1]
			last.text = strings.TrimSuffix(last.text, "\\")
		}
	}
	for _, l := range joined {
		r.line(l)
	}
	r.finish()
}

func (r *routeros) line(l line) {
	t := strings.TrimSpace(l.text)
	switch {
	case t == "":
		return
	case strings.HasPrefix(t, "#"):
		if m := rosHeader.FindStringSubmatch(t); m != nil {
			r.f.Firmware.Version = m[1]
			r.f.Firmware.Location = r.p.loc(l.n)
		}
		if m := rosModel.FindStringSubmatch(t); m != nil {
			r.f.Model = m[1]
		}
		return
	case strings.HasPrefix(t, "/"):
		toks := rosTokens(t)
		i := slices.IndexFunc(toks, func(s string) bool { return slices.Contains(rosVerbs, s) })
		if i < 0 {
			i = len(toks)
		}
		path := strings.Join(toks[:i], " ")
		r.path = path
		r.skip = !r.knownPath(path)
		if r.skip {
			r.p.unparsedReason(l.n, path, "menu not interpreted")
			return
		}
		if i < len(toks) {
			r.command(l.n, toks[i:])
		}
		return
	}
	if r.skip {
		return
	}
	if r.path == "" {
		r.p.unparsedReason(l.n, t, "command outside a menu")
		return
	}
	r.command(l.n, rosTokens(t))
}

func (r *routeros) knownPath(p string) bool {
	switch p {
	case "/ip service", "/ip ssh", "/ip dns", "/ip dhcp-server network", "/ip firewall nat", "/ip firewall filter", "/ip upnp",
		"/ip socks", "/ip proxy", "/system scheduler", "/ip route", "/interface wireless", "/interface wireless security-profiles",
		"/interface wifi", "/interface wifi security", "/ip smb", "/ip media", "/snmp", "/snmp community", "/user",
		"/system logging action", "/system ntp client", "/system ntp client servers", "/system identity", "/ppp secret",
		"/ip ipsec identity", "/ip ipsec peer":
		return true
	}
	return slices.Contains(rosIgnored, p)
}

// rosTokens splits a RouterOS command into words: key=value pairs with
// quoted values ("a b", escapes), bare words, and [ find … ] selectors as
// one word.
func rosTokens(s string) []string {
	var out []string
	var b strings.Builder
	depth, quoted, esc := 0, false, false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, c := range s {
		switch {
		case esc:
			b.WriteRune(c)
			esc = false
		case c == '\\' && quoted:
			esc = true
		case c == '"':
			quoted = !quoted
		case quoted:
			b.WriteRune(c)
		case c == '[':
			depth++
			b.WriteRune(c)
		case c == ']' && depth > 0:
			depth--
			b.WriteRune(c)
		case (c == ' ' || c == '\t') && depth == 0:
			flush()
		default:
			b.WriteRune(c)
		}
	}
	flush()
	return out
}

// rosArgs returns the key=value arguments and the bare words of a command
// (without the verb).
func rosArgs(toks []string) (map[string]string, []string) {
	kv := map[string]string{}
	var bare []string
	prefix := ""
	for _, t := range toks {
		if k, v, ok := strings.Cut(t, "="); ok && !strings.HasPrefix(t, "[") {
			// v7 abbreviates "security.a=1 security.b=2" to
			// "security.a=1 .b=2".
			if strings.HasPrefix(k, ".") {
				k = prefix + k
			} else if i := strings.IndexByte(k, '.'); i > 0 {
				prefix = k[:i]
			}
			kv[k] = v
		} else {
			bare = append(bare, t)
		}
	}
	return kv, bare
}

// rosSelector returns the item a "set" names: a bare name, or the value
// of name=/default-name= inside [ find … ].
func rosSelector(bare []string) string {
	for _, b := range bare {
		if strings.HasPrefix(b, "[") {
			in := strings.Trim(b, "[] ")
			for _, w := range strings.Fields(in) {
				if k, v, ok := strings.Cut(w, "="); ok {
					if k == "default" && v == "yes" {
						return "default"
					}
					if k == "name" || k == "default-name" {
						return strings.Trim(v, "\"")
					}
				}
			}
			continue
		}
		return b
	}
	return ""
}

func yes(v string) bool { return v == "yes" || v == "true" }

func (r *routeros) command(n int, toks []string) {
	if len(toks) == 0 {
		r.p.unparsedReason(n, "", "empty command")
		return
	}
	verb := toks[0]
	kv, bare := rosArgs(toks[1:])
	bare = slices.DeleteFunc(bare, func(s string) bool { return s == "" })
	loc := r.p.loc(n)
	if verb != "add" && verb != "set" {
		if verb == "remove" || verb == "enable" || verb == "disable" || verb == "unset" {
			return
		}
		r.p.unparsed(n, strings.Join(toks, " "))
		return
	}
	if yes(kv["disabled"]) && verb == "add" && r.path != "/interface wireless" && r.path != "/interface wifi" {
		return
	}
	switch r.path {
	case "/ip service":
		name := rosSelector(bare)
		i := slices.IndexFunc(r.svcs, func(s rosService) bool { return s.name == name })
		if i < 0 {
			r.p.unparsed(n, strings.Join(toks, " "))
			return
		}
		s := &r.svcs[i]
		if v, ok := kv["disabled"]; ok {
			s.on = !yes(v)
		}
		if v, ok := kv["address"]; ok {
			s.address = v
		}
		if v, ok := kv["port"]; ok {
			s.port, _ = strconv.Atoi(v)
		}
		s.loc = loc
	case "/ip ssh":
		if v, ok := kv["strong-crypto"]; ok {
			r.strong, r.sshLoc = ptr(yes(v)), loc
		}
	case "/ip dns":
		if v, ok := kv["servers"]; ok && v != "" {
			r.f.DNS.Servers = append(r.f.DNS.Servers, strings.Split(v, ",")...)
			r.dnsLoc = loc
		}
		if v, ok := kv["allow-remote-requests"]; ok {
			r.allowRR = yes(v)
			if r.dnsLoc == nil {
				r.dnsLoc = loc
			}
		}
	case "/ip dhcp-server network":
		if v := kv["dns-server"]; v != "" {
			r.f.DNS.DHCPServers = append(r.f.DNS.DHCPServers, strings.Split(v, ",")...)
		}
	case "/ip firewall nat":
		if kv["action"] == "dst-nat" || kv["action"] == "netmap" {
			fw := Forward{Protocol: kv["protocol"], Port: kv["dst-port"], To: kv["to-addresses"], Location: loc}
			if fw.Protocol == "" {
				fw.Protocol = "any"
			}
			if p := kv["to-ports"]; p != "" {
				fw.To += ":" + p
			}
			r.f.Forwards = append(r.f.Forwards, fw)
		}
	case "/ip firewall filter":
		if kv["chain"] != "input" {
			return
		}
		fromWAN := kv["in-interface-list"] == "WAN" || kv["in-interface-list"] == "!LAN" || strings.HasPrefix(kv["in-interface"], "ether1") || strings.HasPrefix(kv["in-interface"], "pppoe")
		switch kv["action"] {
		case "drop", "reject":
			switch {
			case fromWAN && kv["dst-port"] == "" && kv["protocol"] == "":
				r.dropWAN = true
			case fromWAN && slices.Contains(strings.Split(kv["dst-port"], ","), "53"):
				r.dnsBlocked = true
			}
		case "accept":
			if !r.dropWAN && kv["dst-port"] != "" && (fromWAN || kv["in-interface-list"] == "" && kv["in-interface"] == "" && kv["src-address"] == "" && kv["src-address-list"] == "") {
				for _, p := range strings.Split(kv["dst-port"], ",") {
					r.wanPort[p] = true
				}
			}
		}
	case "/ip upnp":
		if v, ok := kv["enabled"]; ok {
			r.f.UPnP = ptr(yes(v))
		}
	case "/ip socks", "/ip proxy":
		if yes(kv["enabled"]) {
			kind := "socks"
			port := 1080
			if r.path == "/ip proxy" {
				kind, port = "http", 8080
			}
			if v, err := strconv.Atoi(kv["port"]); err == nil {
				port = v
			}
			r.f.Proxies = append(r.f.Proxies, Proxy{Kind: kind, Port: port, Location: loc})
		}
	case "/system scheduler":
		ev := kv["on-event"]
		if strings.Contains(ev, "/system package update install") || strings.Contains(ev, "package update install") {
			r.autoUp = true
			r.f.Firmware.Location = loc
		}
		r.f.Scripts = append(r.f.Scripts, Script{Name: kv["name"], Schedule: strings.TrimSpace(kv["start-time"] + " " + kv["interval"]), Command: SafeWords(ev), Location: loc})
	case "/ip route":
		dst := kv["dst-address"]
		if dst == "" {
			dst = "0.0.0.0/0"
		}
		r.f.Routes = append(r.f.Routes, Route{Prefix: dst, Gateway: kv["gateway"], Location: loc})
	case "/interface wireless security-profiles":
		name := kv["name"]
		if verb == "set" {
			name = rosSelector(bare)
		}
		pr := r.prof[name]
		if pr == nil {
			pr = &rosProfile{mode: "none"}
			r.prof[name] = pr
		}
		if v, ok := kv["mode"]; ok {
			pr.mode = v
		}
		if v, ok := kv["authentication-types"]; ok {
			pr.auth = v
		}
		if v, ok := kv["unicast-ciphers"]; ok {
			pr.unicast = v
		}
		for _, k := range []string{"wpa2-pre-shared-key", "wpa-pre-shared-key"} {
			if v := kv[k]; v != "" {
				pr.psk = v
				r.p.addCredential(n, password.Credential{Name: "wireless " + name + " " + k, Kind: password.KindWiFiPSK, Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext})
			}
		}
		pr.loc = loc
	case "/interface wifi security":
		name := kv["name"]
		if verb == "set" {
			name = rosSelector(bare)
		}
		pr := r.prof[name]
		if pr == nil {
			pr = &rosProfile{}
			r.prof[name] = pr
		}
		r.v7security(n, pr, kv, "")
	case "/interface wireless", "/interface wifi":
		r.wireless(n, verb, kv, bare)
	case "/ip smb":
		if v, ok := kv["enabled"]; ok {
			r.smb = &Share{Kind: "smb", Enabled: ptr(yes(v)), Location: loc}
			r.smbAll = kv["interfaces"] == "" || kv["interfaces"] == "all" || strings.Contains(kv["interfaces"], "bridge") || strings.Contains(kv["interfaces"], "wlan")
		}
	case "/ip media":
		if yes(kv["enabled"]) {
			r.f.Shares = append(r.f.Shares, Share{Kind: "dlna", Enabled: ptr(true), OnWireless: ptr(true), Location: loc})
		}
	case "/snmp":
		if v, ok := kv["enabled"]; ok {
			r.snmpOn, r.snmpSet = yes(v), true
		}
	case "/snmp community":
		name, acl := kv["name"], kv["addresses"]
		if verb == "set" && rosSelector(bare) == "default" {
			r.comm = true
		}
		if name == "" {
			if verb == "set" {
				name = "public"
			} else {
				return
			}
		}
		if acl == "0.0.0.0/0" || acl == "::/0" {
			acl = ""
		}
		r.p.addCommunity(n, name, yes(kv["write-access"]), acl, "1", "2c")
		if sec := kv["security"]; sec != "" {
			lvl := map[string]string{"none": "noauth", "authorized": "auth", "private": "priv"}[sec]
			if lvl != "" && sec != "none" {
				r.f.SNMP.Users = append(r.f.SNMP.Users, SNMPUser{Name: "community #" + strconv.Itoa(len(r.f.SNMP.Communities)), Level: lvl, Location: loc})
			}
		}
	case "/user":
		name := kv["name"]
		if verb == "set" {
			name = rosSelector(bare)
		}
		a := Account{Name: name, Admin: ptr(kv["group"] == "full"), Location: loc}
		if v, ok := kv["password"]; ok {
			a.PasswordSet = ptr(v != "")
			a.Storage = password.StoragePlaintext
			r.p.addCredential(n, password.Credential{Name: "user " + name, Kind: password.KindLogin, User: name, Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext, Empty: v == ""})
		}
		r.f.Accounts = append(r.f.Accounts, a)
	case "/system logging action":
		name := kv["name"]
		if verb == "set" {
			name = rosSelector(bare)
		}
		if kv["target"] == "remote" || kv["remote"] != "" {
			r.remote[name] = kv["remote"]
			r.remoteL = append(r.remoteL, name)
		}
	case "/system ntp client":
		if v, ok := kv["enabled"]; ok {
			r.ntpOn = yes(v)
		}
		for _, k := range []string{"primary-ntp", "secondary-ntp", "server-dns-names", "servers"} {
			for _, s := range strings.Split(kv[k], ",") {
				if s != "" && s != "0.0.0.0" {
					r.ntp = append(r.ntp, s)
				}
			}
		}
	case "/system ntp client servers":
		if a := kv["address"]; a != "" {
			r.ntp = append(r.ntp, a)
		}
	case "/system identity":
		r.f.Hostname = kv["name"]
	case "/ppp secret":
		if v := kv["password"]; v != "" {
			r.p.addCredential(n, password.Credential{Name: "ppp secret " + kv["name"], Kind: password.KindOther, User: kv["name"], Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext})
		}
	case "/ip ipsec identity", "/ip ipsec peer":
		if v := kv["secret"]; v != "" {
			r.p.addCredential(n, password.Credential{Name: "ipsec secret", Kind: password.KindOther, Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext})
		}
	}
}

func (r *routeros) v7security(n int, pr *rosProfile, kv map[string]string, prefix string) {
	if v, ok := kv[prefix+"authentication-types"]; ok {
		pr.auth, pr.mode = v, "dynamic-keys"
	}
	if v, ok := kv[prefix+"wps"]; ok {
		pr.wps = ptr(v != "disable")
	}
	if v := kv[prefix+"passphrase"]; v != "" {
		pr.psk = v
		r.p.addCredential(n, password.Credential{Name: "wifi passphrase", Kind: password.KindWiFiPSK, Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext})
	}
	if v, ok := kv[prefix+"encryption"]; ok {
		pr.unicast = v
	}
	pr.loc = r.p.loc(n)
}

func (r *routeros) wireless(n int, verb string, kv map[string]string, bare []string) {
	name := kv["name"]
	if verb == "set" {
		name = rosSelector(bare)
	}
	w := rosWifi{w: Wireless{Name: name, SSID: kv["ssid"], Location: r.p.loc(n)}, profile: kv["security-profile"], sec: kv["security"]}
	if v, ok := kv["configuration.ssid"]; ok {
		w.w.SSID = v
	}
	if w.profile == "" && r.path == "/interface wireless" {
		w.profile = "default"
	}
	// RouterOS lists wireless interfaces as disabled unless enabled.
	w.w.Enabled = ptr(kv["disabled"] == "no")
	if v, ok := kv["wps-mode"]; ok {
		w.w.WPS = ptr(v != "disabled")
	}
	if v, ok := kv["default-forwarding"]; ok {
		w.w.Isolation = ptr(!yes(v))
	}
	if v, ok := kv["datapath.client-isolation"]; ok {
		w.w.Isolation = ptr(yes(v))
	}
	if r.path == "/interface wifi" {
		if _, ok := kv["security.authentication-types"]; ok || kv["security.passphrase"] != "" {
			pr := &rosProfile{}
			r.v7security(n, pr, kv, "security.")
			key := "inline:" + name
			r.prof[key] = pr
			w.sec = key
		}
	}
	lname := strings.ToLower(name + " " + w.w.SSID)
	w.w.Guest = strings.Contains(lname, "guest") || strings.Contains(lname, "ゲスト")
	r.wifi = append(r.wifi, w)
}

func (r *routeros) finish() {
	f := r.f
	wanOpen := !r.dropWAN
	for _, s := range r.svcs {
		svc := Service{Protocol: rosProtocol(s.name), Port: s.port, Enabled: ptr(s.on), ACL: s.address, Location: s.loc}
		switch {
		case wanOpen || r.wanPort[strconv.Itoa(s.port)]:
			svc.Exposure = ExposureAny
		default:
			svc.Exposure = ExposureLAN
		}
		f.Services = append(f.Services, svc)
	}
	f.SSH = &SSH{Source: "config", Legacy: ptr(r.strong == nil || !*r.strong), Location: r.sshLoc}
	f.DNS.OpenResolver = ptr(r.allowRR && wanOpen && !r.dnsBlocked)
	f.DNS.Location = r.dnsLoc
	if f.UPnP == nil {
		f.UPnP = ptr(false)
	}
	for _, w := range r.wifi {
		key := w.profile
		if w.sec != "" {
			key = w.sec
		}
		pr := r.prof[key]
		if pr != nil {
			w.w.Security, w.w.TKIP = rosSecurity(pr)
			w.w.PSK = netdevsec.NewSecret(pr.psk)
			if w.w.WPS == nil {
				w.w.WPS = pr.wps
			}
		} else if r.path != "" {
			w.w.Security = SecurityUnknown
		}
		if !w.w.Guest {
			w.w.Isolation = nil
		}
		f.Wireless = append(f.Wireless, w.w)
	}
	if r.smb != nil {
		r.smb.OnWireless = ptr(r.smbAll && len(f.Wireless) > 0)
		f.Shares = append(f.Shares, *r.smb)
	}
	f.SNMP.Enabled = ptr(r.snmpOn)
	if r.snmpOn && !r.comm {
		// The factory community "public", read-only, from anywhere.
		r.p.addCommunity(0, "public", false, "", "1", "2c")
		f.SNMP.Communities[len(f.SNMP.Communities)-1].Location = nil
		f.Credentials[len(f.Credentials)-1].Location = nil
	}
	if !r.snmpOn {
		f.SNMP.Communities = nil
	}
	var remote []logging.Destination
	for _, name := range r.remoteL {
		if h := r.remote[name]; h != "" {
			remote = append(remote, logging.Destination{Host: h, Transport: logging.TransportUDP})
		}
	}
	ntp := r.ntp
	if !r.ntpOn {
		ntp = nil
	}
	f.Logging = logging.Facts{Enabled: ptr(true), NTPServers: ntp, NTPKnown: true, Remote: remote, RemoteKnown: true}
	f.Firmware.AutoUpdateAvailable = ptr(true)
	f.Firmware.AutoUpdate = ptr(r.autoUp)
	f.MarkKnown(SectionServices, SectionDNS, SectionDHCPDNS, SectionForwards, SectionProxies, SectionScripts,
		SectionRoutes, SectionWireless, SectionShares, SectionSNMP)
}

func rosProtocol(name string) string {
	switch name {
	case "www":
		return "http"
	case "www-ssl":
		return "https"
	}
	return name
}

func rosSecurity(pr *rosProfile) (Security, *bool) {
	if pr.mode == "none" || pr.mode == "" && pr.auth == "" {
		return SecurityOpen, ptr(false)
	}
	if strings.HasPrefix(pr.mode, "static-keys") {
		return SecurityWEP, ptr(false)
	}
	tkip := ptr(strings.Contains(pr.unicast, "tkip"))
	auth := pr.auth
	switch {
	case strings.Contains(auth, "eap"):
		return SecurityEAP, tkip
	case strings.Contains(auth, "wpa3"):
		return SecurityWPA3, tkip
	case strings.Contains(auth, "wpa2"):
		if strings.Contains(strings.ReplaceAll(auth, "wpa2", ""), "wpa-psk") {
			return SecurityWPA2, ptr(true)
		}
		return SecurityWPA2, tkip
	case strings.Contains(auth, "wpa-psk"):
		return SecurityWPA, ptr(true)
	}
	return SecurityUnknown, tkip
}
