package syslog

import "strings"

// ---- OpenWrt ----

func decodeDropbear(ev *Event) {
	m := stripJournalPrefix(ev.Message)
	switch {
	case hasPrefixFold(m, "Bad password attempt for '"):
		ev.Kind = KindAuthFailure
		ev.User = between(m, "for '", "'")
		ev.Src, ev.SrcPort = splitAddrPort(firstToken(between(m, "' from ", "")))
	case hasPrefixFold(m, "Login attempt for nonexistent user"):
		ev.Kind = KindAuthFailure
		ev.Reason = "nonexistent user"
		ev.User = between(m, "user '", "'")
		ev.Src, ev.SrcPort = splitAddrPort(firstToken(between(m, " from ", "")))
	case strings.Contains(m, " auth succeeded for '"):
		ev.Kind = KindAuthSuccess
		ev.User = between(m, "for '", "'")
		ev.Src, ev.SrcPort = splitAddrPort(firstToken(between(m, " from ", "")))
	case hasPrefixFold(m, "Exit before auth") && strings.Contains(m, "Max auth tries reached"):
		ev.Kind = KindAuthLockout
		ev.User = between(m, "user '", "'")
		if strings.Contains(m, "from <") {
			ev.Src, ev.SrcPort = splitAddrPort(between(m, "from <", ">"))
		} else {
			ev.Src, ev.SrcPort = splitAddrPort(firstToken(between(m, " from ", "")))
		}
	}
	if ev.Kind != KindOther {
		ev.Service = "ssh"
	}
}

// stripJournalPrefix drops the "[pid] Mon DD HH:MM:SS " that dropbear
// repeats in its message when it logs to the journal as well as syslog.
func stripJournalPrefix(m string) string {
	if len(m) < 3 || m[0] != '[' {
		return m
	}
	j := strings.IndexByte(m, ']')
	if j < 2 || j > 12 {
		return m
	}
	rest := skipSpaces(m[j+1:])
	// "Jul 10 23:53:52 " is 16 bytes: month, day, time.
	if len(rest) > 16 && rest[3] == ' ' && rest[6] == ' ' && rest[9] == ':' && rest[12] == ':' && rest[15] == ' ' {
		return rest[16:]
	}
	return m
}

// hasPrefixFold is hasPrefix ignoring ASCII case: older dropbear writes
// "bad password attempt", newer "Bad password attempt".
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func decodeHostapd(ev *Event) {
	// "wlan0: AP-STA-CONNECTED 00:11:22:33:44:55 auth_alg=open"
	iface, rest, ok := strings.Cut(ev.Message, ": ")
	if !ok {
		return
	}
	if hasPrefix(rest, "AP-STA-CONNECTED ") {
		ev.Kind = KindWirelessAssoc
		ev.Iface = iface
		ev.MAC = firstToken(rest[len("AP-STA-CONNECTED "):])
	}
}

func decodeDnsmasq(ev *Event) {
	// "DHCPACK(br-lan) 192.168.1.150 00:11:22:33:44:55 laptop"
	m := ev.Message
	if !hasPrefix(m, "DHCPACK(") {
		return
	}
	j := strings.IndexByte(m, ')')
	if j < 0 {
		return
	}
	ev.Kind = KindDHCPLease
	ev.Iface = m[len("DHCPACK("):j]
	ip, rest := token(skipSpaces(m[j+1:]))
	mac, rest := token(rest)
	ev.Src, ev.MAC = ip, mac
	if rest != "" {
		ev.addField("", "hostname", rest)
	}
}

func decodeNetifd(ev *Event) {
	// "Interface 'wan' is now up"
	m := ev.Message
	if hasPrefix(m, "Interface '") && strings.HasSuffix(m, "' is now up") {
		ev.Kind = KindLinkUp
		ev.Iface = between(m, "'", "'")
	}
}

// ---- OpenSSH ----

