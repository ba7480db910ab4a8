// Package peertest runs real protocol peers for tests: OpenSSH sshd,
// dropbear, net-snmp snmpd, kamailio, chronyd and rsyslogd, each started
// from the Debian binary on 127.0.0.1 on a free high port with its
// configuration, keys and state in a test temp dir. A starter waits until
// the daemon is ready, fails the test with the daemon's output when it does
// not come up, and stops (and reaps) the process in t.Cleanup; when the
// test failed, the daemon's output is logged.
//
// # Skipping and requiring peers
//
// [Require] looks a binary up in PATH and in /usr/sbin and /sbin. When it
// is missing the test is skipped — unless the environment variable
// NETDEVSEC_REQUIRE_PEERS=1, in which case the test fails: CI sets it so
// that a missing peer can never turn into a silent pass. [Skip] does the
// same for other preconditions (for example [EnsureUser] when not root).
//
// # What it touches
//
// Only 127.0.0.1: every daemon listens there and nowhere else. Files are
// written under t.TempDir(). Running as root, [StartSSHD] creates the
// privilege-separation directory /run/sshd when it is missing, and
// [EnsureUser] creates (once) a local account with a password the test
// chooses, for password and keyboard-interactive authentication tests.
//
// The Debian packages are: openssh-server openssh-client dropbear-bin
// snmpd kamailio chrony rsyslog (and ssh-audit, snmp for some tests).
package peertest
