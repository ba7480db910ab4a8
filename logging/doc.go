// Package logging checks a device's log policy and reviews its logs, for
// the logging clauses of the CIAJ guideline.
//
// # Checks
//
// Log-policy rules over [Facts]: NTP time synchronisation (CIAJ-1.4.1-3).
// Further policy rules, syslog parsing and the review engine build on the
// same facts.
//
// # Touches
//
// The audit reads the device's facts.logging entry of the inventory.
// Nothing else.
//
// # Clauses
//
// CIAJ-1.4.1-0, CIAJ-1.4.1-1, CIAJ-1.4.1-2, CIAJ-1.4.1-3, CIAJ-1.4.2-1 …
// CIAJ-1.4.2-6, CIAJ-1.4.3-1.
package logging
