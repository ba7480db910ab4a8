package router

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/netdevsec/netdevsec"
	"github.com/netdevsec/netdevsec/logging"
	"github.com/netdevsec/netdevsec/password"
)

// Limits of [ReadOpenWrtBackup].
const (
	// MaxBackupSize bounds the decompressed bytes read from a backup.
	MaxBackupSize = 32 << 20
	// MaxBackupEntries bounds the archive entries looked at.
	MaxBackupEntries = 10000
)

// uciSection is one "config TYPE 'name'" block.
type uciSection struct {
	file, typ, name string
	n               int
	opts            map[string]string
	lists           map[string][]string
	lines           map[string]int
}

func (s *uciSection) opt(k string) string { return s.opts[k] }
func (s *uciSection) on(k string, def bool) bool {
	v, ok := s.opts[k]
	if !ok {
		return def
	}
	switch strings.ToLower(v) {
	case "1", "on", "yes", "true", "enabled":
		return true
	}
	return false
}

// uciTokens splits a UCI line into words, honouring single and double
// quotes and backslash escapes. It reports false on an unterminated quote.
func uciTokens(s string) ([]string, bool) {
	var out []string
	var b strings.Builder
	in := false
	var q rune
	quoted, esc := false, false
	for _, c := range s {
		switch {
		case esc:
			b.WriteRune(c)
			esc = false
			in = true
		case q != 0:
			if c == q {
				q = 0
			} else if c == '\\' && q == '"' {
				esc = true
			} else {
				b.WriteRune(c)
			}
		case c == '#':
			if !in {
				goto done
			}
			b.WriteRune(c)
		case c == '\'' || c == '"':
			q, in, quoted = c, true, true
		case c == '\\':
			esc = true
		case c == ' ' || c == '\t':
			if in {
				out = append(out, b.String())
				b.Reset()
				in, quoted = false, false
			}
		default:
			b.WriteRune(c)
			in = true
		}
	}
done:
	if q != 0 {
		return nil, false
	}
	if in || quoted {
		out = append(out, b.String())
	}
	return out, true
}

