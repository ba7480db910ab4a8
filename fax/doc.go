// Package fax checks facsimile machines, MFPs and fax servers against the
// fax part of the CIAJ guideline: sends that reach the wrong place (a
// mis-keyed number, a misconnected analog call), received paper left in a
// shared tray, and sends nobody confirmed. It gives vendors helpers to put
// straight into a device or fax gateway, and administrators an audit of
// real systems.
//
// # Helpers to embed
//
//   - [ConfirmDestination] is the double-entry check (CIAJ-4.4-1): two keyed
//     entries are normalised ([ParseNumber]: separators, full-width digits
//     and Japanese dash variants via NFKC, "+", "00", "010" and carrier
//     codes, the home country code and trunk prefix of [DialOptions],
//     pauses and outside-line codes, extensions "x", "ext", "#", "内線")
//     and compared; errors wrap [ErrEmpty], [ErrInvalidCharacter],
//     [ErrInvalidNumber], [ErrTooLong] or [ErrMismatch].
//   - [MatchRemoteID] says whether a remote CSI/TSI belongs to the dialled
//     number (CIAJ-4.3-2), with a [Verdict], a confidence and a reason;
//     identities that carry only the last digits, or an international
//     form with or without "+", are handled.
//   - [ValidateIdentity] checks TSI/CSI values and [ValidateFCode] F-code
//     SUB/SEP/PWD/SID values against ITU-T T.30: at most 20 characters;
//     digits, "+" and space for identities; digits, "*", "#" and space for
//     F-codes (T.30 §5.3.6.2 and its Table 3; CIAJ's F-code naming rules
//     are not public). Passwords never appear in errors.
//
// # Facts and rules
//
// [Facts] record destination-entry controls, the remote-ID check, memory
// or confidential receive and F-code mailboxes, the handling of received
// documents (printing, routing, file modes), transmission reports and
// journal, PC-fax and fax-server client access, and sender allow-lists.
// Nil pointers mean "not known": rules report unknown, never pass.
// [Check] applies the settings rules ([SettingsRules]);
// [TransferAnalyzer] reviews a transfer log ([LogRules]): sends whose CSI
// contradicts the dialled number, sends outside the address book, jobs
// never delivered, receives outside mailboxes, unknown senders and
// volume spikes. Admin passwords and client password hashes found by the
// importer are published for package password to judge.
//
// # Touches
//
// Only values and files the caller passes in: [Auditor] reads, through
// the inventory, a HylaFAX configuration directory (files.config_dir)
// and xferfaxlog transfer logs (files.other["xferfaxlog…"] or
// files.logs), bounded in line length and size (see
// [github.com/netdevsec/netdevsec/fax/hylafax]). Nothing on the network.
// Transfer logs hold phone numbers of business partners: findings quote
// them as evidence, so treat reports as confidential.
//
// # Clauses
//
// CIAJ-4.3-1, CIAJ-4.3-2, CIAJ-4.3-3, CIAJ-4.3-4, CIAJ-4.4-1, CIAJ-4.4-2,
// and CIAJ-1.4.2-3 for receive-pattern review.
package fax
