// Package firmware checks that a device's installed firmware is known,
// current and free of published advisories, and that updates follow a
// recorded practice.
//
// # Checks
//
//   - firmware.version.recorded: the installed version is known.
//   - firmware.update.capable: the firmware can be updated (CIAJ-1.3.1-1).
//   - firmware.latest.at-install: no newer release of the installed
//     version's branch existed on the installation date, by a dated
//     release catalogue (CIAJ-1.3.1-2).
//   - firmware.advisory.affected, firmware.advisory.unknown, firmware.kev:
//     the installed version against advisories (package
//     firmware/advisory): affected with the fix in the device's own
//     branch, undecidable with the reason, known exploited (CIAJ-1.3.1-2).
//   - firmware.update.procedure: every change in the history references
//     an approved written procedure (CIAJ-1.3.2-1).
//   - firmware.history.present, .integrity, .complete: a per-device,
//     hash-chained and signed history (package firmware/history) that
//     ends with the running version (CIAJ-1.3.2-2).
//   - firmware.update.backup-tested: a backup and a passing staging test
//     of the same version before each production update (CIAJ-1.3.2-3).
//
// Rules are pure: [Check] takes [Facts] and what was [Observed] (advisory
// verdicts, the verified history). The [Auditor] gathers those from the
// inventory: the device's firmware field, facts.firmware (update function,
// installation date, release catalogue, history file and key, advisory
// documents, procedures) and the facts device-class importers derive
// (dev.Derived["firmware"]). Versions are ordered by package
// firmware/version, per vendor scheme and branch.
//
// # Touches
//
// Files named in facts.firmware (history, advisory documents), read
// through the inventory's file system with size limits. No network, no
// credentials.
//
// # Clauses
//
// CIAJ-1.3.1-1, CIAJ-1.3.1-2, CIAJ-1.3.2-1, CIAJ-1.3.2-2, CIAJ-1.3.2-3.
package firmware
