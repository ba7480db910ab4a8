// Package snmp probes a device's SNMP agent: which well-known or
// user-supplied v1/v2c communities it answers, its SNMPv3 engine (ID,
// boots, time — disclosed without credentials by design), which SNMPv3
// users answer without authentication, and what sysDescr/sysObjectID say
// about vendor, model and firmware version.
//
// The probe reports what it saw; rules in package router decide
// pass/fail (CIAJ-3.4-2 default and writable communities, CIAJ-1.2-1
// default credentials, CIAJ-1.2-4 secrets in clear).
//
// # Touches
//
// UDP to the target's SNMP port (161 unless [Options.Port] says
// otherwise): a GET of sysDescr.0 and sysObjectID.0 per community and
// version, one SNMPv3 discovery request, and one GET per SNMPv3 user
// name given. It never writes (no SET): whether a community is writable
// is not probed. Community strings are held as [netdevsec.Secret].
//
// # Defaults
//
// A zero [Options] tries "public" and "private" over v1 and v2c with a 1 s
// timeout per request and no retry, at most 4 requests in flight, and
// runs SNMPv3 discovery. A silent host costs about one timeout per batch
// of requests.
//
// gosnmp clients are not safe for concurrent use: every request here uses
// its own client.
package snmp
