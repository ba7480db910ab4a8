// Package router holds router facts, their rules and importers for router
// configuration formats: the takeover cases of the guideline (DNS hijack,
// man-in-the-middle by changed settings, neighbours on the wireless LAN),
// factory passwords and automatic updates.
//
// # Facts, rules, findings
//
// [Facts] describe one router: management services and where they listen
// (LAN, WAN, any; with ACLs), administrator accounts and the credentials
// of its configuration (as password.Credential values, judged by package
// password), DNS servers used and handed out by DHCP, port forwards, UPnP,
// proxies, scheduled scripts, static routes, wireless networks, file
// sharing, SNMP communities (as secrets) and SNMPv3 users, the SSH
// server's algorithms, logging and NTP (as logging.Facts), firmware
// version and automatic update. Nil pointers and lists whose section is
// not marked known mean "not known": [Check] reports unknown, never pass.
//
// [Check] is pure: it runs every rule of [Rules] over facts and returns one
// finding per rule. Baselines the operator expects (DNS servers, port
// forwards, routes, scripts, proxies) are facts too (ExpectedDNS …),
// normally from the inventory's facts.router.
//
// # Importers
//
// [Import] picks an importer by vendor: [ImportCiscoIOS] (running-config),
// [ImportYamaha] (RTX `show config`: pp/tunnel select contexts, lines
// wrapped at 80 columns, Japanese comments), [ImportRouterOS] (RouterOS
// v6/v7 `/export` with continuation lines; defaults filled in because an
// export lists only changes) and [ImportOpenWrt] (UCI files of
// /etc/config and etc/shadow, also from a sysupgrade backup via
// [ReadOpenWrtBackup]). Every importer reports the lines it did not
// understand ([Facts.Unparsed], file:line and the line's first words, cut
// before anything that may be a secret), like Batfish's unrecognised-line
// warnings; the rule router.import.unparsed lists them. Input is bounded:
// [MaxConfigSize] per file, [MaxLineLength] per line, [MaxBackupSize] and
// [MaxBackupEntries] per backup.
//
// [Auditor] is the audit.Auditor and audit.Collector of the package: it
// reads a device's files.configs (and files.config_dir) through the
// inventory, imports them, and publishes the derived router, password,
// logging and firmware facts ([Publish]). With [Auditor.Probe] set it also
// probes each router's first address and merges what it saw.
//
// # Inventory
//
// A router entry names its configuration and, under facts.router, the
// operator's baseline and anything the configuration cannot show:
//
//	devices:
//	  - id: rtr-osaka-2
//	    class: router
//	    vendor: yamaha          # cisco, openwrt, mikrotik, yamaha
//	    files:
//	      configs: [configs/rtr-osaka-2.conf]   # OpenWrt: config_dir or a .tar.gz backup
//	    facts:
//	      router:
//	        expected_dns: [192.0.2.53, 192.168.20.1]
//	        expected_forwards: [tcp/443]      # protocol/outside-port
//	        expected_routes: [10.20.0.0/16]   # non-default static routes
//	        expected_scripts: [backup]        # scheduled jobs, by name
//	        first_setup: {change_enforced: true}
//
// # Probing
//
// [ProbeFleet] probes routers over SNMP (package probe/snmp) and, when
// given a prober, SSH (package probe/ssh) with bounded concurrency and
// per-device deadlines; [ProbeResult.Apply] turns what it saw into facts.
//
// # Touches
//
// Config text the caller passes in or the inventory names; network only in
// [ProbeFleet] (UDP 161 GETs, SSH banner/KEXINIT, to the addresses given).
// Secrets from configs stay in netdevsec.Secret values and never reach
// evidence, messages or unparsed-line text.
//
// # Clauses
//
// CIAJ-3.3-0, CIAJ-3.3-1, CIAJ-3.3-2, CIAJ-3.4-1, CIAJ-3.4-2, CIAJ-3.4-3,
// and CIAJ-1.2-1, CIAJ-1.2-2, CIAJ-1.2-4, CIAJ-1.3.1-1 where a router rule
// serves them.
package router
