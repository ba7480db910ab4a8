// Package password judges device credentials: factory defaults left in
// place, guessable passwords, reuse across devices and systems, secrets
// kept in clear in configs, and rotation policy.
//
// # Touches
//
// Credentials the caller passes in (as netdevsec.Secret, never printed)
// and config text. Live default-credential tries are opt-in.
//
// # Clauses
//
// CIAJ-1.2-1, CIAJ-1.2-2, CIAJ-1.2-3, CIAJ-1.2-4, CIAJ-1.2-5, CIAJ-3.3-1.
package password
