// Package review reads device logs of any size at constant memory and
// reports what the CIAJ guideline asks reviewers to look for.
//
// # Checks
//
//   - CIAJ-1.4.2-1 unmanaged internet connections: permitted flows to
//     destinations outside Options.AllowedDestinations, WAN links and
//     tunnels outside Options.AllowedInterfaces.
//   - CIAJ-1.4.2-2 unauthorised devices: DHCP leases, wireless
//     associations and refused devices whose MAC is not in
//     Options.KnownMACs (once per MAC).
//   - CIAJ-1.4.2-3 suspicious communication: scans (one source, many
//     ports or hosts within a window, or device-reported scans, IPS hits
//     and SIP dial-plan probes), floods, permitted connections to unusual
//     ports, logins outside work hours.
//   - CIAJ-1.4.2-4 unauthorised operations: login failures, bursts of
//     failures, logins by unknown users or from unknown sources,
//     configuration changes outside change windows, log clearing, clock
//     changes.
//   - CIAJ-1.4.1-3: records stamped by an unsynchronised clock.
//
// Every threshold and list is an [Options] field whose zero value is the
// documented default.
//
// # Memory and secrets
//
// State is held in tables bounded by Options.MaxTracked, findings per
// rule by Options.MaxFindingsPerRule (with a summary of the rest), and
// records by Options.MaxRecord, so memory does not grow with the input
// (TestConstantMemory; NETDEVSEC_LOG_BYTES=1000000000 go test -run
// TestConstantMemory -v ./logging/review/ streams 1 GB). User names typed
// at failed logins are redacted unless known, since people type their
// password there; values after password/secret/community/key words are
// redacted from quoted records ([RedactSecrets]).
//
// # Touches
//
// Only the io.Reader it is given.
package review