func decodeSSHD(ev *Event) {
	m := ev.Message
	ev.Service = "ssh"
	switch {
	case hasPrefix(m, "Failed ") && strings.Contains(m, " for "):
		ev.Kind = KindAuthFailure
		u := between(m, " for ", " from ")
		if strings.HasPrefix(u, "invalid user ") {
			u = u[len("invalid user "):]
			ev.Reason = "invalid user"
		}
		ev.User = u
		ev.Src = firstToken(between(m, " from ", ""))
		ev.SrcPort = firstToken(between(m, " port ", ""))
	case hasPrefix(m, "Invalid user "):
		ev.Kind = KindAuthFailure
		ev.Reason = "invalid user"
		ev.User = between(m, "Invalid user ", " from ")
		ev.Src = firstToken(between(m, " from ", ""))
		ev.SrcPort = firstToken(between(m, " port ", ""))
	case hasPrefix(m, "Accepted "):
		ev.Kind = KindAuthSuccess
		ev.User = between(m, " for ", " from ")
		ev.Src = firstToken(between(m, " from ", ""))
		ev.SrcPort = firstToken(between(m, " port ", ""))
	case strings.Contains(m, "maximum authentication attempts exceeded"):
		ev.Kind = KindAuthLockout
		u := between(m, " for ", " from ")
		ev.User = strings.TrimPrefix(u, "invalid user ")
		ev.Src = firstToken(between(m, " from ", ""))
	case hasPrefix(m, "Did not receive identification string from ") || strings.Contains(m, "POSSIBLE BREAK-IN ATTEMPT"):
		ev.Kind = KindScan
		ev.Src = firstToken(between(m, " from ", ""))
		if ev.Src == "" {
			ev.Src = between(m, "[", "]")
		}
	case hasPrefix(m, "pam_unix(sshd:auth): authentication failure;"):
		ev.Kind = KindAuthFailure
		ev.Src = firstToken(between(m, "rhost=", ""))
		ev.User = firstToken(between(m, " user=", ""))
	default:
		ev.Service = ""
	}
}

// ---- Asterisk ----

func decodeAsterisk(ev *Event) {
	ev.Vendor = VendorAsterisk
	m := ev.Message
	// syslog form: "NOTICE[1256]: chan_sip.c:25632 in handle_request_register: …"
	if lb := strings.IndexByte(m, '['); lb > 0 && lb < 12 && severityCode(m[:lb]) >= 0 {
		if rb := strings.Index(m, "]: "); rb > lb {
			if ev.Priority < 0 {
				ev.Severity = severityCode(m[:lb])
			}
			m = m[rb+3:]
			if i := strings.Index(m, ": "); i > 0 && strings.Contains(m[:i], ".c:") {
				m = m[i+2:]
			}
			ev.Message = m
		}
	}
	// Asterisk's own log format may also name the source line and
	// function: "chan_sip.c:28468 handle_request_register: …".
	if i := strings.Index(m, ": "); i > 0 && strings.Contains(m[:i], ".c:") && strings.IndexByte(m[:i], '\'') < 0 {
		m = m[i+2:]
		ev.Message = m
	}
	switch {
	case hasPrefix(m, "SecurityEvent="):
		asteriskSecurity(ev, m)
	case hasPrefix(m, "Registration from '") && strings.Contains(m, "' failed for '"):
		ev.Kind = KindAuthFailure
		ev.Service = "sip"
		ev.User = sipUser(between(m, "Registration from '", "' failed"))
		ev.Src, ev.SrcPort = splitAddrPort(between(m, "' failed for '", "'"))
		ev.Reason = between(m, "' - ", "")
	case hasPrefix(m, "Request '") && strings.Contains(m, "' failed for '"):
		ev.Kind = KindAuthFailure
		ev.Service = "sip"
		ev.User = sipUser(between(m, "' from '", "' failed"))
		ev.Src, ev.SrcPort = splitAddrPort(between(m, "' failed for '", "'"))
		ev.Reason = between(m, ") - ", "")
	case hasPrefix(m, "Request from '") && strings.Contains(m, "' failed for '"):
		// res_pjsip distributor: no endpoint, ACL or authentication.
		ev.Kind = KindAuthFailure
		ev.Service = "sip"
		ev.User = sipUser(between(m, "Request from '", "' failed"))
		ev.Src, ev.SrcPort = splitAddrPort(between(m, "' failed for '", "'"))
		ev.Reason = between(m, ") - ", "")
	case hasPrefix(m, "Host ") && (strings.Contains(m, " failed to authenticate as '") || strings.Contains(m, " failed MD5 authentication for '")):
		// chan_iax2.
		ev.Kind = KindAuthFailure
		ev.Service = "iax2"
		ev.Src = firstToken(m[len("Host "):])
		ev.User = between(m, " as '", "'")
		if ev.User == "" {
			ev.User = between(m, " for '", "'")
		}
	case hasPrefix(m, "No registration for peer '") && strings.Contains(m, "(from "):
		ev.Kind = KindAuthFailure
		ev.Service = "iax2"
		ev.User = between(m, "peer '", "'")
		ev.Src = between(m, "(from ", ")")
	case strings.Contains(m, " failed to authenticate as '") || strings.Contains(m, " tried to authenticate with nonexistent user '"):
		// manager.c: the Asterisk Manager Interface (AMI).
		ev.Kind = KindAuthFailure
		ev.Service = "ami"
		ev.Src = firstToken(m)
		ev.User = between(m, " as '", "'")
		if strings.Contains(m, " tried to authenticate with nonexistent user '") {
			ev.User = between(m, "nonexistent user '", "'")
			ev.Reason = "nonexistent user"
		}
	case hasPrefix(m, "hacking attempt detected '"):
		ev.Kind = KindScan
		ev.Service = "sip"
		ev.Src = between(m, "detected '", "'")
		ev.Reason = "hacking attempt"
	case strings.Contains(m, "Rejecting unknown SIP connection from "):
		ev.Kind = KindScan
		ev.Service = "sip"
		ev.Src = strings.TrimRight(firstToken(between(m, "connection from ", "")), "\"")
		ev.Reason = "unknown SIP connection"
	case hasPrefix(m, "Call from '") && strings.Contains(m, "rejected because extension not found"):
		ev.Kind = KindScan
		ev.Service = "sip"
		ev.Src, ev.SrcPort = splitAddrPort(between(m, "(", ")"))
		ev.addField("", "extension", between(m, "to extension '", "'"))
		ev.Reason = "extension not found"
	}
}

