package syslog

import (
	"strings"
	"time"
)

// TimeQuality says how far an [Event]'s Time can be trusted. It is a set
// of flags; the zero value, [TimeExact], means the record carried a full
// date, year and zone from a synchronised clock.
type TimeQuality uint8

// Time quality flags.
const (
	// TimeExact: date, year and zone were all in the record.
	TimeExact TimeQuality = 0
	// TimeMissing: the record has no time stamp; Time is zero.
	TimeMissing TimeQuality = 1 << iota
	// TimeYearInferred: the record had no year; it was inferred from
	// [Options.Reference] (the stamp is not after it by more than a day).
	TimeYearInferred
	// TimeYearMissing: the record had no year and no reference was given;
	// Time has year 0.
	TimeYearMissing
	// TimeZoneMissing: the record had no zone (or an unknown one); Time
	// is in [Options.Location], UTC when nil.
	TimeZoneMissing
	// TimeUnsynchronised: the device said its clock is not synchronised
	// (Cisco "*" prefix).
	TimeUnsynchronised
	// TimeSyncLost: the device's clock was synchronised but lost its
	// source (Cisco "." prefix).
	TimeSyncLost
)

// String lists the flags: "exact", or e.g. "year-inferred,zone-missing".
func (q TimeQuality) String() string {
	if q == TimeExact {
		return "exact"
	}
	var parts []string
	for _, f := range []struct {
		bit  TimeQuality
		name string
	}{
		{TimeMissing, "missing"}, {TimeYearInferred, "year-inferred"}, {TimeYearMissing, "year-missing"},
		{TimeZoneMissing, "zone-missing"}, {TimeUnsynchronised, "unsynchronised"}, {TimeSyncLost, "sync-lost"},
	} {
		if q&f.bit != 0 {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, ",")
}

// Has reports whether every flag of f is set in q.
func (q TimeQuality) Has(f TimeQuality) bool { return q&f == f }

// Vendor names the body format a decoder recognised.
type Vendor string

// Vendors with a body decoder.
const (
	VendorUnknown  Vendor = ""
	VendorCisco    Vendor = "cisco"
	VendorJuniper  Vendor = "juniper"
	VendorMikroTik Vendor = "mikrotik"
	VendorYamaha   Vendor = "yamaha"
	VendorOpenWrt  Vendor = "openwrt"
	VendorFortinet Vendor = "fortinet"
	VendorAsterisk Vendor = "asterisk"
	VendorLinux    Vendor = "linux" // OpenSSH sshd and other generic daemons
)

// Kind is the normalised meaning of an event, what the review rules
// look for.
type Kind uint8

// Event kinds.
const (
	KindOther          Kind = iota // nothing the review rules look for
	KindAuthFailure                // a login or authentication failed
	KindAuthSuccess                // a login succeeded
	KindAuthLockout                // the device blocked logins after failures
	KindLogout                     // a session ended
	KindConfigChange               // the configuration was changed
	KindClockChange                // the clock was set or stepped
	KindClockUnsynced              // the clock lost its time source
	KindLogCleared                 // logs were cleared or logging turned off
	KindConnection                 // a permitted connection or flow
	KindDenied                     // a filter or ACL dropped traffic
	KindScan                       // the device detected a scan or probe
	KindFlood                      // the device detected a flood (DoS)
	KindDHCPLease                  // an address was leased to a MAC
	KindWirelessAssoc              // a station associated with an AP
	KindDeviceRejected             // an unknown device was refused (802.1X, port security)
	KindLinkUp                     // an interface, PPP or WAN link came up
	KindTunnelUp                   // a VPN tunnel came up
	KindUpdate                     // firmware or software was updated
	kindCount
)

var kindNames = [...]string{
	KindOther: "other", KindAuthFailure: "auth-failure", KindAuthSuccess: "auth-success",
	KindAuthLockout: "auth-lockout", KindLogout: "logout", KindConfigChange: "config-change",
	KindClockChange: "clock-change", KindClockUnsynced: "clock-unsynchronised", KindLogCleared: "log-cleared",
	KindConnection: "connection", KindDenied: "denied", KindScan: "scan", KindFlood: "flood",
	KindDHCPLease: "dhcp-lease", KindWirelessAssoc: "wireless-association", KindDeviceRejected: "device-rejected",
	KindLinkUp: "link-up", KindTunnelUp: "tunnel-up", KindUpdate: "update",
}

// String returns the kind's name, e.g. "auth-failure".
func (k Kind) String() string {
	if k < kindCount {
		return kindNames[k]
	}
	return "kind?"
}

// Class is the CIAJ split of logs into the security log and the
// operation log.
type Class uint8

// Classes.
const (
	ClassUnknown Class = iota
	ClassSecurity
	ClassOperation
)

// String returns "security", "operation" or "unknown".
func (c Class) String() string {
	switch c {
	case ClassSecurity:
		return "security"
	case ClassOperation:
		return "operation"
	}
	return "unknown"
}

// ClassOf returns the log class of events of kind k.
func ClassOf(k Kind) Class {
	switch k {
	case KindOther:
		return ClassUnknown
	case KindConnection, KindDHCPLease, KindWirelessAssoc, KindLinkUp, KindTunnelUp:
		return ClassOperation
	}
	return ClassSecurity
}

// Field is one structured value of an event: an RFC 5424 SD parameter
// (ID is the SD-ID), a FortiGate key=value pair or an Asterisk security
// event field (ID empty).
type Field struct {
	ID, Key, Value string
}

// Event is one normalised log record. Every string field is a substring
// of Raw, so that parsing a line costs one allocation; an empty string
// means the record did not carry the value. Nothing is invented: a
// missing year, zone or host stays missing and TimeQuality says so.
type Event struct {
	// Raw is the record as read (without framing).
	Raw string
	// Time is when the record says the event happened; see TimeQuality.
	Time        time.Time
	TimeQuality TimeQuality
	// Priority is the syslog PRI (facility*8+severity), -1 when absent.
	Priority int
	// Facility and Severity come from PRI, or from the vendor body
	// (Cisco "%FAC-SEV-…", FortiGate level=, OpenWrt "daemon.info") when
	// there is no PRI; -1 when unknown.
	Facility, Severity int
	// Host is the originating host as the record names it; empty for
	// host-less lines (it is never filled with the collector's name).
	Host string
	// App is the tag or RFC 5424 APP-NAME, PID its process ID.
	App, PID string
	// Counter and Sequence are Cisco's message counter and sequence
	// number prefixes.
	Counter, Sequence string
	// MsgID is the vendor message ID: Cisco "SEC_LOGIN-4-LOGIN_FAILED",
	// Junos "SSHD_LOGIN_FAILED", FortiGate logid, Asterisk security
	// event type, RFC 5424 MSGID.
	MsgID string
	// Message is the body after the header.
	Message string
	// Vendor names the body decoder that recognised the message.
	Vendor Vendor
	// Kind is what the event means; Class derives from it.
	Kind  Kind
	Class Class
	// Decoded fields of the body; empty when absent.
	User    string // account name
	Src     string // source address (of a login, of traffic)
	SrcPort string
	Dst     string // destination address
	DstPort string
	Proto   string // tcp, udp, icmp, …
	MAC     string // station or client MAC address as written
	Iface   string // interface, zone or tunnel
	Service string // ssh, telnet, http, sip, web, winbox, …
	Reason  string // failure reason as written
	// Fields holds structured data; its backing array is reused when the
	// event is reused.
	Fields []Field
}

// Reset clears ev for reuse, keeping the Fields backing array.
func (ev *Event) Reset() {
	f := ev.Fields[:0]
	*ev = Event{Priority: -1, Facility: -1, Severity: -1, Fields: f}
}

// Field returns the value of the first field named key, and whether
// there is one.
func (ev *Event) Field(key string) (string, bool) {
	for _, f := range ev.Fields {
		if f.Key == key {
			return f.Value, true
		}
	}
	return "", false
}

func (ev *Event) addField(id, k, v string) {
	ev.Fields = append(ev.Fields, Field{ID: id, Key: k, Value: v})
}

// Severity names of RFC 5424 in order of their code.
var severityNames = [...]string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

// SeverityName returns the RFC 5424 keyword of severity code s, or "".
func SeverityName(s int) string {
	if s >= 0 && s < len(severityNames) {
		return severityNames[s]
	}
	return ""
}
