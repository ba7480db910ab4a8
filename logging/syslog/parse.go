package syslog

import (
	"errors"
	"strings"
	"time"
)

// ErrEmpty is returned for an empty or blank record.
var ErrEmpty = errors.New("empty record")

// Options tune a [Parser]. The zero value never invents anything: a
// missing year stays year 0 (flagged [TimeYearMissing]) and a missing zone
// is read as UTC (flagged [TimeZoneMissing]).
type Options struct {
	// Reference is the time a year-less stamp is placed before: the
	// stamp gets the latest year that puts it no more than a day after
	// Reference, flagged [TimeYearInferred]. Use the file's modification
	// time or the receipt time. Zero leaves the year missing.
	Reference time.Time
	// Location is the zone assumed for stamps without one; nil means UTC.
	// Such stamps are flagged [TimeZoneMissing] either way.
	Location *time.Location
}

// Parser parses log records of any of the supported shapes into
// [Event]s: RFC 3164 (with or without PRI, host-less, Cisco counters,
// sequence numbers, host prefix and "*"/"." clock markers, year and zone
// in the stamp), RFC 5424 with structured data, OpenWrt logread,
// Yamaha RTX "show log", MikroTik "/log print", Asterisk's own log format
// and header-less vendor bodies; then decodes the body of Cisco IOS,
// Junos, MikroTik RouterOS, Yamaha RTX, OpenWrt (dropbear, hostapd,
// dnsmasq, netifd), OpenSSH, FortiGate and Asterisk messages.
//
// A Parser keeps a small cache of time zones and is not safe for
// concurrent use; use one per goroutine.
type Parser struct {
	ref     time.Time
	refYear int
	limit   time.Time // ref + 24h
	loc     *time.Location
	zones   map[int]*time.Location
	// hostless is set by clock for stamp forms that are never followed
	// by a host name (Yamaha "show log", MikroTik "/log print").
	hostless bool
}

// NewParser returns a parser; o may be nil.
func NewParser(o *Options) *Parser {
	p := &Parser{loc: time.UTC, zones: map[int]*time.Location{0: time.UTC}}
	if o != nil {
		p.ref = o.Reference
		if o.Location != nil {
			p.loc = o.Location
		}
	}
	p.refYear, p.limit = p.ref.Year(), p.ref.Add(24*time.Hour)
	return p
}

// Parse parses one record (without its framing) into ev, reusing ev's
// Fields. It copies line once; ev's strings stay valid after line is
// reused. It returns [ErrEmpty] for a blank record; anything else yields
// an event, with what could not be parsed left empty.
func (p *Parser) Parse(line []byte, ev *Event) error {
	line = trimEOL(line)
	if isBlank(line) {
		ev.Reset()
		return ErrEmpty
	}
	return p.ParseString(string(line), ev)
}

// ParseString is [Parser.Parse] on a string; it does not allocate for
// most records.
func (p *Parser) ParseString(s string, ev *Event) error {
	ev.Reset()
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r' || s[len(s)-1] == 0) {
		s = s[:len(s)-1]
	}
	ev.Raw = s
	if strings.TrimSpace(s) == "" {
		return ErrEmpty
	}
	p.header(s, ev)
	p.decode(ev)
	ev.Class = ClassOf(ev.Kind)
	return nil
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == 0) {
		b = b[:len(b)-1]
	}
	return b
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits returns the length of the run of ASCII digits at the start of s.
func digits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
		if n > 1<<30 {
			return -1
		}
	}
	return n
}

func skipSpaces(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}

// token returns the text before the first space and the rest after it.
func token(s string) (tok, rest string) {
	i := strings.IndexByte(s, ' ')
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}

func (p *Parser) header(s string, ev *Event) {
	if s[0] == '[' && p.asteriskOwn(s, ev) {
		return
	}
	rest := s
	hasPRI := false
	if s[0] == '<' {
		if pri, n := parsePRI(s); n > 0 {
			ev.Priority, ev.Facility, ev.Severity = pri, pri/8, pri%8
			rest = s[n:]
			hasPRI = true
		}
	}
	if hasPRI && len(rest) > 2 && rest[0] >= '1' && rest[0] <= '9' && rest[1] == ' ' {
		p.rfc5424(rest[2:], ev)
		return
	}
	p.rfc3164(rest, hasPRI, ev)
}

// parsePRI parses "<N>" with 1-3 digits and N ≤ 191; n is 0 when s does
// not start with a valid PRI.
func parsePRI(s string) (pri, n int) {
	d := digits(s[1:])
	if d == 0 || d > 3 || len(s) <= 1+d || s[1+d] != '>' {
		return 0, 0
	}
	if d > 1 && s[1] == '0' {
		return 0, 0
	}
	v := atoi(s[1 : 1+d])
	if v > 191 {
		return 0, 0
	}
	return v, d + 2
}

