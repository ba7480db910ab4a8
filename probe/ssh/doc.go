// Package ssh audits SSH servers of network devices and collects their
// configuration over SSH.
//
// # What it checks
//
// [Prober.Audit] reads what a server offers, the way ssh-audit does and
// x/crypto/ssh cannot (it exposes only the negotiated algorithms): a raw
// connection reads the identification line and the lines before it
// (RFC 4253 §4.2, [ReadIdentification]) and the server's SSH_MSG_KEXINIT
// ([ReadKexInit]): key exchange, host key, cipher, MAC and compression
// algorithms in both directions, and strict key exchange
// (kex-strict-s-v00@openssh.com, the Terrapin CVE-2023-48795 mitigation).
// A second connection completes a handshake with x/crypto/ssh, judges the
// host key, and attempts the "none" method to learn which authentication
// methods the server offers — without sending any credential.
//
// Every offered algorithm is rated by [Rate] against a documented policy
// (see [Level]): RFC 9142 for key exchange, RFC 8758 (RC4), RFC 8732
// (GSS-API SHA-1), RFC 8332 (ssh-rsa), NIST SP 800-131A and FIPS 186-5 for
// primitives, and ssh-audit's public policy as a reference where the RFCs
// are silent. [TerrapinExposed] flags ChaCha20-Poly1305 or CBC+EtM without
// strict key exchange.
//
// [Prober.Run] logs in with a password (the "password" method, then
// "keyboard-interactive" answering password prompts) and runs one command,
// for example "show running-config", returning its output for the router
// importers. [Prober.Login] only checks that credentials are accepted, for
// authorised live default-password checks.
//
// # What it touches
//
// TCP connections to the addresses it is given (port 22 by default), two
// per audit and one per command. Credentials are held as
// [netdevsec.Secret] and never appear in results or errors.
//
// # Secure defaults
//
// Host keys are always verified — against OpenSSH known_hosts files or
// pinned SHA256 fingerprints; [New] refuses options without either unless
// the loudly named InsecureIgnoreHostKey is set. When verification fails,
// [Prober.Run] stops before any credential is sent. Timeouts default to 10 s
// per connection and 60 s per command, output to 4 MiB; zero values mean
// these defaults, never "unlimited". Packet lengths above 35000 bytes, an
// identification line above 255 bytes and more than 64 lines before it
// are errors.
//
// # Clauses
//
// The results feed the router rules on remote administration and
// man-in-the-middle exposure (CIAJ-3.4-2), firmware identification from
// the banner (CIAJ-3.3-2) and live password checks (CIAJ-1.2-1).
package ssh
