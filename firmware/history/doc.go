// Package history reads, writes and verifies a device's firmware update
// history: a tamper-evident JSON Lines log.
//
// # Format
//
// Each line is one [Record] (install, update, rollback, backup, test) or
// one signed [Checkpoint]. A record carries its sequence number, the
// previous record's hash and its own hash:
//
//	hash = SHA-256(prev_hash || canonical JSON of the record without "hash")
//
// where the canonical JSON is the record encoded with encoding/json in
// the struct's field order, times in UTC. A checkpoint is an ed25519
// signature over "netdevsec-history-checkpoint\n<seq>\n<hash>\n"; kept
// elsewhere too, it lets [Verify] detect that records after it were cut
// off.
//
// # Verification
//
// [Verify] reports, each with its line number: edited records (hash
// mismatch), gaps in the sequence, reordered or duplicated records,
// broken links, bad signatures, and truncation before a known
// checkpoint. One bad line never hides the rest of the report.
//
// # Touches
//
// Only the reader and writer it is given. Lines are limited to
// [MaxLine] bytes, files to [MaxSize].
//
// # Clauses
//
// CIAJ-1.3.2-2 (an update history that can be viewed) and CIAJ-1.3.2-1,
// CIAJ-1.3.2-3 (procedure, backup and test recorded with each update),
// through package firmware.
package history