// uciKnown lists the section types and options the importer interprets or
// knowingly ignores, per config file; anything else is reported unparsed.
var uciKnown = map[string]map[string][]string{
	"wireless": {
		"wifi-device": {"type", "path", "channel", "band", "htmode", "hwmode", "disabled", "country", "cell_density", "txpower", "legacy_rates", "noscan", "macaddr"},
		"wifi-iface":  {"device", "network", "mode", "ssid", "encryption", "key", "key1", "key2", "key3", "key4", "wps_pushbutton", "wps_label", "wps_pin", "isolate", "disabled", "hidden", "ieee80211r", "ieee80211w", "macaddr", "ifname", "server", "port", "auth_server", "auth_secret", "sae_password", "ocv", "wpa_disable_eapol_key_retries", "macfilter", "maclist"},
	},
	"firewall": {
		"defaults":   {"syn_flood", "input", "output", "forward", "drop_invalid", "disable_ipv6", "flow_offloading", "flow_offloading_hw", "synflood_protect"},
		"zone":       {"name", "network", "input", "output", "forward", "masq", "mtu_fix", "family", "device", "subnet"},
		"forwarding": {"src", "dest", "family"},
		"rule":       {"name", "src", "dest", "proto", "dest_port", "src_port", "target", "family", "icmp_type", "src_ip", "dest_ip", "enabled", "limit", "mark", "extra"},
		"redirect":   {"name", "src", "dest", "proto", "src_dport", "dest_ip", "dest_port", "target", "enabled", "src_ip", "reflection", "family"},
		"include":    {"path", "type", "reload", "fw4_compatible"},
		"ipset":      {"name", "match", "storage", "family", "entry", "loadfile"},
	},
	"network": {
		"interface":   {"proto", "ipaddr", "netmask", "ip6assign", "device", "ifname", "type", "dns", "peerdns", "username", "password", "gateway", "broadcast", "metric", "auto", "ipv6", "reqaddress", "reqprefix", "ip6addr", "ip6gw", "delegate", "force_link", "macaddr", "mtu", "ula_prefix", "defaultroute", "keepalive", "service", "apn", "pincode", "private_key", "listen_port", "addresses", "ip4table", "ip6table"},
		"globals":     {"ula_prefix", "packet_steering"},
		"device":      {"name", "type", "ports", "macaddr", "mtu", "ipv6", "vid", "ifname"},
		"switch":      {"name", "reset", "enable_vlan"},
		"switch_vlan": {"device", "vlan", "ports", "vid"},
		"bridge-vlan": {"device", "vlan", "ports"},
		"route":       {"interface", "target", "netmask", "gateway", "metric", "table", "type"},
		"route6":      {"interface", "target", "gateway", "metric"},
		"rule":        {"src", "dest", "lookup", "priority", "in", "out"},
	},
	"dhcp": {
		"dnsmasq": {"domainneeded", "boguspriv", "filterwin2k", "localise_queries", "rebind_protection", "rebind_localhost", "local", "domain", "expandhosts", "nonegcache", "cachesize", "authoritative", "readethers", "leasefile", "resolvfile", "nonwildcard", "localservice", "ednspacket_max", "server", "noresolv", "filter_aaaa", "filter_a", "rebind_domain", "confdir", "interface", "notinterface", "port", "logqueries", "sequential_ip"},
		"dhcp":    {"interface", "start", "limit", "leasetime", "dhcpv4", "dhcpv6", "ra", "ra_flags", "ignore", "dhcp_option", "force", "netmask", "ra_slaac", "ndp", "master", "dns"},
		"odhcpd":  {"maindhcp", "leasefile", "leasetrigger", "loglevel", "piofolder"},
		"host":    {"name", "mac", "ip", "dns", "leasetime"},
		"domain":  {"name", "ip"},
	},
	"dropbear": {"dropbear": {"PasswordAuth", "RootPasswordAuth", "Port", "Interface", "GatewayPorts", "RootLogin", "BannerFile", "enable", "keyfile", "rsakeyfile", "MaxAuthTries", "IdleTimeout", "DirectInterface", "SSHKeepAlive", "mdns"}},
	"uhttpd": {
		"uhttpd": {"listen_http", "listen_https", "home", "rfc1918_filter", "max_requests", "max_connections", "cert", "key", "cgi_prefix", "lua_prefix", "ucode_prefix", "script_timeout", "network_timeout", "http_keepalive", "tcp_keepalive", "ubus_prefix", "redirect_https", "no_ubusauth", "realm", "index_page", "error_page", "no_symlinks", "no_dirlists", "config"},
		"cert":   {"days", "key_type", "bits", "ec_curve", "country", "state", "location", "commonname", "organization"},
	},
	"system": {
		"system":     {"hostname", "timezone", "zonename", "ttylogin", "log_size", "urandom_seed", "log_ip", "log_port", "log_proto", "log_file", "log_remote", "conloglevel", "cronloglevel", "log_buffer_size", "compat_version", "description", "notes"},
		"timeserver": {"enabled", "enable_server", "server", "interface", "use_dhcp"},
		"led":        {"name", "sysfs", "trigger", "dev", "mode", "default", "port_mask"},
	},
	"upnpd":              {"upnpd": {"enabled", "enable_natpmp", "enable_upnp", "secure_mode", "log_output", "download", "upload", "internal_iface", "port", "upnp_lease_file", "external_iface", "igdv1"}, "perm_rule": {"action", "ext_ports", "int_addr", "int_ports", "comment"}},
	"ksmbd":              {"globals": {"workgroup", "description", "interface", "allow_legacy_protocols"}, "share": {"name", "path", "read_only", "guest_ok", "create_mask", "dir_mask", "browseable", "force_root", "users", "inherit_owner", "hide_dot_files"}},
	"samba4":             {"samba": {"workgroup", "description", "interface", "charset", "homes", "disable_netbios", "disable_ad_dc", "disable_winbind", "macos", "allow_legacy_protocols"}, "sambashare": {"name", "path", "read_only", "guest_ok", "create_mask", "dir_mask", "browseable", "force_root", "users", "inherit_owner"}},
	"minidlna":           {"minidlna": {"enabled", "port", "interface", "friendly_name", "db_dir", "log_dir", "inotify", "enable_tivo", "wide_links", "strict_dlna", "presentation_url", "notify_interval", "serial", "model_number", "root_container", "media_dir", "album_art_names"}},
	"snmpd":              {"agent": {"agentaddress"}, "com2sec": {"secname", "source", "community"}, "com2sec6": {"secname", "source", "community"}, "group": {"group", "version", "secname"}, "access": {"group", "context", "version", "level", "prefix", "read", "write", "notify"}, "view": {"viewname", "type", "oid"}, "system": {"sysLocation", "sysContact", "sysName"}, "general": {"enabled"}, "exec": {"name", "prog", "args"}, "engineid": {"engineid", "engineidtype", "engineidnic"}, "v1trapsink": {"host"}, "trapsink": {"host"}},
	"mini_snmpd":         {"mini_snmpd": {"enabled", "ipv6", "community", "contact", "location", "listen_interface", "udp_port", "tcp_port", "vendor_oid", "mib_timeout", "auth", "disks", "interfaces"}},
	"tinyproxy":          {"tinyproxy": {"enabled", "Port", "Listen", "Allow", "User", "Group", "Timeout", "MaxClients", "ViaProxyName", "DefaultErrorFile", "StatFile", "LogLevel", "ConnectPort", "Filter", "ErrorFile", "StatHost", "Bind"}},
	"srelay":             {"srelay": {"enabled", "port", "interface"}},
	"attendedsysupgrade": {"server": {"url"}, "client": {"upgrade_packages", "auto_search", "advanced_mode"}, "owut": {"auto_upgrade"}},
}

