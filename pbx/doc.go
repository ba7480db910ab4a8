// Package pbx holds IP-PBX facts, their rules, importers for PBX
// configuration (Asterisk, FreeSWITCH) with dial-plan reachability, and
// call-record (CDR) review against toll fraud.
//
// # Touches
//
// Config and CDR files the caller passes in; live SIP probes live in the
// probe packages.
//
// # Clauses
//
// CIAJ-2.3-0, CIAJ-2.3-1, CIAJ-2.3-2, CIAJ-2.3-3, CIAJ-2.3-4, CIAJ-2.3-5,
// CIAJ-2.4-1, CIAJ-2.4-2.
package pbx
