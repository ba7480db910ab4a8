// Package audit runs rule sets over a fleet inventory and gathers their
// findings into a [netdevsec.Report].
//
// Rule sets are [Auditor] values that domain packages (password, firmware,
// logging, router, pbx, fax) provide; the caller passes them as an
// explicit list — nothing registers itself. [Run] keeps going when one
// device or one auditor fails: the failure becomes a finding with
// [netdevsec.StatusError] for that device, and every other device is still
// audited. Concurrency is bounded, cancellation is honoured, and the
// report's order does not depend on scheduling.
//
// # Touches
//
// Whatever the auditors touch (config, log and CDR files named in the
// inventory; devices, when an auditor probes). The runner itself does no
// I/O.
//
// Clauses: all, through the auditors it runs.
package audit