// ImportOpenWrt reads OpenWrt UCI files (wireless, firewall, network,
// dhcp, dropbear, uhttpd, system, and upnpd, ksmbd, samba4, minidlna,
// snmpd, tinyproxy when present), named by their base name, an optional
// etc/shadow for the root password's presence and storage, and an
// optional root crontab (etc/crontabs/root, or a file named "crontab")
// whose jobs are the scheduled scripts; without it scripts are unknown.
func ImportOpenWrt(files []File) (Facts, error) {
	var f Facts
	f.Vendor = VendorOpenWrt
	o := &openwrt{f: &f, byType: map[string][]*uciSection{}}
	for _, file := range files {
		base := path.Base(strings.ReplaceAll(file.Name, "\\", "/"))
		p := newParser(file.Name, &f)
		if base == "shadow" {
			o.shadow(p, file)
			p.finish()
			continue
		}
		if base == "crontab" || strings.HasSuffix(strings.ReplaceAll(file.Name, "\\", "/"), "crontabs/root") {
			o.crontab(p, file)
			p.finish()
			continue
		}
		if _, ok := uciKnown[base]; !ok {
			p.unparsedReason(0, base, "config file not interpreted")
			continue
		}
		o.parse(p, base, file)
		p.finish()
		o.parsers = append(o.parsers, p)
	}
	o.interpret()
	return f, nil
}

type openwrt struct {
	f       *Facts
	byType  map[string][]*uciSection // "file/type"
	parsers []*parser
	shadowN int
	shadowP *parser
	rootPw  *bool
	rootSt  password.Storage
	cron    bool
}

func (o *openwrt) parse(p *parser, base string, file File) {
	var cur *uciSection
	known := uciKnown[base]
	for _, l := range splitLines(p, file.Data) {
		t := strings.TrimSpace(l.text)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		w, ok := uciTokens(t)
		if !ok || len(w) == 0 {
			p.unparsedReason(l.n, t, "unterminated quote")
			continue
		}
		switch w[0] {
		case "package":
			continue
		case "config":
			if len(w) < 2 || len(w) > 3 {
				p.unparsedReason(l.n, t, "config needs a type and an optional name")
				cur = nil
				continue
			}
			cur = &uciSection{file: file.Name, typ: w[1], n: l.n, opts: map[string]string{}, lists: map[string][]string{}, lines: map[string]int{}}
			if len(w) == 3 {
				cur.name = w[2]
			}
			if _, ok := known[w[1]]; !ok {
				p.unparsedReason(l.n, t, "section type not interpreted")
			}
			o.byType[base+"/"+w[1]] = append(o.byType[base+"/"+w[1]], cur)
			continue
		case "option", "list":
			if cur == nil || len(w) < 2 || len(w) > 3 {
				p.unparsedReason(l.n, t, "option outside a section or malformed")
				continue
			}
			v := ""
			if len(w) == 3 {
				v = w[2]
			}
			if w[0] == "option" {
				cur.opts[w[1]] = v
			} else {
				cur.lists[w[1]] = append(cur.lists[w[1]], v)
			}
			cur.lines[w[1]] = l.n
			if opts, ok := known[cur.typ]; ok && !slices.Contains(opts, w[1]) {
				p.unparsedReason(l.n, t, "option not interpreted")
			}
			o.secretOption(p, base, cur, w[1], v, l.n)
			continue
		}
		p.unparsed(l.n, t)
	}
}

