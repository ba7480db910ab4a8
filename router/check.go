package router

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netdevsec/netdevsec"
)

// maxListed bounds how many items one finding names in its evidence.
const maxListed = 10

// MinPSKLength is the shortest wireless passphrase [RuleWiFiWeakPSK]
// accepts.
const MinPSKLength = 12

// Check runs every router rule over f for device. It is pure: no I/O, no
// clock (now is passed in for rules that need it).
func Check(device string, f Facts, now time.Time) []netdevsec.Finding {
	_ = now
	out := []netdevsec.Finding{
		checkUnparsed(device, f),
		checkFirstSetup(device, f),
		checkAutoUpdate(device, f),
		checkDNS(device, f),
		checkOpenResolver(device, f),
		checkMgmtWAN(device, f),
		checkCleartext(device, f),
		checkSSH(device, f),
		checkExpected(device, RuleForwardUnexpected(), f, SectionForwards, "port forward", keysOf(f.Forwards, Forward.Key), locsOf(f.Forwards, func(x Forward) *netdevsec.Location { return x.Location }), f.ExpectedForwards),
		checkUPnP(device, f),
		checkExpected(device, RuleProxy(), f, SectionProxies, "proxy", keysOf(f.Proxies, func(p Proxy) string { return p.Kind }), locsOf(f.Proxies, func(x Proxy) *netdevsec.Location { return x.Location }), f.ExpectedProxies),
		checkExpected(device, RuleScriptUnexpected(), f, SectionScripts, "scheduled script", keysOf(f.Scripts, func(s Script) string { return s.Name }), locsOf(f.Scripts, func(x Script) *netdevsec.Location { return x.Location }), f.ExpectedScripts),
		checkRoutes(device, f),
	}
	out = append(out, checkWireless(device, f)...)
	out = append(out, checkShares(device, f))
	out = append(out, checkSNMP(device, f)...)
	return out
}

func keysOf[T any](items []T, key func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = key(it)
	}
	return out
}

func locsOf[T any](items []T, loc func(T) *netdevsec.Location) []*netdevsec.Location {
	out := make([]*netdevsec.Location, len(items))
	for i, it := range items {
		out[i] = loc(it)
	}
	return out
}

// known reports whether a list section can be judged: it has items or the
// importer marked it complete.
func (f *Facts) known(s Section, n int) bool { return n > 0 || f.Knows(s) }

func at(fd netdevsec.Finding, loc *netdevsec.Location) netdevsec.Finding {
	if loc != nil {
		l := *loc
		fd.Location = &l
	}
	return fd
}

func list(items []string) string {
	if len(items) > maxListed {
		return strings.Join(items[:maxListed], ", ") + fmt.Sprintf(", … (%d more)", len(items)-maxListed)
	}
	return strings.Join(items, ", ")
}

func checkUnparsed(device string, f Facts) netdevsec.Finding {
	r := RuleUnparsed()
	if len(f.Sources) == 0 {
		return r.NotApplicable(device, "no router configuration imported")
	}
	if len(f.Unparsed) == 0 {
		return r.Pass(device, fmt.Sprintf("every line of %s understood", list(f.Sources)))
	}
	var ev []netdevsec.Evidence
	for i, u := range f.Unparsed {
		if i == maxListed {
			ev = append(ev, netdevsec.E("more", len(f.Unparsed)-maxListed))
			break
		}
		v := u.Words
		if u.Reason != "" {
			v += " (" + u.Reason + ")"
		}
		ev = append(ev, netdevsec.E(u.Location.String(), v))
	}
	return at(r.Unknown(device, fmt.Sprintf("%d configuration line(s) not understood; no rule checked them", len(f.Unparsed)), ev...), &f.Unparsed[0].Location)
}

