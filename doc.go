// Package netdevsec is the shared vocabulary of the netdevsec SDK: the
// [Finding] every check produces, its [Status] and [Severity], the [Rule]
// metadata that names the CIAJ guideline clauses a check serves, the clause
// catalog, the [Secret] type that never prints its value, and the [Report]
// with its text, JSON and SARIF encoders.
//
// # Flow
//
// Sources (inventory, config text, SSH, SNMP, SIP, syslog, CDR, advisories)
// are read by importers and probes into facts; rules are pure functions of
// facts that return findings; findings are gathered into a report and
// encoded. This package holds no I/O besides the encoders' [io.Writer] and
// never imports a device-class package.
//
// # Honest zero values
//
// The zero [Status] is [StatusUnknown], so a finding whose status was
// forgotten never reads as a pass. The zero [Severity] is
// [SeverityUnspecified], which the conformance checks in package checktest
// reject.
//
// # Clauses
//
// Clause IDs such as CIAJ-1.2-3 come from the project's English summary of
// the CIAJ "Communication Network Equipment Security User Guidelines"
// Ver. 1.0; [Clauses] returns them all with English titles.
package netdevsec