// sipUser returns "100" of `"Alice" <sip:100@192.0.2.10>;tag=…`.
func sipUser(s string) string {
	u := between(s, "sip:", "@")
	if u == "" {
		return ""
	}
	return u
}

func asteriskSecurity(ev *Event, m string) {
	ev.Service = "sip"
	for len(m) > 0 {
		eq := strings.IndexByte(m, '=')
		if eq <= 0 || eq+1 >= len(m) {
			break
		}
		k := m[:eq]
		m = m[eq+1:]
		var v string
		if m[0] == '"' {
			j := strings.IndexByte(m[1:], '"')
			if j < 0 {
				v, m = m[1:], ""
			} else {
				v, m = m[1:j+1], m[j+2:]
			}
		} else {
			j := strings.IndexByte(m, ',')
			if j < 0 {
				v, m = m, ""
			} else {
				v, m = m[:j], m[j:]
			}
		}
		m = strings.TrimPrefix(m, ",")
		switch k {
		case "SecurityEvent":
			ev.MsgID = v
		case "AccountID":
			ev.User = v
		case "Service":
			ev.Service = strings.ToLower(v)
		case "RemoteAddress":
			// IPV4/UDP/198.51.100.7/5084
			parts := strings.SplitN(v, "/", 4)
			if len(parts) == 4 {
				ev.Proto, ev.Src, ev.SrcPort = strings.ToLower(parts[1]), parts[2], parts[3]
			}
		case "Challenge", "ReceivedChallenge", "ReceivedHash", "ExpectedResponse", "ReceivedResponse", "Response":
			continue // nonces and digests: not kept
		}
		ev.addField("", k, v)
	}
	switch ev.MsgID {
	case "InvalidPassword", "ChallengeResponseFailed", "InvalidAccountID", "AuthMethodNotAllowed":
		ev.Kind = KindAuthFailure
	case "SuccessfulAuth":
		ev.Kind = KindAuthSuccess
	case "InvalidTransport":
		ev.Kind = KindDenied
	case "FailedACL", "UnexpectedAddress", "RequestBadFormat", "RequestNotAllowed", "RequestNotSupported":
		ev.Kind = KindScan
	case "SessionLimit", "MemoryLimit", "LoadAverageLimit":
		ev.Kind = KindFlood
	}
}

// ---- MikroTik RouterOS ----

var mikrotikSeverity = [...]struct {
	name string
	sev  int
}{{"critical", 2}, {"error", 3}, {"warning", 4}, {"info", 6}, {"debug", 7}}

// mikrotikTopics reports whether tok is a RouterOS topic list such as
// "system,error,critical" and returns the severity it names.
func mikrotikTopics(tok string) (int, bool) {
	if strings.IndexByte(tok, ',') < 0 || len(tok) > 64 {
		return -1, false
	}
	sev := -1
	for t := range strings.SplitSeq(tok, ",") {
		if t == "" {
			return -1, false
		}
		for i := 0; i < len(t); i++ {
			if c := t[i]; !(c >= 'a' && c <= 'z' || c == '-' || isDigit(c)) {
				return -1, false
			}
		}
		for _, s := range mikrotikSeverity {
			if t == s.name && (sev < 0 || s.sev < sev) {
				sev = s.sev
			}
		}
	}
	return sev, sev >= 0
}