// secretOption records credentials kept in UCI options.
func (o *openwrt) secretOption(p *parser, base string, s *uciSection, k, v string, n int) {
	if v == "" {
		return
	}
	switch {
	case base == "wireless" && s.typ == "wifi-iface" && (k == "key" || k == "sae_password") && !strings.HasPrefix(s.opts["encryption"], "wep"):
		p.addCredential(n, password.Credential{Name: "wifi " + s.name + " key", Kind: password.KindWiFiPSK, Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext})
	case base == "network" && s.typ == "interface" && k == "password":
		p.addCredential(n, password.Credential{Name: "network " + s.name + " password", Kind: password.KindOther, User: s.opts["username"], Secret: netdevsec.NewSecret(v), Storage: password.StoragePlaintext})
	case base == "snmpd" && (s.typ == "com2sec" || s.typ == "com2sec6") && k == "community":
		// Recorded in interpret, where the access level is known.
	}
}

func (o *openwrt) sections(base, typ string) []*uciSection { return o.byType[base+"/"+typ] }

// shadow reads root's entry of /etc/shadow: whether it has a password
// and how it is hashed. The hash itself is kept as a secret.
func (o *openwrt) shadow(p *parser, file File) {
	for _, l := range splitLines(p, file.Data) {
		fields := strings.Split(l.text, ":")
		if len(fields) < 2 || fields[0] != "root" {
			continue
		}
		h := fields[1]
		o.shadowN, o.shadowP = l.n, p
		switch {
		case h == "":
			o.rootPw = ptr(false)
			p.addCredential(l.n, password.Credential{Name: "root", Kind: password.KindLogin, User: "root", Empty: true})
		case h == "!" || h == "*" || strings.HasPrefix(h, "!"):
			o.rootPw = ptr(true) // locked
			o.rootSt = password.StorageUnknown
		default:
			o.rootPw = ptr(true)
			o.rootSt = cryptStorage(h)
			p.addCredential(l.n, password.Credential{Name: "root", Kind: password.KindLogin, User: "root", Hash: netdevsec.NewSecret(h), Storage: o.rootSt})
		}
	}
}

// crontab reads root's crontab: every job is a scheduled script.
func (o *openwrt) crontab(p *parser, file File) {
	o.cron = true
	for _, l := range splitLines(p, file.Data) {
		t := strings.TrimSpace(l.text)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		w := strings.Fields(t)
		var sched, cmd string
		switch {
		case strings.HasPrefix(w[0], "@") && len(w) >= 2:
			sched, cmd = w[0], strings.Join(w[1:], " ")
		case len(w) >= 6:
			sched, cmd = strings.Join(w[:5], " "), strings.Join(w[5:], " ")
		default:
			p.unparsedReason(l.n, t, "not a crontab entry")
			continue
		}
		o.f.Scripts = append(o.f.Scripts, Script{Name: fmt.Sprintf("cron@%d", l.n), Schedule: sched, Command: SafeWords(cmd), Location: p.loc(l.n)})
	}
}

func cryptStorage(h string) password.Storage {
	switch {
	case strings.HasPrefix(h, "$1$"):
		return password.StorageWeakHash
	case strings.HasPrefix(h, "$5$"), strings.HasPrefix(h, "$6$"), strings.HasPrefix(h, "$y$"), strings.HasPrefix(h, "$2"), strings.HasPrefix(h, "$7$"):
		return password.StorageStrongHash
	case len(h) == 13:
		return password.StorageWeakHash // DES crypt
	}
	return password.StorageUnknown
}

func (o *openwrt) loc(s *uciSection, k string) *netdevsec.Location {
	n := s.n
	if ln, ok := s.lines[k]; ok {
		n = ln
	}
	return &netdevsec.Location{File: s.file, Line: n}
}

