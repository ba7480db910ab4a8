package review

import (
	"net/netip"
	"strings"
	"time"
)

// Window is a weekly time range: the days it applies to and the time of
// day from From up to To (To may be before From to cross midnight), in
// the zone of each record.
type Window struct {
	Days     []time.Weekday
	From, To time.Duration // since midnight
}

func (w Window) contains(t time.Time, dayKnown bool) bool {
	day := t.Weekday()
	tod := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	in := tod >= w.From && tod < w.To
	if w.To <= w.From { // crosses midnight
		in = tod >= w.From || tod < w.To
		if tod < w.To {
			day = (day + 6) % 7 // belongs to the window that started the day before
		}
	}
	if !in {
		return false
	}
	if !dayKnown || len(w.Days) == 0 {
		return true
	}
	for _, d := range w.Days {
		if d == day {
			return true
		}
	}
	return false
}

// Weekdays is Monday to Friday.
func Weekdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
}

// Options are the allow-lists and thresholds of an [Engine]. The zero
// value is the documented default: each field says what zero means.
type Options struct {
	// Device names the device in findings.
	Device string
	// Location is the zone of time stamps that carry none; nil is UTC.
	Location *time.Location
	// Reference is the time a year-less stamp is placed before (usually
	// the file's modification time or now); zero leaves years missing.
	Reference time.Time

	// AllowedDestinations are the managed internet destinations
	// (CIAJ-1.4.2-1). Private, loopback, link-local, CGNAT and multicast
	// addresses are always internal; a permitted connection to any other
	// address outside this list is flagged once per destination.
	AllowedDestinations []netip.Prefix
	// AllowedInterfaces are the WAN links and tunnels expected to come up
	// (as the device names them: "wan", "pppoe-out1", "PP[01]",
	// "Dialer1"). Nil means links are not judged.
	AllowedInterfaces []string

	// KnownMACs are the inventory's MAC addresses, in any notation
	// (CIAJ-1.4.2-2). Nil means no device is known: every MAC seen in a
	// lease or association is reported once.
	KnownMACs []string

	// ScanPorts is how many distinct ports (or hosts) one source must
	// reach within ScanWindow to count as a scan; 0 means 10 in 60 s.
	ScanPorts  int
	ScanWindow time.Duration
	// FloodEvents is how many dropped packets from one source within
	// FloodWindow count as a flood; 0 means 100 in 10 s.
	FloodEvents int
	FloodWindow time.Duration
	// AllowedPorts are the destination ports permitted connections are
	// expected to use; nil means DefaultAllowedPorts.
	AllowedPorts []int
	// WorkHours are when administrator logins are expected; nil means
	// Monday–Friday 08:00–19:00.
	WorkHours []Window

	// FailureBurst is how many failed logins from one source within
	// FailureWindow are a burst; 0 means 5 in 5 minutes (fail2ban's
	// maxretry/findtime defaults). At most 16.
	FailureBurst  int
	FailureWindow time.Duration
	// KnownUsers are the accounts allowed to log in; nil means user
	// names are not judged (rule not applicable).
	KnownUsers []string
	// AdminSources are the networks administrators log in from; nil
	// means the private ranges.
	AdminSources []netip.Prefix
	// ChangeWindows are when configuration changes are expected; nil
	// means none, so every change is reported.
	ChangeWindows []Window

	// MaxTracked bounds each table of per-source and first-seen state;
	// 0 means 10000. When a table is full a quarter of it is forgotten,
	// so memory stays constant whatever the input size.
	MaxTracked int
	// MaxFindingsPerRule bounds the findings of one rule; further hits
	// are counted and reported in one summary finding. 0 means 100.
	MaxFindingsPerRule int
	// MaxRecord bounds one record in bytes; 0 means 64 KiB.
	MaxRecord int
	// Progress, when set, is called with the bytes read so far about
	// every 8192 records and at the end of each input.
	Progress func(bytes int64)
}