func decodeMikroTik(ev *Event) bool {
	m := ev.Message
	topics := false
	if tok, rest := token(m); rest != "" {
		if sev, ok := mikrotikTopics(tok); ok {
			topics = true
			if ev.Priority < 0 {
				ev.Severity = sev
			}
			ev.addField("", "topics", tok)
			m = rest
			ev.Message = m
		}
	}
	matched := true
	switch {
	case hasPrefix(m, "login failure for user "):
		ev.Kind = KindAuthFailure
		ev.User = between(m, "for user ", " from ")
		ev.Src = firstToken(between(m, " from ", ""))
		ev.Service = firstToken(between(m, " via ", ""))
	case hasPrefix(m, "user ") && strings.Contains(m, " logged in from "):
		ev.Kind = KindAuthSuccess
		ev.User = between(m, "user ", " logged in")
		ev.Src = firstToken(between(m, " from ", ""))
		ev.Service = firstToken(between(m, " via ", ""))
	case hasPrefix(m, "user ") && strings.Contains(m, " logged out from "):
		ev.Kind = KindLogout
		ev.User = between(m, "user ", " logged out")
		ev.Src = firstToken(between(m, " from ", ""))
	case configBy(m):
		ev.Kind = KindConfigChange
		by := m[strings.LastIndex(m, " by ")+4:]
		ev.User = firstToken(by)
		if strings.Contains(m, "system time") || strings.Contains(m, "clock") {
			ev.Kind = KindClockChange
		}
		if strings.Contains(m, "log ") && strings.Contains(m, "removed") {
			ev.Kind = KindLogCleared
		}
	case strings.Contains(m, " assigned ") && strings.Contains(m, " to ") && topicsOrDHCP(ev, topics):
		// "defconf assigned 192.168.88.254 to 00:11:22:33:44:55"
		ev.Kind = KindDHCPLease
		ev.Iface = firstToken(m)
		ev.Src = firstToken(between(m, " assigned ", ""))
		ev.MAC = firstToken(between(m, " to ", ""))
	case strings.Contains(m, "@") && strings.Contains(m, ": connected") && isMAC(m[:min(strings.IndexByte(m, '@'), 17)]):
		// "00:11:22:33:44:55@wlan1: connected, signal strength -61"
		at := strings.IndexByte(m, '@')
		ev.Kind = KindWirelessAssoc
		ev.MAC = m[:at]
		ev.Iface = between(m, "@", ":")
	case strings.Contains(m, " in:") && strings.Contains(m, " proto "):
		mikrotikFirewall(ev, m)
	case topics && strings.HasSuffix(m, ": connected"):
		ev.Iface = m[:len(m)-len(": connected")]
		ev.Kind = KindLinkUp
		if t, _ := ev.Field("topics"); strings.Contains(t, "ipsec") || strings.Contains(t, "ovpn") || strings.Contains(t, "l2tp") || strings.Contains(t, "sstp") || strings.Contains(t, "pptp") {
			ev.Kind = KindTunnelUp
		}
	default:
		matched = false
	}
	if matched || topics {
		ev.Vendor = VendorMikroTik
		return true
	}
	return false
}

// configBy reports RouterOS "… changed by USER" (added, removed, moved).
func configBy(m string) bool {
	i := strings.LastIndex(m, " by ")
	if i < 0 {
		return false
	}
	head := m[:i]
	return strings.HasSuffix(head, " changed") || strings.HasSuffix(head, " added") || strings.HasSuffix(head, " removed") || strings.HasSuffix(head, " moved") ||
		strings.Contains(head, " changed") || strings.Contains(head, " added") || strings.Contains(head, " removed")
}

func topicsOrDHCP(ev *Event, topics bool) bool {
	if !topics {
		return isMAC(firstToken(between(ev.Message, " to ", "")))
	}
	t, _ := ev.Field("topics")
	return strings.Contains(t, "dhcp")
}

// mikrotikFirewall decodes "[prefix ]chain: in:ether1 out:(unknown 0),
// src-mac 00:…, proto TCP (SYN), 203.0.113.5:4433->192.0.2.1:22, len 44".
func mikrotikFirewall(ev *Event, m string) {
	head := m[:strings.Index(m, " in:")]
	ev.Iface = firstToken(between(m, " in:", ""))
	if out := firstToken(between(m, " out:", "")); out != "" && out != "(unknown" {
		ev.addField("", "out", out)
	}
	ev.MAC = firstToken(between(m, "src-mac ", ""))
	ev.Proto = strings.ToLower(firstToken(between(m, " proto ", "")))
	after := between(m, " proto ", "")
	if i := strings.Index(after, "->"); i > 0 {
		s := after[:i]
		s = s[strings.LastIndexByte(s, ' ')+1:]
		d := firstToken(after[i+2:])
		ev.Src, ev.SrcPort = splitAddrPort(s)
		ev.Dst, ev.DstPort = splitAddrPort(d)
	}
	chain := strings.TrimSuffix(head[strings.LastIndexByte(head, ' ')+1:], ":")
	switch {
	case containsFold(head, "drop") || containsFold(head, "reject") || containsFold(head, "block") || containsFold(head, "deny"):
		ev.Kind = KindDenied
	case containsFold(head, "accept") || containsFold(head, "allow") || chain == "forward" || chain == "output":
		ev.Kind = KindConnection
	default:
		ev.Kind = KindDenied
	}
}