func (o *openwrt) interpret() {
	f := o.f
	have := func(base string) bool {
		for k := range o.byType {
			if strings.HasPrefix(k, base+"/") {
				return true
			}
		}
		return false
	}
	// Firewall: zones, WAN input policy, rules that open ports.
	wanNets := map[string]bool{}
	wanInput := "REJECT"
	wanZone := "wan"
	fw := have("firewall")
	for _, z := range o.sections("firewall", "zone") {
		if z.opt("name") == "wan" || slices.Contains(z.lists["network"], "wan") {
			wanZone = z.opt("name")
			if v := z.opt("input"); v != "" {
				wanInput = strings.ToUpper(v)
			}
			for _, n := range append(z.lists["network"], strings.Fields(z.opt("network"))...) {
				wanNets[n] = true
			}
		}
	}
	openPorts := map[string]bool{}
	for _, r := range o.sections("firewall", "rule") {
		if r.opt("src") == wanZone && r.opt("dest") == "" && strings.ToUpper(r.opt("target")) == "ACCEPT" && r.on("enabled", true) {
			for _, p := range strings.Fields(r.opt("dest_port")) {
				openPorts[p] = true
			}
		}
	}
	for _, r := range o.sections("firewall", "redirect") {
		if !r.on("enabled", true) || r.opt("src") != wanZone || (r.opt("target") != "" && strings.ToUpper(r.opt("target")) != "DNAT") {
			continue
		}
		to := r.opt("dest_ip")
		if p := r.opt("dest_port"); p != "" {
			to += ":" + p
		}
		proto := r.opt("proto")
		if proto == "" || proto == "tcp udp" || proto == "tcpudp" {
			proto = "any"
		}
		fwd := Forward{Protocol: proto, Port: r.opt("src_dport"), To: to, Location: o.loc(r, "src_dport")}
		if to == "" {
			// A redirect to the router itself is a WAN-open port.
			openPorts[r.opt("dest_port")] = true
			continue
		}
		f.Forwards = append(f.Forwards, fwd)
	}
	exposure := func(port int, iface string) Exposure {
		switch {
		case iface != "" && !wanNets[iface]:
			return ExposureLAN
		case iface != "" && wanNets[iface]:
			return ExposureWAN
		case !fw:
			return ExposureUnknown
		case wanInput == "ACCEPT":
			return ExposureAny
		case openPorts[strconv.Itoa(port)]:
			return ExposureWAN
		}
		return ExposureLAN
	}
	// Management services.
	for _, d := range o.sections("dropbear", "dropbear") {
		port, _ := strconv.Atoi(d.opt("Port"))
		if port == 0 {
			port = 22
		}
		f.Services = append(f.Services, Service{Protocol: "ssh", Port: port, Enabled: ptr(d.on("enable", true)), Exposure: exposure(port, d.opt("Interface")), Location: o.loc(d, "Interface")})
	}
	for _, u := range o.sections("uhttpd", "uhttpd") {
		for _, kind := range []string{"http", "https"} {
			for _, l := range u.lists["listen_"+kind] {
				port := 80
				if kind == "https" {
					port = 443
				}
				if i := strings.LastIndexByte(l, ':'); i >= 0 {
					port, _ = strconv.Atoi(l[i+1:])
				}
				host := l
				if i := strings.LastIndexByte(l, ':'); i >= 0 {
					host = strings.Trim(l[:i], "[]")
				}
				exp := exposure(port, "")
				if host != "0.0.0.0" && host != "::" && host != "" {
					exp = ExposureLAN
				}
				on := true
				if kind == "http" && u.on("redirect_https", false) {
					// Plain HTTP only redirects to HTTPS: no credentials
					// cross it.
					on = false
				}
				f.Services = append(f.Services, Service{Protocol: kind, Port: port, Enabled: ptr(on), Exposure: exp, Location: o.loc(u, "listen_"+kind)})
			}
		}
	}
	// Accounts: root from /etc/shadow.
	if o.rootPw != nil {
		a := Account{Name: "root", Admin: ptr(true), PasswordSet: o.rootPw, Storage: o.rootSt}
		if o.shadowP != nil {
			a.Location = o.shadowP.loc(o.shadowN)
		}
		f.Accounts = append(f.Accounts, a)
		f.MarkKnown(SectionAccounts)
	}
	// DNS.
	for _, s := range o.sections("network", "interface") {
		for _, d := range append(s.lists["dns"], strings.Fields(s.opt("dns"))...) {
			f.DNS.Servers = append(f.DNS.Servers, d)
			if f.DNS.Location == nil {
				f.DNS.Location = o.loc(s, "dns")
			}
		}
		if wanNets[s.name] && s.opt("proto") != "static" {
			f.DNS.FromWAN = ptr(s.on("peerdns", true))
		}
	}
	for _, s := range o.sections("dhcp", "dnsmasq") {
		for _, d := range s.lists["server"] {
			if strings.HasPrefix(d, "/") {
				continue // per-domain forwarding
			}
			f.DNS.Servers = append(f.DNS.Servers, d)
			if f.DNS.Location == nil {
				f.DNS.Location = o.loc(s, "server")
			}
		}
	}
	for _, s := range o.sections("dhcp", "dhcp") {
		for _, opt := range s.lists["dhcp_option"] {
			if v, ok := strings.CutPrefix(opt, "6,"); ok {
				f.DNS.DHCPServers = append(f.DNS.DHCPServers, strings.Split(v, ",")...)
			} else if v, ok := strings.CutPrefix(opt, "option:dns-server,"); ok {
				f.DNS.DHCPServers = append(f.DNS.DHCPServers, strings.Split(v, ",")...)
			}
		}
	}
	if have("dhcp") {
		// dnsmasq answers only on LAN interfaces unless the WAN zone
		// accepts input.
		f.DNS.OpenResolver = ptr(wanInput == "ACCEPT" || openPorts["53"])
	}
	// Routes.
	for _, s := range o.sections("network", "route") {
		prefix := s.opt("target")
		if m := s.opt("netmask"); m != "" && !strings.Contains(prefix, "/") {
			prefix = ciscoPrefix(prefix, m)
		}
		f.Routes = append(f.Routes, Route{Prefix: prefix, Gateway: s.opt("gateway"), Location: o.loc(s, "target")})
	}
	// Wireless.
	radios := map[string]*uciSection{}
	for _, d := range o.sections("wireless", "wifi-device") {
		radios[d.name] = d
	}
	for _, w := range o.sections("wireless", "wifi-iface") {
		if m := w.opt("mode"); m != "" && m != "ap" {
			continue
		}
		on := !w.on("disabled", false)
		if r := radios[w.opt("device")]; r != nil && r.on("disabled", false) {
			on = false
		}
		sec, tkip := uciSecurity(w.opt("encryption"))
		wps := w.on("wps_pushbutton", false) || w.on("wps_label", false) || w.opt("wps_pin") != ""
		net := w.opt("network")
		name := w.name
		if name == "" {
			name = fmt.Sprintf("wifi-iface@%d", w.n)
		}
		wl := Wireless{Name: name, SSID: w.opt("ssid"), Enabled: ptr(on), Security: sec, TKIP: tkip, WPS: ptr(wps), Network: net, Location: o.loc(w, "encryption")}
		if sec != SecurityOpen && sec != SecurityWEP && sec != SecurityOWE {
			wl.PSK = netdevsec.NewSecret(w.opt("key"))
		}
		lname := strings.ToLower(name + " " + net + " " + wl.SSID)
		wl.Guest = strings.Contains(lname, "guest")
		if wl.Guest {
			wl.Isolation = ptr(w.on("isolate", false))
		}
		f.Wireless = append(f.Wireless, wl)
	}
	wifiNets := map[string]bool{}
	for _, w := range f.Wireless {
		if enabled(w.Enabled) {
			wifiNets[w.Network] = true
		}
	}
	// File sharing.
	for _, base := range []string{"ksmbd", "samba4"} {
		for _, typ := range []string{"globals", "samba"} {
			for _, s := range o.sections(base, typ) {
				ifs := strings.Fields(s.opt("interface"))
				onW := slices.ContainsFunc(ifs, func(i string) bool { return wifiNets[i] })
				if len(ifs) == 0 {
					onW = len(wifiNets) > 0
				}
				f.Shares = append(f.Shares, Share{Kind: "smb", Enabled: ptr(len(o.sections(base, "share"))+len(o.sections(base, "sambashare")) > 0), OnWireless: ptr(onW), Location: o.loc(s, "interface")})
			}
		}
	}
	for _, s := range o.sections("minidlna", "minidlna") {
		ifs := strings.Split(s.opt("interface"), ",")
		f.Shares = append(f.Shares, Share{Kind: "dlna", Enabled: ptr(s.on("enabled", false)), OnWireless: ptr(slices.ContainsFunc(ifs, func(i string) bool { return wifiNets[strings.TrimSpace(i)] })), Location: o.loc(s, "enabled")})
	}
	// UPnP, proxies.
	if ss := o.sections("upnpd", "upnpd"); len(ss) > 0 {
		f.UPnP = ptr(ss[0].on("enabled", false) && ss[0].on("enable_upnp", true))
	} else if len(o.parsers) > 0 {
		f.UPnP = ptr(false) // miniupnpd not installed
	}
	for _, s := range o.sections("tinyproxy", "tinyproxy") {
		if s.on("enabled", false) {
			port, _ := strconv.Atoi(s.opt("Port"))
			f.Proxies = append(f.Proxies, Proxy{Kind: "http", Port: port, Location: o.loc(s, "enabled")})
		}
	}
	for _, s := range o.sections("srelay", "srelay") {
		if s.on("enabled", false) {
			port, _ := strconv.Atoi(s.opt("port"))
			f.Proxies = append(f.Proxies, Proxy{Kind: "socks", Port: port, Location: o.loc(s, "enabled")})
		}
	}
	// SNMP (net-snmp's UCI).
	if have("snmpd") {
		on := true
		for _, g := range o.sections("snmpd", "general") {
			on = g.on("enabled", true)
		}
		f.SNMP.Enabled = ptr(on)
		writers := map[string]bool{}
		for _, a := range o.sections("snmpd", "access") {
			if w := a.opt("write"); w != "" && w != "none" {
				writers[a.opt("group")] = true
			}
		}
		secGroup := map[string]string{}
		for _, g := range o.sections("snmpd", "group") {
			secGroup[g.opt("secname")] = g.opt("group")
		}
		for _, c := range append(o.sections("snmpd", "com2sec"), o.sections("snmpd", "com2sec6")...) {
			name := c.opt("community")
			acl := c.opt("source")
			if acl == "default" || acl == "0.0.0.0/0" {
				acl = ""
			}
			p := &parser{file: c.file, f: f}
			p.addCommunity(c.lines["community"], name, writers[secGroup[c.opt("secname")]], acl, "1", "2c")
		}
		f.MarkKnown(SectionSNMP)
	}
	for _, s := range o.sections("mini_snmpd", "mini_snmpd") {
		on := s.on("enabled", false)
		f.SNMP.Enabled = ptr(on || enabled(f.SNMP.Enabled))
		if on {
			name := s.opt("community")
			if name == "" {
				name = "public" // mini_snmpd's default
			}
			p := &parser{file: s.file, f: f}
			p.addCommunity(s.lines["community"], name, false, "", "1", "2c")
		}
		f.MarkKnown(SectionSNMP)
	}
	// Logging, NTP, firmware.
	lf := logging.Facts{Enabled: ptr(true)}
	for _, s := range o.sections("system", "system") {
		f.Hostname = s.opt("hostname")
		if ip := s.opt("log_ip"); ip != "" {
			port, _ := strconv.Atoi(s.opt("log_port"))
			proto := s.opt("log_proto")
			if proto == "" {
				proto = logging.TransportUDP
			}
			lf.Remote = append(lf.Remote, logging.Destination{Host: ip, Port: port, Transport: proto})
		}
		lf.RemoteKnown = true
	}
	for _, s := range o.sections("system", "timeserver") {
		if s.on("enabled", true) {
			lf.NTPServers = append(lf.NTPServers, s.lists["server"]...)
		}
		lf.NTPKnown = true
	}
	f.Logging = lf
	if o.cron {
		f.MarkKnown(SectionScripts)
	}
	if ss := o.sections("attendedsysupgrade", "owut"); len(ss) > 0 {
		f.Firmware.AutoUpdate = ptr(ss[0].on("auto_upgrade", false))
	}
	// OpenWrt has no built-in automatic update; attended sysupgrade is
	// started by the user.
	f.Firmware.AutoUpdateAvailable = ptr(len(o.sections("attendedsysupgrade", "owut")) > 0)
	if have("dropbear") && have("uhttpd") {
		f.MarkKnown(SectionServices)
	}
	if have("network") || have("dhcp") {
		f.MarkKnown(SectionDNS, SectionRoutes)
	}
	if have("dhcp") {
		f.MarkKnown(SectionDHCPDNS)
	}
	if fw {
		f.MarkKnown(SectionForwards)
	}
	if have("wireless") {
		f.MarkKnown(SectionWireless)
	}
	if len(o.parsers) > 0 {
		// Packages with their own config file are listed only when
		// installed; their absence means "not running".
		f.MarkKnown(SectionShares, SectionProxies)
		if !have("snmpd") && !have("mini_snmpd") {
			f.SNMP.Enabled = ptr(false)
		}
	}
}

