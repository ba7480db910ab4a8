// Package router holds router facts, their rules and importers for router
// configuration formats: the takeover cases of the guideline (DNS hijack,
// man-in-the-middle by changed settings, neighbours on the wireless LAN),
// factory passwords and automatic updates.
//
// # Touches
//
// Config text the caller passes in; probes over SSH and SNMP live in the
// probe packages.
//
// # Clauses
//
// CIAJ-3.3-0, CIAJ-3.3-1, CIAJ-3.3-2, CIAJ-3.4-1, CIAJ-3.4-2, CIAJ-3.4-3.
package router