func checkFirstSetup(device string, f Facts) netdevsec.Finding {
	r := RuleFirstSetup()
	for _, a := range f.Accounts {
		if a.PasswordSet != nil && !*a.PasswordSet {
			return at(r.Fail(device, fmt.Sprintf("account %q has no password", a.Name), netdevsec.E("account", a.Name)), a.Location)
		}
		if a.Factory != nil && *a.Factory {
			return at(r.Fail(device, fmt.Sprintf("account %q still has the factory password", a.Name), netdevsec.E("account", a.Name)), a.Location)
		}
	}
	fs := f.FirstSetup
	switch {
	case fs.ChangeEnforced != nil && *fs.ChangeEnforced:
		return r.Pass(device, "the product forces a password change at first setup")
	case fs.UniquePerUnit != nil && *fs.UniquePerUnit:
		return r.Pass(device, "the factory password is unique per unit")
	}
	if len(f.Accounts) > 0 && !slices.ContainsFunc(f.Accounts, func(a Account) bool { return a.PasswordSet == nil }) {
		return r.Pass(device, fmt.Sprintf("%d administrator account(s), each with a password set; whether one is a factory default is judged by the password rules", len(f.Accounts)))
	}
	if fs.ChangeEnforced != nil && fs.UniquePerUnit != nil {
		return r.Fail(device, "the product neither forces a password change at first setup nor has a per-unit factory password")
	}
	return r.Unknown(device, "whether the factory password was changed is not known")
}

func checkAutoUpdate(device string, f Facts) netdevsec.Finding {
	r := RuleAutoUpdate()
	fw := f.Firmware
	switch {
	case fw.AutoUpdate != nil && *fw.AutoUpdate:
		return at(r.Pass(device, "automatic firmware update is enabled"), fw.Location)
	case fw.AutoUpdateAvailable != nil && !*fw.AutoUpdateAvailable:
		return r.NotApplicable(device, "the product has no automatic update function; the firmware rules judge its update procedure")
	case fw.AutoUpdate != nil:
		return at(r.Fail(device, "automatic firmware update is available but not enabled"), fw.Location)
	}
	return r.Unknown(device, "automatic update setting not known")
}

