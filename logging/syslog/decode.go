package syslog

import (
	"strings"
	"time"
)

// decode runs the vendor body decoders over ev.Message and fills Kind,
// Vendor, MsgID and the decoded fields. It only looks at the message
// and header fields, never at regular expressions, so that it stays
// cheap on the hot path.
func (p *Parser) decode(ev *Event) {
	m := ev.Message
	switch {
	case ev.Vendor == VendorAsterisk:
		decodeAsterisk(ev)
		p.asteriskTime(ev)
		return
	case len(m) > 1 && m[0] == '%':
		if decodeCisco(ev) {
			return
		}
	case isKeyValue(m):
		p.decodeFortinet(ev)
		return
	}
	if isJunos(ev) {
		decodeJunos(ev)
		return
	}
	switch ev.App {
	case "dropbear":
		ev.Vendor = VendorOpenWrt
		decodeDropbear(ev)
		return
	case "hostapd":
		ev.Vendor = VendorOpenWrt
		decodeHostapd(ev)
		return
	case "dnsmasq-dhcp", "dnsmasq":
		ev.Vendor = VendorOpenWrt
		decodeDnsmasq(ev)
		return
	case "netifd":
		ev.Vendor = VendorOpenWrt
		decodeNetifd(ev)
		return
	case "sshd", "sshd-session":
		ev.Vendor = VendorLinux
		decodeSSHD(ev)
		return
	case "asterisk":
		ev.Vendor = VendorAsterisk
		decodeAsterisk(ev)
		p.asteriskTime(ev)
		return
	}
	if hasPrefix(m, "SecurityEvent=") {
		ev.Vendor = VendorAsterisk
		decodeAsterisk(ev)
		p.asteriskTime(ev)
		return
	}
	// RouterOS and RTX bodies carry no syslog tag: a tagged line is some
	// other daemon's, and skipping their pattern scans keeps it cheap.
	if ev.App == "" && (decodeMikroTik(ev) || decodeYamaha(ev)) {
		return
	}
	decodeGeneric(ev)
}

// isKeyValue reports a FortiGate key=value body: it starts with a key
// ("date=", "logver=", "eventtime=") and carries a logid.
func isKeyValue(m string) bool {
	eq := strings.IndexByte(m, '=')
	if eq <= 0 || eq > 16 || strings.IndexByte(m[:eq], ' ') >= 0 {
		return false
	}
	return strings.Contains(m, "logid=")
}

// ---- small string helpers ----

// between returns the text after the first pre and before the next post
// ("" when either is missing). An empty post means "to the end".
func between(s, pre, post string) string {
	i := strings.Index(s, pre)
	if i < 0 {
		return ""
	}
	s = s[i+len(pre):]
	if post == "" {
		return s
	}
	j := strings.Index(s, post)
	if j < 0 {
		return ""
	}
	return s[:j]
}

// firstToken returns s up to the first space, comma or closing bracket.
func firstToken(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', ',', ')', ']', '>', '\'', '"':
			return s[:i]
		}
	}
	return s
}

// splitAddrPort splits "198.51.100.7:50000", "[2001:db8::1]:22" or a
// bare address.
func splitAddrPort(s string) (addr, port string) {
	if hasPrefix(s, "[") {
		if j := strings.IndexByte(s, ']'); j > 0 {
			if j+1 < len(s) && s[j+1] == ':' {
				return s[1:j], s[j+2:]
			}
			return s[1:j], ""
		}
	}
	// An IPv4-mapped IPv6 address with a port, as dual-stack daemons
	// write it: "::ffff:198.51.100.7:60495".
	if rest, ok := strings.CutPrefix(s, "::ffff:"); ok && strings.Count(rest, ":") <= 1 && strings.Count(rest, ".") == 3 {
		s = rest
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 || strings.IndexByte(s[:i], ':') >= 0 { // none, or IPv6 without brackets
		return s, ""
	}
	if digits(s[i+1:]) != len(s)-i-1 || i+1 == len(s) {
		return s, ""
	}
	return s[:i], s[i+1:]
}

// splitSlashPort splits Junos "198.51.100.7/4433" (or Cisco "1.2.3.4(22)").
func splitSlashPort(s string) (addr, port string) {
	if i := strings.LastIndexByte(s, '/'); i > 0 {
		return s[:i], s[i+1:]
	}
	if i := strings.IndexByte(s, '('); i > 0 && s[len(s)-1] == ')' {
		return s[:i], s[i+1 : len(s)-1]
	}
	return s, ""
}

func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return true
		}
	}
	return false
}