// DefaultAllowedPorts are the destination ports of ordinary office
// traffic: mail, DNS, web, NTP, IPsec, SIP.
func DefaultAllowedPorts() []int {
	return []int{25, 53, 80, 110, 123, 143, 443, 465, 500, 587, 853, 993, 995, 4500, 5060, 5061}
}

// CommonAttemptedUsers are account names that password-guessing tools
// try; a failed login for one of them is shown, not redacted, since it
// is not anyone's mistyped password.
func CommonAttemptedUsers() []string {
	return []string{"root", "admin", "administrator", "user", "guest", "test", "ubnt", "support", "operator", "manager", "cisco", "pi", "oracle", "ftp", "postgres", "mysql", "git", "ubuntu", "default", "service"}
}

var internalPrefixes = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("224.0.0.0/4"),
	netip.MustParsePrefix("255.255.255.255/32"),
	netip.MustParsePrefix("0.0.0.0/32"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("ff00::/8"),
	netip.MustParsePrefix("::1/128"),
}

func privatePrefixes() []netip.Prefix {
	return internalPrefixes[:6:6]
}

type resolved struct {
	Options
	knownMACs  map[uint64]struct{}
	knownUsers map[string]struct{}
	attempted  map[string]struct{}
	ports      map[int]struct{}
	ifaces     map[string]struct{}
}

func resolve(o *Options) resolved {
	var r resolved
	if o != nil {
		r.Options = *o
	}
	if r.Location == nil {
		r.Location = time.UTC
	}
	if r.MaxRecord <= 0 {
		r.MaxRecord = 64 << 10
	}
	if r.ScanPorts <= 0 {
		r.ScanPorts = 10
	}
	if r.ScanWindow <= 0 {
		r.ScanWindow = time.Minute
	}
	if r.FloodEvents <= 0 {
		r.FloodEvents = 100
	}
	if r.FloodWindow <= 0 {
		r.FloodWindow = 10 * time.Second
	}
	if r.FailureBurst <= 0 {
		r.FailureBurst = 5
	}
	r.FailureBurst = min(r.FailureBurst, maxBurst)
	if r.FailureWindow <= 0 {
		r.FailureWindow = 5 * time.Minute
	}
	if r.WorkHours == nil {
		r.WorkHours = []Window{{Days: Weekdays(), From: 8 * time.Hour, To: 19 * time.Hour}}
	}
	if r.AdminSources == nil {
		r.AdminSources = privatePrefixes()
	}
	if r.MaxTracked <= 0 {
		r.MaxTracked = 10000
	}
	if r.MaxFindingsPerRule <= 0 {
		r.MaxFindingsPerRule = 100
	}
	if r.KnownMACs != nil {
		r.knownMACs = map[uint64]struct{}{}
		for _, m := range r.KnownMACs {
			if v, ok := macKey(m); ok {
				r.knownMACs[v] = struct{}{}
			}
		}
	}
	if r.KnownUsers != nil {
		r.knownUsers = map[string]struct{}{}
		for _, u := range r.KnownUsers {
			r.knownUsers[strings.ToLower(u)] = struct{}{}
		}
	}
	r.attempted = map[string]struct{}{}
	for _, u := range CommonAttemptedUsers() {
		r.attempted[u] = struct{}{}
	}
	ports := r.AllowedPorts
	if ports == nil {
		ports = DefaultAllowedPorts()
	}
	r.ports = map[int]struct{}{}
	for _, p := range ports {
		r.ports[p] = struct{}{}
	}
	if r.AllowedInterfaces != nil {
		r.ifaces = map[string]struct{}{}
		for _, i := range r.AllowedInterfaces {
			r.ifaces[i] = struct{}{}
		}
	}
	return r
}

// macKey turns a MAC in colon, hyphen or Cisco dotted notation into a
// number; ok is false when it is not a MAC.
func macKey(s string) (uint64, bool) {
	var v uint64
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		case c == ':' || c == '-' || c == '.':
			continue
		default:
			return 0, false
		}
		v = v<<4 | uint64(d)
		n++
	}
	return v, n == 12
}

func inPrefixes(a netip.Addr, ps []netip.Prefix) bool {
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