// ---- Yamaha RTX ----

func decodeYamaha(ev *Event) bool {
	m := ev.Message
	switch {
	case strings.Contains(m, " Rejected at "):
		ev.Iface, _ = token(m)
		rest := between(m, "filter: ", "")
		proto, rest := token(rest)
		src, rest := token(rest)
		if isMAC(proto) {
			ev.Kind = KindDeviceRejected
			ev.MAC = proto
			break
		}
		ev.Kind = KindDenied
		_, rest = token(rest) // ">"
		ev.Proto = strings.ToLower(proto)
		ev.Src, ev.SrcPort = splitAddrPort(src)
		ev.Dst, ev.DstPort = splitAddrPort(firstToken(rest))
	case hasPrefix(m, "[INSPECT] "):
		// "[INSPECT] PP[01][out][101] TCP 192.168.100.2:49152 > 203.0.113.80:80 (2026/11/20 10:15:32)"
		rest := m[len("[INSPECT] "):]
		where, rest := token(rest)
		if i := strings.IndexByte(where, ']'); i > 0 {
			ev.Iface = where[:i+1]
			ev.addField("", "direction", between(where[i+1:], "[", "]"))
		}
		proto, rest := token(rest)
		src, rest := token(rest)
		_, rest = token(rest)
		ev.Kind = KindConnection
		ev.Proto = strings.ToLower(proto)
		ev.Src, ev.SrcPort = splitAddrPort(src)
		ev.Dst, ev.DstPort = splitAddrPort(firstToken(rest))
	case hasPrefix(m, "[DHCPD] "):
		// "[DHCPD] LAN1(port1) Allocates 192.168.100.3: 00:a0:de:01:02:03"
		rest := m[len("[DHCPD] "):]
		iface, rest := token(rest)
		verb, rest := token(rest)
		if verb != "Allocates" && verb != "Extends" {
			ev.Vendor = VendorYamaha
			return true
		}
		ip, rest := token(rest)
		ev.Kind = KindDHCPLease
		ev.Iface = iface
		ev.Src = strings.TrimSuffix(ip, ":")
		ev.MAC = firstToken(rest)
	case hasPrefix(m, "Login succeeded for ") || hasPrefix(m, "Login failed for "):
		// "Login failed for TELNET: 203.0.113.5" (optionally " (user)")
		ev.Kind = KindAuthSuccess
		if hasPrefix(m, "Login failed") {
			ev.Kind = KindAuthFailure
		}
		ev.Service = strings.ToLower(between(m, " for ", ":"))
		ev.Src = firstToken(between(m, ": ", ""))
		if u := between(m, "(", ")"); u != "" {
			ev.User = u
		}
	case hasPrefix(m, "Logout from "):
		ev.Kind = KindLogout
		ev.Service = strings.ToLower(between(m, "Logout from ", ":"))
		ev.Src = firstToken(between(m, ": ", ""))
	case hasPrefix(m, "IP Tunnel[") && strings.HasSuffix(m, " Up"):
		ev.Kind = KindTunnelUp
		ev.Iface = m[:strings.IndexByte(m, ']')+1]
	case hasPrefix(m, "[IKE] ") || hasPrefix(m, "[SWCTL] ") || hasPrefix(m, "[SNTPD] ") || hasPrefix(m, "[NTPDATE] "):
		if strings.Contains(m, "link up") {
			ev.Kind = KindLinkUp
			ev.Iface = firstToken(between(m, "] ", ""))
		}
	default:
		return false
	}
	ev.Vendor = VendorYamaha
	return true
}

// ---- generic ----

func decodeGeneric(ev *Event) {
	m := ev.Message
	switch {
	case hasPrefix(m, "Failed password for ") || hasPrefix(m, "Accepted password for ") || hasPrefix(m, "Invalid user "):
		ev.Vendor = VendorLinux
		decodeSSHD(ev)
	case strings.Contains(m, "Clock synchronization lost"):
		ev.Kind = KindClockUnsynced
	}
}