// uciSecurity maps an OpenWrt encryption value to a security level and
// whether TKIP is allowed.
func uciSecurity(enc string) (Security, *bool) {
	base, ciphers, _ := strings.Cut(enc, "+")
	tkip := ptr(strings.Contains(ciphers, "tkip"))
	switch base {
	case "", "none":
		return SecurityOpen, ptr(false)
	case "owe":
		return SecurityOWE, ptr(false)
	case "wep", "wep-open", "wep-shared", "wep-auto", "wep+open", "wep+shared":
		return SecurityWEP, ptr(false)
	case "psk":
		return SecurityWPA, ptr(true)
	case "psk-mixed":
		// WPA/WPA2 mixed mode keeps WPA1 (TKIP) for old clients.
		return SecurityWPA, ptr(true)
	case "psk2":
		return SecurityWPA2, tkip
	case "sae", "sae-mixed":
		return SecurityWPA3, tkip
	case "wpa", "wpa2", "wpa3", "wpa-mixed", "wpa3-mixed", "wpa3-192":
		if base == "wpa" || base == "wpa-mixed" {
			return SecurityEAP, ptr(true)
		}
		return SecurityEAP, tkip
	}
	return SecurityUnknown, nil
}

// ErrNotBackup is returned by [ReadOpenWrtBackup] for data that is not a
// gzip-compressed tar archive.
var ErrNotBackup = errors.New("not an OpenWrt sysupgrade backup (.tar.gz)")