func (p *Parser) rfc3164(rest string, hasPRI bool, ev *Event) {
	// Cisco: "<189>: ", message counter "57: " and sequence "000485: ".
	if hasPRI && strings.HasPrefix(rest, ": ") {
		rest = rest[2:]
	}
	for range 2 {
		n := digits(rest)
		if n == 0 || n+1 >= len(rest) || rest[n] != ':' || rest[n+1] != ' ' {
			break
		}
		if ev.Counter == "" && hasPRI {
			ev.Counter = rest[:n]
		} else {
			ev.Sequence = rest[:n]
		}
		rest = rest[n+2:]
	}
	// Cisco host prefix "router1: *Jan  8 …".
	if tok, after := token(rest); len(tok) > 1 && tok[len(tok)-1] == ':' && validHost(tok[:len(tok)-1]) {
		if _, ok := p.clock(after, &Event{}); ok {
			ev.Host = tok[:len(tok)-1]
			rest = after
		}
	}
	p.hostless = false
	n, ok := p.clock(rest, ev)
	if !ok {
		ev.TimeQuality |= TimeMissing
		ev.Message = rest
		return
	}
	rest = rest[n:]
	// Cisco ends the stamp with ':'; Yamaha "show log" too.
	if len(rest) > 0 && rest[0] == ':' {
		rest = rest[1:]
	}
	rest = skipSpaces(rest)
	if len(rest) > 0 && rest[0] == '%' || p.hostless {
		ev.Message = rest
		return
	}
	// OpenWrt logread: "daemon.info dnsmasq-dhcp[1]: …".
	if tok, after := token(rest); strings.IndexByte(tok, '.') > 0 {
		if fac, sev, ok := facilityLevel(tok); ok {
			if ev.Priority < 0 {
				ev.Facility, ev.Severity = fac, sev
			}
			rest = after
			if t, after2, ok := tag(rest); ok {
				ev.App, ev.PID = splitTag(t)
				rest = after2
			}
			ev.Message = rest
			return
		}
	}
	if t, after, ok := tag(rest); ok {
		ev.App, ev.PID = splitTag(t)
		ev.Message = after
		return
	}
	tok, after := token(rest)
	if after != "" && validHost(tok) {
		ev.Host = tok
		rest = after
		if t, after2, ok := tag(rest); ok {
			ev.App, ev.PID = splitTag(t)
			rest = after2
		}
	}
	ev.Message = rest
}

// tag reports whether s starts with a syslog tag "app:" or "app[pid]:"
// followed by a space or the end; t is the tag without the colon.
func tag(s string) (t, rest string, ok bool) {
	for i := 0; i < len(s) && i < 64; i++ {
		c := s[i]
		switch {
		case c == ':':
			if i == 0 || (i+1 < len(s) && s[i+1] != ' ') {
				return "", s, false
			}
			if i+1 >= len(s) {
				return s[:i], "", true
			}
			return s[:i], s[i+2:], true
		case c == ' ', c == '=', c == ',', c == '"', c == '%', c == '(', c == ')', c == '<':
			return "", s, false
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 || i+j+1 >= len(s) || s[i+j+1] != ':' {
				return "", s, false
			}
			if i == 0 {
				return "", s, false
			}
			end := i + j + 1
			if end+1 < len(s) && s[end+1] != ' ' {
				return "", s, false
			}
			if end+1 >= len(s) {
				return s[:end], "", true
			}
			return s[:end], s[end+2:], true
		}
	}
	return "", s, false
}

func splitTag(t string) (app, pid string) {
	if i := strings.IndexByte(t, '['); i > 0 && t[len(t)-1] == ']' {
		return t[:i], t[i+1 : len(t)-1]
	}
	return t, ""
}

func validHost(s string) bool {
	if s == "" || len(s) > 255 || s == "-" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '-' || c == '_' || c == ':') {
			return false
		}
	}
	return true
}

var facilities = [...]string{"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"}

func facilityLevel(tok string) (fac, sev int, ok bool) {
	i := strings.IndexByte(tok, '.')
	f, l := tok[:i], tok[i+1:]
	fac = -1
	for n, name := range facilities {
		if name == f {
			fac = n
			break
		}
	}
	if fac < 0 {
		return 0, 0, false
	}
	sev = severityCode(l)
	if sev < 0 {
		return 0, 0, false
	}
	return fac, sev, true
}

