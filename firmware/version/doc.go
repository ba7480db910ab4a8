// Package version parses and orders firmware and package version strings
// under named schemes.
//
// A [Scheme] is chosen explicitly — from the device's vendor and product
// ([ForProduct]) or from an advisory's declared type ([Lookup]) — and never
// guessed from the shape of the string: "21.4R3" is a Junos version only
// when the device runs Junos.
//
// # Branches
//
// Vendor schemes are branch-aware. Cisco IOS orders releases only within a
// train ("15.2M"), Junos within a release ("21.4"), Yamaha within a
// series ("15.02"), Yealink within a hardware prefix ("84"), FortiOS within
// a minor release ("7.2"), Asterisk within a major or a certified line.
// [Compare] reports versions of different branches (or schemes) as
// incomparable: ok is false. Special builds that no published order
// covers (IOS XE "17.9.1x1", FortiOS special-attribute builds) are each
// their own branch, so only equality holds for them. [TotalCompare] is
// still a total, deterministic order for sorting: scheme, branch, version,
// then the raw string.
//
// # Keys
//
// Parsing normalises a version into a compact byte key compared without
// allocation: numbers of any length (no integer overflow; leading zeros
// ignored), pre-releases below the release, post-releases and respins
// above it, missing components equal to zero where the scheme says so.
// Cosmetic differences give equal keys: "Rev.15.02.09" = "15.02.09",
// "3.0.0.4.386_51598" = "3.0.0.4.386.51598", "7.2.4 build1396" = "7.2.4".
//
// # Touches
//
// Nothing: pure functions over strings. Input longer than [MaxLen] bytes
// is rejected.
//
// # Clauses
//
// Serves CIAJ-1.3.1-2 (installed firmware is current and free of known
// vulnerabilities) through package firmware.
package version
