// Package hylafax reads the configuration and transfer log of a HylaFAX
// fax server (HylaFAX and HylaFAX+, as packaged by Debian as
// hylafax-server) into plain values: the scheduler and per-modem
// configuration (etc/config, etc/config.<devid>), hfaxd.conf, the client
// access list hosts.hfaxd, the sender qualification files named by
// QualifyTSI/QualifyPWD, FaxDispatch routing, setup.cache, and the
// xferfaxlog activity log. Package fax turns them into facts and judges
// them; this package only parses.
//
// # Touches
//
// The files of a configuration directory given as an [io/fs.FS]
// (/etc/hylafax or /var/spool/hylafax/etc), and log readers the caller
// opens. Nothing on the network, no process is run.
//
// # Bad input
//
// Every parser bounds line length ([MaxLineBytes]) and file size
// ([MaxFileBytes]), reports each line it did not understand with its
// file:line in Unparsed (or, for the log, as a [*LineError] from
// [Records]) and goes on with the rest. Passwords of hosts.hfaxd are held
// as [netdevsec.Secret] and never appear in errors or Unparsed reasons.
//
// # Clauses
//
// The facts serve CIAJ-4.3-1 … CIAJ-4.3-4 and CIAJ-4.4-1/-2 through
// package fax.
package hylafax