// ReadOpenWrtBackup reads a sysupgrade backup (`sysupgrade -b`, a
// .tar.gz) and returns its etc/config/* files, etc/shadow and
// etc/crontabs/root, ready for [ImportOpenWrt]. At most [MaxBackupSize] decompressed bytes and
// [MaxBackupEntries] entries are read; each file is bounded by
// [MaxConfigSize]. File names are prefixed with name ("backup.tar.gz:").
func ReadOpenWrtBackup(name string, r io.Reader) ([]File, error) {
	zr, err := gzip.NewReader(io.LimitReader(r, MaxBackupSize))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrNotBackup, err)
	}
	defer zr.Close()
	budget := &limitedReader{r: zr, n: MaxBackupSize}
	tr := tar.NewReader(budget)
	var out []File
	for i := 0; ; i++ {
		if i >= MaxBackupEntries {
			return nil, fmt.Errorf("%s: more than %d entries: %w", name, MaxBackupEntries, ErrTooLarge)
		}
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if budget.n <= 0 {
				return nil, fmt.Errorf("%s: more than %d bytes decompressed: %w", name, MaxBackupSize, ErrTooLarge)
			}
			return nil, fmt.Errorf("%s: %w: %w", name, ErrNotBackup, err)
		}
		p := strings.TrimPrefix(path.Clean("/"+h.Name), "/")
		if h.Typeflag != tar.TypeReg || !(strings.HasPrefix(p, "etc/config/") && !strings.Contains(strings.TrimPrefix(p, "etc/config/"), "/") || p == "etc/shadow" || p == "etc/crontabs/root") {
			continue
		}
		if h.Size > MaxConfigSize {
			return nil, fmt.Errorf("%s: %s: larger than %d bytes: %w", name, p, MaxConfigSize, ErrTooLarge)
		}
		b, err := io.ReadAll(io.LimitReader(tr, MaxConfigSize))
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, p, err)
		}
		out = append(out, File{Name: name + ":" + p, Data: b})
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
