// Package password judges device credentials against the CIAJ guideline
// §1.2 and §3.3: factory defaults left in place, guessable and
// device-derived passwords, reuse across devices and systems, secrets
// kept in clear in configs, weak PBX PINs, and rotation policy.
//
// # Entry points
//
//   - [Checker.Check] judges one password (a provisioning screen, the CLI's
//     "netdevsec password check"): empty → factory default (the embedded
//     [Defaults] database, vendor- and model-scoped, with blank,
//     same-as-user, serial- and MAC-derived patterns) → blocklist
//     ([CommonPasswords], optionally a k-anonymity [RangeClient]) →
//     device-derived words ([DeviceDerived]) → strength (package
//     password/strength, zxcvbn-compatible) → policy [Profile]s ([NIST4],
//     [CIAJ2019], [PINProfile] or custom). Every failing [Reason] names its
//     rule and cites its source.
//   - [ScanConfig] finds secrets in config text (Cisco IOS, Yamaha RTX,
//     Asterisk, OpenWrt, hostapd, wpa_supplicant, net-snmp, key=value) and
//     returns them as [Credential]s with their storage class and line.
//   - [Checker.Findings] runs the rules over a device's [Facts];
//     [NewAuditor] wraps everything for the audit runner, including fleet
//     reuse.
//   - [FleetKey], [Store]: reuse detection without plaintext.
//   - [LiveCheck]: the opt-in live default check.
//
// # Touches
//
// Credentials the caller passes in (as netdevsec.Secret, used
// transiently and never printed, logged, stored or put in a finding or
// error), config files named in the inventory, and — only when
// [LiveOptions] are given — the devices' SSH (TCP 22) and SNMP (UDP 161)
// ports: a small approved list of defaults, at most
// [HardMaxLiveAttempts] tries per device, paced, with SSH host keys
// verified before any password is sent. [HTTPRangeClient] sends the first
// 5 hex digits of a password's SHA-1 to the service the caller names;
// nothing else leaves the process.
//
// # Reuse and its threat model
//
// Reuse is found by comparing keyed fingerprints: HMAC-SHA-256 under a
// fleet key over the NFKC password, and over the case-folded user name
// and password, with domain separation, truncated to 128 bits. A
// [Store] of fingerprints can be saved (versioned JSON) so a management
// system can check a new password against the fleet and other systems.
// Someone who steals a store without the key learns only which entries
// share a password; with the key they can test guesses offline at HMAC
// speed — keep the key in a secrets manager, never with the store, and
// rotate it (rebuilding the store) if it may have leaked. Where a device
// keeps only salted hashes (Cisco type 5, 8, 9), reuse is found by
// verifying the fleet's known passwords against them ([VerifyHash]),
// bounded per hash. The default key is random per run, so nothing links
// across runs unless the caller supplies one.
//
// # Data
//
// The factory-default database (data/defaults.csv, versioned, every
// entry naming the vendor document or advisory it comes from) was written
// by the netdevsec authors; the blocklist is built from the zxcvbn
// password frequency list (MIT, via github.com/trustelem/zxcvbn) and the
// database's fixed passwords.
//
// # Clauses
//
// CIAJ-1.2-1, CIAJ-1.2-2, CIAJ-1.2-3, CIAJ-1.2-4, CIAJ-1.2-5, CIAJ-2.3-4,
// CIAJ-3.3-1.
package password
