// Package logging checks a device's log policy and reviews its logs, for
// the logging clauses of the CIAJ guideline.
//
// # Checks
//
// Log-policy rules over [Facts], judged against a [Policy] whose zero
// value is the documented default: product capabilities (CIAJ-1.4.1-0),
// logging enabled and both security and operation logs recorded
// (1.4.1-1), needed events and no debug level, local buffer ≥ 64000
// bytes (1.4.1-2), time stamps with date, year and zone, NTP with ≥ 2
// sources, strong authentication (MD5/SHA-1 flagged) and no broadcast
// (1.4.1-3), review cadence (1.4.2-1…4), forwarding configured, reliable
// (UDP-only flagged) and encrypted (RFC 5425), storage-full behaviour and
// backup cadence (1.4.2-6), disposal record (1.4.3-1). Sources (CIS
// benchmarks, NDcPP v4.0, NIST SP 800-92, DISA STIG) are named in each
// rule's description and references.
//
// Subpackages: [github.com/netdevsec/netdevsec/logging/syslog] parses
// records, [github.com/netdevsec/netdevsec/logging/review] reviews them
// for the four perspectives of CIAJ-1.4.2,
// [github.com/netdevsec/netdevsec/logging/ntpcheck] queries NTP servers
// and [github.com/netdevsec/netdevsec/logging/forward] receives syslog to
// prove forwarding works.
//
// # Touches
//
// The [Auditor] reads the device's facts.logging entry of the inventory
// (or the facts a device-class importer derived) and, when
// Auditor.Review is set, the device's files.logs through the inventory's
// file system. No network.
//
// # Clauses
//
// CIAJ-1.4.1-0, CIAJ-1.4.1-1, CIAJ-1.4.1-2, CIAJ-1.4.1-3, CIAJ-1.4.2-1 …
// CIAJ-1.4.2-4, CIAJ-1.4.2-6, CIAJ-1.4.3-1.
package logging
