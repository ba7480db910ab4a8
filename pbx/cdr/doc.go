// Package cdr reviews PBX call-detail records for toll fraud (CIAJ-2.3-0):
// international calls from extensions not allowed to make them,
// high-risk destinations, calls outside working hours and on Japanese
// holidays, bursts and concurrent international calls, new destination
// countries per extension, calls from rarely used or first-seen
// extensions, and calls relayed from an inbound context to a trunk.
//
// [Reader] streams Asterisk cdr_csv Master.csv in its 16, 17, 18, 19 and
// 21-column layouts (see [MasterCSVLayout]) and any CSV with a header row
// ([HeaderLayout]), with a hand-written field splitter that does not
// allocate per row. [Review] keeps bounded per-extension state, so memory
// does not grow with the number of rows. [JapaneseHolidays] computes the
// national holidays; [CountryCode] maps numbers to E.164 country codes.
//
// # Touches
//
// The CDR files the caller opens. CDRs are personal data: findings name
// extensions and dialled numbers, never caller names.
//
// # Clauses
//
// CIAJ-2.3-0, CIAJ-2.3-3, CIAJ-2.3-4, CIAJ-2.4-1.
package cdr