func normHost(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func checkDNS(device string, f Facts) netdevsec.Finding {
	r := RuleDNSUnexpected()
	all := append(slices.Clone(f.DNS.Servers), f.DNS.DHCPServers...)
	if len(all) == 0 {
		if f.Knows(SectionDNS) {
			return at(r.Pass(device, "no static DNS server configured (the router uses its provider's or its own resolver)"), f.DNS.Location)
		}
		return r.Unknown(device, "DNS servers not known")
	}
	if len(f.ExpectedDNS) == 0 {
		return at(r.Unknown(device, "no expected DNS set (facts.router.expected_dns) to compare with", netdevsec.E("dns_servers", list(all))), f.DNS.Location)
	}
	want := map[string]bool{}
	for _, s := range f.ExpectedDNS {
		want[normHost(s)] = true
	}
	var bad []string
	for _, s := range all {
		if !want[normHost(s)] && !slices.Contains(bad, s) {
			bad = append(bad, s)
		}
	}
	if len(bad) > 0 {
		return at(r.Fail(device, fmt.Sprintf("DNS server(s) outside the expected set: %s", list(bad)),
			netdevsec.E("unexpected", list(bad)), netdevsec.E("expected", list(f.ExpectedDNS))), f.DNS.Location)
	}
	return at(r.Pass(device, "every DNS server is in the expected set", netdevsec.E("dns_servers", list(all))), f.DNS.Location)
}

func checkOpenResolver(device string, f Facts) netdevsec.Finding {
	r := RuleOpenResolver()
	switch {
	case f.DNS.OpenResolver == nil:
		return r.Unknown(device, "whether the resolver answers from the WAN is not known")
	case *f.DNS.OpenResolver:
		return at(r.Fail(device, "the router answers recursive DNS queries from the WAN"), f.DNS.Location)
	}
	return r.Pass(device, "the router's resolver does not answer from the WAN")
}

func enabled(p *bool) bool { return p != nil && *p }

func serviceName(s Service) string {
	if s.Port != 0 {
		return fmt.Sprintf("%s/%d", s.Protocol, s.Port)
	}
	return s.Protocol
}

func checkMgmtWAN(device string, f Facts) netdevsec.Finding {
	r := RuleManagementWAN()
	if !f.known(SectionServices, len(f.Services)) {
		return r.Unknown(device, "management services not known")
	}
	var bad, unknown []string
	var loc *netdevsec.Location
	for _, s := range f.Services {
		if s.Enabled != nil && !*s.Enabled || s.Exposure == ExposureNone {
			continue
		}
		switch {
		case s.Exposure.FromWAN() && s.ACL == "" && s.Enabled != nil:
			bad = append(bad, serviceName(s)+" ("+string(s.Exposure)+")")
			if loc == nil {
				loc = s.Location
			}
		case s.Exposure == ExposureUnknown || s.Exposure.FromWAN() && s.ACL == "":
			unknown = append(unknown, serviceName(s))
		}
	}
	switch {
	case len(bad) > 0:
		return at(r.Fail(device, "management reachable from the WAN without a source restriction: "+list(bad), netdevsec.E("services", list(bad))), loc)
	case len(unknown) > 0:
		return r.Unknown(device, "exposure of some management services not known: "+list(unknown), netdevsec.E("services", list(unknown)))
	}
	return r.Pass(device, "no management service reachable from the WAN")
}

func checkCleartext(device string, f Facts) netdevsec.Finding {
	r := RuleCleartextManagement()
	if !f.known(SectionServices, len(f.Services)) {
		return r.Unknown(device, "management services not known")
	}
	var bad, unknown []string
	var loc *netdevsec.Location
	for _, s := range f.Services {
		if !s.Cleartext() || s.Exposure == ExposureNone {
			continue
		}
		switch {
		case s.Enabled == nil:
			unknown = append(unknown, serviceName(s))
		case *s.Enabled:
			bad = append(bad, serviceName(s))
			if loc == nil {
				loc = s.Location
			}
		}
	}
	switch {
	case len(bad) > 0:
		return at(r.Fail(device, "clear-text management enabled: "+list(bad), netdevsec.E("services", list(bad))), loc)
	case len(unknown) > 0:
		return r.Unknown(device, "whether some clear-text services run is not known: "+list(unknown), netdevsec.E("services", list(unknown)))
	}
	return r.Pass(device, "no clear-text management protocol enabled")
}

// WeakSSHAlgorithm reports whether name is an SSH algorithm the
// router.ssh.weak-algorithms rule rejects, and why. The policy follows
// RFC 9142 (key exchange), RFC 8758 (RC4), RFC 8332 (RSA with SHA-1) and
// common audit practice (CBC, MD5, 96-bit MACs, DSA).
func WeakSSHAlgorithm(name string) (string, bool) {
	n := strings.ToLower(name)
	switch {
	case n == "none":
		return "no protection", true
	case strings.HasPrefix(n, "diffie-hellman-group1-"), strings.HasPrefix(n, "diffie-hellman-group-exchange-sha1"),
		n == "diffie-hellman-group14-sha1", strings.HasPrefix(n, "rsa1024-"), strings.HasPrefix(n, "gss-group1-"):
		return "SHA-1 or 1024-bit key exchange", true
	case strings.Contains(n, "arcfour"), strings.HasPrefix(n, "rc4"):
		return "RC4 cipher", true
	case strings.HasSuffix(n, "-cbc"), strings.Contains(n, "-cbc@"), n == "rijndael-cbc@lysator.liu.se":
		return "CBC cipher", true
	case strings.Contains(n, "3des"), strings.Contains(n, "blowfish"), strings.Contains(n, "cast128"), n == "des":
		return "64-bit block cipher", true
	case strings.Contains(n, "hmac-md5"), strings.Contains(n, "-96"), strings.Contains(n, "ripemd"):
		return "weak MAC", true
	case n == "ssh-dss", strings.HasPrefix(n, "ssh-dss-"):
		return "DSA host key", true
	}
	return "", false
}

func checkSSH(device string, f Facts) netdevsec.Finding {
	r := RuleSSHWeak()
	s := f.SSH
	if s == nil {
		return r.Unknown(device, "SSH algorithms not known (probe the router or import its configuration)")
	}
	var bad []string
	if enabled(s.Version1) {
		bad = append(bad, "SSH-1")
	}
	if enabled(s.TerrapinExposed) {
		bad = append(bad, "Terrapin (CVE-2023-48795): no strict key exchange")
	}
	if enabled(s.Legacy) {
		bad = append(bad, "legacy algorithms allowed by configuration")
	}
	for _, l := range [][]string{s.KeyExchange, s.HostKeys, s.Ciphers, s.MACs} {
		for _, a := range l {
			if why, weak := WeakSSHAlgorithm(a); weak {
				bad = append(bad, a+" ("+why+")")
			}
		}
	}
	if len(bad) > 0 {
		return at(r.Fail(device, "SSH offers weak algorithms: "+list(bad), netdevsec.E("weak", list(bad)), netdevsec.E("source", s.Source)), s.Location)
	}
	offered := len(s.KeyExchange) + len(s.Ciphers) + len(s.MACs) + len(s.HostKeys)
	if offered == 0 && s.Version1 == nil && s.Legacy == nil {
		return r.Unknown(device, "SSH algorithms not known")
	}
	if offered == 0 {
		return at(r.Pass(device, "configuration allows no legacy SSH; offered algorithms not probed", netdevsec.E("source", s.Source)), s.Location)
	}
	return at(r.Pass(device, fmt.Sprintf("%d offered algorithms, none weak", offered), netdevsec.E("source", s.Source)), s.Location)
}

// checkExpected judges a list against the operator's expected keys.
func checkExpected(device string, r netdevsec.Rule, f Facts, s Section, what string, keys []string, locs []*netdevsec.Location, expected []string) netdevsec.Finding {
	if !f.known(s, len(keys)) {
		return r.Unknown(device, what+"s not known")
	}
	var bad []string
	var loc *netdevsec.Location
	for i, k := range keys {
		if !slices.ContainsFunc(expected, func(e string) bool { return strings.EqualFold(e, k) }) {
			bad = append(bad, k)
			if loc == nil {
				loc = locs[i]
			}
		}
	}
	if len(bad) > 0 {
		return at(r.Fail(device, fmt.Sprintf("%d unexpected %s(s): %s", len(bad), what, list(bad)), netdevsec.E("unexpected", list(bad))), loc)
	}
	if len(keys) == 0 {
		return r.Pass(device, "no "+what+" configured")
	}
	return r.Pass(device, fmt.Sprintf("every %s is expected", what), netdevsec.E("expected", list(keys)))
}

func checkRoutes(device string, f Facts) netdevsec.Finding {
	var nonDefault []Route
	for _, rt := range f.Routes {
		if !rt.Default() {
			nonDefault = append(nonDefault, rt)
		}
	}
	known := f.known(SectionRoutes, len(f.Routes))
	g := f
	if known {
		g.MarkKnown(SectionRoutes)
	}
	return checkExpected(device, RuleRouteUnexpected(), g, SectionRoutes, "static route",
		keysOf(nonDefault, func(r Route) string { return r.Prefix }),
		locsOf(nonDefault, func(r Route) *netdevsec.Location { return r.Location }), f.ExpectedRoutes)
}

func checkUPnP(device string, f Facts) netdevsec.Finding {
	r := RuleUPnP()
	switch {
	case f.UPnP == nil:
		return r.Unknown(device, "UPnP setting not known")
	case *f.UPnP:
		return r.Fail(device, "UPnP IGD is enabled")
	}
	return r.Pass(device, "UPnP is disabled")
}

func wifiName(w Wireless) string {
	if w.SSID != "" {
		return fmt.Sprintf("%s (SSID %q)", w.Name, w.SSID)
	}
	return w.Name
}

// wifiRule judges every enabled wireless network with judge, which
// returns "fail", "pass" or "unknown" for one network.
func wifiRule(device string, r netdevsec.Rule, f Facts, what string, judge func(Wireless) netdevsec.Status) netdevsec.Finding {
	if !f.known(SectionWireless, len(f.Wireless)) {
		return r.Unknown(device, "wireless networks not known")
	}
	var bad, unknown []string
	var loc *netdevsec.Location
	on := 0
	for _, w := range f.Wireless {
		if w.Enabled != nil && !*w.Enabled {
			continue
		}
		on++
		switch judge(w) {
		case netdevsec.StatusFail:
			if w.Enabled == nil {
				unknown = append(unknown, wifiName(w)+" (radio state unknown)")
				continue
			}
			bad = append(bad, wifiName(w))
			if loc == nil {
				loc = w.Location
			}
		case netdevsec.StatusUnknown:
			unknown = append(unknown, wifiName(w))
		case netdevsec.StatusNotApplicable:
			on--
		}
	}
	switch {
	case len(bad) > 0:
		return at(r.Fail(device, what+": "+list(bad), netdevsec.E("networks", list(bad))), loc)
	case len(unknown) > 0:
		return r.Unknown(device, "not known for: "+list(unknown), netdevsec.E("networks", list(unknown)))
	case on == 0:
		return r.NotApplicable(device, "no wireless network enabled")
	}
	return r.Pass(device, fmt.Sprintf("%d enabled wireless network(s) checked", on))
}

func checkWireless(device string, f Facts) []netdevsec.Finding {
	sec := func(fail ...Security) func(Wireless) netdevsec.Status {
		return func(w Wireless) netdevsec.Status {
			switch {
			case w.Security == SecurityUnknown:
				return netdevsec.StatusUnknown
			case slices.Contains(fail, w.Security):
				return netdevsec.StatusFail
			}
			return netdevsec.StatusPass
		}
	}
	return []netdevsec.Finding{
		wifiRule(device, RuleWiFiOpen(), f, "open wireless network", sec(SecurityOpen)),
		wifiRule(device, RuleWiFiWEP(), f, "WEP", sec(SecurityWEP)),
		wifiRule(device, RuleWiFiTKIP(), f, "WPA1 or TKIP allowed", func(w Wireless) netdevsec.Status {
			switch {
			case w.Security == SecurityWPA || enabled(w.TKIP):
				return netdevsec.StatusFail
			case w.Security == SecurityOpen || w.Security == SecurityOWE || w.Security == SecurityWEP:
				return netdevsec.StatusNotApplicable
			case w.Security == SecurityUnknown || w.TKIP == nil && w.Security != SecurityWPA3:
				return netdevsec.StatusUnknown
			}
			return netdevsec.StatusPass
		}),
		wifiRule(device, RuleWiFiWPS(), f, "WPS enabled", func(w Wireless) netdevsec.Status {
			switch {
			case w.WPS == nil:
				return netdevsec.StatusUnknown
			case *w.WPS:
				return netdevsec.StatusFail
			}
			return netdevsec.StatusPass
		}),
		wifiRule(device, RuleWiFiWeakPSK(), f, fmt.Sprintf("passphrase shorter than %d characters", MinPSKLength), func(w Wireless) netdevsec.Status {
			switch w.Security {
			case SecurityWPA, SecurityWPA2, SecurityWPA3:
			default:
				return netdevsec.StatusNotApplicable
			}
			n := len([]rune(w.PSK.Reveal()))
			if n == 0 {
				n = w.PSKLength
			}
			switch {
			case n == 0:
				return netdevsec.StatusUnknown
			case n < MinPSKLength:
				return netdevsec.StatusFail
			}
			return netdevsec.StatusPass
		}),
		wifiRule(device, RuleGuestIsolation(), f, "guest network without client isolation", func(w Wireless) netdevsec.Status {
			switch {
			case !w.Guest:
				return netdevsec.StatusNotApplicable
			case w.Isolation == nil:
				return netdevsec.StatusUnknown
			case !*w.Isolation:
				return netdevsec.StatusFail
			}
			return netdevsec.StatusPass
		}),
	}
}

func checkShares(device string, f Facts) netdevsec.Finding {
	r := RuleFileSharingWireless()
	if !f.known(SectionShares, len(f.Shares)) {
		return r.Unknown(device, "file-sharing services not known")
	}
	var bad, unknown []string
	var loc *netdevsec.Location
	for _, s := range f.Shares {
		if s.Enabled != nil && !*s.Enabled {
			continue
		}
		switch {
		case s.Enabled != nil && s.OnWireless != nil && *s.OnWireless:
			bad = append(bad, s.Kind)
			if loc == nil {
				loc = s.Location
			}
		case s.Enabled == nil || s.OnWireless == nil:
			unknown = append(unknown, s.Kind)
		}
	}
	switch {
	case len(bad) > 0:
		return at(r.Fail(device, "file sharing reachable from the wireless LAN: "+list(bad), netdevsec.E("services", list(bad))), loc)
	case len(unknown) > 0:
		return r.Unknown(device, "reach of file sharing not known: "+list(unknown))
	}
	return r.Pass(device, "no file sharing reachable from the wireless LAN")
}

func checkSNMP(device string, f Facts) []netdevsec.Finding {
	def, wr, v3 := RuleSNMPDefaultCommunity(), RuleSNMPWriteCommunity(), RuleSNMPv3NoAuth()
	s := f.SNMP
	if s.Enabled != nil && !*s.Enabled {
		m := "SNMP agent disabled"
		return []netdevsec.Finding{def.Pass(device, m), wr.Pass(device, m), v3.Pass(device, m)}
	}
	if !f.known(SectionSNMP, len(s.Communities)+len(s.Users)) {
		m := "SNMP configuration not known"
		return []netdevsec.Finding{def.Unknown(device, m), wr.Unknown(device, m), v3.Unknown(device, m)}
	}
	var defs, writes, writeUnknown []string
	var defLoc, wrLoc *netdevsec.Location
	for i, c := range s.Communities {
		label := fmt.Sprintf("community #%d", i+1)
		if c.Source != "" {
			label += " (" + c.Source + ")"
		}
		if c.ACL != "" {
			label += " acl " + c.ACL
		}
		if c.Default {
			defs = append(defs, label)
			if defLoc == nil {
				defLoc = c.Location
			}
		}
		if c.WriteUnknown && !c.Write {
			writeUnknown = append(writeUnknown, label)
		}
		if c.Write {
			writes = append(writes, label)
			if wrLoc == nil {
				wrLoc = c.Location
			}
		}
	}
	var out []netdevsec.Finding
	if len(defs) > 0 {
		out = append(out, at(def.Fail(device, "default SNMP community in use: "+list(defs), netdevsec.RedactedEvidence("community"), netdevsec.E("communities", list(defs))), defLoc))
	} else {
		out = append(out, def.Pass(device, fmt.Sprintf("%d community(ies), none a well-known default", len(s.Communities))))
	}
	switch {
	case len(writes) > 0:
		out = append(out, at(wr.Fail(device, "writable v1/v2c community: "+list(writes), netdevsec.E("communities", list(writes))), wrLoc))
	case len(writeUnknown) > 0:
		out = append(out, wr.Unknown(device, "write access not known for: "+list(writeUnknown)+" (probes do not try SET)"))
	default:
		out = append(out, wr.Pass(device, "no writable v1/v2c community"))
	}
	var noauth []string
	var v3Loc *netdevsec.Location
	for _, u := range s.Users {
		if u.Level == "noauth" || u.Level == "" {
			noauth = append(noauth, u.Name)
			if v3Loc == nil {
				v3Loc = u.Location
			}
		}
	}
	switch {
	case len(noauth) > 0:
		out = append(out, at(v3.Fail(device, "SNMPv3 user(s) without authentication: "+list(noauth), netdevsec.E("users", list(noauth))), v3Loc))
	case len(s.Users) == 0:
		out = append(out, v3.NotApplicable(device, "no SNMPv3 user"))
	default:
		out = append(out, v3.Pass(device, fmt.Sprintf("%d SNMPv3 user(s), all authenticated", len(s.Users))))
	}
	return out
}
