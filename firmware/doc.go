// Package firmware checks that a device's installed firmware is known,
// current and free of published advisories, and that updates follow a
// recorded practice.
//
// # Checks
//
// The installed version is recorded (CIAJ-1.3.1-2). Version ordering,
// advisory matching and update-practice rules build on [Facts].
//
// # Touches
//
// The inventory's firmware field and facts.firmware entry. Nothing else.
//
// # Clauses
//
// CIAJ-1.3.1-1, CIAJ-1.3.1-2, CIAJ-1.3.2-1, CIAJ-1.3.2-2, CIAJ-1.3.2-3.
package firmware
