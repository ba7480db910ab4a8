// Package sip is a small live SIP probe of a PBX or registrar
// (CIAJ-2.3-5, CIAJ-2.4-2, CIAJ-2.3-1): it sends OPTIONS (banner and
// Allow), a REGISTER of a random, surely non-existent user without
// credentials (a 2xx means the registrar accepts anyone), optionally a
// REGISTER of a known user (different answers for known and unknown users
// allow extension enumeration), and an INVITE without credentials to an
// external-looking number (it must be challenged or refused). It reports
// what it saw ([Result]); package pbx's probe rules turn that into
// findings — a probe never decides pass or fail.
//
// Unlike differential scanners (SIPVicious svwar), it does not need the
// random user to be rejected: an open registrar that answers 200 to
// everyone is caught directly.
//
// # Touches
//
// UDP or TCP to the address the caller gives, one request at a time,
// spaced by Options.Interval (250 ms by default), each bounded by
// Options.Timeout (3 s by default) and by ctx. A REGISTER that succeeds
// is removed again (Expires: 0); an INVITE that rings is cancelled, one
// that is answered is hung up. Responses are bounded to 64 KiB and 128
// headers. No credentials are sent. Probe only systems you are
// authorised to test.
//
// # Clauses
//
// CIAJ-2.3-1, CIAJ-2.3-5, CIAJ-2.4-2.
package sip
