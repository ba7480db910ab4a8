// Package probe is the parent of the live network probes:
// [github.com/netdevsec/netdevsec/probe/ssh] (banner,
// offered algorithms, host key, authentication methods, command runs),
// snmp (community and SNMPv3 exposure, identification) and sip (OPTIONS,
// unauthenticated REGISTER/INVITE). Probes are the only packages of
// netdevsec that open connections to devices: each takes ctx first, bounds
// every connection with a timeout whose zero value is a safe default,
// verifies peers where the protocol allows (SSH host keys are always
// checked unless an option named Insecure… says otherwise), and connects
// only to the addresses its caller names. Their results are facts that the
// router, pbx and password rules judge.
//
// This package itself holds no code.
package probe