// severityCode maps severity keywords (RFC 5424, BusyBox, vendor
// spellings, any case) to their code; -1 when unknown.
func severityCode(s string) int {
	if len(s) > 13 {
		return -1
	}
	var buf [13]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(s)]) {
	case "emerg", "emergency", "emergencies", "panic":
		return 0
	case "alert", "alerts":
		return 1
	case "crit", "critical":
		return 2
	case "err", "error", "errors":
		return 3
	case "warn", "warning", "warnings":
		return 4
	case "notice", "notifications", "notification", "security":
		return 5
	case "info", "informational", "information", "verbose", "dtmf":
		return 6
	case "debug", "debugging", "trace":
		return 7
	}
	return -1
}

func (p *Parser) rfc5424(s string, ev *Event) {
	// TIMESTAMP
	tok, rest := token(s)
	if tok == "-" {
		ev.TimeQuality |= TimeMissing
	} else if n, ok := p.rfc3339(tok, ev); !ok || n != len(tok) {
		ev.TimeQuality |= TimeMissing
		ev.Time = time.Time{}
	}
	fields := [4]string{}
	for i := range fields {
		fields[i], rest = token(rest)
		if fields[i] == "-" {
			fields[i] = ""
		}
	}
	ev.Host, ev.App, ev.PID, ev.MsgID = fields[0], fields[1], fields[2], fields[3]
	// STRUCTURED-DATA
	if strings.HasPrefix(rest, "-") {
		rest = rest[1:]
	} else {
		for len(rest) > 0 && rest[0] == '[' {
			n := p.sdElement(rest, ev)
			if n <= 0 {
				break
			}
			rest = rest[n:]
		}
	}
	rest = skipSpaces(rest)
	rest = strings.TrimPrefix(rest, "\ufeff")
	ev.Message = rest
}

// sdElement parses one "[id k="v" …]" and returns its length, 0 when
// malformed (the rest is then the message).
func (p *Parser) sdElement(s string, ev *Event) int {
	i := 1
	start := i
	for i < len(s) && s[i] != ' ' && s[i] != ']' {
		i++
	}
	if i >= len(s) {
		return 0
	}
	id := s[start:i]
	mark := len(ev.Fields)
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == ']' {
			return i + 1
		}
		ks := i
		for i < len(s) && s[i] != '=' && s[i] != ' ' && s[i] != ']' {
			i++
		}
		if i+1 >= len(s) || s[i] != '=' || s[i+1] != '"' {
			ev.Fields = ev.Fields[:mark]
			return 0
		}
		key := s[ks:i]
		i += 2
		vs := i
		for i < len(s) && s[i] != '"' {
			if s[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(s) {
			ev.Fields = ev.Fields[:mark]
			return 0
		}
		ev.addField(id, key, unescapeSD(s[vs:i]))
		i++
	}
	ev.Fields = ev.Fields[:mark]
	return 0
}

func unescapeSD(v string) string {
	if strings.IndexByte(v, '\\') < 0 {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\' || v[i+1] == ']') {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// asteriskOwn parses Asterisk's own log format
// "[2013-07-06 09:09:25] SECURITY[3308] res_security_log.c: …"
// (optionally with a call ID "[C-00000001]" after the thread).
func (p *Parser) asteriskOwn(s string, ev *Event) bool {
	end := strings.IndexByte(s, ']')
	if end < 0 || end > 40 {
		return false
	}
	var tmp Event
	tmp.Reset()
	n, ok := p.clock(s[1:end], &tmp)
	if !ok || n != end-1 {
		return false
	}
	rest := s[end+1:]
	if len(rest) == 0 || rest[0] != ' ' {
		return false
	}
	rest = rest[1:]
	lb := strings.IndexByte(rest, '[')
	if lb <= 0 {
		return false
	}
	level := rest[:lb]
	rb := strings.IndexByte(rest[lb:], ']')
	if rb < 0 {
		return false
	}
	pid := rest[lb+1 : lb+rb]
	rest = rest[lb+rb+1:]
	if strings.HasPrefix(rest, "[C-") {
		if j := strings.IndexByte(rest, ']'); j > 0 {
			ev.addField("", "call_id", rest[1:j])
			rest = rest[j+1:]
		}
	}
	rest = skipSpaces(rest)
	file, msg, found := strings.Cut(rest, ": ")
	if !found || strings.IndexByte(file, ' ') >= 0 {
		file, msg = "", rest
	}
	ev.Time, ev.TimeQuality = tmp.Time, tmp.TimeQuality
	ev.PID, ev.Vendor = pid, VendorAsterisk
	if sev := severityCode(level); sev >= 0 {
		ev.Severity = sev
	}
	if file != "" {
		ev.addField("", "file", file)
	}
	ev.addField("", "level", level)
	ev.Message = msg
	return true
}
