// Package pbx audits IP-PBXs against the PBX part of the CIAJ guideline:
// it reads Asterisk and FreeSWITCH configurations into [Facts], walks the
// dial plan from every entry context (package dialplan), and judges the
// facts with pure rules ([Check]); package cdr reviews call records, and
// [CheckProbe] judges what the live SIP probe (package probe/sip) saw.
//
// # What it checks
//
//   - Exposure (CIAJ-2.3-1): firewall placement recorded in facts.pbx;
//     AMI, HTTP/ARI and the event socket listening unrestricted; SIP
//     accounts without permit/deny or ACLs.
//   - Carrier blocking (CIAJ-2.3-2): for each trunk where international
//     calls are not needed, the carrier's international call blocking is
//     recorded as active (facts.pbx.trunks[].international_blocked).
//   - International routes (CIAJ-2.3-3): no path from a guest, inbound or
//     terminal context that should not dial abroad to a trunk with a
//     number that can start with an international prefix (by default
//     010, 00, 011 and '+'; configurable). Patterns are compared
//     exactly: _0X. can dial 010…, _0[2-9]X. cannot.
//   - Relay (CIAJ-2.3-4, CIAJ-2.4-1): no path from an inbound trunk or a
//     guest context to a trunk without Authenticate or a DISA PIN; no
//     DISA without a password; no open pattern (_X., _.) passed
//     unfiltered into Dial (${EXTEN} injection).
//   - Terminal authentication (CIAJ-2.3-5, CIAJ-2.4-2): no guest or
//     anonymous calls, no insecure=invite on terminals, no autocreatepeer
//     or accept-blind-reg, alwaysauthreject not off, every account
//     authenticates, no secret equal to its account name. SIP secrets and
//     management logins are published as password facts, so the password
//     rules judge their strength (CIAJ-1.2-x).
//   - Call records (CIAJ-2.3-0): CDRs enabled with a backend; the
//     [Auditor] reviews files.cdrs with package cdr.
//
// Every dial-plan finding shows the path a call takes (context → include
// → extension → application) and points at the Dial or DISA line.
//
// # Importers
//
// [ImportAsterisk] reads sip.conf, pjsip.conf, extensions.conf,
// manager.conf, http.conf, rtp.conf, cdr.conf and acl.conf, following
// #include/#tryinclude (globs, cycles and depth bounded) and templates.
// [ImportFreeSWITCH] reads vars.xml, sip_profiles, directory and the XML
// dial plan with X-PRE-PROCESS includes. Lines they do not understand are
// reported in Facts.Problems with file:line, and the rest is still read.
// Input is bounded (Limits: 4 MiB per file, 32 MiB in all, 16 KiB lines).
//
// # Touches
//
// The configuration and CDR files the caller names (through an fs.FS or
// the inventory's files); no network. Secrets read from configs are held
// as netdevsec.Secret and never printed. The live probe is in package
// probe/sip and runs only when the caller asks for it.
//
// # Clauses
//
// CIAJ-2.3-0, CIAJ-2.3-1, CIAJ-2.3-2, CIAJ-2.3-3, CIAJ-2.3-4, CIAJ-2.3-5,
// CIAJ-2.4-1, CIAJ-2.4-2 (and CIAJ-1.2-2 through the password facts).
package pbx