func isMAC(s string) bool {
	switch len(s) {
	case 17: // 00:11:22:33:44:55 or 00-11-…
		for i := 0; i < 17; i++ {
			if i%3 == 2 {
				if s[i] != ':' && s[i] != '-' {
					return false
				}
			} else if !isHex(s[i]) {
				return false
			}
		}
		return true
	case 14: // Cisco 0011.2233.4455
		for i := 0; i < 14; i++ {
			if i%5 == 4 {
				if s[i] != '.' {
					return false
				}
			} else if !isHex(s[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// ---- Cisco IOS / IOS XE ----

func decodeCisco(ev *Event) bool {
	m := ev.Message[1:]
	id, body, _ := strings.Cut(m, ": ")
	if strings.IndexByte(id, ' ') >= 0 {
		return false
	}
	d1 := strings.IndexByte(id, '-')
	if d1 <= 0 || d1+3 > len(id) || !isDigit(id[d1+1]) || id[d1+2] != '-' {
		return false
	}
	fac, mnem := id[:d1], id[d1+3:]
	ev.Vendor, ev.MsgID, ev.Message = VendorCisco, id, body
	if ev.Priority < 0 {
		ev.Severity = int(id[d1+1] - '0')
	}
	switch {
	case mnem == "LOGIN_FAILED":
		ev.Kind = KindAuthFailure
		ciscoBrackets(body, ev)
	case mnem == "LOGIN_SUCCESS":
		ev.Kind = KindAuthSuccess
		ciscoBrackets(body, ev)
	case mnem == "QUIET_MODE_ON":
		ev.Kind = KindAuthLockout
		ciscoBrackets(body, ev)
	case mnem == "CONFIG_I":
		// "Configured from console by admin on vty0 (192.0.2.100)"
		ev.Kind = KindConfigChange
		ev.User = firstToken(between(body, " by ", ""))
		ev.Src = lastParen(body)
	case mnem == "CFGLOG_LOGGEDCMD":
		// "User:admin  logged command:no logging buffered"
		ev.User = firstToken(between(body, "User:", ""))
		cmd := between(body, "logged command:", "")
		ev.addField("", "command", cmd)
		ev.Kind = KindConfigChange
		if containsFold(cmd, "clear logging") || hasPrefix(strings.TrimSpace(cmd), "no logging") {
			ev.Kind = KindLogCleared
		} else if containsFold(cmd, "clock set") || hasPrefix(strings.TrimSpace(cmd), "clock ") {
			ev.Kind = KindClockChange
		}
	case mnem == "CLOCKUPDATE":
		ev.Kind = KindClockChange
		ev.User = firstToken(between(body, "configured from console by ", ""))
		ev.Src = lastParen(body)
	case mnem == "LOGGINGHOST_STARTSTOP" && strings.Contains(body, "stopped"):
		ev.Kind = KindLogCleared
	case fac == "SEC" && hasPrefix(mnem, "IPACCESSLOG"):
		// "list 101 denied tcp 203.0.113.5(4433) -> 192.0.2.1(22), 1 packet"
		rest := between(body, "list ", "")
		_, rest = token(rest)
		action, rest := token(rest)
		proto, rest := token(rest)
		src, rest := token(rest)
		_, rest = token(rest) // ->
		dst, _ := token(rest)
		dst = strings.TrimSuffix(dst, ",")
		ev.Proto = proto
		ev.Src, ev.SrcPort = splitSlashPort(src)
		ev.Dst, ev.DstPort = splitSlashPort(dst)
		ev.addField("", "acl", firstToken(between(body, "list ", "")))
		if action == "permitted" {
			ev.Kind = KindConnection
		} else {
			ev.Kind = KindDenied
		}
	case fac == "IPS" || fac == "IDS" || mnem == "SIGNATURE":
		ev.Kind = KindScan
		if a := between(body, "[", "]"); a != "" {
			s, d, _ := strings.Cut(a, " -> ")
			ev.Src, ev.SrcPort = splitAddrPort(s)
			ev.Dst, ev.DstPort = splitAddrPort(d)
		}
	case mnem == "PSECURE_VIOLATION":
		ev.Kind = KindDeviceRejected
		ev.MAC = firstToken(between(body, "MAC address ", ""))
		ev.Iface = strings.TrimSuffix(firstToken(between(body, " on port ", "")), ".")
	case fac == "DOT1X" && (mnem == "FAIL" || mnem == "AUTHFAIL"):
		ev.Kind = KindDeviceRejected
		ev.MAC = between(body, "(", ")")
		ev.Iface = firstToken(between(body, "Interface ", ""))
	case (fac == "LINEPROTO" || fac == "LINK") && mnem == "UPDOWN":
		if strings.HasSuffix(body, "to up") {
			ev.Kind = KindLinkUp
		}
		ev.Iface = strings.TrimSuffix(firstToken(between(body, "Interface ", "")), ",")
	case fac == "SSH" && mnem == "SSH2_USERAUTH":
		ev.User = between(body, "User '", "'")
		ev.Src = firstToken(between(body, " from ", ""))
		ev.Service = "ssh"
		switch {
		case strings.HasSuffix(body, "Succeeded"):
			ev.Kind = KindAuthSuccess
		case strings.HasSuffix(body, "Failed"):
			ev.Kind = KindAuthFailure
		}
	case mnem == "LOGOUT":
		ev.Kind = KindLogout
		ev.User = firstToken(between(body, "User ", ""))
	case fac == "NTP" && containsFold(body, "synchronization lost"):
		ev.Kind = KindClockUnsynced
	case fac == "INSTALL" || mnem == "INSTALL_COMPLETED_INFO":
		ev.Kind = KindUpdate
	}
	if ev.Service == "" && (ev.Kind == KindAuthFailure || ev.Kind == KindAuthSuccess) {
		if p, ok := ev.Field("localport"); ok {
			ev.Service = servicePort(p)
		}
	}
	return true
}

func servicePort(p string) string {
	switch p {
	case "22":
		return "ssh"
	case "23":
		return "telnet"
	case "80", "443":
		return "http"
	}
	return p
}

// ciscoBrackets reads "[user: x] [Source: ip] [localport: 22] [Reason: r]".
func ciscoBrackets(body string, ev *Event) {
	for s := body; ; {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return
		}
		s = s[i+1:]
		j := strings.IndexByte(s, ']')
		if j < 0 {
			return
		}
		k, v, ok := strings.Cut(s[:j], ": ")
		s = s[j+1:]
		if !ok {
			continue
		}
		switch k {
		case "user":
			ev.User = v
		case "Source":
			ev.Src = v
		case "Reason":
			ev.Reason = v
		case "localport":
			ev.addField("", "localport", v)
		}
	}
}

func lastParen(s string) string {
	i := strings.LastIndexByte(s, '(')
	j := strings.LastIndexByte(s, ')')
	if i < 0 || j < i {
		return ""
	}
	return s[i+1 : j]
}

// ---- Junos ----

// isJunos reports a Junos event: an RFC 5424 record with a junos@2636
// SD element, or a message "EVENT_NAME: …".
func isJunos(ev *Event) bool {
	for _, f := range ev.Fields {
		if hasPrefix(f.ID, "junos@2636") {
			return true
		}
	}
	if ev.MsgID != "" {
		return false
	}
	return junosName(ev.Message) > 0
}

// junosName returns the length of a leading "UPPER_CASE_NAME:" or 0.
func junosName(m string) int {
	underscore := false
	i := 0
	for ; i < len(m) && i < 48; i++ {
		c := m[i]
		if c == '_' {
			underscore = true
			continue
		}
		if !(c >= 'A' && c <= 'Z' || isDigit(c)) {
			break
		}
	}
	if i < 4 || !underscore || i+1 >= len(m) || m[i] != ':' || m[i+1] != ' ' || !(m[0] >= 'A' && m[0] <= 'Z') {
		return 0
	}
	return i
}

func decodeJunos(ev *Event) {
	ev.Vendor = VendorJuniper
	if ev.MsgID == "" {
		if n := junosName(ev.Message); n > 0 {
			ev.MsgID, ev.Message = ev.Message[:n], ev.Message[n+2:]
		}
	}
	for _, f := range ev.Fields {
		switch f.Key {
		case "username":
			ev.User = f.Value
		case "source-address":
			ev.Src = f.Value
		case "source-port":
			ev.SrcPort = f.Value
		case "destination-address":
			ev.Dst = f.Value
		case "destination-port":
			ev.DstPort = f.Value
		case "service-name":
			ev.Service = f.Value
		case "packet-incoming-interface", "interface-name":
			ev.Iface = f.Value
		}
	}
	m := ev.Message
	switch id := ev.MsgID; {
	case id == "SSHD_LOGIN_FAILED":
		ev.Kind = KindAuthFailure
		ev.Service = "ssh"
		if ev.User == "" {
			ev.User = between(m, "user '", "'")
		}
		if ev.Src == "" {
			ev.Src = between(m, "host '", "'")
		}
	case id == "LOGIN_FAILED" || id == "UI_LOGIN_FAILED":
		ev.Kind = KindAuthFailure
		if ev.User == "" {
			ev.User = between(m, "user '", "'")
		}
	case id == "UI_LOGIN_EVENT":
		ev.Kind = KindAuthSuccess
		if ev.User == "" {
			ev.User = between(m, "User '", "'")
		}
		if c := between(m, "-connection '", "'"); c != "" && ev.Src == "" {
			ev.Src = firstToken(c)
		}
		if i := strings.Index(m, "-connection '"); i > 0 && ev.Service == "" {
			ev.Service = m[strings.LastIndexByte(m[:i], ' ')+1 : i]
		}
	case id == "UI_LOGOUT_EVENT":
		ev.Kind = KindLogout
		ev.User = between(m, "User '", "'")
	case id == "UI_COMMIT":
		ev.Kind = KindConfigChange
		if ev.User == "" {
			ev.User = between(m, "User '", "'")
		}
	case id == "UI_CMDLINE_READ_LINE":
		cmd := between(m, "command '", "'")
		ev.addField("", "command", cmd)
		if ev.User == "" {
			ev.User = between(m, "User '", "'")
		}
		switch {
		case hasPrefix(cmd, "clear log"):
			ev.Kind = KindLogCleared
		case hasPrefix(cmd, "set date"):
			ev.Kind = KindClockChange
		case hasPrefix(cmd, "request system software add"):
			ev.Kind = KindUpdate
		}
	case id == "RT_FLOW_SESSION_DENY" || id == "RT_FLOW_SESSION_CREATE":
		ev.Kind = KindConnection
		if id == "RT_FLOW_SESSION_DENY" {
			ev.Kind = KindDenied
		}
		if ev.Src == "" {
			flow := firstToken(between(m, "session ", "")) // created/denied
			rest := between(m, "session "+flow+" ", "")
			pair, rest := token(rest)
			s, d, _ := strings.Cut(pair, "->")
			ev.Src, ev.SrcPort = splitSlashPort(s)
			ev.Dst, ev.DstPort = splitSlashPort(d)
			_, rest = token(rest) // 0x0
			svc, _ := token(rest)
			ev.Service = svc
		}
	case hasPrefix(id, "RT_SCREEN_"):
		ev.Kind = KindScan
		if containsFold(m, "flood") {
			ev.Kind = KindFlood
		}
		if ev.Src == "" {
			ev.Src, ev.SrcPort = splitAddrPort(firstToken(between(m, "source: ", "")))
			ev.Dst, ev.DstPort = splitAddrPort(firstToken(between(m, "destination: ", "")))
		}
	case id == "RT_IDP_ATTACK_LOG_EVENT" || id == "IDP_ATTACK_LOG_EVENT":
		ev.Kind = KindScan
	case id == "SNMP_TRAP_LINK_UP":
		ev.Kind = KindLinkUp
		ev.Iface = firstToken(between(m, "ifName ", ""))
	case id == "KMD_VPN_UP_ALARM_USER":
		ev.Kind = KindTunnelUp
	}
}

// ---- FortiGate ----

func (p *Parser) decodeFortinet(ev *Event) {
	ev.Vendor = VendorFortinet
	m := ev.Message
	var date, clock, tz, typ, sub, action, status, logdesc string
	for len(m) > 0 {
		m = skipSpaces(m)
		eq := strings.IndexByte(m, '=')
		if eq <= 0 {
			break
		}
		k := m[:eq]
		if strings.IndexByte(k, ' ') >= 0 {
			// not key=value: skip a word
			_, m = token(m)
			continue
		}
		m = m[eq+1:]
		var v string
		if hasPrefix(m, "\"") {
			j := strings.IndexByte(m[1:], '"')
			if j < 0 {
				v, m = m[1:], ""
			} else {
				v, m = m[1:j+1], m[j+2:]
			}
		} else {
			v, m = token(m)
		}
		ev.addField("", k, v)
		switch k {
		case "date":
			date = v
		case "time":
			clock = v
		case "tz":
			tz = v
		case "devname":
			if ev.Host == "" {
				ev.Host = v
			}
		case "logid":
			ev.MsgID = v
		case "type":
			typ = v
		case "subtype":
			sub = v
		case "level":
			if ev.Priority < 0 {
				ev.Severity = severityCode(v)
			}
		case "action":
			action = v
		case "status":
			status = v
		case "logdesc":
			logdesc = v
		case "user":
			ev.User = v
		case "srcip":
			ev.Src = v
		case "srcport":
			ev.SrcPort = v
		case "dstip":
			ev.Dst = v
		case "dstport":
			ev.DstPort = v
		case "service":
			ev.Service = v
		case "srcmac", "mac":
			ev.MAC = v
		case "ip":
			if ev.Src == "" {
				ev.Src = v
			}
		case "ui":
			// "https(198.51.100.7)"
			if i := strings.IndexByte(v, '('); i > 0 && v[len(v)-1] == ')' {
				ev.Service = v[:i]
				if ev.Src == "" {
					ev.Src = v[i+1 : len(v)-1]
				}
			}
		case "dstintf":
			ev.Iface = v
		case "reason":
			ev.Reason = v
		case "proto":
			ev.Proto = protoName(v)
		}
	}
	p.fortiTime(ev, date, clock, tz)
	switch typ {
	case "traffic":
		switch action {
		case "deny", "block", "dropped", "blocked":
			ev.Kind = KindDenied
		case "":
		default:
			ev.Kind = KindConnection
		}
	case "utm":
		switch {
		case sub == "anomaly" && containsFold(fieldOr(ev, "attack"), "flood"):
			ev.Kind = KindFlood
		case sub == "ips" || sub == "anomaly":
			ev.Kind = KindScan
		}
	case "event":
		switch {
		case action == "login" && status == "failed":
			ev.Kind = KindAuthFailure
		case action == "login" && status == "success":
			ev.Kind = KindAuthSuccess
		case action == "logout":
			ev.Kind = KindLogout
		case containsFold(logdesc, "tunnel up"):
			ev.Kind = KindTunnelUp
		case containsFold(logdesc, "log") && (containsFold(logdesc, "delete") || containsFold(logdesc, "clear")):
			ev.Kind = KindLogCleared
		case containsFold(logdesc, "time") && containsFold(logdesc, "change"):
			ev.Kind = KindClockChange
		case containsFold(logdesc, "upgrade") || containsFold(logdesc, "firmware"):
			ev.Kind = KindUpdate
		case containsFold(logdesc, "configured") || action == "Edit" || action == "Add" || action == "Delete":
			ev.Kind = KindConfigChange
		case containsFold(logdesc, "DHCP Ack"):
			ev.Kind = KindDHCPLease
		case sub == "wireless" && containsFold(logdesc, "associat"):
			ev.Kind = KindWirelessAssoc
		}
	}
}

func fieldOr(ev *Event, k string) string {
	v, _ := ev.Field(k)
	return v
}

func protoName(n string) string {
	switch n {
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	}
	return n
}

// fortiTime sets the time from date=2026-11-20 time=10:15:32 tz="+0900"
// when the header had none, or only an inferred year or no zone.
func (p *Parser) fortiTime(ev *Event, date, clock, tz string) {
	const weak = TimeMissing | TimeYearInferred | TimeYearMissing | TimeZoneMissing
	if len(date) != 10 || clock == "" || ev.TimeQuality&weak == 0 {
		return
	}
	y, ok1 := num(date, 0, 4)
	mo, ok2 := num(date, 5, 2)
	d, ok3 := num(date, 8, 2)
	h, mi, sec, ns, _, ok4 := hms(clock, 0)
	if !ok1 || !ok2 || !ok3 || !ok4 || !validDate(y, time.Month(mo), d) {
		return
	}
	var loc *time.Location
	zone := false
	if len(tz) == 5 && (tz[0] == '+' || tz[0] == '-') {
		oh, ok1 := num(tz, 1, 2)
		om, ok2 := num(tz, 3, 2)
		if ok1 && ok2 {
			off := oh*3600 + om*60
			if tz[0] == '-' {
				off = -off
			}
			loc, zone = p.fixed(off), true
		}
	}
	ev.TimeQuality &^= weak
	p.setTime(ev, y, time.Month(mo), d, h, mi, sec, ns, loc, zone)
}

// asteriskTime takes the time of an Asterisk security event from its
// EventTV field when the header's was weaker: "2026-11-20T10:00:00.123+0900"
// (Asterisk 11+) or "1368439853-500975" (seconds-microseconds, older).
func (p *Parser) asteriskTime(ev *Event) {
	const weak = TimeMissing | TimeYearInferred | TimeYearMissing | TimeZoneMissing
	tv, ok := ev.Field("EventTV")
	if !ok || ev.TimeQuality&weak == 0 {
		return
	}
	if sec, usec, ok := strings.Cut(tv, "-"); ok && len(sec) >= 9 && digits(sec) == len(sec) && digits(usec) == len(usec) && len(usec) <= 6 && len(sec) <= 12 {
		us := atoi(usec)
		for range 6 - len(usec) {
			us *= 10
		}
		ev.Time = time.Unix(int64(atoi(sec)), int64(us)*1000).UTC()
		ev.TimeQuality &^= weak
		return
	}
	if len(tv) < 24 {
		return
	}
	z := tv[len(tv)-5:]
	if z[0] != '+' && z[0] != '-' {
		return
	}
	oh, ok1 := num(z, 1, 2)
	om, ok2 := num(z, 3, 2)
	y, ok3 := num(tv, 0, 4)
	mo, ok4 := num(tv, 5, 2)
	d, ok5 := num(tv, 8, 2)
	h, mi, sec, ns, end, ok6 := hms(tv, 11)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || end != len(tv)-5 || tv[10] != 'T' || !validDate(y, time.Month(mo), d) {
		return
	}
	off := oh*3600 + om*60
	if z[0] == '-' {
		off = -off
	}
	ev.TimeQuality &^= weak
	p.setTime(ev, y, time.Month(mo), d, h, mi, sec, ns, p.fixed(off), true)
}
